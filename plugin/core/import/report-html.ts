import { textDirection } from '../load/locales.js';
import {
  DRIFT_KINDS,
  MATCHED_BY,
  type Drift,
  type DriftFinding,
  type DriftGroup,
  type DriftKind,
} from './drift.js';

const GROUPS: Record<DriftGroup, string> = {
  sections: 'Sections',
  partners: 'Partners',
  addresses: 'Partner addresses',
  status: 'Certification status',
  tables: 'Comparison table',
};

/**
 * Kinds whose `expected` is in the copy's language (the copy's own labels) as well as its `found`.
 */
const LOCALIZED_EXPECTED = new Set<DriftKind>(['cell-changed', 'cell-unrecognized']);
/** Kinds whose `found` is not text of the copy's language (addresses, counts in our words). */
const NEUTRAL_FOUND = new Set<DriftKind>([
  'url-changed',
  'url-schemeless',
  'status-changed',
  'status-not-compared',
  'table-missing',
  'table-rows',
]);

/**
 * A self-contained page (no external CSS or script) a manager can read: an overview of every copy,
 * then per language the counts and the findings by group, each with what to do. Everything is
 * escaped; text quoted from a copy carries that copy's `lang` and `dir`.
 */
export function driftHtml(drifts: Drift[]): string {
  const articles = [...new Set(drifts.map((d) => d.article))];
  const title = `Lockstep drift report: ${articles.join(', ')}`;
  const overview = drifts
    .map((d) => {
      const byGroup = (g: DriftGroup) =>
        d.findings.filter((f) => DRIFT_KINDS[f.kind].group === g).length;
      return `<tr><th scope="row"><a href="#${anchor(d)}">${esc(languageName(d.locale))}</a> <code>${esc(d.locale)}</code></th>${articles.length > 1 ? `<td>${esc(d.article)}</td>` : ''}<td class="n">${d.partners.copy} of ${d.partners.dataset}</td>${(Object.keys(GROUPS) as DriftGroup[]).map((g) => `<td class="n${byGroup(g) ? ' some' : ''}">${byGroup(g)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; color: #1b1b1b; max-width: 78rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; } h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f3f3; } td.n { text-align: right; } td.some { background: #fff4d6; font-weight: 600; }
code { font-size: .9em; background: #f3f3f3; padding: 0 .2em; word-break: break-all; }
.copy { background: #fdeeee; } .quiet { color: #666; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>Each language below was published as its own translated copy. This report lists where each copy told its readers something other than the article's dataset: partners, their names, addresses and certification status, comparison table cells, and sections. Pages built by Lockstep show the dataset in every language, so most findings need no action; the last column says which do.</p>
<table>
<thead><tr><th>Language</th>${articles.length > 1 ? '<th>Article</th>' : ''}<th>Partners listed</th>${Object.values(
    GROUPS,
  )
    .map((g) => `<th>${esc(g)}</th>`)
    .join('')}</tr></thead>
<tbody>
${overview}
</tbody>
</table>
${drifts.map(languageSection).join('\n')}
</body>
</html>
`;
}

function languageSection(d: Drift): string {
  const counts = (Object.keys(DRIFT_KINDS) as DriftKind[]).filter((k) => d.counts[k]);
  const groups = (Object.keys(GROUPS) as DriftGroup[])
    .map((g) => [g, d.findings.filter((f) => DRIFT_KINDS[f.kind].group === g)] as const)
    .filter(([, fs]) => fs.length);
  return `<section id="${anchor(d)}">
<h2>${esc(languageName(d.locale))} <code>${esc(d.locale)}</code></h2>
<p>Copy <code>${esc(d.file)}</code>, article <code>${esc(d.article)}</code>: ${d.partners.copy} of ${d.partners.dataset} partners listed, ${d.findings.length} finding${d.findings.length === 1 ? '' : 's'}.</p>
${
  counts.length
    ? `<table>
<thead><tr><th>Finding</th><th>Meaning</th><th>Count</th></tr></thead>
<tbody>
${counts.map((k) => `<tr><td><code>${k}</code></td><td>${inline(DRIFT_KINDS[k].means)}</td><td class="n">${d.counts[k]}</td></tr>`).join('\n')}
</tbody>
</table>`
    : '<p class="quiet">This copy agrees with the dataset.</p>'
}
${groups.map(([g, fs]) => `<h3>${esc(GROUPS[g])}</h3>\n${findingsTable(d, fs)}`).join('\n')}
</section>`;
}

function findingsTable(d: Drift, findings: DriftFinding[]): string {
  const lang = `lang="${esc(d.locale)}" dir="${textDirection(d.locale)}"`;
  const value = (text: string | null, localized: boolean) => {
    if (text === null) return '<span class="quiet">none</span>';
    if (/^https?:\/\/\S+$/.test(text))
      return `<a href="${esc(text)}" rel="noreferrer noopener"><code>${esc(text)}</code></a>`;
    return localized ? `<span ${lang}>${esc(text)}</span>` : esc(text);
  };
  const rows = findings.map((f) => {
    const how = f.matchedBy
      ? `<br><span class="quiet">matched by ${esc(MATCHED_BY[f.matchedBy])}</span>`
      : '';
    const ids = (v?: string[]) =>
      v
        ? `<br><span class="quiet">value ${v.map((id) => `<code>${esc(id)}</code>`).join(', ')}</span>`
        : '';
    return `<tr><td class="n">${f.line ?? '–'}</td><td><code>${f.kind}</code>${how}</td><td><code>${esc(f.id)}</code></td><td>${value(f.expected, LOCALIZED_EXPECTED.has(f.kind))}${ids(f.values?.expected)}</td><td class="copy">${value(f.found, !NEUTRAL_FOUND.has(f.kind))}${ids(f.values?.found)}</td><td>${inline(DRIFT_KINDS[f.kind].action)}</td></tr>`;
  });
  return `<table>
<thead><tr><th>Line</th><th>Finding</th><th>Item</th><th>Dataset</th><th>Copy</th><th>What to do</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function anchor(d: Drift): string {
  return `drift-${d.locale.toLowerCase()}-${d.article}`.replace(/[^a-z0-9-]/gi, '-');
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Our own sentences: escaped, with `identifiers` as code. */
function inline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
