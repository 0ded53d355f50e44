import type { CoreConfig } from './config.js';
import type { PageReuse } from './render/page-reuse.js';
import type { FinishedPages } from './outputs/finished.js';
import type { LoadMemo } from './load/load-memo.js';
import type { Build } from './state.js';
import { buildPage, pageUrl } from './render/view.js';
import { buildSteps } from './steps.js';
import { pendingWrites } from './write-all.js';

export type { Build, LanguageView, NotFoundView, PickerView } from './state.js';
export { cacheProblem } from './cache.js';
export { markdownUrl } from './render/view.js';

/**
 * Load, validate, check translations and render the view models (see `steps.ts`). Throws one
 * LockstepError listing every problem, before anything is written; in strict mode translation
 * findings are problems too. What earlier builds left, where the host keeps it:
 * - `reuse` (watch mode): a page whose inputs are those of the previous build keeps its view;
 * - `loads` (watch mode): a file whose text is the one an earlier build read is not parsed again;
 * - `finished` (a one-off build): a page whose finished files the previous build left intact is
 *   reused, its view made only if something reads it.
 * `addresses`, when given, learns the article pages' addresses as soon as they are known, before
 * the checks (the host can make their folders meanwhile; the build may still fail).
 */
export function build(
  root: string,
  config: CoreConfig,
  earlier: { reuse?: PageReuse; loads?: LoadMemo; finished?: FinishedPages } = {},
  addresses?: (urls: string[]) => void,
): Build {
  // Before anything is read: a command killed halfway through its files is finished first.
  const pending = pendingWrites(root);
  const s = buildSteps().run(
    {
      root,
      config,
      reuse: earlier.reuse ?? false,
      loads: earlier.loads ?? false,
      finished: earlier.finished ?? false,
    },
    (name, { site, shard }) => {
      if (name === 'shard' && addresses && site && shard)
        addresses(site.articles.flatMap((a) => shard.locales.map((l) => pageUrl(l, a.article))));
    },
  );
  const { site, quality, pages, warnings } = s;
  if (!site || !quality || !pages || !warnings)
    throw new Error('Internal error: the build ended without its site, checks or pages.');
  return {
    site,
    quality,
    pages,
    warnings: [...pending, ...warnings],
    picker: s.picker,
    status: s.status,
    notFound: s.notFound,
    sitemap: s.sitemap,
    markdown: s.markdown,
    pageIn: (name, tag) => {
      const article = site.articles.find((a) => a.article === name);
      const locale = site.locales.find((l) => l.tag === tag);
      if (!article || !locale || !s.translator) return undefined;
      return buildPage(site, s.translator, article, locale, s.isStale, s.held);
    },
  };
}
