import * as crypto from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { problem, type Problem } from './problems.js';
import { writeFileAtomic } from './write.js';

/** A digest of text, for cache keys: full SHA-1, so two different inputs never share an entry in practice. */
export function digest(text: string): string {
  return oneShot ? oneShot('sha1', text, 'hex') : crypto.createHash('sha1').update(text).digest('hex');
}
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Bump when the shape of cached values changes. */
const FORMAT = 1;

/**
 * What a result also depends on besides its inputs: the code that computed it (every module of the core,
 * so an upgrade or a local change of Lockstep starts afresh, and the versions of the libraries that read
 * Markdown and YAML for it) and Node with its ICU data (plural rules, Unicode classes).
 */
let codeDigest: string | undefined;
function code(): string {
  if (codeDigest === undefined) {
    const dir = dirname(fileURLToPath(import.meta.url));
    const parts: string[] = [process.version, JSON.stringify(process.versions), process.env.NODE_ICU_DATA ?? '', ...['markdown-it', 'yaml'].map(version)];
    for (const sub of ['.', 'import'])
      try {
        for (const f of readdirSync(join(dir, sub)).sort()) if (/\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts')) parts.push(f, readFileSync(join(dir, sub, f), 'utf8'));
      } catch {}
    codeDigest = digest(parts.join('\0'));
  }
  return codeDigest;
}

/** The installed version of a dependency: its package.json, found above its entry point (`exports` may hide the file itself). */
function version(pkg: string): string {
  try {
    for (let d = dirname(createRequire(import.meta.url).resolve(pkg)); d !== dirname(d); d = dirname(d)) {
      try {
        const meta = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (meta.name === pkg) return `${pkg}@${meta.version}`;
      } catch {}
    }
  } catch {}
  return `${pkg}@?`;
}

interface Entry { key: string; value: unknown }
interface CacheFile { lockstep: number; code: string; entries: Record<string, Entry> }

/**
 * One JSON file of results that are expensive to work out and depend only on what their key digests
 * (the text of the files they were made from), like ESLint's `--cache`. A build reads it once, looks
 * entries up by id and key, and `save()` keeps exactly the entries this build used or made, so the file
 * never grows with history. A missing, damaged or foreign file is an empty cache: the build is slower, never wrong.
 */
export class BuildCache {
  private before: Record<string, Entry> | undefined;
  private readonly after = new Map<string, Entry>();
  private changed = false;

  /** `file` undefined: a cache that remembers nothing (the `cache: false` option). */
  constructor(readonly file: string | undefined) {}

  /** The value stored under `id` when its key is `key` and it passes `valid` (a damaged entry is a miss, not a crash). */
  get<T>(id: string, key: string, valid: (value: unknown) => value is T): T | undefined {
    const entry = this.read()[id];
    if (!entry || typeof entry !== 'object' || entry.key !== key || !valid(entry.value)) return undefined;
    this.after.set(id, entry);
    return entry.value;
  }

  set(id: string, key: string, value: unknown): void {
    if (!this.file) return;
    this.after.set(id, { key, value });
    this.changed = true;
  }

  /** Write the file if this build changed what it should hold; returns why it could not be written, if it could not. */
  save(): string | undefined {
    if (!this.file) return undefined;
    const before = this.read();
    if (!this.changed && Object.keys(before).length === this.after.size) return undefined;
    const content: CacheFile = { lockstep: FORMAT, code: code(), entries: Object.fromEntries(this.after) };
    // Atomic: a build running at the same time, or after a kill, reads the old file or the new one, never half of one.
    try {
      writeFileAtomic(this.file, JSON.stringify(content));
    } catch (e) {
      return (e as Error).message;
    }
    this.before = content.entries;
    this.changed = false;
    return undefined;
  }

  private read(): Record<string, Entry> {
    if (this.before) return this.before;
    this.before = {};
    if (!this.file) return this.before;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (data.lockstep === FORMAT && data.code === code() && data.entries && typeof data.entries === 'object') this.before = data.entries;
    } catch {}
    return this.before;
  }
}

/** The cache could not be written: the build is right, only the next one does the same work again. */
export function cacheProblem(root: string, file: string, why: string): Problem {
  const dir = relative(root, dirname(file)) || '.';
  return problem('CACHE_NOT_WRITTEN', `Could not write the build cache (${why}); builds stay correct but redo the work it would save. Make \`${dir}\` writable, or set the \`cache\` option to another folder or to \`false\`.`, dir, undefined, 'warning');
}
