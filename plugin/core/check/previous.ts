import { basename, join, resolve } from 'node:path';
import { textsFromGit } from '../load/history-git.js';
import type { SourceHistory } from '../load/history.js';
import type { Site } from '../load/site.js';
import type { Quality } from './quality.js';

/** The source text an outdated string was translated from, when it is known. */
export type PreviousSource = (locale: string, ns: string, key: string) => string | undefined;

/**
 * The previous sources of every outdated string: from the source history, else (with `git`) from
 * the git history of the source locale's files. Commands do the git part, never a build: it reads
 * up to `GIT_REVISIONS` versions of a file. `found` holds what git gave, to keep in the history.
 */
export function previousSources(
  root: string,
  site: Site,
  quality: Pick<Quality, 'stale' | 'locks'>,
  options: { git?: boolean; locales?: string[] } = {},
): { previous: PreviousSource; found: SourceHistory } {
  const known = site.history ?? new Map<string, string>();
  const found: SourceHistory = new Map();
  const digestOf = new Map<string, string>();
  const at = (locale: string, ns: string, key: string) => `${locale}\0${ns}\0${key}`;
  const wanted = new Map<string, Set<string>>();
  for (const [locale, byNs] of quality.stale) {
    if (options.locales && !options.locales.includes(locale)) continue;
    const lock = quality.locks.find((l) => l.locale === locale)?.lock;
    for (const [ns, keys] of byNs)
      for (const key of keys) {
        const digest = lock?.[ns]?.[key]?.source;
        if (!digest) continue;
        digestOf.set(at(locale, ns, key), digest);
        if (!known.has(digest)) (wanted.get(ns) ?? wanted.set(ns, new Set()).get(ns)!).add(digest);
      }
  }
  if (options.git)
    for (const [ns, digests] of wanted) {
      const file = site.source.namespaces.get(ns)?.file;
      if (!file) continue;
      const real = join(resolve(root, site.config.localesDir), site.source.folder, basename(file));
      for (const [d, text] of textsFromGit(real, digests)) found.set(d, text);
    }
  const previous: PreviousSource = (locale, ns, key) => {
    const d = digestOf.get(at(locale, ns, key));
    return d === undefined ? undefined : (known.get(d) ?? found.get(d));
  };
  return { previous, found };
}
