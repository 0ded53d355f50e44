import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { digest } from './core/cache.js';
import type { CoreConfig } from './core/config.js';
import type { PageEntry } from './core/render/view.js';
import { navigationEntry, type NavigationOption } from './navigation.js';

/** The folder (virtual) of the article pages' templates, and their template format. */
export const PAGE_DIR = 'lockstep-pages/';
export const PAGE_FORMAT = 'lockstep';

/**
 * A template's data, filled in at each build. Not a plain object on purpose: Eleventy deep-copies
 * plain objects of its config when it merges it, before any build, and would keep the copy.
 */
class PageData {
  [key: string]: unknown;
}

/** One article page's own template: the page it holds in this build, and whether that changed. */
interface Slot {
  path: string;
  data: PageData;
  page?: PageEntry;
  view?: string;
  changed: boolean;
}

/** What Eleventy binds `this` to in a template format's `isIncrementalMatch`. */
export interface IncrementalContext {
  inputPath: string;
  isFullTemplate?: boolean;
  isFileRelevantToInputPath?: boolean;
  doesFileHaveDependencies?: boolean;
}

/**
 * One Eleventy template per article page, so Eleventy's `--incremental` watch mode renders again
 * only the pages whose view changed. Templates exist from the config on, before any build, so their
 * number is the site's articles times its locales as the folders show them; each build then gives
 * template `i` the `i`-th page (plain data: no pagination, no computed data), leaves templates it
 * has no page for unwritten, and hands the pages beyond them to the paginated template.
 */
export class PageTemplates {
  private slots: Slot[] = [];
  private byPath = new Map<string, Slot>();

  constructor(
    private navigation: NavigationOption,
    private layout: string | undefined,
  ) {}

  /** Add `count` templates with `add` (Eleventy's `addTemplate`). */
  register(count: number, add: (path: string, content: string, data: object) => void): void {
    for (let i = 0; i < count; i++) {
      const path = `${PAGE_DIR}${String(i).padStart(6, '0')}.${PAGE_FORMAT}`;
      const slot: Slot = { path, data: new PageData(), changed: true };
      this.empty(slot);
      this.slots.push(slot);
      this.byPath.set(path, slot);
      add(path, '', slot.data);
    }
  }

  /**
   * Give this build's pages to the templates; returns the pages left for the paginated one. Only
   * when `watching` are the pages' views compared with the previous build's (a one-off build has
   * none to compare with, and digests of every page cost time).
   */
  assign(pages: PageEntry[], watching = true): PageEntry[] {
    this.slots.forEach((slot, i) => {
      const page = pages[i];
      if (!page) {
        slot.changed = slot.page !== undefined;
        slot.page = slot.view = undefined;
        this.empty(slot);
        return;
      }
      // A view the build kept from the previous one (the same object) is unchanged: no digest.
      const kept = watching && page === slot.page && slot.view !== undefined;
      const view = kept ? slot.view : watching ? digest(JSON.stringify(page)) : undefined;
      slot.changed = view === undefined || (!kept && view !== slot.view);
      slot.view = view;
      // The same page as the previous build: its template's data already says it.
      if (kept) return;
      slot.page = page;
      const d = slot.data;
      for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, {
        permalink: page.url,
        tags: ['lockstep'],
        lockstepPage: page,
        // What the paginated template's permalink gives each page (`pageData`): its own head.
        lockstepHead: page,
        title: page.title,
        lang: page.lang,
      });
      if (this.layout) d.layout = this.layout;
      const nav = navigationEntry(this.navigation, page);
      if (nav) d.eleventyNavigation = nav;
    });
    return pages.slice(this.slots.length);
  }

  /** Whether every page goes through the one paginated template of this format. */
  paginates = false;

  /**
   * One template of this format for every page (`lockstep.pagesBeyond`, which is then all of
   * them), with the data a page's own template has (`assign`).
   */
  paginated(
    navigation: NavigationOption,
    add: (path: string, content: string, data: object) => void,
  ) {
    this.paginates = true;
    add(`${PAGE_DIR}pages.${PAGE_FORMAT}`, '', {
      pagination: {
        data: 'lockstep.pagesBeyond',
        size: 1,
        alias: 'lockstepPage',
        addAllPagesToCollections: true,
      },
      permalink: (d: Record<string, unknown>) => pageData(d, navigation),
      tags: ['lockstep'],
    });
  }

  /** The pages whose view changed at the last `assign` (watch mode), with their digests. */
  changed(): { page: PageEntry; view?: string }[] {
    return this.slots.flatMap((s) => (s.changed && s.page ? [{ page: s.page, view: s.view }] : []));
  }

  /** The page a template holds, with its view's digest (in watch mode). */
  pageOf(inputPath: string): { page: PageEntry; view?: string } | undefined {
    const slot = this.slot(inputPath);
    return slot?.page ? { page: slot.page, view: slot.view } : undefined;
  }

  /**
   * Eleventy's question in an incremental build: does a change of `file` make this template render
   * again? For a locale or dataset file, only if its page changed; for anything else, Eleventy's
   * own answer for templates of unknown dependencies.
   */
  isIncrementalMatch(ctx: IncrementalContext, file: string, ours: (file: string) => boolean) {
    const slot = this.slot(ctx.inputPath);
    if (!slot || ctx.isFileRelevantToInputPath) return true;
    if (ours(file)) return slot.changed;
    return !ctx.doesFileHaveDependencies && !ctx.isFullTemplate;
  }

  private slot(inputPath: string): Slot | undefined {
    const at = inputPath.indexOf(PAGE_DIR);
    return at < 0 ? undefined : this.byPath.get(inputPath.slice(at));
  }

  private empty(slot: Slot): void {
    for (const k of Object.keys(slot.data)) delete slot.data[k];
    Object.assign(slot.data, { permalink: false, eleventyExcludeFromCollections: true });
  }
}

/**
 * A paginated page's permalink, which also gives the page the data computed data would
 * (`lockstepHead`, `title`, `lang`, `eleventyNavigation`): Eleventy asks for the permalink first,
 * with the page's own data object (its pagination data, over the template's), before anything
 * reads that data, and computed data would set the same keys on the same object, at the cost of
 * its dependency tracing for every page.
 */
export function pageData(d: Record<string, unknown>, navigation: NavigationOption): string {
  const page = d.lockstepPage as PageEntry;
  d.lockstepHead = page;
  d.title = page.title;
  d.lang = page.lang;
  const nav = navigationEntry(navigation, page);
  if (nav) d.eleventyNavigation = nav;
  return page.url;
}

/**
 * How many article pages the site has, from its folders alone (articles holding a dataset, times
 * the locales this build publishes): only a guess for the number of templates, which the build
 * corrects (a page beyond them goes through the paginated template).
 */
export function countPages(root: string, config: CoreConfig): number {
  const folders = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
          .map((d) => d.name)
      : [];
  const articlesDir = resolve(root, config.articlesDir);
  const articles = folders(articlesDir).filter((a) =>
    existsSync(join(articlesDir, a, config.datasetFile)),
  );
  const locales =
    config.shardLocales ?? config.locales ?? folders(resolve(root, config.localesDir));
  return articles.length * locales.length;
}

/** Whether `file` (as Eleventy names it, `./locales/fr-FR/a.yaml`) is a locale or dataset file. */
export function isLockstepInput(root: string, config: CoreConfig): (file: string) => boolean {
  const locales = resolve(root, config.localesDir) + sep;
  return (file) => {
    const path = resolve(root, file);
    return (
      path.startsWith(locales) ||
      (basename(path) === config.datasetFile &&
        !relative(resolve(root, config.articlesDir), path).startsWith('..'))
    );
  };
}

/** What of Eleventy's config the article pages' templates need. */
export interface PagesHost {
  addExtension(ext: string, options: object): void;
  addTemplateFormats(format: string): void;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
}

/** Renders a page of the package's theme (`DirectTheme`), else undefined. */
export type PageRenderer = (
  page: { page: PageEntry; view?: string },
  data: Record<string, unknown>,
) => string;

/**
 * The article pages' own templates, in a template format of their own (`.lockstep`): its
 * `isIncrementalMatch` tells Eleventy which pages a change of a locale or dataset file touches.
 * `render` makes the page's HTML when the package's theme is rendered directly; otherwise the
 * template is empty and `layout` (the site's) renders it through Eleventy.
 */
export function registerPages(
  host: PagesHost,
  o: {
    root: string;
    config: CoreConfig;
    navigation: NavigationOption;
    layout: string | undefined;
    render?: PageRenderer;
    /** Eleventy's run mode (`build`, `watch`, `serve`); read from its environment when unset. */
    runMode?: string;
  },
): PageTemplates {
  const pages = new PageTemplates(o.navigation, o.render ? undefined : o.layout);
  const ours = isLockstepInput(o.root, o.config);
  host.addExtension(PAGE_FORMAT, {
    outputFileExtension: 'html',
    compile: () => (data: Record<string, unknown>) => {
      if (!o.render) return '';
      const held = pages.pageOf(String((data.page as { inputPath?: string })?.inputPath));
      // The paginated template's page is its item (see `paginated`).
      const item = data.lockstepPage as PageEntry | undefined;
      return held ? o.render(held, data) : item ? o.render({ page: item }, data) : '';
    },
    isIncrementalMatch(this: IncrementalContext, file: string) {
      return pages.isIncrementalMatch(this, file, ours);
    },
  });
  host.addTemplateFormats(PAGE_FORMAT);
  const add = (path: string, content: string, data: object) =>
    host.addTemplate(path, content, data as Record<string, unknown>);
  // Only watch mode renders some pages and not others. A one-off build (Eleventy's run mode
  // `build`) with the package's theme hands every page to one paginated template of this format
  // (no Nunjucks around the finished page, no template per page for Eleventy to look up).
  const oneOff = (o.runMode ?? process.env.ELEVENTY_RUN_MODE) === 'build';
  if (oneOff && o.render) pages.paginated(o.navigation, add);
  else pages.register(oneOff ? 0 : countPages(o.root, o.config), add);
  return pages;
}
