import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { hash } from './lock.js';
import { parseNamespace } from './locales.js';
import type { SourceHistory } from './history.js';

/** How far back to look: older texts are rarely still behind a translation. */
export const GIT_REVISIONS = 200;

/**
 * Look for source texts by digest in the git history of one source locale file: each version the
 * file had (newest first, at most `GIT_REVISIONS`) is read until every digest is found. Quiet and
 * empty when git is missing or the file is not in a repository. Arguments go to git as a list,
 * never through a shell.
 */
export function textsFromGit(file: string, digests: Set<string>): SourceHistory {
  const found: SourceHistory = new Map();
  if (!digests.size) return found;
  const cwd = dirname(file);
  const name = basename(file);
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 2 ** 20,
      timeout: 20_000,
    });
  let revisions: string[];
  try {
    revisions = git(['log', '--format=%H', '-n', String(GIT_REVISIONS), '--', name])
      .split('\n')
      .filter((r) => /^[0-9a-f]{40,64}$/.test(r));
  } catch {
    return found;
  }
  for (const rev of revisions) {
    let text: string;
    try {
      // `./` makes the path relative to `cwd`, not to the top of the repository.
      text = git(['show', `${rev}:./${name}`]);
    } catch {
      continue;
    }
    const ns = parseNamespace(text, name).ns;
    if (!ns) continue;
    for (const s of ns.strings.values()) {
      const h = hash(s);
      if (digests.has(h) && !found.has(h)) found.set(h, s);
    }
    if (found.size === digests.size) break;
  }
  return found;
}
