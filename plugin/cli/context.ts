import { OptionsError, resolveConfig, type LockstepOptions } from '../options.js';
import { loadSite } from '../core/load/site.js';
import { pendingWrites } from '../core/write-all.js';
import { formatProblem, sortProblems, type Problem } from '../core/problems.js';
import type { SiteConfig } from './site-config.js';

/** The parsed command line, as every command receives it. */
export interface Context {
  values: Record<string, string | boolean | undefined>;
  /** The positionals after the command's name. */
  rest: string[];
  root: string;
  /** What the site's Eleventy config says (empty when it was not read). */
  site: SiteConfig;
}

export type Command = (ctx: Context) => number;

/**
 * The plugin's options as the build uses them: the site's config, then the flags over it; the
 * articles are in Eleventy's input folder unless an option says otherwise.
 */
export function options(ctx: Context) {
  const v = ctx.values;
  const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  const flags: LockstepOptions = {
    localesDir: str('locales-dir'),
    articlesDir: str('articles-dir'),
    sourceLocale: str('source-locale'),
    datasetFile: str('dataset-file'),
    commonNamespace: str('common-namespace'),
    locales: str('locales')
      ?.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
  const merged = { ...ctx.site.options } as Record<string, unknown>;
  for (const [k, value] of Object.entries(flags)) if (value !== undefined) merged[k] = value;
  try {
    return resolveConfig(merged as LockstepOptions, ctx.site.input);
  } catch (e) {
    if (!(e instanceof OptionsError)) throw e;
    // A value typed on the command line is named as the flag the user typed, not as the option.
    let message = e.message;
    for (const [k, value] of Object.entries(flags))
      if (value !== undefined) message = message.replaceAll(`option \`${k}\``, `\`--${flag(k)}\``);
    throw new OptionsError(message);
  }
}

/** `localesDir` → `locales-dir`. */
function flag(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The site loaded with those options, and its problems. */
export function load(ctx: Context) {
  const { options: o, config } = options(ctx);
  // A command killed halfway through its files is finished before anything is read.
  // Said at once: not every command prints the warnings of a site that loads.
  report(pendingWrites(ctx.root));
  return { options: o, config, ...loadSite(ctx.root, config) };
}

export function report(problems: Problem[]) {
  for (const p of sortProblems(problems)) console.error(formatProblem(p));
}
