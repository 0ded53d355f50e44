import type { Check, CheckContext, Finding } from './types.js';
import { CONTROL, type Locale } from '../load/locales.js';
import { blockKinds, isSafeLink, lazyMarkdown, schemeOf } from '../render/markdown.js';
import { q } from '../problems.js';

/**
 * Checks of what a translation could put on a page besides words: blocks, links, images and
 * invisible characters. Every failure here is one that `QUARANTINE` (checks.ts) keeps off the page.
 */

/**
 * Text that the check reads: a line break (markdown-it reads `\r` as one too), or a first character
 * some block rule starts with. Anything else is taken as one paragraph and not checked.
 */
const CHECKED = /[\n\r]|^(?:\s|[-+*>#_~`|=]|\d{1,9}[.)])/;
/**
 * Of those, the ones that may make a block other than a paragraph: a line break, or a start that
 * opens one (a list marker before a space, three break marks, a fence). The rest of `CHECKED`
 * (`**bold**`, `-x`, `_word_` on one line) is one paragraph: no parse needed.
 */
const MAY_HAVE_BLOCKS =
  /[\n\r]|^(?:\s|[-+*](?:\s|$)|([-*_])(?:[ \t]*\1){2}|[>#|]|`{3}|~{3}|\d{1,9}[.)])/;
const ONE_PARAGRAPH: ReadonlySet<string> = new Set(['paragraph']);

/**
 * A string may hold only the kinds of block its source holds: a paragraph string stays a paragraph.
 */
export const structure: Check = (source, translation, ctx, out = []) => {
  if (!CHECKED.test(translation)) return out;
  const allowed = memo(ctx, 'safety:blocks', source, blocksOf);
  const kinds = MAY_HAVE_BLOCKS.test(translation) ? blockKinds(translation) : ONE_PARAGRAPH;
  const extra = [...kinds].filter((k) => !allowed.has(k));
  if (extra.length)
    out.push({
      code: 'STRUCTURE',
      message: `The translation adds ${list(extra.map((k) => `a ${k}`))}, which the source does not have; a translation changes words, never the page's structure. Write it as the source is written (${[...allowed].join(', ') || 'plain text'}), without blank lines or line-start \`#\`, \`|\`, \`-\`, \`>\`.`,
    });
  return out;
};

// `blockKinds` without the references a context would pass as its second argument.
const blocksOf = (text: string) => blockKinds(text);

// Every link markdown-it could make, whatever its scheme: what the page refuses is what is
// reported.
const permissive = lazyMarkdown({ validateLink: () => true });

/**
 * Links and images of a string, as markdown-it reads them (inline, autolinks, and reference
 * definitions of its own).
 */
function targets(text: string, ctx: CheckContext): { links: string[]; images: string[] } {
  // Without `](` (an inline link's text is followed at once by its address), `<`, `]:` or `![`, a
  // string has no link but `[text][id]` to the dataset's (already safe) links.
  if (!LINK_SYNTAX.test(text)) return NONE;
  return memo(ctx, 'safety:targets', text, readTargets);
}

function readTargets(text: string, ctx: CheckContext): { links: string[]; images: string[] } {
  const out = { links: [] as string[], images: [] as string[] };
  for (const block of permissive().parse(text, { references: referencesFor(ctx) }))
    for (const t of block.children ?? []) {
      if (t.type === 'link_open') out.links.push(String(t.attrGet('href') ?? ''));
      else if (t.type === 'image') out.images.push(String(t.attrGet('src') ?? ''));
    }
  return out;
}
const NONE = { links: [], images: [] };
const LINK_SYNTAX = /\]\(|<|\]\s*:|!\[/;

/**
 * Only http(s), mailto, relative and dataset links; anything else (`javascript:`, `ms-msdt:`,
 * `data:`) is shown as text.
 */
export const unsafeLinks: Check = (_source, translation, ctx, out = []) => {
  const found = targets(translation, ctx).links;
  if (found.every(isSafeLink)) return out;
  const bad = [...new Set(found.filter((href) => !isSafeLink(href)))];
  const named = bad.map((href) => `${q(href)} (${q(schemeOf(href) || href)})`);
  out.push({
    code: 'UNSAFE_LINK',
    message: `The translation links to ${list(named)}: pages and Markdown copies never link to such schemes, which can open programs on the reader's machine. Link with \`[text][link-id]\` to one of the dataset's links, or to an http(s), mailto or relative address.`,
  });
  return out;
};

/**
 * An image is shown only where the source shows the same one: a translation cannot add a tracking
 * pixel or swap a picture.
 */
export const images: Check = (source, translation, ctx, out = []) => {
  const found = targets(translation, ctx).images;
  if (!found.length) return out;
  const allowed = targets(source, ctx).images;
  for (const src of new Set(found.filter((src) => !allowed.includes(src))))
    out.push({
      code: 'UNSAFE_IMAGE',
      message: `The translation shows the image ${q(src)}, which its source does not; images come from the source text only. Remove it, or use the source's image address unchanged.`,
    });
  return out;
};

// `CONTROL`: C0 controls but tab and line breaks, DEL, and the bidi embeddings, overrides and
// isolates. LRM, RLM and ALM stay allowed.
const CONTROLS = new RegExp(CONTROL.source, 'g');
const BIDI_NAMES: Record<number, string> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

/**
 * Invisible characters that reorder what readers see (bidi controls) or that break a page (NUL and
 * other C0 controls).
 */
export const controls: Check = (_source, translation, _ctx, out = []) => {
  if (!CONTROL.test(translation)) return out;
  const bidi: string[] = [];
  const c0: string[] = [];
  for (const m of translation.matchAll(CONTROLS)) {
    const cp = m[0].charCodeAt(0);
    const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const at = `at character ${m.index! + 1}`;
    if (BIDI_NAMES[cp]) bidi.push(`${name} ${BIDI_NAMES[cp]} ${at}`);
    else c0.push(`${name} ${at}`);
  }
  if (bidi.length)
    out.push({
      code: 'BIDI_CONTROL',
      message: `This string holds invisible bidirectional controls (${list(bidi)}), which can reorder what readers see, names and addresses included. Remove them; the page sets the text direction, and U+200E or U+200F (LRM, RLM) mark it where needed.`,
    });
  if (c0.length)
    out.push({
      code: 'CONTROL_CHARACTER',
      message: `This string holds control characters (${list(c0)}), which have no place in a page (a NUL breaks its title). Remove them; they often come from a bad copy or conversion.`,
    });
  return out;
};
/**
 * Controls in the source's own strings, as errors: every language falls back to them, so nothing
 * could stand in for them.
 */
export function sourceControlFindings(source: Locale): Finding[] {
  const out: Finding[] = [];
  for (const [nsName, ns] of source.namespaces)
    // Known without reading the strings when the file is as the build cache knows it.
    if (ns.controls !== false)
      for (const [key, text] of ns.strings)
        for (const f of controls(text, text, { terms: [], links: {}, sourceLocale: source.tag }))
          out.push({
            ...f,
            file: ns.file,
            ...ns.src.pos(key.split('.')),
            severity: 'error',
            locale: source.tag,
            ns: nsName,
            key,
            source: text,
          });
  return out;
}

const list = (items: string[]) =>
  items.length > 3
    ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`
    : items.length > 1
      ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
      : items.join('');

function referencesFor(ctx: CheckContext): Record<string, { href: string; title: string }> {
  return memo(ctx, 'safety:references', '', referencesOf);
}

function referencesOf(_: string, ctx: CheckContext) {
  const refs: Record<string, { href: string; title: string }> = {};
  for (const [id, href] of Object.entries(ctx.links))
    refs[permissive().utils.normalizeReference(id)] = {
      href: permissive().normalizeLink(href),
      title: '',
    };
  return refs;
}

/**
 * What is worked out from a source text once per context (a build checks it once per language), in
 * the context's memo.
 */
function memo<T>(
  ctx: CheckContext,
  kind: SafetyTable,
  text: string,
  compute: (text: string, ctx: CheckContext) => T,
): T {
  return ctx.memo ? ctx.memo.of(kind, text, compute, ctx) : compute(text, ctx);
}
type SafetyTable = 'safety:blocks' | 'safety:targets' | 'safety:references';
