import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parsed, type LoadMemo } from './load-memo.js';
import { digest, type BuildCache } from '../cache.js';
import { LockstepError, problem, q, type Problem } from '../problems.js';
import { readInput } from './read.js';
import { parseYamlDocument } from './yaml-source.js';
import { errorCode, NOT_WRITABLE, reason, writeFileAtomic } from '../write.js';

/**
 * Per translation: what it was made from. `imported` records a copy made from an older source
 * version.
 */
export interface LockEntry {
  source?: string;
  translation: string;
  imported?: string;
}
export type Lock = Record<string, Record<string, LockEntry>>;

export const LOCK_FILE = 'translations.lock';
/**
 * JSON has no comments: the lock explains itself under this key, which no namespace can have (a
 * file name).
 */
const COMMENT = '//';
const HEADER =
  'Kept by Lockstep: for each translation, a hash of the source text it was translated from. Commit it with the translations. Builds and `lockstep import` update it; do not edit it by hand.';

export function hash(text: string): string {
  // `crypto.hash` (Node 20.12 and later) hashes in one call, several times faster than a Hash
  // object.
  return (
    oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex')
  ).slice(0, 10);
}
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;

/**
 * The lock at `file`; a damaged one throws a LockstepError (see `checkLock`), it is never read as
 * empty.
 */
export function readLock(file: string, shown = file): Lock {
  return parseLock(readLockText(file), shown);
}

/**
 * The lock file's text, or undefined when there is none; a lock that cannot be read throws a
 * LockstepError.
 */
export function readLockText(file: string): string | undefined {
  const read = readLockInput(file);
  if (read.problem) throw new LockstepError([read.problem]);
  return read.text;
}

/**
 * The lock file's text, undefined when there is none, or the Problem that makes it unreadable
 * (never read as empty).
 */
export function readLockInput(file: string, memo?: LoadMemo): { text?: string; problem?: Problem } {
  const read = readInput(file, 'lock', { memo });
  return read.missing ? {} : read;
}

/**
 * The entries of a lock's text (none when there is no file); throws a LockstepError when it is
 * damaged.
 */
export function parseLock(text: string | undefined, file = LOCK_FILE): Lock {
  const { lock, problems } = checkLock(text, file);
  if (!lock)
    throw new LockstepError(
      problems,
      `Lockstep: ${q(file)} is damaged (${problems[0]!.message}); nothing was written.`,
    );
  return lock;
}

/**
 * Read a lock, or say why it cannot be read. Losing a lock loses which translations are outdated,
 * so a lock that is empty, cut short, in a merge conflict or of the wrong shape is an error, never
 * `{}`. A lock is JSON (`JSON.parse` reads it); a YAML lock of an earlier version is read too, and
 * rewritten as JSON by the next build. A lock that is neither goes through `yaml`, which reads JSON
 * as well and gives the position of what is wrong.
 */
export function checkLock(
  text: string | undefined,
  file: string,
): { lock?: Lock; problems: Problem[] } {
  if (text === undefined) return { lock: {}, problems: [] };
  const json = text.charCodeAt(0) === 123 /* { */ ? parseJson(text) : undefined;
  const read = json !== undefined ? toLock(json) : undefined;
  // `JSON.parse` keeps the last of two equal keys: a lock that may repeat one is read the slow
  // way, which reports it.
  if (read && 'lock' in read && !mayRepeatKeys(text, read.lock))
    return { lock: read.lock, problems: [] };
  const restore = `Restore it from git (\`git checkout -- ${file}\`), or delete it only if you accept that every translation of this language is taken as current.`;
  const damaged = (why: string, pos = { line: 1, col: 1 }) => ({
    problems: [problem('LOCK_DAMAGED', `${why} ${restore}`, file, pos)],
  });
  const marker = /^(?:<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (marker) {
    const line = text.slice(0, marker.index).split('\n').length;
    const message =
      'The lock has a merge conflict (a `<<<<<<<`, `=======` or `>>>>>>>` line). Resolve the merge conflict: keep the entries of both sides (one line per translation; for a key on both sides keep either) and remove the marker lines, then build again.';
    return { problems: [problem('LOCK_CONFLICT', message, file, { line, col: 1 })] };
  }
  if (!text.trim())
    return damaged('The lock is empty: it was probably cut short while it was written.');
  if (text.includes('\0'))
    return damaged(
      'The lock holds binary data (NUL bytes): it is damaged, or another file was saved in its place.',
    );
  const src = parseYamlDocument(text, file);
  const first = src.problems[0];
  if (first?.code === 'DUPLICATE_KEY')
    return {
      problems: [
        problem(
          'LOCK_SHAPE',
          `The lock gives the same key twice (${first.message.replace(/ in the same mapping; keep one of them\.$/, '')}): a reader would keep only the last and lose the other's entries. Merge the two into one (for a translation in both, keep either line), then build again.`,
          file,
          first,
        ),
      ],
    };
  if (first)
    return damaged(
      `The lock does not parse (${first.message.replace(/\.? Check the indentation.*$/, '')}): it was probably cut short or edited by hand.`,
      first,
    );
  if (src.value === null || src.value === undefined)
    return damaged(
      'The lock holds no entries, not even `{}`: it was probably cut short while it was written.',
    );
  if (!isObject(src.value))
    return damaged(
      `The lock is not a mapping of namespaces (found ${describe(src.value)}): it is damaged, or another file was saved in its place.`,
    );
  const result = toLock(src.value);
  if ('lock' in result) return { lock: result.lock, problems: [] };
  return {
    problems: [
      problem(
        'LOCK_SHAPE',
        `${result.why}; a lock maps each namespace to keys, each \`{ source, translation }\` or \`{ translation, imported }\` (strings). ${restore}`,
        file,
        src.pos(result.path),
      ),
    ],
  };
}

/** A lock as a build loaded it: its text, the digest of that text, and its entries. */
export interface LoadedLock {
  /** Undefined: there is no lock file. Read when first asked for if known by its stamps. */
  readonly text: string | undefined;
  /** Whether there is a lock file, and whether it is in the current format (`isCurrentFormat`). */
  readonly exists: boolean;
  readonly current: boolean;
  /**
   * Of the text: the recorded one for a lock known by its stamps, else worked out when first asked
   * for (only builds with a cache need it); `'\0'`: no file.
   */
  readonly digest: string;
  readonly entries: Lock;
}

/**
 * `checkLock` once per content: with a cache, a lock whose very text was found sound by an earlier
 * build is not parsed now, and its entries are parsed only when something reads them (a build
 * whose checks all come from the cache never does). A damaged lock is never cached: every build
 * reports it, exactly as `checkLock` does.
 */
export function loadLock(
  read: string | undefined | KnownLock,
  file: string,
  cache?: BuildCache,
  id = file,
  memo?: LoadMemo,
): { lock?: LoadedLock; problems: Problem[] } {
  const known = typeof read === 'object' ? read : undefined;
  let t = known ? undefined : (read as string | undefined);
  const textOf = () => (known ? (t ??= known.text()) : t);
  let d = known?.digest;
  // In watch mode, once per text (a lock of 10,000 keys is half a megabyte to digest each build).
  const digestOf = () =>
    (d ??= t === undefined ? '\0' : parsed(memo, 'lock digest', file, t, () => digest(t!)));
  let checked: ReturnType<typeof checkLock> | undefined;
  // In watch mode, a lock is parsed once per text (the entries are never changed in place).
  const checkNow = () => {
    const text = textOf();
    return text === undefined
      ? checkLock(text, file)
      : parsed(memo, 'lock', file, text, () => checkLock(text, file));
  };
  const check = () => (checked = checkNow()).lock !== undefined;
  // A lock an earlier build in this process parsed stays parsed, though the cache spares this
  // build reading its entries (a later one may need them).
  if (t !== undefined) memo?.knows('lock', file, t);
  const exists = known !== undefined || t !== undefined;
  const sound =
    exists && cache
      ? cache.through(`lock ${id}`, { lock: { file, digest: digestOf() } }, isTrue, check, Boolean)
          .value
      : check();
  if (!sound) return { problems: checked!.problems };
  let entries = checked?.lock;
  // A cache edited by hand could call a damaged lock sound: `parseLock` then throws its problems.
  const lock: LoadedLock = {
    get text() {
      return textOf();
    },
    exists,
    // A lock known by its stamps was recorded only in the current format (`lockStamped`).
    current: known !== undefined || (t !== undefined && isCurrentFormat(t)),
    get digest() {
      return digestOf();
    },
    get entries() {
      return (entries ??= (memo && checkNow().lock) || parseLock(textOf(), file));
    },
  };
  return { lock, problems: [] };
}
const isTrue = (v: unknown): v is true => v === true;

/**
 * A lock file known by its stamps (`Stamps`) as a sound lock an earlier build read: the digest of
 * its text, and its text when something needs it after all.
 */
export interface KnownLock {
  digest: string;
  text: () => string;
}

/**
 * Whether a lock just read may be known by its stamps from the next build on: in the current
 * format, and its text exactly its bytes (no byte-order mark dropped), so that the digest of its
 * text is that of its bytes (`Stamps.bytes` checks the bytes).
 */
export const lockStamped = (text: string | undefined, size: number): text is string =>
  text !== undefined && isCurrentFormat(text) && Buffer.byteLength(text) === size;

/**
 * Whether the text has more keys whose value is an object than the parsed lock has namespaces and
 * entries: then one was given twice (one pass over the text, no parse).
 */
function mayRepeatKeys(text: string, lock: Lock): boolean {
  let parsed = 0;
  for (const ns in lock) parsed += 1 + Object.keys(lock[ns]!).length;
  let written = 0;
  for (let at = text.indexOf('{', 1); at >= 0; at = text.indexOf('{', at + 1)) written++;
  return written > parsed;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The entries of a parsed lock, or what is wrong and where. The parsed value is checked in place
 * and kept, not copied: a lock has an entry per translation, and both `JSON.parse` and `yaml`
 * make a `__proto__` key an own property, never the prototype.
 */
function toLock(value: unknown): { lock: Lock } | { why: string; path: string[] } {
  if (!isObject(value))
    return { why: `The lock must map namespaces to keys; found ${describe(value)}`, path: [] };
  let comment = false;
  for (const ns of Object.keys(value)) {
    const entries = value[ns];
    if (ns === COMMENT && typeof entries === 'string') {
      comment = true;
      continue;
    }
    if (!isObject(entries))
      return {
        why: `Namespace ${q(ns)} must map keys to entries; found ${describe(entries)}`,
        path: [ns],
      };
    for (const key of Object.keys(entries))
      if (!isEntry(entries[key]))
        return {
          why: `The entry of ${q(ns + '.' + key)} must be a mapping with a string \`translation\` and optional string \`source\` and \`imported\`; found ${describe(entries[key])}`,
          path: [ns, key],
        };
  }
  if (comment) delete value[COMMENT];
  return { lock: value as Lock };
}

function isEntry(entry: unknown): entry is LockEntry {
  if (!isObject(entry) || typeof entry.translation !== 'string') return false;
  for (const f of Object.keys(entry))
    if ((f !== 'source' && f !== 'translation' && f !== 'imported') || typeof entry[f] !== 'string')
      return false;
  return true;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
// Only short, plain values are quoted: the file's text does not belong in messages (nor, through
// them, in CI logs).
const describe = (v: unknown) =>
  v === null
    ? 'nothing'
    : Array.isArray(v)
      ? 'a list'
      : isObject(v)
        ? `a mapping of ${
            Object.keys(v)
              .filter((k) => /^[\w.-]{1,30}$/.test(k))
              .map(q)
              .join(', ') || 'other fields'
          }`
        : /^[\w .:-]{1,40}$/.test(String(v))
          ? `the ${typeof v} ${q(v)}`
          : `a ${typeof v}`;

/**
 * Whether a lock's text is in the current format (JSON); an older (YAML) lock is rewritten by the
 * next build.
 */
export const isCurrentFormat = (text: string): boolean => text.charCodeAt(0) === 123; /* { */

/** JSON, one entry per line, sorted, so a diff shows exactly which translations changed. */
export function formatLock(lock: Lock): string {
  const lines = [`{\n  ${JSON.stringify(COMMENT)}: ${JSON.stringify(HEADER)}`];
  for (const ns of Object.keys(lock).sort()) {
    const keys = Object.keys(lock[ns]!).sort();
    if (!keys.length) continue;
    const entries = keys.map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(lock[ns]![k])}`);
    lines.push(`  ${JSON.stringify(ns)}: {\n${entries.join(',\n')}\n  }`);
  }
  return lines.join(',\n') + '\n}\n';
}

/**
 * Write the lock only when its content changes, so builds leave an unchanged tree untouched;
 * atomically, so a kill or a full disk leaves the old lock whole. A lock that may not be written is
 * a LockstepError (`LOCK_NOT_WRITTEN`, naming `shown`); other failures are thrown as they are.
 */
export function writeLock(file: string, lock: Lock, shown = file): boolean {
  const text = formatLock(lock);
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    throw new LockstepError(
      [lockNotWritten(e, shown)],
      `Lockstep: could not write ${q(shown)} (${reason(e)}); the lock on disk is unchanged.`,
    );
  }
  return true;
}

/** Why a lock could not be written, and what to do. */
export function lockNotWritten(e: unknown, file: string): Problem {
  const fix = NOT_WRITABLE.has(errorCode(e) ?? '')
    ? 'Make the file and its folder writable, or set the `writeLock` option to `false` (for a read-only checkout; the lock then no longer follows the translations).'
    : 'Free some disk space or fix the cause, then build again.';
  return problem(
    'LOCK_NOT_WRITTEN',
    `Could not write the lock (${reason(e)}); it is unchanged. ${fix}`,
    file,
    { line: 1, col: 1 },
  );
}

export type Freshness = 'current' | 'stale';

/**
 * Decide whether a translation is stale and what the lock should now say. Stale: the source changed
 * (or the copy was imported from an older version) and the translation did not. When the
 * translation changed, it was re-translated against the current source.
 */
export function freshness(
  entry: LockEntry | undefined,
  source: string,
  translation: string,
  articleDate?: string,
  hs = hash(source),
): { state: Freshness; entry: LockEntry; reason?: string } {
  const ht = hash(translation);
  if (!entry || entry.translation !== ht)
    return { state: 'current', entry: { source: hs, translation: ht } };
  if (entry.source)
    return entry.source === hs
      ? { state: 'current', entry }
      : { state: 'stale', entry, reason: 'the source text changed after this was translated' };
  const date = entry.imported?.split(' ')[0];
  if (date && articleDate && date < articleDate)
    return {
      state: 'stale',
      entry,
      reason: `imported from a copy made from the ${date} version; the article follows ${articleDate}`,
    };
  return { state: 'current', entry: { source: hs, translation: ht } };
}

/** Whether two locks hold the same entries (then the file need not be printed again). */
export function sameLock(a: Lock, b: Lock): boolean {
  const names = (x: object) => Object.keys(x).filter((k) => Object.keys((x as Lock)[k]!).length);
  const nsA = names(a);
  if (nsA.length !== names(b).length) return false;
  return nsA.every((ns) => !!b[ns] && sameEntries(a[ns]!, b[ns]));
}

/** Whether one namespace's entries of two locks are the same. */
export function sameEntries(ea: Lock[string], eb: Lock[string]): boolean {
  if (Object.keys(ea).length !== Object.keys(eb).length) return false;
  for (const key in ea) {
    const x = ea[key]!;
    const y = eb[key];
    if (x === y) continue;
    if (
      !y ||
      x.source !== y.source ||
      x.translation !== y.translation ||
      x.imported !== y.imported ||
      Object.keys(x).length !== Object.keys(y).length
    )
      return false;
  }
  return true;
}
