import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../plugin/core/build.js';
import { assessTranslations } from '../plugin/core/check/assess-step.js';
import { writeLocks } from '../plugin/core/check/write-locks.js';
import { load } from '../plugin/core/load/load-step.js';
import { shard } from '../plugin/core/render/shard.js';
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

WriteLocks(
  'an edited translation keeps its source: the other locks are not read for the history',
  () => {
    const dir = copySite();
    try {
      // A string translated from a known source (its lock entry names the source's digest).
      const fr = join(dir, 'locales', 'fr-FR', 'common.yaml');
      const history = join(dir, 'locales', 'en', 'sources.lock');
      const config = coreConfig(
        resolveOptions({
          localesDir: join(dir, 'locales'),
          articlesDir: join(dir, 'src'),
          cache: join(dir, '.cache', 'lockstep'),
        }),
      );
      // Warm: every lock and the history in step, known from the cache.
      build(dir, config);
      build(dir, config);
      const text = readFileSync(history, 'utf8');
      writeFileSync(
        fr,
        readFileSync(fr, 'utf8').replace(/^languages: .*$/m, 'languages: Les langues'),
      );
      const start = { root: dir, config, reuse: false, loads: false, finished: false } as const;
      const loaded = { ...start, ...load.run(start) };
      const sharded = { ...loaded, ...shard.run(loaded) };
      const assessed = { ...sharded, ...assessTranslations.run(sharded) };
      assert.equal(
        assessed.quality!.locks.filter((l) => l.changed).map((l) => l.locale),
        ['fr-FR'],
      );
      const read: string[] = [];
      for (const l of loaded.site!.locales) {
        const lock = l.lock;
        if (!lock || l.tag === 'fr-FR') continue;
        l.lock = {
          text: lock.text,
          exists: lock.exists,
          current: lock.current,
          digest: lock.digest,
          get entries() {
            read.push(l.tag);
            return lock.entries;
          },
        };
      }
      writeLocks.run(assessed);
      assert.equal(read, []);
      assert.is(readFileSync(history, 'utf8'), text);
      // A fresh build agrees: the history needs no change.
      build(dir, { ...config, cache: false });
      assert.is(readFileSync(history, 'utf8'), text);
    } finally {
      cleanup(dir);
    }
  },
);

WriteLocks('a changed lock that names another source text: the history gets that text', () => {
  const dir = copySite();
  try {
    // The source's title changed, and the French one re-translated from it.
    const fr = join(dir, 'locales', 'fr-FR', 'teams-contact-center.yaml');
    const history = join(dir, 'locales', 'en', 'sources.lock');
    const config = (cache: boolean) =>
      coreConfig(
        resolveOptions({
          localesDir: join(dir, 'locales'),
          articlesDir: join(dir, 'src'),
          cache: cache && join(dir, '.cache', 'lockstep'),
        }),
      );
    build(dir, config(true));
    build(dir, config(true));
    const text = readFileSync(history, 'utf8');
    const en = join(dir, 'locales', 'en', 'teams-contact-center.yaml');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^title: .*$/m, 'title: Contact centres'));
    writeFileSync(
      fr,
      readFileSync(fr, 'utf8').replace(/^title: .*$/m, 'title: Centres de contact'),
    );
    build(dir, config(true));
    const after = readFileSync(history, 'utf8');
    assert.is.not(after, text);
    assert.match(after, '"Contact centres"');
    // What a build without the cache keeps.
    build(dir, config(false));
    assert.is(readFileSync(history, 'utf8'), after);
  } finally {
    cleanup(dir);
  }
});

WriteLocks.run();
