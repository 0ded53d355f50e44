import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../plugin/core/build.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup, copySite } from './helpers.js';

const WriteLocks = suite('writeLocks');
WriteLocks('writes the changed locks, then lets go of every lock the build read', () => {
  const dir = copySite();
  try {
    const fr = join(dir, 'locales', 'fr-FR', 'teams-contact-center.yaml');
    const lockFile = join(dir, 'locales', 'fr-FR', 'translations.lock');
    const before = readFileSync(lockFile, 'utf8');
    // A re-translated string: its lock entry changes.
    const text = readFileSync(fr, 'utf8');
    writeFileSync(fr, text.replace(/^title: (.*)$/m, 'title: $1 (modifié)'));
    const config = (writeLock: boolean) =>
      coreConfig(
        resolveOptions({
          localesDir: join(dir, 'locales'),
          articlesDir: join(dir, 'src'),
          cache: false,
          writeLock,
        }),
      );
    for (const writeLock of [false, true]) {
      const b = build(dir, config(writeLock));
      // Nothing after the step reads them: 115 MB at 10,000 pages.
      assert.equal(
        b.site.locales.map((l) => l.lock),
        b.site.locales.map(() => undefined),
        `writeLock: ${writeLock}`,
      );
      assert.equal(b.quality.locks, []);
      assert.is(b.site.history, undefined);
      // Written only with `writeLock`, from what the build read.
      const after = readFileSync(lockFile, 'utf8');
      assert.is(after === before, !writeLock, `lock rewritten with writeLock: ${writeLock}`);
    }
  } finally {
    cleanup(dir);
  }
});

WriteLocks.run();
