import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- Eleventy ships no types
import Eleventy from '@11ty/eleventy';
import lockstep from '../plugin/index.js';
import { cleanup, fixtures } from './helpers.js';

interface Elev {
  initializeConfig(): Promise<void>;
  shouldTriggerConfigReset(files: string[]): boolean;
}

test('watching a site that leaves the theme to the package, a layout added to `lockstep/` resets the config', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-theme-watch-'));
  const cwd = process.cwd();
  try {
    for (const part of ['src', 'locales'])
      cpSync(join(fixtures, 'sites', 'minimal', part), join(dir, part), { recursive: true });
    writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
    // The plugin's root is the working folder, as with `npx eleventy`.
    process.chdir(dir);
    const elev = new Eleventy('src', '_site', {
      quietMode: true,
      configPath: 'eleventy.config.mjs',
      config: (cfg: { addPlugin(p: unknown, o: unknown): void }) =>
        cfg.addPlugin(lockstep, { cache: false }),
    }) as Elev;
    await elev.initializeConfig();
    // The pages are rendered without Eleventy's layouts only while no such file exists.
    assert.ok(elev.shouldTriggerConfigReset(['./src/_includes/lockstep/article.njk']));
    assert.ok(elev.shouldTriggerConfigReset(['./src/_includes/lockstep/style.css']));
    assert.not.ok(elev.shouldTriggerConfigReset(['./src/_includes/base.njk']));
  } finally {
    process.chdir(cwd);
    cleanup(dir);
  }
});

test.run();
