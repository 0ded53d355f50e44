import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PageView } from '../plugin/core/render/view.js';
import type { CoreConfig } from '../plugin/core/config.js';
import { isLockstepInput, PageTemplates } from '../plugin/page-templates.js';

/** A page as far as the templates read it. */
const page = (locale: string, title: string) =>
  ({ article: 'a', locale, lang: locale, title, url: `/${locale}/a/` }) as unknown as PageView;

/** Templates registered with a recording `addTemplate`; their data by path. */
function templates(count: number) {
  const data = new Map<string, Record<string, unknown>>();
  const t = new PageTemplates(false, undefined);
  t.register(count, (path, _content, d) => data.set(path, d as Record<string, unknown>));
  return { t, data, paths: [...data.keys()] };
}

const Assign = suite('PageTemplates.assign');
Assign('gives each template a page as plain data, and returns the pages beyond them', () => {
  const { t, data, paths } = templates(2);
  const pages = [page('en', 'A'), page('fr-FR', 'Á'), page('it-IT', 'À')];
  assert.equal(t.assign(pages), [pages[2]]);
  assert.equal(
    { ...data.get(paths[1]!) },
    {
      permalink: '/fr-FR/a/',
      tags: ['lockstep'],
      lockstepPage: pages[1],
      lockstepHead: pages[1],
      title: 'Á',
      lang: 'fr-FR',
    },
  );
});
Assign('a template without a page this build is not written and stays out of collections', () => {
  const { t, data, paths } = templates(3);
  t.assign([page('en', 'A'), page('fr-FR', 'Á'), page('it-IT', 'À')]);
  assert.equal(t.assign([page('en', 'A')]), []);
  assert.equal(
    { ...data.get(paths[2]!) },
    { permalink: false, eleventyExcludeFromCollections: true },
  );
});
Assign.run();

const Match = suite('PageTemplates.isIncrementalMatch');
Match('a locale change renders again only the pages whose view changed', () => {
  const { t, paths } = templates(2);
  const ours = (f: string) => f.startsWith('./locales/');
  const at = (i: number) => ({ inputPath: `./src/${paths[i]}` });
  t.assign([page('en', 'A'), page('fr-FR', 'Á')]);
  t.assign([page('en', 'A'), page('fr-FR', 'Á (modifié)')]);
  assert.is(t.isIncrementalMatch(at(0), './locales/fr-FR/a.yaml', ours), false);
  assert.is(t.isIncrementalMatch(at(1), './locales/fr-FR/a.yaml', ours), true);
  // A layout the template uses, and a file Lockstep knows nothing of: Eleventy's own answer.
  assert.is(
    t.isIncrementalMatch({ ...at(0), isFileRelevantToInputPath: true }, './x.njk', ours),
    true,
  );
  assert.is(t.isIncrementalMatch(at(0), './_data/site.json', ours), true);
  assert.is(t.isIncrementalMatch({ ...at(0), isFullTemplate: true }, './about.md', ours), false);
});
Match.run();

const Input = suite('isLockstepInput');
Input('a locale file and a dataset file are ours; the site’s other files are not', () => {
  const config = { localesDir: 'locales', articlesDir: 'src', datasetFile: 'dataset.yaml' };
  const ours = isLockstepInput('/site', config as CoreConfig);
  assert.ok(ours('./locales/fr-FR/a.yaml'));
  assert.ok(ours('/site/src/a/dataset.yaml'));
  assert.not.ok(ours('./src/about.md'));
  assert.not.ok(ours('./other/dataset.yaml'));
  assert.not.ok(ours('./locales-old/fr-FR/a.yaml'));
});
Input.run();
