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
  reads: ['root', 'config'],
  adds: ['site', 'warnings'],
  run: ({ root, config }) => {
    const { site, problems } = loadSite(root, config);
    if (!site || errorsOf(problems).length) throw new LockstepError(errorsOf(problems));
    const warnings = problems.filter((p) => p.severity === 'warning');
    return { site, warnings: [...warnings, ...site.articles.flatMap(deprecations)] };
  },
});
