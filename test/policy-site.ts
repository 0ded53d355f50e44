import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatLock, hash, type Lock } from '../plugin/core/load/lock.js';
import { loadSite, type Site } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';

/**
 * Small sites written inline for the policy tests: one article `guide` whose dataset is a few
 * lines, and the locale files a case needs (paths relative to the site). Each case states its whole
 * input.
 */
export function writeSite(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-policy-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Load a site that must be valid. */
export function load(dir: string): Site {
  const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
  assert.equal(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  return site!;
}

/** A dataset with one section `intro` of the given paragraphs. */
export function paragraphs(...ids: string[]): string {
  return `updated: 2024-03-01\nsections:\n  - id: intro\n    blocks:\n${ids.map((id) => `      - p: ${id}\n`).join('')}`;
}

/** Locale YAML for the article `guide` with the paragraphs of `paragraphs()`. */
export function guide(title: string, heading: string, texts: Record<string, string>): string {
  const body = Object.entries(texts)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join('');
  return `title: ${JSON.stringify(title)}\ndescription: ${JSON.stringify(title + '.')}\nsections:\n  intro:\n    heading: ${JSON.stringify(heading)}\n${body}`;
}

/**
 * A lock entry that says `translation` was made from `oldSource`: outdated once the source says
 * something else.
 */
export function lockOf(
  entries: Record<string, Record<string, { from: string; translation: string }>>,
): string {
  const lock: Lock = {};
  for (const [ns, keys] of Object.entries(entries))
    lock[ns] = Object.fromEntries(
      Object.entries(keys).map(([k, e]) => [
        k,
        { source: hash(e.from), translation: hash(e.translation) },
      ]),
    );
  return formatLock(lock);
}
