import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CoreConfig } from './core/config.js';
import { problem, type Problem } from './core/problems.js';

/** What the plugin learns of the Eleventy site before a build. */
export interface SiteFacts {
  /** The project root and Eleventy's input folder. */
  root: string;
  input: string;
  /** The config file, where a fix is made (`eleventy.config.js`), for positions. */
  configFile: string;
  /** Eleventy's template formats (`md`, `njk`, ...); undefined when Eleventy did not say. */
  formats?: readonly string[];
  /** Eleventy's path prefix, `/` when none. */
  pathPrefix?: string;
}

/**
 * Problems of the site around the plugin, found before anything is built: the theme's
 * `njk` format turned off, a page of the site where Lockstep would write one, a `siteUrl`
 * that lacks the path prefix.
 */
export function siteProblems(facts: SiteFacts, config: CoreConfig): Problem[] {
  const found: Problem[] = [];
  const at = facts.configFile;
  if (facts.formats && !facts.formats.includes('njk'))
    found.push(
      problem(
        'NO_NUNJUCKS',
        `Lockstep's pages are Nunjucks templates, but \`njk\` is not among the site's template formats (${facts.formats.map((f) => `\`${f}\``).join(', ')}); add it with \`eleventyConfig.addTemplateFormats('njk')\`.`,
        at,
      ),
    );
  if (config.outputs.has('picker')) clash(facts, '.', 'index', 'pickerLayout', found);
  if (config.outputs.has('notFound')) clash(facts, '.', '404', 'notFoundLayout', found);
  if (config.siteUrl && facts.pathPrefix && facts.pathPrefix !== '/') {
    const prefix = '/' + facts.pathPrefix.replace(/^\/+|\/+$/g, '');
    const path = new URL(config.siteUrl).pathname.replace(/\/+$/, '');
    if (!path.endsWith(prefix))
      found.push(
        problem(
          'SITE_URL_PREFIX',
          `option \`siteUrl\` is \`${config.siteUrl}\`, but the site is built with the path prefix \`${facts.pathPrefix}\`, so canonical and hreflang links would miss it; set \`siteUrl: '${config.siteUrl}${prefix}'\`.`,
          at,
        ),
      );
  }
  return found;
}

/** The site's own `<locale>/404.*` pages where Lockstep writes each language's 404 page. */
export function localePageClashes(
  facts: SiteFacts,
  config: CoreConfig,
  locales: { slug: string }[],
): Problem[] {
  const found: Problem[] = [];
  if (config.outputs.has('notFound'))
    for (const l of locales) clash(facts, l.slug, '404', 'notFoundLayout', found);
  return found;
}

function clash(facts: SiteFacts, dir: string, name: string, option: string, out: Problem[]) {
  const own = sitePage(resolve(facts.root, facts.input, dir), name, facts.formats);
  if (!own) return;
  const file = join(dir, own);
  const url = '/' + join(dir, name + '.html').replace(/\\/g, '/');
  out.push(
    problem(
      'PAGE_COLLISION',
      `the site's own \`${file}\` is written to \`${url}\`, where Lockstep writes its page too; keep yours and set the plugin option \`${option}: false\`.`,
      join(facts.input, file),
    ),
  );
}

/** `index.md`, `index.njk`...: a template of the site written to the folder's `<name>.html`. */
function sitePage(dir: string, name: string, formats?: readonly string[]): string | undefined {
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).find((f) => {
    const ext = f.slice(name.length + 1);
    return f.startsWith(name + '.') && (formats ? formats.includes(ext) : /^[a-z0-9]+$/.test(ext));
  });
}

/** The option that turns each of Lockstep's outputs off, for collision messages. */
const TURNS_OFF: Record<string, string | undefined> = {
  picker: '`pickerLayout: false`',
  notFound: '`notFoundLayout: false`',
  status: '`statusPage: false`',
  markdown: '`markdown: false`',
  sitemap: 'no `siteUrl`',
};

/**
 * Pages of the site whose `permalink` (front matter, data files) takes a URL Lockstep writes, from
 * Eleventy's content map (input path to URLs), which comes before Eleventy's own "Output conflict".
 * `ours` maps each of Lockstep's template names to its output.
 */
export function permalinkClashes(
  inputPathToUrl: Record<string, string[] | undefined>,
  ours: Map<string, string>,
  root: string,
): Problem[] {
  const owner = new Map<string, string>();
  // A key ending in `/` is a folder of our templates (one per article page).
  const isOurs = (input: string) =>
    [...ours.keys()].find((t) =>
      t.endsWith('/') ? input.includes('/' + t) : input.endsWith('/' + t),
    );
  for (const [input, urls] of Object.entries(inputPathToUrl)) {
    const t = isOurs(input);
    if (t) for (const url of urls ?? []) owner.set(url, ours.get(t)!);
  }
  const found: Problem[] = [];
  for (const [input, urls] of Object.entries(inputPathToUrl)) {
    if (isOurs(input)) continue;
    for (const url of urls ?? []) {
      const output = owner.get(url);
      if (!output) continue;
      const off = TURNS_OFF[output];
      const fix = off
        ? `keep yours and set the plugin option ${off}, or give your page another \`permalink\``
        : 'give your page another `permalink` (or move the locale with the `localePaths` option)';
      const file = relative(root, resolve(root, input)).replace(/\\/g, '/');
      found.push(
        problem(
          'PAGE_COLLISION',
          `the site's own \`${file}\` is written to \`${url}\` (its \`permalink\`), where Lockstep writes a page too; ${fix}.`,
          file,
        ),
      );
    }
  }
  return found;
}
