import { step } from '../pipeline.js';
import { markdownUrl, ReusedPage, type PageEntry } from '../render/view.js';
import type { BuildState } from '../state.js';
import { articleMarkdown } from './markdown-copies.js';
import type { Output } from './output.js';

/** With the `markdown` option: each page as Markdown, for docs-as-code pipelines. */
export const markdown: Output = {
  name: 'markdown',
  step: step<BuildState>()({
    name: 'markdown',
    reads: ['config', 'site', 'pages', 'finished'],
    adds: ['markdown'],
    enabled: ({ config }) => config.outputs.has('markdown'),
    run: ({ site, pages, finished }) => {
      // The dataset itself, whose data is read (and parsed) only for a copy made again.
      const data = new Map(site.articles.map((a) => [a.article, a]));
      const text = (p: PageEntry): string => {
        // A reused page's copy is the previous build's file (its digest checked).
        if (p instanceof ReusedPage) {
          const md = finished ? finished.markdownOf(p.url) : undefined;
          if (md === undefined)
            throw new Error(`Internal error: no Markdown copy of the reused page ${p.url}.`);
          return md;
        }
        const md = articleMarkdown(p, data.get(p.article)!.data);
        if (finished) finished.renderedMarkdown(p.url, md);
        return md;
      };
      return { markdown: pages.map((p) => ({ url: markdownUrl(p), text: text(p) })) };
    },
  }),
  publish: [{ template: 'lockstep-markdown.njk', data: 'markdown', each: 'lockstepMarkdown' }],
};
