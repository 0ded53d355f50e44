import { step } from '../pipeline.js';
import {
  buildPage,
  pageHead,
  pageUrl,
  ReusedPage,
  type PageEntry,
  type PageView,
} from '../render/view.js';
import { pageKeys } from '../render/page-reuse.js';
import type { BuildState } from '../state.js';
import type { LoadedDataset } from '../load/dataset.js';
import type { Locale } from '../load/locales.js';
import type { Output } from './output.js';

/**
 * One page per article and locale (of this shard), article by article. A page whose finished
 * files the previous build left intact (`finished`) is a `ReusedPage`: its view is made only
 * if something reads its body.
 */
export const pages: Output = {
  name: 'pages',
  step: step<BuildState>()({
    name: 'pages',
    reads: ['site', 'translator', 'isStale', 'held', 'shard', 'reuse', 'finished'],
    adds: ['pages'],
    run: ({ site, translator, isStale, held, shard, reuse, finished }) => {
      const make = (a: LoadedDataset, l: Locale) =>
        buildPage(site, translator, a, l, isStale, held);
      if (reuse)
        return { pages: reuse.pages(site, site.articles, shard.locales, make, isStale, held) };
      if (!finished)
        return { pages: site.articles.flatMap((a) => shard.locales.map((l) => make(a, l))) };
      const keyOf = pageKeys(site, isStale, held);
      const one = (a: LoadedDataset, l: Locale): PageEntry => {
        const key = keyOf(a, l);
        const id = `${a.article}\0${l.tag}`;
        const hit = key && finished.find(id, key, pageUrl(l, a.article));
        if (hit)
          return new ReusedPage(pageHead(site, translator, a, l, hit.title, hit.description), () =>
            make(a, l),
          );
        const view = make(a, l);
        if (key) finished.expect(id, key, view);
        return view;
      };
      return { pages: site.articles.flatMap((a) => shard.locales.map((l) => one(a, l))) };
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
