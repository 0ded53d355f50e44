import { hash } from '../load/lock.js';
import { tokenize, type Token } from './inline.js';
import { blank, type Locale } from '../load/locales.js';
import type { LoadedDataset } from '../load/dataset.js';
import { literalTerms } from '../load/collections.js';
import type { Quality } from '../check/quality.js';
import type { Site } from '../load/site.js';
import type { PreviousSource } from '../check/previous.js';

/** What a translator gets for one string: one XLIFF unit, one PO entry. */
export interface Unit {
  /** `<namespace>:<key>`, stable across exports. */
  id: string;
  ns: string;
  key: string;
  source: string;
  /** The locale's current text, when there is one. */
  translation?: string;
  state: 'missing' | 'outdated' | 'current';
  /** For people: the article, the section, what the string is, length hints. */
  notes: string[];
  /** Digests at export, so an import can tell a changed source or a hand edit. */
  sourceDigest: string;
  /** An outdated string's source when it was translated, when the history knows it. */
  previous?: string;
  /** Empty when the string had no translation. */
  translationDigest: string;
  /** Do-not-translate terms that occur in the source. */
  terms: string[];
}

/**
 * The words that must stay as written: the glossary and the names the dataset holds. The one place
 * that knows where names live in a dataset: its collections' text fields and literal table cells.
 */
export function doNotTranslate(article: LoadedDataset): string[] {
  return [...new Set([...(article.data.glossary ?? []), ...literalTerms(article.data)])];
}

const OUTDATED =
  'Outdated: the source changed after this was translated. The target is the old translation; update it to the source.';
/** The note that quotes the old source; PO leaves it out, since it has `#|` for it. */
export const PREVIOUS_NOTE = 'Previous source: ';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The units of one locale, per namespace: by default only missing and outdated strings; `all`
 * adds the current ones. Plural groups give one unit per CLDR category of the target locale.
 */
export function exportUnits(
  site: Site,
  quality: Pick<Quality, 'stale'>,
  locale: Locale,
  all = false,
  previous?: PreviousSource,
): Map<string, Unit[]> {
  const articles = new Map(site.articles.map((a) => [a.article, a]));
  const categories = new Intl.PluralRules(locale.tag).resolvedOptions().pluralCategories;
  const out = new Map<string, Unit[]>();
  // Shared strings (not an article's) are checked against every article's terms, as in a build.
  const allTerms = [...new Set(site.articles.flatMap(doNotTranslate))];
  for (const [nsName, sourceNs] of site.source.namespaces) {
    const article = articles.get(nsName);
    const terms = article ? doNotTranslate(article) : allTerms;
    const stale = quality.stale.get(locale.tag)?.get(nsName);
    const ns = locale.namespaces.get(nsName);
    const units: Unit[] = [];
    const seen = new Set<string>();
    for (const [key, text] of sourceNs.strings) {
      const base = key.replace(PLURAL, '');
      const plural = base !== key && sourceNs.strings.has(`${base}_other`);
      const keys = plural ? categories.map((c) => `${base}_${c}`) : [key];
      for (const k of keys) {
        if (seen.has(k)) continue;
        seen.add(k);
        const source = sourceNs.strings.get(k) ?? sourceNs.strings.get(`${base}_other`) ?? text;
        const translation = ns?.strings.get(k);
        const state = blank(translation) ? 'missing' : stale?.has(k) ? 'outdated' : 'current';
        if (state === 'current' && !all) continue;
        const before = state === 'outdated' ? previous?.(locale.tag, nsName, k) : undefined;
        units.push({
          id: `${nsName}:${k}`,
          ns: nsName,
          key: k,
          source,
          translation: blank(translation) ? undefined : translation,
          state,
          notes: [
            ...notesFor(nsName, k, source, article, plural ? k.slice(base.length + 1) : ''),
            ...(state === 'outdated' ? [OUTDATED] : []),
            ...(before !== undefined ? [PREVIOUS_NOTE + before] : []),
          ],
          previous: before,
          sourceDigest: hash(source),
          translationDigest: blank(translation) ? '' : hash(translation!),
          terms: termsIn(tokenize(source, terms)),
        });
      }
    }
    if (units.length) out.set(nsName, units);
  }
  return out;
}

function notesFor(
  ns: string,
  key: string,
  source: string,
  article: LoadedDataset | undefined,
  category: string,
): string[] {
  const parts = key.split('.');
  const notes = [article ? `Article: ${ns}` : `Shared interface strings (${ns})`];
  if (parts[0] === 'sections' && parts[1]) notes.push(`Section: ${parts[1]}`);
  notes.push(`String: ${key} (${describeKey(parts)})`);
  if (category) notes.push(`Plural form \`${category}\` (CLDR) of ${key.replace(PLURAL, '')}`);
  // Table cells are narrow: a label much longer than the source breaks the table's layout.
  if (parts[0] === 'values' || parts[0] === 'tables')
    notes.push(
      `Length: a table label; the source has ${source.length} characters, keep it under about ${Math.ceil(source.length * 1.5) + 5}.`,
    );
  notes.push(
    'Keep placeholders, links and code as they are (protected inline codes); terms marked translate="no" stay as written.',
  );
  return notes;
}

function describeKey(parts: string[]): string {
  const last = parts[parts.length - 1]!;
  if (parts[0] === 'values') return 'a value label shown in tables';
  if (parts[0] === 'tables') return 'a table header';
  if (parts[0] === 'collections' && parts[2] === 'fields') return 'a column header of a table';
  if (parts[0] === 'collections' && parts[2] === 'groups') return 'a heading above a table';
  if (parts[0] === 'partners') return 'text about a partner listing';
  if (last === 'heading') return 'a section heading';
  if (parts.length === 1) return last === 'title' ? 'the page title' : `the page ${last}`;
  return parts[0] === 'sections' ? 'a paragraph or list item' : 'an interface string';
}

const termsIn = (tokens: Token[]): string[] => [
  ...new Set(
    tokens.flatMap((t) =>
      t.kind === 'term' ? [t.text] : t.kind === 'link' ? termsIn(t.inner) : [],
    ),
  ),
];
