import { digest } from '../cache.js';
import type { LoadedDataset } from '../load/dataset.js';
import type { Locale, Namespace } from '../load/locales.js';
import type { Site } from '../load/site.js';
import type { HeldKeys, PageView, StaleKeys } from './view.js';

/** Makes one page's view; `PageReuse` calls it only for a page whose inputs changed. */
export type MakePage = (article: LoadedDataset, locale: Locale) => PageView;

/**
 * The article pages' views of the previous build in the same process (watch mode), each kept with
 * the digest of everything its view reads: the site's config and locales, the article's dataset,
 * the article's and the theme's namespaces in its locale and in the source, and the outdated and
 * held-back keys of those. A page whose inputs are the same gets the previous build's view object
 * itself, so the host knows it unchanged without comparing views. A namespace with a `$t()` can
 * reach any other namespace: its pages are always made again. One per plugin instance, never
 * shared between sites.
 */
export class PageReuse {
  private views = new Map<string, { key: string; view: PageView }>();
  /** Namespace digest → whether one of its strings nests another (`$t(`). */
  private nesting = new Map<string, boolean>();
  /** Pages of the last build whose view was the previous build's. */
  kept = 0;

  /**
   * This build's views of `articles` × `locales`, in that order: `make` runs only for pages whose
   * inputs changed since the previous call.
   */
  pages(
    site: Site,
    articles: LoadedDataset[],
    locales: Locale[],
    make: MakePage,
    isStale: StaleKeys,
    held: HeldKeys,
  ): PageView[] {
    this.kept = 0;
    const { outputs, ...config } = site.config;
    const whole = digest(
      JSON.stringify([
        config,
        [...outputs].sort(),
        site.source.tag,
        site.locales.map((l) => [l.tag, l.slug, l.dir, l.folder]),
      ]),
    );
    const datasets = new Map<LoadedDataset, string>();
    const common = site.config.commonNamespace;
    const next = new Map<string, { key: string; view: PageView }>();
    const keys = (set: ReadonlySet<string> | undefined) => (set ? [...set].sort().join('\n') : '');
    const one = (article: LoadedDataset, locale: Locale): PageView => {
      const ns = article.article;
      const parts = [locale, site.source].flatMap((l) => [
        l.namespaces.get(ns),
        l.namespaces.get(common),
      ]);
      const id = `${ns}\0${locale.tag}`;
      let key: string | undefined;
      if (parts.every((p) => !p || (p.digest !== undefined && !this.nests(p)))) {
        let data = datasets.get(article);
        if (data === undefined)
          datasets.set(article, (data = digest(JSON.stringify(article.data))));
        const own = locale !== site.source;
        key = digest(
          [
            whole,
            id,
            data,
            ...parts.map((p) => p?.digest ?? '-'),
            own ? keys(isStale(locale.tag, ns)) : '',
            own ? keys(held(locale.tag, ns)) : '',
            own ? keys(held(locale.tag, common)) : '',
          ].join('\0'),
        );
      }
      const before = this.views.get(id);
      const view = key !== undefined && before?.key === key ? before.view : make(article, locale);
      if (view === before?.view) this.kept++;
      if (key !== undefined) next.set(id, { key, view });
      return view;
    };
    const views = articles.flatMap((a) => locales.map((l) => one(a, l)));
    // Only the pages of this build are kept: a page gone from the site is forgotten.
    this.views = next;
    return views;
  }

  private nests(ns: Namespace): boolean {
    let found = this.nesting.get(ns.digest!);
    if (found === undefined) {
      found = [...ns.strings.values()].some((s) => s.includes('$t('));
      this.nesting.set(ns.digest!, found);
    }
    return found;
  }
}
