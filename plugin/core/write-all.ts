import * as fs from 'node:fs';
import { within } from './load/bounds.js';
import { LockstepError, problem, q, type Problem } from './problems.js';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  commit,
  discard,
  quietly,
  removeFile,
  stage,
  writeFileAtomic,
  type Staged,
} from './write.js';

/**
 * The journal of a multi-file write in progress, in the project's folder: the renames still to
 * do. A process killed between two renames leaves it, and the next command or build finishes them.
 */
export const PENDING_FILE = '.lockstep-pending.json';

interface Journal {
  pendingWrites: 1;
  /** The process writing: while it runs, its renames are its own to finish. */
  pid?: number;
  /** Each staged file and its target, relative to the project's folder. */
  renames: { from: string; to: string }[];
}

/**
 * Write several files all or nothing: stage every one, then rename them; if a step fails, the files
 * already replaced get their old content back (or are removed if they are new) and the rest are
 * left alone. Throws the first error, with `restoreFailed` listing any file that could not be put
 * back. With `root` (the project's folder, holding every file), the renames are journaled first, so
 * a process killed between two of them is finished by the next `finishPendingWrites(root)`.
 */
export function writeAll(files: { file: string; text: string }[], root?: string): void {
  // Folders this creates are removed again on failure: an empty locale folder would be a new
  // language.
  const created = [...new Set(files.map((f) => dirname(f.file)))].filter((d) => !fs.existsSync(d));
  const undo = () => created.forEach((d) => quietly(() => fs.rmdirSync(d)));
  const staged: Staged[] = [];
  try {
    for (const f of files) staged.push(stage(f.file, f.text));
  } catch (e) {
    staged.forEach(discard);
    undo();
    throw e;
  }
  // What each target held before, to put it back if a later rename fails.
  const before = staged.map((s) => (fs.existsSync(s.file) ? fs.readFileSync(s.file) : undefined));
  const journal =
    root && staged.every((s) => within(resolve(root), resolve(s.file)))
      ? join(root, PENDING_FILE)
      : '';
  let done = 0;
  try {
    if (journal && staged.length > 1) writeFileAtomic(journal, journalText(root!, staged));
    for (; done < staged.length; done++) commit(staged[done]!);
  } catch (e) {
    staged.slice(done + 1).forEach(discard);
    const restoreFailed: string[] = [];
    for (let k = done - 1; k >= 0; k--) {
      const { file } = staged[k]!;
      const old = before[k];
      try {
        if (old === undefined) removeFile(file);
        else writeFileAtomic(file, old);
      } catch {
        restoreFailed.push(file);
      }
    }
    if (restoreFailed.length) Object.assign(e as object, { restoreFailed });
    else undo();
    // Its staged files are gone: a journal left behind would find nothing to rename.
    if (journal) quietly(() => removeFile(journal));
    throw e;
  }
  if (journal && staged.length > 1) quietly(() => removeFile(journal));
}

/**
 * Finish the renames a killed `writeAll` left in `root`'s journal: the files it had staged become
 * what that command meant to write. Returns the files finished (relative to `root`), or why the
 * journal was not used (then it is left for the user to look at).
 */
export function finishPendingWrites(root: string): { finished: string[]; refused?: string } {
  const file = join(root, PENDING_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { finished: [] };
  }
  const journal = journalOf(text);
  if (!journal)
    return { finished: [], refused: 'it is not a journal Lockstep wrote, or it was edited' };
  // A command still at work (a build that a watched file started, beside an import): not ours.
  if (journal.pid !== undefined && journal.pid !== process.pid && running(journal.pid))
    return { finished: [] };
  const renames = journal.renames;
  const finished: string[] = [];
  for (const r of renames) {
    const staged = { temp: resolve(root, r.from), file: resolve(root, r.to) };
    if (!fs.existsSync(staged.temp)) continue;
    commit(staged);
    finished.push(r.to);
  }
  removeFile(file);
  return { finished };
}

function journalText(root: string, staged: Staged[]): string {
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const journal: Journal = {
    pendingWrites: 1,
    pid: process.pid,
    renames: staged.map((s) => ({ from: rel(s.temp), to: rel(s.file) })),
  };
  return JSON.stringify(journal, null, 2) + '\n';
}

/**
 * The journal, if it is one `writeAll` wrote: each staged file is a temporary name beside its own
 * target, inside the project, so an edited journal cannot move any other file.
 */
function journalOf(text: string): Journal | undefined {
  let j: Partial<Journal>;
  try {
    j = JSON.parse(text) as Partial<Journal>;
  } catch {
    return undefined;
  }
  if (j?.pendingWrites !== 1 || !Array.isArray(j.renames)) return undefined;
  if (j.pid !== undefined && !(Number.isSafeInteger(j.pid) && j.pid > 0)) return undefined;
  const ok = j.renames.every(
    (r) =>
      typeof r?.from === 'string' &&
      typeof r.to === 'string' &&
      !isAbsolute(r.to) &&
      !r.to.split('/').includes('..') &&
      dirname(r.from) === dirname(r.to) &&
      isTempOf(basename(r.from), basename(r.to)),
  );
  return ok ? (j as Journal) : undefined;
}

/** Whether a process of this id runs (signal 0 tests it without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** `stage`'s temporary name for `name`: `.name.` then 12 hex digits and `.tmp`. */
function isTempOf(temp: string, name: string): boolean {
  const prefix = `.${name}.`;
  return temp.startsWith(prefix) && /^[0-9a-f]{12}\.tmp$/.test(temp.slice(prefix.length));
}

/**
 * `finishPendingWrites` as a build or a command runs it first: what it finished is a warning;
 * a journal it will not use stops them, since the files it names may be half written.
 */
export function pendingWrites(root: string): Problem[] {
  const { finished, refused } = finishPendingWrites(root);
  if (refused)
    throw new LockstepError([
      problem(
        'PENDING_WRITES_REFUSED',
        `An earlier Lockstep command was stopped while it wrote several files, and its journal cannot be used: ${refused}. Check the files it lists (git shows what changed), then delete ${q(PENDING_FILE)}.`,
        PENDING_FILE,
        { line: 1, col: 1 },
      ),
    ]);
  if (!finished.length) return [];
  return [
    problem(
      'PENDING_WRITES_FINISHED',
      `An earlier Lockstep command was stopped while it wrote several files; its last ${finished.length === 1 ? 'file is' : `${finished.length} files are`} written now: ${finished.map(q).join(', ')}.`,
      finished[0]!,
      { line: 1, col: 1 },
      'warning',
    ),
  ];
}
