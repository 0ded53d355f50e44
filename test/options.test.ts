import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { OptionsError, resolveOptions } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures } from './helpers.js';

const resolve = suite('resolveOptions');

resolve('`siteUrl` is optional and kept without its trailing slash', () => {
  assert.is(resolveOptions().siteUrl, undefined);
  assert.is(resolveOptions({ siteUrl: 'https://docs.example.com/' }).siteUrl, 'https://docs.example.com');
  assert.is(resolveOptions({ siteUrl: 'https://example.com/docs/' }).siteUrl, 'https://example.com/docs');
  assert.is(resolveOptions({ siteUrl: 'http://localhost:8080' }).siteUrl, 'http://localhost:8080');
});

resolve('a `siteUrl` that is not an absolute http(s) address is refused, saying what was found and what is expected', () => {
  const cases: [unknown, string][] = [
    ['docs.example.com', 'which is not an absolute address'],
    ['/docs/', 'which is not an absolute address'],
    ['ftp://docs.example.com', 'whose scheme is `ftp:`'],
    ['javascript:alert(1)', 'whose scheme is `javascript:`'],
    ['https://docs.example.com/?lang=en', 'which has a query or a fragment'],
    ['https://docs.example.com/#top', 'which has a query or a fragment'],
    [42, 'which is not a string'],
  ];
  for (const [value, why] of cases) {
    assert.throws(
      () => resolveOptions({ siteUrl: value as string }),
      (e: Error) => e.message.startsWith('Lockstep: option `siteUrl` must be the absolute http or https address') && e.message.includes(`found \`${value}\``) && e.message.includes(why),
      String(value),
    );
  }
});

resolve('`markdown` is off by default and must be a boolean', () => {
  assert.is(resolveOptions().markdown, false);
  assert.is(resolveOptions({ markdown: true }).markdown, true);
  assert.throws(() => resolveOptions({ markdown: 'yes' as unknown as boolean }), /option `markdown` must be `true` or `false`; found `'yes'`/);
});

resolve('the new options are known names', () => {
  const o = resolveOptions({ siteUrl: 'https://docs.example.com', markdown: true, notFoundLayout: false });
  assert.is(o.notFoundLayout, false);
  assert.is(resolveOptions().notFoundLayout, 'lockstep/404.njk');
});
resolve('a bad value is an `OptionsError`: one line, and Eleventy is told to print no stack trace', () => {
  const cases: [Record<string, unknown>, string | undefined][] = [
    [{}, '..'],
    [{}, 'fr-FR,\n::error file=a.js::x\x1b[2J'],
    [{ stale: 'never' }, undefined],
    [{ siteUrl: 'ftp://x' }, undefined],
    [{ colour: 'red' }, undefined],
  ];
  for (const [options, env] of cases) {
    if (env === undefined) delete process.env.LOCKSTEP_LOCALES;
    else process.env.LOCKSTEP_LOCALES = env;
    try {
      assert.throws(
        () => resolveOptions(options),
        (e: Error & { skipOriginalStack?: boolean }) => e instanceof OptionsError && e.skipOriginalStack === true && !/[\n\r\x1b]/.test(e.message) && e.message.startsWith('Lockstep: '),
        JSON.stringify([options, env]),
      );
    } finally {
      delete process.env.LOCKSTEP_LOCALES;
    }
  }
});
resolve.run();

const build = suite('a bad `siteUrl` fails the build');
build('before anything is written', async () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  const r = await buildSite(dir, { siteUrl: 'docs.example.com' });
  assert.ok(r.error, 'the build should fail');
  // Eleventy wraps it: "Error processing the `eleventy-plugin-lockstep` plugin", caused by ours.
  const messages: string[] = [];
  for (let e: any = r.error; e; e = e.cause ?? e.originalError) messages.push(e.message);
  assert.match(messages.join('\n'), 'option `siteUrl` must be the absolute http or https address the site is served from, such as `https://docs.example.com`; found `docs.example.com`');
  assert.equal(r.files, []);
  cleanup(dir);
});
build.run();
