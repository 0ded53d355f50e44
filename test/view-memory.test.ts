import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Whether many views made the same way share one V8 hidden class: a class per object was a sixth of
 * a 10,000-page site's page views. Asked of V8 itself (`%HaveSameMap`), in a child process started
 * with `--allow-natives-syntax`, after enough calls for V8 to settle on its fast paths.
 */
function sameShapes(body: string): Record<string, boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-shapes-'));
  try {
    const mod = (p: string) => JSON.stringify(pathToFileURL(join(process.cwd(), p)).href);
    const script = join(dir, 'shapes.mjs');
    writeFileSync(
      script,
      [
        `import { makeLookup, tableCell, collectionViews } from ${mod('plugin/core/render/collection.ts')};`,
        `import { Memo } from ${mod('plugin/core/memo.ts')};`,
        "const same = new Function('a', 'b', 'return %HaveSameMap(a, b)');",
        'const site = { memo: new Memo() };',
        "const label = (k) => ({ text: 'w' + k });",
        'const lookup = (dir) => makeLookup(site, "en", label, () => true, () => ({}), dir);',
        'const many = (f) => Array.from({ length: 3000 }, (_, i) => f(i));',
        'const out = {};',
        body,
        'console.log(JSON.stringify(out));',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script], {
      encoding: 'utf8',
    });
    assert.is(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Record<string, boolean>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cells = suite('tableCell');

cells('cells of value ids share one hidden class', () => {
  const out = sameShapes(
    [
      "const xs = many((i) => tableCell({ keys: ['values.a' + i], value: 'a' + i }, lookup()));",
      'out.cells = same(xs[2000], xs[2999]);',
    ].join('\n'),
  );
  assert.equal(out, { cells: true });
});

cells.run();

const views = suite('collectionViews');

views('row names of right-to-left pages share one hidden class', () => {
  const out = sameShapes(
    [
      "const plan = { tables: [{ id: 't', columns: [], rows: [{ key: 'r', name: { text: 'N', href: undefined }, cells: [] }] }] };",
      "const xs = many(() => collectionViews(plan, lookup('rtl'))[0].rows[0].name);",
      'out.names = same(xs[2000], xs[2999]);',
      'out.bdi = xs[2999].bdi === true;',
    ].join('\n'),
  );
  assert.equal(out, { names: true, bdi: true });
});

views.run();
