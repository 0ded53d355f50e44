import { resolve } from 'node:path';
import { BuildCache, cacheProblem } from '../cache.js';
import { errorsOf, LockstepError } from '../problems.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import { deprecations } from './collections-check.js';
import { loadSite } from './site.js';

/**
 * Read and validate every dataset and locale; any error stops the build here, before anything is
 * written.
 */
export const load = step<BuildState>()({
  name: 'load',
  reads: ['root', 'config', 'loads'],
  adds: ['site', 'warnings'],
  run: ({ root, config, loads }) => {
    // What is worth checking once per content (a lock found sound): see `loadLock`.
    const memo = loads || undefined;
    const file = config.cache === false ? undefined : resolve(root, config.cache, 'load.json');
    const cache = file === undefined ? undefined : (memo?.cache(file) ?? new BuildCache(file));
    memo?.begin(config.cache === false ? undefined : resolve(root, config.cache));
    const { site, problems } = loadSite(root, config, cache, memo);
    // A dataset known sound from the cache (not parsed) was kept only without a deprecation. Watch
    // mode keeps an unchanged dataset as the same object: its warning is not worked out again
    // (finding the former shape's positions parses the file's tree).
    const errors = errorsOf(problems);
    const sound = site && !errors.length ? site.articles : [];
    const deprecated = sound.flatMap((a) =>
      a.parsed === false
        ? []
        : memo
          ? memo.same(`deprecations ${a.file}`, [a], () => deprecations(a))
          : deprecations(a),
    );
    memo?.end();
    if (!site || errors.length) throw new LockstepError(errors);
    const unsaved = cache?.save();
    const warnings = problems.filter((p) => p.severity === 'warning');
    if (unsaved) warnings.push(cacheProblem(root, cache!.file!, unsaved));
    return { site, warnings: [...warnings, ...deprecated] };
  },
});
