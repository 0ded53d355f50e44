import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { createTranslator } from '../plugin/core/render/i18n.js';
import { loadSite } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { fixtures } from './helpers.js';

const asWritten = suite('createTranslator: strings as written');
// `view.ts` shows a page's own string as written when it has no `{{` and no `$t(`, without asking i18next:
// that is only right while i18next returns exactly that string.
asWritten('i18next returns every string without interpolation or nesting as written, in every locale of the sites', () => {
  let checked = 0;
  for (const dir of [join(fixtures, '..', '..'), join(fixtures, 'sites/quality'), join(fixtures, 'sites/minimal')]) {
    const { site } = loadSite(dir, coreConfig(resolveOptions({ localesDir: join(dir, 'locales'), articlesDir: join(dir, 'src') })));
    assert.ok(site, dir);
    const tr = createTranslator(site!.locales, site!.source);
    for (const l of site!.locales)
      for (const [ns, n] of l.namespaces)
        for (const [key, text] of n.strings) {
          if (!text.trim() || text.includes('{{') || text.includes('$t(')) continue;
          // `lng` is one of i18next's own options: the call goes through i18next, not the Translator's fast path.
          assert.is(tr.t(l.tag, ns, key, { lng: l.tag }), text, `${l.tag} ${ns}:${key}`);
          checked++;
        }
  }
  assert.ok(checked > 500, `${checked}`);
});
asWritten.run();
