import { step } from '../pipeline.js';
import type { PageView } from '../render/view.js';
import type { BuildState } from '../state.js';
import { articleMarkdown } from './markdown-copies.js';
import type { Output } from './output.js';

/** Where a page's Markdown goes: next to its folder, `/fr-fr/teams-contact-center.md`. */
export function markdownUrl(page: PageView): string {
  return page.url.replace(/\/$/, '.md');
}

/** With the `markdown` option: each page as Markdown, for docs-as-code pipelines. */
export const markdown: Output = {
  name: 'markdown',
  step: step<BuildState>()({
    name: 'markdown',
    reads: ['config', 'site', 'pages'],
    adds: ['markdown'],
    enabled: ({ config }) => config.outputs.has('markdown'),
    run: ({ site, pages }) => {
      const data = new Map(site.articles.map((a) => [a.article, a.data]));
      return {
        markdown: pages.map((p) => ({
          url: markdownUrl(p),
          text: articleMarkdown(p, data.get(p.article)!),
        })),
      };
    },
  }),
  publish: [{ template: 'lockstep-markdown.njk', data: 'markdown', each: 'lockstepMarkdown' }],
};
