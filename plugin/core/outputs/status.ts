import { printable, q } from '../problems.js';
import {
  findingsByLocale,
  type Finding,
  type LocaleStatus,
  type Quality,
} from '../check/quality.js';
import type { Site } from '../load/site.js';
import type { PreviousSource } from '../check/previous.js';
import { byNamespace, groupFindings, where } from './status-groups.js';
import { nativeName, type Head } from '../render/view.js';

/** At most this many findings are listed on a status page; more go on the language's next pages. */
export const FINDINGS_PER_PAGE = 400;

type Text = Record<
  'total' | 'translated' | 'missing' | 'stale' | 'failed' | 'complete' | 'outdated',
  string
>;

/** A language as the status pages show it: its bar, and its findings told by kind. */
export interface StatusLocale extends LocaleStatus {
  name: string;
  dir: 'ltr' | 'rtl';
  /** The language's first status page. */
  url: string;
  /** The counts and the percentage written the way the source language writes numbers. */
  text: Text;
  groups: GroupView[];
  /**
   * Built by another shard: its row and findings are left for `lockstep merge` to copy from that
   * language's own status page (see `mergeStatus`).
   */
  pending?: boolean;
}

/** Findings of one kind (one code and message), counted; listed only where `items` is set. */
export interface GroupView {
  code: string;
  message: string;
  /** "77 strings in 3 articles", in the source language's numbers. */
  label: string;
  items?: (Finding & { where: string })[];
  /**
   * Whether the list quotes the source and the translation: not for outdated strings, often
   * thousands, each a review in the file rather than a fix (their quotes were most of a large
   * site's status pages).
   */
  quote: boolean;
}

/** One article's part of a language page, with its findings grouped and folded. */
export interface ArticleView {
  ns: string;
  anchor: string;
  /** The page that lists this article's findings (and the anchor there). */
  href: string;
  label: string;
  groups: GroupView[];
}

/**
 * One status page: the summary of the site (`/translation-status/`), or one page of a language's
 * findings (`/translation-status/<locale>/`, then `2/`, `3/` ...), article by article.
 */
export interface StatusPage {
  kind: 'summary' | 'locale';
  url: string;
  head: Head;
  /** Every language on the summary; the page's language on its pages. */
  locales: StatusLocale[];
  /** On a language's first page: every article with findings, linking to where they are listed. */
  index: ArticleView[];
  /** The articles listed on this page. */
  articles: ArticleView[];
  /** Page `n` of `of`, with the addresses of the others. */
  page: { n: number; of: number; prev?: string; next?: string };
}

export type StatusView = StatusPage[];

const anchorOf = (ns: string) => `a-${ns.replace(/[^\p{L}\p{N}_-]+/gu, '-')}`;

/**
 * The status pages: a summary, then each language's findings in pages of at most
 * `FINDINGS_PER_PAGE`, so no page grows with the site (a 300-article site stays well under 1 MB a
 * page).
 */
export function statusView(site: Site, quality: Quality, perPage = FINDINGS_PER_PAGE): StatusView {
  const number = new Intl.NumberFormat(site.source.tag);
  const percent = new Intl.NumberFormat(site.source.tag, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const plural = (n: number, one: string, many: string) =>
    `${number.format(n)} ${n === 1 ? one : many}`;
  const groupViews = (findings: Finding[], listed: boolean): GroupView[] =>
    groupFindings(findings).map((g) => ({
      code: g.code,
      message: g.message,
      label:
        plural(g.count, 'string', 'strings') +
        (g.namespaces.length > 1
          ? ` in ${plural(g.namespaces.length, 'article', 'articles')}`
          : ''),
      // Fields copied as they are: a quote read from its file when first read stays so.
      items: listed
        ? g.findings.map((f) =>
            Object.defineProperties(
              { where: where(f) } as Finding & { where: string },
              Object.getOwnPropertyDescriptors(f),
            ),
          )
        : undefined,
      quote: g.code !== 'STALE',
    }));
  const head = (title: string): Head => ({
    // Pages for the people who translate, not for readers arriving from a search engine.
    lang: site.source.tag,
    dir: site.source.dir,
    title,
    description: 'How complete and current each language is, and what to fix.',
    alternates: [],
    noindex: true,
  });
  const byLocale = findingsByLocale(quality);
  const pages: StatusPage[] = [];
  const locales = quality.status.map((s): StatusLocale => {
    const mine = byLocale.get(s.locale) ?? [];
    return {
      ...s,
      name: nativeName(site, s.locale),
      dir: site.locales.find((l) => l.tag === s.locale)!.dir,
      url: `/translation-status/${s.locale.toLowerCase()}/`,
      text: {
        total: number.format(s.total),
        translated: number.format(s.translated),
        missing: number.format(s.missing),
        stale: number.format(s.stale),
        failed: number.format(s.failed),
        complete: percent.format(s.complete / 100),
        outdated: number.format(mine.filter((f) => f.code === 'STALE').length),
      },
      groups: groupViews(mine, false),
    };
  });
  // Every language on the summary, in the site's order; those another shard assessed are pending.
  const assessed = new Map(locales.map((l) => [l.locale, l]));
  const summary = site.locales
    .filter((l) => l !== site.source)
    .map((l): StatusLocale => assessed.get(l.tag) ?? pendingLocale(site, l.tag, l.dir));
  pages.push({
    kind: 'summary',
    url: '/translation-status/',
    head: head('Translation status'),
    locales: summary,
    index: [],
    articles: [],
    page: { n: 1, of: 1 },
  });
  for (const l of locales) {
    // Pages of whole articles while they fit; an article larger than a page is cut into pages.
    const chunks: { ns: string; findings: Finding[] }[][] = [[]];
    let used = 0;
    for (const [ns, findings] of byNamespace(byLocale.get(l.locale) ?? []))
      for (let k = 0; k < findings.length; k += perPage) {
        const part = findings.slice(k, k + perPage);
        if (used && used + part.length > perPage) {
          chunks.push([]);
          used = 0;
        }
        chunks.at(-1)!.push({ ns, findings: part });
        used += part.length;
      }
    const url = (n: number) => (n === 1 ? l.url : `${l.url}${n}/`);
    const articles = chunks.map((chunk, k) =>
      chunk.map(({ ns, findings }): ArticleView => ({
        ns,
        anchor: anchorOf(ns),
        href: `${url(k + 1)}#${anchorOf(ns)}`,
        label: plural(findings.length, 'finding', 'findings'),
        groups: groupViews(findings, true),
      })),
    );
    const index = new Map<string, ArticleView>();
    for (const a of articles.flat()) if (!index.has(a.ns)) index.set(a.ns, { ...a, groups: [] });
    for (const [ns, findings] of byNamespace(byLocale.get(l.locale) ?? []))
      index.get(ns)!.label = plural(findings.length, 'finding', 'findings');
    for (const [k, list] of articles.entries())
      pages.push({
        kind: 'locale',
        url: url(k + 1),
        head: head(`Translation status: ${l.name} (${l.locale})${k ? `, page ${k + 1}` : ''}`),
        locales: [l],
        index: k ? [] : [...index.values()],
        articles: list,
        page: {
          n: k + 1,
          of: articles.length,
          prev: k ? url(k) : undefined,
          next: k + 1 < articles.length ? url(k + 2) : undefined,
        },
      });
  }
  return pages;
}

function pendingLocale(site: Site, tag: string, dir: 'ltr' | 'rtl'): StatusLocale {
  const none = { total: 0, translated: 0, missing: 0, stale: 0, failed: 0, complete: 0 };
  const text = Object.fromEntries(
    [...Object.keys(none), 'outdated'].map((k) => [k, '']),
  ) as unknown as Text;
  return {
    locale: tag,
    ...none,
    name: nativeName(site, tag),
    dir,
    url: `/translation-status/${tag.toLowerCase()}/`,
    text,
    groups: [],
    pending: true,
  };
}

/** The terminal table of `lockstep status`. */
export function statusTable(status: LocaleStatus[]): string {
  const head = ['locale', 'keys', 'translated', 'missing', 'stale', 'failed checks', 'complete'];
  const rows = status.map((s) =>
    [s.locale, s.total, s.translated, s.missing, s.stale, s.failed, `${s.complete}%`].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Places listed under each kind of finding in the terminal, unless `--all`. */
const SHOWN = 3;

/**
 * `lockstep status`: the report for a terminal, findings grouped by kind (`all`: every finding on
 * its own line) or, with `json`, for machines; `strict` fails on any finding.
 */
export function statusReport(
  site: Site,
  quality: Quality,
  opts: { json?: boolean; strict?: boolean; all?: boolean; previous?: PreviousSource },
): { text: string; code: number } {
  const code = opts.strict && quality.findings.length ? 1 : 0;
  const was = (f: Finding) =>
    f.code === 'STALE' ? opts.previous?.(f.locale, f.ns, f.key) : undefined;
  if (opts.json) {
    const findings = quality.findings.map(({ severity: _, ...f }) => {
      const previous = was(f as Finding);
      return previous === undefined ? f : { ...f, previous };
    });
    return {
      text: JSON.stringify(
        { sourceLocale: site.source.tag, locales: quality.status, findings },
        null,
        2,
      ),
      code,
    };
  }
  if (!quality.status.length)
    return {
      text: `lockstep status: the site has only its source language, ${q(site.source.tag)}: nothing to translate yet. A translation is a folder of the locales folder named for its language, such as \`fr-FR\` beside \`${site.source.folder}\`.`,
      code: 0,
    };
  const lines = [statusTable(quality.status), ''];
  const byLocale = findingsByLocale(quality);
  let folded = 0;
  for (const s of quality.status) {
    const mine = byLocale.get(s.locale) ?? [];
    if (!mine.length) continue;
    lines.push(`${s.locale}:`);
    if (opts.all) {
      for (const f of mine) {
        lines.push(printable(`  ${where(f)}  ${f.key}  ${f.message}  [${f.code}]`));
        // One line, quoted: the old text's line breaks must not look like more findings.
        const previous = was(f);
        if (previous !== undefined) lines.push(printable(`      was: ${JSON.stringify(previous)}`));
      }
      continue;
    }
    // One line per kind of finding, with where the first few are: a site of 300 articles prints
    // a few lines per language, not thousands.
    for (const g of groupFindings(mine)) {
      const places = g.findings.slice(0, SHOWN).map((f) => `${where(f)} ${f.key}`);
      const more = g.count - places.length;
      folded += more;
      lines.push(
        printable(
          `  ${g.count} × [${g.code}] ${g.message}${g.namespaces.length > 1 ? ` (in ${g.namespaces.length} articles)` : ''}`,
        ),
        ...places.map((p) => printable(`      ${p}`)),
        ...(more ? [`      and ${more} more`] : []),
      );
    }
  }
  if (folded)
    lines.push('', `${folded} finding(s) not listed; \`lockstep status --all\` lists every one.`);
  if (opts.strict && code)
    lines.push(
      '',
      `lockstep status: ${quality.findings.length} finding(s); failing because of --strict.`,
    );
  return { text: lines.join('\n'), code };
}
