import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
import lockstep, { type LockstepOptions } from '../plugin/index.js';
import { loadSite, type Site } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { alignSeed } from '../plugin/core/import/align.js';
import { driftOf, type Drift } from '../plugin/core/import/drift.js';
import { parseSeed } from '../plugin/core/import/seed.js';

export const repo = fileURLToPath(new URL('..', import.meta.url));
export const fixtures = join(repo, 'test', 'fixtures');
/**
 * The docs site as a fixture: a copy of the repository's `src/` and `locales/`, so that a
 * translator who edits the site never breaks a test. Refresh it on purpose (`cp -r src locales
 * test/fixtures/sites/teams/`).
 */
export const teams = join(fixtures, 'sites', 'teams');

/** A throw-away copy of a site: the docs site's fixture by default, never built in place. */
export function copySite(from = teams): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-'));
  for (const part of ['src', 'locales'])
    if (existsSync(join(from, part)))
      cpSync(join(from, part), join(dir, part), { recursive: true });
  // Fixture sites use the repository's theme unless they bring their own.
  cpSync(
    join(existsSync(join(from, 'templates')) ? from : repo, 'templates'),
    join(dir, 'templates'),
    { recursive: true },
  );
  return dir;
}

/**
 * The minimal site plus an Arabic locale (`test/fixtures/sites/rtl/`): a site with a right-to-left
 * language.
 */
export function rtlSite(): string {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  cpSync(join(fixtures, 'sites', 'rtl'), dir, { recursive: true });
  return dir;
}

export interface BuildResult {
  error?: Error & {
    problems?: { code: string; file: string; line: number; col: number; message: string }[];
  };
  files: string[];
  out: string;
}

/**
 * Build `dir` through Eleventy's programmatic API, as `npx eleventy` would, into `dir/_site`;
 * `eleventy.pathPrefix` as `--pathprefix`, and `eleventy.warnings` collects what it warns.
 */
type Transform = (this: { page: { outputPath: string } }, content: string) => string;

export async function buildSite(
  dir: string,
  options: LockstepOptions = {},
  eleventy: {
    pathPrefix?: string;
    warnings?: string[];
    /** More of the site's own config (a transform, say), after the plugin. */
    config?: (cfg: { addTransform: (name: string, fn: Transform) => void }) => void;
  } = {},
): Promise<BuildResult> {
  const out = join(dir, '_site');
  // An empty config of our own, so Eleventy does not pick up the repository's .eleventy.js.
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const elev = new Eleventy(join(dir, 'src'), out, {
    quietMode: true,
    pathPrefix: eleventy.pathPrefix,
    configPath: join(dir, 'eleventy.config.mjs'),
    config(cfg: {
      addPlugin: (plugin: unknown, options: unknown) => void;
      setIncludesDirectory: (dir: string) => void;
      addTransform: (name: string, fn: Transform) => void;
    }) {
      cfg.setIncludesDirectory('../templates');
      cfg.addPlugin(lockstep, {
        localesDir: join(dir, 'locales'),
        articlesDir: join(dir, 'src'),
        cache: join(dir, '.cache', 'lockstep'),
        // As the repository's `.eleventy.js`: this docs site publishes its status page.
        statusPage: true,
        ...options,
      });
      eleventy.config?.(cfg);
    },
  });
  // Eleventy logs what it writes and the errors it rethrows; tests read results, not logs.
  const { warn, log, error: logError } = console;
  console.warn = console.log = console.error = () => {};
  if (eleventy.warnings)
    console.warn = (...a: unknown[]) => void eleventy.warnings!.push(a.join(' '));
  let error: BuildResult['error'];
  try {
    await elev.write();
  } catch (e) {
    error = causeOf(e as Error);
  } finally {
    Object.assign(console, { warn, log, error: logError });
  }
  return { error, files: listFiles(out).map((f) => relative(out, f)), out };
}

/** Eleventy wraps errors from event handlers; find ours. */
function causeOf(e: Error & { cause?: unknown; originalError?: unknown }): BuildResult['error'] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy's errors: untyped
  let cur: any = e;
  while (cur && !cur.problems && (cur.cause || cur.originalError))
    cur = cur.cause ?? cur.originalError;
  return cur?.problems ? cur : e;
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

/** Every YAML file under `dir`. */
export const yamlFiles = (dir: string): string[] =>
  listFiles(dir).filter((f) => /\.ya?ml$/.test(f));

export const read = (file: string) => readFileSync(file, 'utf8');
export const cleanup = (dir: string) => rmSync(dir, { recursive: true, force: true });

/**
 * One build of a copy of a site, shared by a suite's tests: built before them, removed after.
 * Read `built.out` inside the tests (it is set once the build has run).
 */
export function buildOnce(
  test: { before: (fn: () => Promise<void>) => void; after: (fn: () => void) => void },
  options: LockstepOptions = {},
  from?: string,
): { out: string } {
  const built = { dir: '', out: '' };
  test.before(async () => {
    built.dir = copySite(from);
    const r = await buildSite(built.dir, options);
    if (r.error) throw r.error;
    built.out = r.out;
  });
  test.after(() => cleanup(built.dir));
  return built;
}

/** A site folder (`src/`, `locales/`) loaded as a build loads it, with the default options. */
export function loadSiteAt(dir: string): Site | undefined {
  const options = resolveOptions({
    localesDir: join(dir, 'locales'),
    articlesDir: join(dir, 'src'),
  });
  return loadSite(dir, coreConfig(options)).site;
}

/**
 * The drift of a localized copy given as text against one article of a loaded site: parsed,
 * aligned and compared as `lockstep import` does; the copy must parse without problems.
 */
export function copyDrift(site: Site, article: string, text: string, locale: string): Drift {
  const { seed, problems } = parseSeed(Buffer.from(text), `${locale}.md`);
  if (problems.length) throw new Error(`the copy does not parse: ${JSON.stringify(problems)}`);
  const data = site.articles.find((a) => a.article === article)!.data;
  const source = site.source.namespaces.get(article)!.strings;
  const result = alignSeed(seed!, data, source);
  return driftOf({ seed: seed!, data, result, locale, article, source });
}
