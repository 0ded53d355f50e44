import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildSite, cleanup, copySite, repo } from './helpers.js';

/** The modules a build of `dir` loads, in a process of its own. */
function loadedBy(dir: string): string[] {
  const log = join(dir, 'modules.log');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      pathToFileURL(join(repo, 'test', 'module-log.mjs')).href,
      join(repo, 'test', 'warm-child.ts'),
      dir,
    ],
    { cwd: repo, encoding: 'utf8', env: { ...process.env, LOCKSTEP_MODULE_LOG: log } },
  );
  assert.is(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as string[];
}

/** The Teams site with the package's theme, so a warm build reuses its finished pages. */
function site(): string {
  const dir = copySite();
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  return dir;
}

const LIBRARIES = /\/node_modules\/(yaml|markdown-it)\//;
const libraries = suite('libraries: loaded when first used');

libraries('a warm build that reuses every page loads neither `yaml` nor markdown-it', async () => {
  const dir = site();
  try {
    assert.is((await buildSite(dir)).error, undefined);
    const loaded = loadedBy(dir);
    assert.ok(loaded.some((m) => m.includes('/plugin/core/render/markdown.ts')));
    assert.equal(
      loaded.filter((m) => LIBRARIES.test(m)),
      [],
    );
  } finally {
    cleanup(dir);
  }
});

libraries('a cold build, which renders the pages, loads markdown-it', () => {
  const dir = site();
  try {
    const loaded = loadedBy(dir);
    assert.ok(loaded.some((m) => m.includes('/node_modules/markdown-it/')));
  } finally {
    cleanup(dir);
  }
});

libraries.run();
