import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readTables, tableValues } from '../plugin/core/audit/html-tables.js';
import { assess } from '../plugin/core/check/quality.js';
import { loadSite } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { bench, report, type WorkloadResult } from '../scripts/bench.js';

/**
 * `npm run bench` on the smallest workloads: what the bench promises, without a timing threshold.
 * Every build writes the right pages, each figure is the median of its runs, each ratio is worked
 * out from those medians, and the report has every workload's rows with those figures. The builds
 * run the compiled plugin (`dist/`), which `npm test` compiles first.
 */
// Two runs: the median is then their mean, which neither run alone nor the faster one is.
const RUNS = 2;
const quick = suite('bench: the small workload and a tiny synthetic one');
let results: WorkloadResult[] = [];
let text = '';
quick.before(async () => {
  results = await bench({
    workloads: ['small', 'custom', 'real'],
    copies: 2,
    runs: RUNS,
    hugo: true,
    watch: false,
    shards: 0,
    keep: true,
    custom: { articles: 1, locales: 2, partners: 2, strings: 8 },
  });
  text = report(results);
});
quick.after(() => {
  // Both workloads live in one kept temporary folder.
  if (results[0]?.dir)
    rmSync(results[0].dir.replace(/[/\\]small$/, ''), { recursive: true, force: true });
});
const byName = (name: string) => results.find((r) => r.workload === name)!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

quick(
  'each build writes one page per article and locale, and the floor writes the same bytes',
  () => {
    assert.equal(
      results.map((r) => r.workload),
      ['small', 'custom', 'real'],
    );
    assert.equal([byName('custom').articles, byName('custom').locales], [1, 2]);
    assert.equal([byName('real').articles, byName('real').locales], [2, 6]);
    for (const r of results) {
      assert.is(r.pages, r.articles * r.locales, r.workload);
      assert.is(r.verified.lockstepPages, r.pages, r.workload);
      assert.is(
        r.verified.plainIdentical,
        r.pages,
        `${r.workload}: the floor's pages differ: ${r.verified.plainDifferent.join(', ')}`,
      );
      // The second floor wrote every file of the build (pages, picker, 404, sitemap, copies).
      assert.ok(r.verified.bytesFiles! > r.pages, r.workload);
      assert.is(r.bytes!.files, r.verified.bytesFiles, r.workload);
      assert.is(r.verified.bytesIdentical, r.verified.bytesFiles, r.workload);
      // The pages checked are the warm build's, written with what the cold build cached.
      assert.ok(existsSync(join(r.dir!, 'lockstep/.cache/lockstep/quality.json')), r.workload);
    }
  },
);

quick('each copy of the real article carries its real findings', () => {
  const dir = join(byName('real').dir!, 'lockstep');
  const { site } = loadSite(dir, coreConfig(resolveOptions({}, 'src')));
  const quality = assess(site!, join(dir, 'locales'));
  // The docs site has 77 outdated strings in fr-FR (see status.test.ts): twice that in two copies.
  assert.is(quality.status.find((l) => l.locale === 'fr-FR')!.stale, 2 * 77);
  assert.is(site!.articles.length, 2);
});

quick(
  'every figure is the median of its runs, and every ratio is worked out from those medians',
  () => {
    for (const r of results) {
      const [cold, warm, plain, bytes] = [r.lockstep!, r.warm!, r.plain!, r.bytes!];
      assert.is(r.bytesRatio, cold.wallMs / bytes.wallMs, r.workload);
      assert.is(r.warmBytesRatio, warm.wallMs / bytes.wallMs, r.workload);
      for (const m of [cold, warm, plain, bytes]) {
        assert.is(m.runsMs.length, RUNS, r.workload);
        assert.is(m.wallMs, mean(m.runsMs), r.workload);
        assert.is(m.pagesPerSec, r.pages / (m.wallMs / 1000), r.workload);
      }
      assert.is(r.ratio, cold.wallMs / plain.wallMs, r.workload);
      assert.is(r.warmRatio, warm.wallMs / plain.wallMs, r.workload);
      assert.is(r.overheadMsPerPage, (cold.wallMs - plain.wallMs) / r.pages, r.workload);
      assert.is(r.warmOverheadMsPerPage, (warm.wallMs - plain.wallMs) / r.pages, r.workload);
      if (cold.cpuMs !== undefined && plain.cpuMs !== undefined)
        assert.is(r.cpuRatio, cold.cpuMs / plain.cpuMs, r.workload);
      for (const phase of ['load', 'i18n', 'checks', 'lock', 'views', 'render', 'audit'] as const)
        assert.type(r.phases[phase], 'number', `${r.workload} ${phase}`);
      // The render phase made the build's pages, byte for byte, or its time would mean nothing.
      assert.is(r.verified.renderedIdentical, r.pages, r.workload);
      assert.is(r.phases.setup, r.phases.load! + r.phases.i18n!, r.workload);
    }
  },
);

quick(
  'the report has a section per workload, with its rows and the ratios and medians computed',
  () => {
    const sections = text.split(/^## /m).slice(1);
    assert.equal(
      sections.map((s) => s.split(':')[0]),
      ['small', 'custom', 'real'],
    );
    for (const [k, r] of results.entries()) {
      const s = sections[k]!;
      assert.match(s, `× ${r.locales} locales = ${r.pages} pages`);
      assert.match(s, `median of ${RUNS} runs`);
      const row = (name: string) =>
        s
          .split('\n')
          .find((l) => l.startsWith(`| ${name}`))
          ?.split('|')
          .map((c) => c.trim());
      const cold = row('Lockstep, cold')!;
      const warm = row('Lockstep, warm')!;
      const bytes = row('plain Eleventy, same bytes')!;
      assert.ok(cold && warm && row('plain Eleventy') && bytes, `${r.workload}: a row is missing`);
      assert.is(cold[10], `${r.bytesRatio!.toFixed(2)}×`);
      assert.is(bytes[5], `${(r.bytes!.wallMs / r.pages).toFixed(2)} ms`);
      assert.match(
        s,
        `Lockstep over the same-bytes floor ${r.bytesRatio!.toFixed(2)}× / ${r.warmBytesRatio!.toFixed(2)}×`,
      );
      assert.match(cold[6]!, `${r.ratio!.toFixed(2)}× /`);
      assert.is(cold[7], `${r.overheadMsPerPage!.toFixed(2)} ms`);
      assert.match(warm[6]!, `${r.warmRatio!.toFixed(2)}× /`);
      assert.is(cold[4], String(Math.round(r.lockstep!.pagesPerSec).toLocaleString('en-US')));
      assert.is(cold[5], `${(r.lockstep!.wallMs / r.pages).toFixed(2)} ms`);
      assert.match(
        s,
        `verified: ${r.pages} article pages written; ${r.pages} byte-identical to the floor's; same-bytes floor: ${r.verified.bytesFiles} of ${r.verified.bytesFiles} files identical`,
      );
      assert.match(s, `checks (assess, no cache) ${r.phases.checks!.toFixed(0)}`);
      const bound = r.bytes!.wallMs + r.phases.render! + r.phases.load!;
      assert.match(s, `bound for a cold build through the theme: same-bytes floor`);
      assert.match(s, `, ${(bound / r.bytes!.wallMs).toFixed(2)}× the floor`);
    }
    // A JSON round trip keeps everything the report is made from.
    assert.equal(report(JSON.parse(JSON.stringify(results))), text);
  },
);

quick('the pages carry the same data-lockstep tables in every language', () => {
  for (const r of results) {
    const out = join(r.dir!, 'lockstep/_site');
    const pages = readdirSync(out, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'translation-status')
      .flatMap((l) =>
        readdirSync(join(out, l.name))
          .filter((a) => existsSync(join(out, l.name, a, 'index.html')))
          .map((a) => [l.name, a]),
      );
    const tables = (locale: string, article: string) =>
      tableValues(readTables(readFileSync(join(out, locale, article, 'index.html'), 'utf8')));
    for (const [locale, article] of pages) {
      const en = tables('en', article!);
      assert.ok(
        en.some(([, , rows]) => rows.length),
        `${r.workload}: ${article} has a table with rows`,
      );
      assert.equal(tables(locale!, article!), en, `${r.workload}: ${locale}/${article}`);
    }
  }
});

quick('Hugo, where installed, builds the same tables', () => {
  for (const r of results) if (r.hugo) assert.equal(r.verified.hugoTablesDifferent, [], r.workload);
});

quick.run();
