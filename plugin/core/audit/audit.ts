import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { digest, type BuildCache } from '../cache.js';
import {
  alternateLinks,
  pageLang,
  readTables,
  tableValues,
  type Found,
  type PageRow,
  type PageTable,
} from './html-tables.js';
import { canonicalTag } from '../load/locales.js';
import {
  positions,
  problem,
  sortProblems,
  type Position,
  type Problem,
  type ProblemCode,
} from '../problems.js';
import { readInput } from '../load/read.js';
import type { FactFormats } from '../render/formats.js';
import { formatsByLang, misformattedOf } from './formatted.js';

export interface AuditOptions {
  /**
   * Locale the others are compared with, as a folder name (`fr-fr`) or a tag (`fr-FR`); for an
   * article it has no page of, the default applies. Default `en` when present, else the first
   * alphabetically.
   */
  reference?: string;
  /**
   * Audit only these pages (for example those a build just wrote); other files are ignored.
   * Default: every page under the folder.
   */
  files?: string[];
  /**
   * Problems name files relative to this folder when they are inside it. Default `process.cwd()`.
   */
  cwd?: string;
  /**
   * The HTML of pages already in memory, by absolute path (a build passes what it has just
   * written); other pages are read from disk.
   */
  html?: Map<string, string>;
  /** The digests of some of those pages' HTML, when the host knows them already. */
  digests?: Map<string, string>;
  /**
   * Remembers what each page's tables look like by a digest of its HTML, so a page written
   * unchanged is not parsed again.
   */
  cache?: BuildCache;
  /**
   * Shapes already worked out (on another thread, while the host wrote the pages), by the digest
   * of a page's HTML: taken instead of parsing the page when the cache has none.
   */
  shapes?: ReadonlyMap<string, Shape>;
}

export interface AuditResult {
  /** Pages read: one per article and locale. */
  pages: number;
  articles: number;
  /** Locale folders found, sorted. */
  locales: string[];
  /** Distinct tables compared (article and table id). */
  tables: number;
  /** One per difference, sorted as `formatProblems` prints them. */
  problems: Problem[];
}

/**
 * The folder cannot be audited at all (it does not exist, or the reference locale has no pages): a
 * usage error, not a difference.
 */
export class AuditInputError extends Error {
  override name = 'AuditInputError';
}

const ARTICLE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
type IsLocaleFolder = (name: string) => boolean;

/**
 * Whether a folder name is a locale's (`fr-fr`), each name worked out once per audit: a page's
 * folder and each of its alternates ask again, and `Intl` is slow to answer.
 */
function localeFolders(): IsLocaleFolder {
  const known = new Map<string, boolean>();
  return (name) => {
    let v = known.get(name);
    if (v === undefined) known.set(name, (v = canonicalTag(name)?.toLowerCase() === name));
    return v;
  };
}

/**
 * Check that every `data-lockstep` table of a built site is identical in every language: pages are
 * `<dir>/<locale>/<article>/index.html`; each article's pages are compared with its reference
 * locale's.
 */
export function audit(dir: string, options: AuditOptions = {}): AuditResult {
  const cwd = options.cwd ?? process.cwd();
  const isLocaleFolder = localeFolders();
  const formats = formatsByLang();
  const found = options.files
    ? pagesAmong(dir, options.files, isLocaleFolder)
    : pagesUnder(dir, display(dir, cwd), isLocaleFolder);
  const locales = [...new Set([...found.values()].flatMap((m) => [...m.keys()]))].sort();
  const wanted = options.reference?.toLowerCase();
  if (wanted !== undefined && found.size && !locales.includes(wanted))
    throw new AuditInputError(
      `No pages for the reference locale \`${options.reference}\` in \`${display(dir, cwd)}\`; the locales found are ${locales.map((l) => '`' + l + '`').join(', ')}.`,
    );
  const result: AuditResult = { pages: 0, articles: 0, locales: [], tables: 0, problems: [] };
  const seen = new Set<string>();
  // A whole folder is audited: every language version a page lists must be in it (a shard missing
  // from a merge).
  // What a missing page's problem names, not the page: a page holds its HTML, and a folder of
  // 10,000 pages held them all to the end.
  const listed = options.files
    ? undefined
    : new Map<
        string,
        {
          locale: string;
          article: string;
          file: string;
          path: string;
          hreflang: string;
          at: number;
        }
      >();
  const present = new Set<string>();
  for (const [article, files] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const pages: Page[] = [];
    for (const [locale, file] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const html = options.html?.get(file) ?? readPage(file, display(file, cwd), result.problems);
      if (html === undefined) continue;
      const known = options.digests?.get(file);
      const p = page(locale, article, display(file, cwd), html, options, formats, known);
      pages.push(p);
      present.add(`${locale}/${article}`);
      if (listed)
        for (const link of alternateLinks(html)) {
          const target = pageAt(link.href, isLocaleFolder);
          if (target && !listed.has(target))
            listed.set(target, {
              locale,
              article,
              file: p.file,
              path: file,
              hreflang: link.hreflang,
              at: link.at,
            });
        }
    }
    if (!pages.length) continue;
    result.pages += pages.length;
    result.articles++;
    for (const p of pages) seen.add(p.locale);
    const ref =
      pages.find((p) => p.locale === wanted) ?? pages.find((p) => p.locale === 'en') ?? pages[0]!;
    // Pages whose tables read the same have nothing to report: compare only when one differs.
    if (
      ref.shape &&
      pages.every((p) => p.shape?.digest === ref.shape!.digest && !p.shape.misformatted)
    ) {
      result.tables += ref.shape.tables;
      continue;
    }
    result.tables += new Set(pages.flatMap((p) => identities(p.tables, (t) => t.id))).size;
    for (const page of pages) {
      if (page !== ref) compareTables(ref, page, result.problems);
      reportMisformatted(page, result.problems);
    }
  }
  for (const [target, page] of listed ?? [])
    if (!present.has(target))
      result.problems.push(
        problem(
          'AUDIT_PAGE_MISSING',
          `\`${page.locale}\`'s page of article \`${page.article}\` lists a \`${page.hreflang}\` version at \`${target}/\`, which \`${display(dir, cwd)}\` does not have. If the site was built in shards, the shard of \`${page.hreflang}\` is missing from the merged folder; otherwise rebuild the site.`,
          page.file,
          // Read again for the position: only for a page whose link points at nothing.
          positions(readPage(page.path, page.file, []) ?? '')(page.at),
        ),
      );
  result.locales = [...seen].sort();
  result.problems = sortProblems(result.problems);
  return result;
}

/**
 * `audited 6 pages of 1 article in 6 languages: tables identical`, or the number of differences.
 */
export function describeAudit(r: AuditResult): string {
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const outcome = r.problems.length ? n(r.problems.length, 'difference') : 'tables identical';
  return `audited ${n(r.pages, 'page')} of ${n(r.articles, 'article')} in ${n(r.locales.length, 'language')}: ${outcome}`;
}

interface Page {
  locale: string;
  article: string;
  file: string;
  /**
   * Read when first needed: with a cache, only pages whose shape differs from the reference's are
   * parsed.
   */
  readonly tables: PageTable[];
  /** `<html lang>`: the language numbers and dates formatted per locale are checked in. */
  lang?: string;
  formats?: FactFormats;
  /** With a cache: a digest of everything the comparison looks at, and the number of tables. */
  shape?: Shape;
  at: (offset: number) => Position;
}

export interface Shape {
  digest: string;
  tables: number;
  /** Facts whose text is not their value formatted for the page's language. */
  misformatted: number;
}
const isShape = (v: unknown): v is Shape =>
  !!v &&
  typeof (v as Shape).digest === 'string' &&
  typeof (v as Shape).tables === 'number' &&
  typeof (v as Shape).misformatted === 'number';

function page(
  locale: string,
  article: string,
  file: string,
  html: string,
  { cache, shapes }: Pick<AuditOptions, 'cache' | 'shapes'>,
  formats: (lang: string | undefined) => FactFormats | undefined,
  known?: string,
): Page {
  let tables: PageTable[] | undefined;
  const p: Page = {
    locale,
    article,
    file,
    get tables() {
      return (tables ??= readTables(html));
    },
    at: positions(html),
    lang: pageLang(html),
  };
  p.formats = formats(p.lang);
  if (!cache) return p;
  // Made from the page's HTML alone (its `tables` are read from it).
  const d = known ?? digest(html);
  p.shape = cache.through(
    file,
    { page: { file, digest: d } },
    isShape,
    () => shapes?.get(d) ?? shapeOf(p.tables, p.formats),
  ).value;
  return p;
}

/** What `audit` compares of a page, from its HTML alone (as `shapes` holds it). */
export function pageShape(
  html: string,
  formats: (lang: string | undefined) => FactFormats | undefined,
): Shape {
  return shapeOf(readTables(html), formats(pageLang(html)));
}

/**
 * Exactly what `compareTables` compares, positions left out: two pages with the same shape have no
 * difference to report.
 */
function shapeOf(tables: PageTable[], formats: FactFormats | undefined): Shape {
  const text = JSON.stringify(tableValues(tables));
  const misformatted = misformattedOf(tables, formats).length;
  return { digest: digest(text), tables: tables.length, misformatted };
}

function reportMisformatted(page: Page, out: Problem[]) {
  for (const m of misformattedOf(page.tables, page.formats))
    out.push(
      problem(
        'AUDIT_FORMATTED',
        `In \`${page.locale}\`, article \`${page.article}\`, table ${label(m.table)}, row ${label(m.row)}: the ${m.found.format} ${tick(m.found.raw)} reads ${tick(m.found.value)}; formatted for \`${page.lang}\` it is ${tick(m.expected)}. Rebuild the site; if this remains, look for a template or a later step that changes the page's text.`,
        page.file,
        page.at(m.found.at),
      ),
    );
}

type Pages = Map<string, Map<string, string>>; // article -> locale -> file

function pagesUnder(dir: string, shown: string, isLocaleFolder: IsLocaleFolder): Pages {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {}
  if (!isDir)
    throw new AuditInputError(
      `\`${shown}\` is not a folder; name the folder a build wrote, such as \`_site\`.`,
    );
  const pages: Pages = new Map();
  for (const l of readdirSync(dir, { withFileTypes: true })) {
    if (!l.isDirectory() || !isLocaleFolder(l.name)) continue;
    for (const a of readdirSync(join(dir, l.name), { withFileTypes: true }))
      if (a.isDirectory() && ARTICLE.test(a.name))
        add(pages, a.name, l.name, join(dir, l.name, a.name, 'index.html'));
  }
  return pages;
}

function pagesAmong(dir: string, files: string[], isLocaleFolder: IsLocaleFolder): Pages {
  const pages: Pages = new Map();
  for (const f of files) {
    const parts = relative(dir, resolve(f)).split(sep);
    if (
      parts.length === 3 &&
      parts[2] === 'index.html' &&
      isLocaleFolder(parts[0]!) &&
      ARTICLE.test(parts[1]!)
    )
      add(pages, parts[1]!, parts[0]!, resolve(f));
  }
  return pages;
}

function add(pages: Pages, article: string, locale: string, file: string) {
  if (!pages.has(article)) pages.set(article, new Map());
  pages.get(article)!.set(locale, file);
}

/**
 * The page's text, or undefined when there is no such file (an article folder without a page) or it
 * cannot be read (a problem).
 */
function readPage(file: string, shown: string, problems: Problem[]): string | undefined {
  const read = readInput(file, 'page', { shown });
  if (read.problem && !read.missing) problems.push(read.problem);
  return read.text;
}

const display = (file: string, cwd: string) => {
  const r = relative(cwd, file);
  if (!r) return '.';
  return !r.startsWith('..') && !isAbsolute(r) ? r.split(sep).join('/') : file;
};

/**
 * `<locale>/<article>` of a page address (`/fr-fr/guide/` or
 * `https://docs.example.com/fr-fr/guide/`), when it has that form.
 */
function pageAt(href: string, isLocaleFolder: IsLocaleFolder): string | undefined {
  let path: string;
  try {
    path = new URL(href, 'http://localhost/').pathname;
  } catch {
    return undefined;
  }
  const parts = path.split('/').filter(Boolean);
  if (parts.at(-1) === 'index.html') parts.pop();
  const [locale, article] = parts.slice(-2);
  return locale && article && isLocaleFolder(locale) && ARTICLE.test(article)
    ? `${locale}/${article}`
    : undefined;
}

/**
 * Identity of each item: its key, then key and occurrence for repeats, so duplicates are compared
 * in order.
 */
function identities<T>(items: T[], key: (x: T) => string): string[] {
  const count = new Map<string, number>();
  return items.map((x) => {
    const k = key(x);
    const c = (count.get(k) ?? 0) + 1;
    count.set(k, c);
    return c === 1 ? k : `${k}\0${c}`;
  });
}

const tick = (s: string) => '`' + s + '`';
const label = (id: string) => {
  const [key, occurrence] = id.split('\0');
  return occurrence ? `${tick(key!)} (occurrence ${occurrence})` : tick(key!);
};
const list = (xs: string[]) => (xs.length ? xs.map(tick).join(', ') : 'none');
const ordinal = (k: number) =>
  `${k}${k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th')}`;

function compareTables(ref: Page, page: Page, out: Problem[]) {
  const refIds = identities(ref.tables, (t) => t.id);
  const ids = identities(page.tables, (t) => t.id);
  const byId = new Map(ids.map((id, k) => [id, page.tables[k]!]));
  const refSet = new Set(refIds);
  const hint = `Rebuild the site; if this remains, look for a template or a later step that treats \`${page.locale}\` differently.`;
  const report = (code: ProblemCode, at: number | undefined, what: string) =>
    out.push(
      problem(code, `${what} ${hint}`, page.file, at === undefined ? undefined : page.at(at)),
    );
  refIds.forEach((id, k) => {
    const mine = byId.get(id);
    if (mine)
      return compareTable(ref, ref.tables[k]!, mine, (code, at, what) =>
        report(
          code,
          at,
          `In \`${page.locale}\`, article \`${page.article}\`, table ${label(id)}${what}`,
        ),
      );
    const next = refIds.slice(k + 1).find((x) => byId.has(x));
    const prev = refIds
      .slice(0, k)
      .reverse()
      .find((x) => byId.has(x));
    const where = next ? ` before table ${label(next)}` : prev ? ` after table ${label(prev)}` : '';
    report(
      'AUDIT_TABLE_MISSING',
      byId.get(next ?? prev ?? '')?.at,
      `\`${page.locale}\` lacks table ${label(id)} of article \`${page.article}\`; expected it${where} as in \`${ref.locale}\`.`,
    );
  });
  ids.forEach((id, k) => {
    if (!refSet.has(id))
      report(
        'AUDIT_TABLE_EXTRA',
        page.tables[k]!.at,
        `\`${page.locale}\` has table ${label(id)} in article \`${page.article}\`, which \`${ref.locale}\` does not have; \`${ref.locale}\` has ${list(refIds)}.`,
      );
  });
}

type Report = (code: ProblemCode, at: number | undefined, what: string) => void;

function compareTable(ref: Page, a: PageTable, b: PageTable, report: Report) {
  const as = ` as in \`${ref.locale}\`.`;
  const refCols = a.columns.map((c) => c.value);
  const cols = b.columns.map((c) => c.value);
  if (refCols.join('\n') !== cols.join('\n')) {
    const k = cols.findIndex((c, i) => c !== refCols[i]);
    const at = k >= 0 ? b.columns[k]!.at : (b.columns.at(-1)?.at ?? b.at);
    report(
      'AUDIT_COLUMNS',
      at,
      `: the column keys are ${list(cols)}; expected ${list(refCols)}${as}`,
    );
  }
  const refIds = identities(a.rows, (r) => r.key);
  const ids = identities(b.rows, (r) => r.key);
  const refIndex = new Map(refIds.map((id, k) => [id, k]));
  const mine = new Map(ids.map((id, k) => [id, b.rows[k]!]));
  // Missing rows, placed between their neighbours in the reference.
  refIds.forEach((id, k) => {
    if (mine.has(id)) return;
    const next = refIds.slice(k + 1).find((x) => mine.has(x));
    const prev = refIds
      .slice(0, k)
      .reverse()
      .find((x) => mine.has(x));
    const where =
      prev && next
        ? `between row ${label(prev)} and row ${label(next)}`
        : next
          ? `before row ${label(next)}`
          : prev
            ? `after row ${label(prev)}`
            : 'in the table';
    report(
      'AUDIT_ROW_MISSING',
      mine.get(next ?? prev ?? '')?.at ?? b.at,
      `: row ${label(id)} is missing; expected it ${where}${as}`,
    );
  });
  // Extra rows, and rows out of the reference's order (those outside a longest run in order).
  const common: number[] = [];
  ids.forEach((id, k) => {
    if (refIndex.has(id)) common.push(k);
    else
      report(
        'AUDIT_ROW_EXTRA',
        b.rows[k]!.at,
        `: row ${label(id)} is not in \`${ref.locale}\`'s table; expected only its ${a.rows.length} row${a.rows.length === 1 ? '' : 's'}.`,
      );
  });
  const inOrder = longestIncreasing(common.map((k) => refIndex.get(ids[k]!)!));
  common.forEach((k, c) => {
    if (inOrder.has(c)) return;
    const r = refIndex.get(ids[k]!)!;
    const after = r === 0 ? '' : `, after row ${label(refIds[r - 1]!)},`;
    report(
      'AUDIT_ROW_ORDER',
      b.rows[k]!.at,
      `: row ${label(ids[k]!)} is ${ordinal(k + 1)}; expected ${ordinal(r + 1)}${after}${as}`,
    );
  });
  // Fields of the rows both have.
  ids.forEach((id, k) => {
    const r = refIndex.get(id);
    if (r !== undefined)
      compareRow(a.rows[r]!, b.rows[k]!, refCols, (code, at, what) =>
        report(code, at, `, row ${label(id)}: ${what}${as}`),
      );
  });
}

function compareRow(a: PageRow, b: PageRow, columns: string[], report: Report) {
  if (a.name?.value !== b.name?.value) {
    const found = b.name ? tick(b.name.value) : 'missing (no element with `translate="no"`)';
    const expected = a.name ? tick(a.name.value) : 'none';
    report('AUDIT_NAME', (b.name ?? b).at, `the name is ${found}; expected ${expected}`);
  }
  const oneLink = a.links.length === 1 && b.links.length <= 1;
  compareList(
    a.links,
    b.links,
    b.at,
    'link',
    (k) => (oneLink ? 'the link' : `link ${k + 1}`),
    'AUDIT_LINK',
    report,
  );
  const named = a.values.length === columns.length;
  const value = (k: number) =>
    named && k < columns.length ? `the value in column ${tick(columns[k]!)}` : `value ${k + 1}`;
  compareList(a.values, b.values, b.at, 'value', value, 'AUDIT_VALUE', report);
  // Facts shown as written (a firmware version, a model) must read the same in every language.
  compareList(
    a.literals,
    b.literals,
    b.at,
    'literal',
    (k) => `the literal text ${k + 1}`,
    'AUDIT_LITERAL',
    report,
  );
}

/**
 * Compare two lists position by position: a changed item, a missing one (reported at the row) or an
 * extra one.
 */
function compareList(
  a: Found[],
  b: Found[],
  rowAt: number,
  noun: string,
  name: (k: number) => string,
  code: ProblemCode,
  report: Report,
) {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k];
    const y = b[k];
    if (x && y && x.value === y.value) continue;
    const what = name(k);
    if (x && y) report(code, y.at, `${what} is ${tick(y.value)}; expected ${tick(x.value)}`);
    else if (x) report(code, rowAt, `${what} is missing; expected ${tick(x.value)}`);
    else
      report(
        code,
        y!.at,
        `${what} ${tick(y!.value)} is extra; expected ${a.length} ${noun}${a.length === 1 ? '' : 's'}`,
      );
  }
}

/** Indexes (into `xs`) of one longest strictly increasing subsequence; O(n log n). */
function longestIncreasing(xs: number[]): Set<number> {
  const tails: number[] = []; // index in xs of the smallest tail of each length
  const prev: number[] = new Array(xs.length).fill(-1);
  xs.forEach((x, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]!]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const keep = new Set<number>();
  for (let k = tails.at(-1) ?? -1; k >= 0; k = prev[k]!) keep.add(k);
  return keep;
}
