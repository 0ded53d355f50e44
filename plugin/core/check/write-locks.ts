import { relative } from 'node:path';
import { writeLock } from '../load/lock.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';

/**
 * Update the lock of each locale whose translations changed (the `writeLock` option); one that
 * cannot be written stops the build with `LOCK_NOT_WRITTEN`, before any page.
 */
export const writeLocks = step<BuildState>()({
  name: 'writeLocks',
  reads: ['root', 'config', 'quality'],
  adds: [],
  enabled: ({ config }) => config.writeLock,
  run: ({ root, quality }) => {
    for (const l of quality.locks)
      if (l.changed) writeLock(l.file, l.lock, relative(root, l.file) || l.file);
    return {};
  },
});
