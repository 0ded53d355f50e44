import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { createTranslator } from '../plugin/core/render/i18n.js';
import { fixtures, loadSiteAt, teams } from './helpers.js';

const fast = suite('Translator.t without i18next');

// `lng` is one of i18next's own options, so a call with it always goes through i18next: the
// reference.
fast(
  'returns exactly what i18next returns, for every key of every locale, with and without variables',
  () => {
    let calls = 0;
    for (const dir of [teams, join(fixtures, 'sites/quality'), join(fixtures, 'sites/minimal')]) {
      const site = loadSiteAt(dir);
      assert.ok(site, dir);
      const tr = createTranslator(site!.locales, site!.source);
      const keys = new Set<string>();
      for (const l of site!.locales)
        for (const [ns, n] of l.namespaces)
          for (const k of n.strings.keys()) keys.add(`${ns}\0${k}`).add(`${ns}\0${k}.missing`);
      const variants: (Record<string, unknown> | undefined)[] = [
        undefined,
        {},
        { date: '1 mai 2024' },
        { defaultValue: 'Default' },
        { defaultValue: 'On {{date}}', date: 'x' },
        { date: 5 },
      ];
      for (const l of site!.locales)
        for (const id of keys) {
          const [ns, key] = id.split('\0') as [string, string];
          for (const options of variants) {
            assert.is(
              tr.t(l.tag, ns, key, options),
              tr.t(l.tag, ns, key, { ...options, lng: l.tag }),
              `${l.tag} ${ns}:${key} ${JSON.stringify(options)}`,
            );
            calls++;
          }
        }
    }
    assert.ok(calls > 1000);
  },
);

fast.run();

const held = suite('createTranslator: held-back strings');
held(
  'a held key gives the source text, by itself, through `$t()` and with variables, on both paths',
  () => {
    const dir = join(fixtures, 'sites/minimal');
    const site = loadSiteAt(dir);
    const fr = site!.locales.find((l) => l.tag === 'fr-FR')!;
    // A string of fr-FR that nests the held one.
    fr.namespaces.get('guide')!.strings.set('nests', 'Voir : $t(sections.partners.heading)');
    (fr.namespaces.get('guide')!.data as Record<string, unknown>).nests =
      'Voir : $t(sections.partners.heading)';
    const keys: Record<string, Set<string>> = {
      guide: new Set(['sections.partners.heading', 'title']),
      common: new Set(['updated']),
    };
    const tr = createTranslator(site!.locales, site!.source, (locale, ns) =>
      locale === 'fr-FR' ? keys[ns] : undefined,
    );
    for (const lng of [{}, { lng: 'fr-FR' }]) {
      assert.is(tr.t('fr-FR', 'guide', 'sections.partners.heading', lng), 'Partners');
      assert.is(tr.t('fr-FR', 'guide', 'title', lng), 'Minimal guide');
      assert.is(tr.t('fr-FR', 'guide', 'nests', lng), 'Voir : Partners');
      assert.is(
        tr.t('fr-FR', 'common', 'updated', { date: '15 janvier 2024', ...lng }),
        'Last updated: 15 janvier 2024',
      );
      assert.is(
        tr.t('fr-FR', 'guide', 'sections.plans.heading', lng),
        'Offres',
        'other strings are untouched',
      );
    }
    // The locale's own data is not changed.
    assert.is((fr.namespaces.get('guide')!.data as { title: string }).title, 'Guide minimal');
  },
);
held.run();
