import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, main } from '../plugin/cli.js';
import { cleanup, repo } from './helpers.js';

/** Run `fn`, capturing what the command prints on stderr. */
async function stderr(fn: () => number | Promise<number>) {
  const err: string[] = [];
  const { log, error } = console;
  console.log = () => {};
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    return { code: await fn(), err: err.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}

const options = suite('the command line: option errors');

options('a bad flag is said once as `lockstep:`, named as the flag typed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-'));
  try {
    const r = await stderr(() => main(['check', '--source-locale', 'x!'], dir));
    assert.is(r.code, 2);
    assert.match(r.err, /^lockstep: `--source-locale` must be/);
    assert.not.match(r.err, /sourceLocale/);
    assert.not.match(r.err, /Lockstep:/);
  } finally {
    cleanup(dir);
  }
});

options(
  "a bad option in the site's config names the option, not a config that cannot run",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-'));
    const plugin = pathToFileURL(join(repo, 'plugin', 'index.ts')).href;
    writeFileSync(
      join(dir, 'eleventy.config.mjs'),
      `import lockstep from '${plugin}';\nexport default (c) => c.addPlugin(lockstep, { stale: 'x' });\n`,
    );
    try {
      const r = await stderr(() => cli(['check'], dir));
      assert.is(r.code, 2);
      assert.match(
        r.err,
        /^lockstep: option `stale` must be `'notice'` or `'source'`; found `'x'`/,
      );
      assert.match(r.err, 'the options your Eleventy config gives the plugin');
      assert.not.match(r.err, /Lockstep:|could not be run/);
    } finally {
      cleanup(dir);
    }
  },
);

options(
  'a bad environment variable is said to be fixed where it is set, not in the config',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-'));
    writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default () => {};\n');
    const before = process.env.LOCKSTEP_STRICT;
    process.env.LOCKSTEP_STRICT = 'maybe';
    try {
      const r = await stderr(() => cli(['check'], dir));
      assert.is(r.code, 2);
      assert.match(r.err, /`LOCKSTEP_STRICT` must be/);
      assert.match(r.err, 'fix or unset `LOCKSTEP_STRICT`');
      assert.not.match(r.err, 'Eleventy config gives the plugin');
    } finally {
      if (before === undefined) delete process.env.LOCKSTEP_STRICT;
      else process.env.LOCKSTEP_STRICT = before;
      cleanup(dir);
    }
  },
);

options.run();
