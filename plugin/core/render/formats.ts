/**
 * How a `number` or `date` field with `format: locale` is shown in one language. The page prints
 * it and the audit formats the raw `data-value` again to check the text, so both use this.
 */
export interface FactFormats {
  number(n: number): string;
  date(iso: string): string;
}

/** The formats of the language `tag` (a BCP 47 tag; `Intl` ignores its case). */
export function factFormats(tag: string): FactFormats {
  const number = new Intl.NumberFormat(tag);
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    number: (n) => number.format(n),
    date: (iso) => date.format(new Date(iso + 'T00:00:00Z')),
  };
}

/** A cell's raw value (`1500`, `250, 1500`) as the page of `tag` shows it. */
export function formatFact(f: FactFormats, kind: 'number' | 'date', raw: string): string {
  return raw
    .split(', ')
    .map((x) => (kind === 'number' ? f.number(Number(x)) : f.date(x)))
    .join(', ');
}
