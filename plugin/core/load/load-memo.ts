import { createHash } from 'node:crypto';

/**
 * What reading each input file gave in the previous builds of one plugin instance (watch mode):
 * per kind and file, the text last read and what parsing and validating it gave (the value, or
 * the problems, replayed as they were). A rebuild reads every file again, but parses and checks
 * only those whose text changed; anything that depends on more than one file is worked out again
 * by the caller, or keyed on every input it reads (`same`). The results are shared between
 * builds, so nothing may change them after they are made.
 */
export class LoadMemo {
  private entries = new Map<string, { text: string; value: unknown; build: number }>();
  private pairs = new Map<string, { inputs: readonly unknown[]; value: unknown; build: number }>();
  private texts = new Map<string, { digest: string; value: unknown; build: number }>();
  private build = 0;
  /** Files parsed (their text was new) and files whose earlier result was used, this build. */
  counts = { parsed: 0, kept: 0 };

  /** A new build: counts start afresh; `end` then forgets the files it did not read. */
  begin(): void {
    this.build++;
    this.counts = { parsed: 0, kept: 0 };
  }

  /** Forget the results of files the build just finished did not read (deleted, renamed). */
  end(): void {
    for (const [k, e] of this.entries) if (e.build !== this.build) this.entries.delete(k);
    for (const [k, e] of this.pairs) if (e.build !== this.build) this.pairs.delete(k);
    for (const [k, e] of this.texts) if (e.build !== this.build) this.texts.delete(k);
  }

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
   * What `make()` gives for `inputs` (results of `parse`, compared by identity): made again when
   * any of them is not the one of the previous build.
   */
  same<T>(id: string, inputs: readonly unknown[], make: () => T): T {
    const e = this.pairs.get(id);
    if (e && e.inputs.length === inputs.length && e.inputs.every((x, i) => x === inputs[i])) {
      e.build = this.build;
      return e.value as T;
    }
    const value = make();
    this.pairs.set(id, { inputs, value, build: this.build });
    return value;
  }
}

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
