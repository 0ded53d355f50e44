import { step } from '../pipeline.js';
import { buildPage, type PageView } from '../render/view.js';
import type { BuildState } from '../state.js';
import type { Output } from './output.js';

/** One page per article and locale (of this shard), article by article. */
export const pages: Output = {
  name: 'pages',
  step: step<BuildState>()({
    name: 'pages',
    reads: ['site', 'translator', 'isStale', 'held', 'shard'],
    adds: ['pages'],
    run: ({ site, translator, isStale, held, shard }) => ({
      pages: site.articles.flatMap((a) =>
        shard.locales.map((l) => buildPage(site, translator, a, l, isStale, held)),
      ),
    }),
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
