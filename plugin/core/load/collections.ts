import type { Block, Collection, Dataset, FieldType, FieldValue, Item } from './dataset-types.js';

export type { Collection, Field, FieldType, FieldValue, Item, Scalar } from './dataset-types.js';

export const FIELD_TYPES: FieldType[] = [
  'text',
  'url',
  'email',
  'number',
  'date',
  'boolean',
  'label',
];

/** The fields of the former `partners:` list, read as the collection `partners`. */
export const LEGACY_PARTNERS: Omit<Collection, 'items'> = {
  fields: {
    name: { type: 'text' },
    url: { type: 'url' },
    status: { type: 'label', values: ['certified', 'in-certification'] },
  },
  name: 'name',
  required: ['name', 'url', 'status'],
  groupBy: 'status',
  columns: ['name', 'url'],
};

/** The dataset's collections, the former `partners:` list included as `partners`. */
export function collectionsOf(data: Dataset): Record<string, Collection> {
  // Cheap enough to make on each call: no table that would outlive the build.
  const out = { ...(data.collections ?? {}) };
  if (data.partners && !out.partners)
    out.partners = { ...LEGACY_PARTNERS, items: data.partners as unknown as Item[] };
  return out;
}

/** The collection a block shows, in either shape (`partners: <status>` is the former one). */
export function blockCollection(b: Block): { id: string; group?: string } | undefined {
  if ('partners' in b) return { id: 'partners', group: b.partners };
  if (!('collection' in b)) return undefined;
  return typeof b.collection === 'string' ? { id: b.collection } : b.collection;
}

/** The fields shown as columns: the name first, then the rest in declared order. */
export function columnsOf(c: Collection): string[] {
  const shown = c.columns ?? Object.keys(c.fields).filter((f) => f !== c.groupBy && f !== c.link);
  return [c.name, ...shown.filter((f) => f !== c.name)];
}

/** Order shared by every language: numbers by value, the rest by code point. */
function compare(a: FieldValue | undefined, b: FieldValue | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The tables of a collection: one per value of `groupBy` (in the order of its `values`, empty
 * ones left out), or one for all; `only` picks one group.
 */
export function groupsOf(c: Collection, only?: string): { value?: string; items: Item[] }[] {
  const items = c.sort ? [...c.items].sort((a, b) => compare(a[c.sort!], b[c.sort!])) : c.items;
  if (!c.groupBy) return [{ items }];
  const values = only ? [only] : (c.fields[c.groupBy]?.values ?? []);
  return values
    .map((value) => ({ value, items: items.filter((i) => i[c.groupBy!] === value) }))
    .filter((g) => only || g.items.length);
}

/** An item with a name or an address, as import's drift matches copies against them. */
export interface NamedItem {
  collection: string;
  id: string;
  name: string;
  url: string;
  /** The item's `groupBy` value (a partner's status). */
  status?: string;
}

/** Every item of a collection that has a name or a URL field. */
export function namedItems(data: Dataset, only?: string): NamedItem[] {
  return Object.entries(collectionsOf(data))
    .filter(([id]) => !only || id === only)
    .flatMap(([id, c]) => {
      const url =
        c.link ??
        Object.keys(c.fields).find((f) => c.fields[f]!.type === 'url' && !c.fields[f]!.list);
      return c.items.map((i) => ({
        collection: id,
        id: i.id,
        name: String(i[c.name] ?? ''),
        url: url && typeof i[url] === 'string' ? (i[url] as string) : '',
        status: c.groupBy ? (i[c.groupBy] as string | undefined) : undefined,
      }));
    });
}

/**
 * Every literal a translation must keep as written: `text` values of collections (names, models,
 * versions) and text literals of table cells. For exports (XLIFF, PO) as "do not translate".
 */
export function literalTerms(data: Dataset): string[] {
  const out = new Set<string>();
  for (const c of Object.values(collectionsOf(data)))
    for (const item of c.items)
      for (const [f, field] of Object.entries(c.fields))
        if (field.type === 'text')
          for (const v of [item[f] ?? []].flat()) if (String(v).trim()) out.add(String(v));
  for (const t of Object.values(data.tables ?? {}))
    for (const r of t.rows)
      for (const cell of Object.values(r.cells))
        if (typeof cell === 'object' && !Array.isArray(cell) && 'text' in cell) out.add(cell.text);
  return [...out];
}
