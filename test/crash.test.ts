import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import { build } from '../plugin/core/build.js';
import { formatLock, parseLock } from '../plugin/core/load/lock.js';
import { realWriteOps, setWriteOps, stage, type WriteOps } from '../plugin/core/write.js';
import { finishPendingWrites, PENDING_FILE } from '../plugin/core/write-all.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { cleanup, copySite, fixtures, repo } from './helpers.js';

// Crash safety: a write that fails, or a process killed, at any step of a build, `accept` or
// `import` leaves every file it writes as it was or as it should become, and the next build keeps
// every lock entry.

const FR_LOCK = 'locales/fr-FR/translations.lock';
const IT_LOCK = 'locales/it-IT/translations.lock';
const CACHE = '.cache/lockstep/quality.json';
/** What the load step keeps of each locale file: the two edited files' entries change. */
const LOAD_CACHE = '.cache/lockstep/load.json';
const seeds = ['fr-FR', 'it-IT'].map((l) => join(fixtures, 'seeds', `${l}.md`));

interface Scenario {
  name: string;
  /** Make the site's "before" state in a copy of the docs site's fixture. */
  prepare(dir: string): void;
  /** The command, in this process. */
  run(dir: string): void;
  /** The child's arguments after the folder: command, then files. */
  argv: string[];
  /** The files it writes, relative to the site. */
  files: string[];
  /**
   * A failed import puts everything back (a killed one cannot); a build writes each lock on its
   * own.
   */
  allOrNothing: boolean;
  /** It journals its renames (`writeAll` with the project's folder): one more file renamed. */
  journal?: boolean;
}

const quiet = <T>(fn: () => T): T => {
  const { log, error, warn } = console;
  console.log = console.error = console.warn = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, { log, error, warn });
  }
};
const edit = (dir: string, file: string, from: RegExp, to: string) =>
  writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf8').replace(from, to));

const scenarios: Scenario[] = [
  {
    name: 'a build that rewrites two locks and the cache',
    prepare(dir) {
      build(dir, coreConfig(resolveOptions()));
      for (const l of ['fr-FR', 'it-IT'])
        edit(dir, `locales/${l}/teams-contact-center.yaml`, /^title: (.*)$/m, 'title: $1 (revu)');
    },
    run: (dir) => void build(dir, coreConfig(resolveOptions())),
    argv: ['build'],
    files: [FR_LOCK, IT_LOCK, LOAD_CACHE, CACHE],
    allOrNothing: false,
  },
  {
    name: '`lockstep accept fr-FR`',
    prepare() {},
    run: (dir) =>
      assert.is(
        quiet(() => main(['accept', 'fr-FR'], dir)),
        0,
      ),
    argv: ['accept'],
    files: [FR_LOCK],
    allOrNothing: false,
  },
  {
    name: '`lockstep import` of two copies (two locale files and a lock)',
    prepare(dir) {
      for (const l of ['fr-FR', 'it-IT'])
        rmSync(join(dir, `locales/${l}/teams-contact-center.yaml`));
      const lock = parseLock(readFileSync(join(dir, FR_LOCK), 'utf8'));
      delete lock['teams-contact-center'];
      writeFileSync(join(dir, FR_LOCK), formatLock(lock));
    },
    run: (dir) =>
      assert.is(
        quiet(() => main(['import', ...seeds], dir)),
        0,
      ),
    argv: ['import', ...seeds],
    files: [
      'locales/fr-FR/teams-contact-center.yaml',
      'locales/it-IT/teams-contact-center.yaml',
      FR_LOCK,
    ],
    allOrNothing: true,
    journal: true,
  },
];

const copyOf = (template: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-crash-'));
  cpSync(template, dir, { recursive: true });
  return dir;
};
const contents = (dir: string, files: string[]) =>
  files.map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : undefined));
// Every call a write makes, as the seam names them.
const OPS = Object.keys(realWriteOps) as (keyof WriteOps)[];

/**
 * Run `fn` with every write call counted; at call `at` (if given) the call fails, a `writeSync`
 * after writing half its data.
 */
function counted(fn: () => void, at = -1): { steps: string[]; error?: unknown } {
  const steps: string[] = [];
  const wrap =
    (name: keyof WriteOps) =>
    (...args: unknown[]) => {
      steps.push(name);
      if (steps.length - 1 === at) {
        if (name === 'writeSync') {
          const [fd, data, offset, length] = args as [number, Buffer, number, number];
          realWriteOps.writeSync(fd, data, offset, Math.ceil(length / 2));
        }
        throw Object.assign(new Error(`EIO: injected failure at ${name}`), { code: 'EIO' });
      }
      return (realWriteOps[name] as (...a: unknown[]) => unknown)(...args);
    };
  const restore = setWriteOps(
    Object.fromEntries(OPS.map((n) => [n, wrap(n)])) as Partial<WriteOps>,
  );
  try {
    fn();
    return { steps };
  } catch (error) {
    return { steps, error };
  } finally {
    restore();
  }
}

/**
 * Whether `text` is one whole JSON document. What the load cache records depends on the time a
 * build starts (a file changed just before it is not known by its stamps), so a build run later
 * than the reference run may write another whole version: a cut-short one never parses.
 */
const wholeJson = (text: string | undefined) => {
  try {
    return text !== undefined && typeof JSON.parse(text) === 'object';
  } catch {
    return false;
  }
};

/**
 * Each file is its old or its new version; then a build succeeds and its locks hold every entry
 * they held before.
 */
function checkAfter(
  dir: string,
  s: Scenario,
  old: (string | undefined)[],
  fresh: (string | undefined)[],
  what: string,
  whole = true,
) {
  const now = contents(dir, s.files);
  s.files.forEach((f, k) =>
    assert.ok(
      now[k] === old[k] || now[k] === fresh[k] || (f === LOAD_CACHE && wholeJson(now[k])),
      `${what}: ${f} is neither the old nor the new version`,
    ),
  );
  if (whole && s.allOrNothing && !now.every((c, k) => c === fresh[k]))
    assert.equal(now, old, `${what}: only part of the import was written`);
  const locks = [FR_LOCK, IT_LOCK].map(
    (f) => [f, parseLock(readFileSync(join(dir, f), 'utf8'))] as const,
  );
  quiet(() => build(dir, coreConfig(resolveOptions())));
  for (const [f, before] of locks) {
    const after = parseLock(readFileSync(join(dir, f), 'utf8'));
    for (const ns of Object.keys(before))
      for (const key of Object.keys(before[ns]!))
        assert.ok(after[ns]?.[key], `${what}: the next build dropped ${ns}.${key} from ${f}`);
  }
}

interface Prepared {
  template: string;
  old: (string | undefined)[];
  fresh: (string | undefined)[];
  steps: string[];
}
const prepared = new Map<Scenario, Prepared>();
function prepare(s: Scenario): Prepared {
  let p = prepared.get(s);
  if (p) return p;
  const template = copySite();
  quiet(() => s.prepare(template));
  const old = contents(template, s.files);
  const dir = copyOf(template);
  const { steps, error } = counted(() => s.run(dir));
  assert.is(error, undefined);
  // Every file it writes goes through the atomic writer: one rename each.
  assert.is(
    steps.filter((n) => n === 'renameSync').length,
    s.files.length + (s.journal ? 1 : 0),
    `${s.name}: renames`,
  );
  const fresh = contents(dir, s.files);
  s.files.forEach((f, k) => assert.is.not(fresh[k], old[k], `${s.name} must change ${f}`));
  cleanup(dir);
  prepared.set(s, (p = { template, old, fresh, steps }));
  return p;
}

const seam = suite('a write that fails at any step');
for (const s of scenarios)
  seam(s.name, () => {
    const { template, old, fresh, steps } = prepare(s);
    for (let at = 0; at < steps.length; at++) {
      // The steps that matter: data half written, not yet synced, not yet renamed (the others fail
      // before or after those).
      if (!['writeSync', 'fsyncSync', 'renameSync'].includes(steps[at]!)) continue;
      const dir = copyOf(template);
      const { error } = counted(() => quiet(() => s.run(dir)), at);
      // A failed write fails the run, except a cache file's, which is a warning: then that cache
      // file is as it was.
      if (!error)
        assert.ok(
          [LOAD_CACHE, CACHE].some((f) => contents(dir, [f])[0] === old[s.files.indexOf(f)]),
          `failing ${steps[at]} (step ${at}) must fail the run`,
        );
      checkAfter(dir, s, old, fresh, `failing ${steps[at]} (step ${at})`);
      assert.is(existsSync(join(dir, PENDING_FILE)), false, `failing step ${at} left a journal`);
      cleanup(dir);
    }
  });
seam.run();

/** Run the child, which kills itself at step `at`; resolves with the signal it died of. */
function child(dir: string, s: Scenario, at: number): Promise<string | null> {
  const [command, ...files] = s.argv;
  const p = spawn(
    process.execPath,
    ['--import', 'tsx', join(repo, 'test', 'crash-child.ts'), dir, command!, String(at), ...files],
    { cwd: repo, stdio: 'ignore' },
  );
  return new Promise((resolve) => p.on('exit', (_code, signal) => resolve(signal)));
}

const kill = suite('a process killed with SIGKILL while it writes');
for (const s of scenarios)
  kill(s.name, async () => {
    const { template, old, fresh, steps } = prepare(s);
    // In the middle of the first file's data, and just before the last rename (for an import: after
    // the others were renamed).
    const points = [steps.indexOf('writeSync'), steps.lastIndexOf('renameSync')];
    const dirs = points.map(() => copyOf(template));
    const signals = await Promise.all(points.map((at, k) => child(dirs[k]!, s, at)));
    points.forEach((at, k) => {
      assert.is(signals[k], 'SIGKILL', `the child must die at step ${at}`);
      // A kill between two renames of an import leaves its journal; the next command finishes it.
      const journal = existsSync(join(dirs[k]!, PENDING_FILE));
      assert.is(journal, !!s.journal && at === points[1], `killed at step ${at}: journal`);
      const { finished } = finishPendingWrites(dirs[k]!);
      if (journal) assert.equal(finished, s.files.slice(-1), 'the rename the kill stopped');
      checkAfter(dirs[k]!, s, old, fresh, `killed at ${steps[at]} (step ${at})`);
      cleanup(dirs[k]!);
    });
  });
kill.after(() => {
  for (const p of prepared.values()) cleanup(p.template);
});
kill.run();

const next = suite('the next build or command finishes an interrupted import');
for (const how of ['build', 'lockstep check'] as const)
  next(how, () => {
    const dir = copySite();
    const file = 'locales/fr-FR/teams-contact-center.yaml';
    const text = readFileSync(join(dir, file), 'utf8').replace(
      /^title: (.*)$/m,
      'title: $1 (revu)',
    );
    const staged = stage(join(dir, file), text);
    const journal = {
      pendingWrites: 1,
      renames: [{ from: staged.temp.slice(dir.length + 1), to: file }],
    };
    writeFileSync(join(dir, PENDING_FILE), JSON.stringify(journal));
    const said: string[] = [];
    const { error, log } = console;
    console.error = (...a: unknown[]) => void said.push(a.join(' '));
    console.log = () => {};
    try {
      if (how === 'build') {
        const b = build(dir, coreConfig(resolveOptions()));
        said.push(...b.warnings.map((w) => `${w.code} ${w.message}`));
      } else assert.is(main(['check'], dir) === 1, false);
    } finally {
      Object.assign(console, { error, log });
    }
    assert.is(readFileSync(join(dir, file), 'utf8'), text);
    assert.is(existsSync(join(dir, PENDING_FILE)), false);
    assert.match(said.join('\n'), /PENDING_WRITES_FINISHED|its last file is written now/);
    cleanup(dir);
  });
next.run();
