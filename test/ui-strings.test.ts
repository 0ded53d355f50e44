import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTranslator } from '../plugin/core/render/i18n.js';
import { uiStrings } from '../plugin/core/render/view.js';
import { loadSiteAt, teams } from './helpers.js';

const ui = suite('uiStrings');

ui('a string with the page’s date is translated once per language and date', () => {
  const site = loadSiteAt(teams)!;
  const tr = createTranslator(site.locales, site.source);
  const fr = site.locales.find((l) => l.tag === 'fr-FR')!;
  const t = tr.t.bind(tr);
  const asked: string[] = [];
  tr.t = ((...args: Parameters<typeof t>) => {
    asked.push(`${args[0]} ${args[2]}`);
    return t(...args);
  }) as typeof t;
  const first = uiStrings(site, tr, fr, { date: '1 mai 2024' });
  assert.is(first.updated, 'Dernière mise à jour : 1 mai 2024');
  const before = asked.length;
  const again = uiStrings(site, tr, fr, { date: '1 mai 2024' });
  assert.equal(again, first);
  assert.is.not(again, first, 'each page its own object');
  assert.is(asked.length, before, 'not translated again');
  assert.is(
    uiStrings(site, tr, fr, { date: '2 mai 2024' }).updated,
    'Dernière mise à jour : 2 mai 2024',
  );
  assert.is(uiStrings(site, tr, fr).updated, 'Dernière mise à jour : {{date}}');
});

ui.run();
