import { yaml } from '../libraries.js';
import type { Dataset } from '../load/dataset.js';
import { destinationAt, isSafeLink, normalizeReference, references } from '../render/markdown.js';
import type { BlockView, Label, PageView } from '../render/view.js';
import type { CellView } from '../render/collection.js';

/**
 * One page as Markdown for docs-as-code pipelines: YAML front matter, then the article as the HTML
 * page shows it. Headings keep their anchors (`<a name>`, as docs sites write them, so `lockstep
 * import` reads the file back); prose is the locale's Markdown with `[text][link-id]` resolved to
 * the dataset's addresses; data tables are pipe tables whose rows are the dataset's, in its order,
 * so they are identical in every language but for their labels.
 */
export function articleMarkdown(
  page: PageView,
  data: Pick<Dataset, 'links' | 'source' | 'updated'>,
): string {
  const refs = references(data.links);
  const prose = (md: string) =>
    outsideCode(md, (s) => escapeHtml(unsafeLinksAsText(resolveLinks(s, refs))));
  const front: Record<string, unknown> = {
    title: page.title,
    description: page.description,
    locale: page.lang,
  };
  if (page.dir === 'rtl') front.dir = 'rtl';
  front.updated = data.updated;
  if (data.source && Object.keys(data.source).length) front.source = { ...data.source };
  const parts = ['---\n' + yaml().stringify(front, { lineWidth: 0 }) + '---'];
  for (const s of page.sections) {
    parts.push(
      `${'#'.repeat(s.level)} <a name="${attr(s.anchor)}"></a>${oneLine(prose(s.heading.md))}`,
    );
    for (const b of s.blocks) parts.push(block(b, prose));
  }
  return parts.join('\n\n') + '\n';
}

function block(b: BlockView, prose: (md: string) => string): string {
  switch (b.kind) {
    case 'p':
      return prose(b.md).trim();
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${i + 1}. ` : '- ';
          return (
            marker +
            prose(item.md)
              .trim()
              .replace(/\n/g, '\n' + ' '.repeat(marker.length))
          );
        })
        .join('\n');
    case 'collection':
      return b.tables
        .map((t) => {
          const table = pipeTable(
            t.columns.map(cell),
            t.rows.map((r) => [
              r.name.href
                ? `[${escapeText(r.name.text)}](${linkTarget(r.name.href)})`
                : escapeText(r.name.text),
              ...r.cells.map(dataCell),
            ]),
          );
          return t.heading ? `**${cell(t.heading)}**\n\n${table}` : table;
        })
        .join('\n\n');
    case 'table':
      return pipeTable(
        ['', ...b.columns.map(cell)],
        b.rows.map((r) => [cell(r), ...r.cells.map(dataCell)]),
      );
  }
}

/** A link destination a table cell can hold: spaces, brackets and pipes percent-encoded. */
const linkTarget = (url: string) =>
  url.replace(
    /[\s()<>|]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );

/** A GitHub-flavoured pipe table; cells must already be escaped. */
export function pipeTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const cell = (l: Label) => escapeText(l.text);
/** A data cell: its links as autolinks (a `mailto:` address as written), else its text. */
const dataCell = (c: CellView) =>
  c.links?.length
    ? c.links
        .map((l) => (l.href.startsWith('mailto:') ? escapeText(l.text) : autolink(l.href)))
        .join(', ')
    : cell(c);

/**
 * Plain text (a name, a label) as Markdown that shows exactly that text, in a table cell or
 * anywhere else.
 */
export function escapeText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|&~]/g, '\\$&');
}

/**
 * An address as a CommonMark autolink; characters an autolink or a table cell cannot hold are
 * percent-encoded.
 */
export function autolink(url: string): string {
  return `<${url.replace(/[\s<>|]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))}>`;
}

/**
 * `[text][id]` and `[id][]` as inline links to the dataset's address for `id`; unknown ids are left
 * as written, empty links dropped.
 */
export function resolveLinks(md: string, refs: ReturnType<typeof references>): string {
  return md.replace(/\[((?:\\.|[^\\[\]])*)\]\[([^\]]*)\]/g, (whole, text: string, id: string) => {
    const ref = refs[normalizeReference(id || text)];
    if (!ref) return whole;
    // As on the page (see markdown.ts): a link that lost its words is left out.
    if (id && !text.trim()) return '';
    const href = /[\s()<>]/.test(ref.href)
      ? `<${ref.href.replace(/[<>]/g, encodeURIComponent)}>`
      : ref.href;
    return `[${text}](${href})`;
  });
}

/**
 * Raw HTML is never rendered from a locale string (see markdown.ts); a pipeline reading this
 * Markdown may render it, so a `<` that would open a tag, comment or declaration is escaped.
 * Autolinks stay, if the page would link to them (`isSafeLink`): `<javascript:...>` or
 * `<ms-excel:...>` become text.
 */
function escapeHtml(md: string): string {
  return md.replace(
    /<(?=[A-Za-z/!?])(?:([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>)?/g,
    (all, url?: string) => (url && isSafeLink(url) ? all : '\\' + all),
  );
}

/**
 * An inline link or a reference definition whose address the page would refuse
 * (`[x](javascript:...)`, `[x]: ms-msdt:...`) keeps its words as text: the `]` before its address
 * is escaped, so no Markdown reader makes a link of it. An escaped `]` shows as `]`, so nothing
 * else changes.
 */
export function unsafeLinksAsText(md: string): string {
  if (!md.includes('](') && !md.includes(']:')) return md;
  return md.replace(/\]([(:])\s*/g, (all: string, mark: string, offset: number) => {
    // A `]` after an odd number of backslashes is escaped already: it ends no link.
    let slashes = 0;
    while (md[offset - 1 - slashes] === '\\') slashes++;
    if (slashes % 2) return all;
    const href = destinationAt(md, offset + all.length);
    return href !== undefined && !isSafeLink(href) && (mark === ':' || href) ? '\\' + all : all;
  });
}

/** Apply `fn` to the text between code spans, whose content Markdown shows as written. */
function outsideCode(md: string, fn: (s: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of md.matchAll(/(?<!`)(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g)) {
    out += fn(md.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + fn(md.slice(last));
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
