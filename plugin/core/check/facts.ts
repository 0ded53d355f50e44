import { q } from '../problems.js';
import type { Check } from './types.js';
import type { Memo } from '../memo.js';

/**
 * Facts inside words: the numbers, dates, versions, URLs and e-mail addresses of a translation
 * must be those of its source. Numbers compare by value, read with each language's separators
 * (1,000 in English is 1.000 in German and 1 000 in French), dates as the day they name; versions
 * and addresses compare as written.
 */
export const facts: Check = (source, translation, ctx, out = []) => {
  // A source's facts are the same for every language it is compared with: read them once. A
  // translation's are not kept (each is checked once).
  const memo = ctx.shared ?? ctx.memo;
  const locale = ctx.locale ?? ctx.sourceLocale;
  // Most strings hold no fact at all: known without a look-up. The memo has a table per language,
  // keyed by the text itself (a key joined per call would be built and hashed anew each time).
  const a = !mayHoldFacts(source)
    ? NO_FACTS
    : memo
      ? (memo.get('facts', ctx.sourceLocale, newTable).get(source) ??
        remember(memo, ctx.sourceLocale, source))
      : factsOf(source, ctx.sourceLocale);
  const b = !mayHoldFacts(translation) ? NO_FACTS : factsOf(translation, locale, memo);
  // The same facts in the same order (nearly every string, most with none): nothing differs.
  if (a.all.length === b.all.length && a.all.every((x, i) => x === b.all[i])) return out;
  const missing = minus(a.all, b.all);
  const extra = minus(b.all, a.all);
  // A plural form may write its number as `{{count}}` ("1 item", "{{count}} article"): one
  // number on the side without the placeholder is that count.
  const count = /\{\{\s*count\s*(,[^}]*)?\}\}/;
  if (count.test(translation) && !count.test(source)) dropOneNumber(missing);
  if (count.test(source) && !count.test(translation)) dropOneNumber(extra);
  if (!missing.length && !extra.length) return out;
  const say = (xs: string[]) => xs.map((x) => q(x.slice(2))).join(', ');
  const parts = [
    missing.length ? `its source has ${say(missing)}, which the translation lacks` : '',
    extra.length ? `the translation has ${say(extra)}, which its source does not` : '',
  ].filter(Boolean);
  out.push({
    code: 'FACT_MISMATCH',
    message: `A number, version or address differs from the source: ${parts.join('; ')}. Facts must be the same in every language (numbers may use the language's separators, 1,000 = 1.000 = 1 000, and dates its way of writing them, 2024-05-01 = 01.05.2024 = 1 mai 2024); correct the translation. A number written out in words counts as missing: write it in digits.`,
  });
  return out;
};

const newTable = () => new Map<string, { all: string[] }>();

const NO_FACTS: { all: string[] } = Object.freeze({
  all: Object.freeze([]) as unknown as string[],
});

function remember(memo: Memo, locale: string, text: string): { all: string[] } {
  const found = factsOf(text, locale, memo);
  memo.get('facts', locale, newTable).set(text, found);
  return found;
}

/**
 * Whether `factsOf` can find anything in `text`: every fact has a digit (ASCII, Arabic-Indic or
 * full-width), `://` or `@`; without any, its answer is no fact, worked out without its scans.
 */
const mayHoldFacts = (text: string) =>
  ANY_DIGIT.test(text) || text.includes('://') || text.includes('@');

function dropOneNumber(xs: string[]) {
  const k = xs.findIndex((x) => x.startsWith('n:'));
  if (k >= 0) xs.splice(k, 1);
}

/** `u:`, `e:`, `v:` (as written) and `n:` (the value) of every fact, in order. */
export function factsOf(text: string, locale: string, memo?: Memo): { all: string[] } {
  const all: string[] = [];
  let rest = digits(text)
    .replace(NOT_FACTS, ' ') // placeholders and nesting are not facts
    // Link targets and autolinks are compared by LINK_TARGETS and UNSAFE_LINK.
    .replace(LINK_TARGETS, '] ')
    .replace(AUTOLINKS, ' ');
  // Most strings hold neither: skip the scans (the Unicode one is costly) that need `://` or `@`.
  if (rest.includes('://'))
    rest = rest.replace(/\bhttps?:\/\/[^\s<>()"'`]+[^\s<>()"'`.,;:!?]/gi, (u) => {
      all.push('u:' + u);
      return ' ';
    });
  if (rest.includes('@'))
    rest = rest.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, (e) => {
      all.push('e:' + e);
      return ' ';
    });
  // Dates, versions and numbers all have digits; most strings have none.
  if (!DIGIT.test(rest)) return { all };
  // Dates, read the way the language writes them (2024-05-01 = 01.05.2024 = 1 mai 2024 =
  // 2024年5月1日), so a date is one fact and not three numbers.
  // Every date these rules read has a four-digit year.
  const dateRules = !YEAR.test(rest)
    ? []
    : memo
      ? memo.get('dateRules', locale, () => datesOf(locale))
      : datesOf(locale);
  for (const rule of dateRules)
    rest = rest.replace(rule.re, (...m: string[]) => {
      const d = rule.read(m);
      if (!d) return m[0]!;
      all.push('d:' + d);
      return ' ';
    });
  // A version has letters among its digits (7.40A.500) or three or more parts (10.0.19041).
  rest = rest.replace(
    /(?<![\w.])[vV]?\d+(?:\.\d+[A-Za-z]+[\w]*|(?:\.\d+[A-Za-z]*){2,})(?:\.[\w]+)*(?![\w])/g,
    (v) => {
      if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(v)) return v; // 1.000.000: a number
      all.push('v:' + v);
      return ' ';
    },
  );
  const { group, decimal } = memo
    ? memo.get('separators', locale, () => separators(locale))
    : separators(locale);
  for (const m of rest.matchAll(NUMBER)) all.push('n:' + value(m[0], group, decimal));
  return { all };
}

// Made once (a literal in a function is a new object per call); `replace` starts a global
// pattern from the beginning each time, so sharing one is safe.
const ANY_DIGIT = /[\d\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/;
const NOT_FACTS = /\{\{[^}]*\}\}|\$t\([^)]*\)/g;
const LINK_TARGETS = /\]\((?:[^()]|\([^()]*\))*\)|\]\[[^\]]*\]/g;
const AUTOLINKS = /<[a-z][a-z0-9+.-]*:[^<>\s]*>/gi;
const DIGIT = /\d/;
const YEAR = /\d{4}/;

// Digits glued to Latin, Greek or Cyrillic letters are names (M365, Five9), not quantities. Made
// once: `matchAll` works on a copy, so its position is never shared.
const EDGE = 'A-Za-z\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const NUMBER = new RegExp(
  `(?<![${EDGE}\\d])\\d{1,3}(?:[ \\u00a0\\u202f'’.,٬]\\d{3})+(?:[.,٫]\\d+)?(?![${EDGE}\\d])|(?<![${EDGE}\\d])\\d+(?:[.,٫]\\d+)?(?![${EDGE}\\d])`,
  'g',
);

/**
 * The number a token means: a space or a separator used twice groups digits; a single `.` or `,`
 * is read as the language reads it.
 */
function value(token: string, group: string, decimal: string): string {
  let t = token.replace(/[ \u00a0\u202f'’٬]/g, '').replace(/٫/g, decimal);
  for (const sep of ['.', ',']) if (t.split(sep).length > 2) t = t.split(sep).join('');
  if (t.includes('.') && t.includes(',')) {
    // Both: the last one is the decimal separator.
    const d = t.lastIndexOf('.') > t.lastIndexOf(',') ? '.' : ',';
    t = t
      .split(d === '.' ? ',' : '.')
      .join('')
      .replace(d, '.');
  } else if (t.includes(group) && group !== decimal && /^\d{1,3}([.,]\d{3})$/.test(t))
    t = t.replace(group, '');
  else t = t.replace(decimal, '.').replace(',', '.');
  const n = Number(t);
  return Number.isNaN(n) ? token : String(n);
}

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale, { numberingSystem: 'latn' }).formatToParts(1234.5);
  const s = {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
  if (/\s/.test(s.group)) s.group = ' ';
  return s;
}

/** Arabic-Indic, extended Arabic-Indic and full-width digits as ASCII digits. */
function digits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, (d) => {
    const c = d.charCodeAt(0);
    const zero = c >= 0xff10 ? 0xff10 : c >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(c - zero);
  });
}

function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const k = left.indexOf(x);
    if (k < 0) return true;
    left.splice(k, 1);
    return false;
  });
}

interface DateRule {
  re: RegExp;
  /** `YYYY-MM-DD`, or undefined when the match is no real date. */
  read(m: string[]): string | undefined;
}

const iso = (y: string, mo: number, d: string): string | undefined => {
  const day = Number(d);
  if (mo < 1 || mo > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};
const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How `locale` writes a date: ISO, its numeric order (`d.m.y`, `m/d/y`, `y/m/d`), CJK `y年m月d日`,
 * and day and month name as its `Intl` writes them (`1. Mai 2024`, `1 мая 2024`, `May 1, 2024`).
 */
function datesOf(locale: string): DateRule[] {
  const rules: DateRule[] = [
    { re: /(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d|\.\d)/g, read: (m) => iso(m[1]!, +m[2]!, m[3]!) },
    {
      re: /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/g,
      read: (m) => iso(m[1]!, +m[2]!, m[3]!),
    },
  ];
  const order = new Intl.DateTimeFormat(locale, { numberingSystem: 'latn' })
    .formatToParts(new Date(Date.UTC(2024, 4, 1)))
    .map((p) => p.type)
    .filter((t) => t === 'day' || t === 'month' || t === 'year');
  const at = (t: string) => order.indexOf(t as never) + 1;
  if (order.length === 3)
    rules.push({
      re: /(?<![\d.,/])(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?![\d/-]|\.\d)/g,
      read: (m) => {
        const parts = [m[1]!, m[3]!, m[4]!];
        const y = parts[at('year') - 1]!;
        if (y.length !== 4) return undefined;
        return iso(y, +parts[at('month') - 1]!, parts[at('day') - 1]!);
      },
    });
  // Month names as a full date in this language writes them (the genitive in Russian).
  // One formatter per style, not per month: making one is what costs.
  const names = (style: 'long' | 'short') => {
    const format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: style,
      timeZone: 'UTC',
    });
    return Array.from({ length: 12 }, (_, k) =>
      format
        .formatToParts(new Date(Date.UTC(2024, k, 1)))
        .find((p) => p.type === 'month')!
        .value.replace(/\.$/, ''),
    );
  };
  const months = new Map<string, number>();
  for (const style of ['long', 'short'] as const)
    names(style).forEach((n, k) => {
      if (/\p{L}/u.test(n)) months.set(n.toLowerCase(), k + 1);
    });
  if (!months.size) return rules;
  const name = `(${[...months.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})\\.?`;
  const month = (n: string) => months.get(n.toLowerCase().replace(/\.$/, ''))!;
  rules.push(
    {
      // 1 May 2024, 1. Mai 2024, 1er mai 2024, 1 мая 2024 г.
      re: new RegExp(`(?<!\\d)(\\d{1,2})(?:\\.|er)?\\s+${name}\\s+(\\d{4})(?!\\d)`, 'giu'),
      read: (m) => iso(m[3]!, month(m[2]!), m[1]!),
    },
    {
      // May 1, 2024
      re: new RegExp(`${name}\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)`, 'giu'),
      read: (m) => iso(m[3]!, month(m[1]!), m[2]!),
    },
  );
  return rules;
}
