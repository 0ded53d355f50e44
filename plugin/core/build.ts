import { resolve } from 'node:path';
import type { ResolvedOptions } from '../options.js';
import { createTranslator } from './i18n.js';
import { writeLock } from './lock.js';
import { errorsOf, LockstepError, type Problem } from './problems.js';
import { assess, staleId, type Quality } from './quality.js';
import { loadSite, type Site } from './site.js';
import { statusView, type StatusView } from './status.js';
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
  quality: Quality;
  status: StatusView;
  /** Problems worth a line in the build log (input warnings). */
  warnings: Problem[];
}

/**
 * Load, validate, check translations and render the view models. Throws one LockstepError listing
 * every problem, before anything is written; in strict mode translation findings are problems too.
 */
export function build(root: string, options: ResolvedOptions): Build {
  const { site, problems } = loadSite(root, options);
  if (!site || errorsOf(problems).length) throw new LockstepError(errorsOf(problems));
  const quality = assess(site, resolve(root, options.localesDir));
  if (options.strict && quality.findings.length)
    throw new LockstepError(quality.findings.map((f) => ({ ...f, severity: 'error', message: `${f.locale} \`${f.key}\`: ${f.message}` })));
  if (options.writeLock) for (const l of quality.locks) writeLock(l.file, l.lock);
  const tr = createTranslator(site.locales, site.source);
  const pages = buildPages(site, tr, (locale, ns, key) => quality.stale.has(staleId(locale, ns, key)));
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
  return { site, pages, picker, quality, status: statusView(site, quality), warnings: problems.filter((p) => p.severity === 'warning') };
}
