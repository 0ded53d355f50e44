import { step } from '../pipeline.js';
import { siteHref } from '../render/view.js';
import type { BuildState, PickerView } from '../state.js';
import type { Output } from './output.js';

/** The language picker at `/`, in the source language. */
export const picker: Output = {
  name: 'picker',
  step: step<BuildState>()({
    name: 'picker',
    reads: ['config', 'site', 'languages', 'sourceUi'],
    adds: ['picker'],
    enabled: ({ config }) => config.outputs.has('picker'),
    run: ({ site, languages, sourceUi: ui }) => {
      const { tag, dir } = site.source;
      return {
        picker: {
          head: {
            lang: tag,
            dir,
            title: ui.pickerTitle!,
            description: ui.pickerIntro!,
            alternates: [],
            canonical: siteHref(site, '/'),
            ui,
          },
          languages,
        },
      };
    },
  }),
  publish: [
    {
      template: 'lockstep-picker.njk',
      data: 'picker',
      url: '/',
      head: (d: { lockstep: { picker: PickerView } }) => d.lockstep.picker.head,
      inCollections: true,
    },
  ],
};
