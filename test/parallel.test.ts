import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { buildSite, cleanup, copySite, listFiles } from './helpers.js';

/**
 * The `parallel` option moves the translation checks and the audit's reading of pages to a second thread
 * (`'always'`: even for a site as small as this one). What a build writes and reports must not depend on it.
 */
const parallel = suite('a build on two threads');

const snapshot = (dir: string) => {
  const files = [...listFiles(join(dir, '_site')), ...listFiles(join(dir, 'locales')).filter((f) => f.endsWith('translations.lock'))];
  // The status page names files relative to the working folder, which differs between the two copies.
  const where = relative(process.cwd(), dir);
  return Object.fromEntries(files.map((f) => [relative(dir, f), readFileSync(f, 'utf8').split(where).join('<site>')]));
};

parallel.before(() => {
  // Without a second core the option does nothing, and these tests would compare a build with itself.
  assert.ok(availableParallelism() > 1, 'these tests need a machine with at least two cores');
});

parallel('writes the same pages, status page and locks as a build on one thread', async () => {
  const two = copySite();
  const one = copySite();
  try {
    assert.is((await buildSite(two, { parallel: 'always' })).error, undefined);
    assert.is((await buildSite(one, { parallel: false })).error, undefined);
    const a = snapshot(two);
    const b = snapshot(one);
    assert.equal(Object.keys(a).sort(), Object.keys(b).sort());
    for (const f of Object.keys(b)) assert.ok(a[f] === b[f], `${f} differs between the two builds`);
    // The status page lists what the checks found on the other thread.
    assert.match(a['_site/translation-status/index.html']!, 'GLOSSARY');
    assert.match(a['_site/translation-status/index.html']!, 'UNTRANSLATED');
  } finally {
    cleanup(two);
    cleanup(one);
  }
});

/** A transform added after the plugin (a minifier, say) that puts an extra table in the French page. */
const addFrenchTable = (cfg: any) =>
  cfg.addTransform('later', function (this: { page: { url: string } }, content: string) {
    return this.page.url.startsWith('/fr-fr/') ? content.replace('</main>', '<table data-lockstep="late"><tbody><tr data-key="x"><td>x</td></tr></tbody></table></main>') : content;
  });

parallel('audits each page as it was written, after every transform, with or without the second thread', async () => {
  const dir = copySite();
  try {
    for (const p of ['always', false] as const) {
      const r = await buildSite(dir, { parallel: p }, addFrenchTable);
      assert.ok(r.error, `parallel: ${p}: the build should fail`);
      const problems = r.error!.problems!.map((x) => [x.code, x.file.split('/').slice(-3).join('/'), x.line > 0]);
      assert.equal(problems, [['AUDIT_TABLE_EXTRA', 'fr-fr/teams-contact-center/index.html', true]], `parallel: ${p}`);
    }
  } finally {
    cleanup(dir);
  }
});

parallel('reports bad input the same way', async () => {
  const dir = copySite();
  try {
    const en = join(dir, 'locales/en/common.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(en, readFileSync(en, 'utf8') + '\n  broken: [\n');
    const a = await buildSite(dir, { parallel: 'always' });
    const b = await buildSite(dir, { parallel: false });
    assert.ok(a.error?.problems?.length);
    assert.equal(a.error!.problems, b.error!.problems);
  } finally {
    cleanup(dir);
  }
});

parallel.run();
