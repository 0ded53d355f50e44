import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildCache } from '../plugin/core/cache.js';
import { loadSite } from '../plugin/core/load/site.js';
import { stampOptions } from '../plugin/core/load/stamps.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup, copySite } from './helpers.js';

const FR_LOCK = 'locales/fr-FR/translations.lock';

/**
 * A one-off build's `loadSite` with the build cache in `dir/.cache`: its problems, the site, and
 * the lock files it opened while loading (`locales/<tag>/translations.lock`).
 */
function load(dir: string) {
  const options = resolveOptions({
    localesDir: join(dir, 'locales'),
    articlesDir: join(dir, 'src'),
  });
  const cache = new BuildCache(join(dir, '.cache', 'load.json'));
  const opened: string[] = [];
  const open = fs.openSync;
  (fs as { openSync: typeof open }).openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const p = String(path);
    const at = p.search(/\/locales\//);
    if (at >= 0 && p.endsWith('/translations.lock')) opened.push(p.slice(at + 1));
    return (open as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof open;
  syncBuiltinESMExports();
  try {
    const { site, problems } = loadSite(dir, coreConfig(options), cache);
    cache.save();
    return { site, problems: problems.map((p) => `${p.file} [${p.code}]`), opened };
  } finally {
    (fs as { openSync: typeof open }).openSync = open;
    syncBuiltinESMExports();
  }
}

const frLock = (site: ReturnType<typeof load>['site']) =>
  site!.locales.find((l) => l.tag === 'fr-FR')!.lock!;

/** The first entry of the French lock whose `source` hash is set: its namespace and key. */
function firstEntry(dir: string): { ns: string; key: string; source: string } {
  const lock = JSON.parse(fs.readFileSync(join(dir, FR_LOCK), 'utf8'));
  for (const ns of Object.keys(lock))
    for (const key of Object.keys(lock[ns] ?? {}))
      if (typeof lock[ns][key]?.source === 'string')
        return { ns, key, source: lock[ns][key].source };
  throw new Error('no entry with a source hash');
}

const stamps = suite('Stamps: a one-off build opens only the lock files that changed');
stamps.before.each(() => {
  stampOptions.racyMs = 0;
});
stamps.after.each(() => {
  stampOptions.racyMs = 2000;
});

stamps('with nothing changed, no lock file is opened, and its entries read the same', () => {
  const dir = copySite();
  try {
    const cold = load(dir);
    assert.ok(cold.opened.includes(FR_LOCK), 'the cold build reads the locks');
    const entries = JSON.stringify(frLock(cold.site).entries);
    const warm = load(dir);
    assert.equal(warm.opened, []);
    assert.equal(warm.problems, cold.problems);
    const lock = frLock(warm.site);
    assert.ok(lock.exists && lock.current);
    assert.is(lock.digest, frLock(cold.site).digest);
    // Read when something needs it after all.
    assert.is(JSON.stringify(lock.entries), entries);
  } finally {
    cleanup(dir);
  }
});

stamps('a lock edited without its size or mtime changing is read again', () => {
  const dir = copySite();
  try {
    const path = join(dir, FR_LOCK);
    // Whole seconds, so that the time stamp put back is exactly the one recorded.
    const then = Math.floor(Date.now() / 1000) - 600;
    fs.utimesSync(path, then, then);
    // Recorded by a build that starts after that change (its change time is now).
    load(dir);
    load(dir);
    assert.equal(load(dir).opened, [], 'known by its stamps');
    const { ns, key, source } = firstEntry(dir);
    const st = fs.statSync(path);
    const edited = source.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const text = fs.readFileSync(path, 'utf8');
    fs.writeFileSync(path, text.replace(`"source":"${source}"`, `"source":"${edited}"`));
    fs.utimesSync(path, then, then);
    assert.is(fs.statSync(path).size, st.size);
    assert.is(fs.statSync(path).mtimeMs, st.mtimeMs);
    const warm = load(dir);
    // Read again (the other locks too, as their entries are needed for the source history).
    assert.ok(warm.opened.includes(FR_LOCK));
    assert.is(frLock(warm.site).entries[ns]![key]!.source, edited);
  } finally {
    cleanup(dir);
  }
});

stamps('a lock changed just before the build is not known by its stamps (racy)', () => {
  stampOptions.racyMs = 60_000;
  const dir = copySite();
  try {
    load(dir);
    assert.ok(load(dir).opened.includes(FR_LOCK));
  } finally {
    cleanup(dir);
  }
});

stamps.run();
