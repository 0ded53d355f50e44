import { relative, resolve } from 'node:path';
import { LockstepError, problem, q } from '../problems.js';
import { step } from '../pipeline.js';
import type { BuildState } from '../state.js';
import type { Site } from '../load/site.js';
import { UI_KEYS } from './view.js';

/**
 * The strings of every language that the pages every shard writes show (the picker's titles, the
 * theme strings of the picker and the 404 pages): a shard checks them in the locales it does not
 * build, so it holds back the same ones a single build does.
 */
export const sharedKeys = (site: Site): [string, string][] => [
  ...site.articles.map((a): [string, string] => [a.article, 'title']),
  ...UI_KEYS.map((k): [string, string] => [site.config.commonNamespace, k]),
];

/**
 * The locales whose article pages this build writes when it is one shard of several
 * (`shardLocales`), and which alone it checks, audits and writes the locks of; every locale
 * otherwise. A name that is not a locale of the site is an error: a shard that silently wrote
 * nothing would leave a hole in the merged site.
 */
export const shard = step<BuildState>()({
  name: 'shard',
  reads: ['root', 'config', 'site'],
  adds: ['shard'],
  run: ({ root, config, site }) => {
    const wanted = config.shardLocales;
    if (!wanted) return { shard: { locales: site.locales, partial: false } };
    const unknown = wanted.filter((tag) => !site.locales.some((l) => l.tag === tag));
    if (unknown.length) {
      const message = `${config.shardLocalesFrom} names ${unknown.map(q).join(', ')}, which ${unknown.length === 1 ? 'is not a locale' : 'are not locales'} of this site; its locales are ${site.locales.map((l) => q(l.tag)).join(', ')}.`;
      throw new LockstepError(
        [
          problem(
            'UNKNOWN_BUILD_LOCALE',
            message,
            relative(root, resolve(root, config.localesDir)) || '.',
          ),
        ],
        `Lockstep: ${message}`,
      );
    }
    return {
      shard: { locales: site.locales.filter((l) => wanted.includes(l.tag)), partial: true },
    };
  },
});
