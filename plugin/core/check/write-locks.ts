import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { historyPath, saveHistory } from '../load/history.js';
import { writeLock } from '../load/lock.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';

/**
 * Update the lock of each locale whose translations changed (the `writeLock` option), then the
 * source history they refer to; a file that cannot be written stops the build (`LOCK_NOT_WRITTEN`,
 * `SOURCES_NOT_WRITTEN`), before any page.
 */
export const writeLocks = step<BuildState>()({
  name: 'writeLocks',
  reads: ['root', 'config', 'site', 'quality'],
  adds: [],
  enabled: ({ config }) => config.writeLock,
  run: ({ root, site, quality }) => {
    let changed = false;
    for (const l of quality.locks)
      if (l.changed)
        changed = writeLock(l.file, l.lock, relative(root, l.file) || l.file) || changed;
    // An unchanged lock needs its history written once (a repository from before the history).
    if (changed || !existsSync(historyPath(root, site.config.localesDir, site.source).file))
      saveHistory(
        root,
        site,
        quality.locks.map((l) => l.lock),
      );
    return {};
  },
});
