import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default theme's folder inside the package (one up from both `plugin/` and `dist/`). */
export const THEME_DIR = fileURLToPath(new URL('../templates', import.meta.url));

/** Eleventy's folders, as `eleventyConfig.directories` gives them to plugins (`./src/`). */
export interface Directories {
  input?: string;
  includes?: string;
  layouts?: string;
  output?: string;
}

/** What of Eleventy's config the theme needs. */
export interface ThemeHost {
  directories?: Directories;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
  on(event: string, fn: (arg: never) => unknown): void;
}

/**
 * Serve the theme from the package, without copying it: each layout file of
 * `templates/lockstep/` becomes an Eleventy virtual template at the path its layout name resolves
 * to, unless the site has a file there (the site's own layout wins: Eleventy prefers a virtual
 * layout to a file, so we must not register one). Nunjucks `{% include %}`s (the style sheet, the
 * status partial) go through an extra loader that looks in the package after the site's includes.
 * Returns the layouts taken from the package, for tests and messages.
 */
export function serveTheme(host: ThemeHost, root: string): string[] {
  const dirs = host.directories ?? {};
  const input = resolve(root, dirs.input ?? '.');
  const layouts = resolve(root, dirs.layouts ?? dirs.includes ?? join(input, '_includes'));
  const served: string[] = [];
  for (const file of readdirSync(join(THEME_DIR, 'lockstep'))) {
    if (!file.endsWith('.njk')) continue;
    const name = `lockstep/${file}`;
    if (existsSync(join(layouts, name))) continue;
    // Virtual templates are keyed by their path relative to the input folder.
    const key = relative(input, join(layouts, name)).split(/[\\/]/).join(posix.sep);
    host.addTemplate(key, readFileSync(join(THEME_DIR, name), 'utf8'), {});
    served.push(name);
  }
  host.on('eleventy.engine.njk', (({ nunjucks, environment }: NunjucksEvent) => {
    const loader = new nunjucks.FileSystemLoader(THEME_DIR) as { cache?: object };
    loader.cache = {}; // what `Environment` gives the loaders it is made with
    environment.loaders.push(loader);
  }) as never);
  return served;
}

/**
 * Whether the site leaves the whole theme to the package: no file of `templates/lockstep/` (the
 * style sheet and partials too) where Eleventy's Nunjucks looks before the package (the site's
 * layouts and includes, and the working folder), unless it is the package's own file. Only then
 * may the theme's pages be rendered without Eleventy's layout chain (`direct.ts`).
 */
export function themeUntouched(dirs: Directories = {}, root: string): boolean {
  const input = resolve(root, dirs.input ?? '.');
  const includes = resolve(root, dirs.includes ?? join(input, '_includes'));
  const layouts = resolve(root, dirs.layouts ?? includes);
  return readdirSync(join(THEME_DIR, 'lockstep')).every((file) => {
    const ours = realpathSync(join(THEME_DIR, 'lockstep', file));
    return [layouts, includes, root].every((dir) => {
      const theirs = join(dir, 'lockstep', file);
      return !existsSync(theirs) || realpathSync(theirs) === ours;
    });
  });
}

interface NunjucksEvent {
  nunjucks: { FileSystemLoader: new (dir: string) => unknown };
  environment: { loaders: unknown[] };
}

/**
 * Where a file of the site's own would end the direct render (see `themeUntouched`), as watch
 * globs from `root`: a file added there while watching must reset Eleventy's config, so that the
 * plugin decides again and the site's layout is used.
 */
export function themeOverridePaths(dirs: Directories = {}, root: string): string[] {
  const input = resolve(root, dirs.input ?? '.');
  const includes = resolve(root, dirs.includes ?? join(input, '_includes'));
  const layouts = resolve(root, dirs.layouts ?? includes);
  return [...new Set([layouts, includes, root])].map(
    (dir) => `./${relative(root, join(dir, 'lockstep')).split(/[\\/]/).join(posix.sep)}/**`,
  );
}
