import { resolve } from 'node:path';
import { BuildCache, cacheProblem } from '../cache.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import { assess } from './quality.js';

/**
 * Compare every locale with the source (missing, stale, failed checks), from the cache where
 * nothing changed.
 */
export const assessTranslations = step<BuildState>()({
  name: 'assess',
  reads: ['root', 'config', 'site', 'warnings'],
  adds: ['quality', 'warnings'],
  run: ({ root, config, site, warnings }) => {
    // Without a cache, no digests either: `assess` skips its keys entirely.
    const cache =
      config.cache === false
        ? undefined
        : new BuildCache(resolve(root, config.cache, 'quality.json'));
    const quality = assess(site, resolve(root, config.localesDir), undefined, cache);
    const unsaved = cache?.save();
    return {
      quality,
      warnings: unsaved ? [...warnings, cacheProblem(root, cache!.file!, unsaved)] : warnings,
    };
  },
});
