/** Options of the Lockstep plugin. Every field is optional; `defaults()` says what an omitted one means. */
export interface LockstepOptions {
  /** Folder holding one folder per locale (`locales/fr-FR/…`), relative to the project root. Default `locales`. */
  localesDir?: string;
  /** Folder whose sub-folders containing a dataset file are articles. Default: Eleventy's input folder. */
  articlesDir?: string;
  /** File name of an article's dataset inside its folder. Default `dataset.yaml`. */
  datasetFile?: string;
  /** The language the others are translated from; its strings are the fallback. Default `en`. */
  sourceLocale?: string;
  /** Locales to publish, as BCP 47 tags. Default: every folder of `localesDir`. */
  locales?: string[];
  /** Namespace (file name without extension) of strings shared by all articles. Default `common`. */
  commonNamespace?: string;
  /** Layout for article pages, found in Eleventy's includes folder. Default `lockstep/article.njk`. */
  articleLayout?: string;
  /** Layout for the language picker written at `/`, or `false` for no picker. Default `lockstep/picker.njk`. */
  pickerLayout?: string | false;
}

export type ResolvedOptions = Required<Omit<LockstepOptions, 'locales' | 'articlesDir'>> & {
  locales: string[] | undefined;
  articlesDir: string;
};

export function defaults(): ResolvedOptions {
  return {
    localesDir: 'locales',
    articlesDir: 'src',
    datasetFile: 'dataset.yaml',
    sourceLocale: 'en',
    locales: undefined,
    commonNamespace: 'common',
    articleLayout: 'lockstep/article.njk',
    pickerLayout: 'lockstep/picker.njk',
  };
}

const KNOWN = new Set(Object.keys(defaults()));

/** Merge user options over the defaults; unknown names are an error, not silently ignored. */
export function resolveOptions(user: LockstepOptions = {}, fallbackArticlesDir?: string): ResolvedOptions {
  const unknown = Object.keys(user).filter((k) => !KNOWN.has(k));
  if (unknown.length)
    throw new Error(
      `Lockstep: unknown option ${unknown.map((k) => '`' + k + '`').join(', ')}; the options are ${[...KNOWN].map((k) => '`' + k + '`').join(', ')}.`,
    );
  const base = defaults();
  if (fallbackArticlesDir) base.articlesDir = fallbackArticlesDir;
  const merged = { ...base, ...Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) } as ResolvedOptions;
  return merged;
}
