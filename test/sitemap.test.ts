import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import {
  robotsTxt,
  sitemapEntries,
  sitemapXml,
  type SitemapEntry,
} from '../plugin/core/outputs/sitemap.js';
import type { PageView } from '../plugin/core/render/view.js';
import { buildOnce, read } from './helpers.js';

const SITE = 'https://docs.example.com';
const LOCALES = ['en', 'fr-FR', 'it-IT', 'pt-BR', 'ru-RU', 'zh-TW'];
const pageUrl = (tag: string) => `${SITE}/${tag.toLowerCase()}/teams-contact-center/`;

/** The sitemap as data: every `<url>` with its `<loc>`, `<lastmod>` and `xhtml:link` alternates. */
function parseSitemap(xml: string): SitemapEntry[] {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), 'XML declaration');
  assert.match(
    xml,
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  );
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, body]) => ({
    loc: unescape(/<loc>([^<]*)<\/loc>/.exec(body!)![1]!),
    lastmod: /<lastmod>([^<]*)<\/lastmod>/.exec(body!)?.[1],
    alternates: [
      ...body!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]*)" href="([^"]*)"\/>/g),
    ].map(([, hreflang, href]) => ({ hreflang: hreflang!, href: unescape(href!) })),
  }));
}

const view = (tag: string): PageView =>
  ({
    canonical: pageUrl(tag),
    updated: { iso: '2021-04-09', text: '' },
    alternates: ['en', 'fr-FR'].map((t) => ({ tag: t, href: pageUrl(t) })),
    defaultUrl: pageUrl('en'),
  }) as PageView;

const entries = suite('sitemapEntries');
entries(
  'one entry per page listing every language of it and x-default, after the extra pages',
  () => {
    const list = sitemapEntries([view('en'), view('fr-FR')], [{ loc: `${SITE}/`, alternates: [] }]);
    assert.equal(
      list.map((e) => e.loc),
      [`${SITE}/`, pageUrl('en'), pageUrl('fr-FR')],
    );
    assert.equal(list[2], {
      loc: pageUrl('fr-FR'),
      lastmod: '2021-04-09',
      alternates: [
        { hreflang: 'en', href: pageUrl('en') },
        { hreflang: 'fr-FR', href: pageUrl('fr-FR') },
        { hreflang: 'x-default', href: pageUrl('en') },
      ],
    });
  },
);
entries.run();

const xml = suite('sitemapXml');
xml('writes the sitemap protocol with xhtml:link alternates, escaping addresses', () => {
  const text = sitemapXml([
    {
      loc: 'https://x.example.com/a&b/',
      lastmod: '2024-01-15',
      alternates: [{ hreflang: 'en', href: 'https://x.example.com/a&b/' }],
    },
  ]);
  assert.is(
    text,
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
      '  <url>',
      '    <loc>https://x.example.com/a&amp;b/</loc>',
      '    <lastmod>2024-01-15</lastmod>',
      '    <xhtml:link rel="alternate" hreflang="en" href="https://x.example.com/a&amp;b/"/>',
      '  </url>',
      '</urlset>',
      '',
    ].join('\n'),
  );
  assert.equal(parseSitemap(text)[0]!.loc, 'https://x.example.com/a&b/');
});
xml.run();

const robots = suite('robotsTxt');
robots('allows every crawler and names the sitemap by its absolute address', () => {
  const text = robotsTxt(`${SITE}/sitemap.xml`);
  assert.match(text, /^User-agent: \*$/m);
  assert.match(text, /^Allow: \/$/m);
  assert.match(text, /^Sitemap: https:\/\/docs\.example\.com\/sitemap\.xml$/m);
});
robots.run();

const site = suite('the real site with `siteUrl`');
const built = buildOnce(site, { siteUrl: `${SITE}/` });

site(
  'sitemap.xml lists the picker and every article page, each with all six languages and x-default',
  () => {
    const map = parseSitemap(read(join(built.out, 'sitemap.xml')));
    assert.equal(
      map.map((e) => e.loc),
      [`${SITE}/`, ...LOCALES.map(pageUrl)],
    );
    const expected = [
      ...LOCALES.map((t) => ({ hreflang: t, href: pageUrl(t) })),
      { hreflang: 'x-default', href: pageUrl('en') },
    ];
    for (const e of map.slice(1)) {
      assert.equal(e.alternates, expected, e.loc);
      assert.is(e.lastmod, '2021-04-09');
    }
    // Reciprocal: every alternate of every entry is itself an entry that links back to it.
    const byLoc = new Map(map.map((e) => [e.loc, e]));
    for (const e of map)
      for (const a of e.alternates) {
        const other = byLoc.get(a.href);
        assert.ok(other, `${a.href} (an alternate of ${e.loc}) is not in the sitemap`);
        assert.ok(
          other!.alternates.some((b) => b.href === e.loc),
          `${a.href} does not link back to ${e.loc}`,
        );
      }
    // Neither 404 pages nor the status page are for search engines.
    assert.not.match(read(join(built.out, 'sitemap.xml')), /404|translation-status/);
  },
);

site('robots.txt points at the sitemap', () => {
  assert.match(read(join(built.out, 'robots.txt')), `Sitemap: ${SITE}/sitemap.xml`);
});

site(
  'each page has an absolute canonical link and absolute, reciprocal hreflang alternates matching the sitemap',
  () => {
    const map = new Map(parseSitemap(read(join(built.out, 'sitemap.xml'))).map((e) => [e.loc, e]));
    for (const tag of LOCALES) {
      const doc = parse(
        read(join(built.out, tag.toLowerCase(), 'teams-contact-center', 'index.html')),
      );
      const canonical = doc
        .querySelectorAll('link[rel="canonical"]')
        .map((l) => l.getAttribute('href'));
      assert.equal(canonical, [pageUrl(tag)]);
      const alternates = doc
        .querySelectorAll('link[rel="alternate"]')
        .map((l) => ({ hreflang: l.getAttribute('hreflang')!, href: l.getAttribute('href')! }));
      assert.equal(alternates, map.get(pageUrl(tag))!.alternates, tag);
      // The switcher stays root-relative, so a local preview navigates locally.
      assert.equal(
        doc.querySelectorAll('nav a[hreflang]').map((a) => a.getAttribute('href')),
        LOCALES.filter((t) => t !== tag).map((t) => `/${t.toLowerCase()}/teams-contact-center/`),
      );
    }
    const picker = parse(read(join(built.out, 'index.html')));
    assert.is(picker.querySelector('link[rel="canonical"]')!.getAttribute('href'), `${SITE}/`);
  },
);

site('404 pages are not indexed and have no canonical or alternates', () => {
  for (const file of ['404.html', 'fr-fr/404.html']) {
    const doc = parse(read(join(built.out, file)));
    assert.is(doc.querySelector('meta[name="robots"]')!.getAttribute('content'), 'noindex', file);
    assert.is(doc.querySelector('link[rel="canonical"]'), null, file);
    assert.is(doc.querySelectorAll('link[rel="alternate"]').length, 0, file);
  }
});
site.run();
