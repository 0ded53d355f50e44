import type { PageView } from '../render/view.js';

/**
 * One `<url>` of the sitemap: its address, when it last changed, and every language of it (itself
 * included).
 */
export interface SitemapEntry {
  loc: string;
  lastmod?: string;
  alternates: { hreflang: string; href: string }[];
}

/**
 * Entries for every article page (each listing all its languages and `x-default`, as search engines
 * require of every page of the group), after `extra` pages such as the language picker. Addresses
 * must already be absolute: a sitemap with relative ones is invalid.
 */
export function sitemapEntries(
  pages: Pick<PageView, 'canonical' | 'updated' | 'alternates' | 'defaultUrl'>[],
  extra: SitemapEntry[] = [],
): SitemapEntry[] {
  return [
    ...extra,
    ...pages.map((p) => ({
      loc: p.canonical,
      lastmod: p.updated.iso,
      alternates: [
        ...p.alternates.map((a) => ({ hreflang: a.tag, href: a.href })),
        { hreflang: 'x-default', href: p.defaultUrl },
      ],
    })),
  ];
}

/**
 * The sitemap protocol's XML, with `xhtml:link` alternates
 * (https://www.sitemaps.org/protocol.html).
 */
export function sitemapXml(entries: SitemapEntry[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const e of entries) {
    lines.push('  <url>', `    <loc>${xml(e.loc)}</loc>`);
    if (e.lastmod) lines.push(`    <lastmod>${xml(e.lastmod)}</lastmod>`);
    for (const a of e.alternates)
      lines.push(
        `    <xhtml:link rel="alternate" hreflang="${xml(a.hreflang)}" href="${xml(a.href)}"/>`,
      );
    lines.push('  </url>');
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/**
 * A robots.txt that allows everything and names the sitemap (RFC 9309; `Sitemap` needs an absolute
 * address).
 */
export function robotsTxt(sitemapUrl: string): string {
  return [
    '# Written by Lockstep.',
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${sitemapUrl}`,
    '',
  ].join('\n');
}

function xml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}
