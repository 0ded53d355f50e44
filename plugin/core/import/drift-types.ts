// What drift reports and the pieces its parts share; `drift.ts` runs them, apart from this so that
// its parts (partners, cells) need not import it back.
import type { Dataset } from '../load/dataset.js';
import { blockCollection } from '../load/collections.js';
import type { ImportResult } from './align.js';
import type { Seed, SeedBlock, SeedSection } from './seed.js';

/**
 * What a finding is about. Each kind is one thing a reader of the copy was shown differently from
 * the dataset, and one way to act on it (see `DRIFT_KINDS`).
 */
export type DriftKind =
  | 'section-missing'
  | 'section-extra'
  | 'partner-missing'
  | 'partner-extra'
  | 'partner-duplicate'
  | 'partner-renamed'
  | 'partner-decorated'
  | 'url-changed'
  | 'url-schemeless'
  | 'status-changed'
  | 'status-not-compared'
  | 'table-missing'
  | 'table-rows'
  | 'cell-changed'
  | 'cell-unrecognized';

export type DriftGroup = 'sections' | 'partners' | 'addresses' | 'status' | 'tables';

/** Every kind, in report order: its group, what it means, and what to do about it. */
export const DRIFT_KINDS: Record<DriftKind, { group: DriftGroup; means: string; action: string }> =
  {
    'section-missing': {
      group: 'sections',
      means: 'a section of the article that the copy lacks',
      action:
        'Translate its strings in the locale file; until then they show in the source language.',
    },
    'section-extra': {
      group: 'sections',
      means: 'a section of the copy that the article no longer has',
      action: 'Nothing: the import skipped it and the built page does not have it.',
    },
    'partner-missing': {
      group: 'partners',
      means: 'a partner of the dataset that the copy does not list',
      action: 'Nothing: the built page lists every partner of the dataset.',
    },
    'partner-extra': {
      group: 'partners',
      means: 'a partner the copy lists that matches none of the dataset',
      action: 'If it belongs in the article, add it under `partners` in the dataset.',
    },
    'partner-duplicate': {
      group: 'partners',
      means: 'a partner the copy lists twice',
      action: 'Nothing: the built page lists each partner once.',
    },
    'partner-renamed': {
      group: 'partners',
      means: 'a partner name changed by translation',
      action: "Nothing: the built page shows the dataset's name, marked not to be translated.",
    },
    'partner-decorated': {
      group: 'partners',
      means: 'a partner name wrapped in quotation marks by translation',
      action: 'Nothing: the built page shows the plain name.',
    },
    'url-changed': {
      group: 'addresses',
      means: 'a partner link that points somewhere else',
      action:
        "Check which address is current; if it is the copy's, update the partner's `url` in the dataset.",
    },
    'url-schemeless': {
      group: 'addresses',
      means: 'a partner address written without `https://`, so not a link',
      action: 'Nothing: the built page links to the full address.',
    },
    'status-changed': {
      group: 'status',
      means: 'a partner listed under the other certification status',
      action:
        "Check which is right; if it is the copy, change the partner's `status` in the dataset.",
    },
    'status-not-compared': {
      group: 'status',
      means: 'partner tables that do not separate the certification statuses',
      action: 'Nothing: the built page shows each partner under its status.',
    },
    'table-missing': {
      group: 'tables',
      means: 'a data table the copy lacks',
      action: 'Nothing: the built page has it.',
    },
    'table-rows': {
      group: 'tables',
      means: 'a data table with another number of rows',
      action: 'Check the rows by hand: cells were compared by position.',
    },
    'cell-changed': {
      group: 'tables',
      means: 'a table cell that shows another value than the dataset',
      action:
        "Check which is right; if it is the copy, change the cell in the dataset. The built page shows the dataset's value.",
    },
    'cell-unrecognized': {
      group: 'tables',
      means: 'a table cell whose text is none of the labels the copy uses',
      action:
        "Read the cell; the built page shows the dataset's value with the label the copy uses elsewhere.",
    },
  };

/** Where the copy disagrees with the dataset, with what each side says. */
export interface DriftFinding {
  kind: DriftKind;
  locale: string;
  /**
   * The canonical id: of a partner, of a section, or `<table>/<row>/<column>` for a cell. For what
   * only the copy has (an extra partner, an extra section), the name or anchor as written in the
   * copy.
   */
  id: string;
  /** What the dataset says. For a cell, the label this copy itself uses for the dataset's value. */
  expected: string | null;
  /** What the copy says, as written. */
  found: string | null;
  /** 1-based line in the copy, or null when the copy has nothing to point at. */
  line: number | null;
  /**
   * How a partner of the copy was matched to the canonical one, for renamed and decorated partners.
   */
  matchedBy?: 'name' | 'url' | 'host' | 'similarity';
  /**
   * For a cell: the value ids the dataset has, and those the copy's text stands for when it is
   * another value's label.
   */
  values?: { expected: string[]; found?: string[] };
  /** One sentence: what differs, what the built page does about it, and what to do. */
  message: string;
}

/** How a partner of the copy was recognized, in words. */
export const MATCHED_BY: Record<NonNullable<DriftFinding['matchedBy']>, string> = {
  name: 'its name',
  url: 'its address',
  host: 'the site its address is on',
  similarity: 'the similarity of the names',
};

export interface Drift {
  locale: string;
  article: string;
  /** The copy, relative to the project root. */
  file: string;
  partners: { dataset: number; copy: number };
  /** Findings per kind, every kind present (zero when none). */
  counts: Record<DriftKind, number>;
  findings: DriftFinding[];
}

export interface DriftInput {
  seed: Seed;
  data: Dataset;
  /**
   * The alignment of this copy: sections, and the labels the copy uses for table values
   * (`values.<id>`).
   */
  result: ImportResult;
  locale: string;
  article: string;
  /** The source locale's strings, to say in the source language what a value means. */
  source?: Map<string, string>;
}

export type SeedTable = Extract<SeedBlock, { kind: 'table' }>;
export type AddFinding = (f: Omit<DriftFinding, 'locale'>) => void;

/**
 * The copy's sections, each with the dataset section it stands for: the one it was aligned to, or
 * for a section the article does not have (an extra sub-heading), the aligned section before it.
 */
export interface PlacedSection {
  seed: SeedSection;
  section?: string;
  own: boolean;
}

/** The group (a partner's status) of `collection` whose table the dataset shows in a section. */
export function sectionStatus(
  data: Dataset,
  sectionId: string | undefined,
  collection = 'partners',
): string | undefined {
  const s = data.sections.find((x) => x.id === sectionId);
  for (const b of s?.blocks ?? []) {
    const ref = blockCollection(b);
    if (ref?.id === collection && ref.group !== undefined) return ref.group;
  }
  return undefined;
}
