import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../plugin/core/build.js';
import { LoadMemo, UnseenChange } from '../plugin/core/load/load-memo.js';
import { WATCHED } from '../plugin/core/load/site.js';
import { LockstepError } from '../plugin/core/problems.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup, copySite } from './helpers.js';

const ARTICLE = 'teams-contact-center';

const config = (dir: string) =>
  coreConfig(
    resolveOptions({
      localesDir: join(dir, 'locales'),
      articlesDir: join(dir, 'src'),
      cache: false,
    }),
  );

const fr = (dir: string) => join(dir, 'locales', 'fr-FR', `${ARTICLE}.yaml`);

const edit = (file: string, change: (s: string) => string) =>
  writeFileSync(file, change(readFileSync(file, 'utf8')));

/** A build's problems, pages, status, findings and the locks it left, without the site's folder. */
function outcome(dir: string, run: () => ReturnType<typeof build>): string {
  let result: unknown;
  try {
    const { pages, status, quality, warnings, picker, notFound, markdown } = run();
    result = { pages, status, quality, warnings, picker, notFound, markdown };
  } catch (e) {
    if (!(e instanceof LockstepError)) throw e;
    result = { problems: e.problems };
  }
  const locks = readdirSync(join(dir, 'locales')).map((l) =>
    readdirSync(join(dir, 'locales', l))
      .filter((f) => f.endsWith('.lock'))
      .map((f) => `${l}/${f}\n${readFileSync(join(dir, 'locales', l, f), 'utf8')}`),
  );
  return JSON.stringify({ result, locks }, sorted).split(dir).join('<site>');
}

/** Fields in name order: a finding from the build cache lists them in another order. */
const sorted = (_: string, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v;

/** The site's datasets, locale files, locks and source history. */
const inputFiles = (dir: string) =>
  readdirSync(join(dir, 'src')).length +
  readdirSync(join(dir, 'locales')).flatMap((l) => readdirSync(join(dir, 'locales', l))).length;

/** With the build cache in the site's `.cache/lockstep`. */
const cached = (dir: string) =>
  coreConfig(
    resolveOptions({
      localesDir: join(dir, 'locales'),
      articlesDir: join(dir, 'src'),
      cache: join(dir, '.cache', 'lockstep'),
    }),
  );

/**
 * The memo's rebuild of `dir` (with `configOf`'s options) and a fresh build of a copy of it (no
 * cache) give the same.
 */
function sameAsFresh(dir: string, memo: LoadMemo, what: string, configOf = config): string {
  const fresh = mkdtempSync(join(tmpdir(), 'lockstep-fresh-'));
  try {
    cpSync(dir, fresh, { recursive: true });
    const a = outcome(dir, () => build(dir, configOf(dir), { loads: memo }));
    const b = outcome(fresh, () => build(fresh, config(fresh)));
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    // Only the first difference, not two whole sites.
    assert.is(a.slice(at - 80, at + 80), b.slice(at - 80, at + 80), `after ${what}`);
    return a;
  } finally {
    cleanup(fresh);
  }
}

const Parse = suite('LoadMemo.parse');
Parse(
  'a rebuild parses only the files whose text changed, and gives what a fresh build gives',
  () => {
    const dir = copySite();
    try {
      const memo = new LoadMemo();
      sameAsFresh(dir, memo, 'a first build');
      assert.is(memo.counts.parsed, inputFiles(dir), 'a first build parses every file');
      const fr = join(dir, 'locales', 'fr-FR', `${ARTICLE}.yaml`);
      const steps: [string, () => void, number?][] = [
        // The first build may rewrite locks (an earlier format): those are read anew.
        ['nothing (the locks the first build wrote)', () => {}],
        ['nothing', () => {}, 0],
        [
          'one string',
          () => edit(fr, (s) => s.replace(/^title: (.*)$/m, 'title: $1 (modifié)')),
          1,
        ],
        // The dataset, and the lock that the build after the new string rewrote.
        ['a dataset', () => edit(join(dir, 'src', ARTICLE, 'dataset.yaml'), (s) => s + '\n'), 2],
        ['nothing again', () => {}, 0],
        // Gone: its strings are missing now, as in a fresh build; nothing else is parsed again.
        ['a locale file deleted', () => rmSync(join(dir, 'locales', 'it-IT', 'common.yaml')), 0],
        ['nothing after the deletion', () => {}, 0],
      ];
      for (const [name, change, parsed] of steps) {
        change();
        sameAsFresh(dir, memo, name);
        if (parsed !== undefined)
          assert.is(memo.counts.parsed, parsed, `files parsed after ${name}`);
        // Every file accounted for: parsed, kept, or (settled for 2 s on a slow machine) not read.
        const { parsed: p, kept, unread } = memo.counts;
        assert.is(p + kept + unread, inputFiles(dir), `files looked at after ${name}`);
      }
    } finally {
      cleanup(dir);
    }
  },
);

Parse('a file made invalid while watching is reported; made valid again, the report goes', () => {
  const dir = copySite();
  try {
    const memo = new LoadMemo();
    const clean = sameAsFresh(dir, memo, 'a first build');
    const fr = join(dir, 'locales', 'fr-FR', `${ARTICLE}.yaml`);
    const before = readFileSync(fr, 'utf8');
    const dataset = join(dir, 'src', ARTICLE, 'dataset.yaml');
    const data = readFileSync(dataset, 'utf8');
    writeFileSync(fr, before + '\nbroken: [unclosed\n');
    const broken = sameAsFresh(dir, memo, 'a locale file broken');
    assert.match(broken, /"problems":\[\{"code":"YAML_SYNTAX"/);
    writeFileSync(dataset, data.replace(/^updated: .*$/m, 'updated: someday'));
    const both = sameAsFresh(dir, memo, 'a dataset broken too');
    assert.match(both, /"code":"YAML_SYNTAX"/);
    assert.match(both, /"file":"src\/teams-contact-center\/dataset.yaml"/);
    const lockFile = join(dir, 'locales', 'ru-RU', 'translations.lock');
    const lock = readFileSync(lockFile, 'utf8');
    writeFileSync(lockFile, lock.slice(0, lock.length / 2));
    assert.match(sameAsFresh(dir, memo, 'a lock cut short too'), /"code":"LOCK_DAMAGED"/);
    writeFileSync(lockFile, lock);
    writeFileSync(fr, before);
    writeFileSync(dataset, data);
    const healed = sameAsFresh(dir, memo, 'both restored');
    assert.not.match(healed, /"problems":/);
    assert.is(healed, sameAsFresh(dir, memo, 'a second build of the same files'));
    assert.is(healed, clean);
  } finally {
    cleanup(dir);
  }
});

Parse('after a warm start, the first edit of a language checks the edited file only', () => {
  const dir = copySite();
  try {
    // Findings of every kind a namespace gives: a plural group lacking a form, a form failing a
    // check, strings outdated by a source edit (after the first build wrote the locks), in a second
    // article: the namespaces an edit of the first does not check again.
    const file = (l: string, article = ARTICLE) => join(dir, 'locales', l, `${article}.yaml`);
    const locales = readdirSync(join(dir, 'locales')).filter((l) => l !== 'en');
    cpSync(join(dir, 'src', ARTICLE), join(dir, 'src', 'other'), { recursive: true });
    for (const l of ['en', ...locales]) cpSync(file(l), file(l, 'other'));
    const plural = (l: string, s: string) => edit(file(l, 'other'), (t) => t + '\n' + s);
    plural('en', 'items_one: One item\nitems_other: "{{count}} items"\n');
    plural('it-IT', 'items_other: "{{count}} elementi"\n');
    plural('pt-BR', 'items_one: <b>Um</b> item\nitems_other: "{{count}} itens"\n');
    build(dir, cached(dir));
    edit(file('en', 'other'), (s) => s.replace(/^description: (.*)$/m, 'description: $1 Updated.'));
    // The second build caches every locale.
    build(dir, cached(dir));
    const memo = new LoadMemo();
    sameAsFresh(dir, memo, 'a warm start', cached);
    assert.is(memo.counts.assessed, 0, 'every locale from the cache');
    const steps: [string, () => void, number][] = [
      ['one string', () => edit(fr(dir), (s) => s.replace(/^title: (.*)$/m, 'title: $1 (b)')), 1],
      [
        'another string of it',
        () => edit(fr(dir), (s) => s.replace(/^title: .*$/m, 'title: X')),
        1,
      ],
      // The first edit of another language: its file, and the one edited before, whose lock
      // entries the last build rewrote.
      [
        'a string failing a check, in a language with a plural group lacking a form',
        () => edit(file('it-IT'), (s) => s.replace(/^title: .*$/m, 'title: <b>Contatti</b>')),
        2,
      ],
      [
        'an outdated string confirmed, beside a failing plural form',
        () =>
          edit(file('pt-BR'), (s) => s.replace(/^description: (.*)$/m, 'description: $1 Novo.')),
        2,
      ],
      // Every language's namespace of that article.
      [
        'a dataset',
        () =>
          edit(join(dir, 'src', ARTICLE, 'dataset.yaml'), (s) =>
            s.replace('  - SME\n', '  - SME\n  - Contoso\n'),
          ),
        locales.length,
      ],
      ['nothing', () => {}, 0],
    ];
    for (const [name, change, assessed] of steps) {
      change();
      sameAsFresh(dir, memo, name, cached);
      assert.is(memo.counts.assessed, assessed, `namespaces checked after ${name}`);
    }
  } finally {
    cleanup(dir);
  }
});

Parse.run();

/** A memo of two builds of `dir`, every file settled (no racy window): as watch mode has it. */
function settled(dir: string): LoadMemo {
  const memo = new LoadMemo(0);
  sameAsFresh(dir, memo, 'a first build');
  // The first build may rewrite locks; the second reads those again.
  sameAsFresh(dir, memo, 'a second build');
  return memo;
}

const Unchanged = suite('LoadMemo.unchanged');
Unchanged('a file with the size and time stamps it had is not read again; an edit is', () => {
  const dir = copySite();
  try {
    // No racy window: every file counts as settled as soon as it was read.
    const memo = new LoadMemo(0);
    sameAsFresh(dir, memo, 'a first build');
    // The first build may rewrite locks; the second reads those again.
    sameAsFresh(dir, memo, 'a second build');
    sameAsFresh(dir, memo, 'a third build');
    assert.is(memo.counts.unread, inputFiles(dir), 'nothing changed: no file is read');
    const fr = join(dir, 'locales', 'fr-FR', `${ARTICLE}.yaml`);
    // The same size: only the time stamps tell.
    edit(fr, (s) => s.replace(/^title: (.)/m, (_, c: string) => `title: ${c === 'X' ? 'Y' : 'X'}`));
    const after = sameAsFresh(dir, memo, 'one letter of a title');
    assert.match(after, /"title":"X|"title":"Y/);
    assert.ok(memo.counts.unread < inputFiles(dir), 'the edited file was read');
    assert.ok(memo.counts.unread >= inputFiles(dir) - 2, 'only it (and the lock it changed)');
  } finally {
    cleanup(dir);
  }
});
Unchanged('a file written within the racy window is read again at the next build', () => {
  const dir = copySite();
  try {
    // A minute's window (a slow machine may take seconds to build): the copy was just written, so
    // no file is taken as unchanged yet.
    const memo = new LoadMemo(60_000);
    sameAsFresh(dir, memo, 'a first build');
    sameAsFresh(dir, memo, 'a second build');
    assert.is(memo.counts.unread, 0);
    assert.is(memo.counts.parsed + memo.counts.kept, inputFiles(dir));
  } finally {
    cleanup(dir);
  }
});
Unchanged('where the file system clock runs behind, a file written just now is read again', () => {
  const dir = copySite();
  try {
    // This process's clock two minutes ahead of the file system's (some container and network
    // mounts); a window of one minute, which no slow build outlasts.
    const ahead = () => Date.now() + 120_000;
    const withCache = coreConfig(
      resolveOptions({
        localesDir: join(dir, 'locales'),
        articlesDir: join(dir, 'src'),
        cache: join(dir, '.cache', 'lockstep'),
      }),
    );
    const measured = new LoadMemo(60_000, ahead);
    build(dir, withCache, { loads: measured });
    build(dir, withCache, { loads: measured });
    assert.is(measured.counts.unread, 0, 'the lag is measured in the cache folder: none settled');
    // With no cache folder to measure it in, the copy's files look two minutes old.
    const blind = new LoadMemo(60_000, ahead);
    build(dir, config(dir), { loads: blind });
    build(dir, config(dir), { loads: blind });
    assert.ok(blind.counts.unread > 0);
  } finally {
    cleanup(dir);
  }
});
Unchanged(
  'assumed: only the files the watcher names are looked at; one it did not name is caught by confirm',
  () => {
    const dir = copySite();
    try {
      const memo = settled(dir);
      const file = fr(dir);
      const title = (s: string) => /"title":"[^"]*"/.exec(s)?.[0];
      // Named: read again, as without the assumption.
      edit(file, (s) => s.replace(/^title: (.*)$/m, 'title: Premier titre'));
      memo.assume([file], Object.values(WATCHED));
      const named = sameAsFresh(dir, memo, 'an edit the watcher named');
      assert.ok(memo.confirm(), 'every file taken as unchanged was');
      assert.match(named, /Premier titre/);
      // Not named: the build takes the file as it was, and confirm says so.
      edit(file, (s) => s.replace(/^title: (.*)$/m, 'title: Second titre'));
      memo.assume([], Object.values(WATCHED));
      const unnamed = outcome(dir, () => build(dir, config(dir), { loads: memo }));
      assert.ok(
        unnamed.includes('Premier titre') && !unnamed.includes('Second titre'),
        title(unnamed),
      );
      assert.is(memo.confirm(), false);
      // The next build reads it.
      const after = sameAsFresh(dir, memo, 'the build after confirm');
      assert.match(after, /Second titre/);
    } finally {
      cleanup(dir);
    }
  },
);
Unchanged(
  'assumed: a source file changed unseen stops the build before any lock is written from it',
  () => {
    const dir = copySite();
    try {
      const memo = settled(dir);
      const lock = join(dir, 'locales', 'fr-FR', 'translations.lock');
      const before = readFileSync(lock, 'utf8');
      // As a `git pull` may: the source and a translation changed, the watcher named only the
      // translation so far.
      edit(join(dir, 'locales', 'en', `${ARTICLE}.yaml`), (s) =>
        s.replace(/^title: (.*)$/m, 'title: $1 (new)'),
      );
      edit(fr(dir), (s) => s.replace(/^title: (.*)$/m, 'title: $1 (nouveau)'));
      memo.assume([fr(dir)], Object.values(WATCHED));
      assert.throws(
        () => build(dir, config(dir), { loads: memo }),
        (e: Error) => e instanceof UnseenChange,
      );
      assert.is(readFileSync(lock, 'utf8'), before, 'no lock written from the old source');
      memo.confirm();
      // The next build reads the source again: what a build from the files gives.
      sameAsFresh(dir, memo, 'the build after');
    } finally {
      cleanup(dir);
    }
  },
);
Unchanged.run();
