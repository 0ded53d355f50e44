import type { CoreConfig } from './config.js';
import type { Problem } from './problems.js';
import type { Quality, HeldKeys } from './check/quality.js';
import type { Site } from './load/site.js';
import type { Locale } from './load/locales.js';
import type { Translator } from './render/i18n.js';
import type { Head, PageEntry, PageView, StaleKeys } from './render/view.js';
import type { FinishedPages } from './outputs/finished.js';
import type { StatusView } from './outputs/status.js';
import type { AuditResult, Shape } from './audit/audit.js';
import type { PageReuse } from './render/page-reuse.js';
import type { LoadMemo } from './load/load-memo.js';

/** One language and its articles, as the picker and the 404 pages list them. */
export interface LanguageView {
  tag: string;
  slug: string;
  dir: 'ltr' | 'rtl';
  name: string;
  ui: Record<string, string>;
  articles: { title: string; url: string }[];
}

export interface PickerView {
  head: Head;
  languages: LanguageView[];
}

/** A "page not found" page: `/404.html` lists every language, `/<locale>/404.html` its own. */
export interface NotFoundView {
  url: string;
  head: Head;
  /** True for `/404.html`, which every missing address of the site may show. */
  root: boolean;
  /** The language picker's address, when there is one. */
  home?: string;
  languages: LanguageView[];
}

/** What the steps of a build read and add, in the order they add it (see `steps.ts`). */
export interface BuildState {
  // Given
  root: string;
  config: CoreConfig;
  /** The previous build's page views, in watch mode (false: every page is made). */
  reuse?: PageReuse | false;
  /** The previous one-off build's finished pages, where the host keeps them (false: none). */
  finished?: FinishedPages | false;
  /** What earlier builds of this plugin instance read from each file, in watch mode. */
  loads?: LoadMemo | false;
  // load
  site?: Site;
  /** Problems worth a line in the build log (input warnings); steps may add to it. */
  warnings?: Problem[];
  // check
  quality?: Quality;
  // render
  held?: HeldKeys;
  isStale?: StaleKeys;
  translator?: Translator;
  /**
   * The locales whose article pages this build writes; `partial` when it is one shard of several.
   */
  shard?: { locales: Locale[]; partial: boolean };
  languages?: LanguageView[];
  /** The source locale's theme strings, for the pages of no one language. */
  sourceUi?: Record<string, string>;
  // outputs
  /** Article pages: a page whose finished files the build reuses is only its head. */
  pages?: PageEntry[];
  picker?: PickerView;
  status?: StatusView;
  /** `/404.html` first, then one per locale. */
  notFound?: NotFoundView[];
  /** Written only with `siteUrl`: a sitemap needs absolute addresses. */
  sitemap?: { xml: string; robots: string };
  /** Each page as Markdown, at `url`. */
  markdown?: { url: string; text: string }[];
}

/** What the steps after the host wrote the pages read and add (see `afterWriteSteps`). */
export interface WrittenState {
  // Given
  root: string;
  config: CoreConfig;
  /**
   * What the host wrote: its output folder, the article pages, and the HTML of those it still has
   * in memory (by absolute path; the others are read from disk).
   */
  written: {
    dir: string;
    files: string[];
    html: Map<string, string>;
    /** The digests of those pages' HTML that the host knows (the finished pages'). */
    digests?: Map<string, string>;
    /** Pages' shapes worked out while the host wrote them (`ShapesAhead`), by HTML digest. */
    shapes?: ReadonlyMap<string, Shape>;
  };
  // audit
  audit?: AuditResult;
  warnings?: Problem[];
}

/**
 * The data a build publishes: what Eleventy's templates read as `lockstep`. An output not asked for
 * is absent.
 */
export type Build = Required<Pick<BuildState, 'site' | 'quality' | 'pages' | 'warnings'>> &
  Pick<BuildState, 'picker' | 'status' | 'notFound' | 'sitemap' | 'markdown'> & {
    /** The page of any locale, made on demand: a shard's own pages embed every language. */
    pageIn?: (article: string, locale: string) => PageView | undefined;
  };
