import { digest } from '../cache.js';
import type { LoadedDataset } from '../load/dataset.js';
import type { Locale, Namespace } from '../load/locales.js';
import type { Site } from '../load/site.js';
import type { HeldKeys, PageView, StaleKeys } from './view.js';

/** Makes one page's view; `PageReuse` calls it only for a page whose inputs changed. */
export type MakePage = (article: LoadedDataset, locale: Locale) => PageView;

/** A page's inputs key, or undefined when it cannot be known (a string nests another). */
export type PageKey = (article: LoadedDataset, locale: Locale) => string | undefined;

/**
 * The digest of everything one page's view reads: the site's config and locales, the article's
 * dataset, the article's and the theme's namespaces in its locale and in the source, and the
 * outdated and held-back keys of those. A namespace with a `$t()` can reach any other namespace:
 * its pages have no key (always made again). `nesting` memoizes, per namespace digest, whether one
 * of its strings nests another.
 */
export function pageKeys(
  site: Site,
  isStale: StaleKeys,
  held: HeldKeys,
  nesting = new Map<string, boolean>(),
  known?: Map<string, KnownKey>,
): PageKey {
  const { outputs, ...config } = site.config;
  const whole = digest(
    JSON.stringify([
      config,
      [...outputs].sort(),
      site.source.tag,
      site.locales.map((l) => [l.tag, l.slug, l.dir, l.folder]),
    ]),
  );
  const nests = (ns: Namespace): boolean => {
    // Known from the build cache without reading the strings, when the file is as it was.
    if (ns.nests !== undefined) return ns.nests;
    let found = nesting.get(ns.digest!);
    if (found === undefined) {
      found = [...ns.strings.values()].some((s) => s.includes('$t('));
      nesting.set(ns.digest!, found);
    }
    return found;
  };
  const datasets = new Map<LoadedDataset, string>();
  const common = site.config.commonNamespace;
  // In the findings' order, which the same inputs give again: no need to sort them.
  const keys = (set: ReadonlySet<string> | undefined) => (set ? [...set].join('\n') : '');
  const sound = (p: Namespace | undefined) => !p || (p.digest !== undefined && !nests(p));
  const source = site.source.namespaces;
  // Each page (10,000 at a time): plain code, no arrays made but the key's.
  return (article, locale) => {
    const ns = article.article;
    const a = locale.namespaces.get(ns);
    const b = locale.namespaces.get(common);
    const c = source.get(ns);
    const d = source.get(common);
    if (!sound(a) || !sound(b) || !sound(c) || !sound(d)) return undefined;
    const translated = locale !== site.source;
    const stale = translated ? keys(isStale(locale.tag, ns)) : '';
    const heldHere = translated ? keys(held(locale.tag, ns)) : '';
    const heldCommon = translated ? keys(held(locale.tag, common)) : '';
    const id = `${ns}\0${locale.tag}`;
    // The very inputs of the previous build (watch mode): its key, without digesting again.
    const k = known?.get(id);
    if (
      k &&
      k.whole === whole &&
      k.article === article &&
      k.a === a &&
      k.b === b &&
      k.c === c &&
      k.d === d &&
      k.stale === stale &&
      k.heldHere === heldHere &&
      k.heldCommon === heldCommon
    )
      return k.key;
    let data = datasets.get(article);
    // The text's digest stands for the data made from it (cheaper than writing the data out).
    if (data === undefined)
      datasets.set(article, (data = article.textDigest ?? digest(JSON.stringify(article.data))));
    const at = (p: Namespace | undefined) => p?.digest ?? '-';
    const key = digest(
      [whole, id, data, at(a), at(b), at(c), at(d), stale, heldHere, heldCommon].join('\0'),
    );
    known?.set(id, { whole, article, a, b, c, d, stale, heldHere, heldCommon, key });
    return key;
  };
}

/** A page's key with what it was made from (`pageKeys`), compared by identity. */
interface KnownKey {
  whole: string;
  article: LoadedDataset;
  a?: Namespace;
  b?: Namespace;
  c?: Namespace;
  d?: Namespace;
  stale: string;
  heldHere: string;
  heldCommon: string;
  key: string;
}

/**
 * The article pages' views of the previous build in the same process (watch mode), each kept with
 * its page key (`pageKeys`). A page whose inputs are the same gets the previous build's view object
 * itself, so the host knows it unchanged without comparing views. One per plugin instance, never
 * shared between sites.
 */
export class PageReuse {
  private views = new Map<string, { key: string; view: PageView }>();
  /** Namespace digest → whether one of its strings nests another (`$t(`). */
  private nesting = new Map<string, boolean>();
  /** Each page's key and its inputs, to know it unchanged without digesting them again. */
  private keys = new Map<string, KnownKey>();
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
    const keyOf = pageKeys(site, isStale, held, this.nesting, this.keys);
    const next = new Map<string, { key: string; view: PageView }>();
    const one = (article: LoadedDataset, locale: Locale): PageView => {
      const id = `${article.article}\0${locale.tag}`;
      const key = keyOf(article, locale);
      const before = this.views.get(id);
      const view = key !== undefined && before?.key === key ? before.view : make(article, locale);
      if (view === before?.view) this.kept++;
      if (key !== undefined) next.set(id, { key, view });
      return view;
    };
    const views = articles.flatMap((a) => locales.map((l) => one(a, l)));
    // Only the pages of this build are kept: a page gone from the site is forgotten.
    this.views = next;
    for (const id of this.keys.keys()) if (!next.has(id)) this.keys.delete(id);
    return views;
  }
}
