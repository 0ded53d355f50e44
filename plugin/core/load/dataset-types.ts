/** The dataset's types, apart so that the modules `dataset.ts` uses import them without a cycle. */
import type { YamlSource } from './yaml-source.js';

export type PartnerStatus = 'certified' | 'in-certification';
export interface Partner {
  id: string;
  name: string;
  url: string;
  status: PartnerStatus;
}
/** A fact shown as written in every language, in a comparison table's cell. */
export type Literal =
  { text: string } | { number: number } | { date: string } | { url: string } | { email: string };
/** A value id, a list of value ids, or a literal. */
export type Cell = string | string[] | Literal;
export interface TableRow {
  id: string;
  /** An item of the table's `collection`: the row is headed by its name. */
  item?: string;
  cells: Record<string, Cell>;
}
export interface Table {
  /** The collection whose items rows name with `item`. */
  collection?: string;
  columns: string[];
  rows: TableRow[];
}

/** The literal of a cell, or undefined for value ids. */
export function literalOf(cell: Cell): { kind: string; value: string } | undefined {
  if (typeof cell === 'string' || Array.isArray(cell)) return undefined;
  const [kind, value] = Object.entries(cell)[0]!;
  return { kind, value: String(value) };
}
export type Block =
  | { p: string }
  | { ul: string[] }
  | { ol: string[] }
  | { partners: PartnerStatus }
  | { collection: string | { id: string; group?: string } }
  | { table: string };
export interface Section {
  id: string;
  anchor?: string;
  formerly?: string[];
  level?: 1 | 2 | 3 | 4;
  blocks: Block[];
}

/** One article's structure: everything that must be identical in every language. */
export interface Dataset {
  updated: string;
  source?: { commit?: string; date?: string };
  glossary?: string[];
  links?: Record<string, string>;
  /** The former shape of the partner list; read as `collections.partners`. */
  partners?: Partner[];
  collections?: Record<string, Collection>;
  tables?: Record<string, Table>;
  sections: Section[];
}

export interface LoadedDataset {
  article: string;
  file: string;
  data: Dataset;
  src: YamlSource;
  /** The digest of the text it was parsed from (its data is made from that text alone). */
  textDigest?: string;
  /** What the build cache knows of it while it is not parsed (`lazyDataset`). */
  readonly facts?: DatasetFacts;
  /** False while a dataset the build cache knows sound is not parsed yet. */
  readonly parsed?: boolean;
}

/**
 * What a warm build reads of a sound dataset besides its outline: kept in the build cache by the
 * digest of the file's bytes, so that a dataset whose pages are all reused is never parsed.
 */
export interface DatasetFacts {
  updated: string;
  /** `source.date`: the date an imported copy is compared with. */
  sourceDate?: string;
  /** The glossary, then the names of every collection's items: words never translated. */
  terms: string[];
  links: Record<string, string>;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** What a field holds; `text` is a literal (never translated), `label` a value id with words. */
export type FieldType = 'text' | 'url' | 'email' | 'number' | 'date' | 'boolean' | 'label';
export interface Field {
  type: FieldType;
  list?: boolean;
  /** For `label`: the value ids allowed. */
  values?: string[];
  /** For `number` and `date`: `locale` formats with Intl per language. */
  format?: 'raw' | 'locale';
}
export type Scalar = string | number | boolean;
export type FieldValue = Scalar | Scalar[];
export interface Item {
  id: string;
  [field: string]: FieldValue;
}
export interface Collection {
  fields: Record<string, Field>;
  name: string;
  /** The fields every item must have; the name field always is. */
  required?: string[];
  link?: string;
  groupBy?: string;
  sort?: string;
  columns?: string[];
  items: Item[];
}
