import { isAbsolute, relative, resolve } from 'node:path';
import { canonicalTag } from './core/load/locales.js';
import type { CoreConfig, OutputName } from './core/config.js';
import { printable } from './core/problems.js';
import { navigationProblem, type NavigationOption } from './navigation.js';

/**
 * A bad option value. Its message says what and how to fix it, so Eleventy prints no stack trace
 * (as for `LockstepError`).
 */
export class OptionsError extends Error {
  override name = 'OptionsError';
  readonly skipOriginalStack = true;
  constructor(message: string) {
    // One line, whatever the value quoted (an environment variable may hold anything).
    super(printable(message));
  }
}

/**
 * Options of the Lockstep plugin. Every field is optional; `defaults()` says what an omitted one
 * means.
 */
export interface LockstepOptions {
  /**
   * Folder holding one folder per locale (`locales/fr-FR/…`), relative to the project root. Default
   * `locales`.
   */
  localesDir?: string;
  /**
   * Folder whose sub-folders containing a dataset file are articles. Default: Eleventy's input
   * folder.
   */
  articlesDir?: string;
  /** File name of an article's dataset inside its folder. Default `dataset.yaml`. */
  datasetFile?: string;
  /** The language the others are translated from; its strings are the fallback. Default `en`. */
  sourceLocale?: string;
  /** Locales to publish, as BCP 47 tags. Default: every folder of `localesDir`. */
  locales?: string[];
  /**
   * Write only these locales' article pages: one shard of a build split across CI runners, whose
   * output folders are then merged. Only these locales are checked, audited, given status pages
   * and their locks written; the pages every shard writes (picker, 404, sitemap, the summary status
   * page, its other languages left for `lockstep merge`) are the same in every shard. Default:
   * every locale; `LOCKSTEP_LOCALES=fr-FR,ru-RU` sets it too (and wins over this option).
   */
  buildLocales?: string[];
  /**
   * Namespace (file name without extension) of strings shared by all articles. Default `common`.
   */
  commonNamespace?: string;
  /**
   * Layout for article pages, found in Eleventy's includes folder. Default `lockstep/article.njk`.
   */
  articleLayout?: string;
  /**
   * Layout for the language picker written at `/`, or `false` for no picker. Default
   * `lockstep/picker.njk`.
   */
  pickerLayout?: string | false;
  /**
   * Publish the translation status page at `/translation-status/`. It is for the people who
   * translate, not for readers, so it is off unless asked for. Default `false`.
   */
  statusPage?: boolean;
  /**
   * Layout for the translation status page (when `statusPage` is on), or `false` for none. Default
   * `lockstep/status.njk`.
   */
  statusLayout?: string | false;
  /**
   * The folder each locale's pages are written under, by tag: `{ 'de-DE': 'de' }` puts the German
   * pages at `/de/<article>/`. A locale not named keeps its tag in lower case (`/fr-fr/`). Default:
   * none.
   */
  localePaths?: Record<string, string>;
  /**
   * Layout for the "page not found" pages, `/404.html` (every language) and `/<locale>/404.html`
   * (one language each), or `false` for none. Default `lockstep/404.njk`.
   */
  notFoundLayout?: string | false;
  /**
   * The absolute http(s) address the built site is served from, including any path prefix, such as
   * `https://docs.example.com`. Makes the canonical and hreflang links absolute and is required for
   * `sitemap.xml` and `robots.txt`, which are not written without it. Default: none (links stay
   * root-relative).
   */
  siteUrl?: string;
  /**
   * Also write each article in each language as Markdown with front matter, at
   * `/<locale>/<article>.md`. Default `false`.
   */
  markdown?: boolean;
  /**
   * Turn every translation warning (missing, stale, failed check, orphan) into a build failure.
   * Default `false`; `LOCKSTEP_STRICT=1` also turns it on.
   */
  strict?: boolean;
  /**
   * How an outdated translation is shown: `notice` (the translation, marked as outdated) or
   * `source` (the source text instead). Default `notice`.
   */
  stale?: 'notice' | 'source';
  /**
   * Update `locales/<locale>/translations.lock` when a build sees new or re-translated strings.
   * Default `true`.
   */
  writeLock?: boolean;
  /**
   * After each build, check that every `data-lockstep` table of the pages it wrote is identical in
   * every language (as `lockstep audit` does), and fail the build if not; `false` skips the check.
   * Default `true`.
   */
  audit?: boolean;
  /**
   * Folder (relative to the project root) where builds keep what they worked out from files that
   * have not changed since: each language's translation checks and each page's audit, keyed by
   * digests of the files' text, so a build after a small change (or with the folder restored in CI)
   * redoes only what changed. `false` keeps nothing. Default `.cache/lockstep`.
   */
  cache?: string | false;
  /**
   * `eleventyNavigation` data on every article page, for `@11ty/eleventy-navigation`: key
   * `<tag>/<article>`, the page's title, and `parent` when given (`{locale}` in it becomes the
   * page's tag, for one menu per language); `true` adds them with no parent. Default `false`.
   */
  navigation?: NavigationOption;
}

export type ResolvedOptions = Required<
  Omit<LockstepOptions, 'locales' | 'buildLocales' | 'articlesDir' | 'siteUrl' | 'localePaths'>
> & {
  locales: string[] | undefined;
  /** Canonical tags; undefined for every locale. */
  buildLocales: string[] | undefined;
  articlesDir: string;
  /** Without a trailing slash. */
  siteUrl: string | undefined;
  /** Keyed by canonical tag; undefined when every locale keeps its tag. */
  localePaths: Record<string, string> | undefined;
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
    statusPage: false,
    statusLayout: 'lockstep/status.njk',
    localePaths: undefined,
    notFoundLayout: 'lockstep/404.njk',
    siteUrl: undefined,
    markdown: false,
    strict: false,
    stale: 'notice',
    writeLock: true,
    audit: true,
    cache: '.cache/lockstep',
    // Off unless asked: a site that already uses eleventy-navigation would see every language
    // version of every article appear at the top of its menus.
    navigation: false,
  };
}

type Rule = (value: unknown, name: string) => string | undefined;

/**
 * A value quoted for a message as it would be written in the config, so `'true'` and `true` differ.
 */
function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (typeof value === 'function') text = 'a function';
  else if (Array.isArray(value) || (value && typeof value === 'object')) text = json(value);
  else text = String(value);
  return '`' + (text.length > 60 ? text.slice(0, 57) + '...' : text) + '`';
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Array.isArray(value) ? 'a list' : 'an object'; // cycles, BigInt
  }
}

const must = (name: string, expected: string, value: unknown, hint = '') =>
  `option \`${name}\` must be ${expected}; found ${shown(value)}${hint}.`;
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const quotedBoolean = (v: unknown) =>
  v === 'true' || v === 'false' ? ` (a string; write \`${v}\` without quotes)` : '';

const bool: Rule = (v, name) =>
  typeof v === 'boolean' ? undefined : must(name, '`true` or `false`', v, quotedBoolean(v));
const text =
  (example: string, what = 'a non-empty string'): Rule =>
  (v, name) =>
    nonEmpty(v) ? undefined : must(name, `${what} such as \`'${example}'\``, v);
const orFalse =
  (example: string, what: string, none: string): Rule =>
  (v, name) =>
    v === false || nonEmpty(v)
      ? undefined
      : must(
          name,
          `${what} such as \`'${example}'\`, or \`false\` ${none}`,
          v,
          v === true ? ' (leave the option out for the default)' : '',
        );
const oneOf =
  (...allowed: string[]): Rule =>
  (v, name) =>
    allowed.includes(v as string)
      ? undefined
      : must(name, allowed.map((a) => `\`'${a}'\``).join(' or '), v);
const tagList: Rule = (v, name) => {
  const listed = (s: string) =>
    '[' +
    s
      .split(',')
      .map((t) => `'${t.trim()}'`)
      .join(', ') +
    ']';
  if (typeof v === 'string')
    return must(name, 'a list of locale tags', v, `, a single string; write \`${listed(v)}\``);
  if (!Array.isArray(v) || !v.every(nonEmpty))
    return must(name, "a list of locale tags such as `['fr-FR', 'ru-RU']`", v);
  if (!v.length)
    return `option \`${name}\` names no locale; name at least one, or leave the option out to publish every folder of \`localesDir\`.`;
};

/** How each option is checked; `Record` makes an option without a rule a type error. */
const RULES: Record<keyof LockstepOptions, Rule> = {
  localesDir: text('locales', 'a folder'),
  articlesDir: text('src', 'a folder'),
  datasetFile: text('dataset.yaml', 'a file name'),
  sourceLocale: (v, name) =>
    typeof v === 'string' && canonicalTag(v)
      ? undefined
      : must(name, "a BCP 47 language tag such as `'en'` or `'en-US'`", v),
  locales: tagList,
  buildLocales: (v, name) =>
    typeof v === 'string' ? tagList(v, name) : buildLocales(v, `option \`${name}\``).error,
  commonNamespace: text('common', 'a namespace (a locale file name without extension)'),
  articleLayout: text('lockstep/article.njk', 'a layout file'),
  pickerLayout: orFalse('lockstep/picker.njk', 'a layout file', 'for no picker'),
  statusPage: bool,
  statusLayout: orFalse('lockstep/status.njk', 'a layout file', 'for no status page'),
  localePaths: (v) => localePaths(v).error,
  notFoundLayout: orFalse('lockstep/404.njk', 'a layout file', 'for no 404 pages'),
  siteUrl: (v) => siteUrl(v).error,
  markdown: bool,
  strict: bool,
  stale: oneOf('notice', 'source'),
  writeLock: bool,
  audit: bool,
  cache: orFalse('.cache/lockstep', 'a folder', 'to keep no cache'),
  navigation: navigationProblem,
};
const KNOWN = Object.keys(RULES);

/**
 * Merge user options over the defaults. Every option is checked, and every bad one (and unknown
 * name) is reported in one `OptionsError`, so a config is fixed in one go.
 */
export function resolveOptions(
  user: LockstepOptions = {},
  fallbackArticlesDir?: string,
): ResolvedOptions {
  return resolveAll(user, fallbackArticlesDir).options;
}

/** The options, and the core's config made from them: the environment is read here, once. */
export function resolveConfig(
  user: LockstepOptions = {},
  fallbackArticlesDir?: string,
): { options: ResolvedOptions; config: CoreConfig } {
  const { options, shardFrom } = resolveAll(user, fallbackArticlesDir);
  return { options, config: coreConfig(options, shardFrom) };
}

/**
 * What the core needs of the options. `shardFrom` names where `buildLocales` came from in messages
 * (`resolveConfig` knows whether it was `LOCKSTEP_LOCALES`).
 */
export function coreConfig(
  o: ResolvedOptions,
  shardFrom = 'The `buildLocales` option',
): CoreConfig {
  const outputs = new Set<OutputName>(['pages']);
  if (o.pickerLayout !== false) outputs.add('picker');
  if (o.statusPage && o.statusLayout !== false) outputs.add('status');
  if (o.notFoundLayout !== false) outputs.add('notFound');
  if (o.siteUrl !== undefined) outputs.add('sitemap');
  if (o.markdown) outputs.add('markdown');
  return {
    localesDir: o.localesDir,
    articlesDir: o.articlesDir,
    datasetFile: o.datasetFile,
    sourceLocale: o.sourceLocale,
    locales: o.locales,
    commonNamespace: o.commonNamespace,
    localePaths: o.localePaths,
    outputs,
    siteUrl: o.siteUrl,
    strict: o.strict,
    stale: o.stale,
    writeLock: o.writeLock,
    cache: o.cache,
    shardLocales: o.buildLocales,
    shardLocalesFrom: shardFrom,
  };
}

function resolveAll(
  user: LockstepOptions,
  fallbackArticlesDir: string | undefined,
): { options: ResolvedOptions; shardFrom: string } {
  if (!user || typeof user !== 'object' || Array.isArray(user))
    throw new OptionsError(
      `Lockstep: the options must be an object such as \`{ sourceLocale: 'en' }\`; found ${shown(user)}.`,
    );
  const bad: string[] = [];
  const unknown = Object.keys(user).filter((k) => !KNOWN.includes(k));
  if (unknown.length)
    bad.push(
      `unknown option ${unknown.map((k) => '`' + k + '`').join(', ')}; the options are ${KNOWN.map((k) => '`' + k + '`').join(', ')}.`,
    );
  const given = Object.entries(user).filter(([k, v]) => v !== undefined && KNOWN.includes(k));
  for (const [name, value] of given) {
    const why = RULES[name as keyof LockstepOptions](value, name);
    if (why) bad.push(why);
  }
  const base = defaults();
  if (fallbackArticlesDir) base.articlesDir = fallbackArticlesDir;
  const merged = { ...base, ...Object.fromEntries(given) } as ResolvedOptions;
  const strictEnv = process.env.LOCKSTEP_STRICT?.trim() ?? '';
  if (/^(1|true|yes)$/i.test(strictEnv)) merged.strict = true;
  else if (!/^(0|false|no|)$/i.test(strictEnv))
    bad.push(
      `\`LOCKSTEP_STRICT\` must be \`1\`, \`true\` or \`yes\` to turn strict mode on, or \`0\`, \`false\`, \`no\` or empty to leave it off; found ${shown(strictEnv)}.`,
    );
  // The variable wins over the option (which is checked above all the same).
  const env = process.env.LOCKSTEP_LOCALES?.trim()
    ? buildLocales(process.env.LOCKSTEP_LOCALES.split(','), '`LOCKSTEP_LOCALES`')
    : undefined;
  if (env?.error) bad.push(env.error);
  merged.buildLocales = (env ?? buildLocales(merged.buildLocales, 'option `buildLocales`')).tags;
  if (merged.siteUrl !== undefined) merged.siteUrl = siteUrl(merged.siteUrl).url;
  if (merged.localePaths !== undefined) merged.localePaths = localePaths(merged.localePaths).paths;
  // Builds do not watch the cache folder: one holding the site's own files would hide their
  // changes.
  const holds = (dir: string, inside: string) =>
    !relative(resolve(dir), resolve(inside)).startsWith('..') &&
    !isAbsolute(relative(resolve(dir), resolve(inside)));
  const folders = [merged.localesDir, merged.articlesDir].filter(nonEmpty);
  const held = nonEmpty(merged.cache)
    ? folders.find((d) => holds(merged.cache as string, d))
    : undefined;
  if (held !== undefined)
    bad.push(
      `option \`cache\` is \`${merged.cache}\`, which holds \`${held}\`; the cache needs a folder of its own, such as \`'.cache/lockstep'\`.`,
    );
  if (bad.length === 1) throw new OptionsError(`Lockstep: ${bad[0]}`);
  if (bad.length)
    throw new OptionsError(
      `Lockstep: ${bad.length} problems with the options: ${bad.map((m, k) => `(${k + 1}) ${m}`).join(' ')}`,
    );
  return { options: merged, shardFrom: env ? '`LOCKSTEP_LOCALES`' : 'The `buildLocales` option' };
}

/** The `siteUrl` option without its trailing slash, or why it is not a usable one. */
function siteUrl(value: unknown): { url?: string; error?: string } {
  const fail = (why: string) => ({
    error: `option \`siteUrl\` must be the absolute http or https address the site is served from, such as \`https://docs.example.com\`; found \`${String(value)}\`, ${why}.`,
  });
  if (typeof value !== 'string') return fail(`which is not a string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('which is not an absolute address (it needs `https://` and a host name)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return fail(`whose scheme is \`${url.protocol}\``);
  if (!url.hostname) return fail('which has no host name');
  if (url.search || url.hash || value.endsWith('?') || value.endsWith('#'))
    return fail("which has a query or a fragment; give the address of the site's root only");
  if (url.username || url.password) return fail('which holds a user name or password');
  return { url: url.href.replace(/\/+$/, '') };
}

/**
 * The `LOCKSTEP_LOCALES` variable (comma-separated) or the `buildLocales` option, as canonical
 * tags, or why not. Whether each is a locale of the site is checked once the site is loaded.
 */
function buildLocales(value: unknown, from: string): { tags?: string[]; error?: string } {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string'))
    return {
      error: `${from} must be a list of locale tags such as \`['fr-FR', 'ru-RU']\`; found \`${JSON.stringify(value)}\`.`,
    };
  const list = (value as string[]).map((s) => s.trim()).filter(Boolean);
  if (!list.length)
    return {
      error: `${from} names no locale; name at least one, such as \`fr-FR,ru-RU\`, or unset it to build every locale.`,
    };
  const tags = list.map((name) => ({ name, tag: canonicalTag(name) }));
  const wrong = tags.find((t) => !t.tag);
  if (wrong)
    return {
      error: `${from} names \`${wrong.name}\`, which is not a BCP 47 language tag; write locales as \`fr-FR\` or \`zh-TW\`, separated by commas.`,
    };
  return { tags: tags.map((t) => t.tag!) };
}

/**
 * The `localePaths` option keyed by canonical tag, or why not: each path one folder name, and no
 * two locales in one folder.
 */
function localePaths(value: unknown): { paths?: Record<string, string>; error?: string } {
  const example = "such as `{ 'de-DE': 'de' }`";
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return {
      error: must('localePaths', `an object of locale tags and folder names ${example}`, value),
    };
  const paths: Record<string, string> = {};
  const used = new Map<string, string>();
  for (const [name, path] of Object.entries(value)) {
    const tag = canonicalTag(name);
    if (!tag)
      return {
        error: `option \`localePaths\` names \`${name}\`, which is not a BCP 47 language tag; write tags as \`de-DE\`.`,
      };
    if (typeof path !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(path))
      return {
        error: `option \`localePaths\` gives \`${name}\` the folder ${shown(path)}; a folder is lower-case letters, digits and hyphens, ${example}.`,
      };
    if (used.has(path))
      return {
        error: `option \`localePaths\` puts both \`${used.get(path)}\` and \`${name}\` in \`/${path}/\`; give each locale a folder of its own.`,
      };
    used.set(path, name);
    paths[tag] = path;
  }
  return { paths };
}
