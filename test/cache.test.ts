import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { audit } from '../plugin/core/audit/audit.js';
import { build } from '../plugin/core/build.js';
import { BuildCache, inputsKey } from '../plugin/core/cache.js';
import { assess, type Quality } from '../plugin/core/check/quality.js';
import { loadSite } from '../plugin/core/load/site.js';
import { resolveOptions, type LockstepOptions, coreConfig } from '../plugin/options.js';
import { buildSite, cleanup, copySite, listFiles, read } from './helpers.js';

const FILE = '.cache/quality.json';

/**
 * Assess the site in `dir` with the cache file `.cache/quality.json` (a fresh BuildCache per call,
 * as each build has), then save it.
 */
function assessCached(dir: string, cache = true): Quality {
  const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
  assert.equal(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  const c = new BuildCache(cache ? join(dir, FILE) : undefined);
  const q = assess(site!, join(dir, 'locales'), undefined, c);
  assert.is(c.save(), undefined);
  return q;
}

const plainOf = (q: Quality) => ({
  findings: q.findings,
  status: q.status,
  stale: [...q.stale].map(([l, m]) => [l, [...m].map(([ns, keys]) => [ns, [...keys].sort()])]),
});
const cacheFile = (dir: string) => JSON.parse(read(join(dir, FILE)));
/**
 * Put a finding into the cached result of `locale`, so a test can tell a cached result from a fresh
 * one.
 */
function plant(dir: string, locale: string, file = join(dir, FILE)) {
  const data = JSON.parse(read(file));
  // A row of the stored table (see `quality-store.ts`): code, message, file, ns and key by index.
  const { strings, rows } = data.entries[locale].value;
  const at = strings.push('PLANTED', 'from the cache', 'x', 'common', 'planted') - 5;
  rows.push(at, at + 1, at + 2, 1, 1, at + 3, at + 4, 0);
  writeFileSync(file, JSON.stringify(data));
}
/**
 * `PLANTED` is no `ProblemCode` on purpose: no build gives it, so it can only come from the cache.
 */
const isPlanted = (f: { code: string }) => f.code === 'PLANTED';
const planted = (q: Quality) => q.findings.filter(isPlanted).map((f) => f.locale);
const edit = (file: string, change: (s: string) => string) =>
  writeFileSync(file, change(readFileSync(file, 'utf8')));

const quality = suite('build cache: translation checks');

quality('a second run gives exactly what a run without cache gives, from the cache', () => {
  const dir = copySite();
  const uncached = assessCached(dir, false);
  const first = assessCached(dir);
  assert.equal(plainOf(first), plainOf(uncached));
  // One entry per translated locale whose lock was already up to date (all five in the docs site's
  // fixture).
  assert.equal(Object.keys(cacheFile(dir).entries).sort(), [
    'fr-FR',
    'it-IT',
    'pt-BR',
    'ru-RU',
    'zh-TW',
  ]);
  plant(dir, 'ru-RU');
  const second = assessCached(dir);
  assert.equal(planted(second), ['ru-RU']);
  second.findings = second.findings.filter((f) => !isPlanted(f));
  assert.equal(plainOf(second), plainOf(uncached));
  // Locks of cached locales read the same as assessed ones.
  assert.equal(
    second.locks.map((l) => [l.locale, l.changed, l.lock]),
    uncached.locks.map((l) => [l.locale, l.changed, l.lock]),
  );
  cleanup(dir);
});

quality('editing a locale file re-checks that locale only', () => {
  const dir = copySite();
  assessCached(dir);
  plant(dir, 'fr-FR');
  plant(dir, 'it-IT');
  edit(join(dir, 'locales/fr-FR/common.yaml'), (s) =>
    s.replace(/^languages: .*$/m, 'languages: "Langues {{count}}"'),
  );
  const q = assessCached(dir);
  assert.equal(planted(q), ['it-IT']);
  assert.ok(
    q.findings.some(
      (f) => f.locale === 'fr-FR' && f.key === 'languages' && f.code === 'PLACEHOLDER',
    ),
    'the new fault of the edited file is reported',
  );
  cleanup(dir);
});

quality(
  'editing the source, the dataset or a lock re-checks every locale that depends on it',
  () => {
    const dir = copySite();
    const sourceFile = join(dir, 'locales/en/teams-contact-center.yaml');
    const changes: [string, () => void, (q: Quality) => void][] = [
      [
        'the source text',
        () => edit(sourceFile, (s) => s.replace(/^title: (.*)$/m, 'title: $1 today')),
        (q) =>
          assert.ok(
            q.findings.some((f) => f.locale === 'fr-FR' && f.key === 'title' && f.code === 'STALE'),
          ),
      ],
      [
        'the dataset glossary',
        () =>
          edit(join(dir, 'src/teams-contact-center/dataset.yaml'), (s) =>
            s.replace(/^glossary:\n/m, 'glossary:\n  - Teams Phone\n'),
          ),
        () => {},
      ],
      // Imported copies older than the article's source date are outdated: a later date outdates
      // more of them.
      [
        'the article date',
        () =>
          edit(join(dir, 'src/teams-contact-center/dataset.yaml'), (s) =>
            s.replace(/^ {2}date: .*$/m, '  date: 2025-01-01'),
          ),
        (q) =>
          assert.ok(
            q.findings.filter((f) => f.locale === 'fr-FR' && f.code === 'STALE').length > 0,
          ),
      ],
      [
        'a lock',
        () => writeFileSync(join(dir, 'locales/ru-RU/translations.lock'), '{}\n'),
        (q) =>
          assert.is(q.findings.filter((f) => f.locale === 'ru-RU' && f.code === 'STALE').length, 0),
      ],
    ];
    for (const [what, change, check] of changes) {
      assessCached(dir);
      for (const l of ['fr-FR', 'ru-RU', 'zh-TW']) plant(dir, l);
      change();
      const q = assessCached(dir);
      const expected = what === 'a lock' ? ['fr-FR', 'zh-TW'] : [];
      assert.equal(planted(q).sort(), expected, `after a change of ${what}`);
      check(q);
      // A lock the build is about to rewrite makes a key no later build will have: not cached.
      if (what === 'a lock') assert.not.ok('ru-RU' in cacheFile(dir).entries);
      q.findings = q.findings.filter((f) => !isPlanted(f));
      assert.equal(
        plainOf(q),
        plainOf(assessCached(dir, false)),
        `after a change of ${what}: as without cache`,
      );
    }
    cleanup(dir);
  },
);

quality('a damaged or foreign cache file is ignored and replaced', () => {
  const dir = copySite();
  const uncached = plainOf(assessCached(dir, false));
  for (const junk of [
    '{"lockstep": 1, "entr',
    '[]',
    JSON.stringify({
      lockstep: 1,
      code: 'another version',
      entries: { 'fr-FR': { key: 'k', value: {} } },
    }),
  ]) {
    mkdirSync(join(dir, '.cache'), { recursive: true });
    writeFileSync(join(dir, FILE), junk);
    assert.equal(plainOf(assessCached(dir)), uncached);
    assert.is(Object.keys(cacheFile(dir).entries).length, 5);
  }
  cleanup(dir);
});

quality(
  'a namespace file renamed, a locale removed: results as without cache, and the cache keeps only what is used',
  () => {
    const dir = copySite();
    assessCached(dir);
    plant(dir, 'fr-FR');
    renameSync(join(dir, 'locales/fr-FR/common.yaml'), join(dir, 'locales/fr-FR/shared.yaml'));
    rmSync(join(dir, 'locales/zh-TW'), { recursive: true });
    const q = assessCached(dir);
    assert.equal(planted(q), []);
    assert.ok(
      q.findings.some((f) => f.locale === 'fr-FR' && f.code === 'ORPHAN' && f.ns === 'shared'),
    );
    assert.equal(plainOf(q), plainOf(assessCached(dir, false)));
    // fr-FR's lock keeps the entries of `common` (its keys are still in the source), so it needs no
    // rewrite and fr-FR is cached too.
    assert.equal(Object.keys(cacheFile(dir).entries).sort(), ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU']);
    cleanup(dir);
  },
);

quality('accepting translations never reads the cache', () => {
  const dir = copySite();
  assessCached(dir);
  plant(dir, 'ru-RU');
  const { site } = loadSite(dir, coreConfig(resolveOptions()));
  const q = assess(
    site!,
    join(dir, 'locales'),
    (l) => l === 'ru-RU',
    new BuildCache(join(dir, FILE)),
  );
  assert.equal(planted(q), []);
  assert.is(q.findings.filter((f) => f.locale === 'ru-RU' && f.code === 'STALE').length, 0);
  cleanup(dir);
});

quality('a cache written by other code, or with a damaged entry, is not used', () => {
  const dir = copySite();
  const uncached = plainOf(assessCached(dir, false));
  assessCached(dir);
  plant(dir, 'fr-FR');
  const data = cacheFile(dir);
  writeFileSync(join(dir, FILE), JSON.stringify({ ...data, code: 'another version of Lockstep' }));
  assert.equal(plainOf(assessCached(dir)), uncached);
  const damaged = cacheFile(dir);
  damaged.entries['it-IT'].value = { status: 1 };
  writeFileSync(join(dir, FILE), JSON.stringify(damaged));
  assert.equal(plainOf(assessCached(dir)), uncached);
  cleanup(dir);
});

const builds = suite('build cache: builds');

const options = (dir: string, extra: LockstepOptions = {}) =>
  resolveOptions({ localesDir: join(dir, 'locales'), articlesDir: join(dir, 'src'), ...extra });

builds(
  'cold, warm and uncached builds write the same pages; `cache: false` keeps no folder',
  async () => {
    const dir = copySite();
    const none = copySite();
    // The status page names files by their path, which holds the temporary folder's name.
    const pages = (out: string) =>
      new Map(
        listFiles(out).map((f) => [
          f.slice(out.length),
          read(f)
            .split(basename(dirname(out)))
            .join('SITE'),
        ]),
      );
    const uncached = await buildSite(none, { cache: false });
    assert.is(uncached.error, undefined);
    assert.not.ok(existsSync(join(none, '.cache')));
    const cold = await buildSite(dir, { cache: join(dir, '.cache/lockstep') });
    assert.is(cold.error, undefined);
    assert.equal(pages(cold.out), pages(uncached.out));
    assert.equal(readdirSync(join(dir, '.cache/lockstep')).sort(), [
      'audit.json',
      'load.json',
      'quality.json',
    ]);
    const warm = await buildSite(dir, { cache: join(dir, '.cache/lockstep') });
    assert.is(warm.error, undefined);
    assert.equal(pages(warm.out), pages(uncached.out));
    cleanup(dir);
    cleanup(none);
  },
);

builds('a build reads the translation checks of unchanged languages from the cache', () => {
  const dir = copySite();
  build(dir, coreConfig(options(dir)));
  plant(dir, 'pt-BR', join(dir, '.cache/lockstep/quality.json'));
  assert.equal(
    build(dir, coreConfig(options(dir)))
      .quality.findings.filter(isPlanted)
      .map((f) => f.locale),
    ['pt-BR'],
  );
  cleanup(dir);
});

builds('a cache that cannot be written is a warning, not a failed build', () => {
  const dir = copySite();
  mkdirSync(join(dir, '.cache'));
  writeFileSync(join(dir, '.cache/lockstep'), 'a file where the folder should be');
  const b = build(dir, coreConfig(options(dir)));
  const w = b.warnings.find((p) => p.code === 'CACHE_NOT_WRITTEN');
  assert.ok(w, 'warned');
  assert.match(w!.message, /set the `cache` option to another folder or to `false`/);
  assert.ok(b.pages.length > 0);
  cleanup(dir);
});

builds('the option must be a folder or false', () => {
  for (const bad of [true, 3, '', '  '])
    assert.throws(
      () => resolveOptions({ cache: bad as never }),
      /option `cache` must be a folder such as `'.cache\/lockstep'`, or `false`/,
    );
  // Builds do not watch the cache folder, so it must not hold the site's files.
  for (const [bad, held] of [
    ['.', 'locales'],
    ['locales', 'locales'],
    ['src', 'src'],
  ])
    assert.throws(
      () => resolveOptions({ cache: bad }),
      new RegExp(
        `option \`cache\` is \`${bad}\`, which holds \`${held}\`; the cache needs a folder of its own`,
      ),
    );
  assert.is(resolveOptions().cache, '.cache/lockstep');
  assert.is(resolveOptions({ cache: false }).cache, false);
});

const audits = suite('build cache: audit');

audits('a page whose HTML changed is read again; an unchanged one is not', async () => {
  const dir = copySite();
  const built = await buildSite(dir, { cache: false, audit: false });
  assert.is(built.error, undefined);
  const file = join(dir, '.cache/audit.json');
  const run = () => {
    const cache = new BuildCache(file);
    const r = audit(built.out, { cwd: dir, cache });
    cache.save();
    return r;
  };
  const clean = run();
  assert.is(clean.problems.length, 0);
  assert.is(clean.pages, 6);
  assert.is(Object.keys(JSON.parse(read(file)).entries).length, 6);
  assert.equal(run(), clean);
  // Each kind of difference in one language's page is found, although the cache knew the page
  // before.
  const page = join(built.out, 'it-it/teams-contact-center/index.html');
  const original = read(page);
  const changes: [string, (html: string) => string][] = [
    ['AUDIT_ROW_MISSING', (html) => html.replace(/<tr data-key="8x8">[\s\S]*?<\/tr>/, '')],
    [
      'AUDIT_VALUE',
      (html) => html.replace('data-value="solution-provider"', 'data-value="partner"'),
    ],
    ['AUDIT_NAME', (html) => html.replace('translate="no">8x8<', 'translate="no">Otto per otto<')],
    [
      'AUDIT_LINK',
      (html) =>
        html.replace(
          'href="https://www.8x8.com/8/8x8-contact-center-for-microsoft-teams"',
          'href="https://example.com/"',
        ),
    ],
    ['AUDIT_COLUMNS', (html) => html.replace('data-key="connect"', 'data-key="connetti"')],
  ];
  for (const [code, change] of changes) {
    writeFileSync(page, change(original));
    const broken = run();
    assert.ok(
      broken.problems.length > 0 &&
        broken.problems.every(
          (p) => p.code === code && p.file === '_site/it-it/teams-contact-center/index.html',
        ),
      `${code}: ${broken.problems.map((p) => p.code).join(', ')}`,
    );
    assert.equal(broken.tables, clean.tables);
  }
  // A damaged entry is a miss: the difference is still found.
  const data = JSON.parse(read(file));
  for (const entry of Object.values(data.entries) as { value: unknown }[])
    entry.value = { tables: 3 };
  writeFileSync(file, JSON.stringify(data));
  assert.equal(
    run()
      .problems.map((p) => p.code)
      .slice(0, 1),
    ['AUDIT_COLUMNS'],
  );
  // Only the pages of this audit stay in the cache.
  writeFileSync(page, original);
  run();
  assert.is(Object.keys(JSON.parse(read(file)).entries).length, 6);
  cleanup(dir);
});

quality('the cache is small: a few KB per article and language, though findings quote text', () => {
  const dir = copySite();
  const q = assessCached(dir);
  const size = read(join(dir, FILE)).length;
  // The docs site: one article (and `common`) in five translated languages, 363 findings.
  assert.ok(q.findings.length > 300, String(q.findings.length));
  assert.ok(size < 5 * 5 * 1024, `${size} bytes for 5 languages`);
  // Each finding is a short row: its messages and file are said once per language.
  assert.ok(
    size / q.findings.length < 80,
    `${(size / q.findings.length).toFixed(0)} bytes a finding`,
  );
  cleanup(dir);
});

quality.run();
builds.run();
audits.run();

const carried = suite('BuildCache.next');
carried(
  'the next build has what this one saved; a file changed since on disk is read again',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-next-'));
    try {
      const file = join(dir, 'quality.json');
      const isNumber = (v: unknown): v is number => typeof v === 'number';
      const first = new BuildCache(file);
      first.through('a', { x: 1 }, isNumber, () => 1);
      first.save();
      const second = first.next();
      assert.equal(
        second.through('a', { x: 1 }, isNumber, () => 2),
        { value: 1, hit: true },
      );
      second.save();
      // Another build (another process) writes the file in between.
      const other = new BuildCache(file);
      other.through('a', { x: 1 }, isNumber, () => 3);
      other.through('b', { x: 2 }, isNumber, () => 4);
      other.save();
      const third = second.next();
      assert.equal(third.peek('b', inputsKey({ x: 2 })!, isNumber), 4, 'the file as it is now');
    } finally {
      cleanup(dir);
    }
  },
);
carried.run();
