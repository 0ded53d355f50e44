import { closeSync, fstatSync, mkdirSync, openSync, rmSync, statSync, type Stats } from 'node:fs';
import { join, dirname } from 'node:path';
import { digestBytes, type BuildCache } from '../cache.js';
import { LockstepError, problem, q } from '../problems.js';
import { readInputBytes, type InputKind } from './read.js';

/**
 * A file whose time stamps are this close to the moment it was read may change again under the same
 * stamps (coarse clocks, two-second file systems): its stamps are not recorded (git's "racy" rule,
 * as `LoadMemo.unchanged` has it). A test seam, as
 * `namespaceParses` is.
 */
export const stampOptions = { racyMs: 2000 };

/** A file's device, inode, size and time stamps (with their fraction of a millisecond). */
export const signature = (st: Stats): string =>
  `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/**
 * What a one-off build knows of an input file without opening it: the digest of its bytes when
 * its device, inode, size and time stamps are those the build cache recorded (`load.json`), as
 * git's index knows a file unchanged. An edit changes the change time (`ctime`) even when the size
 * and modification time are put back, and a file replaced by another has another inode. Stamps are
 * recorded only for a file last changed well before the build began, by the file system's clock.
 */
export class Stamps {
  /** Files known by their stamps (not opened) and files read, this build. */
  counts = { unread: 0, read: 0 };
  /** Time stamps before this are settled: the file system's clock at the start, less the window. */
  private readonly settled: number;

  constructor(
    private readonly cache: BuildCache,
    now: () => number = Date.now,
  ) {
    this.settled = -Infinity;
    if (!cache.file) return;
    // The file system stamps files by its own clock, which may run behind this process's (some
    // containers, VMs and network mounts): measured on a file written beside the cache.
    // A file created and removed at once, never read: not an atomic write (nothing to half write).
    const clock = join(dirname(cache.file), `clock-${process.pid}`);
    try {
      const before = now();
      mkdirSync(dirname(clock), { recursive: true });
      const fd = openSync(clock, 'w');
      try {
        const st = fstatSync(fd);
        this.settled = Math.min(before, st.mtimeMs, st.ctimeMs) - stampOptions.racyMs;
      } finally {
        closeSync(fd);
      }
    } catch {}
    try {
      rmSync(clock, { force: true });
    } catch {}
  }

  /** `path`'s stamps now, or undefined when it is not a regular file that can be stated. */
  stat(path: string): Stats | undefined {
    try {
      const st = statSync(path);
      return st.isFile() ? st : undefined;
    } catch {
      return undefined;
    }
  }

  /** The digest recorded under `id` for the file whose stamps are `st`, if they are the same. */
  known(id: string, st: Stats | undefined): string | undefined {
    const d =
      st &&
      this.cache.peek(`stamp ${id}`, signature(st), (v): v is string => typeof v === 'string');
    if (d) {
      this.cache.keep(`stamp ${id}`, signature(st!), d);
      this.counts.unread++;
    } else this.counts.read++;
    return d;
  }

  /** Record that the file `id` with stamps `st` (taken before it was read) had bytes `digest`. */
  record(id: string, st: Stats | undefined, digest: string): void {
    if (st && Math.max(st.mtimeMs, st.ctimeMs) < this.settled)
      this.cache.keep(`stamp ${id}`, signature(st), digest);
  }

  /**
   * The bytes of a file known by its stamps, read when something needs its text after all; throws
   * when they are not those recorded (the file changed after the build looked at it).
   */
  bytes(path: string, kind: InputKind, shown: string, digest: string): Buffer {
    const read = readInputBytes(path, kind, { shown });
    if (read.problem) throw new LockstepError([read.problem]);
    if (digestBytes(read.bytes) !== digest)
      throw new LockstepError([
        problem(
          'CHANGED_DURING_BUILD',
          `${q(shown)} changed while the build was running, after it had been checked; build again.`,
          shown,
        ),
      ]);
    return read.bytes;
  }
}
