import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTables } from '../plugin/core/audit/html-tables.js';
import { bench, report, type WorkloadResult } from '../scripts/bench.js';

/**
 * `npm run bench -- --quick` as a smoke test: the builds it times write the right pages. No timing is
 * asserted. The builds run the compiled plugin (`dist/`), which `npm test` compiles first.
 */
const quick = suite('npm run bench -- --quick');
let result: WorkloadResult;
quick.before(async () => {
  result = (await bench({ workloads: ['small'], runs: 1, hugo: true, watch: false, shards: 0, keep: true }))[0]!;
});
quick.after(() => {
  // The workload's folder, and the temporary folder that holds it.
  if (result?.dir) rmSync(dirname(result.dir), { recursive: true, force: true });
});

quick('the Lockstep build writes one page per article and locale, and the floor writes the same bytes', () => {
  assert.is(result.pages, 6);
  assert.is(result.verified.lockstepPages, 6);
  assert.is(result.verified.plainIdentical, 6, `the floor's pages differ: ${result.verified.plainDifferent.join(', ')}`);
  assert.ok(result.lockstep!.wallMs > 0 && result.warm!.wallMs > 0 && result.plain!.wallMs > 0);
  // The pages checked are the warm build's, written with what the cold build cached.
  assert.ok(existsSync(join(result.dir!, 'lockstep/.cache/lockstep/quality.json')));
});

quick('the pages carry the same data-lockstep tables in every language', () => {
  const tables = (locale: string) =>
    readTables(readFileSync(join(result.dir!, 'lockstep/_site', locale, 'teams-contact-center/index.html'), 'utf8')).map((t) => ({
      id: t.id,
      columns: t.columns.map((c) => c.value),
      rows: t.rows.map((r) => [r.key, r.name?.value, r.links.map((l) => l.value), r.values.map((v) => v.value)]),
    }));
  const en = tables('en');
  assert.equal(en.map((t) => t.id), ['partners-certified', 'partners-in-certification', 'comparison']);
  assert.equal(tables('zh-tw'), en);
});

quick('Hugo, where installed, builds the same tables; the phases and the report are complete', () => {
  if (result.hugo) assert.equal(result.verified.hugoTablesDifferent, []);
  for (const phase of ['load', 'i18n', 'checks', 'lock', 'views', 'audit'] as const) assert.type(result.phases[phase], 'number', phase);
  assert.match(report([result]), '| Lockstep, cold (empty cache: every check and audit)');
  assert.match(report([result]), '| Lockstep, warm (cache of the previous build)');
  assert.equal(JSON.parse(JSON.stringify(result)).pages, 6);
});

quick.run();
