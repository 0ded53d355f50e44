import { LockstepError, type Problem } from '../problems.js';
import { deprecations } from './collections-check.js';
import { namedItems } from './collections.js';
import type { DatasetFacts, LoadedDataset } from './dataset-types.js';

export type { DatasetFacts } from './dataset-types.js';

const strings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

export const isDatasetFacts = (v: unknown): v is DatasetFacts => {
  const f = v as Partial<DatasetFacts> | null;
  return (
    !!f &&
    typeof f === 'object' &&
    typeof f.updated === 'string' &&
    (f.sourceDate === undefined || typeof f.sourceDate === 'string') &&
    strings(f.terms) &&
    !!f.links &&
    typeof f.links === 'object' &&
    strings(Object.values(f.links))
  );
};

/** The facts of `a`: from the cache for a dataset not parsed yet, else read from its data. */
export function datasetFacts(a: LoadedDataset): DatasetFacts {
  if (a.facts) return a.facts;
  const { data } = a;
  return {
    updated: data.updated,
    ...(data.source?.date === undefined ? {} : { sourceDate: data.source.date }),
    terms: [...(data.glossary ?? []), ...namedItems(data).map((p) => p.name)],
    links: { ...data.links },
  };
}

/** The date the article was last updated, the one fact every page shows. */
export const updatedOf = (a: LoadedDataset): string => a.facts?.updated ?? a.data.updated;

/**
 * The facts to keep for `a`, or undefined when it must be parsed every build: one with a warning
 * (a deprecated shape) is never cached as sound, so its warning is found as a cold build finds it.
 */
export function cacheableFacts(a: LoadedDataset): DatasetFacts | undefined {
  if (a.facts) return a.facts;
  if (deprecations(a).length) return undefined;
  // Only facts that read back the same from the cache's JSON.
  const f = datasetFacts(a);
  return isDatasetFacts(f) ? f : undefined;
}

/**
 * How many datasets this process parsed, and which when `files` is set: what tests count (a warm
 * build parses only the datasets whose pages it makes again).
 */
export const datasetParses: { count: number; files?: string[] } = { count: 0 };

/**
 * A dataset whose bytes (of digest `digest`) the build cache knows sound, with `facts`: `parse`
 * runs only when something reads its data or positions.
 */
export function lazyDataset(
  article: string,
  file: string,
  digest: string,
  facts: DatasetFacts,
  parse: () => { dataset?: LoadedDataset; problems: Problem[] },
): LoadedDataset {
  let loaded: LoadedDataset | undefined;
  const get = (): LoadedDataset => {
    if (loaded) return loaded;
    const r = parse();
    // The entry is keyed by the bytes' digest: only a cache file written by hand gets here.
    if (!r.dataset) throw new LockstepError(r.problems);
    return (loaded = r.dataset);
  };
  return {
    article,
    file,
    textDigest: digest,
    facts,
    get data() {
      return get().data;
    },
    get src() {
      return get().src;
    },
    get parsed() {
      return loaded !== undefined;
    },
  };
}
