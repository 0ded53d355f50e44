import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CoreConfig } from '../config.js';
import { Memo } from '../memo.js';
import { parseDataset, requiredKeys, valueIds, type LoadedDataset } from './dataset.js';
import { cacheableFacts, isDatasetFacts, lazyDataset, type DatasetFacts } from './dataset-facts.js';
import {
  blank,
  canonicalTag,
  invalidTagProblem,
  isNamespaceFacts,
  lazyNamespace,
  LOCALE_FILE,
  namespaceFacts,
  parseNamespace,
  textDirection,
  type Locale,
  type Namespace,
  type NamespaceFacts,
} from './locales.js';
import { Stamps } from './stamps.js';
import { loadLock, LOCK_FILE, lockStamped, readLockInput } from './lock.js';
import {
  checkHistory,
  historyWrite,
  readHistoryInput,
  SOURCES_FILE,
  type SourceHistory,
} from './history.js';
import { digest, digestBytes, type BuildCache } from '../cache.js';
import { linkReferences } from '../render/markdown.js';
import { errorsOf, LockstepError, problem, q, type Problem } from '../problems.js';
import { outsideProblem, projectBounds, type Bounds } from './bounds.js';
import { decodeInput, decodeWith, readInputBytes } from './read.js';
import { parsed, type LoadMemo } from './load-memo.js';

/**
 * The kinds of input Eleventy's watcher reports (`LoadMemo.unchanged`, `LoadMemo.assume`): locale
 * files and datasets. Locks and the source history are the build's own writes, which it ignores.
 */
export const WATCHED = { locale: 'locale file', dataset: 'dataset' } as const;

/** Everything a build needs, loaded and validated. */
export interface Site {
  source: Locale;
  /** Source locale first, then the others by tag. */
  locales: Locale[];
  articles: LoadedDataset[];
  config: CoreConfig;
  /** Values worked out once per build (see `Memo`). */
  memo: Memo;
  /** The source locale's `sources.lock` as `loadSite` read it (empty when there is none). */
  history?: SourceHistory;
  /**
   * True when `sources.lock` already says what the locks on disk call for (`historyWrite` has
   * nothing to write); known only with a cache (`loadSite`'s `cache`), which spares a build that
   * changes no lock reading every lock to find that out.
   */
  historyCurrent?: boolean;
}

/**
 * Load every dataset and locale under `root`; returns all problems found, never throws on bad
 * input. With `memo` (watch mode), a file whose text is the one an earlier build read is not
 * parsed or validated again: its earlier result (value or problems) is used.
 */
export function loadSite(
  root: string,
  options: CoreConfig,
  cache?: BuildCache,
  memo?: LoadMemo,
): { site?: Site; problems: Problem[] } {
  const rel = (p: string) => relative(root, p) || '.';
  const problems: Problem[] = [];
  // Every file is read through its real path, which must stay in the project (or a folder
  // configured outside it).
  const bounds = projectBounds(root, [options.localesDir, options.articlesDir]);
  // Watch mode has its own memo of files by their stamps (`LoadMemo.unchanged`).
  const stamps = cache?.file && !memo ? new Stamps(cache) : undefined;
  const articles = loadArticles(root, options, rel, problems, bounds, memo, cache, stamps);
  const locales = loadLocales(root, options, rel, problems, bounds, memo, cache, stamps);
  const source = locales.find((l) => l.tag === canonicalTag(options.sourceLocale));
  const localesPath = rel(resolve(root, options.localesDir));
  const explained = (p: Problem) =>
    p.code === 'INVALID_LOCALE' || (p.file === localesPath && /^(SYMLINK|OUTSIDE)_/.test(p.code));
  if (!source && !problems.some(explained))
    problems.push(
      problem(
        'NO_SOURCE_LOCALE',
        `The source locale ${q(options.sourceLocale)} has no folder in ${q(options.localesDir)}; create \`${options.localesDir}/${options.sourceLocale}/\` or set the \`sourceLocale\` option.`,
        localesPath,
      ),
    );
  if (source)
    for (const a of articles) {
      const dir = rel(resolve(root, options.localesDir, source.tag));
      // Of the dataset and the source file only (the same objects when their texts are the same).
      const ns = source.namespaces.get(a.article);
      const inputs = [a, ns, source.broken.has(a.article), dir];
      const check = () => sourceProblems(a, source, dir);
      // With a cache, a sound pair (the usual case) is known by the two files' digests, without
      // reading the strings; one with problems is checked again, so they read as in a cold build.
      const found = cache?.file
        ? cache.through(
            `source ${a.file}`,
            {
              dataset: { file: a.file, digest: a.textDigest },
              ns: ns ?? null,
              broken: source.broken.has(a.article),
              dir,
            },
            (v): v is Problem[] => Array.isArray(v) && !v.length,
            check,
            (v) => !v.length,
          ).value
        : memo
          ? memo.same(`source ${a.file}`, inputs, check)
          : check();
      problems.push(...found);
    }
  if (source)
    for (const l of locales)
      if (l !== source)
        problems.push(...readLocaleLock(l, resolve(root, options.localesDir), cache, memo, stamps));
  const history = source && loadHistory(source, resolve(root, options.localesDir), bounds, memo);
  if (history?.problems) problems.push(...history.problems);
  if (errorsOf(problems).length || !source) return { problems };
  // Only once the site is sound: an article that failed to load would make its strings look stray.
  problems.push(...forgetStrays(articles, source, options.commonNamespace));
  locales.sort((a, b) => (a === source ? -1 : b === source ? 1 : a.tag.localeCompare(b.tag)));
  const translated = locales.filter((l) => l !== source);
  // Whether a build that changes no lock has any history to write: the same for the same files.
  const localesRoot = resolve(root, options.localesDir);
  const current =
    cache && history
      ? cache.through(
          'history',
          {
            history: {
              file: join(source.path, SOURCES_FILE),
              digest: history.text === undefined ? '\0' : digest(history.text),
            },
            source: source.namespaces,
            locks: translated.map((l) => [l.path, l.lock?.digest]),
          },
          (v): v is boolean => typeof v === 'boolean',
          () =>
            !historyWrite(
              localesRoot,
              { source, history: history.history },
              translated.map((l) => l.lock?.entries ?? {}),
              undefined,
              memo && { memo, id: 'history load' },
            ),
        ).value
      : undefined;
  return {
    site: {
      source,
      locales,
      articles,
      config: options,
      memo: new Memo(),
      history: history?.history,
      historyCurrent: current,
    },
    problems,
  };
}

function loadArticles(
  root: string,
  options: CoreConfig,
  rel: (p: string) => string,
  problems: Problem[],
  bounds: Bounds,
  memo?: LoadMemo,
  cache?: BuildCache,
  stamps?: Stamps,
): LoadedDataset[] {
  const dir = resolve(root, options.articlesDir);
  const out: LoadedDataset[] = [];
  for (const name of listDirs(dir, rel, problems, bounds).folders) {
    const file = join(dir, name, options.datasetFile);
    const shown = rel(file);
    const named = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);
    const one = () => {
      // A one-off build does not open a file its stamps say is as the cache knows it (`Stamps`).
      const st =
        stamps && named && !outsideProblem(bounds, file, shown) ? stamps.stat(file) : undefined;
      const d = st && stamps!.known(shown, st);
      if (d && cache!.peek(`dataset ${shown}`, d, isDatasetFacts)) {
        const bytes = () => stamps!.bytes(file, 'dataset', shown, d);
        return { missing: false, ...readDataset(bytes, shown, name, cache, memo, d) };
      }
      const read = readInputBytes(file, 'dataset', { shown, bounds });
      if (read.problem) return { missing: read.missing, problems: [read.problem] };
      // A folder that cannot be an article is not parsed: its name is the problem.
      if (!named) return { missing: false, problems: [] };
      const r = readDataset(read.bytes, shown, name, cache, memo);
      if (r.keep) stamps?.record(shown, st, r.keep.digest);
      return { missing: false, ...r };
    };
    // Watch mode: a file as it was at the previous build is not read again.
    const read = memo ? memo.unchanged(WATCHED.dataset, file, one) : one();
    if (read.missing) continue;
    if (!named) {
      problems.push(
        problem(
          'INVALID_ID',
          `Article folder ${q(name)} must be named with lower-case letters, digits and hyphens; it becomes the URL.`,
          shown,
        ),
      );
      continue;
    }
    // Kept every build, so that the cache saved keeps it.
    if (read.keep && cache?.file) cache.keep(`dataset ${shown}`, read.keep.digest, read.keep.facts);
    problems.push(...read.problems);
    if (read.dataset) out.push(read.dataset);
  }
  if (!out.length && !problems.length)
    problems.push(
      problem(
        'NO_ARTICLES',
        `No article found: no folder of ${q(options.articlesDir)} holds a ${q(options.datasetFile)}.`,
        rel(dir),
      ),
    );
  return out;
}

/**
 * An article's dataset, or its problems. Bytes the build cache knows were a sound dataset (by their
 * digest) are neither decoded nor parsed until something reads its data; a dataset with any
 * problem or warning is never kept as sound, so it is read again and reported as a cold build
 * reports it.
 */
function readDataset(
  bytes: Buffer | (() => Buffer),
  shown: string,
  article: string,
  cache: BuildCache | undefined,
  memo: LoadMemo | undefined,
  /** The digest of `bytes`, when they are read only if needed (`Stamps`). */
  known?: string,
): {
  dataset?: LoadedDataset;
  problems: Problem[];
  /** The entry the build cache keeps (by the bytes' digest), when the dataset is sound. */
  keep?: { digest: string; facts: DatasetFacts };
} {
  const get = typeof bytes === 'function' ? bytes : () => bytes;
  const d = known ?? (cache?.file ? digestBytes(get()) : undefined);
  const decode = () => decodeWith(memo, get(), 'dataset', shown);
  const parse = (text: string) =>
    parsed(memo, 'dataset', shown, text, () => {
      const r = parseDataset(text, shown, article);
      if (r.dataset) r.dataset.textDigest = d ?? digest(text);
      return r;
    });
  const facts = d === undefined ? undefined : cache!.peek(`dataset ${shown}`, d, isDatasetFacts);
  if (facts) {
    const lazy = () =>
      lazyDataset(article, shown, d!, facts, () => {
        const text = decode();
        return typeof text === 'string' ? parse(text) : { problems: [text] };
      });
    // Watch mode: the same bytes give the same object, which later steps' memos compare.
    const dataset = parsed(memo, 'known dataset', shown, d!, lazy);
    return { dataset, problems: [], keep: { digest: d!, facts } };
  }
  const text = decode();
  if (typeof text !== 'string') return { problems: [text] };
  const r = parse(text);
  const sound = r.dataset && d !== undefined ? cacheableFacts(r.dataset) : undefined;
  return sound ? { ...r, keep: { digest: d!, facts: sound } } : r;
}

function loadLocales(
  root: string,
  options: CoreConfig,
  rel: (p: string) => string,
  problems: Problem[],
  bounds: Bounds,
  memo?: LoadMemo,
  cache?: BuildCache,
  stamps?: Stamps,
): Locale[] {
  const dir = resolve(root, options.localesDir);
  if (!existsSync(dir)) {
    problems.push(
      problem(
        'NO_LOCALES',
        `The locales folder ${q(options.localesDir)} does not exist; create one folder per language in it, such as \`${options.localesDir}/en/\`.`,
        rel(dir),
      ),
    );
    return [];
  }
  const { folders, hidden } = listDirs(dir, rel, problems, bounds);
  if (!options.locales)
    for (const h of hidden)
      problems.push(
        problem(
          'HIDDEN_LOCALE_FOLDER',
          `Folder ${q(h)} is hidden (its name starts with \`.\`), so it is not published as a locale; rename it to ${q(h.replace(/^\.+/, ''))} to publish it, or move it out of ${q(options.localesDir)}.`,
          rel(join(dir, h)),
          undefined,
          'warning',
        ),
      );
  // Folders by the tag they name: `fr-fr` and `fr-FR` are the same locale.
  const byTag = new Map<string, string[]>();
  for (const f of folders) {
    const tag = canonicalTag(f);
    if (tag) byTag.set(tag, [...(byTag.get(tag) ?? []), f]);
  }
  const wanted = options.locales ?? folders;
  const out: Locale[] = [];
  const seen = new Set<string>();
  for (const name of wanted) {
    const tag = canonicalTag(name);
    if (!tag) {
      // A folder name points at the folder; a name from the `locales` option at the locales folder.
      problems.push(
        invalidTagProblem(name, folders.includes(name) ? rel(join(dir, name)) : rel(dir)),
      );
      continue;
    }
    const matching = byTag.get(tag) ?? [];
    if (!matching.length) {
      problems.push(
        problem(
          'LOCALE_NOT_FOUND',
          `Locale ${q(name)} is listed in the \`locales\` option but ${q(options.localesDir + '/' + name)} does not exist.`,
          rel(dir),
        ),
      );
      continue;
    }
    if (seen.has(tag)) {
      if (options.locales)
        problems.push(
          problem(
            'DUPLICATE_LOCALE',
            `The \`locales\` option lists ${q(tag)} twice (as ${q(name)}); list each locale once.`,
            rel(dir),
          ),
        );
      continue;
    }
    seen.add(tag);
    if (matching.length > 1) {
      const names = matching.map((f) => q(options.localesDir + '/' + f));
      problems.push(
        problem(
          'DUPLICATE_LOCALE',
          `Folders ${names.join(' and ')} are both locale ${q(tag)}; merge them into one folder and delete the other.`,
          rel(join(dir, matching[1]!)),
        ),
      );
      continue;
    }
    const locale = loadLocale(
      tag,
      join(dir, matching[0]!),
      matching[0]!,
      rel,
      problems,
      bounds,
      options.commonNamespace,
      memo,
      cache,
      stamps,
    );
    locale.slug = options.localePaths?.[tag] ?? locale.slug;
    out.push(locale);
  }
  return out;
}

function loadLocale(
  tag: string,
  path: string,
  folder: string,
  rel: (p: string) => string,
  problems: Problem[],
  bounds: Bounds,
  common: string,
  memo?: LoadMemo,
  cache?: BuildCache,
  stamps?: Stamps,
): Locale {
  const locale: Locale = {
    tag,
    slug: tag.toLowerCase(),
    dir: textDirection(tag),
    folder,
    path: rel(path),
    namespaces: new Map(),
    broken: new Set(),
  };
  const entries = readdirSync(path, { withFileTypes: true });
  const names = entries.map((d) => d.name);
  const links = new Set(entries.filter((d) => d.isSymbolicLink()).map((d) => d.name));
  // The folder's real path is checked once: a file in it that is not a link is inside too, so only
  // links need a real path of their own (one system call per file, at thousands of files).
  const folderInside = !outsideProblem(bounds, path, locale.path);
  for (const file of names.filter((f) => LOCALE_FILE.test(f)).sort()) {
    // The locale folder's relative path is known: `relative()` per file costs more than it seems at
    // a thousand files.
    const shown = join(locale.path, file);
    const name = file.replace(LOCALE_FILE, '');
    const full = join(path, file);
    const inside = folderInside && !links.has(file);
    const one = () => {
      // A one-off build does not open a file its stamps say is as the cache knows it (`Stamps`).
      const st = stamps && inside ? stamps.stat(full) : undefined;
      const d = st && stamps!.known(shown, st);
      const known = d && cache!.peek(`ns ${shown}`, d, isNamespaceFacts);
      if (known) {
        const bytes = () => stamps!.bytes(full, 'locale', shown, d);
        const ns = knownNamespace(shown, d, known, bytes, memo);
        return { ...ns, facts: namespaceFacts(ns.ns!, name === common) };
      }
      const read = readInputBytes(full, 'locale', { shown, bounds: inside ? undefined : bounds });
      const ns = read.problem
        ? { problems: [read.problem] }
        : readNamespace(read.bytes, shown, cache, memo);
      if (ns.ns?.digest && ns.problems.length === 0) stamps?.record(shown, st, ns.ns.digest);
      // The theme's strings whole, which every language's picker and 404 page read.
      const facts = ns.ns && cache?.file ? namespaceFacts(ns.ns, name === common) : undefined;
      return { ...ns, facts };
    };
    // Watch mode: a file as it was at the previous build is not read again.
    const ns = memo ? memo.unchanged(WATCHED.locale, full, one) : one();
    // Kept every build, so that the cache saved keeps it.
    if (ns.ns && ns.facts && cache?.file) cache.keep(`ns ${shown}`, ns.ns.digest!, ns.facts);
    problems.push(...ns.problems);
    if (ns.ns) locale.namespaces.set(name, ns.ns);
    else locale.broken.add(name);
  }
  // The lock is read and written later: a link out of the project is refused before anything is.
  const lock =
    names.includes(LOCK_FILE) &&
    outsideProblem(bounds, join(path, LOCK_FILE), join(locale.path, LOCK_FILE));
  if (lock) problems.push(lock);
  return locale;
}

/**
 * A namespace file's strings, or its problems. Bytes the build cache knows were a sound file (by
 * their digest) are neither decoded nor parsed until something reads them. Problems are never
 * cached: a file that has any is decoded and parsed again, so they are reported as a build without
 * a cache reports them.
 */
function readNamespace(
  bytes: Buffer,
  shown: string,
  cache: BuildCache | undefined,
  memo: LoadMemo | undefined,
): { ns?: Namespace; problems: Problem[] } {
  const d = cache?.file ? digestBytes(bytes) : undefined;
  const facts = d === undefined ? undefined : cache!.peek(`ns ${shown}`, d, isNamespaceFacts);
  if (facts) return knownNamespace(shown, d!, facts, () => bytes, memo);
  const text = decodeWith(memo, bytes, 'locale', shown);
  if (typeof text !== 'string') return { problems: [text] };
  return parsed(memo, 'locale', shown, text, () => parseNamespace(text, shown, d));
}

/** A namespace file the build cache knows sound by digest `d`: `bytes` read when first needed. */
function knownNamespace(
  shown: string,
  d: string,
  facts: NamespaceFacts,
  bytes: () => Buffer,
  memo: LoadMemo | undefined,
): { ns?: Namespace; problems: Problem[] } {
  const text = () => {
    const t = decodeInput(bytes(), 'locale', shown);
    // Only a cache file written by hand gets here (its entries are keyed by the bytes' digest).
    if (typeof t !== 'string') throw new LockstepError([t]);
    return t;
  };
  return parsed(memo, 'known locale', shown, d, () => ({
    ns: lazyNamespace(shown, text, d, facts),
    problems: [],
  }));
}

/**
 * Read and check a translated locale's lock now, so a damaged one fails `check` and the build
 * before anything is written.
 */
function readLocaleLock(
  locale: Locale,
  dir: string,
  cache?: BuildCache,
  memo?: LoadMemo,
  stamps?: Stamps,
): Problem[] {
  const file = join(locale.path, LOCK_FILE);
  const path = join(dir, locale.folder, LOCK_FILE);
  // A one-off build does not open a lock its stamps say is as the cache knows it (`Stamps`).
  const st = stamps?.stat(path);
  const d = st && stamps!.known(file, st);
  if (d) {
    const text = () => {
      const t = decodeInput(stamps!.bytes(path, 'lock', file, d), 'lock', file);
      if (typeof t !== 'string') throw new LockstepError([t]);
      return t;
    };
    const { lock, problems } = loadLock({ digest: d, text }, file, cache, locale.tag, memo);
    if (lock) locale.lock = lock;
    return problems;
  }
  const read = readLockInput(path, memo);
  // Bytes that are not text mean a damaged lock; a lock that cannot be opened at all, an unreadable
  // one.
  const damaged =
    read.problem && ['NOT_UTF8', 'UTF16_FILE', 'CONTROL_CHARACTER'].includes(read.problem.code);
  if (read.problem)
    return [
      {
        ...read.problem,
        code: damaged ? 'LOCK_DAMAGED' : 'LOCK_UNREADABLE',
        message: damaged
          ? `The lock holds binary data, not text (${read.problem.message.split('. ')[0]!.replace(/^This lock file /, 'it ')}); it is damaged. Restore it from git, then build again.`
          : read.problem.message,
      },
    ];
  const { lock, problems } = loadLock(read.text, file, cache, locale.tag, memo);
  if (lock) locale.lock = lock;
  if (lock && st && lockStamped(read.text, st.size)) stamps!.record(file, st, lock.digest);
  return problems;
}

/** Read and check the source history now: a damaged one fails `check` and the build. */
function loadHistory(
  source: Locale,
  dir: string,
  bounds: Bounds,
  memo?: LoadMemo,
): { history?: SourceHistory; text?: string; problems?: Problem[] } {
  const shown = join(source.path, SOURCES_FILE);
  const read = readHistoryInput(join(dir, source.folder, SOURCES_FILE), shown, bounds, memo);
  if (read.problem) return { problems: [read.problem] };
  const text = read.text;
  const { history, problems } =
    text === undefined
      ? checkHistory(text, shown)
      : parsed(memo, 'history', shown, text, () => checkHistory(text, shown));
  return history ? { history, text: read.text } : { problems };
}

/**
 * The source locale must hold every string the outline asks for, and name only links that exist.
 */
function sourceProblems(article: LoadedDataset, source: Locale, sourceDir: string): Problem[] {
  const out: Problem[] = [];
  const ns = source.namespaces.get(article.article);
  // A file that failed to parse has been reported already; do not also call it missing.
  if (source.broken.has(article.article)) return [];
  if (!ns) {
    return [
      problem(
        'MISSING_NAMESPACE',
        `The source locale has no strings for article ${q(article.article)}; create \`${sourceDir}/${article.article}.yaml\`.`,
        article.file,
      ),
    ];
  }
  const data = article.data;
  const labels = new Set(valueIds(data));
  for (const key of requiredKeys(data)) {
    if (!blank(ns.strings.get(key))) continue;
    const value = key.startsWith('values.') ? key.slice(7) : undefined;
    if (value && labels.has(value)) {
      out.push(
        problem(
          'MISSING_LABEL',
          `Value ${q(value)} is used in a table but has no label in the source locale; add \`values.${value}\` to ${q(ns.file)}.`,
          article.file,
          valuePosition(article, value),
        ),
      );
    } else {
      out.push(
        problem(
          'MISSING_SOURCE_STRING',
          `The source locale has no text for ${q(key)}; add it to ${q(ns.file)}.`,
          ns.file,
          { line: 1, col: 1 },
        ),
      );
    }
  }
  const links = new Set(Object.keys(data.links ?? {}));
  for (const [key, text] of ns.strings)
    for (const ref of linkReferences(text))
      if (!links.has(ref))
        out.push(
          problem(
            'UNKNOWN_LINK',
            `${q(key)} links to ${q(ref)}, which is not defined under \`links\` in ${q(article.file)}; add it there.`,
            ns.file,
            ns.src.pos(key.split('.')),
          ),
        );
  return out;
}

function valuePosition(article: LoadedDataset, value: string) {
  for (const [id, t] of Object.entries(article.data.tables ?? {}))
    for (const [ri, r] of t.rows.entries())
      for (const [col, cell] of Object.entries(r.cells))
        if ([cell].flat().includes(value))
          return article.src.pos(['tables', id, 'rows', ri, 'cells', col]);
  return { line: 1, col: 1 };
}

/**
 * Sub-folders of `dir`, sorted, and the hidden ones apart; a link that leads out of the project is
 * reported, not followed.
 */
function listDirs(
  dir: string,
  rel: (p: string) => string,
  problems: Problem[],
  bounds: Bounds,
): { folders: string[]; hidden: string[] } {
  const folders: string[] = [];
  const hidden: string[] = [];
  if (!existsSync(dir)) return { folders, hidden };
  const out = outsideProblem(bounds, dir, rel(dir));
  if (out) {
    problems.push(out);
    return { folders, hidden };
  }
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, d.name);
    if (d.isSymbolicLink()) {
      const outside = outsideProblem(bounds, path, rel(path));
      if (outside) {
        if (isDir(path)) problems.push(outside);
        continue;
      }
    }
    if (!(d.isDirectory() || (d.isSymbolicLink() && isDir(path)))) continue;
    (d.name.startsWith('.') ? hidden : folders).push(d.name);
  }
  return { folders: folders.sort(), hidden: hidden.sort() };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The source strings of articles that no longer exist are not counted (a deleted article's keys
 * would stay "missing" in every language forever), and each such file is named; a source locale
 * without the common namespace is named too: the theme's words would be English everywhere.
 */
function forgetStrays(articles: { article: string }[], source: Locale, common: string): Problem[] {
  const found: Problem[] = [];
  const known = new Set([...articles.map((a) => a.article), common]);
  // A source file of no article may be the common file under another name.
  const misnamed = [...source.namespaces.keys()].filter((n) => !known.has(n));
  // Only the source's: a translation's file of no article is reported as `ORPHAN`, with its keys.
  const l = source;
  for (const ns of [...l.namespaces.keys(), ...l.broken])
    if (!known.has(ns)) {
      l.namespaces.delete(ns);
      l.broken.delete(ns);
      found.push(
        problem(
          'STRAY_NAMESPACE',
          `\`${ns}.yaml\` belongs to no article (there is no article \`${ns}\`), so its strings are not used or counted; delete the file, or restore the article.`,
          `${l.path}/${ns}.yaml`,
          undefined,
          'warning',
        ),
      );
    }
  if (!source.namespaces.has(common) && !source.broken.has(common)) {
    found.push(
      problem(
        'MISSING_COMMON',
        `The source locale has no \`${common}.yaml\` (the \`commonNamespace\` option), so the theme's strings show in English in every language; create \`${source.path}/${common}.yaml\` (\`npx lockstep new\` writes one), or set \`commonNamespace\` to the name of your file${misnamed.length ? ` (${misnamed.map((n) => `\`'${n}'\``).join(' or ')}?)` : ''}.`,
        source.path,
        undefined,
        'warning',
      ),
    );
  }
  return found;
}
