/** The outputs a build can make; `pages` (one per article and locale) always. */
export type OutputName = 'pages' | 'picker' | 'status' | 'notFound' | 'sitemap' | 'markdown';

/**
 * What the core needs to know, and nothing of how it is hosted: the glue (the Eleventy plugin, the
 * command line) works it out from its own options and the environment, once, and passes it in.
 */
export interface CoreConfig {
  /** Folders, relative to the project root (or absolute). */
  localesDir: string;
  articlesDir: string;
  datasetFile: string;
  sourceLocale: string;
  /** The locales to publish; undefined for every folder of `localesDir`. */
  locales: string[] | undefined;
  commonNamespace: string;
  /** Output folder of a locale by canonical tag, when not its tag in lower case. */
  localePaths?: Readonly<Record<string, string>>;
  /** The outputs this build makes. */
  outputs: ReadonlySet<OutputName>;
  /** Absolute address of the site, without a trailing slash; undefined when unknown. */
  siteUrl: string | undefined;
  strict: boolean;
  stale: 'notice' | 'source';
  writeLock: boolean;
  /** The cache folder, or false for none. */
  cache: string | false;
  /** The locales whose article pages this build writes when it is one shard of several. */
  shardLocales: string[] | undefined;
  /**
   * Where `shardLocales` came from, as messages name it: "`LOCKSTEP_LOCALES`", "The `buildLocales`
   * option".
   */
  shardLocalesFrom: string;
}
