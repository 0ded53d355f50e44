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
import { realWriteOps, setWriteOps, writeAll, writeFileAtomic } from '../plugin/core/write.js';
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
all.run();
