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
  /** Layout for the translation status page at `/translation-status/`, or `false` for none. Default `lockstep/status.njk`. */
  statusLayout?: string | false;
  /** Turn every translation warning (missing, stale, failed check, orphan) into a build failure. Default `false`; `LOCKSTEP_STRICT=1` also turns it on. */
  strict?: boolean;
  /** How an outdated translation is shown: `notice` (the translation, marked as outdated) or `source` (the source text instead). Default `notice`. */
  stale?: 'notice' | 'source';
  /** Update `locales/<locale>/translations.lock` when a build sees new or re-translated strings. Default `true`. */
  writeLock?: boolean;
  /** After each build, check that every `data-lockstep` table of the pages it wrote is identical in every language (as `lockstep audit` does), and fail the build if not; `false` skips the check. Default `true`. */
  audit?: boolean;
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
    statusLayout: 'lockstep/status.njk',
    strict: false,
    stale: 'notice',
    writeLock: true,
    audit: true,
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
  if (/^(1|true|yes)$/i.test(process.env.LOCKSTEP_STRICT ?? '')) merged.strict = true;
  if (merged.stale !== 'notice' && merged.stale !== 'source')
    throw new Error(`Lockstep: option \`stale\` must be \`'notice'\` or \`'source'\`; found \`${String(merged.stale)}\`.`);
  return merged;
}
