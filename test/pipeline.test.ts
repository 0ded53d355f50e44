import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lockstep from '../plugin/index.js';
import { inputsKey } from '../plugin/core/cache.js';
import { Memo } from '../plugin/core/memo.js';
import { Ruler, step } from '../plugin/core/pipeline.js';
import { afterWriteSteps, buildSteps, OUTPUTS } from '../plugin/core/steps.js';
import type { WrittenState } from '../plugin/core/state.js';
import { LockstepError } from '../plugin/core/problems.js';
import { coreConfig, resolveOptions, type LockstepOptions } from '../plugin/options.js';
import { buildSite, cleanup, copySite, listFiles, read, repo } from './helpers.js';

interface S {
  a?: number;
  b?: number;
  c?: number;
  flag?: boolean;
}
const s = step<S>();
const double = s({ name: 'double', reads: ['a'], adds: ['b'], run: ({ a }) => ({ b: a * 2 }) });
const plusOne = s({ name: 'plusOne', reads: ['b'], adds: ['c'], run: ({ b }) => ({ c: b + 1 }) });

const ruler = suite('Ruler');

ruler('runs the steps in order, each adding what it declares', () => {
  const r = new Ruler<S>().push(double, plusOne);
  assert.equal(r.names(), ['double', 'plusOne']);
  assert.equal(r.run({ a: 3 }), { a: 3, b: 6, c: 7 });
});

ruler('a step that reads what no earlier step added is an internal error naming both', () => {
  assert.throws(
    () => new Ruler<S>().push(plusOne, double).run({ a: 3 }),
    /Internal error: build step `plusOne` reads `b`, which no earlier step added/,
  );
});

ruler('a step that does not add what it declares is an internal error', () => {
  const liar = s({ name: 'liar', reads: ['a'], adds: ['b'], run: () => ({}) as { b: number } });
  assert.throws(() => new Ruler<S>().push(liar).run({ a: 1 }), /build step `liar` did not add `b`/);
});

ruler('a disabled step is skipped; two steps of one name are refused', () => {
  const off = s({
    name: 'off',
    reads: ['a', 'flag'],
    adds: ['c'],
    enabled: ({ flag }) => flag === true,
    run: () => ({ c: 99 }),
  });
  assert.equal(new Ruler<S>().push(off).run({ a: 1, flag: false }), { a: 1, flag: false });
  assert.equal(new Ruler<S>().push(off).run({ a: 1, flag: true }).c, 99);
  assert.throws(() => new Ruler<S>().push(double, double), /two build steps named `double`/);
});

const steps = suite('buildSteps');

steps(
  'the flow: load, check, render, then every output; each step named in the README architecture',
  () => {
    const names = buildSteps().names();
    assert.equal(names, [
      'load',
      'shard',
      'assess',
      'gate',
      'writeLocks',
      'translate',
      'languages',
      ...OUTPUTS.map((o) => o.step.name),
    ]);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const architecture = readme.slice(
      readme.indexOf('## Architecture'),
      readme.indexOf('## Development'),
    );
    for (const n of names)
      assert.match(
        architecture,
        new RegExp(`^\\s+(\\w+/\\s+)?${n}\\s`, 'm'),
        `step \`${n}\` in the README's flow`,
      );
  },
);

const after = suite('afterWriteSteps');

after(
  'after the host wrote the pages: the audit, a named step cached through the build cache, then its gate',
  async () => {
    assert.equal(afterWriteSteps().names(), ['audit', 'auditGate']);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const architecture = readme.slice(readme.indexOf('## Architecture'));
    for (const n of afterWriteSteps().names())
      assert.match(architecture, new RegExp(`^\\s+(\\w+/\\s+)?${n}\\s`, 'm'), n);

    const dir = copySite();
    const built = await buildSite(dir, { audit: false });
    assert.is(built.error, undefined);
    const files = listFiles(built.out).filter(
      (f) => /\/[a-z-]+\/[a-z-]+\/index\.html$/.test(f) && !f.includes('/translation-status/'),
    );
    const page = files.find((f) => f.includes('/it-it/'))!;
    const config = coreConfig(resolveOptions({ cache: '.cache/lockstep' }));
    const state = (html = new Map<string, string>()): WrittenState => ({
      root: dir,
      config,
      written: { dir: built.out, files, html },
    });
    const clean = afterWriteSteps().run(state());
    assert.is(clean.audit!.pages, files.length);
    assert.equal(clean.warnings, []);
    // Each page's shape is in the cache, under the page.
    const entries = JSON.parse(read(join(dir, '.cache/lockstep/audit.json'))).entries;
    assert.is(Object.keys(entries).length, files.length);
    // The HTML the host still holds is what the step reads, and a difference stops the build.
    const tampered = read(page).replace('data-value="solution-provider"', 'data-value="partner"');
    const failing = state(new Map([[page, tampered]]));
    assert.throws(
      () => afterWriteSteps().run(failing),
      (e: unknown) =>
        e instanceof LockstepError &&
        /tables differ between languages/.test(e.message) &&
        e.problems.every((p) => p.code === 'AUDIT_VALUE'),
    );
    assert.ok(failing.audit!.problems.length > 0);
    cleanup(dir);
  },
);

after.run();

const key = suite('inputsKey');

key(
  'exactly the declared inputs: files by path and digest, values, maps and sets; memos left out',
  () => {
    const file = (digest?: string) => ({
      file: 'locales/fr-FR/common.yaml',
      digest,
      strings: new Map([['a', 'text that is not part of the key']]),
    });
    const base = inputsKey({
      ns: file('d1'),
      tags: new Set(['fr-FR']),
      links: new Map([['x', 'https://a']]),
    });
    assert.type(base, 'string');
    assert.is(
      inputsKey({
        ns: { ...file('d1'), strings: new Map() },
        tags: new Set(['fr-FR']),
        links: new Map([['x', 'https://a']]),
        memo: new Memo(),
      }),
      base,
    );
    assert.is.not(
      inputsKey({ ns: file('d2'), tags: new Set(['fr-FR']), links: new Map([['x', 'https://a']]) }),
      base,
    );
    assert.is.not(
      inputsKey({ ns: file('d1'), tags: new Set(['fr-FR']), links: new Map([['x', 'https://b']]) }),
      base,
    );
    assert.is(
      inputsKey({ ns: file(undefined) }),
      undefined,
      'a file without a digest cannot be cached',
    );
  },
);

const glue = suite('lockstep: templates from the outputs');

/** The templates the plugin adds; Eleventy's run mode (its environment) is `watch` unless said. */
function templates(options: LockstepOptions, runMode = 'watch'): string[] {
  const added: string[] = [];
  const before = process.env.ELEVENTY_RUN_MODE;
  process.env.ELEVENTY_RUN_MODE = runMode;
  const config = new Proxy({} as never, {
    get: (_, name) =>
      name === 'addTemplate'
        ? (path: string) => added.push(path)
        : name === 'watchIgnores'
          ? new Set()
          : () => {},
  });
  try {
    lockstep(config, options);
  } finally {
    if (before === undefined) delete process.env.ELEVENTY_RUN_MODE;
    else process.env.ELEVENTY_RUN_MODE = before;
  }
  // The theme's layouts, served from the package, are not outputs.
  return added.filter((t) => !t.startsWith('_includes/'));
}

glue('one template per published file of each output the options ask for', () => {
  // The status page is for translators: published only when asked for.
  assert.equal(templates({}), ['lockstep-article.njk', 'lockstep-picker.njk', 'lockstep-404.njk']);
  assert.equal(templates({ statusPage: true }), [
    'lockstep-article.njk',
    'lockstep-picker.njk',
    'lockstep-status.njk',
    'lockstep-404.njk',
  ]);
  assert.equal(
    templates({
      siteUrl: 'https://docs.example.com',
      markdown: true,
      pickerLayout: false,
      statusLayout: false,
      notFoundLayout: false,
    }),
    [
      'lockstep-article.njk',
      'lockstep-sitemap.njk',
      'lockstep-robots.njk',
      'lockstep-markdown.njk',
    ],
  );
});

glue(
  'a one-off build with the package’s theme pages articles through one .lockstep template',
  () => {
    assert.equal(templates({}, 'build'), [
      'lockstep-pages/pages.lockstep',
      'lockstep-picker.njk',
      'lockstep-404.njk',
    ]);
    // A layout of the site's own renders them through Eleventy: the Nunjucks template stays.
    assert.equal(templates({ articleLayout: 'my-article.njk' }, 'build'), [
      'lockstep-article.njk',
      'lockstep-picker.njk',
      'lockstep-404.njk',
    ]);
  },
);

glue('coreConfig: the outputs follow the options', () => {
  assert.equal(
    [...coreConfig(resolveOptions({ markdown: true, statusLayout: false })).outputs],
    ['pages', 'picker', 'notFound', 'markdown'],
  );
});

ruler.run();
steps.run();
key.run();
glue.run();
