import { resolve } from 'node:path';
import { BuildCache, cacheProblem } from '../cache.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import { sharedKeys } from '../render/shard.js';
import { assess } from './quality.js';

/**
 * Compare every locale with the source (missing, stale, failed checks), from the cache where
 * nothing changed; in a shard, only the shard's locales (and the strings of the others that the
 * pages of every shard show).
 */
export const assessTranslations = step<BuildState>()({
  name: 'assess',
  reads: ['root', 'config', 'site', 'shard', 'warnings', 'loads'],
  adds: ['quality', 'warnings'],
  run: ({ root, config, site, shard, warnings, loads }) => {
    // Without a cache, no digests either: `assess` skips its keys entirely.
    const file = config.cache === false ? undefined : resolve(root, config.cache, 'quality.json');
    const cache =
      file === undefined ? undefined : ((loads || undefined)?.cache(file) ?? new BuildCache(file));
    const scope = shard.partial
      ? { locales: new Set(shard.locales.map((l) => l.tag)), shared: sharedKeys(site) }
      : undefined;
    const quality = assess(
      site,
      resolve(root, config.localesDir),
      undefined,
      cache,
      scope,
      loads || undefined,
    );
    const unsaved = cache?.save();
    return {
      quality,
      warnings: unsaved ? [...warnings, cacheProblem(root, cache!.file!, unsaved)] : warnings,
    };
  },
});
