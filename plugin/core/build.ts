import type { ResolvedOptions } from '../options.js';
import { createTranslator } from './i18n.js';
import { errorsOf, LockstepError, type Problem } from './problems.js';
import { loadSite, type Site } from './site.js';
import { buildPages, nativeName, pageUrl, uiStrings, type PageView } from './view.js';

export interface PickerView {
  head: { lang: string; dir: 'ltr' | 'rtl'; title: string; description: string; alternates: []; defaultUrl?: string };
  languages: { tag: string; dir: 'ltr' | 'rtl'; name: string; ui: Record<string, string>; articles: { title: string; url: string }[] }[];
}

/** The data a build publishes: what Eleventy's templates read as `lockstep`. */
export interface Build {
  site: Site;
  pages: PageView[];
  picker: PickerView;
  warnings: Problem[];
}

/** Load, validate and render the view models; throws one LockstepError listing every problem. */
export function build(root: string, options: ResolvedOptions): Build {
  const { site, problems } = loadSite(root, options);
  if (!site || errorsOf(problems).length) throw new LockstepError(errorsOf(problems));
  const tr = createTranslator(site.locales, site.source);
  const pages = buildPages(site, tr);
  const first = site.source;
  const firstUi = uiStrings(site, tr, first);
  const picker: PickerView = {
    head: { lang: first.tag, dir: first.dir, title: firstUi.pickerTitle!, description: firstUi.pickerIntro!, alternates: [] },
    languages: site.locales.map((l) => ({
      tag: l.tag,
      dir: l.dir,
      name: nativeName(l.tag),
      ui: uiStrings(site, tr, l),
      articles: site.articles.map((a) => ({ title: tr.t(l.tag, a.article, 'title'), url: pageUrl(l, a.article) })),
    })),
  };
  return { site, pages, picker, warnings: problems.filter((p) => p.severity === 'warning') };
}
