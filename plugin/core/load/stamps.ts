import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { fileSystemClock, RACY_MS, signature } from '../file-stamps.js';
import { digestBytes, type BuildCache } from '../cache.js';
import { LockstepError, problem, q } from '../problems.js';
import { readInputBytes, type InputKind } from './read.js';

/** The racy window (`RACY_MS`), changeable by tests. */
export const stampOptions = { racyMs: RACY_MS };

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
  /**
   * The device the clock was read on: a file elsewhere (the cache on another file system than the
   * sources) may be stamped by another clock, so its stamps are not recorded.
   */
  private dev?: number;

  constructor(
    private readonly cache: BuildCache,
    now: () => number = Date.now,
  ) {
    this.settled = -Infinity;
    if (!cache.file) return;
    const before = now();
    const clock = fileSystemClock(dirname(cache.file));
    if (!clock) return;
    this.settled = Math.min(before, clock.now) - stampOptions.racyMs;
    this.dev = clock.dev;
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
    if (st && st.dev === this.dev && Math.max(st.mtimeMs, st.ctimeMs) < this.settled)
      this.cache.keep(`stamp ${id}`, signature(st), digest);
  }

  /**
   * The bytes of a file known by its stamps, read when something needs its text after all; throws
   * when they are not those recorded (the file changed after the build looked at it).
   */
  bytes(path: string, kind: InputKind, shown: string, digest: string): Buffer {
    const read = readInputBytes(path, kind, { shown });
    if (read.problem) throw new LockstepError([read.problem]);
    if (digestBytes(read.bytes) !== digest) {
      // Read in full next build, whether it was edited meanwhile or its stamps cannot be trusted.
      this.cache.forget(`stamp ${shown}`);
      this.cache.save();
      throw new LockstepError([
        problem(
          'CHANGED_DURING_BUILD',
          `${q(shown)} changed during this build: its size and time stamps were those the build cache recorded, but its text is not. Build again (the next build reads it in full); if this happens every time, the file system does not keep time stamps reliably: set the \`cache\` option to \`false\`.`,
          shown,
        ),
      ]);
    }
    return read.bytes;
  }
}
