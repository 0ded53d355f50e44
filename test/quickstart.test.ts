import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, read, repo } from './helpers.js';

/**
 * The README's first command, `npm install && npx eleventy`, on a checkout with no `dist/` (npm
 * install runs no build script): this repository's own config must build the site from sources.
 */
const quick = suite('quick start');

quick('npx eleventy builds every language of the docs site in a checkout never compiled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-quick-'));
  try {
    for (const part of ['.eleventy.js', 'package.json', 'plugin', 'src', 'locales', 'templates'])
      cpSync(join(repo, part), join(dir, part), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
    assert.not.ok(existsSync(join(dir, 'dist')));
    execFileSync(process.execPath, [join(repo, 'node_modules/@11ty/eleventy/cmd.cjs'), '--quiet'], {
      cwd: dir,
      stdio: 'pipe',
    });
    for (const slug of ['en', 'fr-fr', 'it-it', 'pt-br', 'ru-ru', 'zh-tw'])
      assert.match(
        read(join(dir, '_site', slug, 'teams-contact-center', 'index.html')),
        'data-lockstep="partners-certified"',
        slug,
      );
  } finally {
    cleanup(dir);
  }
});

quick.run();
