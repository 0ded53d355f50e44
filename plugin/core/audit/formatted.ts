/** Numbers and dates a page formats for its language, checked against their raw values. */
import type { PageTable } from './html-tables.js';
import { factFormats, formatFact, type FactFormats } from '../render/formats.js';

/** The formats of a page's `lang` (undefined when `Intl` does not know it), made once per audit. */
export function formatsByLang(): (lang: string | undefined) => FactFormats | undefined {
  const made = new Map<string, FactFormats | undefined>();
  return (lang) => {
    if (lang === undefined) return undefined;
    if (!made.has(lang))
      try {
        made.set(lang, factFormats(lang));
      } catch {
        made.set(lang, undefined);
      }
    return made.get(lang);
  };
}

/**
 * Numbers and dates formatted per language whose text is not their raw `data-value` formatted for
 * the page's `lang`: the value is compared across languages, so this is where an edit of the text
 * alone shows.
 */
export function misformattedOf(tables: PageTable[], f: FactFormats | undefined) {
  if (!f) return [];
  return tables.flatMap((t) =>
    t.rows.flatMap((r) =>
      (r.formatted ?? []).flatMap((x) => {
        if (x.format !== 'number' && x.format !== 'date') return [];
        const expected = formatFact(f, x.format, x.raw);
        return x.value === expected ? [] : [{ table: t.id, row: r.key, found: x, expected }];
      }),
    ),
  );
}
