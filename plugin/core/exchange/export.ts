import type { Quality } from '../check/quality.js';
import type { Site } from '../load/site.js';
import type { PreviousSource } from '../check/previous.js';
import { writePo } from './po.js';
import { exportUnits } from './units.js';
import { writeXliff12 } from './xliff12.js';
import { writeXliff2 } from './xliff2.js';

export const FORMATS = ['xliff2', 'xliff12', 'po'] as const;
export type Format = (typeof FORMATS)[number];
const WRITERS = { xliff2: writeXliff2, xliff12: writeXliff12, po: writePo };
export const EXTENSION: Record<Format, string> = { xliff2: 'xlf', xliff12: 'xliff', po: 'po' };

/** The files to hand translators: one per locale and namespace that has something to translate. */
export function exportFiles(
  site: Site,
  quality: Pick<Quality, 'stale'>,
  options: { format: Format; locales?: string[]; all?: boolean; previous?: PreviousSource },
): { name: string; text: string; units: number }[] {
  const out: { name: string; text: string; units: number }[] = [];
  for (const locale of site.locales) {
    if (locale === site.source) continue;
    if (options.locales && !options.locales.includes(locale.tag)) continue;
    for (const [ns, units] of exportUnits(site, quality, locale, options.all, options.previous))
      out.push({
        name: `${locale.tag}/${ns}.${EXTENSION[options.format]}`,
        text: WRITERS[options.format](units, ns, site.source.tag, locale.tag),
        units: units.length,
      });
  }
  return out;
}
