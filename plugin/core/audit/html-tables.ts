/** A value read from a page, with the offset of the element it came from. */
export interface Found {
  value: string;
  at: number;
}

/** One `tbody tr` of a Lockstep table: what must be the same in every language. */
export interface PageRow {
  /** `data-key`, or `#<n>` (1-based) for a row without one. */
  key: string;
  at: number;
  /** Text of the row's first element marked `translate="no"` (the partner name). */
  name?: Found;
  /** `href` of every link in the row, in order. */
  links: Found[];
  /** `data-value` of every cell that has one, in order. */
  values: Found[];
  /** Text of every element marked `data-literal` (a fact shown as written), in order. */
  literals: Found[];
  /** Text of every element marked `data-format` (a number or date formatted per language). */
  formatted: Formatted[];
}

/** A fact formatted for the page's language: its text, its raw `data-value` and its kind. */
export interface Formatted extends Found {
  raw: string;
  format: string;
}

/** One `<table data-lockstep="<id>">`. */
export interface PageTable {
  id: string;
  at: number;
  /** Every `data-key` inside `thead`, in order. */
  columns: Found[];
  rows: PageRow[];
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const MARKER = 'data-lockstep';
/**
 * Lengths of the tag names that matter outside a table: `table`, `style`, `title`, `script`,
 * `textarea`.
 */
const MAY_MATTER = new Set([5, 6, 8]);
/** Finds the attribute name in any case, as HTML reads it. */
const MARKER_ANY_CASE = /data-lockstep/gi;

/** One table's values, as `tableValues` gives them (`name` is 0 for a row without one). */
export type TableValues = [
  id: string,
  columns: string[],
  rows: [key: string, name: string | 0, links: string[], values: string[], literals: string[]][],
];

/**
 * What the audit compares of a page's tables, positions left out: two pages with equal values
 * have no difference to report (the audit's cached shape, the bench's checks).
 */
export function tableValues(tables: PageTable[]): TableValues[] {
  const values = (xs: Found[]) => xs.map((x) => x.value);
  return tables.map((t): TableValues => [
    t.id,
    values(t.columns),
    t.rows.map((r) => [
      r.key,
      r.name ? r.name.value : 0,
      values(r.links),
      values(r.values),
      values(r.literals),
    ]),
  ]);
}

/**
 * The `data-lockstep` tables of a page, in document order. A single pass that skips text, comments
 * and raw-text elements; attributes are parsed only inside those tables and on tags that mention
 * `data-lockstep`. Tolerates omitted `</tr>`, `</td>` and `<tbody>` as browsers do; a table nested
 * in a cell belongs to its row.
 */
export function readTables(html: string): PageTable[] {
  const tables: PageTable[] = [];
  const n = html.length;
  const nextMarker = (from: number) => {
    MARKER_ANY_CASE.lastIndex = from;
    return MARKER_ANY_CASE.exec(html)?.index ?? -1;
  };
  let marker = nextMarker(0);
  let table: PageTable | undefined;
  let depth = 0; // open <table> elements, the Lockstep table included
  let section: 'head' | 'body' | 'foot' = 'body';
  let row: PageRow | undefined;
  let name: { tag: string; depth: number; start: number; at: number } | undefined;
  let literal:
    | { tag: string; depth: number; start: number; at: number; format?: string; raw?: string }
    | undefined;
  const endLiteral = (at: number) => {
    if (row && literal) {
      const found = { value: textOf(html.slice(literal.start, at)), at: literal.at };
      if (literal.format === undefined) row.literals.push(found);
      else row.formatted.push({ ...found, format: literal.format, raw: literal.raw ?? '' });
    }
    literal = undefined;
  };
  const endRow = (at: number) => {
    if (row && name) row.name = { value: textOf(html.slice(name.start, at)), at: name.at };
    endLiteral(at);
    row = undefined;
    name = undefined;
  };
  let i = 0;
  while (i < n) {
    if (!table && marker < 0) break; // no Lockstep table in the rest of the page
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const c = html.charCodeAt(lt + 1);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      const close = html.startsWith('<!--', lt) ? '-->' : '>';
      const e = html.indexOf(close, lt + 2);
      i = e < 0 ? n : e + close.length;
      continue;
    }
    const closing = c === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      i = lt + 1; // a `<` in text
      continue;
    }
    let j = nameStart;
    while (j < n && !isNameEnd(html.charCodeAt(j))) j++;
    // Outside a Lockstep table only `table` and the raw-text elements matter: pass over other tags
    // without reading their name (a page has hundreds of them before its first table).
    if (!table && (closing || !MAY_MATTER.has(j - nameStart))) {
      i = tagEnd(html, j) + 1;
      while (marker >= 0 && marker < j) marker = nextMarker(marker + 1);
      continue;
    }
    const tag = lowerSlice(html, nameStart, j);
    const gt = tagEnd(html, j);
    i = gt + 1;
    if (closing) {
      if (!table) continue;
      if (name && tag === name.tag && --name.depth === 0 && row) {
        row.name = { value: textOf(html.slice(name.start, lt)), at: name.at };
        name = undefined;
      }
      if (literal && tag === literal.tag && --literal.depth === 0) endLiteral(lt);
      if (tag === 'table') {
        if (--depth === 0) {
          endRow(lt);
          table = undefined;
        }
      } else if (
        depth === 1 &&
        (tag === 'tr' || tag === 'tbody' || tag === 'thead' || tag === 'tfoot')
      ) {
        endRow(lt);
        if (tag !== 'tr') section = 'body';
      }
      continue;
    }
    if (RAW_TEXT.has(tag)) {
      i = rawTextEnd(html, tag, i);
      continue;
    }
    while (marker >= 0 && marker < j) marker = nextMarker(marker + 1);
    if (!table) {
      if (tag !== 'table' || marker < 0 || marker > gt) continue;
      const id = attributes(html, j, gt).get(MARKER);
      if (id === undefined) continue;
      table = { id, at: lt, columns: [], rows: [] };
      tables.push(table);
      depth = 1;
      section = 'body';
      continue;
    }
    const attrs = attributes(html, j, gt);
    if (tag === 'table') depth++;
    else if (depth === 1 && (tag === 'thead' || tag === 'tbody' || tag === 'tfoot')) {
      endRow(lt);
      section = tag === 'thead' ? 'head' : tag === 'tfoot' ? 'foot' : 'body';
    } else if (depth === 1 && tag === 'tr') {
      endRow(lt);
      if (section === 'body') {
        row = {
          key: attrs.get('data-key') ?? `#${table.rows.length + 1}`,
          at: lt,
          links: [],
          values: [],
          literals: [],
          formatted: [],
        };
        table.rows.push(row);
      }
    }
    if (section === 'head' && attrs.has('data-key'))
      table.columns.push({ value: attrs.get('data-key')!, at: lt });
    if (!row) continue;
    if (
      name &&
      depth === 1 &&
      (tag === 'td' || tag === 'th') &&
      (name.tag === 'td' || name.tag === 'th')
    ) {
      // a cell ended by the next one
      row.name = { value: textOf(html.slice(name.start, lt)), at: name.at };
      name = undefined;
    }
    if (
      literal &&
      depth === 1 &&
      (tag === 'td' || tag === 'th') &&
      (literal.tag === 'td' || literal.tag === 'th')
    )
      endLiteral(lt); // a cell ended by the next one
    if (literal && tag === literal.tag) literal.depth++;
    else if (!literal && attrs.has('data-literal') && !VOID.has(tag))
      literal = { tag, depth: 1, start: gt + 1, at: lt };
    else if (!literal && attrs.has('data-format') && !VOID.has(tag))
      literal = {
        tag,
        depth: 1,
        start: gt + 1,
        at: lt,
        format: attrs.get('data-format')!,
        raw: attrs.get('data-value'),
      };
    // A literal cell is not the row's name, though it carries `translate="no"` too.
    if (name && tag === name.tag) name.depth++;
    else if (
      !name &&
      !row.name &&
      attrs.get('translate')?.toLowerCase() === 'no' &&
      !attrs.has('data-literal') &&
      !attrs.has('data-format') &&
      !VOID.has(tag)
    )
      name = { tag, depth: 1, start: gt + 1, at: lt };
    if (tag === 'a' && attrs.has('href')) row.links.push({ value: attrs.get('href')!, at: lt });
    if (attrs.has('data-value')) row.values.push({ value: attrs.get('data-value')!, at: lt });
  }
  if (table) endRow(n);
  return tables;
}

/** The page's language, from `<html lang>`, or undefined. */
export function pageLang(html: string): string | undefined {
  const m = /<html\b[^>]*?\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(
    html.slice(0, 4096),
  );
  return m ? (m[1] ?? m[2] ?? m[3]) || undefined : undefined;
}

/**
 * The page's language versions as its head lists them (`<link rel="alternate" hreflang href>`),
 * `x-default` left out.
 */
export function alternateLinks(html: string): { hreflang: string; href: string; at: number }[] {
  const head = html.search(/<\/head[\s>]|<body[\s>]/i);
  const text = head < 0 ? html : html.slice(0, head);
  const out: { hreflang: string; href: string; at: number }[] = [];
  for (const m of text.matchAll(/<link\b/gi)) {
    const from = m.index! + 5;
    const attrs = attributes(text, from, tagEnd(text, from));
    const lang = attrs.get('hreflang');
    const href = attrs.get('href');
    if (
      lang &&
      href &&
      lang.toLowerCase() !== 'x-default' &&
      attrs.get('rel')?.toLowerCase().split(/\s+/).includes('alternate')
    )
      out.push({ hreflang: lang, href, at: m.index! });
  }
  return out;
}

/**
 * Offset of the `>` that ends the tag whose attributes start at `from`; quotes are honoured only
 * around values.
 */
function tagEnd(html: string, from: number): number {
  const n = html.length;
  for (let k = from; k < n; k++) {
    const ch = html.charCodeAt(k);
    if (ch === 62 /* > */) return k;
    if (ch !== 61 /* = */) continue;
    k++;
    while (k < n && isSpace(html.charCodeAt(k))) k++;
    const q = html.charCodeAt(k);
    if (q === 34 || q === 39) {
      const e = html.indexOf(q === 34 ? '"' : "'", k + 1);
      if (e < 0) return n;
      k = e;
    } else k--;
  }
  return n;
}

/**
 * Attribute names (lower case) to decoded values, between a tag's name and its `>`; the first of a
 * repeated name wins.
 */
function attributes(html: string, from: number, to: number): Attributes {
  let k = from;
  while (k < to && (isSpace(html.charCodeAt(k)) || html.charCodeAt(k) === 47)) k++;
  // `<td>`, `<tbody>`: most tags inside a table have none.
  if (k >= to) return NO_ATTRIBUTES;
  const attrs = new Map<string, string>();
  while (k < to) {
    let ch = html.charCodeAt(k);
    if (isSpace(ch) || ch === 47 /* / */) {
      k++;
      continue;
    }
    const start = k;
    while (k < to && !isSpace((ch = html.charCodeAt(k))) && ch !== 61 && ch !== 47) k++;
    const name = lowerSlice(html, start, k);
    while (k < to && isSpace(html.charCodeAt(k))) k++;
    let value = '';
    if (html.charCodeAt(k) === 61 /* = */) {
      k++;
      while (k < to && isSpace(html.charCodeAt(k))) k++;
      const q = html.charCodeAt(k);
      if (q === 34 || q === 39) {
        const e = html.indexOf(q === 34 ? '"' : "'", k + 1);
        const end = e < 0 || e > to ? to : e;
        value = html.slice(k + 1, end);
        k = end + 1;
      } else {
        const s = k;
        while (k < to && !isSpace(html.charCodeAt(k))) k++;
        value = html.slice(s, k);
      }
    }
    if (name && !attrs.has(name)) attrs.set(name, decode(value));
  }
  return attrs;
}

/** What the reader asks of a tag's attributes. */
type Attributes = Pick<ReadonlyMap<string, string>, 'get' | 'has'>;
const NO_ATTRIBUTES: Attributes = { get: () => undefined, has: () => false };

/**
 * `html.slice(start, end).toLowerCase()`, without the second string when the name is in lower case
 * already (as pages write nearly every tag and attribute name).
 */
function lowerSlice(html: string, start: number, end: number): string {
  for (let k = start; k < end; k++) {
    const ch = html.charCodeAt(k);
    if ((ch >= 65 && ch <= 90) || ch > 127) return html.slice(start, end).toLowerCase();
  }
  return html.slice(start, end);
}

/** Where the raw text of a `<tag>` ends: its first `</tag` followed by a space, `/` or `>`. */
function rawTextEnd(html: string, tag: string, from: number): number {
  for (let i = html.indexOf('</', from); i >= 0; i = html.indexOf('</', i + 2)) {
    const after = i + 2 + tag.length;
    if (
      after < html.length &&
      html.slice(i + 2, after).toLowerCase() === tag &&
      (isSpace(html.charCodeAt(after)) || html[after] === '/' || html[after] === '>')
    )
      return i;
  }
  return html.length;
}

/** The text a reader sees: tags dropped, entities decoded, white space collapsed. */
function textOf(fragment: string): string {
  return decode(fragment.replace(/<!--[\s\S]*?-->|<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? all;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

const isLetter = (ch: number) => (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
const isSpace = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12;
const isNameEnd = (ch: number) => isSpace(ch) || ch === 62 /* > */ || ch === 47; /* / */
