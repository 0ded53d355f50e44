import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The file system calls a write makes. Tests replace some of them (`setWriteOps`) to make a write
 * fail, or the process die, at an exact step; nothing else should.
 */
export interface WriteOps {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Buffer, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

const real: WriteOps = {
  openSync: (p, flags, mode) => fs.openSync(p, flags, mode),
  writeSync: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (a, b) => fs.renameSync(a, b),
  unlinkSync: (p) => fs.unlinkSync(p),
  mkdirSync: (p, o) => fs.mkdirSync(p, o),
};
let ops: WriteOps = real;

/** Test seam: use `override` for the calls it names until the returned function is called. */
export function setWriteOps(override: Partial<WriteOps>): () => void {
  const before = ops;
  ops = { ...before, ...override };
  return () => {
    ops = before;
  };
}

/** The real calls, for a test's override to delegate to. */
export const realWriteOps: Readonly<WriteOps> = real;

/** A file written and synced beside its target under a temporary name, not yet renamed over it. */
export interface Staged {
  file: string;
  temp: string;
}

/**
 * Write `text` to a temporary file in `file`'s folder (a random, hidden name ending in `.tmp`,
 * which no reader of Lockstep's folders picks up) and sync it to disk. The temporary file is
 * removed on failure. `sync: false` skips the sync (see `writeFileAtomic`).
 */
export function stage(file: string, text: string | Buffer, sync = true): Staged {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = targetMode(file);
  ops.mkdirSync(dir, { recursive: true });
  let fd: number | undefined;
  try {
    fd = ops.openSync(temp, 'wx', mode);
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    for (let at = 0; at < data.length;) at += ops.writeSync(fd, data, at, data.length - at);
    if (sync) ops.fsyncSync(fd);
    const open = fd;
    fd = undefined;
    ops.closeSync(open);
  } catch (e) {
    if (fd !== undefined) quietly(() => ops.closeSync(fd!));
    quietly(() => ops.unlinkSync(temp));
    throw e;
  }
  return { file, temp };
}

/**
 * Rename a staged file over its target: readers see the old file or the new one, never part of one.
 */
export function commit(staged: Staged): void {
  try {
    ops.renameSync(staged.temp, staged.file);
  } catch (e) {
    discard(staged);
    throw e;
  }
}

export function discard(staged: Staged): void {
  quietly(() => ops.unlinkSync(staged.temp));
}

/**
 * Replace `file` with `text` atomically: a kill or a full disk leaves the old file whole. With
 * `sync: false` the text is not forced to disk before the rename: for files that only save time
 * (caches, built pages), which a power cut may then cost but never make wrong.
 */
export function writeFileAtomic(
  file: string,
  text: string | Buffer,
  { sync = true }: { sync?: boolean } = {},
): void {
  commit(stage(file, text, sync));
}

/** Remove a file through the write seam (a rollback, or a journal that is done). */
export function removeFile(path: string): void {
  ops.unlinkSync(path);
}

/**
 * A target that exists but may not be written keeps that protection: renaming over it would bypass
 * it.
 */
function targetMode(file: string): number | undefined {
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
  fs.accessSync(file, fs.constants.W_OK);
  return mode;
}

export function quietly(fn: () => void) {
  try {
    fn();
  } catch {}
}

/** The error code of a failed write (`EACCES`, `ENOSPC`...), if it has one. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Codes that mean "this file or folder may not be written", as opposed to a full disk or a bug. */
export const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** A short reason for a message: `EACCES: permission denied`, without the path Node repeats. */
export function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, \w+ '[^']*'( -> '[^']*')?$/, '').split('\n')[0]!;
}
