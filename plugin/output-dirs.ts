import { existsSync, readdirSync } from 'node:fs';
import { rmdir, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * A one-off build's page folders, made on Node's I/O threads while the build checks the
 * translations. Eleventy makes each page's folder with a blocking `mkdirSync` just before it writes
 * the page, and every article page has its own folder: a second or more of the main thread at
 * 2,000 pages, most of it waiting on the disk. Eleventy skips the call for a folder that exists;
 * one not made yet is made by Eleventy as before, so this only saves time.
 */
export class FoldersAhead {
  /** Work not finished yet, of every instance: what `settled` waits for. */
  private static readonly busy = new Set<Promise<unknown>>();
  /** Every folder made here (the first a `mkdir` created, and those under it). */
  private readonly made: Promise<string[]>;
  /** The first page's folder. */
  private first: string | undefined;

  /** Resolves once no folder is being made or taken away (tests wait for it). */
  static async settled(): Promise<void> {
    while (FoldersAhead.busy.size) await Promise.all(FoldersAhead.busy);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    FoldersAhead.busy.add(p);
    const done = () => FoldersAhead.busy.delete(p);
    p.then(done, done);
    return p;
  }

  constructor(urls: Iterable<string>, outputDir: string) {
    const out = resolve(outputDir);
    const dirs = new Set<string>();
    for (const url of urls) {
      const file = pageFile(out, url);
      if (file === undefined) continue;
      dirs.add(dirname(file));
      this.first ??= dirname(file);
    }
    // The previous build's output is there (a warm build): its folders are, too.
    if (this.first !== undefined && existsSync(this.first)) dirs.clear();
    // Failures are left to Eleventy, which makes the folder itself and reports what fails.
    this.made = this.track(
      Promise.all(
        [...dirs].map((d) =>
          mkdir(d, { recursive: true }).then(
            (first) => (first === undefined ? [] : chain(first, d)),
            () => [],
          ),
        ),
      ).then((all) => all.flat()),
    );
  }

  /**
   * After the build: if the first page's folder is still empty, Eleventy wrote nothing (a dry run
   * through its API, which the plugin cannot tell) and the folders are taken back.
   */
  undoIfUnused(): Promise<void> {
    return this.track(
      this.made.then(() => {
        const first = this.first;
        let empty = false;
        try {
          empty = first !== undefined && readdirSync(first).length === 0;
        } catch {
          // Not there: nothing to take back.
        }
        return empty ? this.undo() : undefined;
      }),
    );
  }

  /**
   * The build failed: take away the folders made here that are still empty, deepest first, so a
   * failed build leaves the output folder as it found it. A folder with anything in it stays.
   */
  undo(): Promise<void> {
    return this.track(
      this.made.then(async (made) => {
        for (const d of [...new Set(made)].sort((a, b) => depth(b) - depth(a)))
          await rmdir(d).catch(() => {});
      }),
    );
  }
}

/**
 * The file Eleventy writes the page at `url` to, in the output folder `out`; undefined outside it
 * (addresses come from checked slugs; still, nothing is written outside the output folder).
 */
export function pageFile(out: string, url: string): string | undefined {
  const file = resolve(out, '.' + url + (url.endsWith('/') ? 'index.html' : ''));
  return relative(out, file).startsWith('..') ? undefined : file;
}

/** The folders from `first` down to `leaf`, both included. */
function chain(first: string, leaf: string): string[] {
  const out: string[] = [];
  for (let d = leaf; d.length >= first.length; d = dirname(d)) {
    out.push(d);
    if (d === first || dirname(d) === d) break;
  }
  return out;
}

const depth = (d: string) => d.split(sep).length;

/**
 * Whether a one-off build's folders are worth making ahead: Eleventy writes to disk (not JSON, not
 * `--dryrun`, which the plugin sees only on the command line).
 */
export function writesToDisk(
  ev: { directories?: { output?: string }; outputMode?: string },
  argv = process.argv,
): ev is { directories: { output: string } } {
  return !!ev.directories?.output && (ev.outputMode ?? 'fs') === 'fs' && !argv.includes('--dryrun');
}
