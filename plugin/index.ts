import { join } from 'node:path';
import { build, type Build } from './core/build.js';
import { formatProblem, formatProblems, LockstepError } from './core/problems.js';
import { resolveOptions, type LockstepOptions } from './options.js';

export type { LockstepOptions } from './options.js';
import type { PageView } from './core/view.js';
export type { PageView };

interface EleventyConfig {
  versionCheck?(range: string): void;
  on(event: string, fn: (arg: { directories?: { input?: string } }) => unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
  addWatchTarget(target: string): void;
}

/** The Eleventy plugin: loads and checks the site's data before each build, then adds one page per article and locale. */
export default function lockstep(eleventyConfig: EleventyConfig, userOptions: LockstepOptions = {}): void {
  eleventyConfig.versionCheck?.('>=3.0.0');
  const root = process.cwd();
  const early = resolveOptions(userOptions);
  let current: Build | undefined;

  eleventyConfig.on('eleventy.before', ({ directories } = {}) => {
    const options = resolveOptions(userOptions, userOptions.articlesDir ?? directories?.input?.replace(/^\.\/|\/$/g, ''));
    try {
      current = build(root, options);
    } catch (e) {
      // Print the list once ourselves; Eleventy repeats an error's message, and a long list twice is noise.
      if (e instanceof LockstepError) console.error(formatProblems(e.problems));
      throw e;
    }
    for (const w of current.warnings) console.warn(`[lockstep] ${formatProblem(w)}`);
  });

  // Data is read after `eleventy.before`, which has thrown already if the input was bad.
  eleventyConfig.addGlobalData('lockstep', () => {
    if (!current) throw new Error('Internal error: Lockstep data was read before the `eleventy.before` event.');
    return current;
  });

  eleventyConfig.addTemplate('lockstep-article.njk', '', {
    pagination: { data: 'lockstep.pages', size: 1, alias: 'lockstepPage' },
    permalink: '{{ lockstepPage.url }}',
    layout: early.articleLayout,
    eleventyComputed: { lockstepHead: (d: { lockstepPage: PageView }) => d.lockstepPage },
  });
  if (early.pickerLayout !== false)
    eleventyConfig.addTemplate('lockstep-picker.njk', '', {
      permalink: '/',
      layout: early.pickerLayout,
      eleventyComputed: { lockstepHead: (d: { lockstep: Build }) => d.lockstep.picker.head },
    });

  eleventyConfig.addWatchTarget(join(early.localesDir, '**'));
  eleventyConfig.addWatchTarget(join(userOptions.articlesDir ?? '.', '**', early.datasetFile));
}
