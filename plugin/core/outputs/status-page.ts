import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import type { Output } from './output.js';
import { statusView, type StatusPage } from './status.js';

/**
 * `/translation-status/`: how complete and current each language is, for the people who translate;
 * a summary, then a few pages per language (see `statusView`).
 */
export const status: Output = {
  name: 'status',
  step: step<BuildState>()({
    name: 'status',
    reads: ['config', 'site', 'quality', 'sourceUi'],
    adds: ['status'],
    enabled: ({ config }) => config.outputs.has('status'),
    run: ({ site, quality, sourceUi }) => {
      const pages = statusView(site, quality);
      for (const p of pages) p.head.ui = sourceUi;
      return { status: pages };
    },
  }),
  publish: [
    {
      template: 'lockstep-status.njk',
      data: 'status',
      each: 'lockstepStatus',
      head: (d: { lockstepStatus: StatusPage }) => d.lockstepStatus.head,
    },
  ],
};
