import { step } from '../pipeline.js';
import type { Head } from '../render/view.js';
import type { BuildState, LanguageView, NotFoundView } from '../state.js';
import type { Output } from './output.js';

/**
 * Static hosts show `/404.html` for any missing address (GitHub Pages, Netlify), and some the
 * nearest `404.html` up the path (Cloudflare Pages), which is why each language has its own too.
 * Neither is indexed; the root one is in the source language and offers every language's pages in
 * its own words.
 */
export const notFound: Output = {
  name: 'notFound',
  step: step<BuildState>()({
    name: 'notFound',
    reads: ['config', 'languages'],
    adds: ['notFound'],
    enabled: ({ config }) => config.outputs.has('notFound'),
    run: ({ config, languages }) => {
      const home = config.outputs.has('picker') ? '/' : undefined;
      const head = (l: LanguageView): Head => ({
        lang: l.tag,
        dir: l.dir,
        title: l.ui.notFoundTitle!,
        description: '',
        alternates: [],
        noindex: true,
        ui: l.ui,
      });
      return {
        notFound: [
          { url: '/404.html', head: head(languages[0]!), root: true, home, languages },
          ...languages.map((l) => ({
            url: `/${l.slug}/404.html`,
            head: head(l),
            root: false,
            home,
            languages: [l],
          })),
        ],
      };
    },
  }),
  publish: [
    {
      template: 'lockstep-404.njk',
      data: 'notFound',
      each: 'lockstepNotFound',
      head: (d: { lockstepNotFound: NotFoundView }) => d.lockstepNotFound.head,
    },
  ],
};
