import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import { assess } from '../plugin/core/check/quality.js';
import {
  checkLock,
  formatLock,
  freshness,
  hash,
  parseLock,
  readLock,
  sameLock,
  writeLock,
  type Lock,
} from '../plugin/core/load/lock.js';
import { LockstepError } from '../plugin/core/problems.js';
import { loadSite } from '../plugin/core/load/site.js';
import { realWriteOps, setWriteOps } from '../plugin/core/write.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, listFiles, read } from './helpers.js';

const fresh = suite('freshness');
fresh('a new translation is current and recorded against the current source', () => {
  assert.equal(freshness(undefined, 'Hello', 'Bonjour'), {
    state: 'current',
    entry: { source: hash('Hello'), translation: hash('Bonjour') },
  });
});
fresh('the source changed and the translation did not: stale, entry kept', () => {
  const entry = { source: hash('Hello'), translation: hash('Bonjour') };
  const r = freshness(entry, 'Hello there', 'Bonjour');
  assert.is(r.state, 'stale');
  assert.equal(r.entry, entry);
});
fresh('both changed: re-translated, entry refreshed', () => {
  const r = freshness(
    { source: hash('Hello'), translation: hash('Bonjour') },
    'Hello there',
    'Bonjour à tous',
  );
  assert.equal(r, {
    state: 'current',
    entry: { source: hash('Hello there'), translation: hash('Bonjour à tous') },
  });
});
fresh(
  'an import from an older version is stale until edited; from the current version it is current',
  () => {
    const imported = { translation: hash('Bonjour'), imported: '2020-09-30 c49698e0 MT' };
    const old = freshness(imported, 'Hello', 'Bonjour', '2021-04-09');
    assert.is(old.state, 'stale');
    assert.match(old.reason!, '2020-09-30');
    assert.is(
      freshness(
        { ...imported, imported: '2021-04-09 71d90f0a MT' },
        'Hello',
        'Bonjour',
        '2021-04-09',
      ).state,
      'current',
    );
    assert.is(freshness(imported, 'Hello', 'Salut', '2021-04-09').state, 'current');
  },
);
fresh.run();

const file = suite('lock files');
file('JSON, one sorted line per key, written only when it changes', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'lock-')), 'translations.lock');
  const lock = {
    b: {
      'z.key': { source: 'aaa', translation: 'bbb' },
      'a.key': { translation: 'ccc', imported: '2020-01-01 x MT' },
    },
  };
  assert.ok(writeLock(path, lock));
  const text = readFileSync(path, 'utf8');
  assert.match(text, /^\{\n {2}"\/\/": "Kept by Lockstep/);
  assert.match(
    text,
    /\n {2}"b": \{\n {4}"a\.key": \{"translation":"ccc","imported":"2020-01-01 x MT"\},\n {4}"z\.key": \{"source":"aaa","translation":"bbb"\}\n {2}\}\n\}\n$/,
  );
  assert.equal(JSON.parse(text).b, lock.b);
  assert.is(writeLock(path, readLock(path)), false);
  assert.equal(readLock(path), lock);
  assert.is(formatLock({}).includes('Kept by Lockstep'), true);
});
file('any key or value reads back as written: quotes, colons, `__proto__`, numbers as text', () => {
  const odd = [
    'null',
    '1.5',
    'a: b',
    'a,b',
    '#x',
    '-x',
    'ü',
    'true',
    '0x1f',
    '',
    ' lead',
    'a  b',
    '"q"',
    '\\',
    '__proto__',
    '12',
  ];
  // Built with `Object.fromEntries`, so `__proto__` is an own key here too.
  const lock: Lock = Object.fromEntries(
    odd.map((ns, i) => [
      ns,
      Object.fromEntries(
        odd.map((k, j) => [k, { source: odd[(i + j) % odd.length]!, translation: k }]),
      ),
    ]),
  );
  const back = parseLock(formatLock(lock));
  assert.equal(back, lock);
  assert.ok(Object.hasOwn(back, '__proto__') && Object.getPrototypeOf(back) === Object.prototype);
});
file('sameLock: the same entries in any order, and nothing else', () => {
  const a: Lock = { common: { x: { source: 'a', translation: 'b' } }, empty: {} };
  assert.ok(sameLock(a, { common: { x: { translation: 'b', source: 'a' } } }));
  assert.not.ok(sameLock(a, { common: { x: { source: 'a', translation: 'c' } } }));
  assert.not.ok(
    sameLock(a, { common: { x: { source: 'a', translation: 'b' }, y: { translation: 'b' } } }),
  );
  assert.not.ok(sameLock(a, { common: { x: { translation: 'b', imported: 'a' } } }));
  assert.not.ok(sameLock(a, {}));
});
file.run();

const LOCK = 'locales/fr-FR/translations.lock';
const fixtureLock = (name: string) => read(join(fixtures, 'bad', name, LOCK));

const check = suite('checkLock');
check('a damaged lock is a problem with a position and a fix, never an empty lock', () => {
  const cases: [string, string, string, string][] = [
    ['lock-conflict-markers', '9:1', 'LOCK_CONFLICT', 'Resolve the merge conflict'],
    [
      'lock-truncated',
      '12:76',
      'LOCK_DAMAGED',
      'Restore it from git (`git checkout -- locales/fr-FR/translations.lock`)',
    ],
    ['lock-garbage', '1:1', 'LOCK_DAMAGED', 'Restore it from git'],
    ['lock-wrong-shape', '16:10', 'LOCK_SHAPE', 'The entry of `guide.title` must be a mapping'],
    ['lock-empty', '1:1', 'LOCK_DAMAGED', 'The lock is empty'],
    ['lock-repeated-namespace', '12:3', 'LOCK_SHAPE', 'Key `guide` is already defined above'],
  ];
  for (const [name, at, code, says] of cases) {
    const { lock, problems } = checkLock(fixtureLock(name), LOCK);
    assert.is(lock, undefined, name);
    assert.equal(
      problems.map((p) => `${p.line}:${p.col} ${p.code}`),
      [`${at} ${code}`],
      name,
    );
    assert.match(problems[0]!.message, says, name);
    assert.throws(
      () => parseLock(fixtureLock(name), LOCK),
      (e: unknown) => e instanceof LockstepError && e.problems[0]!.code === code,
    );
  }
});
check('a damaged JSON lock: cut short, wrong shape, merge conflict, each with its position', () => {
  const text = formatLock({
    common: { a: { source: '1234567890', translation: 'abcdefabcd' } },
    guide: { title: { source: 'aaa', translation: 'bbb' } },
  });
  const lines = text.split('\n');
  const conflict = [...lines.slice(0, 3), '<<<<<<< HEAD', ...lines.slice(3)].join('\n');
  const shape = text.replace('{"source":"aaa","translation":"bbb"}', '"bbb"');
  const cases: [string, string, string, string][] = [
    [
      text.slice(0, text.indexOf('"title"') + 12),
      '7:17',
      'LOCK_DAMAGED',
      'The lock does not parse',
    ],
    [shape, '7:14', 'LOCK_SHAPE', 'The entry of `guide.title` must be a mapping'],
    [conflict, '4:1', 'LOCK_CONFLICT', 'Resolve the merge conflict'],
    ['null\n', '1:1', 'LOCK_DAMAGED', 'holds no entries'],
  ];
  for (const [input, at, code, says] of cases) {
    const { lock, problems } = checkLock(input, LOCK);
    assert.is(lock, undefined, input);
    assert.equal(
      problems.map((p) => `${p.line}:${p.col} ${p.code}`),
      [`${at} ${code}`],
      input,
    );
    assert.match(problems[0]!.message, says, input);
  }
});
check('binary garbage is not quoted into the message', () => {
  const { problems } = checkLock(fixtureLock('lock-garbage'), LOCK);
  assert.not.match(problems[0]!.message, /PNG|IHDR|\0/);
});
check('no file, and the lock of an empty locale, are empty locks', () => {
  assert.equal(checkLock(undefined, LOCK), { lock: {}, problems: [] });
  assert.equal(checkLock(formatLock({}), LOCK), { lock: {}, problems: [] });
});
check.run();

/** The minimal site with a fixture of `test/fixtures/bad/` on top. */
function siteWith(name: string): string {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  cpSync(join(fixtures, 'bad', name), dir, { recursive: true });
  return dir;
}
/** Run the command line in `dir`, quietly; its exit code. */
function cli(dir: string, ...args: string[]): number {
  const { log, error } = console;
  console.log = console.error = () => {};
  try {
    return main(args, dir);
  } finally {
    Object.assign(console, { log, error });
  }
}

const damaged = suite('damaged locks stop the build and the commands');
for (const [name, code] of [
  ['lock-conflict-markers', 'LOCK_CONFLICT'],
  ['lock-truncated', 'LOCK_DAMAGED'],
  ['lock-garbage', 'LOCK_DAMAGED'],
  ['lock-wrong-shape', 'LOCK_SHAPE'],
  ['lock-empty', 'LOCK_DAMAGED'],
  ['lock-repeated-namespace', 'LOCK_SHAPE'],
] as const)
  damaged(`${name}: ${code}, and the lock is left as it is`, async () => {
    const dir = siteWith(name);
    const before = read(join(dir, LOCK));
    const r = await buildSite(dir);
    assert.equal(
      r.error?.problems?.map((p) => [p.code, p.file.endsWith(LOCK)]),
      [[code, true]],
    );
    assert.equal(r.files, []);
    for (const command of [['check'], ['status'], ['accept', 'fr-FR']])
      assert.is(cli(dir, ...command), 1, command.join(' '));
    assert.is(read(join(dir, LOCK)), before);
    cleanup(dir);
  });

damaged(
  'the real site: a lock cut short by a failed write (EFBIG) fails the next build and keeps every `imported` entry',
  async () => {
    const dir = copySite();
    const lock = join(dir, LOCK);
    const full = read(lock);
    writeFileSync(lock, full.slice(0, 4096));
    const r = await buildSite(dir);
    assert.equal(
      r.error?.problems?.map((p) => p.code),
      ['LOCK_DAMAGED'],
    );
    assert.is(read(lock), full.slice(0, 4096));
    // Restored from git, as the message says: every entry is there and still outdated.
    writeFileSync(lock, full);
    const again = await buildSite(dir);
    assert.is(again.error, undefined);
    const imported = (text: string) =>
      Object.values(parseLock(text))
        .flatMap((ns) => Object.values(ns))
        .filter((e) => e.imported).length;
    assert.ok(imported(full) > 0);
    assert.is(imported(read(lock)), imported(full));
    cleanup(dir);
  },
);
damaged.run();

const migrate = suite('locks of an earlier format');
migrate(
  'a YAML lock is read, and the next build rewrites it as JSON with the same entries; the build after leaves it alone',
  async () => {
    const dir = copySite();
    const yaml = read(join(fixtures, 'migrate', 'yaml-lock', LOCK));
    writeFileSync(join(dir, LOCK), yaml);
    const r = await buildSite(dir);
    assert.is(r.error, undefined);
    const json = read(join(dir, LOCK));
    assert.ok(json.startsWith('{'), 'rewritten as JSON');
    assert.equal(JSON.parse(json).common, parseLock(yaml).common);
    assert.equal(parseLock(json), parseLock(yaml));
    await buildSite(dir);
    assert.is(read(join(dir, LOCK)), json);
    cleanup(dir);
  },
);
migrate.run();

const kept = suite('assess keeps lock entries');
kept('an empty locale file is EMPTY_LOCALE_FILE and its lock entries are kept', async () => {
  const dir = siteWith('locale-file-empty');
  const before = read(join(dir, LOCK));
  const r = await buildSite(dir);
  assert.equal(
    r.error?.problems?.map((p) => `${p.file.split('locales/').pop()}:${p.line}:${p.col} ${p.code}`),
    ['fr-FR/guide.yaml:1:1 EMPTY_LOCALE_FILE'],
  );
  assert.is(cli(dir, 'check'), 1);
  assert.is(read(join(dir, LOCK)), before);
  cleanup(dir);
});
kept(
  'a locale file that is gone: the entries of its keys stay, those of keys the source dropped go',
  () => {
    const dir = siteWith('locale-file-empty');
    rmSync(join(dir, 'locales/fr-FR/guide.yaml'));
    const lock = readLock(join(dir, LOCK));
    lock.guide!['sections.removed'] = { source: 'aaaaaaaaaa', translation: 'bbbbbbbbbb' };
    writeLock(join(dir, LOCK), lock);
    const { site } = loadSite(
      dir,
      coreConfig(resolveOptions({ localesDir: 'locales', articlesDir: 'src' })),
    );
    const after = assess(site!, join(dir, 'locales')).locks.find((l) => l.locale === 'fr-FR')!.lock;
    const { ['sections.removed']: _, ...expected } = lock.guide!;
    assert.equal(after.guide, expected);
    cleanup(dir);
  },
);
kept.run();

const unwritable = suite('writeLock on a lock that may not be written');
unwritable(
  'EPERM, EACCES and EROFS are LOCK_NOT_WRITTEN with the fix, not a stack; the lock is unchanged',
  () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lock-')), 'translations.lock');
    writeFileSync(path, 'old');
    for (const code of ['EPERM', 'EACCES', 'EROFS']) {
      const restore = setWriteOps({
        renameSync: () => {
          throw Object.assign(new Error(`${code}: operation not permitted, rename 'a' -> 'b'`), {
            code,
          });
        },
      });
      try {
        writeLock(path, { ns: { k: { source: 'aaaaaaaaaa', translation: 'bbbbbbbbbb' } } }, LOCK);
        assert.unreachable();
      } catch (e) {
        assert.instance(e, LockstepError);
        const p = (e as LockstepError).problems[0]!;
        assert.equal([p.code, p.file, p.line, p.col], ['LOCK_NOT_WRITTEN', LOCK, 1, 1]);
        assert.match(
          p.message,
          'Make the file and its folder writable, or set the `writeLock` option to `false`',
        );
        assert.not.match(p.message, "'a'");
      } finally {
        restore();
      }
      assert.is(read(path), 'old');
    }
  },
);
unwritable(
  'a build whose lock cannot be written fails with LOCK_NOT_WRITTEN and writes no page; `accept` exits 1',
  async () => {
    const dir = copySite();
    const lock = join(dir, LOCK);
    // An entry less, so the build must write the lock.
    const entries = parseLock(read(lock));
    delete entries['teams-contact-center']!.title;
    writeFileSync(lock, formatLock(entries));
    const before = read(lock);
    const restore = setWriteOps({
      renameSync: (a, b) => {
        if (b.endsWith('translations.lock'))
          throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
        realWriteOps.renameSync(a, b);
      },
    });
    try {
      const r = await buildSite(dir);
      assert.equal(
        r.error?.problems?.map((p) => [p.code, p.file.endsWith(LOCK)]),
        [['LOCK_NOT_WRITTEN', true]],
      );
      assert.equal(r.files, []);
      assert.is(cli(dir, 'accept', 'fr-FR'), 1);
    } finally {
      restore();
    }
    assert.is(read(lock), before);
    assert.equal(
      listFiles(join(dir, 'locales/fr-FR')).filter((f) => f.endsWith('.tmp')),
      [],
    );
    cleanup(dir);
  },
);
unwritable.run();
