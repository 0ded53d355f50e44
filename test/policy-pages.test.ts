import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTranslator } from '../plugin/core/render/i18n.js';
import { buildPage, type BlockView, type PageView } from '../plugin/core/render/view.js';
import { cleanup } from './helpers.js';
import { guide, load, paragraphs, writeSite } from './policy-site.js';

/** The page of `guide` in `tag`, with `stale` the outdated keys of every translated locale. */
function page(files: Record<string, string>, tag: string, stale: string[] = []): PageView {
  const dir = writeSite(files);
  try {
    const site = load(dir);
    const locale = site.locales.find((l) => l.tag === tag)!;
    return buildPage(
      site,
      createTranslator(site.locales, site.source),
      site.articles[0]!,
      locale,
      () => new Set(stale),
    );
  } finally {
    cleanup(dir);
  }
}
const blocks = (p: PageView): BlockView[] => p.sections.flatMap((s) => s.blocks);

const banner = suite(
  'buildPage: one outdated-page banner when half the texts or more are outdated',
);
// Title, description, heading and five paragraphs: eight texts on the page.
const five = ['a', 'b', 'c', 'd', 'e'];
const site5 = {
  'src/guide/dataset.yaml': paragraphs(...five),
  'locales/en/guide.yaml': guide(
    'Guide',
    'Start',
    Object.fromEntries(five.map((k) => [k, `Paragraph ${k} in English.`])),
  ),
  'locales/fr-FR/guide.yaml': guide(
    'Guide',
    'Début',
    Object.fromEntries(five.map((k) => [k, `Paragraphe ${k} en français.`])),
  ),
};
const keys = (n: number) => five.slice(0, n).map((k) => `sections.intro.${k}`);
banner('four of eight texts outdated (exactly half): the banner', () => {
  assert.ok(page(site5, 'fr-FR', keys(4)).staleBanner);
});
banner('three of eight outdated (under half): no banner, each text marked on its own', () => {
  const p = page(site5, 'fr-FR', keys(3));
  assert.is(p.staleBanner, undefined);
  assert.equal(
    blocks(p).map((b) => (b.kind === 'p' ? (b.state ?? '') : '?')),
    ['stale', 'stale', 'stale', '', ''],
  );
});
banner('a page with nothing outdated has no banner', () => {
  assert.is(page(site5, 'fr-FR').staleBanner, undefined);
});
banner.run();

const cells = suite(
  'buildPage: a comparison cell is marked as the source language only when all its values are',
);
const table = [
  'updated: 2024-03-01',
  'tables:',
  '  plans:',
  '    columns: [basic, pro]',
  '    rows:',
  '      - id: hosting',
  '        cells: { basic: cloud, pro: [on-premises, cloud] }',
  '      - id: support',
  '        cells: { basic: email, pro: [email, phone] }',
  'sections:',
  '  - id: intro',
  '    blocks:',
  '      - table: plans',
  '',
].join('\n');
const labels =
  'tables:\n  plans:\n    columns: { basic: Basic, pro: Pro }\n    rows: { hosting: Hosting, support: Support }\n';
const siteT = {
  'src/guide/dataset.yaml': table,
  'locales/en/guide.yaml':
    guide('Plans', 'Plans', {}) +
    labels +
    'values: { cloud: Cloud, on-premises: On premises, email: Email, phone: Phone }\n',
  // `cloud` is translated; `on-premises`, `email` and `phone` are not.
  'locales/fr-FR/guide.yaml': guide('Offres', 'Offres', {}) + 'values: { cloud: Nuage }\n',
};
cells(
  'one value of two translated (the second): not marked; none of two translated: marked, in the source language',
  () => {
    const t = blocks(page(siteT, 'fr-FR')).find((b) => b.kind === 'table')!;
    if (t.kind !== 'table') throw new Error('no table');
    const shown = t.rows.map((r) => r.cells.map((c) => [c.value, c.text, c.lang ?? '']));
    assert.equal(shown, [
      [
        ['cloud', 'Nuage', ''],
        ['on-premises cloud', 'On premises et Nuage', ''],
      ],
      [
        ['email', 'Email', 'en'],
        ['email phone', 'Email et Phone', 'en'],
      ],
    ]);
  },
);
cells.run();

const nesting = suite('buildPage: `$t(key)` is resolved on every page, never shown');
const siteN = {
  'src/guide/dataset.yaml': paragraphs('hosted', 'later'),
  'locales/en/guide.yaml':
    guide('Guide', 'Start', {
      hosted: 'Hosted in $t(values.cloud).',
      later: 'Also in $t(values.cloud) later.',
    }) + 'values: { cloud: the cloud }\n',
  // `later` is not translated: the English text, resolved, is shown.
  'locales/fr-FR/guide.yaml':
    guide('Guide', 'Début', { hosted: 'Hébergé dans $t(values.cloud).' }) +
    'values: { cloud: le nuage }\n',
};
nesting('in a translation, and in the source text shown where the translation is missing', () => {
  const [hosted, later] = blocks(page(siteN, 'fr-FR')).map((b) => (b.kind === 'p' ? b : undefined));
  assert.is(hosted!.html, '<p>Hébergé dans le nuage.</p>\n');
  // i18next resolves the nested key in the page's language, even inside the source's text.
  assert.equal([later!.html, later!.lang], ['<p>Also in le nuage later.</p>\n', 'en']);
  assert.equal(
    blocks(page(siteN, 'en')).map((b) => (b.kind === 'p' ? b.md : '')),
    ['Hosted in the cloud.', 'Also in the cloud later.'],
  );
});
nesting.run();

const fallback = suite('buildPage: a string not translated shows the source text, marked as such');
fallback('an empty translation', () => {
  const p = page(
    {
      'src/guide/dataset.yaml': paragraphs('a', 'b'),
      'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'First part.', b: 'Second part.' }),
      'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: '', b: 'Deuxième partie.' }),
    },
    'fr-FR',
  );
  assert.equal(
    blocks(p).map((b) => (b.kind === 'p' ? [b.md, b.lang ?? '', b.state ?? ''] : [])),
    [
      ['First part.', 'en', 'fallback'],
      ['Deuxième partie.', '', ''],
    ],
  );
});
fallback.run();
