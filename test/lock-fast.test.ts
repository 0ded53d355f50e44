import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatLock, formatLockDocument, formatLockFast, hash, parseLockFast, sameLock, type Lock } from '../plugin/core/load/lock.js';
import { repo } from './helpers.js';

const repoLocks = () => readdirSync(join(repo, 'locales')).map((l) => join(repo, 'locales', l, 'translations.lock')).filter((f) => { try { return !!readFileSync(f); } catch { return false; } });

const fast = suite('lock files without yaml');

fast('the repository locks read the same as with yaml, and print back byte for byte', () => {
  const files = repoLocks();
  assert.ok(files.length >= 5);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const lock = parseLockFast(text);
    assert.ok(lock, `${f} fell back to yaml`);
    assert.equal(lock, parse(text), f);
    assert.is(formatLockFast(lock!), text, f);
  }
});

fast('random locks print exactly as yaml prints them, and read back the same', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const tricky = ['null', '1.5', 'a: b', 'a,b', '#x', '-x', 'ü', 'true', '0x1f', '', ' lead', 'a  b'];
  const maybe = (xs: string[]) => (rand() < 0.03 ? pick(tricky) : pick(xs));
  const keys = ['title', 'values.yes', 'values.no', 'sections.a-b.p1', 'x_y', 'a b', 'on', '12'];
  const imported = ['2021-01-20 fdef9b52 MT', '2021-01-20'];
  let printed = 0;
  for (let n = 0; n < 150; n++) {
    const lock: Lock = {};
    for (let i = 0, m = Math.floor(rand() * 3); i < m; i++) {
      const ns = (lock[pick(['common', 'guide', 'a-1', 'yes', '12'])] ??= {});
      for (let j = 0, c = Math.floor(rand() * 4); j < c; j++) {
        const h = () => (rand() < 0.2 ? String(Math.floor(rand() * 1e10)).padStart(10, '1') : rand() < 0.1 ? '12e4567890' : hash(String(rand())));
        ns[maybe(keys)] = rand() < 0.3 ? { translation: h(), imported: maybe(imported) } : { source: h(), translation: h() };
      }
    }
    const text = formatLockDocument(lock);
    assert.is(formatLock(lock), text, JSON.stringify(lock));
    if (formatLockFast(lock)) printed++;
    const back = parseLockFast(text);
    if (back) assert.equal(back, parse(text), text);
  }
  assert.ok(printed > 30, `only ${printed} random locks took the fast path`);
});

fast('anything else falls back to yaml', () => {
  for (const text of ['common:\n  a: { source: 1, translation: 2 }\n', 'common:\n  a: {source: x, translation: y}\n', 'common: {}\n', '{}\n', 'common:\n  "a": { translation: x }\n', 'c:\n  a: { translation: x }\n  a: { translation: y }\n'])
    assert.is(parseLockFast(text), undefined, text);
});

fast('sameLock: the same entries in any order, and nothing else', () => {
  const a: Lock = { common: { x: { source: 'a', translation: 'b' } }, empty: {} };
  assert.ok(sameLock(a, { common: { x: { translation: 'b', source: 'a' } } }));
  assert.not.ok(sameLock(a, { common: { x: { source: 'a', translation: 'c' } } }));
  assert.not.ok(sameLock(a, { common: { x: { source: 'a', translation: 'b' }, y: { translation: 'b' } } }));
  assert.not.ok(sameLock(a, { common: { x: { translation: 'b', imported: 'a' } } }));
  assert.not.ok(sameLock(a, {}));
});

fast.run();
