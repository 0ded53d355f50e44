import type { Site } from '../load/site.js';
import { factFormats } from './formats.js';
import { collectionKeys, literalOf, type Cell, type Dataset } from '../load/dataset.js';
import {
  collectionsOf,
  columnsOf,
  groupsOf,
  type Collection,
  type Field,
  type FieldValue,
} from '../load/collections.js';

/** Plain text of one locale string, with how it reached the page (see view.ts `Label`). */
export interface Words {
  text: string;
  lang?: string;
  state?: 'fallback' | 'stale';
  notice?: string;
}

/**
 * One cell of a data table. `value` becomes `data-value`, which the audit compares in every
 * language; `literal` cells are shown as written (`data-literal translate="no"`), so the audit
 * compares their text too; `links` are printed as `<a>` (the audit compares their `href`).
 */
export interface CellView extends Words {
  value?: string;
  literal?: boolean;
  /**
   * A fact formatted for the language: `translate="no"`, raw `data-value`, and `data-format`, so
   * the audit checks the text against the raw value formatted for the page's language.
   */
  fact?: 'number' | 'date';
  links?: { href: string; text: string }[];
  /**
   * A literal on a right-to-left page: printed in `<bdi>`, so it takes its own direction (Latin
   * names, versions, `-5` read left to right) without turning the cell's alignment.
   */
  bdi?: true;
}

export interface CollectionTableView {
  /** `data-lockstep`: `<collection>-<group>`, or the collection's id when it has no groups. */
  id: string;
  heading?: Words;
  columns: ({ key: string } & Words)[];
  rows: {
    key: string;
    name: { text: string; href?: string; bdi?: true };
    cells: CellView[];
  }[];
}

/** How a page looks up its words: resolved per locale by `buildPage`. */
export interface Lookup {
  label(key: string): Words;
  /** Words of value ids, joined for the language (`Intl.ListFormat`), marked as a whole. */
  values(ids: string[]): Words;
  /** Intl formatters of the page's language. */
  number(n: number): string;
  date(iso: string): string;
  /** Set on right-to-left pages: literals are isolated (see `CellView.bdi`). */
  bdi?: true;
}

/** A value shown as written; see `CellView.bdi` for right-to-left pages. */
function literalCell(raw: string, words: Lookup): CellView {
  return { text: raw, value: raw, literal: true, ...(words.bdi && { bdi: true }) };
}

/** The value of a field in a cell, for one language. */
function fieldCell(v: FieldValue | undefined, f: Field, words: Lookup): CellView {
  if (v === undefined) return { text: '', value: '' };
  const all = [v].flat();
  switch (f.type) {
    case 'url':
      return { text: '', links: all.map((u) => ({ href: String(u), text: String(u) })) };
    case 'email':
      return {
        text: '',
        links: all.map((e) => ({ href: `mailto:${String(e)}`, text: String(e) })),
      };
    case 'label':
    case 'boolean':
      return { ...words.values(all.map(String)), value: all.map(String).join(' ') };
    case 'number':
    case 'date': {
      const raw = all.map(String).join(', ');
      if (f.format !== 'locale') return literalCell(raw, words);
      const shown = all.map((x) =>
        f.type === 'number' ? words.number(Number(x)) : words.date(String(x)),
      );
      return { text: shown.join(', '), value: raw, fact: f.type };
    }
    case 'text':
      return literalCell(all.map(String).join(', '), words);
  }
}

/**
 * The tables of collection `id` in one language: what templates (and shortcodes) print. `group`
 * picks the table of one value of `groupBy`, shown without its heading; `legacy` keeps the former
 * partner tables' header keys.
 */
export function collectionTables(
  data: Dataset,
  id: string,
  words: Lookup,
  group?: string,
  legacy = false,
): CollectionTableView[] {
  const c = collectionsOf(data)[id];
  if (!c) throw new Error(`Internal error: collection \`${id}\` is not in the dataset.`);
  const columns = columnsOf(c);
  const headers = collectionKeys(id, c, '', legacy);
  return groupsOf(c, group).map((g) => ({
    id: g.value === undefined ? id : `${id}-${g.value}`,
    heading:
      g.value !== undefined && group === undefined
        ? words.label(`collections.${id}.groups.${g.value}`)
        : undefined,
    columns: columns.map((f, i) => ({ key: f, ...words.label(headers[i]!) })),
    rows: g.items.map((item) => ({
      key: item.id,
      name: { ...nameOf(c, item), ...(words.bdi && { bdi: true as const }) },
      cells: columns.slice(1).map((f) => fieldCell(item[f], c.fields[f]!, words)),
    })),
  }));
}

function nameOf(c: Collection, item: Collection['items'][number]) {
  const href = c.link ? item[c.link] : undefined;
  return { text: String(item[c.name] ?? ''), href: typeof href === 'string' ? href : undefined };
}

/** A comparison table's cell: value ids with words, or a literal shown as written. */
export function tableCell(cell: Cell, words: Lookup): CellView {
  const literal = literalOf(cell);
  if (!literal) {
    const ids = [cell as string | string[]].flat();
    return { ...words.values(ids), value: ids.join(' ') };
  }
  if (literal.kind === 'url')
    return { text: '', links: [{ href: literal.value, text: literal.value }] };
  if (literal.kind === 'email')
    return { text: '', links: [{ href: `mailto:${literal.value}`, text: literal.value }] };
  return literalCell(literal.value, words);
}

/** The name of the collection item a comparison row names, or undefined. */
export function rowItemName(
  data: Dataset,
  collection: string | undefined,
  item: string | undefined,
) {
  if (!collection || !item) return undefined;
  const c = collectionsOf(data)[collection];
  const found = c?.items.find((i) => i.id === item);
  return found ? String(found[c!.name] ?? '') : undefined;
}

/**
 * How a page of `locale` looks up words, numbers and dates: labels through `label`, value ids
 * joined with the language's list format, marked as the source language only when all are.
 */
export function makeLookup(
  site: Pick<Site, 'memo'>,
  tag: string,
  label: (key: string) => Words,
  has: (key: string) => boolean,
  fallback: (key: string) => Partial<Words>,
  dir: 'ltr' | 'rtl' = 'ltr',
): Lookup {
  const formats = site.memo.get('collectionFormats', tag, () => ({
    list: new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }),
    ...factFormats(tag),
  }));
  const plain = (key: string) => label(key).text;
  return {
    label,
    values: (ids) => {
      const keys = ids.map((v) => `values.${v}`);
      const lang = keys.every((k) => !has(k)) ? fallback(keys[0]!) : {};
      return {
        text: keys.length === 1 ? plain(keys[0]!) : formats.list.format(keys.map(plain)),
        ...lang,
      };
    },
    number: formats.number,
    date: formats.date,
    ...(dir === 'rtl' && { bdi: true as const }),
  };
}
