import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildCache, digest } from '../plugin/core/cache.js';
import { checkLock, formatLock, hash, loadLock, parseLock } from '../plugin/core/load/lock.js';
import { LockstepError } from '../plugin/core/problems.js';
import { buildSite, cleanup, copySite, fixtures, read } from './helpers.js';

const FILE = 'locales/fr-FR/translations.lock';
const SOUND = formatLock({ guide: { title: { source: hash('Hi'), translation: hash('Salut') } } });
/** The lock text of each bad fixture whose case is a damaged lock. */
const BAD = readdirSync(join(fixtures, 'bad'))
  .filter((c) => c.startsWith('lock-'))
  .map((c) => ({
    name: c,
    text: read(join(fixtures, 'bad', c, 'locales/fr-FR', 'translations.lock')),
  }));

/** Calls of `JSON.parse` on `text` while `run` runs. */
function parsesOf(text: string, run: () => void): number {
  const parse = JSON.parse;
  let n = 0;
  JSON.parse = ((s: string, r?: Parameters<typeof parse>[1]) => {
    if (s === text) n++;
    return parse(s, r);
  }) as typeof JSON.parse;
  try {
    run();
  } finally {
    JSON.parse = parse;
  }
  return n;
}

/** A fresh cache over `file`, as the next build opens it. */
const reopen = (file: string) => new BuildCache(file);

const load = suite('loadLock');
load('a lock found sound is not parsed again for the same text; its entries when read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-lock-cache-'));
  const file = join(dir, 'load.json');
  try {
    const first = reopen(file);
    assert.is(
      parsesOf(SOUND, () => assert.ok(loadLock(SOUND, FILE, first, 'fr-FR').lock)),
      1,
    );
    assert.is(first.save(), undefined);
    const next = reopen(file);
    let lock: ReturnType<typeof loadLock>['lock'];
    assert.is(
      parsesOf(SOUND, () => (lock = loadLock(SOUND, FILE, next, 'fr-FR').lock)),
      0,
    );
    assert.is(lock!.digest, digest(SOUND));
    assert.equal(lock!.entries, parseLock(SOUND, FILE));
    // Without a cache, every load checks.
    assert.is(
      parsesOf(SOUND, () => loadLock(SOUND, FILE)),
      1,
    );
  } finally {
    cleanup(dir);
  }
});
load('a damaged lock is reported by every load, with a cache as without one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-lock-cache-'));
  const file = join(dir, 'load.json');
  try {
    assert.ok(BAD.length >= 4);
    for (const { name, text } of BAD) {
      const expected = checkLock(text, FILE).problems;
      assert.ok(expected.length, name);
      for (let i = 0; i < 2; i++) {
        const cache = reopen(file);
        const r = loadLock(text, FILE, cache, 'fr-FR');
        assert.is(r.lock, undefined, name);
        assert.equal(r.problems, expected, name);
        cache.save();
      }
    }
  } finally {
    cleanup(dir);
  }
});
load('a lock whose text changed after it was found sound is checked again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-lock-cache-'));
  const file = join(dir, 'load.json');
  try {
    const first = reopen(file);
    loadLock(SOUND, FILE, first, 'fr-FR');
    first.save();
    const cut = SOUND.slice(0, SOUND.length / 2);
    const r = loadLock(cut, FILE, reopen(file), 'fr-FR');
    assert.is(r.lock, undefined);
    assert.equal(r.problems, checkLock(cut, FILE).problems);
  } finally {
    cleanup(dir);
  }
});
load('a cache that calls a damaged lock sound: reading its entries throws, never `{}`', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-lock-cache-'));
  const file = join(dir, 'load.json');
  try {
    const cut = SOUND.slice(0, 40);
    const forged = reopen(file);
    const inputs = { lock: { file: FILE, digest: digest(cut) } };
    forged.through(
      'lock fr-FR',
      inputs,
      (v): v is true => v === true,
      () => true,
    );
    forged.save();
    const { lock } = loadLock(cut, FILE, reopen(file), 'fr-FR');
    assert.throws(
      () => lock!.entries,
      (e: unknown) => e instanceof LockstepError && e.problems[0]!.code === 'LOCK_DAMAGED',
    );
  } finally {
    cleanup(dir);
  }
});
load.run();

const builds = suite('locks and the source history in warm builds');
builds('a warm build over unchanged files rewrites no lock and no history', async () => {
  const dir = copySite();
  try {
    assert.is((await buildSite(dir)).error, undefined);
    const files = ['en/sources.lock', 'fr-FR/translations.lock', 'zh-TW/translations.lock'];
    const before = files.map((f) => {
      const path = join(dir, 'locales', f);
      return { text: read(path), mtime: statSync(path).mtimeMs };
    });
    assert.is((await buildSite(dir)).error, undefined);
    files.forEach((f, i) => {
      const path = join(dir, 'locales', f);
      assert.is(read(path), before[i]!.text, f);
      assert.is(statSync(path).mtimeMs, before[i]!.mtime, f);
    });
  } finally {
    cleanup(dir);
  }
});
builds(
  'a history that lost an entry between two builds is brought in step by the warm one',
  async () => {
    const dir = copySite();
    const history = join(dir, 'locales/en/sources.lock');
    try {
      assert.is((await buildSite(dir)).error, undefined);
      const whole = JSON.parse(read(history)) as Record<string, string>;
      const [gone] = Object.keys(whole).filter((k) => k !== '//');
      const { [gone!]: _, ...rest } = whole;
      writeFileSync(history, JSON.stringify(rest, null, 2));
      assert.is((await buildSite(dir)).error, undefined);
      assert.is(JSON.parse(readFileSync(history, 'utf8'))[gone!], whole[gone!]);
    } finally {
      cleanup(dir);
    }
  },
);
builds('a lock damaged after a warm build fails the next build, cache or not', async () => {
  const dir = copySite();
  const lock = join(dir, 'locales/fr-FR/translations.lock');
  try {
    assert.is((await buildSite(dir)).error, undefined);
    assert.is((await buildSite(dir)).error, undefined);
    writeFileSync(lock, read(lock).slice(0, 200));
    const r = await buildSite(dir);
    assert.equal(
      r.error?.problems?.map((p) => p.code),
      ['LOCK_DAMAGED'],
    );
    rmSync(join(dir, '.cache'), { recursive: true, force: true });
    assert.equal(
      (await buildSite(dir)).error?.problems?.map((p) => p.code),
      ['LOCK_DAMAGED'],
    );
  } finally {
    cleanup(dir);
  }
});
builds.run();
