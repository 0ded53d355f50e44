import { step } from '../pipeline.js';
import type { BuildState, LanguageView } from '../state.js';
import { nativeName, pageUrl, uiStrings } from './view.js';

/**
 * Each language with its theme strings and its articles' titles, as the picker and the 404 pages
 * list them.
 */
export const languages = step<BuildState>()({
  name: 'languages',
  reads: ['site', 'translator'],
  adds: ['languages', 'sourceUi'],
  run: ({ site, translator: tr }) => {
    const languages: LanguageView[] = site.locales.map((l) => ({
      tag: l.tag,
      slug: l.slug,
      dir: l.dir,
      name: nativeName(site, l.tag),
      ui: uiStrings(site, tr, l),
      articles: site.articles.map((a) => ({
        title: tr.t(l.tag, a.article, 'title'),
        url: pageUrl(l, a.article),
      })),
    }));
    return { languages, sourceUi: uiStrings(site, tr, site.source) };
  },
});
