import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'node-html-parser';
import { audit } from '../plugin/core/audit/audit.js';
import { mergeStatus } from '../plugin/core/outputs/status-merge.js';
import { resolveOptions } from '../plugin/options.js';
import { buildSite, cleanup, copySite, listFiles, read, type BuildResult } from './helpers.js';

const LOCALES = ['en', 'fr-fr', 'it-it', 'pt-br', 'ru-ru', 'zh-tw'];
const ARTICLE = 'teams-contact-center';
const SHARDS = [
  ['en', 'fr-FR', 'it-IT'],
  ['pt-BR', 'ru-RU', 'zh-TW'],
];
// Every kind of page, so that the merge is checked for all of them (the sitemap lists every page).
const OPTIONS = { siteUrl: 'https://docs.example.com', markdown: true };

const dirs: string[] = [];
/**
 * Builds of one checkout, as CI runners build the same commit: each into `_site`, then renamed to
 * `name`.
 */
let site = '';
async function build(
  name: string,
  options: Parameters<typeof buildSite>[1],
  env?: string,
): Promise<BuildResult> {
  if (!site) dirs.push((site = copySite()));
  if (env !== undefined) process.env.LOCKSTEP_LOCALES = env;
  try {
    const r = await buildSite(site, options);
    if (existsSync(r.out)) renameSync(r.out, join(site, name));
    return { ...r, out: join(site, name) };
  } finally {
    delete process.env.LOCKSTEP_LOCALES;
  }
}
const pages = (r: BuildResult) => r.files.filter((f) => f.endsWith(`${ARTICLE}/index.html`)).sort();

const shard = suite('building one shard of locales');
let full: BuildResult;
let shards: BuildResult[] = [];
shard.before(async () => {
  full = await build('_full', OPTIONS);
  shards = [
    await build('_shard1', { ...OPTIONS, buildLocales: SHARDS[0] }),
    await build('_shard2', OPTIONS, SHARDS[1]!.join(',')),
  ];
  for (const r of [full, ...shards]) if (r.error) throw r.error;
});
const cleanAll = () => {
  dirs.splice(0).forEach(cleanup);
  site = '';
};
shard.after(cleanAll);

shard(
  'writes only the article pages of its locales, from the option or from LOCKSTEP_LOCALES',
  () => {
    assert.equal(
      pages(full),
      LOCALES.map((l) => `${l}/${ARTICLE}/index.html`),
    );
    assert.equal(
      pages(shards[0]!),
      ['en', 'fr-fr', 'it-it'].map((l) => `${l}/${ARTICLE}/index.html`),
    );
    assert.equal(
      pages(shards[1]!),
      ['pt-br', 'ru-ru', 'zh-tw'].map((l) => `${l}/${ARTICLE}/index.html`),
    );
    // The pages every shard shares are written by each: the picker, the status page, the sitemap.
    for (const r of shards)
      for (const f of ['index.html', 'translation-status/index.html', 'sitemap.xml', '404.html'])
        assert.ok(r.files.includes(f), f);
  },
);

shard('checks only its locales: their status pages, the others pending on the summary', () => {
  const status = (r: BuildResult) =>
    r.files.filter((f) => /^translation-status\/[^/]+\/index\.html$/.test(f)).sort();
  assert.equal(status(shards[0]!), [
    'translation-status/fr-fr/index.html',
    'translation-status/it-it/index.html',
  ]);
  assert.equal(status(shards[1]!), [
    'translation-status/pt-br/index.html',
    'translation-status/ru-ru/index.html',
    'translation-status/zh-tw/index.html',
  ]);
  const summary = parse(read(join(shards[0]!.out, 'translation-status', 'index.html')));
  const pending = (doc: ReturnType<typeof parse>) =>
    doc.querySelectorAll('tr[data-lockstep-pending]').map((r) => r.getAttribute('data-locale'));
  assert.equal(pending(summary), ['pt-BR', 'ru-RU', 'zh-TW']);
  assert.equal(pending(parse(read(join(full.out, 'translation-status', 'index.html')))), []);
});

shard('each page still offers every language: alternates and switcher list all six', () => {
  const doc = parse(read(join(shards[1]!.out, 'ru-ru', ARTICLE, 'index.html')));
  const hreflangs = doc
    .querySelectorAll('link[rel="alternate"]')
    .map((a) => a.getAttribute('hreflang')!.toLowerCase());
  assert.equal(hreflangs, [...LOCALES, 'x-default']);
  assert.is(
    doc.querySelectorAll('nav a[hreflang]').length +
      doc.querySelectorAll('nav [aria-current="page"]').length,
    6,
  );
});

shard('merged shards are the full build, byte for byte, and pass the audit', () => {
  const merged = mkdtempSync(join(tmpdir(), 'lockstep-merged-'));
  dirs.push(merged);
  for (const r of shards) cpSync(r.out, merged, { recursive: true });
  assert.equal(mergeStatus(merged), { merged: ['fr-FR', 'it-IT'], problems: [] });
  const files = listFiles(merged)
    .map((f) => relative(merged, f))
    .sort();
  assert.equal(files, [...full.files].sort());
  for (const f of files) assert.is(read(join(merged, f)), read(join(full.out, f)), f);
  const result = audit(merged);
  assert.equal(result.problems, []);
  assert.is(result.pages, 6);
});
shard(
  'merged shards are the full build when the summary kept has a language filled before a pending one',
  () => {
    const merged = mkdtempSync(join(tmpdir(), 'lockstep-merged-'));
    dirs.push(merged);
    // The first shard copied last: its summary has fr-FR and it-IT filled, pt-BR… pending after.
    for (const r of [...shards].reverse()) cpSync(r.out, merged, { recursive: true });
    assert.equal(mergeStatus(merged).merged, ['pt-BR', 'ru-RU', 'zh-TW']);
    const summary = join('translation-status', 'index.html');
    assert.fixture(read(join(merged, summary)), read(join(full.out, summary)));
  },
);
shard(
  "`mergeStatus` without a shard's output names the language missing and writes nothing",
  () => {
    const merged = mkdtempSync(join(tmpdir(), 'lockstep-merged-'));
    dirs.push(merged);
    cpSync(shards[1]!.out, merged, { recursive: true });
    const before = read(join(merged, 'translation-status', 'index.html'));
    const r = mergeStatus(merged, merged);
    assert.equal(r.merged, []);
    assert.equal(
      r.problems.map((p) => [p.code, p.file]),
      [
        ['STATUS_PART_MISSING', 'translation-status/index.html'],
        ['STATUS_PART_MISSING', 'translation-status/index.html'],
      ],
    );
    assert.match(
      r.problems[0]!.message,
      'the shard that builds `fr-FR` is not in the merged folder',
    );
    assert.is(read(join(merged, 'translation-status', 'index.html')), before);
  },
);
shard.run();

const locks = suite('the locks of a build in shards');
locks.after(cleanAll);
const lockFiles = (dir: string) =>
  listFiles(join(dir, 'locales'))
    .filter((f) => f.endsWith('.lock'))
    .map((f) => relative(dir, f))
    .sort();

locks("each shard writes its locales' locks; together they are a single build's", async () => {
  // Without locks, every build writes them all anew.
  const fresh = () => {
    const dir = copySite();
    dirs.push(dir);
    for (const f of lockFiles(dir)) rmSync(join(dir, f));
    return dir;
  };
  const one = fresh();
  const split = fresh();
  assert.is((await buildSite(one, {})).error, undefined);
  assert.is((await buildSite(split, { buildLocales: SHARDS[0] })).error, undefined);
  // The first shard wrote the locks of its own locales only.
  assert.equal(
    lockFiles(split).filter((f) => f.endsWith('translations.lock')),
    ['locales/fr-FR/translations.lock', 'locales/it-IT/translations.lock'],
  );
  assert.is((await buildSite(split, { buildLocales: SHARDS[1] })).error, undefined);
  assert.equal(lockFiles(split), lockFiles(one));
  for (const f of lockFiles(one)) assert.is(read(join(split, f)), read(join(one, f)), f);
});
locks.run();

const held = suite('strings of other locales on the pages every shard writes');
held.after(cleanAll);

held('a title held back in a locale of another shard is held back in the picker too', async () => {
  const dir = copySite();
  dirs.push(dir);
  const file = join(dir, 'locales', 'fr-FR', `${ARTICLE}.yaml`);
  // An invisible control reverses what follows: the check holds the title back.
  writeFileSync(
    file,
    read(file).replace('title: Centre de contacts Teams', 'title: "Centre \u202E de contacts"'),
  );
  const one = await buildSite(dir, {});
  assert.is(one.error, undefined);
  const picker = read(join(one.out, 'index.html'));
  assert.not.match(picker, '\u202E');
  rmSync(one.out, { recursive: true });
  const r = await buildSite(dir, { buildLocales: SHARDS[1] });
  assert.is(r.error, undefined);
  assert.is(read(join(r.out, 'index.html')), picker);
});
held.run();

const invalid = suite('naming the locales of a shard');

invalid(
  'a locale the site does not have fails the build before anything is written, naming the locales it has',
  async () => {
    const r = await build('_unknown', {}, 'fr-FR,de-DE');
    assert.ok(r.error, 'the build should fail');
    assert.equal(
      r.error!.problems!.map((p) => p.code),
      ['UNKNOWN_BUILD_LOCALE'],
    );
    assert.match(
      r.error!.message,
      '`LOCKSTEP_LOCALES` names `de-DE`, which is not a locale of this site; its locales are `en`, `fr-FR`, `it-IT`, `pt-BR`, `ru-RU`, `zh-TW`.',
    );
    assert.equal(pages(r), []);
  },
);

invalid('tags are read as BCP 47, in any case; something else is an error', () => {
  process.env.LOCKSTEP_LOCALES = ' fr-fr, ZH-tw ,';
  try {
    assert.equal(
      resolveOptions({ buildLocales: ['en'] }).buildLocales,
      ['fr-FR', 'zh-TW'],
      'the variable wins over the option',
    );
    process.env.LOCKSTEP_LOCALES = 'fr-FR,../x';
    assert.throws(
      () => resolveOptions(),
      /`LOCKSTEP_LOCALES` names `..\/x`, which is not a BCP 47 language tag/,
    );
    process.env.LOCKSTEP_LOCALES = ' , ';
    assert.throws(() => resolveOptions(), /`LOCKSTEP_LOCALES` names no locale/);
  } finally {
    delete process.env.LOCKSTEP_LOCALES;
  }
  assert.is(resolveOptions().buildLocales, undefined);
  assert.throws(
    () => resolveOptions({ buildLocales: 'fr-FR' as never }),
    /option `buildLocales` must be a list of locale tags/,
  );
});
invalid.after(cleanAll);
invalid.run();
