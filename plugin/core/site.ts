import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ResolvedOptions } from '../options.js';
import { parseDataset, requiredKeys, valueIds, type LoadedDataset } from './dataset.js';
import { blank, canonicalTag, invalidTagProblem, LOCALE_FILE, parseNamespace, textDirection, type Locale } from './locales.js';
import { checkLock, LOCK_FILE, readLockText } from './lock.js';
import { linkReferences } from './markdown.js';
import { errorsOf, problem, q, type Problem } from './problems.js';

/** Everything a build needs, loaded and validated. */
export interface Site {
  source: Locale;
  /** Source locale first, then the others by tag. */
  locales: Locale[];
  articles: LoadedDataset[];
  options: ResolvedOptions;
}

/** Load every dataset and locale under `root`; returns all problems found, never throws on bad input. */
export function loadSite(root: string, options: ResolvedOptions): { site?: Site; problems: Problem[] } {
  const rel = (p: string) => relative(root, p) || '.';
  const problems: Problem[] = [];
  const articles = loadArticles(root, options, rel, problems);
  const locales = loadLocales(root, options, rel, problems);
  const source = locales.find((l) => l.tag === canonicalTag(options.sourceLocale));
  if (!source && !problems.some((p) => p.code === 'INVALID_LOCALE'))
    problems.push(
      problem(
        'NO_SOURCE_LOCALE',
        `The source locale ${q(options.sourceLocale)} has no folder in ${q(options.localesDir)}; create \`${options.localesDir}/${options.sourceLocale}/\` or set the \`sourceLocale\` option.`,
        rel(resolve(root, options.localesDir)),
      ),
    );
  if (source) for (const a of articles) problems.push(...sourceProblems(a, source, rel(resolve(root, options.localesDir, source.tag))));
  if (source) for (const l of locales) if (l !== source) problems.push(...loadLock(l, resolve(root, options.localesDir)));
  if (errorsOf(problems).length || !source) return { problems };
  locales.sort((a, b) => (a === source ? -1 : b === source ? 1 : a.tag.localeCompare(b.tag)));
  return { site: { source, locales, articles, options }, problems };
}

function loadArticles(root: string, options: ResolvedOptions, rel: (p: string) => string, problems: Problem[]): LoadedDataset[] {
  const dir = resolve(root, options.articlesDir);
  const out: LoadedDataset[] = [];
  for (const name of listDirs(dir)) {
    const file = join(dir, name, options.datasetFile);
    if (!existsSync(file)) continue;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
      problems.push(problem('INVALID_ID', `Article folder ${q(name)} must be named with lower-case letters, digits and hyphens; it becomes the URL.`, rel(file)));
      continue;
    }
    const { dataset, problems: found } = parseDataset(readFileSync(file, 'utf8'), rel(file), name);
    problems.push(...found);
    if (dataset) out.push(dataset);
  }
  if (!out.length && !problems.length)
    problems.push(problem('NO_ARTICLES', `No article found: no folder of ${q(options.articlesDir)} holds a ${q(options.datasetFile)}.`, rel(dir)));
  return out;
}

function loadLocales(root: string, options: ResolvedOptions, rel: (p: string) => string, problems: Problem[]): Locale[] {
  const dir = resolve(root, options.localesDir);
  if (!existsSync(dir)) {
    problems.push(problem('NO_LOCALES', `The locales folder ${q(options.localesDir)} does not exist; create one folder per language in it, such as \`${options.localesDir}/en/\`.`, rel(dir)));
    return [];
  }
  const folders = listDirs(dir);
  const wanted = options.locales ?? folders;
  const out: Locale[] = [];
  for (const name of wanted) {
    const tag = canonicalTag(name);
    if (!tag) {
      // A folder name points at the folder; a name from the `locales` option at the locales folder.
      problems.push(invalidTagProblem(name, folders.includes(name) ? rel(join(dir, name)) : rel(dir)));
      continue;
    }
    const folder = folders.find((f) => canonicalTag(f) === tag);
    if (!folder) {
      problems.push(problem('LOCALE_NOT_FOUND', `Locale ${q(name)} is listed in the \`locales\` option but ${q(options.localesDir + '/' + name)} does not exist.`, rel(dir)));
      continue;
    }
    if (out.some((l) => l.tag === tag)) {
      problems.push(problem('DUPLICATE_LOCALE', `Folders for ${q(tag)} appear twice (${q(folder)}); keep one.`, rel(join(dir, folder))));
      continue;
    }
    const locale: Locale = { tag, slug: tag.toLowerCase(), dir: textDirection(tag), folder, path: rel(join(dir, folder)), namespaces: new Map(), broken: new Set() };
    for (const file of readdirSync(join(dir, folder)).filter((f) => LOCALE_FILE.test(f)).sort()) {
      const path = join(dir, folder, file);
      // The locale folder's relative path is known: `relative()` per file costs more than it seems at a thousand files.
      const { ns, problems: found } = parseNamespace(readFileSync(path, 'utf8'), join(locale.path, file));
      problems.push(...found);
      if (ns) locale.namespaces.set(file.replace(LOCALE_FILE, ''), ns);
      else locale.broken.add(file.replace(LOCALE_FILE, ''));
    }
    out.push(locale);
  }
  return out;
}

/** Read and check a translated locale's lock now, so a damaged one fails `check` and the build before anything is written. */
function loadLock(locale: Locale, dir: string): Problem[] {
  const file = join(locale.path, LOCK_FILE);
  let text: string | undefined;
  try {
    text = readLockText(join(dir, locale.folder, LOCK_FILE));
  } catch (e) {
    return [problem('LOCK_UNREADABLE', `Could not read the lock (${(e as Error).message.split('\n')[0]}); make it a readable file, or restore it from git.`, file, { line: 1, col: 1 })];
  }
  const { lock, problems } = checkLock(text, file);
  if (lock) locale.lock = { text, entries: lock };
  return problems;
}

/** The source locale must hold every string the outline asks for, and name only links that exist. */
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
      out.push(problem('MISSING_LABEL', `Value ${q(value)} is used in a table but has no label in the source locale; add \`values.${value}\` to ${q(ns.file)}.`, article.file, valuePosition(article, value)));
    } else {
      out.push(problem('MISSING_SOURCE_STRING', `The source locale has no text for ${q(key)}; add it to ${q(ns.file)}.`, ns.file, { line: 1, col: 1 }));
    }
  }
  const links = new Set(Object.keys(data.links ?? {}));
  for (const [key, text] of ns.strings)
    for (const ref of linkReferences(text))
      if (!links.has(ref))
        out.push(problem('UNKNOWN_LINK', `${q(key)} links to ${q(ref)}, which is not defined under \`links\` in ${q(article.file)}; add it there.`, ns.file, ns.src.pos(key.split('.'))));
  return out;
}

function valuePosition(article: LoadedDataset, value: string) {
  for (const [id, t] of Object.entries(article.data.tables ?? {}))
    for (const [ri, r] of t.rows.entries())
      for (const [col, cell] of Object.entries(r.cells))
        if ([cell].flat().includes(value)) return article.src.pos(['tables', id, 'rows', ri, 'cells', col]);
  return { line: 1, col: 1 };
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isDirectory())
    .sort();
}
