import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Document } from 'yaml';
import { LockstepError, problem, q, type Problem } from '../problems.js';
import { readInput } from './read.js';
import { parseYamlDocument } from './yaml-source.js';
import { errorCode, NOT_WRITABLE, reason, writeFileAtomic } from '../write.js';

/** Per translation: what it was made from. `imported` records a copy made from an older source version. */
export interface LockEntry { source?: string; translation: string; imported?: string }
export type Lock = Record<string, Record<string, LockEntry>>;

export const LOCK_FILE = 'translations.lock';
const HEADER = [
  ' Kept by Lockstep: for each translation, a hash of the source text it was translated from.',
  ' Commit it with the translations. Builds and `lockstep import` update it; do not edit it by hand.',
];

export function hash(text: string): string {
  // `crypto.hash` (Node 20.12 and later) hashes in one call, several times faster than a Hash object.
  return (oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex')).slice(0, 10);
}
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** The lock at `file`; a damaged one throws a LockstepError (see `checkLock`), it is never read as empty. */
export function readLock(file: string, shown = file): Lock {
  return parseLock(readLockText(file), shown);
}

/** The lock file's text, or undefined when there is none; a lock that cannot be read throws a LockstepError. */
export function readLockText(file: string): string | undefined {
  const read = readLockInput(file);
  if (read.problem) throw new LockstepError([read.problem]);
  return read.text;
}

/** The lock file's text, undefined when there is none, or the Problem that makes it unreadable (never read as empty). */
export function readLockInput(file: string): { text?: string; problem?: Problem } {
  const read = readInput(file, 'lock');
  return read.missing ? {} : read;
}

/** The entries of a lock's text (none when there is no file); throws a LockstepError when it is damaged. */
export function parseLock(text: string | undefined, file = LOCK_FILE): Lock {
  const { lock, problems } = checkLock(text, file);
  if (!lock) throw new LockstepError(problems, `Lockstep: ${q(file)} is damaged (${problems[0]!.message}); nothing was written.`);
  return lock;
}

/**
 * Read a lock, or say why it cannot be read. Losing a lock loses which translations are outdated, so a
 * lock that is empty, cut short, in a merge conflict or of the wrong shape is an error, never `{}`.
 */
export function checkLock(text: string | undefined, file: string): { lock?: Lock; problems: Problem[] } {
  if (text === undefined) return { lock: {}, problems: [] };
  const fast = parseLockFast(text);
  if (fast) return { lock: fast, problems: [] };
  const restore = `Restore it from git (\`git checkout -- ${file}\`), or delete it only if you accept that every translation of this language is taken as current.`;
  const damaged = (why: string, pos = { line: 1, col: 1 }) => ({ problems: [problem('LOCK_DAMAGED', `${why} ${restore}`, file, pos)] });
  const marker = /^(?:<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (marker) {
    const line = text.slice(0, marker.index).split('\n').length;
    const message = 'The lock has a merge conflict (a `<<<<<<<`, `=======` or `>>>>>>>` line). Resolve the merge conflict: keep the entries of both sides (one line per translation; for a key on both sides keep either) and remove the marker lines, then build again.';
    return { problems: [problem('LOCK_CONFLICT', message, file, { line, col: 1 })] };
  }
  if (!text.trim()) return damaged('The lock is empty: it was probably cut short while it was written.');
  if (text.includes('\0')) return damaged('The lock holds binary data (NUL bytes): it is damaged, or another file was saved in its place.');
  const src = parseYamlDocument(text, file);
  const first = src.problems[0];
  if (first) return damaged(`The lock does not parse (${first.message.replace(/\.? Check the indentation.*$/, '')}): it was probably cut short or edited by hand.`, first);
  if (src.value === null || src.value === undefined) return damaged('The lock holds no entries, not even `{}`: it was probably cut short while it was written.');
  const shape = (why: string, path: (string | number)[]) => ({ problems: [problem('LOCK_SHAPE', `${why}; a lock maps each namespace to keys, each \`{ source, translation }\` or \`{ translation, imported }\` (strings). ${restore}`, file, src.pos(path))] });
  if (!isObject(src.value)) return damaged(`The lock is not a mapping of namespaces (found ${describe(src.value)}): it is damaged, or another file was saved in its place.`);
  const lock: Lock = {};
  for (const [ns, entries] of Object.entries(src.value)) {
    if (!isObject(entries)) return shape(`Namespace ${q(ns)} must map keys to entries; found ${describe(entries)}`, [ns]);
    const out: Record<string, LockEntry> = (lock[ns] = {});
    for (const [key, entry] of Object.entries(entries)) {
      const fields = isObject(entry) ? Object.entries(entry) : [];
      const ok = isObject(entry) && typeof entry.translation === 'string' && fields.every(([f, v]) => ['source', 'translation', 'imported'].includes(f) && typeof v === 'string');
      if (!ok) return shape(`The entry of ${q(ns + '.' + key)} must be a mapping with a string \`translation\` and optional string \`source\` and \`imported\`; found ${describe(entry)}`, [ns, key]);
      out[key] = entry as unknown as LockEntry;
    }
  }
  return { lock, problems: [] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// Only short, plain values are quoted: the file's text does not belong in messages (nor, through them, in CI logs).
const describe = (v: unknown) =>
  v === null ? 'nothing' : Array.isArray(v) ? 'a list' : isObject(v) ? `a mapping of ${Object.keys(v).filter((k) => /^[\w.-]{1,30}$/.test(k)).map(q).join(', ') || 'other fields'}` : /^[\w .:-]{1,40}$/.test(String(v)) ? `the ${typeof v} ${q(v)}` : `a ${typeof v}`;

/** One entry per line, sorted, so a diff shows exactly which translations changed. */
export function formatLock(lock: Lock): string {
  return formatLockFast(lock) ?? formatLockDocument(lock);
}

/** `formatLock` through `yaml`'s documents: right for any key or value, but slow for thousands of entries. */
export function formatLockDocument(lock: Lock): string {
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

/**
 * Write the lock only when its content changes, so builds leave an unchanged tree untouched; atomically,
 * so a kill or a full disk leaves the old lock whole. A lock that may not be written is a LockstepError
 * (`LOCK_NOT_WRITTEN`, naming `shown`); other failures are thrown as they are.
 */
export function writeLock(file: string, lock: Lock, shown = file): boolean {
  const text = formatLock(lock);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    throw new LockstepError([lockNotWritten(e, shown)], `Lockstep: could not write ${q(shown)} (${reason(e)}); the lock on disk is unchanged.`);
  }
  return true;
}

/** Why a lock could not be written, and what to do. */
export function lockNotWritten(e: unknown, file: string): Problem {
  const fix = NOT_WRITABLE.has(errorCode(e) ?? '')
    ? 'Make the file and its folder writable, or set the `writeLock` option to `false` (for a read-only checkout; the lock then no longer follows the translations).'
    : 'Free some disk space or fix the cause, then build again.';
  return problem('LOCK_NOT_WRITTEN', `Could not write the lock (${reason(e)}); it is unchanged. ${fix}`, file, { line: 1, col: 1 });
}

export type Freshness = 'current' | 'stale';

/**
 * Decide whether a translation is stale and what the lock should now say. Stale: the source changed
 * (or the copy was imported from an older version) and the translation did not. When the translation
 * changed, it was re-translated against the current source.
 */
export function freshness(entry: LockEntry | undefined, source: string, translation: string, articleDate?: string, hs = hash(source)): { state: Freshness; entry: LockEntry; reason?: string } {
  const ht = hash(translation);
  if (!entry || entry.translation !== ht) return { state: 'current', entry: { source: hs, translation: ht } };
  if (entry.source) return entry.source === hs ? { state: 'current', entry } : { state: 'stale', entry, reason: 'the source text changed after this was translated' };
  const date = entry.imported?.split(' ')[0];
  if (date && articleDate && date < articleDate)
    return { state: 'stale', entry, reason: `imported from a copy made from the ${date} version; the article follows ${articleDate}` };
  return { state: 'current', entry: { source: hs, translation: ht } };
}

// Locks hold thousands of entries per language, and `yaml` takes seconds to parse and print them. Nearly
// every key and value is a plain scalar; these two read and write exactly what `yaml` would, and give up
// (returning undefined) on anything else, which then goes through `yaml`.

/** Plain scalars `yaml` prints and reads unquoted, in flow and block context alike. */
const PLAIN = /^[A-Za-z0-9_](?:[A-Za-z0-9_ .-]*[A-Za-z0-9_])?$/;
// YAML 1.2 core schema scalars that are not strings: those need quotes.
const NOT_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function scalar(v: string): string | undefined {
  if (PLAIN.test(v) && !NOT_STRING.test(v) && !v.includes('  ')) return v;
  // A hash made only of digits (or digits and one `e`) reads as a number unquoted.
  if (/^[0-9a-f]+$/.test(v)) return `"${v}"`;
  return undefined;
}

export function formatLockFast(lock: Lock): string | undefined {
  const lines = HEADER.map((l) => '#' + l);
  lines.push('');
  let any = false;
  for (const ns of Object.keys(lock).sort()) {
    const keys = Object.keys(lock[ns]!).sort();
    if (!keys.length) continue;
    const nsKey = scalar(ns);
    if (!nsKey) return undefined;
    lines.push(`${nsKey}:`);
    any = true;
    for (const k of keys) {
      const key = scalar(k);
      if (!key) return undefined;
      const fields: string[] = [];
      for (const [name, value] of Object.entries(lock[ns]![k]!)) {
        if (value === undefined) continue;
        const v = typeof value === 'string' ? scalar(value) : undefined;
        if (!v || !PLAIN.test(name)) return undefined;
        fields.push(`${name}: ${v}`);
      }
      if (!fields.length) return undefined;
      lines.push(`  ${key}: { ${fields.join(', ')} }`);
    }
  }
  // An empty lock prints as `{}` after the header.
  if (!any) return undefined;
  return lines.join('\n') + '\n';
}

/** Read a lock in the shape `formatLock` writes; undefined when it has anything else (then `yaml` reads it). */
export function parseLockFast(text: string): Lock | undefined {
  const lock: Lock = {};
  let ns: Record<string, LockEntry> | undefined;
  const n = text.length;
  for (let ls = 0; ls < n; ) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = n;
    const first = text.charCodeAt(ls);
    if (le === ls || first === 35 /* # */) {
      ls = le + 1;
      continue;
    }
    if (first !== 32) {
      // `namespace:`
      const head = text.slice(ls, le - 1);
      if (text.charCodeAt(le - 1) !== 58 /* : */ || !name(head) || head in lock) return undefined;
      ns = lock[head] = {};
      ls = le + 1;
      continue;
    }
    // `  key: { source: …, translation: …[, imported: …] }`
    const open = text.indexOf(': { ', ls);
    if (!ns || text.charCodeAt(ls + 1) !== 32 || text.charCodeAt(ls + 2) === 32 || open < 0 || open > le || text.charCodeAt(le - 1) !== 125 /* } */ || text.charCodeAt(le - 2) !== 32) return undefined;
    const key = text.slice(ls + 2, open);
    if (!name(key) || key in ns) return undefined;
    const entry: Record<string, string> = {};
    const end = le - 2;
    for (let k = open + 4; k < end; ) {
      const colon = text.indexOf(': ', k);
      if (colon < 0 || colon >= end) return undefined;
      let stop = text.indexOf(', ', colon + 2);
      if (stop < 0 || stop > end) stop = end;
      const field = text.slice(k, colon);
      const v = field === 'source' || field === 'translation' || field === 'imported' ? value(text.slice(colon + 2, stop)) : undefined;
      if (v === undefined || field in entry) return undefined;
      entry[field] = v;
      k = stop + 2;
    }
    if (!entry.translation) return undefined;
    ns[key] = entry as unknown as LockEntry;
    ls = le + 1;
  }
  return Object.keys(lock).length ? lock : undefined;
}

const HASH = /^[0-9a-f]+$/;
/** A key or namespace as `formatLock` writes them unquoted. */
const name = (raw: string) => /^[A-Za-z0-9_][^:\s"'#{}]*$/.test(raw) && !NOT_STRING.test(raw) && raw !== '__proto__';
function value(raw: string): string | undefined {
  // Nearly every value is a hash with a letter besides `e`: a string, and no pattern needs testing.
  if (hexWithLetter(raw)) return raw;
  if (raw.charCodeAt(0) === 34 /* " */) return raw.charCodeAt(raw.length - 1) === 34 && HASH.test(raw.slice(1, -1)) ? raw.slice(1, -1) : undefined;
  return PLAIN.test(raw) && !NOT_STRING.test(raw) ? raw : undefined;
}

function hexWithLetter(raw: string): boolean {
  let letter = false;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    if (c < 97 || c > 102) return false;
    if (c !== 101 /* e */) letter = true;
  }
  return letter;
}

/** Whether two locks hold the same entries (then the file need not be printed again). */
export function sameLock(a: Lock, b: Lock): boolean {
  const names = (x: object) => Object.keys(x).filter((k) => Object.keys((x as Lock)[k]!).length);
  const nsA = names(a);
  if (nsA.length !== names(b).length) return false;
  for (const ns of nsA) {
    const ea = a[ns]!;
    const eb = b[ns];
    if (!eb || Object.keys(ea).length !== Object.keys(eb).length) return false;
    for (const key in ea) {
      const x = ea[key]!;
      const y = eb[key];
      if (x === y) continue;
      if (!y || x.source !== y.source || x.translation !== y.translation || x.imported !== y.imported || Object.keys(x).length !== Object.keys(y).length) return false;
    }
  }
  return true;
}
