import { resolve } from 'node:path';
import { BuildCache, cacheProblem } from '../cache.js';
import { step } from '../pipeline.js';
import { LockstepError } from '../problems.js';
import type { WrittenState } from '../state.js';
import { audit } from './audit.js';

/**
 * Compare the `data-lockstep` tables of the article pages the host just wrote (pages left by
 * earlier builds are not read), each page's shape from the cache when its HTML is unchanged.
 */
export const auditPages = step<WrittenState>()({
  name: 'audit',
  reads: ['root', 'config', 'written'],
  adds: ['audit', 'warnings'],
  run: ({ root, config, written }) => {
    const cache =
      config.cache === false
        ? undefined
        : new BuildCache(resolve(root, config.cache, 'audit.json'));
    const result = audit(written.dir, {
      files: written.files,
      cwd: root,
      html: written.html,
      digests: written.digests,
      shapes: written.shapes,
      cache,
    });
    const unsaved = cache?.save();
    return { audit: result, warnings: unsaved ? [cacheProblem(root, cache!.file!, unsaved)] : [] };
  },
});

/** A difference between languages fails the build; the pages are already written. */
export const failOnDifferences = step<WrittenState>()({
  name: 'auditGate',
  reads: ['audit'],
  adds: [],
  run: ({ audit: { problems } }) => {
    const n = problems.length;
    if (n)
      throw new LockstepError(
        problems,
        `Lockstep: the pages were written, but their \`data-lockstep\` tables differ between languages in ${n} place${n === 1 ? '' : 's'} (listed above).`,
      );
    return {};
  },
});
