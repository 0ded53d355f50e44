import type { LoadedDataset } from '../load/dataset.js';
import { blank, type Locale } from '../load/locales.js';
import type { Site } from '../load/site.js';
import { collectionTables, makeLookup, type CollectionTableView } from './collection.js';
import type { Translator } from './i18n.js';
import { uiStrings, type Label } from './view.js';

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
    makeLookup(site, locale.tag, label, has, fallback),
    group,
  );
}
