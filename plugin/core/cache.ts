import { signature } from './file-stamps.js';
import * as crypto from 'node:crypto';
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Memo } from './memo.js';
import { problem, type Problem } from './problems.js';
import { writeFileAtomic } from './write.js';

/**
 * A digest of text, for cache keys: full SHA-1, so two different inputs never share an entry in
 * practice.
 */
export function digest(text: string): string {
  return oneShot
    ? oneShot('sha1', text, 'hex')
    : crypto.createHash('sha1').update(text).digest('hex');
}
/** The digest of a file's bytes: `digest` of its text when the bytes are that text's UTF-8. */
export function digestBytes(bytes: Buffer): string {
  return oneShot
    ? oneShot('sha1', bytes, 'hex')
    : crypto.createHash('sha1').update(bytes).digest('hex');
}
const oneShot = (
  crypto as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }
).hash;

/** Bump when the shape of cached values changes. */
const FORMAT = 2;

/**
 * What a result also depends on besides its inputs: the code that computed it (every module of the
 * core, in every folder, so an upgrade or a local change of Lockstep starts afresh, and the
 * versions of the libraries that read Markdown and YAML for it) and Node with its ICU data (plural
 * rules, Unicode classes).
 */
// Kept per process on purpose: the code and Node cannot change while a process runs, and hashing
// every module again for each cache (once per build in watch mode) would cost a read of the core.
let codeDigest: string | undefined;
function code(): string {
  if (codeDigest === undefined) {
    const dir = dirname(fileURLToPath(import.meta.url));
    const parts: string[] = [
      process.version,
      JSON.stringify(process.versions),
      process.env.NODE_ICU_DATA ?? '',
      ...['markdown-it', 'yaml'].map(installedVersion),
    ];
    for (const f of modules(dir)) parts.push(relative(dir, f), readFileSync(f, 'utf8'));
    codeDigest = digest(parts.join('\0'));
  }
  return codeDigest;
}

/** The core's modules under `dir`, every folder down, in a stable order. */
function modules(dir: string): string[] {
  let names: Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return names
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) =>
      d.isDirectory()
        ? modules(join(dir, d.name))
        : /\.[cm]?[jt]s$/.test(d.name) && !d.name.endsWith('.d.ts')
          ? [join(dir, d.name)]
          : [],
    );
}

/**
 * A file a result was made from, known by the digest of its text; undefined when that is not known.
 */
export interface FileInput {
  readonly file: string;
  readonly digest?: string;
}

const isFile = (v: object): v is FileInput =>
  'file' in v && 'digest' in v && typeof (v as { file: unknown }).file === 'string';

/**
 * The key of a result made from `inputs` and nothing else: a digest of their values, files by their
 * path and digest (never their text), maps and sets as lists, per-build memos left out. Undefined
 * when a file among them has no digest: such a result cannot be cached.
 */
export function inputsKey(inputs: Record<string, unknown>): string | undefined {
  let known = true;
  const json = JSON.stringify(inputs, (_k, v: unknown) => {
    if (!v || typeof v !== 'object') return v;
    if (v instanceof Memo) return undefined;
    if (v instanceof Map || v instanceof Set) return [...v];
    if (!Array.isArray(v) && isFile(v)) {
      if (v.digest === undefined) known = false;
      return [v.file, v.digest];
    }
    return v;
  });
  return known ? digest(json) : undefined;
}

/**
 * The installed version of a dependency (`nunjucks@3.2.4`): its package.json, found above its entry
 * point (`exports` may hide the file itself).
 */
export function installedVersion(pkg: string): string {
  try {
    for (
      let d = dirname(createRequire(import.meta.url).resolve(pkg));
      d !== dirname(d);
      d = dirname(d)
    ) {
      try {
        const meta = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (meta.name === pkg) return `${pkg}@${meta.version}`;
      } catch {}
    }
  } catch {}
  return `${pkg}@?`;
}

interface Entry {
  key: string;
  value: unknown;
}
interface CacheFile {
  lockstep: number;
  code: string;
  entries: Record<string, Entry>;
}

/** A file's size, inode and time stamps; undefined when it cannot be read (missing, no folder). */
function stampOf(file: string): string | undefined {
  try {
    return signature(statSync(file));
  } catch {
    return undefined;
  }
}

/**
 * One JSON file of results that are expensive to work out and depend only on what their key digests
 * (the text of the files they were made from), like ESLint's `--cache`. A build reads it once,
 * looks entries up by id and key, and `save()` keeps exactly the entries this build used or made,
 * so the file never grows with history. A missing, damaged or foreign file is an empty cache: the
 * build is slower, never wrong.
 */
export class BuildCache {
  private before: Record<string, Entry> | undefined;
  private readonly after = new Map<string, Entry>();
  private changed = false;

  /** The file's stamps when `before` was read from it or written to it. */
  private stamp: string | undefined;

  /** `file` undefined: a cache that remembers nothing (the `cache: false` option). */
  constructor(readonly file: string | undefined) {}

  /**
   * The cache for the next build of this process (watch mode): what the file holds now, without
   * reading and parsing it again, unless the file changed on disk since (another build, an edit).
   */
  next(): BuildCache {
    const c = new BuildCache(this.file);
    if (this.file && this.before && this.stamp !== undefined && this.stamp === stampOf(this.file)) {
      c.before = this.before;
      c.stamp = this.stamp;
    }
    return c;
  }

  /**
   * The result of `compute` for `inputs`, from the cache when an entry `id` was made from the same
   * inputs (and passes `valid`: a damaged entry is a miss, not a crash). `compute` must read
   * nothing but `inputs` (and what is made from them), so that a new input cannot be left out of
   * the key. A new result is stored unless `keep` says no. `hit` tells a cached result from a fresh
   * one.
   */
  through<I extends Record<string, unknown>, T>(
    id: string,
    inputs: I,
    valid: (value: unknown) => value is T,
    compute: (inputs: I) => T,
    keep: (value: T) => boolean = () => true,
  ): { value: T; hit: boolean } {
    const key = this.file ? inputsKey(inputs) : undefined;
    const entry = key === undefined ? undefined : this.read()[id];
    if (entry && typeof entry === 'object' && entry.key === key && valid(entry.value)) {
      this.after.set(id, entry);
      return { value: entry.value, hit: true };
    }
    const value = compute(inputs);
    if (key !== undefined && keep(value)) {
      this.after.set(id, { key, value });
      this.changed = true;
    }
    return { value, hit: false };
  }

  /**
   * The value of entry `id` if it was stored under `key` and passes `valid`, without keeping it:
   * for a result whose validity the caller checks further (`keep` it then).
   */
  peek<T>(id: string, key: string, valid: (value: unknown) => value is T): T | undefined {
    const entry = this.file ? this.read()[id] : undefined;
    return entry && typeof entry === 'object' && entry.key === key && valid(entry.value)
      ? entry.value
      : undefined;
  }

  /** Keep entry `id` in the file this build saves, as `value` under `key`. */
  keep(id: string, key: string, value: unknown): void {
    if (!this.file) return;
    const before = this.read()[id];
    // The very value read from the file (a `peek` kept as it was) needs no comparing.
    const same = before?.key === key && before.value === value;
    if (!same && (before?.key !== key || JSON.stringify(before.value) !== JSON.stringify(value)))
      this.changed = true;
    this.after.set(id, { key, value });
  }

  /** Leave entry `id` out of the file this build saves. */
  forget(id: string): void {
    if (this.after.delete(id) || this.read()[id]) this.changed = true;
  }

  /**
   * Write the file if this build changed what it should hold; returns why it could not be written,
   * if it could not.
   */
  save(): string | undefined {
    if (!this.file) return undefined;
    const before = this.read();
    if (!this.changed && Object.keys(before).length === this.after.size) return undefined;
    const content: CacheFile = {
      lockstep: FORMAT,
      code: code(),
      entries: Object.fromEntries(this.after),
    };
    // Atomic: a build running at the same time, or after a kill, reads the old file or the new one,
    // never half of one.
    try {
      // Atomic but not synced: a cache lost to a power cut is a slower build, never a wrong one.
      writeFileAtomic(this.file, JSON.stringify(content), { sync: false });
    } catch (e) {
      return (e as Error).message;
    }
    this.before = content.entries;
    this.stamp = stampOf(this.file);
    this.changed = false;
    return undefined;
  }

  private read(): Record<string, Entry> {
    if (this.before) return this.before;
    this.before = {};
    if (!this.file) return this.before;
    // Before reading: a change after this is a different stamp, and `next` reads the file again.
    this.stamp = stampOf(this.file);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (
        data.lockstep === FORMAT &&
        data.code === code() &&
        data.entries &&
        typeof data.entries === 'object'
      )
        this.before = data.entries;
    } catch {}
    return this.before;
  }
}

/**
 * The cache could not be written: the build is right, only the next one does the same work again.
 */
export function cacheProblem(root: string, file: string, why: string): Problem {
  const dir = relative(root, dirname(file)) || '.';
  return problem(
    'CACHE_NOT_WRITTEN',
    `Could not write the build cache (${why}); builds stay correct but redo the work it would save. Make \`${dir}\` writable, or set the \`cache\` option to another folder or to \`false\`.`,
    dir,
    undefined,
    'warning',
  );
}
