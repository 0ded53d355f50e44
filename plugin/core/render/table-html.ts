import type { BlockView, Label } from './view.js';

type TableBlock = Extract<BlockView, { kind: 'table' | 'partners' }>;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The theme's marker on text shown in the source language or translated from an older source. */
const fb = (x: Label) =>
  (x.lang ? ` lang="${esc(x.lang)}"` : '') +
  (x.state ? ` data-lockstep-${x.state} title="${esc(x.notice ?? '')}"` : '');

/**
 * A table as HTML with the same hooks as `templates/lockstep/article.njk` (`data-lockstep`,
 * `data-key`, `data-value`, `translate="no"`), so `lockstep audit` compares an embedded table as it
 * compares an article's. Every text is escaped: labels are plain text, never markup.
 */
export function tableHtml(b: TableBlock): string {
  if (b.kind === 'partners') {
    const head = [b.headers.name, b.headers.website]
      .map((h) => `<th scope="col"${fb(h)}>${esc(h.text)}</th>`)
      .join('');
    const rows = b.rows.map(
      (r) =>
        `<tr data-key="${esc(r.key)}"><th scope="row" translate="no">${esc(r.name)}</th><td><a href="${esc(r.url)}" translate="no" dir="ltr">${esc(r.url)}</a></td></tr>`,
    );
    return wrap(b.id, `<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>`);
  }
  const head = b.columns
    .map((c) => `<th scope="col" data-key="${esc(c.key)}"${fb(c)}>${esc(c.text)}</th>`)
    .join('');
  const rows = b.rows.map(
    (r) =>
      `<tr data-key="${esc(r.key)}"><th scope="row"${fb(r)}>${esc(r.text)}</th>` +
      r.cells.map((c) => `<td data-value="${esc(c.value)}"${fb(c)}>${esc(c.text)}</td>`).join('') +
      '</tr>',
  );
  return wrap(
    b.id,
    `<thead><tr><td></td>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>`,
  );
}

// Focusable, so a table wider than the screen can be scrolled from the keyboard.
const wrap = (id: string, inner: string) =>
  `<div class="table-wrap" role="region" tabindex="0"><table data-lockstep="${esc(id)}">\n${inner}\n</table></div>`;

export { esc as escapeHtml };
