import { dirname, relative, resolve } from 'node:path';
import type { ResolvedOptions } from '../options.js';
import { BuildCache } from './cache.js';
import { createTranslator } from './render/i18n.js';
import { writeLock } from './load/lock.js';
import { errorsOf, LockstepError, problem, q, type Problem } from './problems.js';
import { assess, heldKeys, staleKeys, type Quality } from './check/quality.js';
import { loadSite, type Site } from './load/site.js';
import { articleMarkdown } from './outputs/markdown-copies.js';
import { robotsTxt, sitemapEntries, sitemapXml } from './outputs/sitemap.js';
import { statusView, type StatusView } from './outputs/status.js';
import { alternates, buildPage, buildPages, nativeName, pageUrl, siteHref, uiStrings, type Head, type PageView } from './render/view.js';
import type { Locale } from './load/locales.js';

/** One language and its articles, as the picker and the 404 pages list them. */
export interface LanguageView { tag: string; slug: string; dir: 'ltr' | 'rtl'; name: string; ui: Record<string, string>; articles: { title: string; url: string }[] }

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

/** The data a build publishes: what Eleventy's templates read as `lockstep`. */
export interface Build {
  site: Site;
  pages: PageView[];
  picker: PickerView;
  quality: Quality;
  status: StatusView;
  /** `/404.html` first, then one per locale. */
  notFound: NotFoundView[];
  /** Written only with the `siteUrl` option: a sitemap needs absolute addresses. */
  sitemap?: { xml: string; robots: string };
  /** With the `markdown` option: each page as Markdown, at `url`. */
  markdown: { url: string; text: string }[];
  /** Problems worth a line in the build log (input warnings). */
  warnings: Problem[];
}

/**
 * Load, validate, check translations and render the view models. Throws one LockstepError listing
 * every problem, before anything is written; in strict mode translation findings are problems too.
 */
export function build(root: string, options: ResolvedOptions): Build {
  const { site, problems } = loadSite(root, options);
  if (!site || errorsOf(problems).length) throw new LockstepError(errorsOf(problems));
  // Without a cache, no digests either: `assess` skips its keys entirely.
  const cache = options.cache === false ? undefined : new BuildCache(resolve(root, options.cache, 'quality.json'));
  const quality = assess(site, resolve(root, options.localesDir), undefined, cache);
  const unsaved = cache?.save();
  if (unsaved) problems.push(cacheProblem(root, cache!.file!, unsaved));
  // Findings that are errors (the source's own nesting and control characters) fail every build, strict or not.
  const broken = quality.findings.filter((f) => f.severity === 'error');
  if (broken.length) throw new LockstepError(broken.map((f) => ({ ...f, message: `${f.locale} \`${f.key}\`: ${f.message}` })));
  if (options.strict && quality.findings.length)
    throw new LockstepError(quality.findings.map((f) => ({ ...f, severity: 'error', message: `${f.locale} \`${f.key}\`: ${f.message}` })));
  // A lock that cannot be written stops the build with LOCK_NOT_WRITTEN before any page is written.
  if (options.writeLock) for (const l of quality.locks) if (l.changed) writeLock(l.file, l.lock, relative(root, l.file) || l.file);
  // Strings that failed a check protecting the page are not published: the source text stands in.
  const held = heldKeys(quality);
  const tr = createTranslator(site.locales, site.source, held);
  const isStale = staleKeys(quality);
  const shard = shardLocales(site, root);
  const pages = shard ? site.articles.flatMap((a) => shard.map((l) => buildPage(site, tr, a, l, isStale, held))) : buildPages(site, tr, isStale, held);
  const first = site.source;
  const firstUi = uiStrings(site, tr, first);
  const languages: LanguageView[] = site.locales.map((l) => ({
    tag: l.tag,
    slug: l.slug,
    dir: l.dir,
    name: nativeName(l.tag),
    ui: uiStrings(site, tr, l),
    articles: site.articles.map((a) => ({ title: tr.t(l.tag, a.article, 'title'), url: pageUrl(l, a.article) })),
  }));
  const picker: PickerView = {
    head: { lang: first.tag, dir: first.dir, title: firstUi.pickerTitle!, description: firstUi.pickerIntro!, alternates: [], canonical: siteHref(site, '/'), ui: firstUi },
    languages,
  };
  const status = statusView(site, quality);
  status.head.ui = firstUi;
  const markdown = options.markdown
    ? pages.map((p) => ({ url: markdownUrl(p), text: articleMarkdown(p, site.articles.find((a) => a.article === p.article)!.data) }))
    : [];
  return { site, pages, picker, quality, status, notFound: notFoundViews(site, languages), sitemap: sitemapFiles(site, shard ? everyPage(site) : pages), markdown, warnings: problems.filter((p) => p.severity === 'warning') };
}

/** The cache could not be written: the build is right, only the next one does the same work again. */
export function cacheProblem(root: string, file: string, why: string): Problem {
  const dir = relative(root, dirname(file)) || '.';
  return problem('CACHE_NOT_WRITTEN', `Could not write the build cache (${why}); builds stay correct but redo the work it would save. Make \`${dir}\` writable, or set the \`cache\` option to another folder or to \`false\`.`, dir, undefined, 'warning');
}

/** Where a page's Markdown goes: next to its folder, `/fr-fr/teams-contact-center.md`. */
export function markdownUrl(page: PageView): string {
  return page.url.replace(/\/$/, '.md');
}

/**
 * Static hosts show `/404.html` for any missing address (GitHub Pages, Netlify), and some the nearest
 * `404.html` up the path (Cloudflare Pages), which is why each language has its own too. Neither is
 * indexed; the root one is in the source language and offers every language's pages in its own words.
 */
function notFoundViews(site: Site, languages: LanguageView[]): NotFoundView[] {
  const home = site.options.pickerLayout === false ? undefined : '/';
  const head = (l: LanguageView): Head => ({ lang: l.tag, dir: l.dir, title: l.ui.notFoundTitle!, description: '', alternates: [], noindex: true, ui: l.ui });
  return [
    { url: '/404.html', head: head(languages[0]!), root: true, home, languages },
    ...languages.map((l) => ({ url: `/${l.slug}/404.html`, head: head(l), root: false, home, languages: [l] })),
  ];
}

/** The sitemap (the picker, then every article page with all its languages) and a robots.txt naming it; none without `siteUrl`. */
function sitemapFiles(site: Site, pages: Pick<PageView, 'canonical' | 'updated' | 'alternates' | 'defaultUrl'>[]): Build['sitemap'] {
  if (!site.options.siteUrl) return undefined;
  const picker = site.options.pickerLayout === false ? [] : [{ loc: siteHref(site, '/'), alternates: [] }];
  return { xml: sitemapXml(sitemapEntries(pages, picker)), robots: robotsTxt(siteHref(site, '/sitemap.xml')) };
}

/**
 * The locales whose article pages this build writes when it is one shard of several (`buildLocales`,
 * `LOCKSTEP_LOCALES`); undefined for every locale. A name that is not a locale of the site is an error:
 * a shard that silently wrote nothing would leave a hole in the merged site.
 */
function shardLocales(site: Site, root: string): Locale[] | undefined {
  const wanted = site.options.buildLocales;
  if (!wanted) return undefined;
  const unknown = wanted.filter((tag) => !site.locales.some((l) => l.tag === tag));
  if (unknown.length) {
    const from = process.env.LOCKSTEP_LOCALES?.trim() ? '`LOCKSTEP_LOCALES`' : 'The `buildLocales` option';
    const message = `${from} names ${unknown.map(q).join(', ')}, which ${unknown.length === 1 ? 'is not a locale' : 'are not locales'} of this site; its locales are ${site.locales.map((l) => q(l.tag)).join(', ')}.`;
    throw new LockstepError([problem('UNKNOWN_BUILD_LOCALE', message, relative(root, resolve(root, site.options.localesDir)) || '.')], `Lockstep: ${message}`);
  }
  return site.locales.filter((l) => wanted.includes(l.tag));
}

/** What the sitemap needs of every page, also of those another shard writes, so that every shard writes the same sitemap. */
function everyPage(site: Site): Pick<PageView, 'canonical' | 'updated' | 'alternates' | 'defaultUrl'>[] {
  return site.articles.flatMap((a) =>
    site.locales.map((l) => ({
      canonical: siteHref(site, pageUrl(l, a.article)),
      updated: { iso: a.data.updated, text: '' },
      alternates: alternates(site, a.article, l),
      defaultUrl: siteHref(site, pageUrl(site.source, a.article)),
    })),
  );
}
