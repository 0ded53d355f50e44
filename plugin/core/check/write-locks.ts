import { relative, resolve, sep } from 'node:path';
import { saveHistory } from '../load/history.js';
import { writeLock, type Lock } from '../load/lock.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import { WATCHED, type Site } from '../load/site.js';
import type { Quality } from './quality.js';
import { UnseenChange, type LoadMemo } from '../load/load-memo.js';

/**
 * Update the lock of each locale whose translations changed (the `writeLock` option), then the
 * source history they refer to; a file that cannot be written stops the build (`LOCK_NOT_WRITTEN`,
 * `SOURCES_NOT_WRITTEN`), before any page; then let go of every lock the build read.
 */
export const writeLocks = step<BuildState>()({
  name: 'writeLocks',
  reads: ['root', 'config', 'site', 'quality', 'loads'],
  adds: [],
  run: ({ root, config, site, quality, loads }) => {
    // A watch build that took files as unchanged without looking (`LoadMemo.assume`) looks now at
    // those the locks record (the source's strings, the datasets' dates) before writing any.
    const sourceDir = resolve(root, config.localesDir, site.source.folder) + sep;
    const seen = (path: string, kind: string) =>
      kind === WATCHED.dataset || path.startsWith(sourceDir);
    if (config.writeLock && loads && !loads.confirmSome(seen)) throw new UnseenChange();
    if (config.writeLock) saveLocks(root, config.localesDir, site, quality, loads || undefined);
    forgetInputs(site, quality);
    return {};
  },
});

/**
 * Nothing after this step reads a lock or a position in a file: the locks' texts and entries and
 * the files' offsets (115 and 165 MB at 10,000 pages) are not kept to the end of the build. (In
 * watch mode the load memo keeps the locks for the next build.)
 */
function forgetInputs(site: Site, quality: Quality): void {
  for (const l of site.locales) {
    delete l.lock;
    // A namespace never read (known sound from the cache) has no positions to forget.
    for (const ns of l.namespaces.values()) if (ns.parsed !== false) ns.src.release?.();
  }
  for (const a of site.articles) if (a.parsed !== false) a.src.release?.();
  quality.locks = [];
  delete site.history;
}

function saveLocks(
  root: string,
  localesDir: string,
  site: Site,
  quality: Quality,
  memo?: LoadMemo,
): void {
  for (const l of quality.locks)
    if (l.changed) writeLock(l.file, l.lock, relative(root, l.file) || l.file);
  // Every build: locks changed by an import or a merge get their texts too; unless no lock
  // changed and the history was found in step with them (`historyCurrent`): no lock is read. A
  // shard keeps the texts of the other locales' locks as they are, which their own shards may
  // still need.
  // It stays in step too when each changed lock refers to the source texts it did as loaded (an
  // edited translation keeps its source): the other locks are not read then.
  const loaded = new Map(site.locales.map((l) => [l.tag, l]));
  const inStep =
    site.historyCurrent &&
    quality.locks.every(
      (l) => !l.changed || sameSources(loaded.get(l.locale)?.lock?.entries ?? {}, l.lock),
    );
  if (!inStep) {
    const mine = new Set(quality.locks.map((l) => l.locale));
    const others = site.locales
      .filter((l) => l !== site.source && !mine.has(l.tag))
      .map((l) => l.lock?.entries ?? {});
    saveHistory(
      resolve(root, localesDir),
      site,
      [...quality.locks.map((l) => l.lock), ...others],
      undefined,
      memo,
    );
  }
}

/** Whether two locks record the same source digests (what the history holds the texts of). */
function sameSources(a: Lock, b: Lock): boolean {
  const digests = (lock: Lock) => {
    const out = new Set<string>();
    for (const ns of Object.values(lock))
      for (const e of Object.values(ns)) if (e.source) out.add(e.source);
    return out;
  };
  const x = digests(a);
  const y = digests(b);
  return x.size === y.size && [...x].every((d) => y.has(d));
}
