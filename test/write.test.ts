import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realWriteOps, setWriteOps, stage, writeFileAtomic } from '../plugin/core/write.js';
import {
  finishPendingWrites,
  PENDING_FILE,
  pendingWrites,
  writeAll,
} from '../plugin/core/write-all.js';
import { LockstepError } from '../plugin/core/problems.js';
import { BuildCache } from '../plugin/core/cache.js';
import { cleanup } from './helpers.js';

const fail = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const folder = () => mkdtempSync(join(tmpdir(), 'lockstep-write-'));
const read = (f: string) => readFileSync(f, 'utf8');

const atomic = suite('writeFileAtomic');
atomic('replaces the file and leaves nothing beside it', () => {
  const dir = folder();
  const file = join(dir, 'translations.lock');
  writeFileSync(file, 'old\n');
  writeFileAtomic(file, 'new\n');
  assert.is(read(file), 'new\n');
  assert.equal(readdirSync(dir), ['translations.lock']);
  cleanup(dir);
});

atomic(
  'a write that fails half way (a full disk) leaves the old file whole and no temporary file',
  () => {
    const dir = folder();
    const file = join(dir, 'guide.yaml');
    writeFileSync(file, 'title: Ancien\n');
    const restore = setWriteOps({
      writeSync: (fd, data, offset, length) => {
        realWriteOps.writeSync(fd, data, offset, Math.min(length, 3));
        throw fail('ENOSPC');
      },
    });
    try {
      assert.throws(() => writeFileAtomic(file, 'title: Nouveau, bien plus long\n'), /ENOSPC/);
    } finally {
      restore();
    }
    assert.is(read(file), 'title: Ancien\n');
    assert.equal(readdirSync(dir), ['guide.yaml']);
    cleanup(dir);
  },
);

atomic('a rename that fails (an immutable file) leaves the old file and no temporary file', () => {
  const dir = folder();
  const file = join(dir, 'translations.lock');
  writeFileSync(file, 'old\n');
  const restore = setWriteOps({
    renameSync: () => {
      throw fail('EPERM');
    },
  });
  try {
    assert.throws(
      () => writeFileAtomic(file, 'new\n'),
      (e: { code?: string }) => e.code === 'EPERM',
    );
  } finally {
    restore();
  }
  assert.is(read(file), 'old\n');
  assert.equal(readdirSync(dir), ['translations.lock']);
  cleanup(dir);
});

atomic('syncs the data before renaming, and keeps the file mode', () => {
  const dir = folder();
  const file = join(dir, 'quality.json');
  writeFileSync(file, '{}');
  chmodSync(file, 0o600);
  const calls: string[] = [];
  const restore = setWriteOps({
    fsyncSync: (fd) => (calls.push('fsync'), realWriteOps.fsyncSync(fd)),
    renameSync: (a, b) => (calls.push('rename'), realWriteOps.renameSync(a, b)),
  });
  try {
    writeFileAtomic(file, '{"a":1}');
  } finally {
    restore();
  }
  assert.equal(calls, ['fsync', 'rename']);
  assert.is(statSync(file).mode & 0o777, 0o600);
  cleanup(dir);
});
atomic('syncs before the rename, except for files that only save time (caches)', () => {
  const dir = folder();
  let syncs = 0;
  const restore = setWriteOps({ fsyncSync: (fd) => (syncs++, realWriteOps.fsyncSync(fd)) });
  try {
    writeFileAtomic(join(dir, 'translations.lock'), 'a');
    assert.is(syncs, 1, 'a file the user keeps is synced');
    writeFileAtomic(join(dir, 'page.html'), 'b', { sync: false });
    assert.is(syncs, 1);
    const cache = new BuildCache(join(dir, 'cache.json'));
    cache.through(
      'x',
      { a: 1 },
      (v): v is number => typeof v === 'number',
      () => 1,
    );
    assert.is(cache.save(), undefined);
    assert.ok(existsSync(join(dir, 'cache.json')));
    assert.is(syncs, 1, 'the build cache is written unsynced');
  } finally {
    restore();
    cleanup(dir);
  }
});
atomic.run();

const all = suite('writeAll');
all(
  'a rename that fails puts back the files already replaced and removes new ones and new folders',
  () => {
    const dir = folder();
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'fr-FR', 'b.yaml');
    const c = join(dir, 'c.yaml');
    writeFileSync(a, 'a: old\n');
    writeFileSync(c, 'c: old\n');
    const restore = setWriteOps({
      renameSync: (from, to) => {
        if (to === c) throw fail('EACCES');
        realWriteOps.renameSync(from, to);
      },
    });
    try {
      assert.throws(
        () =>
          writeAll([
            { file: a, text: 'a: new\n' },
            { file: b, text: 'b: new\n' },
            { file: c, text: 'c: new\n' },
          ]),
        /EACCES/,
      );
    } finally {
      restore();
    }
    assert.is(read(a), 'a: old\n');
    assert.is(read(c), 'c: old\n');
    assert.is(existsSync(join(dir, 'fr-FR')), false);
    assert.equal(readdirSync(dir).sort(), ['a.yaml', 'c.yaml']);
    cleanup(dir);
  },
);

all('a file that cannot be staged: nothing is replaced', () => {
  const dir = folder();
  const a = join(dir, 'a.yaml');
  const b = join(dir, 'b.yaml');
  writeFileSync(a, 'a: old\n');
  let n = 0;
  const restore = setWriteOps({
    openSync: (p, f, m) => {
      if (++n === 2) throw fail('ENOSPC');
      return realWriteOps.openSync(p, f, m);
    },
  });
  try {
    assert.throws(
      () =>
        writeAll([
          { file: a, text: 'a: new\n' },
          { file: b, text: 'b: new\n' },
        ]),
      /ENOSPC/,
    );
  } finally {
    restore();
  }
  assert.is(read(a), 'a: old\n');
  assert.equal(readdirSync(dir), ['a.yaml']);
  cleanup(dir);
});
all('with the project folder, a failed write leaves no journal behind', () => {
  const dir = folder();
  const a = join(dir, 'a.yaml');
  writeFileSync(a, 'a: old\n');
  let journaled = false;
  const restore = setWriteOps({
    renameSync: (from, to) => {
      if (to === join(dir, PENDING_FILE)) journaled = true;
      if (to.endsWith('b.yaml')) throw fail('EIO');
      realWriteOps.renameSync(from, to);
    },
  });
  try {
    assert.throws(
      () =>
        writeAll(
          [
            { file: a, text: 'a: new\n' },
            { file: join(dir, 'b.yaml'), text: 'b: new\n' },
          ],
          dir,
        ),
      /EIO/,
    );
  } finally {
    restore();
  }
  assert.ok(journaled, 'the renames were journaled before the first one');
  assert.is(read(a), 'a: old\n');
  assert.equal(readdirSync(dir), ['a.yaml']);
  cleanup(dir);
});
all.run();

/** What a process killed after its first rename leaves: one file new, one staged, a journal. */
function interrupted(dir: string, renames?: unknown, pid?: number): void {
  writeFileSync(join(dir, 'a.yaml'), 'a: new\n');
  const b = stage(join(dir, 'fr-FR', 'b.yaml'), 'b: new\n');
  const rel = (p: string) => p.slice(dir.length + 1);
  const journal = {
    pendingWrites: 1,
    pid,
    renames: renames ?? [{ from: rel(b.temp), to: rel(b.file) }],
  };
  writeFileSync(join(dir, PENDING_FILE), JSON.stringify(journal));
}

const pending = suite('finishPendingWrites');
pending('finishes the renames a killed write left, then removes its journal', () => {
  const dir = folder();
  interrupted(dir);
  assert.equal(finishPendingWrites(dir), { finished: ['fr-FR/b.yaml'] });
  assert.is(read(join(dir, 'fr-FR', 'b.yaml')), 'b: new\n');
  assert.equal(readdirSync(dir).sort(), ['a.yaml', 'fr-FR']);
  assert.equal(readdirSync(join(dir, 'fr-FR')), ['b.yaml']);
  // Done once: the next command has nothing to finish.
  assert.equal(pendingWrites(dir), []);
  cleanup(dir);
});

pending('a journal whose writer still runs is left to it (a build a watched file started)', () => {
  const dir = folder();
  // The test runner's parent: a process that is running and is not this one.
  interrupted(dir, undefined, process.ppid);
  assert.equal(finishPendingWrites(dir), { finished: [] });
  assert.ok(existsSync(join(dir, PENDING_FILE)));
  assert.is(existsSync(join(dir, 'fr-FR', 'b.yaml')), false);
  cleanup(dir);
});

pending('what it finished is a warning naming the files', () => {
  const dir = folder();
  interrupted(dir);
  const [w] = pendingWrites(dir);
  assert.is(w?.code, 'PENDING_WRITES_FINISHED');
  assert.is(w?.severity, 'warning');
  assert.match(w!.message, '`fr-FR/b.yaml`');
  cleanup(dir);
});

pending('a journal that would move a file out of the project or over another is refused', () => {
  for (const renames of [
    [{ from: '../x.tmp', to: '../x' }],
    [{ from: 'a.yaml', to: 'c.yaml' }],
    [{ from: 'fr-FR/.b.yaml.0123456789ab.tmp', to: 'fr-FR/../../b.yaml' }],
    'not a list',
  ]) {
    const dir = folder();
    interrupted(dir, renames);
    assert.throws(
      () => pendingWrites(dir),
      (e: unknown) =>
        e instanceof LockstepError && e.problems[0]?.code === 'PENDING_WRITES_REFUSED',
      JSON.stringify(renames),
    );
    // Nothing moved, and the journal is left for the user to look at.
    assert.is(read(join(dir, 'a.yaml')), 'a: new\n');
    assert.ok(existsSync(join(dir, PENDING_FILE)));
    cleanup(dir);
  }
});
pending.run();
