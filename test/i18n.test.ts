import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { createTranslator } from '../plugin/core/i18n.js';
import { loadSite } from '../plugin/core/site.js';
import { resolveOptions } from '../plugin/options.js';
import { fixtures } from './helpers.js';

const held = suite('createTranslator: held-back strings');
held('a held key gives the source text, by itself, through `$t()` and with variables, with and without `lng`', () => {
  const dir = join(fixtures, 'sites/minimal');
  const { site } = loadSite(dir, resolveOptions({ localesDir: join(dir, 'locales'), articlesDir: join(dir, 'src') }));
  const fr = site!.locales.find((l) => l.tag === 'fr-FR')!;
  // A string of fr-FR that nests the held one.
  fr.namespaces.get('guide')!.strings.set('nests', 'Voir : $t(sections.partners.heading)');
  (fr.namespaces.get('guide')!.data as Record<string, unknown>).nests = 'Voir : $t(sections.partners.heading)';
  const keys: Record<string, Set<string>> = { guide: new Set(['sections.partners.heading', 'title']), common: new Set(['updated']) };
  const tr = createTranslator(site!.locales, site!.source, (locale, ns) => (locale === 'fr-FR' ? keys[ns] : undefined));
  for (const lng of [{}, { lng: 'fr-FR' }]) {
    assert.is(tr.t('fr-FR', 'guide', 'sections.partners.heading', lng), 'Partners');
    assert.is(tr.t('fr-FR', 'guide', 'title', lng), 'Minimal guide');
    assert.is(tr.t('fr-FR', 'guide', 'nests', lng), 'Voir : Partners');
    assert.is(tr.t('fr-FR', 'common', 'updated', { date: '15 janvier 2024', ...lng }), 'Last updated: 15 janvier 2024');
    assert.is(tr.t('fr-FR', 'guide', 'sections.plans.heading', lng), 'Offres', 'other strings are untouched');
  }
  // The locale's own data is not changed.
  assert.is((fr.namespaces.get('guide')!.data as { title: string }).title, 'Guide minimal');
});
held.run();

const asWritten = suite('createTranslator: strings as written');
// `view.ts` shows a page's own string as written when it has no `{{` and no `$t(`, without asking i18next:
// that is only right while i18next returns exactly that string.
asWritten('i18next returns every string without interpolation or nesting as written, in every locale of the sites', () => {
  let checked = 0;
  for (const dir of [join(fixtures, '..', '..'), join(fixtures, 'sites/quality'), join(fixtures, 'sites/minimal')]) {
    const { site } = loadSite(dir, resolveOptions({ localesDir: join(dir, 'locales'), articlesDir: join(dir, 'src') }));
    assert.ok(site, dir);
    const tr = createTranslator(site!.locales, site!.source);
    for (const l of site!.locales)
      for (const [ns, n] of l.namespaces)
        for (const [key, text] of n.strings) {
          if (!text.trim() || text.includes('{{') || text.includes('$t(')) continue;
          assert.is(tr.t(l.tag, ns, key), text, `${l.tag} ${ns}:${key}`);
          checked++;
        }
  }
  assert.ok(checked > 500, `${checked}`);
});
asWritten.run();
