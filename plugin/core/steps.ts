import { auditPages, failOnDifferences } from './audit/audit-step.js';
import { assessTranslations } from './check/assess-step.js';
import { failOnFindings } from './check/gate.js';
import { writeLocks } from './check/write-locks.js';
import { load } from './load/load-step.js';
import { markdown } from './outputs/markdown-pages.js';
import { notFound } from './outputs/not-found.js';
import type { Output } from './outputs/output.js';
import { pages } from './outputs/pages.js';
import { picker } from './outputs/picker.js';
import { sitemap } from './outputs/sitemap-files.js';
import { status } from './outputs/status-page.js';
import { Ruler } from './pipeline.js';
import { languages } from './render/languages.js';
import { shard } from './render/shard.js';
import { translate } from './render/translate.js';
import type { BuildState, WrittenState } from './state.js';

/**
 * Every output, in the order the build makes them. Adding one: a file in `outputs/` and a line
 * here.
 */
export const OUTPUTS: readonly Output[] = [pages, picker, status, notFound, sitemap, markdown];

/** The build, step by step: load → check → render → outputs, before the host writes anything. */
export function buildSteps(): Ruler<BuildState> {
  return new Ruler<BuildState>().push(
    load,
    shard,
    assessTranslations,
    failOnFindings,
    writeLocks,
    translate,
    languages,
    ...OUTPUTS.map((o) => o.step),
  );
}

/** After the host wrote the pages: audit them, and fail the build on a difference. */
export function afterWriteSteps(): Ruler<WrittenState> {
  return new Ruler<WrittenState>().push(auditPages, failOnDifferences);
}
