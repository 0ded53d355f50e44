import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { outsideProblem, type Bounds } from './bounds.js';
import type { LoadMemo } from './load-memo.js';
import { positions, problem, type Problem } from '../problems.js';

/** What Lockstep reads: each kind has its own size limit and wording. */
export type InputKind = 'dataset' | 'locale' | 'lock' | 'copy' | 'page' | 'exchange';

const MB = 2 ** 20;
/**
 * Largest file of each kind, in bytes. Datasets, locale files and locks of several MB are real (a
 * large site's strings); an imported copy is one docs article, a few hundred KB at most; a page is
 * what a build wrote.
 */
export const MAX_BYTES: Record<InputKind, number> = {
  dataset: 32 * MB,
  locale: 32 * MB,
  lock: 32 * MB,
  copy: 8 * MB,
  page: 64 * MB,
  // A translator's XLIFF or PO file: one locale's strings of one article, with notes.
  exchange: 32 * MB,
};

const NAMES: Record<InputKind, string> = {
  dataset: 'dataset',
  locale: 'locale file',
  lock: 'lock file',
  copy: 'imported copy',
  page: 'page',
  exchange: "translator's file (XLIFF or PO)",
};
const PLURAL: Record<InputKind, string> = {
  dataset: 'datasets',
  locale: 'locale files',
  lock: 'lock files',
  copy: 'imported copies',
  page: 'pages',
  exchange: "translators' files (XLIFF or PO)",
};
const an = (kind: InputKind) => (/^[aeiou]/.test(NAMES[kind]) ? 'an ' : 'a ') + NAMES[kind];
const YAML_KINDS = new Set<InputKind>(['dataset', 'locale', 'lock']);

export type ReadResult =
  | { text: string; problem?: undefined; missing?: undefined }
  | { text?: undefined; problem: Problem; missing: boolean };

export interface ReadOptions {
  /** The path as messages show it; default: relative to the working directory. */
  shown?: string;
  /** Refuse a file whose real path (symbolic links resolved) is outside these folders. */
  bounds?: Bounds;
  /** In watch mode: bytes read before are not decoded and checked again (see `LoadMemo`). */
  memo?: LoadMemo;
}

/**
 * Read one input file as text: a regular file only, up to its kind's size, strictly UTF-8 (a UTF-8
 * BOM is dropped). YAML kinds may hold no raw control character. Never throws for the user's input:
 * a file that is missing, too big, not text or out of bounds is a Problem (`missing` says it does
 * not exist).
 */
export function readInput(path: string, kind: InputKind, opts: ReadOptions = {}): ReadResult {
  // Watch mode: a file as it was at the previous build is not read again.
  if (opts.memo) return opts.memo.unchanged(kind, path, () => readOnce(path, kind, opts));
  return readOnce(path, kind, opts);
}

function readOnce(path: string, kind: InputKind, opts: ReadOptions): ReadResult {
  const shown = opts.shown ?? display(path);
  const read = readInputBytes(path, kind, { ...opts, shown });
  if (read.problem) return read;
  const bytes = read.bytes;
  const decoded = decodeWith(opts.memo, bytes, kind, shown);
  return typeof decoded === 'string' ? { text: decoded } : { problem: decoded, missing: false };
}

/** `decodeInput`, once per content of the file in watch mode (`LoadMemo.decode`). */
export function decodeWith(
  memo: LoadMemo | undefined,
  bytes: Uint8Array,
  kind: InputKind,
  shown: string,
): string | Problem {
  const run = () => decodeInput(bytes, kind, shown);
  return memo ? memo.decode(kind, shown, bytes, run) : run();
}

export type BytesResult =
  | { bytes: Buffer; problem?: undefined; missing?: undefined }
  | { bytes?: undefined; problem: Problem; missing: boolean };

/**
 * `readInput` up to the bytes: a regular file in bounds, of at most its kind's size, not decoded
 * yet (`decodeInput`), for a caller that may not need its text.
 */
export function readInputBytes(
  path: string,
  kind: InputKind,
  opts: Omit<ReadOptions, 'memo'> = {},
): BytesResult {
  const shown = opts.shown ?? display(path);
  const fail = (p: Problem, missing = false): BytesResult => ({ problem: p, missing });
  if (opts.bounds) {
    const out = outsideProblem(opts.bounds, path, shown);
    if (out) return fail(out);
  }
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    return fail(errnoProblem(e, shown, kind), isMissing(e));
  }
  // A folder, a device such as `/dev/zero` or a pipe is never opened: reading one could block or
  // never end.
  if (!st.isFile()) return fail(notAFile(st, shown, kind));
  const max = MAX_BYTES[kind];
  if (st.size > max) return fail(tooLarge(st.size, max, shown, kind));
  let bytes: Buffer;
  try {
    const read = readCapped(path, max);
    if (!read) return fail(tooLarge(max + 1, max, shown, kind));
    bytes = read;
  } catch (e) {
    return fail(errnoProblem(e, shown, kind), isMissing(e));
  }
  return { bytes };
}

/**
 * At most `max` bytes, or undefined when there are more (a file that grew since it was measured).
 */
function readCapped(path: string, max: number): Buffer | undefined {
  // Non-blocking, so a file swapped for a pipe after `stat` cannot hang the open.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    // One buffer of the size `stat` gave, plus a byte to see the end: thousands of files are read
    // per build, and a fixed large chunk per file costs more in garbage collection than the reading
    // itself.
    let buf = Buffer.allocUnsafe(Math.min(stat.size + 1, max + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > max) return undefined;
        const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
        buf.copy(grown, 0, 0, total);
        buf = grown;
      }
      const want = buf.length - total;
      const n = readSync(fd, buf, total, want, null);
      total += n;
      if (total > max) return undefined;
      // A regular file reads short only at its end: no second call to be told so.
      if (n < want) break;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// YAML allows tab, LF, CR, NEL and printable text only: other C0 controls, DEL and C1 controls are
// refused.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F]/;

/**
 * Decode a file's bytes as its kind requires; the text, or the Problem that says why it is not
 * usable.
 */
export function decodeInput(bytes: Uint8Array, kind: InputKind, shown: string): string | Problem {
  const name = NAMES[kind];
  if (isUtf16(bytes))
    return problem(
      'UTF16_FILE',
      `This ${name} is encoded as UTF-16; Lockstep reads UTF-8 only. Open it in your editor and save it as UTF-8.`,
      shown,
      { line: 1, col: 1 },
    );
  let text: string;
  try {
    text = utf8.decode(bytes); // drops a leading UTF-8 BOM
  } catch {
    const at = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder().decode(bytes.subarray(0, at));
    const what = endsInside(bytes, at)
      ? 'the file ends in the middle of a character (it looks cut short)'
      : `byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')} here is not part of a character`;
    return problem(
      'NOT_UTF8',
      `This ${name} is not valid UTF-8: ${what}. Re-save it as UTF-8, checking the characters at this position.`,
      shown,
      positions(prefix)(prefix.length),
    );
  }
  if (YAML_KINDS.has(kind) || kind === 'copy') {
    const m = CONTROL.exec(text);
    if (m) {
      const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      const fix = YAML_KINDS.has(kind)
        ? 'YAML does not allow it raw; delete it, or write it as an escape such as `\\u' +
          code +
          '` inside a double-quoted string'
        : 'delete it';
      return problem(
        'CONTROL_CHARACTER',
        `This ${name} holds the control character U+${code}, which is invisible in most editors; ${fix}.`,
        shown,
        positions(text)(m.index),
      );
    }
  }
  return text;
}

/** A UTF-16 BOM, or text whose every other byte is NUL (UTF-16 without a BOM). */
function isUtf16(bytes: Uint8Array): boolean {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    return true;
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    even += +(bytes[i] === 0);
    odd += +(bytes[i + 1] === 0);
  }
  return Math.max(even, odd) >= (n / 2) * 0.6 && Math.min(even, odd) < (n / 2) * 0.2;
}

const seqLength = (c: number) =>
  c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;

/** The bad sequence at `at` is a good start of a character that the end of the file cut off. */
function endsInside(b: Uint8Array, at: number): boolean {
  const len = seqLength(b[at]!);
  return len > 0 && at + len > b.length && b.subarray(at + 1).every((c) => (c & 0xc0) === 0x80);
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (called only on
 * failure).
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = seqLength(c);
    if (!len || i + len > b.length) return i;
    const c1 = b[i + 1]!;
    // The second byte's range rules out overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length;
}

function notAFile(st: Stats, shown: string, kind: InputKind): Problem {
  const what = st.isDirectory()
    ? 'a folder'
    : st.isCharacterDevice() || st.isBlockDevice()
      ? 'a device'
      : st.isFIFO()
        ? 'a pipe'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return problem(
    'NOT_A_FILE',
    `This is ${what}, not a file; expected ${an(kind)}. Name a file instead.`,
    shown,
    { line: 1, col: 1 },
  );
}

function tooLarge(size: number, max: number, shown: string, kind: InputKind): Problem {
  const mb = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
  return problem(
    'FILE_TOO_LARGE',
    `This ${NAMES[kind]} is ${size > max ? mb(size) : 'over ' + mb(max)}; Lockstep reads ${PLURAL[kind]} of up to ${mb(max)}. Check that it is the file you meant${kind === 'copy' ? ' (one localized article)' : ''}, or split it.`,
    shown,
    { line: 1, col: 1 },
  );
}

const isMissing = (e: unknown) =>
  ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

function errnoProblem(e: unknown, shown: string, kind: InputKind): Problem {
  const code = (e as NodeJS.ErrnoException).code;
  if (isMissing(e))
    return problem('NOT_FOUND', `No such ${NAMES[kind]}; check the path.`, shown, {
      line: 1,
      col: 1,
    });
  if (code === 'ELOOP')
    return problem(
      'SYMLINK_LOOP',
      'This path is a loop of symbolic links; replace the link with the file it should name.',
      shown,
      { line: 1, col: 1 },
    );
  if (code === 'ENOTFILE')
    return problem('NOT_A_FILE', `This is not a regular file; expected ${an(kind)}.`, shown, {
      line: 1,
      col: 1,
    });
  if (code === 'EACCES' || code === 'EPERM')
    return problem(
      'CANNOT_READ',
      `This ${NAMES[kind]} cannot be read: permission denied. Give your user read access to it.`,
      shown,
      { line: 1, col: 1 },
    );
  return problem(
    'CANNOT_READ',
    `This ${NAMES[kind]} cannot be read (${code ?? 'unknown error'}); check that it is a readable file.`,
    shown,
    { line: 1, col: 1 },
  );
}

/** A path as messages show it: relative to the working directory when inside it. */
export function display(path: string, cwd = process.cwd()): string {
  const r = relative(cwd, path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}
