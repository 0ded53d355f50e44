import { closeSync, fstatSync, mkdirSync, openSync, rmSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/**
 * A file whose time stamps are this close to the moment it was read may change again under the same
 * stamps (coarse clocks, two-second file systems): it is not taken as unchanged later (git's
 * "racy" rule).
 */
export const RACY_MS = 2000;

/** A file's device, inode, size and time stamps (with their fraction of a millisecond). */
export const signature = (st: Stats): string =>
  `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/**
 * The file system's clock now, and its device, from a file created and removed at once in `dir`
 * (never read, so not an atomic write): it stamps files by its own clock, which may run behind
 * this process's (some containers, VMs and network mounts). Undefined when nothing can be made
 * there.
 */
export function fileSystemClock(dir: string): { now: number; dev: number } | undefined {
  const file = join(dir, `clock-${process.pid}`);
  let clock: { now: number; dev: number } | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(file, 'w');
    try {
      const st = fstatSync(fd);
      clock = { now: Math.min(st.mtimeMs, st.ctimeMs), dev: st.dev };
    } finally {
      closeSync(fd);
    }
  } catch {}
  try {
    rmSync(file, { force: true });
  } catch {}
  return clock;
}
