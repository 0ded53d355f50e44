import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import {
  checkHistory,
  formatHistory,
  historyFor,
  writeHistory,
} from '../plugin/core/load/history.js';
import { LockstepError } from '../plugin/core/problems.js';
import { setWriteOps } from '../plugin/core/write.js';
import { textsFromGit } from '../plugin/core/load/history-git.js';
import { hash } from '../plugin/core/load/lock.js';
import type { Locale } from '../plugin/core/load/locales.js';
import { buildSite, cleanup, copySite, loadSiteAt, read } from './helpers.js';

const OLD = 'Contact center integrations for Microsoft Teams';
const NEW = 'Contact centre integrations for Microsoft Teams';
const SOURCE = 'locales/en/teams-contact-center.yaml';
const HISTORY = 'locales/en/sources.lock';

/**
 * Change the source of `sections.intro.heading`; zh-TW's lock records the source it was translated
 * from (the other locales' copies were imported, with a date).
 */
const changeSource = (dir: string) =>
  writeFileSync(
    join(dir, SOURCE),
    read(join(dir, SOURCE)).replace(`heading: ${OLD}`, `heading: ${NEW}`),
  );

function run(args: string[], dir: string) {
  const out: string[] = [];
  const [log, err] = [console.log, console.error];
  console.log = console.error = (s: string) => out.push(String(s));
  try {
    return { code: main(args, dir), out: out.join('\n') };
  } finally {
    [console.log, console.error] = [log, err];
  }
}

const check = suite('checkHistory');
const good = formatHistory(new Map([[hash('Hello'), 'Hello']]));
check('no file is an empty history; what Lockstep writes reads back', () => {
  assert.equal(checkHistory(undefined, HISTORY).history, new Map());
  assert.equal(checkHistory(good, HISTORY).history, new Map([[hash('Hello'), 'Hello']]));
});
check(
  'a merge conflict, a file cut short, a text without its digest: problems at a position',
  () => {
    const conflict = good.replace('{\n', '{\n<<<<<<< HEAD\n');
    const [c] = checkHistory(conflict, HISTORY).problems;
    assert.equal([c!.code, c!.file, c!.line], ['SOURCES_CONFLICT', HISTORY, 2]);
    const [d] = checkHistory(good.slice(0, -4), HISTORY).problems;
    assert.is(d!.code, 'SOURCES_DAMAGED');
    assert.ok(d!.line > 1, `line ${d!.line}`);
    const [s] = checkHistory(good.replace('"Hello"', '"Hullo"'), HISTORY).problems;
    assert.equal([s!.code, s!.line], ['SOURCES_SHAPE', 3]);
    assert.is(checkHistory(good.replace('"Hello"', '"Hullo"'), HISTORY).history, undefined);
    assert.is(checkHistory('', HISTORY).problems[0]!.code, 'SOURCES_DAMAGED');
  },
);
check.run();

const keep = suite('historyFor');
keep('keeps exactly the digests a lock records: current texts, else the known old ones', () => {
  const source = {
    namespaces: new Map([['a', { strings: new Map([['k', 'new text']]) }]]),
  } as unknown as Locale;
  const lock = {
    a: {
      k: { source: hash('old text'), translation: 'x' },
      j: { source: hash('new text'), translation: 'y' },
      gone: { source: hash('lost'), translation: 'z' },
    },
  };
  const known = new Map([
    [hash('old text'), 'old text'],
    [hash('unused'), 'unused'],
  ]);
  assert.equal(
    historyFor(source, [lock], known),
    new Map([
      [hash('new text'), 'new text'],
      [hash('old text'), 'old text'],
    ]),
  );
});
keep.run();

const write = suite('writeHistory');
write(
  'a history that may not be written is SOURCES_NOT_WRITTEN with the fix; the file is unchanged',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-history-'));
    const path = join(dir, 'sources.lock');
    writeFileSync(path, good);
    const restore = setWriteOps({
      renameSync: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    });
    try {
      writeHistory(path, formatHistory(new Map()), HISTORY);
      assert.unreachable();
    } catch (e) {
      assert.instance(e, LockstepError);
      const p = (e as LockstepError).problems[0]!;
      assert.equal([p.code, p.file, p.line], ['SOURCES_NOT_WRITTEN', HISTORY, 1]);
      assert.match(p.message, 'Make the file and its folder writable');
    } finally {
      restore();
    }
    assert.is(read(path), good);
    assert.is(writeHistory(path, good, HISTORY), false, 'the same text is not written again');
    cleanup(dir);
  },
);
write.run();

const site = suite('the source history in builds, exports and status');
site(
  'a translated string whose source changed: export and status show the old source',
  async () => {
    const dir = copySite();
    try {
      rmSync(join(dir, HISTORY));
      assert.is((await buildSite(dir)).error, undefined);
      assert.is(JSON.parse(read(join(dir, HISTORY)))[hash(OLD)], OLD);
      changeSource(dir);
      assert.is((await buildSite(dir)).error, undefined);
      const history = JSON.parse(read(join(dir, HISTORY)));
      assert.is(history[hash(OLD)], OLD, 'the old text is kept while locks refer to it');
      assert.is(history[hash(NEW)], undefined, 'no lock was made from the new text yet');
      assert.is(run(['export', '--format', 'po', '--locale', 'zh-TW'], dir).code, 0);
      const po = read(join(dir, 'translations/zh-TW/teams-contact-center.po'));
      assert.match(
        po,
        `#, fuzzy\n#| msgid "${OLD}"\nmsgctxt "teams-contact-center:sections.intro.heading"`,
      );
      assert.is.not(po.includes(`#. Previous source`), true, 'PO says it with `#|` only');
      for (const format of ['xliff2', 'xliff12']) {
        assert.is(run(['export', '--format', format, '--locale', 'zh-TW'], dir).code, 0);
        const ext = format === 'xliff2' ? 'xlf' : 'xliff';
        const xml = read(join(dir, `translations/zh-TW/teams-contact-center.${ext}`));
        assert.match(xml, `Previous source: ${OLD}</note>`, format);
      }
      const status = run(['status', '--all'], dir);
      assert.match(status.out, `sections.intro.heading`);
      assert.match(status.out, `was: ${JSON.stringify(OLD)}`);
      const json = JSON.parse(run(['status', '--json'], dir).out);
      const stale = json.findings.find(
        (f: { locale: string; key: string }) =>
          f.locale === 'zh-TW' && f.key === 'sections.intro.heading',
      );
      assert.is(stale.previous, OLD);
      // A translator's tool that clears `fuzzy` and leaves `#|`: the string is imported.
      const done = po.replace(`#, fuzzy\n#| msgid "${OLD}"`, `#| msgid "${OLD}"`);
      const heading = `msgctxt "teams-contact-center:sections.intro.heading"\nmsgid "${NEW}"\nmsgstr "`;
      assert.ok(done.includes(heading));
      writeFileSync(join(dir, 'done.po'), done.replace(heading, `${heading}整合 Microsoft Teams `));
      const imported = run(['import', 'done.po'], dir);
      assert.is(imported.code, 0, imported.out);
      assert.match(imported.out, 'zh-TW: 1 string written');
      assert.is.not(run(['status', '--all'], dir).out.includes('was: '), true);
      // The import wrote the history with the locks: the new text in, the old one out.
      const after = JSON.parse(read(join(dir, HISTORY)));
      assert.equal([after[hash(NEW)], after[hash(OLD)]], [NEW, undefined]);
    } finally {
      cleanup(dir);
    }
  },
);
site('once no lock refers to a source text, the next build drops it', async () => {
  const dir = copySite();
  try {
    changeSource(dir);
    assert.is((await buildSite(dir)).error, undefined);
    assert.is(JSON.parse(read(join(dir, HISTORY)))[hash(OLD)], OLD);
    for (const tag of ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU', 'zh-TW'])
      assert.is(run(['accept', tag, 'sections.intro.heading'], dir).code, 0);
    const history = JSON.parse(read(join(dir, HISTORY)));
    assert.is(history[hash(OLD)], undefined);
    assert.is(history[hash(NEW)], NEW);
    assert.is((await buildSite(dir)).error, undefined);
    assert.is(JSON.parse(read(join(dir, HISTORY)))[hash(OLD)], undefined);
  } finally {
    cleanup(dir);
  }
});
site('a damaged history stops the build with its position, and nothing is written', async () => {
  const dir = copySite();
  try {
    const cut = read(join(dir, HISTORY)).slice(0, 900);
    writeFileSync(join(dir, HISTORY), cut);
    const lock = read(join(dir, 'locales/zh-TW/translations.lock'));
    changeSource(dir);
    const r = await buildSite(dir);
    const p = r.error?.problems?.find((x) => x.code === 'SOURCES_DAMAGED');
    assert.ok(p, r.error?.message);
    assert.ok(p!.file.endsWith(HISTORY), p!.file);
    assert.ok(p!.line > 1);
    assert.is(r.files.length, 0);
    assert.is(read(join(dir, HISTORY)), cut);
    assert.is(read(join(dir, 'locales/zh-TW/translations.lock')), lock);
    assert.is(run(['export', '--format', 'po'], dir).code, 1);
    assert.is(existsSync(join(dir, 'translations')), false);
  } finally {
    cleanup(dir);
  }
});
site.run();

const git = suite('textsFromGit');
const sh = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
git('a repository from before the history: export finds the old source in git and keeps it', () => {
  const dir = copySite();
  try {
    rmSync(join(dir, HISTORY));
    sh(dir, 'init', '-q');
    sh(dir, 'config', 'user.name', 'Lockstep test');
    sh(dir, 'config', 'user.email', 'test@example.com');
    sh(dir, 'add', '-A');
    sh(dir, 'commit', '-qm', 'translated');
    changeSource(dir);
    sh(dir, 'commit', '-qam', 'source changed');
    assert.is(run(['export', '--format', 'po', '--locale', 'zh-TW'], dir).code, 0);
    const po = read(join(dir, 'translations/zh-TW/teams-contact-center.po'));
    assert.match(po, `#| msgid "${OLD}"`);
    assert.is(JSON.parse(read(join(dir, HISTORY)))[hash(OLD)], OLD, 'cached in the history');
  } finally {
    cleanup(dir);
  }
});
git('quiet and empty outside a repository, and for a digest no version has', () => {
  const dir = copySite();
  try {
    assert.equal(textsFromGit(join(dir, SOURCE), new Set([hash(OLD)])), new Map());
    sh(dir, 'init', '-q');
    assert.equal(textsFromGit(join(dir, SOURCE), new Set([hash(OLD)])), new Map());
    const site = loadSiteAt(dir)!;
    assert.ok(site.history?.size, 'the copy has its history');
    assert.equal(textsFromGit(join(dir, SOURCE), new Set([hash('never written')])), new Map());
    assert.is(readFileSync(join(dir, SOURCE), 'utf8').includes(OLD), true);
  } finally {
    cleanup(dir);
  }
});
git.run();
