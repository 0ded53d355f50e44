/**
 * The three builds the bench compares, prepared side by side in one folder per workload:
 * `lockstep/` (the site with the plugin), `plain/` (the same templates, the plugin's page data
 * already resolved into `src/_data/lockstep.json`, no plugin) and `hugo/` (Hugo's multilingual
 * mode).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import lockstep from '../plugin/index.js';
import { PAGE_DIR } from '../plugin/page-templates.js';
import { build } from '../plugin/core/build.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { writeHugoSite } from './bench-hugo.js';
import { copyRealSite, copyRepoSite, generateSite, repo, type SiteParams } from './bench-site.js';

/** What a workload builds: this repository's site, its real article copied, or a synthetic site. */
export type SiteSpec = 'repo' | { copies: number } | SiteParams;

const CONFIG_RETURN =
  "  return { dir: { input: 'src', includes: '../templates', output: '_site' } };";

export interface Prepared {
  lockstep: string;
  plain: string;
  hugo: string;
  articles: number;
  locales: string[];
  strings: number;
  plainTemplates: string[];
}

/**
 * Generate the sites into `root`; a site generated there before with the same parameters is reused.
 */
export function prepare(root: string, site: SiteSpec): Prepared {
  const dir = join(root, 'lockstep');
  const stamp = join(root, 'params.json');
  const params = JSON.stringify(site);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== params || site === 'repo') {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    if (site === 'repo') copyRepoSite(dir);
    else if ('copies' in site) copyRealSite(dir, site.copies);
    else generateSite(dir, site);
    writeFileSync(stamp, params);
  }
  // As a user's site: the theme is the package's, not a copy of it (a copy would be the site's own
  // theme, rendered through Eleventy's layouts).
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  writeFileSync(
    join(dir, 'eleventy.config.mjs'),
    [
      `import lockstep from ${JSON.stringify(pathToFileURL(join(repo, 'dist/index.js')).href)};`,
      'export default function (eleventyConfig) {',
      "  eleventyConfig.addPlugin(lockstep, { sourceLocale: 'en' });",
      CONFIG_RETURN,
      '}',
      '',
    ].join('\n'),
  );

  // The floor: what the plugin computes, computed once here, so Eleventy only paginates and
  // renders.
  const result = build(dir, coreConfig({ ...resolveOptions({}, 'src'), writeLock: false }));
  const plain = join(root, 'plain');
  rmSync(plain, { recursive: true, force: true });
  mkdirSync(join(plain, 'src/_data'), { recursive: true });
  cpSync(join(repo, 'templates'), join(plain, 'templates'), { recursive: true });
  const { site: _site, quality: _quality, warnings: _warnings, ...data } = result;
  // The floor paginates every article page (the plugin's templates of one page each are left out),
  // from one copy of them: no template reads `pages`, and a second copy would cost the floor memory
  // and time the plugin does not spend.
  const { pages, ...rest } = data;
  writeFileSync(
    join(plain, 'src/_data/lockstep.json'),
    JSON.stringify({ ...rest, pagesBeyond: pages }),
  );
  const calls = recordTemplates(join(plain, 'templates'));
  writeFileSync(
    join(plain, 'eleventy.config.mjs'),
    [
      'export default function (eleventyConfig) {',
      ...calls.map((c) => `  eleventyConfig.${c};`),
      CONFIG_RETURN,
      '}',
      '',
    ].join('\n'),
  );

  const hugo = join(root, 'hugo');
  rmSync(hugo, { recursive: true, force: true });
  writeHugoSite(
    hugo,
    result.site,
    readFileSync(join(repo, 'templates/lockstep/style.css'), 'utf8'),
  );

  const strings = result.site.locales.reduce(
    (n, l) => n + [...l.namespaces.values()].reduce((m, ns) => m + ns.strings.size, 0),
    0,
  );
  return {
    lockstep: dir,
    plain,
    hugo,
    articles: result.site.articles.length,
    locales: result.site.locales.map((l) => l.tag),
    strings,
    plainTemplates: calls,
  };
}

const SKIPPED = new Set([
  'on',
  'addGlobalData',
  'addWatchTarget',
  'versionCheck',
  'addExtension',
  'addTemplateFormats',
]);

/**
 * The plugin's registrations other than its build steps (event handlers, global data, watch
 * targets), as config source: the templates it adds, with the same front matter data, written out
 * for the floor.
 */
function recordTemplates(includes: string): string[] {
  const calls: string[] = [];
  // The floor's includes hold the theme: the plugin then registers Eleventy layouts, not its direct
  // rendering (`plugin/direct.ts`).
  const target = { watchIgnores: new Set<string>(), directories: { includes } };
  const recorder = new Proxy(target as Record<string, unknown>, {
    get(target, name) {
      if (name in target) return target[name as string];
      return (...args: unknown[]) => {
        if (!SKIPPED.has(String(name)) && !String(args[0]).startsWith(PAGE_DIR))
          calls.push(`${String(name)}(${args.map(source).join(', ')})`);
      };
    },
  });
  lockstep(recorder as never, {});
  return calls;
}

/** JavaScript source of a value, functions included (they must not close over module variables). */
function source(v: unknown): string {
  if (typeof v === 'function') {
    const text = v.toString();
    // A method written `name(d) { ... }` needs the `function` keyword to stand alone.
    return /^(async\s+)?(function\b|\(|[\w$]+\s*=>)/.test(text) ? text : `function ${text}`;
  }
  if (Array.isArray(v)) return `[${v.map(source).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${source(x)}`)
      .join(', ')} }`;
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/**
 * The second floor, "same bytes": plain Eleventy writing every file of a finished build (`from`),
 * from one data file of `{path, content}` through one paginated JavaScript template with no layout:
 * what Eleventy itself costs to write these files.
 */
export function prepareSameBytes(root: string, from: string): { dir: string; files: number } {
  const dir = join(root, 'bytes');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/_data'), { recursive: true });
  const files = (
    readdirSync(from, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[]
  )
    .filter((d) => d.isFile())
    .map((d) => {
      const file = join(d.parentPath, d.name);
      return {
        path: relative(from, file).split('\\').join('/'),
        content: readFileSync(file, 'utf8'),
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  writeFileSync(join(dir, 'src/_data/files.json'), JSON.stringify(files));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'src/files.11ty.js'),
    [
      'export const data = {',
      "  pagination: { data: 'files', size: 1, alias: 'f' },",
      '  permalink: (d) => d.f.path,',
      '  eleventyExcludeFromCollections: true,',
      '};',
      'export const render = (d) => d.f.content;',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'eleventy.config.mjs'),
    [
      'export default function (eleventyConfig) {',
      '  eleventyConfig.setQuietMode(true);',
      "  return { dir: { input: 'src', output: '_site' } };",
      '}',
      '',
    ].join('\n'),
  );
  return { dir, files: files.length };
}
