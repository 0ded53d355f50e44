import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BuildCache } from '../plugin/core/cache.js';
import { datasetParses } from '../plugin/core/load/dataset-facts.js';
import { namespaceParses } from '../plugin/core/load/locales.js';
import { loadSite } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { load } from '../plugin/core/load/load-step.js';
import { buildSite, cleanup, copySite, fixtures, listFiles } from './helpers.js';

const FR = 'locales/fr-FR/teams-contact-center.yaml';
const EN = 'locales/en/teams-contact-center.yaml';
const DATASET = 'src/teams-contact-center/dataset.yaml';

/** The Teams site with the package's theme, so a warm build reuses its finished pages. */
function site(): string {
  const dir = copySite();
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  return dir;
}

const edit = (dir: string, file: string, change: (s: string) => string) =>
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

/**
 * A build's output files, its warnings, the locale files it parsed (`locales/...`) and the datasets
 * (`src/...`).
 */
async function build(dir: string, options = {}, cold = false) {
  if (cold) {
    rmSync(join(dir, '_site'), { recursive: true, force: true });
    rmSync(join(dir, '.cache'), { recursive: true, force: true });
  }
  const warnings: string[] = [];
  namespaceParses.files = [];
  datasetParses.files = [];
  try {
    const r = await buildSite(dir, { markdown: true, ...options }, { warnings });
    const files = new Map(
      listFiles(r.out).map((f) => [relative(r.out, f), readFileSync(f, 'utf8')]),
    );
    const parsed = namespaceParses.files.map((f) => f.slice(f.indexOf('locales/'))).sort();
    const datasets = datasetParses.files.map((f) => f.slice(f.indexOf('src/'))).sort();
    return {
      error: r.error,
      files,
      parsed,
      datasets,
      warnings: warnings.filter((w) => w.includes('[lockstep]')),
    };
  } finally {
    delete namespaceParses.files;
    delete datasetParses.files;
  }
}

/** `loadSite`'s problems with the build cache in `dir/.cache` (none when `cache` is false). */
function problems(dir: string, cache = true) {
  const options = resolveOptions({
    localesDir: join(dir, 'locales'),
    articlesDir: join(dir, 'src'),
  });
  const store = cache ? new BuildCache(join(dir, '.cache', 'load.json')) : undefined;
  const found = loadSite(dir, coreConfig(options), store).problems;
  store?.save();
  return found.map((p) => `${p.file}:${p.line}:${p.col} ${p.message} [${p.code}]`);
}

const warm = suite('a warm build parses only what it reads');

warm(
  "with nothing changed, no article locale file is parsed, and the output is the cold build's",
  async () => {
    const dir = site();
    const cold = await build(dir, { statusPage: false }, true);
    assert.ok(cold.parsed.includes(FR), 'the cold build parses every file');
    const again = await build(dir, { statusPage: false });
    assert.equal(
      again.parsed.filter((f) => !f.endsWith('/common.yaml')),
      [],
    );
    assert.equal([...again.files.keys()].sort(), [...cold.files.keys()].sort());
    for (const [f, text] of cold.files) assert.ok(again.files.get(f) === text, `${f} differs`);
    assert.equal(again.warnings, cold.warnings);
    cleanup(dir);
  },
);

warm(
  "the theme's strings (`common.yaml`), which every 404 page and the picker show, are not parsed",
  async () => {
    const dir = site();
    const cold = await build(dir, { statusPage: false }, true);
    assert.ok(cold.parsed.includes('locales/fr-FR/common.yaml'), 'the cold build parses it');
    const again = await build(dir, { statusPage: false });
    assert.equal(again.parsed, []);
    for (const [f, text] of cold.files) assert.ok(again.files.get(f) === text, `${f} differs`);
    cleanup(dir);
  },
);

warm('with nothing changed, no dataset is parsed', async () => {
  const dir = site();
  const cold = await build(dir, {}, true);
  assert.equal(cold.datasets, [DATASET]);
  const again = await build(dir);
  assert.equal(again.datasets, []);
  for (const [f, text] of cold.files) assert.ok(again.files.get(f) === text, `${f} differs`);
  assert.equal(again.warnings, cold.warnings);
  cleanup(dir);
});

warm("a dataset changed between builds is parsed, and the output is a cold build's", async () => {
  const dir = site();
  await build(dir, {}, true);
  // A fact every page shows, and a glossary term the checks of every language read.
  edit(dir, DATASET, (s) =>
    s.replace('updated: 2021-04-09', 'updated: 2023-06-30').replace('  - SME\n', ''),
  );
  const again = await build(dir);
  assert.equal(again.datasets, [DATASET]);
  assert.ok(
    again.files
      .get('fr-fr/teams-contact-center/index.html')!
      .includes('<time datetime="2023-06-30">'),
  );
  const cold = await build(dir, {}, true);
  assert.equal([...again.files.keys()].sort(), [...cold.files.keys()].sort());
  for (const [f, text] of cold.files) assert.ok(again.files.get(f) === text, `${f} differs`);
  assert.equal(again.warnings, cold.warnings);
  cleanup(dir);
});

warm('with the status page and Markdown copies, byte for byte the cold build', async () => {
  const dir = site();
  const cold = await build(dir, {}, true);
  const again = await build(dir);
  assert.equal([...again.files.keys()].sort(), [...cold.files.keys()].sort());
  for (const [f, text] of cold.files) assert.ok(again.files.get(f) === text, `${f} differs`);
  assert.equal(again.warnings, cold.warnings);
  cleanup(dir);
});

warm('a file changed between builds is parsed, and the pages show it', async () => {
  const dir = site();
  await build(dir, { statusPage: false }, true);
  edit(dir, FR, (s) =>
    s.replace('title: Centre de contacts Teams', 'title: Centre de contacts modifié'),
  );
  const again = await build(dir, { statusPage: false });
  assert.ok(again.parsed.includes(FR));
  assert.ok(
    again.files
      .get('fr-fr/teams-contact-center/index.html')!
      .includes('Centre de contacts modifié'),
  );
  // The title is what the language picker lists of every article: never the cached one.
  assert.ok(again.files.get('index.html')!.includes('Centre de contacts modifié'));
  cleanup(dir);
});

const invalid = suite('a file made invalid between builds');

invalid('is reported as a build without a cache reports it (message and position)', () => {
  const dir = site();
  assert.equal(problems(dir), []);
  assert.equal(problems(dir), []);
  edit(dir, FR, (s) => s.replace('  intro:\n', '  intro:\n    broken: [unclosed\n'));
  const found = problems(dir);
  assert.ok(found.length > 0);
  assert.ok(found[0]!.startsWith(FR + ':'), found[0]);
  assert.equal(found, problems(dir, false));
  // And again from the cache of that failed build.
  assert.equal(problems(dir), found);
  cleanup(dir);
});

invalid('a source file that lost a linked key is checked again against its dataset', () => {
  const dir = site();
  assert.equal(problems(dir), []);
  edit(dir, EN, (s) => s.replace(/^title: .*$/m, 'title: See [the missing][no-such-link]'));
  const found = problems(dir);
  assert.ok(
    found.some((p) => p.endsWith('[UNKNOWN_LINK]')),
    found.join('\n'),
  );
  assert.equal(found, problems(dir, false));
  cleanup(dir);
});

invalid("a stale cache entry cannot hide a problem: entries are found by the file's digest", () => {
  const dir = site();
  assert.equal(problems(dir), []);
  const file = join(dir, '.cache', 'load.json');
  const cache = JSON.parse(readFileSync(file, 'utf8')) as {
    entries: Record<string, { key: string }>;
  };
  const id = Object.keys(cache.entries).find((k) => k.endsWith(FR));
  assert.ok(id, 'the cache knows the file');
  edit(dir, FR, (s) => s.replace('title: Centre', 'title: [Centre'));
  // The entry of the sound text stays as it was; the file's new text has another digest.
  writeFileSync(file, JSON.stringify(cache));
  const found = problems(dir);
  assert.ok(
    found.some((p) => p.startsWith(FR + ':')),
    found.join('\n'),
  );
  assert.equal(found, problems(dir, false));
  cleanup(dir);
});

invalid('a dataset made invalid is reported as a build without a cache reports it', () => {
  const dir = site();
  assert.equal(problems(dir), []);
  assert.equal(problems(dir), []);
  edit(dir, DATASET, (s) => s.replace('updated: 2021-04-09', 'updated: [2021'));
  const found = problems(dir);
  assert.ok(
    found.some((p) => p.startsWith(DATASET + ':')),
    found.join('\n'),
  );
  assert.equal(found, problems(dir, false));
  assert.equal(problems(dir), found);
  cleanup(dir);
});

invalid("a stale dataset entry cannot hide a problem: it is found by the file's digest", () => {
  const dir = site();
  assert.equal(problems(dir), []);
  const file = join(dir, '.cache', 'load.json');
  const cache = readFileSync(file, 'utf8');
  assert.ok(cache.includes(`"dataset ${DATASET}"`), 'the cache knows the dataset');
  // A schema problem (an id with a space): the text still parses.
  edit(dir, DATASET, (s) => s.replace(/^( {2}- id: )([a-z-]+)$/m, '$1bad id'));
  writeFileSync(file, cache);
  const found = problems(dir);
  assert.ok(
    found.some((p) => p.startsWith(DATASET + ':')),
    found.join('\n'),
  );
  assert.equal(found, problems(dir, false));
  cleanup(dir);
});

invalid('bytes made invalid UTF-8 between builds are decoded again and reported', () => {
  const dir = site();
  assert.equal(problems(dir), []);
  const file = join(dir, FR);
  const bytes = readFileSync(file);
  writeFileSync(
    file,
    Buffer.concat([bytes.subarray(0, 40), Buffer.from([0xff]), bytes.subarray(40)]),
  );
  const found = problems(dir);
  assert.ok(
    found.some((p) => p.startsWith(FR + ':') && p.endsWith('[NOT_UTF8]')),
    found.join('\n'),
  );
  assert.equal(found, problems(dir, false));
  cleanup(dir);
});

const warned = suite('a dataset with a warning');

warned('is parsed again by a warm build, which reports the warning as a cold build does', () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  const run = () => {
    datasetParses.files = [];
    const config = coreConfig(resolveOptions());
    const { warnings } = load.run({ root: dir, config, loads: false });
    const parsed = datasetParses.files;
    delete datasetParses.files;
    return { parsed, deprecated: warnings!.filter((w) => w.code === 'DEPRECATED_SHAPE') };
  };
  const cold = run();
  assert.is(cold.deprecated.length, 1);
  const again = run();
  assert.is(again.parsed.length, 1);
  assert.equal(again.deprecated, cold.deprecated);
  cleanup(dir);
});

warm.run();
invalid.run();
warned.run();
