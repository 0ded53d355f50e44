import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build, type Build } from './core/build.js';
import type { OutputName } from './core/config.js';
import type { Publish } from './core/outputs/output.js';
import { afterWriteSteps, OUTPUTS } from './core/steps.js';
import type { WrittenState } from './core/state.js';
import { formatProblem, formatProblems, LockstepError, printable } from './core/problems.js';
import { LOCK_FILE } from './core/load/lock.js';
import { qualitySummary } from './core/check/quality.js';
import { coreConfig, resolveConfig, resolveOptions, type LockstepOptions } from './options.js';

export type { LockstepOptions } from './options.js';
import type { PageView } from './core/render/view.js';
export type { PageView };

/**
 * What Eleventy passes to `eleventy.before` and `eleventy.after` (`results` only to the latter).
 */
interface EleventyEvent {
  directories?: { input?: string; output?: string };
  outputMode?: string;
  results?: { inputPath?: string; outputPath?: string | false; content?: unknown }[];
}

interface EleventyConfig {
  versionCheck(range: string): void;
  on(event: string, fn: (arg: EleventyEvent) => unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
  addWatchTarget(target: string): void;
  watchIgnores?: Set<string>;
}

const ARTICLE_TEMPLATE = OUTPUTS.find((o) => o.name === 'pages')!.publish[0]!.template;

/**
 * This package's name and the Eleventy versions it supports, read from its `package.json` (one
 * folder up from both `plugin/` and `dist/`), so the range is written in one place, as
 * `eleventy-plugin-rss` does.
 */
const PACKAGE = (() => {
  const meta = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name?: unknown;
    '11ty'?: { compatibility?: unknown };
  };
  const range = meta['11ty']?.compatibility;
  if (typeof meta.name !== 'string' || typeof range !== 'string')
    throw new Error(
      'Internal error: the package.json of Lockstep lacks `name` or `11ty.compatibility`.',
    );
  return { name: meta.name, compatibility: range };
})();

/**
 * The Eleventy plugin: loads and checks the site's data before each build, then adds one page per
 * article and locale.
 */
export default function lockstep(
  eleventyConfig: EleventyConfig,
  userOptions: LockstepOptions = {},
): void {
  eleventyConfig.versionCheck(PACKAGE.compatibility);
  const root = process.cwd();
  const early = resolveOptions(userOptions);
  let current: Build | undefined;

  eleventyConfig.on('eleventy.before', ({ directories } = {}) => {
    const { config } = resolveConfig(
      userOptions,
      userOptions.articlesDir ?? directories?.input?.replace(/^\.\/|\/$/g, ''),
    );
    try {
      current = build(root, config);
    } catch (e) {
      // Print the list once ourselves; Eleventy repeats an error's message, and a long list twice
      // is noise.
      if (e instanceof LockstepError) console.error(formatProblems(e.problems));
      throw e;
    }
    for (const w of current.warnings) console.warn(`[lockstep] ${formatProblem(w)}`);
    for (const line of qualitySummary(current.quality, current.site.source.tag))
      console.warn(`[lockstep] ${printable(line)}`);
    if (!current.sitemap)
      console.warn(
        '[lockstep] No sitemap.xml or robots.txt written: a sitemap needs absolute addresses. Set the `siteUrl` option to the address the site is served from, such as `https://docs.example.com`.',
      );
  });

  // Then check that the article pages this build wrote agree in every language (pages left by
  // earlier builds are not read).
  if (early.audit)
    eleventyConfig.on('eleventy.after', ({ directories, results, outputMode } = {}) => {
      if ((outputMode && outputMode !== 'fs') || !directories?.output || !results) return; // `json` and `ndjson` write nothing
      const written = results.filter(
        (r) => r.outputPath && basename(r.inputPath ?? '') === ARTICLE_TEMPLATE,
      );
      // The pages' HTML is in the results: check it without reading every page back from disk.
      const html = new Map(
        written.flatMap((r) =>
          typeof r.content === 'string'
            ? [[resolve(r.outputPath as string), r.content] as const]
            : [],
        ),
      );
      const state: WrittenState = {
        root,
        config: coreConfig(early),
        written: {
          dir: directories.output,
          files: written.map((r) => r.outputPath as string),
          html,
        },
      };
      const warn = () => {
        for (const w of state.warnings ?? []) console.warn(`[lockstep] ${formatProblem(w)}`);
      };
      try {
        afterWriteSteps().run(state);
      } catch (e) {
        warn();
        if (e instanceof LockstepError) console.error(formatProblems(e.problems));
        throw e;
      }
      warn();
    });

  // Data is read after `eleventy.before`, which has thrown already if the input was bad.
  eleventyConfig.addGlobalData('lockstep', () => {
    if (!current)
      throw new Error('Internal error: Lockstep data was read before the `eleventy.before` event.');
    return current;
  });

  // One template per file an output publishes, for the outputs this build makes (see
  // `core/steps.ts`).
  const config = coreConfig(early);
  const layouts: Partial<Record<OutputName, string | false>> = {
    pages: early.articleLayout,
    picker: early.pickerLayout,
    status: early.statusLayout,
    notFound: early.notFoundLayout,
  };
  for (const output of OUTPUTS)
    if (config.outputs.has(output.name))
      for (const p of output.publish) addTemplate(eleventyConfig, p, layouts[output.name]);

  eleventyConfig.addWatchTarget(join(early.localesDir, '**'));
  // The build itself updates lock files; watching them would rebuild forever.
  eleventyConfig.watchIgnores?.add(join(early.localesDir, '**', LOCK_FILE));
  if (early.cache !== false) eleventyConfig.watchIgnores?.add(join(early.cache, '**'));
  eleventyConfig.addWatchTarget(join(userOptions.articlesDir ?? '.', '**', early.datasetFile));
}

// Eleventy names the plugin by its package in errors ("Error processing the
// `eleventy-plugin-lockstep` plugin"), and runs a unique plugin once however often it is added: the
// first `addPlugin` wins.
lockstep.eleventyPackage = PACKAGE.name;
lockstep.eleventyPluginOptions = { unique: true };

/** One Eleventy template for one published file (or list of files) of an output. */
function addTemplate(
  eleventyConfig: EleventyConfig,
  p: Publish,
  layout: string | false | undefined,
): void {
  const data: Record<string, unknown> = p.each
    ? {
        pagination: { data: `lockstep.${p.data}`, size: 1, alias: p.each },
        permalink: `{{ ${p.each}.url }}`,
      }
    : { permalink: p.url };
  if (!p.inCollections) data.eleventyExcludeFromCollections = true;
  // A page of the site goes through its layout; any other file is written as the text the core
  // made.
  let content = '';
  if (p.head) {
    data.layout = layout;
    data.eleventyComputed = { lockstepHead: p.head };
  } else content = `{{ ${p.each ? `${p.each}.text` : `lockstep.${p.data}`} | safe }}`;
  eleventyConfig.addTemplate(p.template, content, data);
}
