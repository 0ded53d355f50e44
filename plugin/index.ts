import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, type Build } from './core/build.js';
import type { OutputName } from './core/config.js';
import type { Publish } from './core/outputs/output.js';
import { afterWriteSteps, OUTPUTS } from './core/steps.js';
import type { WrittenState } from './core/state.js';
import { formatProblem, formatProblems, LockstepError, printable } from './core/problems.js';
import { LOCK_FILE } from './core/load/lock.js';
import { SOURCES_FILE } from './core/load/history.js';
import { WATCHED } from './core/load/site.js';
import { PENDING_FILE } from './core/write-all.js';
import { qualitySummary } from './core/check/quality.js';
import { coreConfig, resolveConfig, resolveOptions, type LockstepOptions } from './options.js';
import { registerEmbedding } from './embed.js';
import { recordSite } from './record.js';
import {
  localePageClashes,
  permalinkClashes,
  siteProblems,
  type SiteFacts,
} from './site-checks.js';
import {
  serveTheme,
  themeOverridePaths,
  themeUntouched,
  THEME_DIR,
  type Directories,
} from './theme.js';
import { DirectTheme, themeReads, type HostEnvironment } from './direct.js';
import { navigationEntry, type NavigationOption } from './navigation.js';
import { isLockstepInput, PAGE_DIR, registerPages, type PagesHost } from './page-templates.js';
import { reloadSignal, writeEarly } from './early-pages.js';
import { writeFileAtomic } from './core/write.js';
import { cacheProblem, digest, installedVersion } from './core/cache.js';
import { PageReuse } from './core/render/page-reuse.js';
import { FinishedPages } from './core/outputs/finished.js';
import { ShapesAhead } from './core/audit/shapes-ahead.js';
import { LoadMemo } from './core/load/load-memo.js';
import { FoldersAhead, writesToDisk } from './output-dirs.js';

export type { LockstepOptions } from './options.js';
export type { NavigationEntry, NavigationOption } from './navigation.js';
import type { Head, PageView } from './core/render/view.js';
/** What a layout reads as `lockstepPage` (article pages) and `lockstepHead` (every page). */
export type { PageView, Head as LockstepHead };

/** What Eleventy's `eleventy.config` event passes: its `TemplateConfig`. */
interface EleventyTemplateConfig {
  getPathPrefix?: () => string;
  getLocalProjectConfigFile?: () => string | undefined;
}

/**
 * What Eleventy passes to `eleventy.before` and `eleventy.after` (`results` only to the latter).
 */
interface EleventyEvent {
  runMode?: string;
  directories?: { input?: string; output?: string };
  outputMode?: string;
  results?: {
    inputPath?: string;
    outputPath?: string | false;
    url?: string | false;
    content?: unknown;
  }[];
}

/** What Eleventy passes to `eleventy.contentMap`. */
interface ContentMap {
  inputPathToUrl?: Record<string, string[]>;
}

export interface EleventyConfig {
  versionCheck(range: string): void;
  on(event: string, fn: (arg: never) => unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
  addExtension: PagesHost['addExtension'];
  addTemplateFormats: PagesHost['addTemplateFormats'];
  addWatchTarget(target: string, options?: { resetConfig?: boolean }): void;
  addShortcode(name: string, fn: (...args: never[]) => string): void;
  addFilter(name: string, fn: (...args: never[]) => string): void;
  watchIgnores?: Set<string>;
  directories?: Directories;
  setServerOptions?(options: { watch?: string[] }): void;
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
  recordSite(userOptions, eleventyConfig.directories);
  serveTheme(eleventyConfig, root);
  // The theme's pages skip Eleventy's layout chain when the site leaves the theme to the package.
  const direct = themeUntouched(eleventyConfig.directories, root) ? new DirectTheme() : undefined;
  if (direct) {
    for (const glob of themeOverridePaths(eleventyConfig.directories, root))
      eleventyConfig.addWatchTarget(glob, { resetConfig: true });
    on(
      eleventyConfig,
      'eleventy.engine.njk',
      ({ environment }: { environment: HostEnvironment }) => {
        direct.host = environment;
      },
    );
    // In watch mode, say how many article pages a rebuild made again (the rest were unchanged).
    let builds = 0;
    on(eleventyConfig, 'eleventy.after', () => {
      const total = current?.pages.length ?? 0;
      const { rendered } = direct.counts;
      if (++builds > 1) {
        console.log(
          `[lockstep] Article pages: ${rendered} rendered again, ${total - rendered} unchanged since the previous build.`,
        );
        console.log(`[lockstep] Page views: ${total - reuse.kept} made again, ${reuse.kept} kept.`);
      }
    });
    eleventyConfig.addFilter('lockstepThemePage', function (
      this: { ctx: Record<string, unknown> },
      layout: string,
      view?: unknown,
    ) {
      const url = (view as { url?: string } | undefined)?.url;
      if (finished && url !== undefined)
        return finished.page(url, () => direct.render(layout, this.ctx));
      const reads = finished && themeReads(layout, this.ctx);
      const at = (this.ctx.page as { url?: unknown } | undefined)?.url;
      if (finished && reads !== undefined && typeof at === 'string')
        return finished.themePage(at, reads, () => direct.render(layout, this.ctx));
      const page = watching ? (view as { url?: string } | undefined) : undefined;
      const key = page && { id: String(page.url), digest: digest(JSON.stringify(page)) };
      return direct.render(layout, this.ctx, key, this);
    } as never);
  }
  // One template per article page, so that watch mode with `--incremental` renders only the pages
  // that changed; the build's pages beyond them go through the paginated template.
  const articleLayout = early.articleLayout;
  /** Eleventy runs `--watch` or `--serve`: pages are compared with the previous build's. */
  let watching = false;
  const directPages = !!direct && isThemeLayout(articleLayout);
  const input = eleventyConfig.directories?.input?.replace(/^\.\/|\/$/g, '') || '.';
  const pageTemplates = registerPages(eleventyConfig, {
    root,
    config: resolveConfig(userOptions, userOptions.articlesDir ?? input).config,
    navigation: early.navigation,
    layout: articleLayout,
    render: directPages
      ? ({ page, view }, data) =>
          finished
            ? finished.page(page.url, () => direct!.render(articleLayout, data))
            : direct!.render(articleLayout, data, view ? { id: page.url, digest: view } : undefined)
      : undefined,
  });
  let current: Build | undefined;
  /**
   * In a one-off build with the package's theme and the cache on, the previous build's finished
   * article pages (read back from the output folder), reused where their inputs are the same.
   */
  let finished: FinishedPages | undefined;
  let ahead: ShapesAhead | undefined;
  /** The audit of the last build's pages, while it runs. */
  let audited: Promise<void> | undefined;
  /** This build's page folders made ahead, taken back if it fails (`FoldersAhead`). */
  let folders: FoldersAhead | undefined;
  /** In watch mode, the previous build's page views, kept where their inputs are the same. */
  const reuse = new PageReuse();
  /** In watch mode, what each input file gave when its text was last read (see `LoadMemo`). */
  const loads = new LoadMemo();
  /** The article pages that have no template of their own (see `page-templates.ts`). */
  let pagesBeyond: Build['pages'] = [];
  const facts: Partial<SiteFacts> = {};
  // `--serve`: the development server reloads the browser once the early pages are written.
  const signal =
    directPages && process.env.ELEVENTY_RUN_MODE === 'serve' && early.cache !== false
      ? reloadSignal(early.cache, root)
      : undefined;
  if (signal) eleventyConfig.setServerOptions?.({ watch: [relative(root, signal)] });
  // Eleventy's final template formats and path prefix (`--pathprefix` included) are known only
  // once its config is merged: these two events come before `eleventy.before`.
  on(eleventyConfig, 'eleventy.extensionmap', (map: { formatKeys?: string[] }) => {
    facts.formats = map.formatKeys;
  });
  on(eleventyConfig, 'eleventy.config', (c: EleventyTemplateConfig) => {
    facts.pathPrefix = c.getPathPrefix?.();
    const file = c.getLocalProjectConfigFile?.();
    if (file) facts.configFile = file;
  });

  /** Where the last build wrote the site, and how Eleventy ran it. */
  let last: { output?: string; directories?: EleventyEvent['directories'] } = {};
  /** A build made by `eleventy.beforeWatch` for the rebuild that follows it (see `writeEarly`). */
  let prebuilt: Build | undefined;
  const resolved = (directories?: EleventyEvent['directories']) => {
    const input = directories?.input?.replace(/^\.\/|\/$/g, '') || '.';
    const { config } = resolveConfig(userOptions, userOptions.articlesDir ?? input);
    const site = { ...facts, root, input, configFile: facts.configFile ?? 'eleventy.config.js' };
    return { config, site };
  };
  /** The build with the checks of the site around it; throws the problems any of them finds. */
  const checkedBuild = (
    config: ReturnType<typeof resolved>['config'],
    site: ReturnType<typeof resolved>['site'],
    earlier: Parameters<typeof build>[2],
    output?: string,
  ): Build => {
    // Before the build, which may write lock files; a locale's 404 needs the locales known.
    const around = siteProblems(site, config);
    if (around.length) throw new LockstepError(around);
    folders = undefined;
    const makeFolders = output
      ? (urls: string[]) => (folders = new FoldersAhead(urls, output))
      : undefined;
    try {
      const made = build(root, config, earlier, makeFolders);
      const clashes = localePageClashes(site, config, made.site.locales);
      if (clashes.length) throw new LockstepError(clashes);
      return made;
    } catch (e) {
      void (folders as FoldersAhead | undefined)?.undo();
      throw e;
    }
  };

  on(eleventyConfig, 'eleventy.before', (ev: EleventyEvent = {}) => {
    const { directories, runMode } = ev;
    watching = runMode === 'watch' || runMode === 'serve';
    last = { output: directories?.output, directories };
    // The development server watches the signal from its start: it must exist by then.
    if (signal && !existsSync(signal)) writeFileAtomic(signal, '', { sync: false });
    const made = prebuilt;
    prebuilt = undefined;
    if (!made) direct?.reset();
    const { config, site } = resolved(directories);
    try {
      finished?.stop();
      finished =
        directPages && !watching && config.cache !== false && directories?.output
          ? new FinishedPages(
              resolve(root, config.cache, 'pages.json'),
              resolve(root, directories.output),
              renderSalt(direct!, articleLayout, facts.pathPrefix),
              config.outputs.has('markdown'),
            )
          : undefined;
      ahead?.stop();
      // A cold build's pages are parsed for the audit on another thread as they are rendered.
      ahead = finished && early.audit ? new ShapesAhead() : undefined;
      if (finished && ahead) finished.onRendered = (url, html) => ahead!.add(url, html);
      // A one-off build makes its page folders while it checks (see `FoldersAhead`).
      const output =
        !watching && writesToDisk(ev) ? resolve(root, ev.directories.output) : undefined;
      current =
        made ?? checkedBuild(config, site, watching ? { reuse, loads } : { finished }, output);
    } catch (e) {
      // Print the list once ourselves; Eleventy repeats an error's message, and a long list twice
      // is noise.
      if (e instanceof LockstepError) console.error(formatProblems(e.problems));
      throw e;
    }
    if (!made) pagesBeyond = pageTemplates.assign(current.pages, watching);
    for (const w of current.warnings) console.warn(`[lockstep] ${formatProblem(w)}`);
    // Point at the status page only where there is one, at its address under the path prefix.
    const statusUrl = config.outputs.has('status')
      ? `${(facts.pathPrefix ?? '/').replace(/\/$/, '')}/translation-status/`
      : undefined;
    for (const line of qualitySummary(current.quality, current.site.source.tag, statusUrl))
      console.warn(`[lockstep] ${printable(line)}`);
    if (!current.sitemap)
      console.warn(
        '[lockstep] No sitemap.xml or robots.txt written: a sitemap needs absolute addresses. Set the `siteUrl` option to the address the site is served from, such as `https://docs.example.com`.',
      );
  });

  // Watch mode: an edit of locale files or datasets only is built at once, and the article pages
  // it changed are written before Eleventy's rebuild, which at thousands of templates takes
  // seconds. A build with problems is left to the rebuild, which reports them.
  if (directPages)
    on(eleventyConfig, 'eleventy.beforeWatch', (queue: string[] = []) => {
      prebuilt = undefined;
      const { config, site } = resolved(last.directories);
      const ours = isLockstepInput(root, config);
      if (!last.output || !queue.length || !queue.every((f) => ours(f))) return;
      direct!.reset();
      // Only the files Eleventy's watcher names are read again: the others are confirmed unchanged
      // before any lock is written (the source's, the datasets') and once the pages are written
      // (the rest; see `LoadMemo.assume`).
      loads.assume(
        queue.map((f) => resolve(root, f)),
        Object.values(WATCHED),
      );
      try {
        let made: Build;
        try {
          made = checkedBuild(config, site, { reuse, loads });
        } catch {
          // Problems (the rebuild reports them), or a file changed that the watcher did not name.
          return;
        }
        current = prebuilt = made;
        pagesBeyond = pageTemplates.assign(made.pages, true);
        const pages = pageTemplates.changed().map(({ page, view }) => ({
          page,
          html: () =>
            direct!.render(
              articleLayout,
              { lockstepPage: page, lockstepHead: page },
              view ? { id: page.url, digest: view } : undefined,
            ),
        }));
        const urls = writeEarly(pages, last.output, root);
        try {
          if (urls.length && signal)
            writeFileAtomic(signal, urls.join('\n') + '\n', { sync: false });
        } catch {
          // The browser then reloads when the rebuild ends, as without the early pages.
        }
      } finally {
        // A file changed that the watcher did not name: the rebuild builds again from the files.
        if (!loads.confirm()) prebuilt = undefined;
      }
    });

  // A page of the site whose `permalink` takes one of Lockstep's URLs: said with the option to
  // turn ours off, before Eleventy's own "Output conflict" and before anything is written.
  const ours = new Map(OUTPUTS.flatMap((o) => o.publish.map((p) => [p.template, o.name] as const)));
  ours.set(PAGE_DIR, 'pages');
  on(eleventyConfig, 'eleventy.contentMap', ({ inputPathToUrl }: ContentMap) => {
    const clashes = permalinkClashes(inputPathToUrl ?? {}, ours, root);
    if (!clashes.length) return;
    console.error(formatProblems(clashes));
    void folders?.undo();
    throw new LockstepError(clashes);
  });

  // Then check that the article pages this build wrote agree in every language (pages left by
  // earlier builds are not read).
  if (early.audit)
    on(
      eleventyConfig,
      'eleventy.after',
      ({ directories, results, outputMode }: EleventyEvent = {}) =>
        (audited = auditWritten(finished, { directories, results, outputMode })),
    );

  /** The audit of what Eleventy wrote, once the pages parsed on another thread are in. */
  async function auditWritten(
    finished: FinishedPages | undefined,
    { directories, results, outputMode }: EleventyEvent,
  ): Promise<void> {
    const got = await ahead?.collect();
    ahead = undefined;
    for (const [url, d] of got?.digests ?? []) finished?.digested(url, d);
    const shapes = got?.shapes;
    if ((outputMode && outputMode !== 'fs') || !directories?.output || !results) return; // `json` and `ndjson` write nothing
    // Article pages, and the site's own pages that embed a table through a shortcode.
    const written = results.filter(
      (r) =>
        r.outputPath &&
        (r.inputPath?.endsWith(ARTICLE_TEMPLATE) ||
          r.inputPath?.includes(`/${PAGE_DIR}`) ||
          (typeof r.content === 'string' && r.content.includes(' data-lockstep="'))),
    );
    // The pages' HTML is in the results: check it without reading every page back from disk.
    const html = new Map(
      written.flatMap((r) =>
        typeof r.content === 'string'
          ? [[resolve(r.outputPath as string), r.content] as const]
          : [],
      ),
    );
    // The finished pages' digests, where the result is the very HTML they were taken of.
    const digests = new Map(
      written.flatMap((r) => {
        const d =
          finished && typeof r.url === 'string' && typeof r.content === 'string'
            ? finished.digestOf(r.url, r.content)
            : undefined;
        return d ? [[resolve(r.outputPath as string), d] as const] : [];
      }),
    );
    const state: WrittenState = {
      root,
      config: coreConfig(early),
      written: {
        dir: directories.output,
        files: written.map((r) => r.outputPath as string),
        html,
        digests,
        shapes,
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
  }

  // The finished pages' digests are kept once Eleventy wrote them (never after a failed build).
  // Eleventy runs the `eleventy.after` handlers side by side: this one waits for the audit's.
  on(eleventyConfig, 'eleventy.after', async ({ outputMode }: EleventyEvent = {}) => {
    const pages = finished;
    finished = undefined;
    const audit = audited;
    audited = undefined;
    // A dry run through the API (the plugin cannot tell) wrote nothing into the folders made ahead.
    void folders?.undoIfUnused();
    folders = undefined;
    pages?.stop();
    if (!pages || (outputMode && outputMode !== 'fs')) return;
    try {
      await audit;
    } catch {
      return;
    }
    const { reused, rendered } = pages.counts;
    if (reused)
      console.log(
        `[lockstep] Article pages: ${reused} reused from the previous build, ${rendered} rendered.`,
      );
    const why = pages.save();
    if (why && early.cache !== false)
      console.warn(
        `[lockstep] ${formatProblem(cacheProblem(root, resolve(root, early.cache, 'pages.json'), why))}`,
      );
  });

  // Data is read after `eleventy.before`, which has thrown already if the input was bad.
  eleventyConfig.addGlobalData('lockstep', () => {
    if (!current)
      throw new Error('Internal error: Lockstep data was read before the `eleventy.before` event.');
    return { ...current, pagesBeyond };
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
    // Article pages all in the `.lockstep` paginated template: no Nunjucks one beside it.
    if (config.outputs.has(output.name) && !(output.name === 'pages' && pageTemplates.paginates))
      for (const p of output.publish)
        addTemplate(eleventyConfig, p, layouts[output.name], early.navigation, direct);

  registerEmbedding(eleventyConfig, () => current);

  eleventyConfig.addWatchTarget(join(early.localesDir, '**'));
  // The build itself updates the locks and the source history: watching them would loop.
  eleventyConfig.watchIgnores?.add(join(early.localesDir, '**', LOCK_FILE));
  eleventyConfig.watchIgnores?.add(join(early.localesDir, '**', SOURCES_FILE));
  // A command's journal of several files is written and removed around its renames.
  eleventyConfig.watchIgnores?.add(PENDING_FILE);
  if (early.cache !== false) eleventyConfig.watchIgnores?.add(join(early.cache, '**'));
  eleventyConfig.addWatchTarget(join(userOptions.articlesDir ?? '.', '**', early.datasetFile));
}

// Eleventy names the plugin by its package in errors ("Error processing the
// `eleventy-plugin-lockstep` plugin"), and runs a unique plugin once however often it is added: the
// first `addPlugin` wins.
lockstep.eleventyPackage = PACKAGE.name;
lockstep.eleventyPluginOptions = { unique: true };

/** `eleventyConfig.on` with the argument's type said at the call. */
function on<T>(cfg: EleventyConfig, event: string, fn: (arg: T) => unknown): void {
  cfg.on(event, fn as (arg: never) => unknown);
}

/** One Eleventy template for one published file (or list of files) of an output. */
function addTemplate(
  eleventyConfig: EleventyConfig,
  p: Publish,
  layout: string | false | undefined,
  navigation: NavigationOption,
  direct: DirectTheme | undefined,
): void {
  const data: Record<string, unknown> = p.each
    ? {
        // Article pages have templates of their own; this one takes those beyond them.
        pagination: {
          data: `lockstep.${p.each === 'lockstepPage' ? 'pagesBeyond' : p.data}`,
          size: 1,
          alias: p.each,
        },
        permalink: `{{ ${p.each}.url }}`,
      }
    : { permalink: p.url };
  if (!p.inCollections) data.eleventyExcludeFromCollections = true;
  // Every language version joins the collections, not only the first page of the pagination.
  else if (p.each) (data.pagination as Record<string, unknown>).addAllPagesToCollections = true;
  // A page of the site goes through its layout; any other file is written as the text the core
  // made.
  let content = '';
  if (p.head) {
    // One of the package's layouts, the site's own nowhere: rendered by `direct`, same bytes.
    if (direct && typeof layout === 'string' && isThemeLayout(layout))
      // An article page is all in its view (its head is the view): kept across watch rebuilds.
      content = `{{ ${JSON.stringify(layout)} | lockstepThemePage${p.each === 'lockstepPage' ? `(${p.each})` : ''} | safe }}`;
    else data.layout = layout;
    data.tags = ['lockstep'];
    // `title` and `lang` as a site's own pages have them, for its navigation and feeds; read from
    // `lockstepHead` (Eleventy orders computed data), closing over nothing, so the bench's floor
    // can print these functions as its own config.
    data.eleventyComputed = {
      lockstepHead: p.head,
      title: (d: { lockstepHead?: { title?: string } }) => d.lockstepHead?.title,
      lang: (d: { lockstepHead?: { lang?: string } }) => d.lockstepHead?.lang,
    };
    // Article pages join the site's menus (eleventy-navigation), one entry per language, when
    // asked (the bench's floor prints these functions, and this one reads the option).
    if (p.each === 'lockstepPage' && navigation !== false)
      (data.eleventyComputed as Record<string, unknown>).eleventyNavigation = (d: {
        lockstepPage: PageView;
      }) => navigationEntry(navigation, d.lockstepPage);
  } else content = `{{ ${p.each ? `${p.each}.text` : `lockstep.${p.data}`} | safe }}`;
  eleventyConfig.addTemplate(p.template, content, data);
}

/** A layout name that is a file of the package's theme (`lockstep/article.njk`). */
function isThemeLayout(name: string): boolean {
  return /^lockstep\/[\w-]+\.njk$/.test(name) && existsSync(join(THEME_DIR, name));
}

/**
 * What turns an article page's view into its HTML besides the view: the theme's files, the layout,
 * the path prefix, and the versions of Eleventy and of its Nunjucks.
 */
function renderSalt(direct: DirectTheme, layout: string, pathPrefix: string | undefined): string {
  return digest(
    [
      direct.themeDigest,
      layout,
      pathPrefix ?? '/',
      process.env.ELEVENTY_VERSION ?? '',
      installedVersion('nunjucks'),
    ].join('\0'),
  );
}
