import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator } from '../plugin/core/render/i18n.js';
import { buildSite, cleanup, copySite, fixtures, loadSiteAt, teams } from './helpers.js';

const asWritten = suite('createTranslator: strings as written');
// `view.ts` shows a page's own string as written when it has no `{{` and no `$t(`, without asking
// i18next: that is only right while i18next returns exactly that string.
asWritten(
  'i18next returns every string without interpolation or nesting as written, in every locale of the sites',
  () => {
    let checked = 0;
    for (const dir of [teams, join(fixtures, 'sites/quality'), join(fixtures, 'sites/minimal')]) {
      const site = loadSiteAt(dir);
      assert.ok(site, dir);
      const tr = createTranslator(site!.locales, site!.source);
      for (const l of site!.locales)
        for (const [ns, n] of l.namespaces)
          for (const [key, text] of n.strings) {
            if (!text.trim() || text.includes('{{') || text.includes('$t(')) continue;
            // `lng` is one of i18next's own options: the call goes through i18next, not the
            // Translator's fast path.
            assert.is(tr.t(l.tag, ns, key, { lng: l.tag }), text, `${l.tag} ${ns}:${key}`);
            checked++;
          }
    }
    assert.ok(checked > 500, `${checked}`);
  },
);
asWritten.run();

const blankText = suite('createTranslator: a string of only white space');
// It counts as not translated (`blank`), so readers must see the source text, not an empty heading
// or title.
blankText('is shown in the source language, on the page and in its title', async () => {
  const dir = copySite(join(fixtures, 'sites/minimal'));
  const file = join(dir, 'locales/fr-FR/guide.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('title: Guide minimal', 'title: "   "'));
  const site = loadSiteAt(dir);
  assert.is(
    createTranslator(site!.locales, site!.source).t('fr-FR', 'guide', 'title'),
    'Minimal guide',
  );
  const r = await buildSite(dir);
  assert.is(r.error, undefined);
  const page = readFileSync(join(r.out, 'fr-fr/guide/index.html'), 'utf8');
  assert.match(page, /<title>Minimal guide/);
  cleanup(dir);
});
blankText.run();
