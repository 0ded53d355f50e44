import { isAbsolute, relative, resolve } from 'node:path';
import { canonicalTag } from './core/locales.js';
import { printable } from './core/problems.js';

/** A bad option value. Its message says what and how to fix it, so Eleventy prints no stack trace (as for `LockstepError`). */
export class OptionsError extends Error {
  override name = 'OptionsError';
  readonly skipOriginalStack = true;
  constructor(message: string) {
    // One line, whatever the value quoted (an environment variable may hold anything).
    super(printable(message));
  }
}

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
  /**
   * Write only these locales' article pages: one shard of a build split across CI runners, whose output
   * folders are then merged. Every other page, each page's alternates and language switcher, the checks
   * and the status page still cover every locale, so all shards agree on them. Default: every locale;
   * `LOCKSTEP_LOCALES=fr-FR,ru-RU` sets it too (and wins over this option).
   */
  buildLocales?: string[];
  /** Namespace (file name without extension) of strings shared by all articles. Default `common`. */
  commonNamespace?: string;
  /** Layout for article pages, found in Eleventy's includes folder. Default `lockstep/article.njk`. */
  articleLayout?: string;
  /** Layout for the language picker written at `/`, or `false` for no picker. Default `lockstep/picker.njk`. */
  pickerLayout?: string | false;
  /** Layout for the translation status page at `/translation-status/`, or `false` for none. Default `lockstep/status.njk`. */
  statusLayout?: string | false;
  /** Layout for the "page not found" pages, `/404.html` (every language) and `/<locale>/404.html` (one language each), or `false` for none. Default `lockstep/404.njk`. */
  notFoundLayout?: string | false;
  /**
   * The absolute http(s) address the built site is served from, including any path prefix, such as
   * `https://docs.example.com`. Makes the canonical and hreflang links absolute and is required for
   * `sitemap.xml` and `robots.txt`, which are not written without it. Default: none (links stay root-relative).
   */
  siteUrl?: string;
  /** Also write each article in each language as Markdown with front matter, at `/<locale>/<article>.md`. Default `false`. */
  markdown?: boolean;
  /** Turn every translation warning (missing, stale, failed check, orphan) into a build failure. Default `false`; `LOCKSTEP_STRICT=1` also turns it on. */
  strict?: boolean;
  /** How an outdated translation is shown: `notice` (the translation, marked as outdated) or `source` (the source text instead). Default `notice`. */
  stale?: 'notice' | 'source';
  /** Update `locales/<locale>/translations.lock` when a build sees new or re-translated strings. Default `true`. */
  writeLock?: boolean;
  /** After each build, check that every `data-lockstep` table of the pages it wrote is identical in every language (as `lockstep audit` does), and fail the build if not; `false` skips the check. Default `true`. */
  audit?: boolean;
  /**
   * Folder (relative to the project root) where builds keep what they worked out from files that have not
   * changed since: each language's translation checks and each page's audit, keyed by digests of the files'
   * text, so a build after a small change (or with the folder restored in CI) redoes only what changed.
   * `false` keeps nothing. Default `.cache/lockstep`.
   */
  cache?: string | false;
}

export type ResolvedOptions = Required<Omit<LockstepOptions, 'locales' | 'buildLocales' | 'articlesDir' | 'siteUrl'>> & {
  locales: string[] | undefined;
  /** Canonical tags; undefined for every locale. */
  buildLocales: string[] | undefined;
  articlesDir: string;
  /** Without a trailing slash. */
  siteUrl: string | undefined;
};

export function defaults(): ResolvedOptions {
  return {
    localesDir: 'locales',
    articlesDir: 'src',
    datasetFile: 'dataset.yaml',
    sourceLocale: 'en',
    locales: undefined,
    buildLocales: undefined,
    commonNamespace: 'common',
    articleLayout: 'lockstep/article.njk',
    pickerLayout: 'lockstep/picker.njk',
    statusLayout: 'lockstep/status.njk',
    notFoundLayout: 'lockstep/404.njk',
    siteUrl: undefined,
    markdown: false,
    strict: false,
    stale: 'notice',
    writeLock: true,
    audit: true,
    cache: '.cache/lockstep',
  };
}

const KNOWN = new Set(Object.keys(defaults()));

/** Merge user options over the defaults; unknown names are an error, not silently ignored. */
export function resolveOptions(user: LockstepOptions = {}, fallbackArticlesDir?: string): ResolvedOptions {
  const unknown = Object.keys(user).filter((k) => !KNOWN.has(k));
  if (unknown.length)
    throw new OptionsError(
      `Lockstep: unknown option ${unknown.map((k) => '`' + k + '`').join(', ')}; the options are ${[...KNOWN].map((k) => '`' + k + '`').join(', ')}.`,
    );
  const base = defaults();
  if (fallbackArticlesDir) base.articlesDir = fallbackArticlesDir;
  const merged = { ...base, ...Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)) } as ResolvedOptions;
  if (/^(1|true|yes)$/i.test(process.env.LOCKSTEP_STRICT ?? '')) merged.strict = true;
  const env = process.env.LOCKSTEP_LOCALES;
  merged.buildLocales = env?.trim() ? buildLocales(env.split(','), '`LOCKSTEP_LOCALES`') : buildLocales(merged.buildLocales, 'option `buildLocales`');
  if (merged.stale !== 'notice' && merged.stale !== 'source')
    throw new OptionsError(`Lockstep: option \`stale\` must be \`'notice'\` or \`'source'\`; found \`${String(merged.stale)}\`.`);
  if (typeof merged.markdown !== 'boolean')
    throw new OptionsError(`Lockstep: option \`markdown\` must be \`true\` or \`false\`; found \`${String(merged.markdown)}\`.`);
  if (merged.siteUrl !== undefined) merged.siteUrl = siteUrl(merged.siteUrl);
  if (merged.cache !== false && (typeof merged.cache !== 'string' || !merged.cache.trim()))
    throw new OptionsError(`Lockstep: option \`cache\` must be a folder such as \`'.cache/lockstep'\`, or \`false\` to keep no cache; found \`${JSON.stringify(merged.cache)}\`.`);
  // Builds do not watch the cache folder: one holding the site's own files would hide their changes.
  const holds = (dir: string, inside: string) => !relative(resolve(dir), resolve(inside)).startsWith('..') && !isAbsolute(relative(resolve(dir), resolve(inside)));
  const held = merged.cache === false ? undefined : [merged.localesDir, merged.articlesDir].find((d) => holds(merged.cache as string, d));
  if (held !== undefined)
    throw new OptionsError(`Lockstep: option \`cache\` is \`${merged.cache}\`, which holds \`${held}\`; the cache needs a folder of its own, such as \`'.cache/lockstep'\`.`);
  return merged;
}

/** The `siteUrl` option without its trailing slash; an error says what a usable one looks like. */
function siteUrl(value: unknown): string {
  const fail = (why: string) =>
    new OptionsError(
      `Lockstep: option \`siteUrl\` must be the absolute http or https address the site is served from, such as \`https://docs.example.com\`; found \`${String(value)}\`, ${why}.`,
    );
  if (typeof value !== 'string') throw fail(`which is not a string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail('which is not an absolute address (it needs `https://` and a host name)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail(`whose scheme is \`${url.protocol}\``);
  if (!url.hostname) throw fail('which has no host name');
  if (url.search || url.hash || value.endsWith('?') || value.endsWith('#')) throw fail('which has a query or a fragment; give the address of the site\'s root only');
  if (url.username || url.password) throw fail('which holds a user name or password');
  return url.href.replace(/\/+$/, '');
}

/**
 * The `LOCKSTEP_LOCALES` variable (comma-separated) or the `buildLocales` option, as canonical tags. Whether
 * each is a locale of the site is checked once the site is loaded.
 */
function buildLocales(value: unknown, from: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string'))
    throw new OptionsError(`Lockstep: ${from} must be a list of locale tags such as \`['fr-FR', 'ru-RU']\`; found \`${JSON.stringify(value)}\`.`);
  const list = (value as string[]).map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new OptionsError(`Lockstep: ${from} names no locale; name at least one, such as \`fr-FR,ru-RU\`, or unset it to build every locale.`);
  return list.map((name) => {
    const tag = canonicalTag(name);
    if (!tag) throw new OptionsError(`Lockstep: ${from} names \`${name}\`, which is not a BCP 47 language tag; write locales as \`fr-FR\` or \`zh-TW\`, separated by commas.`);
    return tag;
  });
}
