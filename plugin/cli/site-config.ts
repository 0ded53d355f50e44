import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LockstepOptions } from '../options.js';
import { takeRecordedSites } from '../record.js';

/** What the command line takes from the site's Eleventy config. */
export interface SiteConfig {
  /** The plugin's options as the config passes them; undefined when it does not add the plugin. */
  options?: LockstepOptions;
  /** Eleventy's input and output folders, relative to the project root. */
  input?: string;
  output?: string;
  /** Why the config was not read, for a note on stderr. */
  note?: string;
}

const CONFIG_FILES = [
  '.eleventy.js',
  'eleventy.config.js',
  'eleventy.config.mjs',
  'eleventy.config.cjs',
];

/**
 * Run the project's Eleventy config as `npx eleventy` would (through Eleventy's own
 * `initializeConfig`, so `addPlugin`, `dir` and `set*Directory` all apply) and read back the
 * options the plugin was given. Eleventy is the project's copy, else the one beside this package.
 * Nothing is built.
 */
export async function readSiteConfig(root: string, configPath?: string): Promise<SiteConfig> {
  const file = configPath ?? CONFIG_FILES.find((f) => existsSync(join(root, f)));
  if (!file) return { note: 'no Eleventy config file found; using the default options.' };
  let Eleventy: new (i?: string, o?: string, opts?: object) => EleventyApi;
  try {
    const from = existsSync(join(root, 'package.json'))
      ? join(root, 'package.json')
      : import.meta.url;
    // Its ES entry: `require.resolve` would give the CommonJS one, which only throws.
    // (its `exports` do not list `package.json`, so look for the folder as Node would).
    const meta = (createRequire(from).resolve.paths('@11ty/eleventy') ?? [])
      .map((dir) => join(dir, '@11ty', 'eleventy', 'package.json'))
      .find((f) => existsSync(f));
    if (!meta) throw new Error('not found');
    const pkg = JSON.parse(readFileSync(meta, 'utf8')) as EleventyPackage;
    const path = join(dirname(meta), pkg.exports?.['.']?.import ?? pkg.main ?? 'src/Eleventy.js');
    Eleventy = ((await import(pathToFileURL(path).href)) as { default: typeof Eleventy }).default;
  } catch {
    return { note: 'Eleventy is not installed here; using the default options.' };
  }
  takeRecordedSites();
  const elev = new Eleventy(undefined, undefined, {
    quietMode: true,
    configPath: resolve(root, file),
  });
  await elev.initializeConfig();
  const [site] = takeRecordedSites();
  const rel = (p: string | undefined) =>
    p === undefined ? undefined : relative(root, resolve(root, p)) || '.';
  return {
    options: site?.options,
    input: rel(elev.directories?.input),
    output: rel(elev.directories?.output),
    note: site
      ? undefined
      : `\`${file}\` does not add the Lockstep plugin; using the default options.`,
  };
}

interface EleventyApi {
  initializeConfig(): Promise<void>;
  directories?: { input?: string; output?: string };
}

interface EleventyPackage {
  main?: string;
  exports?: Record<string, { import?: string }>;
}
