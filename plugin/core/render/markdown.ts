import type { MarkdownIt as Markdown, StateCore } from 'markdown-it';
import { markdownIt } from '../libraries.js';

/**
 * Every markdown-it instance of Lockstep, with the same options: raw HTML off (so a translation can
 * never inject markup), no linkify, no typographer. They differ only in which link targets they
 * keep (`validateLink`: markdown-it's own when not given) and, for the importer, in reading raw
 * HTML.
 */
export function createMarkdown(
  opts: { validateLink?: (url: string) => boolean; html?: boolean } = {},
): Markdown {
  const MarkdownIt = markdownIt();
  const instance = new MarkdownIt({ html: opts.html ?? false, linkify: false, typographer: false });
  if (opts.validateLink) instance.validateLink = opts.validateLink;
  return instance;
}

/**
 * `createMarkdown(opts)` made when first called, then the same instance: a build that renders and
 * checks no Markdown never loads markdown-it (see `libraries.ts`).
 */
export function lazyMarkdown(
  opts: Parameters<typeof createMarkdown>[0] = {},
  setup?: (md: Markdown) => void,
): () => Markdown {
  let made: Markdown | undefined;
  return () => {
    if (made) return made;
    made = createMarkdown(opts);
    setup?.(made);
    return made;
  };
}

/** The instance that renders pages: links allow-listed, empty links dropped. */
const md = lazyMarkdown({ validateLink: (url) => isSafeLink(url) }, (m) =>
  m.core.ruler.push('drop_empty_links', dropEmptyLinks),
);

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * The links a page or a Markdown copy may hold: http(s), mailto, and relative addresses (no
 * scheme). An allow-list: markdown-it's own `validateLink` refuses only a few schemes, so
 * `ms-msdt:` or `search-ms:` (which open programs on the reader's machine) would pass it.
 */
export function isSafeLink(url: string): boolean {
  const s = url.trim();
  // Browsers drop tabs and newlines inside an address (`java\tscript:`): refuse any control
  // character.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\0-\x1f\x7f]/.test(s)) return false;
  const scheme = SCHEME.exec(s)?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}

/**
 * The address of the Markdown link destination at `pos` of `text`, as markdown-it reads and
 * normalizes it; undefined when there is none.
 */
export function destinationAt(text: string, pos: number): string | undefined {
  const res = md().helpers.parseLinkDestination(text, pos, text.length);
  return res.ok ? md().normalizeLink(res.str) : undefined;
}

/** The scheme of an address, as a message names it (`ms-msdt:`); empty for a relative one. */
export function schemeOf(url: string): string {
  const m = SCHEME.exec(url.trim());
  return m ? m[1]!.toLowerCase() + ':' : '';
}

/**
 * The kinds of block a string makes when rendered as a paragraph (`level-1 heading`, `table`,
 * `bullet list`, `code block`...), read from markdown-it's own tokens, the same instance that
 * renders pages.
 */
export function blockKinds(text: string, refs: References = {}): Set<string> {
  const kinds = new Set<string>();
  for (const t of md().parse(text, { references: refs })) {
    const kind =
      t.type === 'heading_open' ? `level-${t.tag.slice(1)} heading` : BLOCK_KINDS[t.type];
    if (kind) kinds.add(kind);
  }
  return kinds;
}
const BLOCK_KINDS: Record<string, string> = {
  paragraph_open: 'paragraph',
  blockquote_open: 'block quote',
  bullet_list_open: 'bulleted list',
  ordered_list_open: 'numbered list',
  table_open: 'table',
  hr: 'thematic break',
  fence: 'code block',
  code_block: 'code block',
  html_block: 'HTML block',
};

/**
 * A link whose words a translation lost (`[][id]`, reported as `EMPTY_LINK`) would be an invisible
 * link with no name for screen readers: leave it out of the page, as it is out of the reader's
 * sight.
 */
function dropEmptyLinks(state: StateCore): void {
  for (const token of state.tokens) {
    const kids = token.children;
    if (token.type !== 'inline' || !kids) continue;
    for (let i = 0; i < kids.length; i++) {
      if (kids[i]!.type !== 'link_open') continue;
      let j = i + 1;
      while (j < kids.length && kids[j]!.type === 'text' && !kids[j]!.content.trim()) j++;
      if (kids[j]?.type === 'link_close') {
        kids.splice(i, j - i + 1);
        i--;
      }
    }
  }
}

type References = Record<string, { href: string; title: string }>;

/**
 * The dataset's links as Markdown reference definitions, so prose writes `[text][link-id]`.
 * markdown-it trusts references given in `env`, so they get the checks its own definitions get: a
 * `javascript:` target is dropped.
 */
export function references(links: Record<string, string> = {}): References {
  const refs: References = {};
  for (const [id, raw] of Object.entries(links)) {
    const href = md().normalizeLink(raw);
    if (md().validateLink(href)) refs[md().utils.normalizeReference(id)] = { href, title: '' };
  }
  return refs;
}

/**
 * The key `references()` files a link id under (case and inner spaces do not matter, as in
 * CommonMark).
 */
export function normalizeReference(id: string): string {
  return md().utils.normalizeReference(id);
}

/** A paragraph or other block: returns HTML with its own `<p>`. */
export function renderBlock(text: string, refs: References): string {
  return plainMarkdown(text, true, refs) ?? md().render(text, { references: refs });
}

/** Text inside an element we already wrote (heading, list item, table cell). */
export function renderInline(text: string, refs: References): string {
  return plainMarkdown(text, false, refs) ?? md().renderInline(text, { references: refs });
}

/**
 * `renderBlock` (or with `inline`, `renderInline`) of `text`, kept in `seen` (one per build and
 * kind) when it has no `[`: only a link or a reference definition reads `refs`, and neither can be
 * written without one, so the HTML is the same in every article. Strings repeat across a site's
 * pages (a common phrase, a site made of copies): each is rendered once, and pages share the HTML.
 */
export function renderKept(
  seen: Map<string, string>,
  text: string,
  inline: boolean,
  refs: References,
): string {
  if (text.includes('[')) return inline ? renderInline(text, refs) : renderBlock(text, refs);
  let html = seen.get(text);
  if (html === undefined) {
    html = inline ? renderInline(text, refs) : renderBlock(text, refs);
    // Bounded: a big site whose strings seldom repeat would keep one entry per string to the end
    // of the build (40 MB at 10,000 pages); a site of copies repeats far fewer distinct texts.
    if (seen.size >= KEPT_MOST) seen.clear();
    seen.set(text, html);
  }
  return html;
}

/** The most texts `renderKept` keeps in one map. */
export const KEPT_MOST = 20_000;

// Characters some inline rule acts on (escapes, code, emphasis, strikethrough, links, images,
// autolinks, entities, line breaks), and those markdown-it normalizes; text with none of them is
// plain text.
const INLINE_SYNTAX = /[\n\r\0\\`~*_[\]!<&]/;
// At the start of a line: headings, quotes, lists, rules, tables, setext underlines.
const BLOCK_START = /^(?:[-+*>#=_~|]|\d+[.)])/;
const REFERENCE_LINK = /\[([^\n\r\0\\`~*_[\]!<&]*)\]\[([^\n\r\0\\`~*_[\]!<&]*)\]/g;

export type SimplePart = { text: string } | { label: string; id: string } | { code: string };

/**
 * Plain text, `[words][link-id]` references and `` `code` `` spans, split apart; `undefined` when
 * the text has any other Markdown (or a link without words, which markdown-it's rules treat apart).
 */
export function simpleInline(text: string): SimplePart[] | undefined {
  const parts: SimplePart[] = [];
  for (let k = 0; k < text.length;) {
    const tick = text.indexOf('`', k);
    if (!linksIn(text.slice(k, tick < 0 ? text.length : tick), parts)) return undefined;
    if (tick < 0) break;
    // One backtick opens, the next single one closes; runs of several are left to markdown-it.
    const close = text.indexOf('`', tick + 1);
    if (text[tick + 1] === '`' || close < 0 || text[close + 1] === '`') return undefined;
    const code = text.slice(tick + 1, close);
    if (/[\n\r\0]/.test(code)) return undefined;
    // As markdown-it does: one space off each end when both have one, unless it is all spaces.
    parts.push({
      code:
        code.startsWith(' ') && code.endsWith(' ') && /[^ ]/.test(code) ? code.slice(1, -1) : code,
    });
    k = close + 1;
  }
  return parts;
}

function linksIn(segment: string, parts: SimplePart[]): boolean {
  let last = 0;
  for (const m of segment.matchAll(REFERENCE_LINK)) {
    const between = segment.slice(last, m.index);
    if (INLINE_SYNTAX.test(between) || !m[1]!.trim()) return false;
    if (between) parts.push({ text: between });
    parts.push({ label: m[1]!, id: m[2] || m[1]! });
    last = m.index! + m[0].length;
  }
  const rest = segment.slice(last);
  if (INLINE_SYNTAX.test(rest)) return false;
  if (rest) parts.push({ text: rest });
  return true;
}

const escape = (s: string) =>
  /[&<>"]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : s;

/**
 * Most strings of a site are plain sentences, some with `[words][link-id]` links to the dataset or
 * `` `code` ``. Their HTML is what markdown-it makes of them, without parsing them, which is what a
 * build of tens of thousands of strings spends most of its rendering time on. `undefined` for
 * anything else, which markdown-it renders.
 */
export function plainMarkdown(
  text: string,
  block: boolean,
  refs: References = {},
): string | undefined {
  if (!text || text !== text.trim() || (block && BLOCK_START.test(text))) return undefined;
  let html = '';
  if (!INLINE_SYNTAX.test(text)) html = escape(text);
  else {
    const parts = simpleInline(text);
    if (!parts) return undefined;
    for (const p of parts) {
      if ('text' in p) html += escape(p.text);
      else if ('code' in p) html += `<code>${escape(p.code)}</code>`;
      else {
        const ref = refs[md().utils.normalizeReference(p.id)];
        if (!ref) return undefined; // not a link: markdown-it shows the brackets
        html += `<a href="${escape(ref.href)}"${ref.title ? ` title="${escape(ref.title)}"` : ''}>${escape(p.label)}</a>`;
      }
    }
  }
  return block ? `<p>${html}</p>\n` : html;
}

/** Link ids a string refers to as `[text][id]` or `[id][]`. */
export function linkReferences(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(/\]\[([^\]]*)\]/g)) {
    const id = m[1] || text.slice(0, m.index).match(/\[([^\]]*)$/)?.[1];
    if (id) ids.push(id.trim().toLowerCase());
  }
  return ids;
}
