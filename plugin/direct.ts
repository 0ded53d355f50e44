import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { digest } from './core/cache.js';
import { THEME_DIR } from './theme.js';
import { contextNames, type Programs, ThemeLoader, themeTemplate } from './theme-compile.js';

/** What of Eleventy's Nunjucks environment the theme borrows: its options and its `url` filter. */
export interface HostEnvironment {
  opts?: object;
  getFilter(name: string): (...args: unknown[]) => unknown;
}

/** A layout of the theme: its body compiled once, and the layout it sits in. */
interface Compiled {
  body: nunjucks.Template;
  layout?: string;
  /** The names of the page's data it may read (`contextNames`), if known. */
  reads?: string[];
}

/**
 * Read by Eleventy's wrapper of the `url` filter from the context it is called in (the names of
 * its `augmentObject`), so a site's own `url` filter sees `this.page` as through Eleventy.
 */
const FILTER_READS = ['page', 'eleventy'];

/**
 * The package's own layouts rendered without Eleventy's layout chain: one Nunjucks environment
 * per build (`reset`), each layout compiled once, rendered with the page's Eleventy data. The
 * output is the bytes Eleventy makes of the same files: front matter is stripped as gray-matter
 * strips it, `content` is passed down the chain as Eleventy passes it, and the `url` filter and
 * the environment's options are Eleventy's own.
 */
export class DirectTheme {
  private env?: nunjucks.Environment;
  private compiled = new Map<string, Compiled>();
  /** Whether the theme compiler renders what stock Nunjucks renders here (`compilerAgrees`). */
  compiles?: boolean;
  /** The theme's files compiled, kept across builds: a file is compiled again when it changes. */
  private programs: Programs = new Map();
  /**
   * The last finished page at each address (a page's URL), with the digest of what made it, kept
   * from one build to the next in the same process (watch mode): one entry per page of the site,
   * whether or not a build rendered it.
   */
  private done = new Map<string, { key: string; html: string }>();
  /** The theme's own text, part of every page's key. */
  private theme = '';
  /** Pages rendered and pages reused in the current build, for tests and the bench. */
  counts = { rendered: 0, reused: 0 };
  /** The digest of the theme's files, read at each `reset`. */
  get themeDigest(): string {
    return this.theme;
  }
  /** Eleventy's environment, set at each `eleventy.engine.njk` event. */
  host?: HostEnvironment;

  /** Forget the compiled templates: called before each build, so watch rebuilds read them anew. */
  reset(): void {
    this.env = undefined;
    this.compiled.clear();
    this.counts = { rendered: 0, reused: 0 };
    const dir = join(THEME_DIR, 'lockstep');
    this.theme = digest(
      readdirSync(dir)
        .sort()
        .map((f) => `${f}\0${readFileSync(join(dir, f), 'utf8')}`)
        .join('\0'),
    );
  }

  /**
   * The page `layout` (a name under `templates/`, `lockstep/article.njk`) makes of `data`. With
   * `view` (the page's address, and the digest of everything the layouts read of `data` besides
   * what the `url` filter adds), the page is made once per view, theme and path prefix, and reused
   * in later builds of this process.
   */
  render(
    layout: string,
    data: Record<string, unknown>,
    view?: { id: string; digest: string },
    context: object = { ctx: data },
  ): string {
    if (view === undefined) return this.make(layout, data);
    const prefix = String(this.host?.getFilter('url').call(context, '/'));
    const key = digest(`${this.theme}\0${layout}\0${prefix}\0${view.digest}`);
    const hit = this.done.get(view.id);
    if (hit?.key === key) {
      this.counts.reused++;
      return hit.html;
    }
    const html = this.make(layout, data);
    this.counts.rendered++;
    this.done.set(view.id, { key, html });
    return html;
  }

  private make(layout: string, data: Record<string, unknown>): string {
    let content = '';
    for (let name: string | undefined = layout; name;) {
      const c = this.compile(name);
      const ctx = c.reads ? pick(data, c.reads) : { ...data };
      ctx.content = content;
      content = c.body.render(ctx);
      name = c.layout;
    }
    return content;
  }

  private environment(): nunjucks.Environment {
    if (this.env) return this.env;
    const host = this.host;
    if (!host)
      throw new Error(
        'Internal error: Lockstep rendered a theme page before Eleventy made its Nunjucks environment.',
      );
    // The compiler leans on Nunjucks' internals: if a probe of its every shortcut does not render
    // what stock Nunjucks renders (another Nunjucks version), stock Nunjucks renders the theme.
    const compiled = this.compiles ?? (this.compiles = compilerAgrees({ ...host.opts }));
    const loader = compiled ? new ThemeLoader(THEME_DIR) : new nunjucks.FileSystemLoader(THEME_DIR);
    const env = new nunjucks.Environment(loader, { ...host.opts });
    if (loader instanceof ThemeLoader) {
      loader.env = env;
      loader.programs = this.programs;
    }
    // Eleventy's filter, looked up at each call: a site may replace it, and `--pathprefix` is read
    // by it.
    // A page links to the same few addresses many times (alternates, the switcher): each is worked
    // out once per build; the filter is a function of its argument and the build's path prefix.
    const urls = new Map<string, unknown>();
    env.addFilter('url', function (this: unknown, ...args: unknown[]) {
      const [url] = args;
      if (args.length !== 1 || typeof url !== 'string')
        return host.getFilter('url').apply(this, args);
      let out = urls.get(url);
      if (out === undefined) urls.set(url, (out = host.getFilter('url').apply(this, args)));
      return out;
    });
    return (this.env = env);
  }

  private compile(name: string): Compiled {
    const hit = this.compiled.get(name);
    if (hit) return hit;
    const file = join(THEME_DIR, name);
    const { layout, body } = frontMatter(readFileSync(file, 'utf8'));
    const env = this.environment();
    // A page's data is Eleventy's object behind a proxy: its dozen keys copied for each layout
    // (and again by Nunjucks) cost more than the few names the layout can read.
    const names = contextNames(body, (n) => readFileSync(join(THEME_DIR, n), 'utf8'));
    const c = {
      reads: names && [...new Set([...names, ...FILTER_READS])],
      body: this.compiles
        ? themeTemplate(body, env, file, this.programs)
        : new nunjucks.Template(body, env, file, true),
      layout,
    };
    this.compiled.set(name, c);
    return c;
  }
}

/**
 * Everything each page of the theme other than the articles' reads of its data (its layout, and
 * `base.njk` around it: `lockstepHead` and `content`), so that a one-off build reuses the previous
 * build's file when it is the same (`FinishedPages.themePage`). A layout not listed is rendered
 * every build; `theme-reads.test.ts` checks the layouts read nothing else.
 */
export const THEME_READS: Record<string, (data: Record<string, unknown>) => unknown> = {
  'lockstep/404.njk': (d) => [d.lockstepHead, d.lockstepNotFound],
  'lockstep/picker.njk': (d) => [d.lockstepHead, (d.lockstep as { picker?: unknown })?.picker],
};

/** What `layout` reads of `data`, as text, when the layout is one of `THEME_READS`. */
export function themeReads(layout: string, data: Record<string, unknown>): string | undefined {
  const reads = THEME_READS[layout];
  return reads && `${layout}\0${JSON.stringify(reads(data))}`;
}

/**
 * What a spread of `data` holds of `names`: each that is an own enumerable property, with its
 * value (undefined included, which hides a global of the same name as in the whole copy).
 */
export function pick(data: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) if (Object.prototype.propertyIsEnumerable.call(data, n)) out[n] = data[n];
  return out;
}

/** A template taking each shortcut of the theme compiler, with data that reaches every branch. */
const PROBE =
  '{% for a in xs %}{{ a.n }}{{ loop.index }}/{{ loop.last }}{% for b in a.ys %}{{ b }}{% endfor %}' +
  '{% else %}none{% endfor %}{% for k, v in o %}{{ k }}={{ v }}{% endfor %}' +
  '{% set y = "<&>" %}{{ y }}{{ f.g() }}{{ a.missing }}{% macro m(v) %}[{{ v }}]{% endmacro %}{{ m(1) }}';
const PROBE_DATA = {
  xs: [
    { n: 'x', ys: ['1', '"\'\\'] },
    { n: '<b>', ys: [] },
  ],
  o: { p: 'q', r: 2 },
  f: {
    h: 'ok',
    g() {
      return this.h;
    },
  },
};

/** Whether the theme compiler and stock Nunjucks render the probe alike with these options. */
export function compilerAgrees(opts: nunjucks.ConfigureOptions): boolean {
  try {
    const env = new nunjucks.Environment(undefined, opts);
    const stock = new nunjucks.Template(PROBE, env, 'probe', true).render(PROBE_DATA);
    return themeTemplate(PROBE, env, 'probe').render(PROBE_DATA) === stock;
  } catch {
    return false;
  }
}

/**
 * The theme's front matter holds at most `layout:`; anything else there would be data this
 * renderer does not pass on, so it refuses the file rather than render it differently.
 */
export function frontMatter(text: string): { layout?: string; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return { body: text };
  // gray-matter drops one line break after the closing fence.
  const body = text.slice(m[0].length).replace(/^\r?\n/, '');
  const lines = m[1]!.split(/\r?\n/).filter((l) => l.trim());
  const layout = /^layout:\s*(\S+)\s*$/.exec(lines[0] ?? '')?.[1];
  if (lines.length > 1 || (lines.length && !layout))
    throw new Error(
      `Internal error: the theme file has front matter other than \`layout:\`: ${lines.join('; ')}`,
    );
  return { layout, body };
}
