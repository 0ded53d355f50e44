import { controls, images, structure, unsafeLinks } from './checks-safety.js';
import { facts } from './facts.js';
import { linkSpacing } from './spacing.js';
import { lazyMarkdown, simpleInline } from '../render/markdown.js';
import { q, type ProblemCode } from '../problems.js';
import type { Check, CheckContext, CheckFailure } from './types.js';

export type { Check, CheckContext, CheckFailure } from './types.js';

// markdown-it's own link validation, and empty links kept: `links` reports them as EMPTY_LINK.
const md = lazyMarkdown();

/** `{{name}}` interpolations must be the same, as many times. */
export const placeholders: Check = (source, translation, _ctx, out = []) => {
  if (!source.includes('{{') && !translation.includes('{{')) return out;
  compareBags(
    'PLACEHOLDER',
    'placeholder',
    [...source.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => `{{${m[1]}}}`),
    [...translation.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => `{{${m[1]}}}`),
    out,
  );
  return out;
};

/** `$t(key)` nesting must refer to the same keys. */
export const nesting: Check = (source, translation, _ctx, out = []) => {
  if (!source.includes('$t(') && !translation.includes('$t(')) return out;
  compareBags(
    'NESTING',
    'nested key',
    [...source.matchAll(/\$t\(([^)]*)\)/g)].map((m) => `$t(${m[1]})`),
    [...translation.matchAll(/\$t\(([^)]*)\)/g)].map((m) => `$t(${m[1]})`),
    out,
  );
  return out;
};

/** The same link targets, as many times, and no link without text. */
export const links: Check = (source, translation, ctx, out = []) => {
  const a = inline(source, ctx, true).links;
  const b = inline(translation, ctx, false).links;
  // The same targets in the same order (nearly every string, most with none) differ in nothing.
  if (!sameHrefs(a, b))
    compareBags(
      'LINK_TARGETS',
      'link to',
      a.map((l) => l.href),
      b.map((l) => l.href),
      out,
    );
  for (const l of b)
    if (!l.text.trim())
      out.push({
        code: 'EMPTY_LINK',
        message: `The link to ${q(l.href)} has no text, so readers cannot see or click it; put the words it belongs to inside the brackets.`,
      });
  return out;
};

function sameHrefs(a: { href: string }[], b: { href: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.href !== b[i]!.href) return false;
  return true;
}

/** Inline code is never translated. */
export const codeSpans: Check = (source, translation, ctx, out = []) => {
  compareBags(
    'CODE_SPANS',
    'code span',
    inline(source, ctx, true).code,
    inline(translation, ctx, false).code,
    out,
  );
  return out;
};

/**
 * Raw HTML is not rendered; a translation that has some where the source has none lost its
 * Markdown.
 */
export const rawHtml: Check = (source, translation, _ctx, out = []) => {
  if (!translation.includes('<')) return out;
  const tags = (s: string) =>
    [...s.matchAll(/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?>/g)].map((m) => m[0]);
  const found = tags(translation);
  if (found.length && !tags(source).length)
    out.push({
      code: 'RAW_HTML',
      message: `The translation contains HTML (${found.slice(0, 2).map(q).join(', ')}) that the source does not have; it is shown as text, not markup. Use Markdown instead.`,
    });
  return out;
};

/** Do-not-translate terms present in the source must appear verbatim. */
export const glossary: Check = (source, translation, ctx, out = []) => {
  const inSource = memo(ctx, 'terms', source, termsIn);
  // Nearly always every term is there: known without building the list of those missing.
  if (inSource.every((t) => containsTerm(translation, t, ctx))) return out;
  const missing = inSource.filter((t) => !containsTerm(translation, t, ctx));
  // "Microsoft Teams" missing says enough; do not also report "Teams".
  for (const t of missing)
    if (!missing.some((longer) => longer !== t && longer.includes(t)))
      out.push({
        code: 'GLOSSARY',
        message: `The term ${q(t)} must stay as written (it is in the glossary), but the translation does not contain it.`,
      });
  return out;
};

/** A translation identical to its source, or in the source language, is probably untranslated. */
export const untranslated: Check = (source, translation, ctx, out = []) => {
  const same = translation.trim() === source.trim();
  // Short labels are often the same word in both languages ("Informal", "extensions"): only longer
  // text counts (none at all: only terms, URLs and numbers, the same in every language).
  if (same && memo(ctx, 'words', source, wordsBesideTerms) < 3) return out;
  if (same)
    out.push({
      code: 'UNTRANSLATED',
      message:
        'The translation is identical to the source text; translate it, or add its words to the glossary if they must stay.',
    });
  else if (looksLikeSourceLanguage(translation, ctx.sourceLocale))
    out.push({
      code: 'UNTRANSLATED',
      message: `The translation reads as ${q(ctx.sourceLocale)} text, the source language; it was probably left untranslated.`,
    });
  return out;
};

/** The checks run on every (source, translation) pair, in order. */
export const CHECKS: Check[] = [
  structure,
  placeholders,
  nesting,
  links,
  linkSpacing,
  unsafeLinks,
  images,
  codeSpans,
  rawHtml,
  controls,
  glossary,
  facts,
  untranslated,
];

/**
 * Failures that would break the page or put on it what its source does not have (blocks, links,
 * images, invisible controls, text with a variable or nested string lost or added, nesting that
 * loops or explodes): a string failing one of them is not published, the page shows its source text
 * with the fallback notice. Every other finding (glossary, code spans, link targets, staleness...)
 * is reported and the translation is still shown.
 */
export const QUARANTINE: ReadonlySet<string> = new Set([
  'STRUCTURE',
  'PLACEHOLDER',
  'NESTING',
  'NESTING_LOOP',
  'NESTING_LIMIT',
  'UNSAFE_LINK',
  'UNSAFE_IMAGE',
  'BIDI_CONTROL',
  'CONTROL_CHARACTER',
]);

export function runChecks(source: string, translation: string, ctx: CheckContext): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const check of CHECKS) check(source, translation, ctx, out);
  return out;
}

/** Adds to `out` what `found` lacks of `expected` and has besides it, as a bag. */
function compareBags(
  code: ProblemCode,
  what: string,
  expected: string[],
  found: string[],
  out: CheckFailure[],
): void {
  // Equal in order (nearly every string, most with none): no difference, no copies.
  if (expected.length === found.length && expected.every((x, i) => x === found[i])) return;
  const missing = minus(expected, found);
  const extra = minus(found, expected);
  if (missing.length)
    out.push({
      code,
      message: `The translation lacks the ${what} ${missing.map(q).join(', ')} of the source; keep it exactly as in the source.`,
    });
  if (extra.length)
    out.push({
      code,
      message: `The translation has the ${what} ${extra.map(q).join(', ')}, which the source does not; remove it or match the source.`,
    });
}

function minus(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

function referencesFor(ctx: CheckContext): Record<string, { href: string; title: string }> {
  return memo(ctx, 'references', '', referencesOf);
}

function referencesOf(_: string, ctx: CheckContext) {
  const references: Record<string, { href: string; title: string }> = {};
  for (const [id, href] of Object.entries(ctx.links))
    references[md().utils.normalizeReference(id)] = { href, title: '' };
  return references;
}

type Inline = { links: { href: string; text: string }[]; code: string[] };
const NONE: Inline = { links: [], code: [] };
const MAY_BE_INLINE = /[[<`]/;

/**
 * The last source's and the last translation's links and code: `links` and then `codeSpans` ask
 * them of the same pair. They depend on the text and the context's links only (held here: not its
 * memo, which goes with its build).
 */
const lastSource = { text: '', links: {} as Record<string, string>, found: NONE as Inline };
const lastTranslation = { ...lastSource };

/**
 * Links and code spans of a string, only parsed when it can have any. A source text (`keep`) is
 * parsed once per context (every language checks it); a translation, seen once, is not kept in the
 * memo, only until the next translation.
 */
function inline(text: string, ctx: CheckContext, keep: boolean): Inline {
  const last = keep ? lastSource : lastTranslation;
  if (last.text === text && last.links === ctx.links) return last.found;
  // Without `[`, `<` or a backtick, markdown-it finds neither a link nor code (linkify is off).
  const found = !MAY_BE_INLINE.test(text)
    ? NONE
    : keep
      ? memo(ctx, 'inline', text, readInline)
      : readInline(text, ctx);
  last.text = text;
  last.links = ctx.links;
  last.found = found;
  return found;
}

/**
 * Text whose only Markdown is `[words][link-id]` to defined links and `` `code` ``, read without
 * markdown-it.
 */
function referencesOnly(
  text: string,
  ctx: CheckContext,
): { links: { href: string; text: string }[]; code: string[] } | undefined {
  const parts = simpleInline(text);
  if (!parts) return undefined;
  const links: { href: string; text: string }[] = [];
  const code: string[] = [];
  for (const p of parts) {
    if ('code' in p) code.push(p.code);
    else if ('label' in p) {
      // A context's strings use a few ids, each many times: each normalised once.
      const ref = memo(ctx, 'referenceById', p.id, referenceById);
      if (!ref) return undefined;
      links.push({ href: ref.href, text: p.label });
    }
  }
  return { links, code };
}

const referenceById = (id: string, ctx: CheckContext) =>
  referencesFor(ctx)[md().utils.normalizeReference(id)];

function parseInline(
  text: string,
  ctx: CheckContext,
): { links: { href: string; text: string }[]; code: string[] } {
  const references = referencesFor(ctx);
  const links: { href: string; text: string }[] = [];
  const code: string[] = [];
  for (const block of md().parseInline(text, { references })) {
    let open: { href: string; text: string } | undefined;
    for (const t of block.children ?? []) {
      if (t.type === 'link_open')
        links.push((open = { href: String(t.attrGet('href') ?? ''), text: '' }));
      else if (t.type === 'link_close') open = undefined;
      else if (t.type === 'code_inline') code.push(t.content);
      if (open && t.type !== 'link_open') open.text += t.content;
    }
  }
  return { links, code };
}

/**
 * Results computed from one string for one context, kept in the context's memo: a build checks the
 * same source text once per language, so the source side is worked out once. Keyed by the text
 * itself (strings cache their hash). Callers must treat results as read-only.
 */
export function memo<T>(
  ctx: CheckContext,
  kind: string,
  text: string,
  compute: (text: string, ctx: CheckContext) => T,
): T {
  return ctx.memo ? ctx.memo.of(kind, text, compute, ctx) : compute(text, ctx);
}

const termsIn = (source: string, ctx: CheckContext) =>
  ctx.terms.filter((t) => containsTerm(source, t, ctx));
const readInline = (text: string, ctx: CheckContext) =>
  referencesOnly(text, ctx) ?? parseInline(text, ctx);

function containsTerm(text: string, term: string, ctx: CheckContext): boolean {
  if (!text.includes(term)) return false;
  return memo(ctx, 'termPattern', term, termPattern).test(text);
}

const termPattern = (term: string) => {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'u');
};

const termsByLength = (_: string, ctx: CheckContext) =>
  [...ctx.terms].sort((a, b) => b.length - a.length);

/** Words of two letters or more, besides glossary terms, URLs and link ids. */
function wordsBesideTerms(text: string, ctx: CheckContext): number {
  let rest = text.replace(/https?:\/\/\S+|mailto:\S+/g, ' ').replace(/\]\[[^\]]*\]/g, '] ');
  // Longest first, sorted once per context.
  const terms = memo(ctx, 'termsByLength', '', termsByLength);
  for (const t of terms) if (rest.includes(t)) rest = rest.split(t).join(' ');
  return (rest.match(/\p{L}{2,}/gu) ?? []).length;
}

// English function words that other Latin-script languages do not share; enough of them means
// English.
const ENGLISH = new Set(
  'the and with of to for during is are this that from by which be can will your you its at or not when should into their they has have'.split(
    ' ',
  ),
);

const ANY_ENGLISH = new RegExp(`(?<![\\p{L}])(?:${[...ENGLISH].join('|')})(?![\\p{L}])`, 'iu');
// The same words beside no ASCII letter: it matches wherever `ANY_ENGLISH` does, and without
// Unicode case folding it is several times quicker, so it rules out most text first.
const ANY_ENGLISH_ASCII = new RegExp(`(?<![a-z])(?:${[...ENGLISH].join('|')})(?![a-z])`, 'i');

function looksLikeSourceLanguage(text: string, sourceLocale: string): boolean {
  if (!/^en\b/.test(sourceLocale)) return false;
  // Most translations hold none of the words at all: say so without splitting them into words.
  if (!ANY_ENGLISH_ASCII.test(text) || !ANY_ENGLISH.test(text)) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 5) return false;
  const hits = words.filter((w) => ENGLISH.has(w)).length;
  return hits / words.length >= 0.2;
}
