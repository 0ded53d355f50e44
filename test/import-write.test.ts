import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles } from '../plugin/core/import/run.js';
import { loadSite } from '../plugin/core/load/site.js';
import { realWriteOps, setWriteOps } from '../plugin/core/write.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, listFiles, read } from './helpers.js';

const seed = (l: string) => join(fixtures, 'seeds', `${l}.md`);
const target = (dir: string, l: string) => join(dir, 'locales', l, 'teams-contact-center.yaml');
const snapshot = (dir: string) =>
  listFiles(join(dir, 'locales'))
    .sort()
    .map((f) => [f, read(f)]);

function run(dir: string, files: string[], opts = {}) {
  const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
  assert.equal(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  return importFiles(dir, site!, files, opts);
}

const all = suite('importFiles writes all or nothing');
all(
  'the second target cannot be written: the first is put back, and the error is IMPORT_NOT_WRITTEN, not a stack',
  () => {
    const dir = copySite();
    // Both copies have something to write: their files are gone.
    for (const l of ['fr-FR', 'it-IT']) rmSync(target(dir, l));
    const before = snapshot(dir);
    const restore = setWriteOps({
      renameSync: (a, b) => {
        if (b === target(dir, 'it-IT'))
          throw Object.assign(
            new Error(`EPERM: operation not permitted, rename '${a}' -> '${b}'`),
            { code: 'EPERM' },
          );
        realWriteOps.renameSync(a, b);
      },
    });
    let r;
    try {
      r = run(dir, [seed('fr-FR'), seed('it-IT')]);
    } finally {
      restore();
    }
    assert.equal(r.imported, []);
    assert.equal(
      r.problems.map((p) => [p.code, p.line, p.col]),
      [['IMPORT_NOT_WRITTEN', 1, 1]],
    );
    assert.match(
      r.problems[0]!.message,
      'Nothing was changed: every file is as it was. Make the locale folders and their files writable',
    );
    assert.not.match(r.problems[0]!.message, dir);
    assert.equal(snapshot(dir), before);
    assert.equal(
      readdirSync(join(dir, 'locales', 'fr-FR')).filter((f) => f.endsWith('.tmp')),
      [],
    );
    cleanup(dir);
  },
);

all('a lock that is damaged stops the import before anything is written', () => {
  const dir = copySite();
  rmSync(target(dir, 'fr-FR'));
  const { site } = loadSite(dir, coreConfig(resolveOptions()));
  // Damaged after the site was loaded (by another process, say): the import reads it again and
  // refuses it.
  const lock = join(dir, 'locales/fr-FR/translations.lock');
  const text = read(lock);
  writeFileSync(lock, text.slice(0, 900));
  const r = importFiles(dir, site!, [seed('fr-FR')], {});
  assert.equal(
    r.problems.map((p) => p.code),
    ['LOCK_DAMAGED'],
  );
  assert.is(existsSync(target(dir, 'fr-FR')), false);
  assert.is(read(lock), text.slice(0, 900));
  cleanup(dir);
});
all.run();

const folders = suite('importFiles finds the locale folder by its canonical tag');
folders(
  'with `locales/fr-fr/` on disk, an fr-FR copy is written into it; no second `fr-FR/` appears',
  async () => {
    const dir = copySite();
    renameSync(join(dir, 'locales', 'fr-FR'), join(dir, 'locales', 'fr-fr'));
    rmSync(target(dir, 'fr-fr'));
    const r = run(dir, [seed('fr-FR')]);
    assert.equal(r.problems, []);
    assert.equal(
      readdirSync(join(dir, 'locales')).filter((n) => n.toLowerCase() === 'fr-fr'),
      ['fr-fr'],
    );
    assert.ok(existsSync(target(dir, 'fr-fr')));
    const b = await buildSite(dir);
    assert.is(b.error, undefined);
    cleanup(dir);
  },
);
folders.run();
