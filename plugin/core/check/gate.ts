import { LockstepError } from '../problems.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';

/**
 * Findings that are errors (the source's own nesting and control characters) fail every build; in
 * strict mode every finding does. Adds nothing: it stops the build before a lock or a page is
 * written.
 */
export const failOnFindings = step<BuildState>()({
  name: 'gate',
  reads: ['config', 'quality'],
  adds: [],
  run: ({ config, quality }) => {
    const broken = quality.findings.filter((f) => f.severity === 'error');
    if (broken.length)
      throw new LockstepError(
        broken.map((f) => ({ ...f, message: `${f.locale} \`${f.key}\`: ${f.message}` })),
      );
    if (config.strict && quality.findings.length)
      throw new LockstepError(
        quality.findings.map((f) => ({
          ...f,
          severity: 'error',
          message: `${f.locale} \`${f.key}\`: ${f.message}`,
        })),
      );
    return {};
  },
});
