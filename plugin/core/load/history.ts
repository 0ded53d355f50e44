import { later, type LoadMemo } from './load-memo.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockstepError, problem, q, type Problem } from '../problems.js';
import { readInput } from './read.js';
import type { Bounds } from './bounds.js';
import { parseYamlDocument } from './yaml-source.js';
import { errorCode, NOT_WRITABLE, reason, writeFileAtomic } from '../write.js';
import { hash, LOCK_FILE, type Lock } from './lock.js';
import type { Locale } from './locales.js';

/**
 * The source texts translations were made from, by the digest the locks record: what lets an
 * outdated string show its previous source. One file, in the source locale's folder.
 */
export type SourceHistory = Map<string, string>;
export const SOURCES_FILE = 'sources.lock';
/** What of a `Site` the history needs (not the type itself: `site.ts` imports this file). */
type HistorySite = { source: Locale; history?: SourceHistory };

const COMMENT = '//';
const HEADER =
  "Kept by Lockstep: the source text behind each digest that a locale's `translations.lock` records, so an outdated translation can show what it was translated from. Commit it with the locks; builds, `lockstep accept`, `lockstep import` and `lockstep export` update it; do not edit it by hand.";
const DIGEST = /^[0-9a-f]{10}$/;

/** The file's text, undefined when there is none, or the Problem that makes it unreadable. */
export function readHistoryInput(
  file: string,
  shown: string,
  bounds?: Bounds,
  memo?: LoadMemo,
): { text?: string; problem?: Problem } {
  const read = readInput(file, 'lock', { shown, bounds, memo });
  if (read.missing) return {};
  if (!read.problem) return read;
  const binary = ['NOT_UTF8', 'UTF16_FILE', 'CONTROL_CHARACTER'].includes(read.problem.code);
  // A link out of the project keeps its own code, as a lock's does.
  if (/^(SYMLINK|OUTSIDE)_/.test(read.problem.code)) return read;
  return {
    problem: binary
      ? {
          ...read.problem,
          code: 'SOURCES_DAMAGED',
          message: `${read.problem.message} ${fix(shown)}`,
        }
      : { ...read.problem, code: 'SOURCES_UNREADABLE' },
  };
}

const fix = (file: string) =>
  `Restore it from git (\`git checkout -- ${file}\`), or delete it: only the previous source texts of outdated strings are lost, and the next build writes it again.`;

/**
 * Read the history, or say why it cannot be read and where: as with a lock, a file that is cut
 * short, in a merge conflict or of the wrong shape is a problem, never taken as empty.
 */
export function checkHistory(
  text: string | undefined,
  file: string,
): { history?: SourceHistory; problems: Problem[] } {
  if (text === undefined) return { history: new Map(), problems: [] };
  const bad = (
    code: 'SOURCES_DAMAGED' | 'SOURCES_SHAPE',
    why: string,
    pos = { line: 1, col: 1 },
  ) => ({
    problems: [problem(code, `${why} ${fix(file)}`, file, pos)],
  });
  const marker = /^(?:<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (marker)
    return {
      problems: [
        problem(
          'SOURCES_CONFLICT',
          'The source history has a merge conflict (a `<<<<<<<`, `=======` or `>>>>>>>` line). Keep the lines of both sides (a digest on both sides has the same text on both) and remove the marker lines, then build again.',
          file,
          { line: text.slice(0, marker.index).split('\n').length, col: 1 },
        ),
      ],
    };
  if (!text.trim())
    return bad('SOURCES_DAMAGED', 'The source history is empty: it was probably cut short.');
  // JSON first (fast, and what Lockstep writes); `yaml` only to say where something is wrong.
  const fast = toHistory(parseJson(text));
  if (fast instanceof Map) return { history: fast, problems: [] };
  const src = parseYamlDocument(text, file);
  const first = src.problems[0];
  if (first)
    return bad(
      'SOURCES_DAMAGED',
      `The source history does not parse (${first.message.replace(/\.? Check the indentation.*$/, '')}): it was probably cut short or edited by hand.`,
      first,
    );
  const read = toHistory(src.value);
  if (read instanceof Map) return { history: read, problems: [] };
  return bad('SOURCES_SHAPE', read.why, read.key === undefined ? undefined : src.pos([read.key]));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The entries of a parsed history, or what is wrong (and at which key). */
function toHistory(value: unknown): SourceHistory | { why: string; key?: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { why: 'The source history must be a mapping of digests to source texts.' };
  const history: SourceHistory = new Map();
  for (const [k, v] of Object.entries(value)) {
    if (k === COMMENT && typeof v === 'string') continue;
    // A text that does not have its digest would show translators a wrong previous source.
    if (!DIGEST.test(k) || typeof v !== 'string' || hash(v) !== k)
      return {
        why: `The entry ${/^[\w-]{1,30}$/.test(k) ? q(k) : 'here'} must map a 10-digit digest to the source text with that digest.`,
        key: k,
      };
    history.set(k, v);
  }
  return history;
}

/** JSON, one digest per line, sorted, so a merge of two branches rarely conflicts. */
export function formatHistory(history: SourceHistory): string {
  const lines = [`  ${JSON.stringify(COMMENT)}: ${JSON.stringify(HEADER)}`];
  for (const k of [...history.keys()].sort())
    lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(history.get(k))}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * The history the locks now call for: exactly the digests some lock records, each with the current
 * source text that has it, else the text already known (`known`, in order). Digests no lock names
 * any longer are dropped, so the file holds no more than the translated source.
 */
export function historyFor(
  source: Locale,
  locks: Lock[],
  ...known: SourceHistory[]
): SourceHistory {
  return textsFor(source, referenced(locks), known);
}

/** The digests the locks record. */
function referenced(locks: Lock[]): Set<string> {
  const wanted = new Set<string>();
  for (const lock of locks)
    for (const ns of Object.values(lock))
      for (const e of Object.values(ns)) if (e.source) wanted.add(e.source);
  return wanted;
}

function textsFor(source: Locale, wanted: Set<string>, known: SourceHistory[]): SourceHistory {
  const out: SourceHistory = new Map();
  for (const ns of source.namespaces.values())
    for (const text of ns.strings.values()) {
      if (out.size === wanted.size) break;
      const h = hash(text);
      if (wanted.has(h)) out.set(h, text);
    }
  for (const d of wanted)
    if (!out.has(d))
      for (const k of known) {
        const text = k.get(d);
        if (text !== undefined) {
          out.set(d, text);
          break;
        }
      }
  return out;
}

/** Write the history atomically, and only when it changes; a failure is `SOURCES_NOT_WRITTEN`. */
export function writeHistory(file: string, text: string, shown = file): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  try {
    writeFileAtomic(file, text);
  } catch (e) {
    const why = NOT_WRITABLE.has(errorCode(e) ?? '')
      ? 'Make the file and its folder writable, or set the `writeLock` option to `false`.'
      : 'Free some disk space or fix the cause, then build again.';
    throw new LockstepError(
      [
        problem(
          'SOURCES_NOT_WRITTEN',
          `Could not write the source history (${reason(e)}); it is unchanged. ${why}`,
          shown,
          { line: 1, col: 1 },
        ),
      ],
      `Lockstep: could not write ${q(shown)} (${reason(e)}); it is unchanged.`,
    );
  }
  return true;
}

/** Where the history lives: the real path, and the path messages show. */
export function historyPath(localesRoot: string, source: Locale): { file: string; shown: string } {
  return {
    file: join(localesRoot, source.folder, SOURCES_FILE),
    shown: join(source.path, SOURCES_FILE),
  };
}

/**
 * The history file `locks` call for, or undefined when the file already says it (or there is
 * nothing to keep and no file). `found` adds texts recovered elsewhere (git).
 */
export function historyWrite(
  localesRoot: string,
  site: HistorySite,
  locks: Lock[],
  found?: SourceHistory,
  memo?: { memo: LoadMemo; id: string },
): { file: string; text: string; shown: string } | undefined {
  const { file, shown } = historyPath(localesRoot, site.source);
  const old = site.history ?? new Map<string, string>();
  const exists = existsSync(file);
  const decide = (wanted: Set<string>) => {
    // Most builds: the file holds exactly what the locks refer to (its texts checked on load).
    if (exists && !found?.size && wanted.size === old.size && [...wanted].every((d) => old.has(d)))
      return undefined;
    const history = textsFor(site.source, wanted, [old, found ?? new Map()]);
    if (exists ? sameHistory(history, old) : !history.size) return undefined;
    return { file, text: formatHistory(history), shown };
  };
  if (!memo) return decide(referenced(locks));
  // Watch mode: each lock's digests are worked out again only when the lock changed, and kept as
  // the previous build's set when they are the same (an edited translation keeps its source), so
  // that the answer is worked out again only when something it reads changed.
  const { memo: m, id } = memo;
  const sets = locks.map((lock, i) =>
    m.intern(
      `${later(id)}${i}`,
      m.same(`${later(id)}${i}\0lock`, [lock], () => referenced([lock])),
      sameSet,
    ),
  );
  const inputs = [old, found, exists, ...site.source.namespaces.values(), ...sets];
  return m.same(later(id), inputs, () => decide(union(sets)));
}

const sameSet = (a: Set<string>, b: Set<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x));

function union(sets: Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

const sameHistory = (a: SourceHistory, b: SourceHistory) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/**
 * Bring the history in line with `locks` (after writing them: a lock that failed to write still
 * finds its texts); every build does, so locks changed by an import or a merge get their texts.
 */
export function saveHistory(
  localesRoot: string,
  site: HistorySite,
  locks: Lock[],
  found?: SourceHistory,
  memo?: LoadMemo,
): boolean {
  const w = historyWrite(localesRoot, site, locks, found, memo && { memo, id: 'history write' });
  return !!w && writeHistory(w.file, w.text, w.shown);
}

/** Every translated locale's lock as loaded, with those in `changed` (by lock file) instead. */
export function locksAfter(
  localesRoot: string,
  site: { source: Locale; locales: Locale[] },
  changed: Map<string, Lock>,
): Lock[] {
  const dir = localesRoot;
  return site.locales
    .filter((l) => l !== site.source)
    .map((l) => changed.get(join(dir, l.folder, LOCK_FILE)) ?? l.lock?.entries ?? {});
}
