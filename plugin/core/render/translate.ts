import { heldKeys, staleKeys } from '../check/quality.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import { createTranslator } from './i18n.js';

/**
 * One isolated translator for this build; strings that failed a check protecting the page are not
 * published: the source text stands in.
 */
export const translate = step<BuildState>()({
  name: 'translate',
  reads: ['site', 'quality'],
  adds: ['held', 'isStale', 'translator'],
  run: ({ site, quality }) => {
    const held = heldKeys(quality);
    return {
      held,
      isStale: staleKeys(quality),
      translator: createTranslator(site.locales, site.source, held),
    };
  },
});
