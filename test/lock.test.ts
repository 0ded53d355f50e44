import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLock, freshness, hash, readLock, writeLock } from '../plugin/core/lock.js';

const fresh = suite('freshness');
fresh('a new translation is current and recorded against the current source', () => {
  assert.equal(freshness(undefined, 'Hello', 'Bonjour'), { state: 'current', entry: { source: hash('Hello'), translation: hash('Bonjour') } });
});
fresh('the source changed and the translation did not: stale, entry kept', () => {
  const entry = { source: hash('Hello'), translation: hash('Bonjour') };
  const r = freshness(entry, 'Hello there', 'Bonjour');
  assert.is(r.state, 'stale');
  assert.equal(r.entry, entry);
});
fresh('both changed: re-translated, entry refreshed', () => {
  const r = freshness({ source: hash('Hello'), translation: hash('Bonjour') }, 'Hello there', 'Bonjour à tous');
  assert.equal(r, { state: 'current', entry: { source: hash('Hello there'), translation: hash('Bonjour à tous') } });
});
fresh('an import from an older version is stale until edited; from the current version it is current', () => {
  const imported = { translation: hash('Bonjour'), imported: '2020-09-30 c49698e0 MT' };
  const old = freshness(imported, 'Hello', 'Bonjour', '2021-04-09');
  assert.is(old.state, 'stale');
  assert.match(old.reason!, '2020-09-30');
  assert.is(freshness({ ...imported, imported: '2021-04-09 71d90f0a MT' }, 'Hello', 'Bonjour', '2021-04-09').state, 'current');
  assert.is(freshness(imported, 'Hello', 'Salut', '2021-04-09').state, 'current');
});
fresh.run();

const file = suite('lock files');
file('one sorted line per key, written only when it changes', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'lock-')), 'translations.lock');
  const lock = { b: { 'z.key': { source: 'aaa', translation: 'bbb' }, 'a.key': { translation: 'ccc', imported: '2020-01-01 x MT' } } };
  assert.ok(writeLock(path, lock));
  const text = readFileSync(path, 'utf8');
  assert.match(text, /^# Kept by Lockstep/);
  assert.match(text, /b:\n  a\.key: \{ translation: ccc, imported: 2020-01-01 x MT \}\n  z\.key: \{ source: aaa, translation: bbb \}\n/);
  assert.is(writeLock(path, readLock(path)), false);
  assert.equal(readLock(path), lock);
  assert.is(formatLock({}).includes('Kept by Lockstep'), true);
});
file.run();
