import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
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

/** A value of the dataset or the copy, as the template shows it. */
interface Shown {
  text: string | null;
  url: boolean;
  /** The copy's language, for text quoted from it. */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/**
 * A self-contained page (no external CSS or script) a manager can read: an overview of every copy,
 * then per language the counts and the findings by group, each with what to do. Rendered by
 * Nunjucks with autoescape on from `templates/lockstep/drift-report.njk`, so everything quoted is
 * escaped by the engine; text quoted from a copy carries that copy's `lang` and `dir`.
 */
export function driftHtml(drifts: Drift[]): string {
  const articles = [...new Set(drifts.map((d) => d.article))];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES), {
    autoescape: true,
    throwOnUndefined: true,
  });
  return env.render('drift-report.njk', {
    title: `Lockstep drift report: ${articles.join(', ')}`,
    multi: articles.length > 1,
    groups: Object.values(GROUPS),
    copies: drifts.map(copyView),
  });
}

/** The theme's folder, three up from both `plugin/core/import/` and `dist/core/import/`. */
const TEMPLATES = fileURLToPath(new URL('../../../templates/lockstep/', import.meta.url));

function copyView(d: Drift) {
  const inGroup = (g: DriftGroup) => d.findings.filter((f) => DRIFT_KINDS[f.kind].group === g);
  const lang = { lang: d.locale, dir: textDirection(d.locale) };
  const shown = (text: string | null, localized: boolean): Shown => {
    const url = text !== null && /^https?:\/\/\S+$/.test(text);
    return { text, url, ...(localized && !url ? lang : {}) };
  };
  const finding = (f: DriftFinding) => ({
    line: f.line ?? '–',
    kind: f.kind,
    matchedBy: f.matchedBy ? MATCHED_BY[f.matchedBy] : '',
    id: f.id,
    expected: shown(f.expected, LOCALIZED_EXPECTED.has(f.kind)),
    found: shown(f.found, !NEUTRAL_FOUND.has(f.kind)),
    expectedIds: f.values?.expected ?? null,
    foundIds: f.values?.found ?? null,
    action: codeSpans(DRIFT_KINDS[f.kind].action),
  });
  return {
    anchor: `drift-${d.locale.toLowerCase()}-${d.article}`.replace(/[^a-z0-9-]/gi, '-'),
    name: languageName(d.locale),
    locale: d.locale,
    article: d.article,
    file: d.file,
    partners: d.partners,
    findingCount: d.findings.length,
    byGroup: (Object.keys(GROUPS) as DriftGroup[]).map((g) => inGroup(g).length),
    counts: (Object.keys(DRIFT_KINDS) as DriftKind[])
      .filter((k) => d.counts[k])
      .map((k) => ({ kind: k, means: codeSpans(DRIFT_KINDS[k].means), count: d.counts[k] })),
    groups: (Object.keys(GROUPS) as DriftGroup[])
      .map((g) => ({ label: GROUPS[g], findings: inGroup(g).map(finding) }))
      .filter((g) => g.findings.length),
  };
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * Our own sentences, split at backticks: the odd parts are `identifiers`, which the template shows
 * as code.
 */
function codeSpans(text: string): string[] {
  return text.split('`');
}
