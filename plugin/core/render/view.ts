import type { Block, LoadedDataset, Table } from '../load/dataset.js';
import { blockCollection } from '../load/collections.js';
import { updatedOf } from '../load/dataset-facts.js';
import {
  cellPlan,
  collectionPlan,
  collectionViews,
  type CollectionPlan,
  rowItemName,
  tableCell,
  type CellPlan,
  type CellView,
  type CollectionTableView,
  makeLookup,
} from './collection.js';
import type { Translator } from './i18n.js';
import { blank, type Locale } from '../load/locales.js';
import { references, renderKept } from './markdown.js';
import type { Site } from '../load/site.js';

/**
 * How a string reached the page: translated, shown in the source language, or translated from an
 * older source.
 */
export type TextState = 'fallback' | 'stale';
/**
 * Text of one locale string, as HTML and as the Markdown it was written in; `lang` is set when it
 * is in the source language, `notice` says why to readers.
 */
export interface Text {
  html: string;
  md: string;
  lang?: string;
  state?: TextState;
  notice?: string;
}
/** A plain-text label (table headers, values), escaped by the template. */
export interface Label {
  text: string;
  lang?: string;
  state?: TextState;
  notice?: string;
}

export type BlockView =
  | ({ kind: 'p' } & Text)
  | { kind: 'list'; ordered: boolean; items: Text[] }
  | { kind: 'collection'; id: string; tables: CollectionTableView[] }
  | {
      kind: 'table';
      id: string;
      columns: ({ key: string } & Label)[];
      /** `named`: the row is headed by a collection item's name, never translated. */
      rows: ({ key: string; named?: boolean; bdi?: true; cells: CellView[] } & Label)[];
    };

export interface SectionView {
  anchor: string;
  level: number;
  heading: Text;
  blocks: BlockView[];
}

/**
 * One language of a page: `url` is root-relative (links between pages), `href` absolute when
 * `siteUrl` is set (canonical, hreflang, sitemap).
 */
export interface Alternate {
  tag: string;
  slug: string;
  url: string;
  href: string;
  name: string;
  dir: 'ltr' | 'rtl';
  current: boolean;
}

/** What `base.njk` reads as `lockstepHead`: every page's `<html>` attributes and `<head>`. */
export interface Head {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  description: string;
  /** hreflang alternates; the page itself is one of them. */
  alternates: Alternate[];
  defaultUrl?: string;
  canonical?: string;
  /** Keep the page out of search results (404 and status pages). */
  noindex?: boolean;
  /** UI strings in the page's language (the skip link). */
  ui?: Record<string, string>;
}

/** Everything the article template needs for one (article, locale); templates only loop over it. */
export interface PageView {
  article: string;
  locale: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  url: string;
  /** The page's own address: absolute when `siteUrl` is set, root-relative otherwise. */
  canonical: string;
  title: string;
  description: string;
  updated: { iso: string; text: string };
  sections: SectionView[];
  /** Set when most of the page is outdated: the notice shown once, instead of per block. */
  staleBanner?: string;
  alternates: Alternate[];
  /** The site's home, the language picker, when there is one. */
  home?: string;
  /** The `x-default` alternate (the source language's page), absolute when `siteUrl` is set. */
  defaultUrl: string;
  ui: Record<string, string>;
}

export function pageUrl(locale: Locale, article: string): string {
  return `/${locale.slug}/${article}/`;
}

/** Where a page's Markdown copy goes: next to its folder, `/fr-fr/teams-contact-center.md`. */
export function markdownUrl(page: { url: string }): string {
  return page.url.replace(/\/$/, '.md');
}

/** `path` (root-relative) under the `siteUrl` option, or unchanged when it is not set. */
export function siteHref(site: Site, path: string): string {
  return site.config.siteUrl ? site.config.siteUrl + path : path;
}

/**
 * The language's own name for itself, for switchers: "français (France)", "中文（台灣）". Intl objects
 * cost tens of microseconds each to create: one per language and build (`site.memo`), not one per
 * page or link.
 */
export function nativeName(site: Pick<Site, 'memo'> | undefined, tag: string): string {
  const make = () => {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
    return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  };
  return site ? site.memo.get('nativeName', tag, make) : make();
}

/**
 * The theme's strings, found in each locale's common file. A site whose files lack one (written for
 * an older version of Lockstep) shows this English text rather than the key's name.
 */
export const UI_DEFAULTS = {
  languages: 'Languages',
  switcher: 'Read this article in another language',
  updated: 'Last updated: {{date}}',
  fallback: 'This part is not translated yet; it is shown in the source language.',
  stale:
    'This translation may be out of date; the source text has changed since it was translated.',
  pickerTitle: 'Choose your language',
  pickerIntro: 'This documentation is available in the following languages.',
  siteTitle: 'Documentation',
  skip: 'Skip to main content',
  notFoundTitle: 'Page not found',
  notFoundText: 'There is no page at this address. It may have moved, or the link may be mistyped.',
  articles: 'Articles',
} as const;
export const UI_KEYS = Object.keys(UI_DEFAULTS) as (keyof typeof UI_DEFAULTS)[];

export function uiStrings(
  site: Site,
  tr: Translator,
  locale: Locale,
  vars?: Record<string, unknown>,
): Record<string, string> {
  const ns = site.config.commonNamespace;
  // Without variables the strings are the same on every page of a language: resolved once per
  // build.
  const byLocale = site.memo.get('ui', tr, () => new Map<string, Record<string, string>>());
  let base = byLocale.get(locale.tag + '\0' + ns);
  if (!base)
    byLocale.set(
      locale.tag + '\0' + ns,
      (base = Object.fromEntries(
        UI_KEYS.map((k) => [k, tr.t(locale.tag, ns, k, { defaultValue: UI_DEFAULTS[k] })]),
      )),
    );
  if (!vars) return base;
  // With variables (a page's date), the same for every page of a language with the same values:
  // worked out once for them, each page given its own copy.
  const id = `${locale.tag}\0${ns}\0${JSON.stringify(vars)}`;
  let made = byLocale.get(id);
  if (!made) {
    made = { ...base };
    for (const k of UI_KEYS)
      if (made[k]!.includes('{{'))
        made[k] = tr.t(locale.tag, ns, k, { defaultValue: UI_DEFAULTS[k], ...vars });
    byLocale.set(id, made);
  }
  return { ...made };
}

export function alternates(site: Site, article: string, current: Locale): Alternate[] {
  // Every page of an article lists the same addresses: made once per article, not once per page
  // (20 languages made 40 strings on each of 10,000 pages).
  const links = site.memo.get('alternateLinks', article, () =>
    site.locales.map((l) => {
      const url = pageUrl(l, article);
      return { url, href: siteHref(site, url) };
    }),
  );
  return site.locales.map((l, i) => ({
    tag: l.tag,
    slug: l.slug,
    url: links[i]!.url,
    href: links[i]!.href,
    name: nativeName(site, l.tag),
    dir: l.dir,
    current: l === current,
  }));
}

/**
 * The dataset's links as Markdown references, worked out once per article rather than once per
 * page.
 */
function referencesOf(site: Site, data: LoadedDataset['data']): ReturnType<typeof references> {
  return site.memo.get('references', data, () => references(data.links));
}

/**
 * An article's outline with every locale key spelled out, its collections' tables (a
 * `CollectionPlan` each) and each comparison cell's `data-value` and value keys: the same on every
 * page of the article, so worked out once (and the same key strings are looked up on every page,
 * which spares building and hashing them again).
 */
type OutlineBlock =
  | { kind: 'p'; key: string }
  | { kind: 'list'; ordered: boolean; keys: string[] }
  | { kind: 'collection'; id: string; plan: CollectionPlan }
  | {
      kind: 'table';
      id: string;
      columns: { key: string; label: string }[];
      rows: {
        id: string;
        label: string;
        name?: string;
        cells: CellPlan[];
      }[];
    };
interface Outline {
  anchor: string;
  level: number;
  heading: string;
  blocks: OutlineBlock[];
}

function outlineOf(site: Site, data: LoadedDataset['data']): Outline[] {
  return site.memo.get('outline', data, () => makeOutline(data));
}

function makeOutline(data: LoadedDataset['data']): Outline[] {
  const block = (section: string, b: Block): OutlineBlock => {
    if ('p' in b) return { kind: 'p', key: `sections.${section}.${b.p}` };
    if ('ul' in b || 'ol' in b)
      return {
        kind: 'list',
        ordered: 'ol' in b,
        keys: ('ul' in b ? b.ul : b.ol).map((k) => `sections.${section}.${k}`),
      };
    const ref = blockCollection(b);
    if (ref)
      return {
        kind: 'collection',
        id: ref.id,
        plan: collectionPlan(data, ref.id, ref.group, 'partners' in b),
      };
    if (!('table' in b)) throw new Error('Internal error: a block of an unknown kind.');
    const table = data.tables![b.table] as Table;
    return {
      kind: 'table',
      id: b.table,
      columns: table.columns.map((c) => ({ key: c, label: `tables.${b.table}.columns.${c}` })),
      rows: table.rows.map((r) => ({
        id: r.id,
        label: `tables.${b.table}.rows.${r.id}`,
        name: rowItemName(data, table.collection, r.item),
        cells: table.columns.map((c) => cellPlan(r.cells[c]!)),
      })),
    };
  };
  return data.sections.map((s) => ({
    anchor: s.anchor ?? s.id,
    level: s.level ?? 2,
    heading: `sections.${s.id}.heading`,
    blocks: s.blocks.map((b) => block(s.id, b)),
  }));
}

/** The outdated keys of one namespace of one locale, if any; see quality.ts. */
export type StaleKeys = (locale: string, ns: string) => ReadonlySet<string> | undefined;

/** The keys of one namespace of one locale that are not published (quarantined); see quality.ts. */
export type HeldKeys = StaleKeys;

export function buildPage(
  site: Site,
  tr: Translator,
  article: LoadedDataset,
  locale: Locale,
  staleKeys?: StaleKeys,
  heldKeys?: HeldKeys,
): PageView {
  const ns = article.article;
  const data = article.data;
  const refs = referencesOf(site, data);
  const ui = uiStrings(site, tr, locale);
  const inlines = site.memo.get('markdown', 'inline', () => new Map<string, string>());
  const blocks = site.memo.get('markdown', 'block', () => new Map<string, string>());
  const showSource = site.config.stale === 'source';
  const seen = { texts: 0, stale: 0 };
  const stale = locale === site.source ? undefined : staleKeys?.(locale.tag, ns);
  /** The locale's own strings of the article; a blank one is not translated yet (see `blank`). */
  const own = locale.namespaces.get(ns)?.strings;
  // A quarantined string is shown as a missing one is: the source text, marked as such.
  const held = locale === site.source ? undefined : heldKeys?.(locale.tag, ns);
  const has = (key: string) => !blank(own?.get(key)) && !held?.has(key);
  /** The text to show for `key` and how it got there. */
  const resolve = (
    key: string,
  ): { raw: string; lang?: string; state?: TextState; notice?: string } => {
    seen.texts++;
    const mine = own?.get(key);
    if (blank(mine))
      return {
        raw: tr.t(locale.tag, ns, key),
        lang: site.source.tag,
        state: 'fallback',
        notice: ui.fallback,
      };
    if (held?.has(key))
      return {
        raw: tr.t(site.source.tag, ns, key),
        lang: site.source.tag,
        state: 'fallback',
        notice: ui.fallback,
      };
    if (stale?.has(key) && ++seen.stale)
      return showSource
        ? {
            raw: tr.t(site.source.tag, ns, key),
            lang: site.source.tag,
            state: 'stale',
            notice: ui.stale,
          }
        : { raw: tr.t(locale.tag, ns, key), state: 'stale', notice: ui.stale };
    // Text needing no interpolation or nesting is what the translator would return: skip the
    // lookup.
    return {
      raw: mine!.includes('{{') || mine!.includes('$t(') ? tr.t(locale.tag, ns, key) : mine!,
    };
  };
  const text = (key: string, inline: boolean): Text => {
    const { raw, ...rest } = resolve(key);
    return { html: renderKept(inline ? inlines : blocks, raw, inline, refs), md: raw, ...rest };
  };
  const label = (key: string): Label => {
    const { raw, ...rest } = resolve(key);
    return { text: raw, ...rest };
  };
  const fallback = (key: string) =>
    has(key) ? {} : { lang: site.source.tag, state: 'fallback' as const, notice: ui.fallback };
  const plain = (key: string) => resolve(key).raw;
  const lookup = makeLookup(site, locale.tag, label, has, fallback, locale.dir);
  const block = (b: OutlineBlock): BlockView => {
    switch (b.kind) {
      case 'p':
        return { kind: 'p', ...text(b.key, false) };
      case 'list':
        return { kind: 'list', ordered: b.ordered, items: b.keys.map((k) => text(k, true)) };
      case 'collection':
        return {
          kind: 'collection',
          id: b.id,
          tables: collectionViews(b.plan, lookup),
        };
      case 'table':
        return {
          kind: 'table',
          id: b.id,
          columns: b.columns.map((c) => ({ key: c.key, ...label(c.label) })),
          rows: b.rows.map((r) => ({
            key: r.id,
            ...(r.name === undefined
              ? label(r.label)
              : { text: r.name, named: true, ...(lookup.bdi && { bdi: true as const }) }),
            cells: r.cells.map((c) => tableCell(c, lookup)),
          })),
        };
    }
  };

  const sections = outlineOf(site, data).map((s) => ({
    anchor: s.anchor,
    level: s.level,
    heading: text(s.heading, true),
    blocks: s.blocks.map(block),
  }));
  const head = pageHead(site, tr, article, locale, plain('title'), plain('description'));
  return {
    ...head,
    sections,
    // When most of a page is outdated, one notice at the top reads better than one per paragraph.
    staleBanner: seen.stale * 2 >= seen.texts && seen.stale > 0 ? ui.stale : undefined,
  };
}

/** A page without its body: what Eleventy's collections, the sitemap and navigation read of it. */
export type PageHead = Omit<PageView, 'sections' | 'staleBanner'>;

/**
 * A page whose finished files the previous build left intact (`FinishedPages`): its head, and its
 * body made only when something reads it (an embedded table, a site template reading `sections`),
 * so it reads as the page a cold build makes while a warm build makes no view for it.
 */
class Reused {
  #make: () => PageView;
  #view?: PageView;
  constructor(head: PageHead, make: () => PageView) {
    Object.assign(this, head);
    this.#make = make;
  }
  get sections(): SectionView[] {
    return (this.#view ??= this.#make()).sections;
  }
  get staleBanner(): string | undefined {
    return (this.#view ??= this.#make()).staleBanner;
  }
  /** Whether the body was asked for (tests). */
  get made(): boolean {
    return this.#view !== undefined;
  }
  toJSON(): PageView {
    return {
      ...(this as unknown as PageHead),
      sections: this.sections,
      staleBanner: this.staleBanner,
    };
  }
}
// Typed as what it reads as: a page view (the head's fields are set by the constructor).
export const ReusedPage = Reused as unknown as new (
  head: PageHead,
  make: () => PageView,
) => PageView & { readonly made: boolean };

/** A page of this build: its whole view, or a reused one whose body is made on demand. */
export type PageEntry = PageView;

export function pageHead(
  site: Site,
  tr: Translator,
  article: LoadedDataset,
  locale: Locale,
  title: string,
  description: string,
): PageHead {
  const ns = article.article;
  const updated = updatedOf(article);
  const updatedText = site.memo
    .get(
      'dateFormat',
      locale.tag,
      () => new Intl.DateTimeFormat(locale.tag, { dateStyle: 'long', timeZone: 'UTC' }),
    )
    .format(new Date(updated + 'T00:00:00Z'));
  return {
    article: ns,
    locale: locale.tag,
    lang: locale.tag,
    dir: locale.dir,
    url: pageUrl(locale, ns),
    canonical: siteHref(site, pageUrl(locale, ns)),
    title,
    description,
    updated: { iso: updated, text: updatedText },
    alternates: alternates(site, ns, locale),
    defaultUrl: siteHref(site, pageUrl(site.source, ns)),
    home: site.config.outputs.has('picker') ? '/' : undefined,
    ui: uiStrings(site, tr, locale, { date: updatedText }),
  };
}

/** Every page of the site, in a stable order: article by article, locale by locale. */
export function buildPages(
  site: Site,
  tr: Translator,
  staleKeys?: StaleKeys,
  heldKeys?: HeldKeys,
): PageView[] {
  return site.articles.flatMap((a) =>
    site.locales.map((l) => buildPage(site, tr, a, l, staleKeys, heldKeys)),
  );
}
