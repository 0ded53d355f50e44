import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import { BuildCache } from '../cache.js';
import { fileSystemClock, RACY_MS, signature } from '../file-stamps.js';

/**
 * What reading each input file gave in the previous builds of one plugin instance (watch mode):
 * per kind and file, the text last read and what parsing and validating it gave (the value, or
 * the problems, replayed as they were). A rebuild does not open a file whose size and time stamps
 * are as before (`unchanged`), and parses and checks only those whose text changed; anything that
 * depends on more than one file is worked out again by the caller, or keyed on every input it
 * reads (`same`, also for later steps' results: `later`). The results are shared between builds,
 * so nothing may change them after they are made.
 */
export class LoadMemo {
  private entries = new Map<string, { text: string; value: unknown; build: number }>();
  private pairs = new Map<string, { inputs: readonly unknown[]; value: unknown; build: number }>();
  private texts = new Map<string, { digest: string; value: unknown; build: number }>();
  private stats = new Map<string, { sig: string; value: unknown; build: number }>();
  private caches = new Map<string, BuildCache>();
  private build = 0;

  /** How far the file system's clock runs behind this process's, as last measured (`begin`). */
  private lag = 0;

  /**
   * `racyMs`: how recent a file's time stamps may be for it to be taken as unchanged later; `now`:
   * this process's clock (a test seam).
   */
  constructor(
    private readonly racyMs = RACY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Files parsed (their text was new), files whose earlier result was used, and files not even read
   * (their size and time stamps were as before), this build; and the namespaces whose strings were
   * checked anew (the others' findings kept from an earlier build or the build cache).
   */
  counts = { parsed: 0, kept: 0, unread: 0, assessed: 0 };

  /**
   * A new build: counts start afresh; `end` then forgets the files it did not read. How far the
   * file system's clock runs behind is measured in the folder `clockDir` and added to the racy
   * window, so a file written just now is never taken as settled.
   */
  begin(clockDir?: string): void {
    const fs = clockDir === undefined ? undefined : fileSystemClock(clockDir);
    if (fs) this.lag = Math.max(0, this.now() - fs.now);
    this.build++;
    this.touched.clear();
    this.counts = { parsed: 0, kept: 0, unread: 0, assessed: 0 };
  }

  /** Forget the results of files the build just finished did not read (deleted, renamed). */
  end(): void {
    for (const [k, e] of this.entries) if (e.build !== this.build) this.entries.delete(k);
    // Results of later steps are made after this: they are forgotten by `sweep`.
    for (const [k, e] of this.pairs)
      if (e.build !== this.build && !k.startsWith(LATER)) this.pairs.delete(k);
    for (const [k, e] of this.texts) if (e.build !== this.build) this.texts.delete(k);
    for (const [k, e] of this.stats) if (e.build !== this.build) this.stats.delete(k);
  }

  /**
   * What `make()` gave when `path` was last read, if the file has the same size, inode and time
   * stamps: a rebuild at thousands of files then opens only those that changed. Anything `make`
   * returns (problems included) is replayed as it was.
   */
  unchanged<T>(kind: string, path: string, make: () => T): T {
    const id = kind + '\0' + path;
    const a = this.assumed;
    if (a && a.kinds.has(kind) && !a.changed.has(path)) {
      const known = this.stats.get(id);
      if (known) {
        known.build = this.build;
        this.counts.unread++;
        a.taken.push({ id, kind, path, sig: known.sig });
        return known.value as T;
      }
    }
    let sig: string | undefined;
    let stamp = 0;
    let st: Stats | undefined;
    try {
      st = statSync(path);
    } catch {}
    // Milliseconds with their fraction (microseconds), so an edit right after another still tells.
    if (st?.isFile()) {
      sig = signature(st);
      stamp = Math.max(st.mtimeMs, st.ctimeMs);
    }
    const e = sig === undefined ? undefined : this.stats.get(id);
    if (e && e.sig === sig) {
      e.build = this.build;
      this.counts.unread++;
      return e.value as T;
    }
    const started = this.now() - this.lag;
    const value = make();
    if (sig && stamp < started - this.racyMs) this.stats.set(id, { sig, value, build: this.build });
    else this.stats.delete(id);
    return value;
  }

  /**
   * For the next build: of files of `kinds`, only those in `changed` (absolute paths; the watcher's
   * list) may have changed since the previous build, so any other this memo knows is taken as it
   * was without a `stat` (10,000 of them take a tenth of a second) until `confirm`.
   */
  assume(changed: Iterable<string>, kinds: Iterable<string>): void {
    this.assumed = { changed: new Set(changed), kinds: new Set(kinds), taken: [] };
  }

  /**
   * Whether every file taken as unchanged since `assume` still has the stamps it was known by; one
   * that does not is forgotten, so the next build reads it. Ends the assumption.
   */
  confirm(): boolean {
    const a = this.assumed;
    this.assumed = undefined;
    return this.still(a?.taken ?? []);
  }

  /**
   * `confirm`, now, for the files taken as unchanged that pass `test`, before anything is written
   * from them (the rest wait for `confirm`); the assumption goes on.
   */
  confirmSome(test: (path: string, kind: string) => boolean): boolean {
    const a = this.assumed;
    if (!a) return true;
    const now: typeof a.taken = [];
    const rest: typeof a.taken = [];
    for (const t of a.taken) (test(t.path, t.kind) ? now : rest).push(t);
    a.taken = rest;
    return this.still(now);
  }

  /** Whether each file still has its stamps; one that has not is forgotten. */
  private still(taken: { id: string; path: string; sig: string }[]): boolean {
    let same = true;
    for (const t of taken) {
      let sig: string | undefined;
      try {
        const st = statSync(t.path);
        if (st.isFile()) sig = signature(st);
      } catch {}
      if (sig !== t.sig) {
        this.stats.delete(t.id);
        same = false;
      }
    }
    return same;
  }

  private assumed?: {
    changed: Set<string>;
    kinds: Set<string>;
    taken: { id: string; kind: string; path: string; sig: string }[];
  };

  /** Forget the results of a later step (ids from `later(step)`) this build did not use. */
  sweep(step: string): void {
    const prefix = later(step);
    for (const [k, e] of this.pairs)
      if (
        k.startsWith(prefix) &&
        e.build !== this.build &&
        !this.touched.has(k.slice(0, k.indexOf('\0', prefix.length) + 1))
      )
        this.pairs.delete(k);
  }

  /**
   * `value`, or the value kept under `id` by the previous build when `equal` finds them the same,
   * so that `same` calls taking it as an input see the previous build's object.
   */
  intern<T>(id: string, value: T, equal: (a: T, b: T) => boolean): T {
    const e = this.pairs.get(id);
    if (e && (e.value === value || equal(e.value as T, value))) {
      e.build = this.build;
      return e.value as T;
    }
    this.pairs.set(id, { inputs: [], value, build: this.build });
    return value;
  }

  /** The build cache in `file` for this build: the previous build's carried over (`next`). */
  cache(file: string): BuildCache {
    const c = this.caches.get(file)?.next() ?? new BuildCache(file);
    this.caches.set(file, c);
    return c;
  }

  /** Keep `value` under `id` (a later step's, see `later`) until a build does not `hold` it. */
  hold(id: string, value: unknown): void {
    this.pairs.set(id, { inputs: [], value, build: this.build });
  }

  /** What `hold` kept under `id` in this build or the previous one. */
  held(id: string): unknown {
    return this.pairs.get(id)?.value;
  }

  /**
   * Keep the results of a later step whose id starts with `prefix` (`later(step)`, a name, `\0`)
   * for this build, used or not: `sweep` spares them (one look-up each, not a pass over the memo
   * per call).
   */
  touch(prefix: string): void {
    this.touched.add(prefix);
  }
  private touched = new Set<string>();

  /** What `make()` gives for `text`, the contents of `file` read as `kind`: made once per text. */
  parse<T>(kind: string, file: string, text: string, make: () => T): T {
    const id = kind + '\0' + file;
    const e = this.entries.get(id);
    if (e && e.text === text) {
      e.build = this.build;
      this.counts.kept++;
      return e.value as T;
    }
    const value = make();
    this.entries.set(id, { text, value, build: this.build });
    this.counts.parsed++;
    return value;
  }

  /** Whether `parse` holds a result for this text of `file` (kept for this build if so). */
  knows(kind: string, file: string, text: string): boolean {
    const e = this.entries.get(kind + '\0' + file);
    if (e?.text !== text) return false;
    e.build = this.build;
    return true;
  }

  /**
   * The text of `bytes`, read from `file` as `kind` (or why it is not usable): decoded and checked
   * once per content, found by its digest. The same text as before is the same string, which
   * `parse` then compares at no cost.
   */
  decode<T>(kind: string, file: string, bytes: Uint8Array, make: () => T): T {
    const id = kind + '\0' + file;
    const d = createHash('sha1').update(bytes).digest('hex');
    const e = this.texts.get(id);
    if (e && e.digest === d) {
      e.build = this.build;
      return e.value as T;
    }
    const value = make();
    this.texts.set(id, { digest: d, value, build: this.build });
    return value;
  }

  /**
   * What `make()` gives for `inputs` (results of `parse`, compared by identity unless `equal` says
   * otherwise): made again when any of them is not the one of the previous build.
   */
  same<T>(
    id: string,
    inputs: readonly unknown[],
    make: () => T,
    equal: (a: unknown, b: unknown, i: number) => boolean = (a, b) => a === b,
  ): T {
    const e = this.pairs.get(id);
    if (
      e &&
      e.inputs.length === inputs.length &&
      e.inputs.every((x, i) => equal(x, inputs[i], i))
    ) {
      e.build = this.build;
      return e.value as T;
    }
    const value = make();
    this.pairs.set(id, { inputs, value, build: this.build });
    return value;
  }
}

/** A file taken as unchanged (`LoadMemo.assume`) had changed: the build stops before writing. */
export class UnseenChange extends Error {
  constructor() {
    super('Internal: a file the watcher did not name changed; the build reads it again.');
  }
}

/** Ids of `same` results made by steps after loading start with this. */
const LATER = '\0later\0';
export const later = (step: string) => `${LATER}${step}\0`;

/** `memo.parse(...)`, or `make()` when there is no memo (a one-off build). */
export function parsed<T>(
  memo: LoadMemo | undefined,
  kind: string,
  file: string,
  text: string,
  make: () => T,
): T {
  return memo ? memo.parse(kind, file, text, make) : make();
}
