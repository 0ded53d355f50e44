import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import type { Output } from './output.js';
import { statusView, type StatusView } from './status.js';

/**
 * `/translation-status/`: how complete and current each language is, for the people who translate.
 */
export const status: Output = {
  name: 'status',
  step: step<BuildState>()({
    name: 'status',
    reads: ['config', 'site', 'quality', 'sourceUi'],
    adds: ['status'],
    enabled: ({ config }) => config.outputs.has('status'),
    run: ({ site, quality, sourceUi }) => {
      const view = statusView(site, quality);
      view.head.ui = sourceUi;
      return { status: view };
    },
  }),
  publish: [
    {
      template: 'lockstep-status.njk',
      data: 'status',
      url: '/translation-status/',
      head: (d: { lockstep: { status: StatusView } }) => d.lockstep.status.head,
    },
  ],
};
