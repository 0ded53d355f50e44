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
  /** The same, by the values' locale keys (`values.<id>`), when they are known already. */
  valueKeys(keys: string[]): Words;
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

/**
 * What a field's cell holds in every language, worked out once per article: `words` for labels
 * (their locale keys), `facts` for numbers and dates formatted per language, the rest as it is
 * shown everywhere.
 */
type FieldPlan =
  | { same: CellView }
  | { literal: string }
  | { keys: string[]; value: string }
  | { facts: string[]; fact: 'number' | 'date'; value: string };

function fieldPlan(v: FieldValue | undefined, f: Field): FieldPlan {
  if (v === undefined) return { same: { text: '', value: '' } };
  const all = [v].flat();
  switch (f.type) {
    case 'url':
      return { same: { text: '', links: all.map((u) => ({ href: String(u), text: String(u) })) } };
    case 'email':
      return {
        same: {
          text: '',
          links: all.map((e) => ({ href: `mailto:${String(e)}`, text: String(e) })),
        },
      };
    case 'label':
    case 'boolean':
      return { keys: all.map((x) => `values.${String(x)}`), value: all.map(String).join(' ') };
    case 'number':
    case 'date': {
      const raw = all.map(String).join(', ');
      if (f.format !== 'locale') return { literal: raw };
      return { facts: all.map(String), fact: f.type, value: raw };
    }
    case 'text':
      return { literal: all.map(String).join(', ') };
  }
}

/**
 * `words` (a fresh object from `valueKeys`) with its `data-value`, the same keys in the same order
 * as `{ ...words, value }`: V8 gives each such spread copy a hidden class of its own, which was a
 * sixth of a large site's page views (one per cell).
 */
function withValue(words: Words, value: string): CellView {
  const cell: CellView = words;
  cell.value = value;
  return cell;
}

/** The value of a field in a cell, for one language. */
function fieldCell(p: FieldPlan, words: Lookup): CellView {
  if ('same' in p) return { ...p.same };
  if ('literal' in p) return literalCell(p.literal, words);
  if ('keys' in p) return withValue(words.valueKeys(p.keys), p.value);
  const shown = p.facts.map((x) => (p.fact === 'number' ? words.number(Number(x)) : words.date(x)));
  return { text: shown.join(', '), value: p.value, fact: p.fact };
}

/**
 * The tables of a collection as every language shows them, worked out once per article: ids,
 * locale keys, names and each cell's plan. `collectionViews` puts one language's words in.
 */
export interface CollectionPlan {
  tables: {
    id: string;
    heading?: string;
    columns: { key: string; label: string }[];
    rows: { key: string; name: { text: string; href?: string }; cells: FieldPlan[] }[];
  }[];
}

/** See `collectionTables`. */
export function collectionPlan(
  data: Dataset,
  id: string,
  group?: string,
  legacy = false,
): CollectionPlan {
  const c = collectionsOf(data)[id];
  if (!c) throw new Error(`Internal error: collection \`${id}\` is not in the dataset.`);
  const columns = columnsOf(c);
  const headers = collectionKeys(id, c, '', legacy);
  return {
    tables: groupsOf(c, group).map((g) => ({
      id: g.value === undefined ? id : `${id}-${g.value}`,
      heading:
        g.value !== undefined && group === undefined
          ? `collections.${id}.groups.${g.value}`
          : undefined,
      columns: columns.map((f, i) => ({ key: f, label: headers[i]! })),
      rows: g.items.map((item) => ({
        key: item.id,
        name: nameOf(c, item),
        cells: columns.slice(1).map((f) => fieldPlan(item[f], c.fields[f]!)),
      })),
    })),
  };
}

/** The tables of a collection's plan in one language. */
export function collectionViews(plan: CollectionPlan, words: Lookup): CollectionTableView[] {
  return plan.tables.map((t) => ({
    id: t.id,
    heading: t.heading === undefined ? undefined : words.label(t.heading),
    columns: t.columns.map((c) => ({ key: c.key, ...words.label(c.label) })),
    rows: t.rows.map((r) => ({
      key: r.key,
      // Spelled out: a spread copy given one more key takes a hidden class of its own in V8.
      name: words.bdi
        ? { text: r.name.text, href: r.name.href, bdi: true as const }
        : { ...r.name },
      cells: r.cells.map((p) => fieldCell(p, words)),
    })),
  }));
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
  return collectionViews(collectionPlan(data, id, group, legacy), words);
}

function nameOf(c: Collection, item: Collection['items'][number]) {
  const href = c.link ? item[c.link] : undefined;
  return { text: String(item[c.name] ?? ''), href: typeof href === 'string' ? href : undefined };
}

/**
 * What a comparison table's cell holds in every language, worked out once per article (see
 * `outlineOf` in view.ts): the locale keys of its value ids and its `data-value`, or its literal.
 */
export type CellPlan =
  { keys: string[]; value: string } | { literal: { kind: string; value: string } };

export function cellPlan(cell: Cell): CellPlan {
  const literal = literalOf(cell);
  if (literal) return { literal };
  const ids = [cell as string | string[]].flat();
  return { keys: ids.map((v) => `values.${v}`), value: ids.join(' ') };
}

/** A comparison table's cell in one language: value ids with words, or a literal as written. */
export function tableCell(plan: CellPlan, words: Lookup): CellView {
  if ('keys' in plan) return withValue(words.valueKeys(plan.keys), plan.value);
  const { literal } = plan;
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
  const valueKeys = (keys: string[]): Words => {
    const lang = keys.every((k) => !has(k)) ? fallback(keys[0]!) : {};
    return {
      text: keys.length === 1 ? plain(keys[0]!) : formats.list.format(keys.map(plain)),
      ...lang,
    };
  };
  return {
    label,
    values: (ids) => valueKeys(ids.map((v) => `values.${v}`)),
    valueKeys,
    number: formats.number,
    date: formats.date,
    ...(dir === 'rtl' && { bdi: true as const }),
  };
}
