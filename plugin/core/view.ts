import type { Block, LoadedDataset, Table } from './dataset.js';
import type { Translator } from './i18n.js';
import type { Locale } from './locales.js';
import { references, renderBlock, renderInline } from './markdown.js';
import type { Site } from './site.js';

/** How a string reached the page: translated, shown in the source language, or translated from an older source. */
export type TextState = 'fallback' | 'stale';
/** Text of one locale string; `lang` is set when it is in the source language, `notice` says why to readers. */
export interface Text { html: string; lang?: string; state?: TextState; notice?: string }
/** A plain-text label (table headers, values), escaped by the template. */
export interface Label { text: string; lang?: string; state?: TextState; notice?: string }

export type BlockView =
  | ({ kind: 'p' } & Text)
  | { kind: 'list'; ordered: boolean; items: Text[] }
  | { kind: 'partners'; id: string; headers: { name: Label; website: Label }; rows: { key: string; name: string; url: string }[] }
  | { kind: 'table'; id: string; columns: ({ key: string } & Label)[]; rows: ({ key: string; cells: ({ value: string } & Label)[] } & Label)[] };

export interface SectionView { anchor: string; level: number; heading: Text; blocks: BlockView[] }

export interface Alternate { tag: string; slug: string; url: string; name: string; dir: 'ltr' | 'rtl'; current: boolean }

/** Everything the article template needs for one (article, locale); templates only loop over it. */
export interface PageView {
  article: string;
  locale: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  url: string;
  title: string;
  description: string;
  updated: { iso: string; text: string };
  sections: SectionView[];
  /** Set when most of the page is outdated: the notice shown once, instead of per block. */
  staleBanner?: string;
  alternates: Alternate[];
  defaultUrl: string;
  ui: Record<string, string>;
}

export function pageUrl(locale: Locale, article: string): string {
  return `/${locale.slug}/${article}/`;
}

/** The language's own name for itself, for switchers: "français (France)", "中文（台灣）". */
export function nativeName(tag: string): string {
  const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

export const UI_KEYS = ['languages', 'switcher', 'updated', 'fallback', 'stale', 'pickerTitle', 'pickerIntro'] as const;

export function uiStrings(site: Site, tr: Translator, locale: Locale, vars: Record<string, unknown> = {}): Record<string, string> {
  const ns = site.options.commonNamespace;
  return Object.fromEntries(UI_KEYS.map((k) => [k, tr.t(locale.tag, ns, k, vars)]));
}

export function alternates(site: Site, article: string, current: Locale): Alternate[] {
  return site.locales.map((l) => ({ tag: l.tag, slug: l.slug, url: pageUrl(l, article), name: nativeName(l.tag), dir: l.dir, current: l === current }));
}

/** Whether a translation is outdated; see quality.ts. */
export type IsStale = (locale: string, ns: string, key: string) => boolean;

export function buildPage(site: Site, tr: Translator, article: LoadedDataset, locale: Locale, isStale: IsStale = () => false): PageView {
  const ns = article.article;
  const data = article.data;
  const refs = references(data.links);
  const ui = uiStrings(site, tr, locale);
  const showSource = site.options.stale === 'source';
  const seen = { texts: 0, stale: 0 };
  /** The text to show for `key` and how it got there. */
  const resolve = (key: string): { raw: string; lang?: string; state?: TextState; notice?: string } => {
    seen.texts++;
    if (!tr.has(locale, ns, key)) return { raw: tr.t(locale.tag, ns, key), lang: site.source.tag, state: 'fallback', notice: ui.fallback };
    if (locale !== site.source && isStale(locale.tag, ns, key) && ++seen.stale)
      return showSource
        ? { raw: tr.t(site.source.tag, ns, key), lang: site.source.tag, state: 'stale', notice: ui.stale }
        : { raw: tr.t(locale.tag, ns, key), state: 'stale', notice: ui.stale };
    return { raw: tr.t(locale.tag, ns, key) };
  };
  const text = (key: string, inline: boolean): Text => {
    const { raw, ...rest } = resolve(key);
    return { html: inline ? renderInline(raw, refs) : renderBlock(raw, refs), ...rest };
  };
  const label = (key: string): Label => {
    const { raw, ...rest } = resolve(key);
    return { text: raw, ...rest };
  };
  const fallback = (key: string) => (tr.has(locale, ns, key) ? {} : { lang: site.source.tag, state: 'fallback' as const, notice: ui.fallback });
  const plain = (key: string) => resolve(key).raw;
  const listFormat = new Intl.ListFormat(locale.tag, { style: 'long', type: 'conjunction' });

  const block = (section: string, b: Block): BlockView => {
    if ('p' in b) return { kind: 'p', ...text(`sections.${section}.${b.p}`, false) };
    if ('ul' in b || 'ol' in b) {
      const keys = 'ul' in b ? b.ul : b.ol;
      return { kind: 'list', ordered: 'ol' in b, items: keys.map((k) => text(`sections.${section}.${k}`, true)) };
    }
    if ('partners' in b)
      return {
        kind: 'partners',
        id: `partners-${b.partners}`,
        headers: { name: label('partners.name'), website: label('partners.website') },
        rows: (data.partners ?? []).filter((p) => p.status === b.partners).map((p) => ({ key: p.id, name: p.name, url: p.url })),
      };
    const table = data.tables![b.table] as Table;
    return {
      kind: 'table',
      id: b.table,
      columns: table.columns.map((c) => ({ key: c, ...label(`tables.${b.table}.columns.${c}`) })),
      rows: table.rows.map((r) => ({
        key: r.id,
        ...label(`tables.${b.table}.rows.${r.id}`),
        cells: table.columns.map((c) => {
          const keys = [r.cells[c]!].flat().map((v) => `values.${v}`);
          // A cell is marked as the source language only when all of its values are.
          const lang = keys.every((k) => fallback(k).lang) ? fallback(keys[0]!) : {};
          return { value: [r.cells[c]!].flat().join(' '), text: listFormat.format(keys.map(plain)), ...lang };
        }),
      })),
    };
  };

  const sections = data.sections.map((s) => ({
    anchor: s.anchor ?? s.id,
    level: s.level ?? 2,
    heading: text(`sections.${s.id}.heading`, true),
    blocks: s.blocks.map((b) => block(s.id, b)),
  }));
  const updated = data.updated;
  const updatedText = new Intl.DateTimeFormat(locale.tag, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(updated + 'T00:00:00Z'));
  return {
    article: ns,
    locale: locale.tag,
    lang: locale.tag,
    dir: locale.dir,
    url: pageUrl(locale, ns),
    title: plain('title'),
    description: plain('description'),
    updated: { iso: updated, text: updatedText },
    sections,
    // When most of a page is outdated, one notice at the top reads better than one per paragraph.
    staleBanner: seen.stale * 2 >= seen.texts && seen.stale > 0 ? ui.stale : undefined,
    alternates: alternates(site, ns, locale),
    defaultUrl: pageUrl(site.source, ns),
    ui: uiStrings(site, tr, locale, { date: updatedText }),
  };
}

/** Every page of the site, in a stable order: article by article, locale by locale. */
export function buildPages(site: Site, tr: Translator, isStale?: IsStale): PageView[] {
  return site.articles.flatMap((a) => site.locales.map((l) => buildPage(site, tr, a, l, isStale)));
}
