import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Document, parse } from 'yaml';

/** Per translation: what it was made from. `imported` records a copy made from an older source version. */
export interface LockEntry { source?: string; translation: string; imported?: string }
export type Lock = Record<string, Record<string, LockEntry>>;

export const LOCK_FILE = 'translations.lock';
const HEADER = [
  ' Kept by Lockstep: for each translation, a hash of the source text it was translated from.',
  ' Commit it with the translations. Builds and `lockstep import` update it; do not edit it by hand.',
];

export function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

export function readLock(file: string): Lock {
  if (!existsSync(file)) return {};
  try {
    const value = parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Lock) : {};
  } catch {
    // A damaged lock only loses staleness history; it is rewritten on the next build.
    return {};
  }
}

/** One entry per line, sorted, so a diff shows exactly which translations changed. */
export function formatLock(lock: Lock): string {
  const sorted: Lock = {};
  for (const ns of Object.keys(lock).sort()) {
    const keys = Object.keys(lock[ns]!).sort();
    if (keys.length) sorted[ns] = Object.fromEntries(keys.map((k) => [k, lock[ns]![k]!]));
  }
  const doc = new Document(sorted);
  doc.commentBefore = HEADER.join('\n');
  for (const ns of (doc.contents as any)?.items ?? []) for (const pair of ns.value.items) pair.value.flow = true;
  return doc.toString({ lineWidth: 0 });
}

/** Write the lock only when its content changes, so builds leave an unchanged tree untouched. */
export function writeLock(file: string, lock: Lock): boolean {
  const text = formatLock(lock);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileSync(file, text);
  return true;
}

export type Freshness = 'current' | 'stale';

/**
 * Decide whether a translation is stale and what the lock should now say. Stale: the source changed
 * (or the copy was imported from an older version) and the translation did not. When the translation
 * changed, it was re-translated against the current source.
 */
export function freshness(entry: LockEntry | undefined, source: string, translation: string, articleDate?: string): { state: Freshness; entry: LockEntry; reason?: string } {
  const hs = hash(source);
  const ht = hash(translation);
  if (!entry || entry.translation !== ht) return { state: 'current', entry: { source: hs, translation: ht } };
  if (entry.source) return entry.source === hs ? { state: 'current', entry } : { state: 'stale', entry, reason: 'the source text changed after this was translated' };
  const date = entry.imported?.split(' ')[0];
  if (date && articleDate && date < articleDate)
    return { state: 'stale', entry, reason: `imported from a copy made from the ${date} version; the article follows ${articleDate}` };
  return { state: 'current', entry: { source: hs, translation: ht } };
}
