import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeInput, firstInvalidUtf8, MAX_BYTES, readInput } from '../plugin/core/load/read.js';
import { cleanup } from './helpers.js';

const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const decoded = (
  bytes: Uint8Array | string,
  kind: Parameters<typeof decodeInput>[1] = 'locale',
) => {
  const r = decodeInput(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, kind, 'x.yaml');
  return typeof r === 'string' ? r : `${r.line}:${r.col} ${r.code}  ${r.message}`;
};

const read = suite('readInput');
let dir = '';
read.before(() => void (dir = mkdtempSync(join(tmpdir(), 'lockstep-read-'))));
read.after(() => cleanup(dir));

read('a regular file is read as text, its UTF-8 BOM dropped', () => {
  writeFileSync(join(dir, 'bom.yaml'), '\uFEFFtitle: Guide\n');
  assert.equal(readInput(join(dir, 'bom.yaml'), 'locale'), { text: 'title: Guide\n' });
});
read('a missing file is a problem that says so (`missing`), at 1:1', () => {
  const r = readInput(join(dir, 'nope.yaml'), 'lock', { shown: 'locales/fr-FR/nope.yaml' });
  assert.is(r.missing, true);
  assert.equal(
    [r.problem?.code, r.problem?.file, r.problem?.line, r.problem?.col],
    ['NOT_FOUND', 'locales/fr-FR/nope.yaml', 1, 1],
  );
});
read('a folder is a problem, never read (EISDIR before)', () => {
  mkdirSync(join(dir, 'folder.md'));
  const r = readInput(join(dir, 'folder.md'), 'copy', { shown: 'folder.md' });
  assert.is(r.missing, false);
  assert.is(r.problem?.code, 'NOT_A_FILE');
  assert.is(
    r.problem!.message,
    'This is a folder, not a file; expected an imported copy. Name a file instead.',
  );
});
read('a device such as `/dev/zero` is refused without reading from it', () => {
  if (!existsSync('/dev/zero')) return;
  const r = readInput('/dev/zero', 'copy', { shown: '/dev/zero' });
  assert.is(r.problem?.code, 'NOT_A_FILE');
  assert.match(r.problem!.message, 'a device');
});
read('a named pipe is refused without opening it (opening one blocks until a writer comes)', () => {
  const fifo = join(dir, 'pipe.yaml');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    return; // no mkfifo here
  }
  assert.is(readInput(fifo, 'locale').problem?.code, 'NOT_A_FILE');
});
read(
  'a file larger than its kind allows is refused from its size alone (a sparse 50 MB copy)',
  () => {
    const big = join(dir, 'big.md');
    writeFileSync(big, '');
    truncateSync(big, 50 * 2 ** 20);
    const r = readInput(big, 'copy', { shown: 'big.md' });
    assert.is(r.problem?.code, 'FILE_TOO_LARGE');
    assert.is(
      r.problem!.message,
      'This imported copy is 50 MB; Lockstep reads imported copies of up to 8.0 MB. Check that it is the file you meant (one localized article), or split it.',
    );
  },
);
read('locale files and datasets of several MB are fine', () => {
  assert.ok(MAX_BYTES.locale >= 16 * 2 ** 20 && MAX_BYTES.dataset >= 16 * 2 ** 20);
  assert.ok(MAX_BYTES.copy < 50 * 2 ** 20);
  const large = join(dir, 'large.yaml');
  const text = Array.from(
    { length: 120_000 },
    (_, i) => `k${i}: Une phrase de traduction assez longue`,
  ).join('\n');
  writeFileSync(large, text);
  assert.is(readInput(large, 'locale').text?.length, text.length);
});
read.run();

const decode = suite('decodeInput');
decode(
  'invalid UTF-8 is a problem at the line and column of the first bad byte, never U+FFFD',
  () => {
    const bytes = Buffer.concat([
      Buffer.from('title: Guide\nupdated: "Derni'),
      Buffer.from([0xe8]),
      Buffer.from('re"\n'),
    ]);
    assert.is(
      decoded(bytes),
      '2:16 NOT_UTF8  This locale file is not valid UTF-8: byte 0xE8 here is not part of a character. Re-save it as UTF-8, checking the characters at this position.',
    );
  },
);
decode('the position is the first bad byte even after a genuine U+FFFD', () => {
  const bytes = Buffer.concat([
    Buffer.from('a: "\uFFFD é"\nb: "'),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('"\n'),
  ]);
  assert.match(decoded(bytes), /^2:5 NOT_UTF8/);
});
decode('a truncated last character says the file ends inside it', () => {
  assert.match(
    decoded(Buffer.concat([Buffer.from('a: "'), Buffer.from([0xe2, 0x82])])),
    /^1:5 NOT_UTF8 .*ends in the middle of a character/,
  );
});
decode(
  'UTF-16 with a BOM, either byte order, is reported as UTF-16 with "save it as UTF-8", no NUL in the message',
  () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('title: Guide\n')]);
    const be = Buffer.from(le.swap16());
    for (const bytes of [le, be]) {
      const text = decoded(bytes);
      assert.match(
        text,
        /^1:1 UTF16_FILE {2}This locale file is encoded as UTF-16; .* save it as UTF-8\.$/,
      );
      assert.not.match(text, '\0');
    }
  },
);
decode('UTF-16 without a BOM (every other byte NUL) is reported as UTF-16 too', () => {
  assert.match(
    decoded(utf16le('updated: 2021-04-09\nsections: []\n'), 'dataset'),
    /^1:1 UTF16_FILE {2}This dataset is encoded as UTF-16/,
  );
});
decode(
  'raw control characters in a YAML file are a problem with a position; tab, LF and CR are fine',
  () => {
    assert.is(decoded('a: "x\ty"\r\nb: ok\n'), 'a: "x\ty"\r\nb: ok\n');
    assert.is(
      decoded('title: Guide\nsub: "a\x1b[2Jb"\n'),
      '2:8 CONTROL_CHARACTER  This locale file holds the control character U+001B, which is invisible in most editors; YAML does not allow it raw; delete it, or write it as an escape such as `\\u001B` inside a double-quoted string.',
    );
    assert.match(decoded('title: "a\0b"\n', 'lock'), /^1:10 CONTROL_CHARACTER .*U\+0000/);
    assert.match(decoded('x: "\x85 \x9b"\n'), /^1:7 CONTROL_CHARACTER .*U\+009B/);
  },
);
decode('pages (HTML a build wrote) are not held to YAML rules', () => {
  assert.is(decoded('<p>a\x0cb</p>', 'page'), '<p>a\x0cb</p>');
});
decode.run();

const invalid = suite('firstInvalidUtf8');
invalid(
  'finds overlong forms, surrogates, code points above U+10FFFF and stray continuation bytes',
  () => {
    const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from([0x61, ...b]));
    assert.is(at(0xc0, 0xaf), 1); // overlong `/`
    assert.is(at(0xed, 0xa0, 0x80), 1); // U+D800
    assert.is(at(0xf4, 0x90, 0x80, 0x80), 1); // U+110000
    assert.is(at(0x80), 1);
    assert.is(at(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80), 8); // `€😀`: all valid
  },
);
invalid.run();
