import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { problem, type Problem } from '../problems.js';

/**
 * The folders Lockstep may read and write in: the project root, plus any configured folder that
 * lies outside it (the user named it, so it is meant). Real paths, links resolved.
 */
export interface Bounds {
  root: string;
  /** Lexical folders (as configured) and the real folders they may lead into. */
  bases: string[];
  real: string[];
}

export function projectBounds(root: string, dirs: string[] = []): Bounds {
  const abs = resolve(root);
  const bases = [abs, ...dirs.map((d) => resolve(abs, d)).filter((d) => !within(abs, d))];
  return { root: abs, bases, real: [...new Set(bases.map(realTarget))] };
}

/** True when `path` is `dir` or inside it (lexically). */
export function within(dir: string, path: string): boolean {
  const r = relative(dir, path);
  return r === '' || (!r.startsWith('..' + sep) && r !== '..' && !isAbsolute(r));
}

/**
 * Where `path` really is: links resolved, also for a path (or a link's target) that does not exist
 * yet.
 */
export function realTarget(path: string, depth = 0): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    if (parent === path || depth > 40) return path;
    try {
      // A dangling link leads where its target would be; writing through it would create that file.
      if (lstatSync(path).isSymbolicLink())
        return realTarget(resolve(parent, readlinkSync(path)), depth + 1);
    } catch {}
    return join(realTarget(parent, depth + 1), basename(path));
  }
}

/**
 * A Problem when `path` leads outside the bounds, naming the symbolic link that leads out and where
 * to; undefined when it stays inside. Links within the project are fine.
 */
export function outsideProblem(b: Bounds, path: string, shown: string): Problem | undefined {
  const abs = resolve(b.root, path);
  if (inside(b, realTarget(abs))) return undefined;
  const base = b.bases.find((d) => within(d, abs));
  if (!base)
    return problem(
      'OUTSIDE_PROJECT',
      `This path is outside the project (\`${b.root}\`); Lockstep reads and writes only inside it.`,
      shown,
      { line: 1, col: 1 },
    );
  // The first link on the way down that leads out is the one to name.
  let cur = base;
  for (const part of relative(base, abs).split(sep).filter(Boolean)) {
    cur = join(cur, part);
    let link = false;
    try {
      link = lstatSync(cur).isSymbolicLink();
    } catch {}
    if (!link) continue;
    const to = realTarget(cur);
    if (inside(b, to)) continue;
    // The link's own path, as messages show paths: `shown` with the parts below the link removed.
    const named = join(
      shown,
      ...relative(cur, abs)
        .split(sep)
        .filter(Boolean)
        .map(() => '..'),
    );
    return problem(
      'SYMLINK_OUTSIDE',
      `\`${named}\` is a symbolic link to \`${to}\`, outside the project; Lockstep does not follow it, because it reads and writes only inside \`${b.root}\`. Move what it points to into the project and replace the link with it.`,
      named,
      { line: 1, col: 1 },
    );
  }
  return problem(
    'OUTSIDE_PROJECT',
    `This path leads outside the project (\`${b.root}\`); Lockstep reads and writes only inside it.`,
    shown,
    { line: 1, col: 1 },
  );
}

function inside(b: Bounds, real: string): boolean {
  return b.real.some((d) => within(d, real));
}
