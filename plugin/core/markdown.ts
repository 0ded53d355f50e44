import MarkdownIt from 'markdown-it';

/** Our own instance: raw HTML off, so a translation can never inject markup. */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

type References = Record<string, { href: string; title: string }>;

/**
 * The dataset's links as Markdown reference definitions, so prose writes `[text][link-id]`. markdown-it trusts
 * references given in `env`, so they get the checks its own definitions get: a `javascript:` target is dropped.
 */
export function references(links: Record<string, string> = {}): References {
  const refs: References = {};
  for (const [id, raw] of Object.entries(links)) {
    const href = md.normalizeLink(raw);
    if (md.validateLink(href)) refs[md.utils.normalizeReference(id)] = { href, title: '' };
  }
  return refs;
}

/** A paragraph or other block: returns HTML with its own `<p>`. */
export function renderBlock(text: string, refs: References): string {
  return md.render(text, { references: refs });
}

/** Text inside an element we already wrote (heading, list item, table cell). */
export function renderInline(text: string, refs: References): string {
  return md.renderInline(text, { references: refs });
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
