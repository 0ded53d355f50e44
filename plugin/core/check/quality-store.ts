import type { Locale } from '../load/locales.js';
import type { Site } from '../load/site.js';
import type { Finding, LocaleStatus } from './types.js';

/** One locale's part of a `Quality`, as `assess` works it out. */
export interface LocaleQuality {
  findings: Finding[];
  status: LocaleStatus;
  stale: [string, string[]][];
}

/**
 * The findings as the cache stores them: `WIDTH` numbers per finding, `[code, message, file, line,
 * col, ns, key, omit]`, strings as indexes into the entry's `strings` (a site's findings repeat a
 * few messages, files and keys thousands of times), all in one flat list: one array to parse
 * rather than one per finding. A quote equal to the string at the finding's key in the file
 * it came from is left out (`omit`: bit 1 source, bit 2 translation) and read back from that file,
 * which the cache key guarantees is unchanged. `rest` holds any other field of a finding, by its
 * index, as it was.
 */
const WIDTH = 8;

/**
 * A locale's result in the cache: a few KB per article (it was tens of KB as plain findings).
 * `stale` is left out when it is what the STALE findings say, in their order.
 */
export interface StoredQuality {
  strings: string[];
  rows: number[];
  rest?: Record<string, Partial<Finding>>;
  status: LocaleStatus;
  stale?: [string, string[]][];
}

export const isStoredQuality = (v: unknown): v is StoredQuality => {
  const r = v as StoredQuality | null;
  return (
    !!r &&
    Array.isArray(r.strings) &&
    Array.isArray(r.rows) &&
    r.rows.length % WIDTH === 0 &&
    (r.rest === undefined || (typeof r.rest === 'object' && r.rest !== null)) &&
    !!r.status &&
    typeof r.status === 'object' &&
    (r.stale === undefined ||
      (Array.isArray(r.stale) && r.stale.every((x) => Array.isArray(x) && Array.isArray(x[1]))))
  );
};

const SOURCE = 1;
const TRANSLATION = 2;
/** The fields a row holds by position; with the locale and severity every finding of it shares. */
const KNOWN = new Set([
  'code',
  'message',
  'file',
  'line',
  'col',
  'ns',
  'key',
  'locale',
  'severity',
]);

/** The STALE findings' keys by namespace, in order: what `stale` holds when nothing else does. */
function staleOf(findings: Pick<Finding, 'code' | 'ns' | 'key'>[]): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const f of findings) {
    if (f.code !== 'STALE') continue;
    const last = out.at(-1);
    if (last && last[0] === f.ns) last[1].push(f.key);
    else out.push([f.ns, [f.key]]);
  }
  return out;
}

export function compact(r: LocaleQuality, site: Site, locale: Locale): StoredQuality {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const id = (s: string) => {
    let k = index.get(s);
    if (k === undefined) index.set(s, (k = strings.push(s) - 1));
    return k;
  };
  const rows: number[] = [];
  const rest: Record<string, Partial<Finding>> = {};
  // Findings come grouped by namespace: its strings looked up once per run of them, and only when a
  // quote is there to compare (a namespace's strings may not be parsed yet).
  let ns: string | undefined;
  let source: Map<string, string> | undefined | null;
  let translation: Map<string, string> | undefined | null;
  const findings = r.findings;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.ns !== ns) {
      ns = f.ns;
      source = translation = null;
    }
    let omit = 0;
    // Only what the row does not hold, made only when there is some (most findings have none).
    let more: Record<string, unknown> | undefined;
    for (const k in f) {
      if (KNOWN.has(k)) continue;
      const v = (f as unknown as Record<string, unknown>)[k];
      if (k === 'source' && v !== undefined) {
        if (source === null) source = site.source.namespaces.get(f.ns)?.strings;
        if (v === source?.get(f.key)) {
          omit |= SOURCE;
          continue;
        }
      } else if (k === 'translation' && v !== undefined) {
        if (translation === null) translation = locale.namespaces.get(f.ns)?.strings;
        if (v === translation?.get(f.key)) {
          omit |= TRANSLATION;
          continue;
        }
      }
      (more ??= {})[k] = v;
    }
    if (f.locale !== locale.tag || f.severity !== 'warning')
      Object.assign((more ??= {}), { locale: f.locale, severity: f.severity });
    rows.push(id(f.code), id(f.message), id(f.file), f.line, f.col, id(f.ns), id(f.key), omit);
    if (more) rest[i] = more;
  }
  const same = JSON.stringify(staleOf(r.findings)) === JSON.stringify(r.stale);
  return {
    strings,
    rows,
    ...(Object.keys(rest).length ? { rest } : {}),
    status: r.status,
    ...(same ? {} : { stale: r.stale }),
  };
}

export function expand(r: StoredQuality, site: Site, locale: Locale): LocaleQuality {
  const s = r.strings;
  const from: Quotes = {
    source: (ns, key) => site.source.namespaces.get(ns)!.strings.get(key),
    translation: (ns, key) => locale.namespaces.get(ns)!.strings.get(key),
  };
  const rows = r.rows;
  const findings: Finding[] = new Array(rows.length / WIDTH);
  for (let i = 0, at = 0; at < rows.length; i++, at += WIDTH) {
    const f = {
      code: s[rows[at]!],
      message: s[rows[at + 1]!]!,
      file: s[rows[at + 2]!]!,
      line: rows[at + 3]!,
      col: rows[at + 4]!,
      ns: s[rows[at + 5]!]!,
      key: s[rows[at + 6]!]!,
      locale: locale.tag,
      severity: 'warning',
    } as Finding & { [QUOTES]?: Quotes };
    const more = r.rest?.[i];
    if (more) Object.assign(f, more);
    const omit = rows[at + 7]!;
    // Read from the file when first read: most quotes are never shown (outdated strings are listed
    // without them), and reading one parses the file.
    if (omit) f[QUOTES] = from;
    if (omit & SOURCE) Object.defineProperty(f, 'source', LAZY.source);
    if (omit & TRANSLATION) Object.defineProperty(f, 'translation', LAZY.translation);
    findings[i] = f;
  }
  return { findings, status: r.status, stale: r.stale ?? staleOf(findings) };
}

type Quote = 'source' | 'translation';
type Quotes = Record<Quote, (ns: string, key: string) => string | undefined>;
/** Where a finding's lazy quotes are read from: a symbol, which JSON and `Object.keys` skip. */
const QUOTES = Symbol('quotes');

/**
 * A quote as an own, enumerable field that reads the file when first read, then holds the value.
 * The same accessors for every finding, so that they all share one shape (a closure each costs
 * several times as much at a hundred thousand findings).
 */
const lazy = (field: Quote): PropertyDescriptor => {
  const settle = (f: object, value: unknown) =>
    Object.defineProperty(f, field, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return {
    enumerable: true,
    configurable: true,
    get(this: Finding & { [QUOTES]: Quotes }) {
      const value = this[QUOTES][field](this.ns, this.key);
      settle(this, value);
      return value;
    },
    set(this: Finding, value: string | undefined) {
      settle(this, value);
    },
  };
};
const LAZY = { source: lazy('source'), translation: lazy('translation') };
