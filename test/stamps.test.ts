import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildCache } from '../plugin/core/cache.js';
import { loadSite } from '../plugin/core/load/site.js';
import { signature } from '../plugin/core/file-stamps.js';
import { stampOptions } from '../plugin/core/load/stamps.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { buildSite, cleanup, copySite, listFiles } from './helpers.js';

const FR = 'locales/fr-FR/teams-contact-center.yaml';
const DATASET = 'src/teams-contact-center/dataset.yaml';

/**
 * A one-off build's `loadSite` with the build cache in `dir/.cache`: its problems as printed, the
 * site, and the locale files and datasets it opened (`locales/...`, `src/...`).
 */
function load(dir: string, cacheDir = join(dir, '.cache')) {
  const options = resolveOptions({
    localesDir: join(dir, 'locales'),
    articlesDir: join(dir, 'src'),
  });
  const cache = new BuildCache(join(cacheDir, 'load.json'));
  const opened: string[] = [];
  const open = fs.openSync;
  (fs as { openSync: typeof open }).openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const p = String(path);
    const at = p.search(/\/(locales|src)\//);
    if (at >= 0 && p.endsWith('.yaml')) opened.push(p.slice(at + 1));
    return (open as (...a: unknown[]) => number)(path, ...rest);
  }) as typeof open;
  syncBuiltinESMExports();
  try {
    const { site, problems } = loadSite(dir, coreConfig(options), cache);
    cache.save();
    const shown = problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message} [${p.code}]`);
    return { site, problems: shown, opened };
  } finally {
    (fs as { openSync: typeof open }).openSync = open;
    syncBuiltinESMExports();
  }
}

const fr = (site: ReturnType<typeof load>['site']) =>
  site!.locales.find((l) => l.tag === 'fr-FR')!.namespaces.get('teams-contact-center')!;

/** Replace the first `from` in `file` by `to` (of the same length), keeping its time stamps. */
function sameSizeEdit(dir: string, file: string, from: string, to: string) {
  const path = join(dir, file);
  const st = fs.statSync(path);
  const text = fs.readFileSync(path, 'utf8');
  assert.ok(text.includes(from) && Buffer.byteLength(from) === Buffer.byteLength(to));
  fs.writeFileSync(path, text.replace(from, to));
  fs.utimesSync(path, st.atimeMs / 1000, st.mtimeMs / 1000);
  assert.is(fs.statSync(path).size, st.size);
  assert.is(fs.statSync(path).mtimeMs, st.mtimeMs);
}

const stamps = suite('Stamps: a one-off build opens only the locale files that changed');
stamps.before.each(() => {
  stampOptions.racyMs = 0;
});
stamps.after.each(() => {
  stampOptions.racyMs = 2000;
});

stamps('with nothing changed, no locale file is opened, and the strings read the same', () => {
  const dir = copySite();
  try {
    const cold = load(dir);
    assert.ok(
      cold.opened.includes(FR) && cold.opened.includes(DATASET),
      'the cold build reads all',
    );
    const strings = new Map(fr(cold.site).strings);
    const warm = load(dir);
    assert.equal(warm.opened, []);
    assert.equal(warm.problems, cold.problems);
    // Read when something needs its text after all (`title` alone is in the cache).
    assert.equal(new Map(fr(warm.site).strings), strings);
  } finally {
    cleanup(dir);
  }
});

stamps('a locale file edited without its size or mtime changing is read again', () => {
  const dir = copySite();
  try {
    // Whole seconds, which `utimes` can put back exactly.
    const path = join(dir, FR);
    fs.utimesSync(path, 1_700_000_000, 1_700_000_000);
    const title = fr(load(dir).site).strings.get('title')!;
    const changed = title.replace(/[a-z]/, (c) => (c === 'x' ? 'y' : 'x'));
    sameSizeEdit(dir, FR, title, changed);
    const warm = load(dir);
    assert.equal(warm.opened, [FR]);
    assert.is(fr(warm.site).strings.get('title'), changed);
  } finally {
    cleanup(dir);
  }
});

stamps('a dataset edited without its size or mtime changing is read again', () => {
  const dir = copySite();
  try {
    fs.utimesSync(join(dir, DATASET), 1_700_000_000, 1_700_000_000);
    const cold = load(dir);
    const dataset = (r: ReturnType<typeof load>) =>
      r.site!.articles.find((a) => a.file === DATASET)!.data as { updated?: string };
    assert.is(dataset(cold).updated, '2021-04-09');
    sameSizeEdit(dir, DATASET, 'updated: 2021-04-09', 'updated: 2021-04-08');
    const warm = load(dir);
    // And the source's strings, which the edited dataset is checked with again.
    assert.equal(warm.opened, [DATASET, 'locales/en/teams-contact-center.yaml']);
    assert.is(dataset(warm).updated, '2021-04-08');
  } finally {
    cleanup(dir);
  }
});

stamps('a file with a problem is never known by its stamps: reported again, where it is', () => {
  const dir = copySite();
  try {
    fs.appendFileSync(join(dir, FR), '\nbroken: [1, 2]\n');
    const cold = load(dir);
    assert.ok(
      cold.problems.some((p) => p.startsWith(`${FR}:`) && p.includes('[LOCALE_NOT_STRING]')),
    );
    const warm = load(dir);
    assert.equal(warm.opened, [FR]);
    assert.equal(warm.problems, cold.problems);
  } finally {
    cleanup(dir);
  }
});

stamps('a file changed after the build looked at it is reported when read, not taken', () => {
  const dir = copySite();
  try {
    const title = fr(load(dir).site).strings.get('title')!;
    const warm = load(dir);
    assert.equal(warm.opened, []);
    fs.writeFileSync(join(dir, FR), fs.readFileSync(join(dir, FR), 'utf8').replace(title, 'Autre'));
    try {
      // Any string but `title` (which the cache holds) reads the file.
      fr(warm.site).strings.get('intro');
      assert.unreachable('the changed file was taken');
    } catch (e) {
      const problems = (e as { problems?: { code: string; file: string }[] }).problems;
      assert.equal(
        problems?.map((p) => `${p.file} ${p.code}`),
        [`${FR} CHANGED_DURING_BUILD`],
      );
    }
  } finally {
    cleanup(dir);
  }
});

stamps(
  'stamps that lie (the text is not the one recorded) are reported once, then not trusted',
  () => {
    const dir = copySite();
    try {
      const title = fr(load(dir).site).strings.get('title')!;
      // As a file system that keeps no change time would leave it: an edit under the stamps
      // recorded with the text before it.
      const path = join(dir, FR);
      fs.writeFileSync(path, fs.readFileSync(path, 'utf8').replace(title, 'Autre'));
      const file = join(dir, '.cache', 'load.json');
      const cache = JSON.parse(fs.readFileSync(file, 'utf8'));
      const entry = cache.entries[`stamp ${FR}`];
      assert.ok(entry, 'its stamps were recorded');
      entry.key = signature(fs.statSync(path));
      fs.writeFileSync(file, JSON.stringify(cache));
      const warm = load(dir);
      assert.throws(
        () => fr(warm.site).strings.get('intro'),
        (e: { problems?: { code: string }[] }) => e.problems?.[0]?.code === 'CHANGED_DURING_BUILD',
      );
      const next = load(dir);
      assert.ok(next.opened.includes(FR), 'read in full, not reported again');
      assert.ok(fr(next.site).strings.get('title'));
    } finally {
      cleanup(dir);
    }
  },
);
stamps('a file changed just before the build is not known by its stamps (racy)', () => {
  stampOptions.racyMs = 60_000;
  const dir = copySite();
  try {
    load(dir);
    assert.ok(load(dir).opened.includes(FR));
  } finally {
    cleanup(dir);
  }
});

stamps('a cache on another file system than the sources records no stamps (another clock)', () => {
  const dir = copySite();
  // tmpfs, where the machine has one apart from the temporary folder's file system.
  const other = fs.existsSync('/dev/shm') && fs.mkdtempSync('/dev/shm/lockstep-stamps-');
  try {
    if (!other || fs.statSync(other).dev === fs.statSync(dir).dev) return;
    const cold = load(dir, other);
    assert.ok(cold.opened.includes(FR));
    assert.ok(load(dir, other).opened.includes(FR), 'read again: its stamps were not recorded');
  } finally {
    cleanup(dir);
    if (other) cleanup(other);
  }
});
stamps.run();

const builds = suite('Stamps in whole builds');
builds.before.each(() => {
  stampOptions.racyMs = 0;
});
builds.after.each(() => {
  stampOptions.racyMs = 2000;
});

/** A build's output files by path, and its warnings. */
async function build(dir: string, cold = false) {
  if (cold)
    for (const d of ['_site', '.cache']) fs.rmSync(join(dir, d), { recursive: true, force: true });
  const warnings: string[] = [];
  const r = await buildSite(dir, { markdown: true }, { warnings });
  assert.is(r.error, undefined);
  const files = new Map(listFiles(r.out).map((f) => [relative(r.out, f), fs.readFileSync(f)]));
  return { files, warnings };
}

builds("warm builds write a cold build's bytes, before and after a same-size edit", async () => {
  const dir = copySite();
  try {
    fs.utimesSync(join(dir, FR), 1_700_000_000, 1_700_000_000);
    const cold = await build(dir, true);
    const warm = await build(dir);
    assert.equal(warm, cold);
    const title = fr(load(dir).site).strings.get('title')!;
    sameSizeEdit(
      dir,
      FR,
      title,
      title.replace(/[a-z]/, (c) => (c === 'x' ? 'y' : 'x')),
    );
    const edited = await build(dir);
    assert.not.equal(edited.files, cold.files);
    assert.equal(edited, await build(dir, true));
  } finally {
    cleanup(dir);
  }
});

builds.run();
