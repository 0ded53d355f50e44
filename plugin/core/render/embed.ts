import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { collectionsOf } from '../load/collections.js';
import type { LoadedDataset } from '../load/dataset.js';
import { blank, type Locale } from '../load/locales.js';
import type { Site } from '../load/site.js';
import { collectionTables, makeLookup, type CollectionTableView } from './collection.js';
import type { Translator } from './i18n.js';
import { uiStrings, type Label, type PageEntry, type PageView } from './view.js';

/**
 * The tables of collection `id` of `article` in `locale`, as an article page shows them (`group`:
 * one group's table, without its heading): for shortcodes and embedding, which print them with
 * `templates/lockstep/tables.njk` (`collection` macro). A string the language lacks is the source
 * language's, marked as such.
 */
export function renderCollection(
  site: Site,
  tr: Translator,
  article: LoadedDataset,
  locale: Locale,
  id: string,
  group?: string,
): CollectionTableView[] {
  const ns = article.article;
  const own = locale.namespaces.get(ns)?.strings;
  const has = (key: string) => !blank(own?.get(key));
  const notice = uiStrings(site, tr, locale).fallback;
  const fallback = (key: string): Partial<Label> =>
    has(key) ? {} : { lang: site.source.tag, state: 'fallback', notice };
  const label = (key: string): Label => ({ text: tr.t(locale.tag, ns, key), ...fallback(key) });
  return collectionTables(
    article.data,
    id,
    makeLookup(site, locale.tag, label, has, fallback, locale.dir),
    group,
  );
}

/** A shortcode used wrongly: its message says what was asked and what exists. */
export class EmbedError extends Error {
  override name = 'EmbedError';
}

/**
 * The locale a page is in: the shortcode's argument, else Eleventy's `page.lang` (the I18n
 * plugin), else the page's first folder (`/de/…`). A tag, a slug (`de-de`) or a bare language
 * (`de`, when one locale has it) all name a locale.
 */
export function embedLocale(
  site: Site,
  asked: string | undefined,
  page: { lang?: string; url?: string | false; inputPath?: string } | undefined,
): string {
  const match = (name: string | undefined) => {
    if (!name) return undefined;
    const n = name.toLowerCase();
    const exact = site.locales.find((l) => l.tag.toLowerCase() === n || l.slug === n);
    if (exact) return exact.tag;
    const same = site.locales.filter((l) => l.tag.toLowerCase().split('-')[0] === n);
    return same.length === 1 ? same[0]!.tag : undefined;
  };
  if (asked) {
    const tag = match(asked);
    if (!tag)
      throw new EmbedError(
        `no locale \`${asked}\`; the site's locales are ${site.locales.map((l) => `\`${l.tag}\``).join(', ')}.`,
      );
    return tag;
  }
  const folder = (p: string | false | undefined) =>
    typeof p === 'string' ? p.replace(/^\.?\/+/, '').split('/')[0] : undefined;
  return (
    match(page?.lang) ??
    match(folder(page?.url)) ??
    match(folder(page?.inputPath?.replace(/^\.\/[^/]+\//, ''))) ??
    site.source.tag
  );
}

type Embedding = {
  site: Site;
  pages: PageEntry[];
  pageIn?: (article: string, locale: string) => PageView | undefined;
};

/** The page view of one article in one locale, or a message naming what exists. */
function pageOf(build: Embedding, article: string, locale: string): PageView {
  const { pages, site } = build;
  // A shard has the pages of its own locales; those of the others are made when asked for.
  const page =
    pages.find((p) => p.article === article && p.locale === locale) ??
    build.pageIn?.(article, locale);
  if (page) return page;
  if (!site.articles.some((a) => a.article === article))
    throw new EmbedError(
      `no article \`${article}\`; the articles are ${site.articles.map((a) => `\`${a.article}\``).join(', ')}.`,
    );
  throw new EmbedError(`article \`${article}\` has no \`${locale}\` page in this build.`);
}

/**
 * One table of an article (a comparison table by its id, or a list of items such as
 * `partners-certified`) in one locale, as HTML with the audit's hooks. The one place embedding
 * reaches the core's tables: the shortcodes call nothing else.
 */
export function renderTable(
  build: Embedding,
  article: string,
  tableId: string,
  locale: string,
): string {
  const page = pageOf(build, article, locale);
  const blocks = page.sections.flatMap((s) => s.blocks);
  for (const b of blocks) {
    if (b.kind === 'table' && b.id === tableId) return themeMacro('table', b);
    if (b.kind !== 'collection') continue;
    if (b.id === tableId) return themeMacro('collection', b);
    const one = b.tables.find((t) => t.id === tableId);
    if (one) return themeMacro('collection', { ...b, tables: [{ ...one, heading: undefined }] });
  }
  const ids = blocks.flatMap((b) =>
    b.kind === 'table'
      ? [b.id]
      : b.kind === 'collection'
        ? [b.id, ...b.tables.map((t) => t.id).filter((id) => id !== b.id)]
        : [],
  );
  throw new EmbedError(
    `article \`${article}\` has no table \`${tableId}\`; its tables are ${ids.map((t) => `\`${t}\``).join(', ') || 'none'}.`,
  );
}

/** The theme's folder, three up from both `plugin/core/render/` and `dist/core/render/`. */
const THEME = fileURLToPath(new URL('../../../templates/', import.meta.url));

const theme = () =>
  new nunjucks.Environment(new nunjucks.FileSystemLoader(THEME), { autoescape: true });

/**
 * A table printed by the theme's own macro (`templates/lockstep/tables.njk`), the one that prints
 * an article's tables, so an embedded table has the same markup and audit hooks; autoescape on.
 */
function themeMacro(name: 'table' | 'collection', block: unknown): string {
  return theme()
    .renderString(`{% import "lockstep/tables.njk" as t %}{{ t.${name}(block, none, 3) }}`, {
      block,
    })
    .trim();
}

/**
 * One field of an item of an article's dataset (`name`, `url` of a partner), escaped: a literal,
 * the same in every language.
 */
export function renderField(
  build: { site: Site },
  article: string,
  item: string,
  field: string,
): string {
  const a = build.site.articles.find((x) => x.article === article);
  if (!a) throw new EmbedError(`no article \`${article}\`.`);
  const items = Object.values(collectionsOf(a.data)).flatMap((c) => c.items) as Record<
    string,
    unknown
  >[];
  const found = items.find((i) => i.id === item);
  if (!found)
    throw new EmbedError(
      `article \`${article}\` has no item \`${item}\`; its items are ${items.map((i) => `\`${String(i.id)}\``).join(', ') || 'none'}.`,
    );
  const value = found[field];
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new EmbedError(
      `item \`${item}\` of \`${article}\` has no field \`${field}\`; its fields are ${Object.keys(
        found,
      )
        .map((k) => `\`${k}\``)
        .join(', ')}.`,
    );
  return theme().renderString('<span translate="no">{{ value }}</span>', { value: String(value) });
}
