import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error eleventy-navigation ships no type declarations.
import navigationPlugin from '@11ty/eleventy-navigation';
import { buildSite, cleanup, copySite, fixtures } from './helpers.js';

/**
 * The minimal site through the package's theme (one-off build: every article page in the one
 * paginated template), with pages of the site's own that read what each article page gives
 * Eleventy: `title`, `lang`, `lockstepHead` and its menu entry, from the collections and through
 * the site's global computed data.
 */
async function siteReading(
  cache: boolean,
  computed = 'export default { heading: (d) => `${d.lang}: ${d.title}` };\n',
) {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  // The theme left to the package, so its pages are rendered directly.
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  mkdirSync(join(dir, 'src', '_data'), { recursive: true });
  writeFileSync(
    join(dir, 'src', 'list.njk'),
    '---\npermalink: /list/\n---\n{% for p in collections.lockstep %}' +
      '{{ p.url }}|{{ p.data.title }}|{{ p.data.lang }}|{{ p.data.lockstepHead.dir }}|' +
      '{{ p.data.lockstepHead.title }}|{{ p.data.eleventyNavigation.key }}|{{ p.data.heading }}\n' +
      '{% endfor %}',
  );
  writeFileSync(
    join(dir, 'src', 'menu.njk'),
    "---\npermalink: /menu/\n---\n{{ collections.all | eleventyNavigation('docs-fr-FR') | eleventyNavigationToHtml | safe }}",
  );
  // The site's own computed data, reading what Lockstep gives each page.
  writeFileSync(join(dir, 'src', '_data', 'eleventyComputed.mjs'), computed);
  // As `npx eleventy` has it when plugins run (Eleventy's API sets it only after them).
  const mode = process.env.ELEVENTY_RUN_MODE;
  process.env.ELEVENTY_RUN_MODE = 'build';
  const r = await buildSite(
    dir,
    { navigation: { parent: 'docs-{locale}' }, ...(cache ? {} : { cache: false }) },
    {
      config: (cfg) =>
        (cfg as unknown as { addPlugin(p: unknown): void }).addPlugin(navigationPlugin),
    },
  );
  if (mode === undefined) delete process.env.ELEVENTY_RUN_MODE;
  else process.env.ELEVENTY_RUN_MODE = mode;
  if (r.error) throw r.error;
  // Every article page went through the one paginated template.
  assert.not.ok(r.files.some((f) => f.includes('lockstep-pages')));
  const read = (p: string) => readFileSync(join(dir, '_site', p, 'index.html'), 'utf8');
  return { dir, read };
}

const data = suite('the article pages’ data, through the package’s theme');

for (const cache of [false, true])
  data(
    `a site's own pages read each page's title, lang, head and menu entry (cache ${cache})`,
    async () => {
      const { dir, read } = await siteReading(cache);
      try {
        assert.equal(read('list').trim().split('\n').sort(), [
          '/en/guide/|Minimal guide|en|ltr|Minimal guide|en/guide|en: Minimal guide',
          '/fr-fr/guide/|Guide minimal|fr-FR|ltr|Guide minimal|fr-FR/guide|fr-FR: Guide minimal',
          // The language picker, a page of the theme in the collection too.
          '/|Choose your language|en|ltr|Choose your language||en: Choose your language',
        ]);
        assert.match(read('menu'), '<a href="/fr-fr/guide/">Guide minimal</a>');
        // The article page itself is the theme's, with its own head.
        assert.match(read('fr-fr/guide'), '<html lang="fr-FR" dir="ltr">');
        assert.match(read('fr-fr/guide'), '<title>Guide minimal</title>');
      } finally {
        cleanup(dir);
      }
    },
  );

data(
  "a site's global computed title applies to the article pages' data, not their head",
  async () => {
    const { dir, read } = await siteReading(
      true,
      'export default { title: (d) => `${d.title} · Docs`, heading: (d) => d.title };\n',
    );
    try {
      const fr = read('list')
        .split('\n')
        .find((l) => l.startsWith('/fr-fr/guide/|'));
      assert.is(
        fr,
        '/fr-fr/guide/|Guide minimal · Docs|fr-FR|ltr|Guide minimal|fr-FR/guide|Guide minimal · Docs',
      );
      // The theme's page is made from Lockstep's own head.
      assert.match(read('fr-fr/guide'), '<title>Guide minimal</title>');
    } finally {
      cleanup(dir);
    }
  },
);

data.run();
