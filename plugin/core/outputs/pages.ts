import { step } from '../pipeline.js';
import { buildPage, type PageView } from '../render/view.js';
import type { BuildState } from '../state.js';
import type { LoadedDataset } from '../load/dataset.js';
import type { Locale } from '../load/locales.js';
import type { Output } from './output.js';

/** One page per article and locale (of this shard), article by article. */
export const pages: Output = {
  name: 'pages',
  step: step<BuildState>()({
    name: 'pages',
    reads: ['site', 'translator', 'isStale', 'held', 'shard', 'reuse'],
    adds: ['pages'],
    run: ({ site, translator, isStale, held, shard, reuse }) => {
      const make = (a: LoadedDataset, l: Locale) =>
        buildPage(site, translator, a, l, isStale, held);
      return {
        pages: reuse
          ? reuse.pages(site, site.articles, shard.locales, make, isStale, held)
          : site.articles.flatMap((a) => shard.locales.map((l) => make(a, l))),
      };
    },
  }),
  publish: [
    {
      template: 'lockstep-article.njk',
      data: 'pages',
      each: 'lockstepPage',
      head: (d: { lockstepPage: PageView }) => d.lockstepPage,
      inCollections: true,
    },
  ],
};
