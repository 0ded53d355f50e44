import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { buildSite, cleanup, copySite, rtlSite } from './helpers.js';
import { onCI } from './chromium.js';
import { describeNu, javaMissing, validateHtml } from './nu-validator.js';

/**
 * Every page a build writes, of the docs site's fixture and of the right-to-left fixture, checked
 * by the W3C Nu validator.
 */
const test = suite('HTML validity (Nu Html Checker)');
const missing = javaMissing();

if (missing && !onCI) {
  console.log(`\n  Skipping HTML validity: ${missing}\n`);
  test.skip('every generated page has zero validator errors', () => {});
} else {
  test('every generated page has zero validator errors', async () => {
    assert.not.ok(missing, missing);
    const sites = { site: copySite(), rtl: rtlSite() };
    try {
      const files: string[] = [];
      for (const [name, dir] of Object.entries(sites)) {
        const r = await buildSite(dir);
        if (r.error) throw r.error;
        const html = r.files.filter((f) => f.endsWith('.html'));
        assert.ok(html.length > 0, `${name}: the build wrote no HTML`);
        files.push(...html.map((f) => join(r.out, f)));
      }
      assert.ok(
        files.some((f) => f.endsWith(join('ar', 'guide', 'index.html'))),
        'the right-to-left page was not built',
      );
      // One JVM for every page: starting Java costs more than checking a page.
      // Name each file `site/en/...` or `rtl/ar/...`: the temporary folders mean nothing to a
      // reader.
      const label = (file: string) =>
        Object.entries(sites).reduce((f, [name, dir]) => f.replace(join(dir, '_site'), name), file);
      const errors = validateHtml(files).map((m) => ({ ...m, file: label(m.file) }));
      assert.ok(
        errors.length === 0,
        `${errors.length} validator error(s) in ${files.length} pages:\n${errors.map(describeNu).join('\n')}`,
      );
    } finally {
      Object.values(sites).forEach(cleanup);
    }
  });
}

test.run();
