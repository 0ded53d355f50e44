/**
 * Run by `libraries.test.ts` in a child process: one build of the site folder `dir` as
 * `buildSite` makes it, then prints the modules the process loaded (a JSON list of paths and URLs:
 * `require`'s cache, and what `module-log.mjs` saw imported). Usage: warm-child.ts <dir>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
import lockstep from '../plugin/index.js';

const dir = process.argv[2]!;
const log = process.env.LOCKSTEP_MODULE_LOG!;
const elev = new Eleventy(join(dir, 'src'), join(dir, '_site'), {
  quietMode: true,
  configPath: join(dir, 'eleventy.config.mjs'),
  config(cfg: {
    addPlugin: (plugin: unknown, options: unknown) => void;
    setIncludesDirectory: (dir: string) => void;
  }) {
    cfg.setIncludesDirectory('../templates');
    cfg.addPlugin(lockstep, {
      localesDir: join(dir, 'locales'),
      articlesDir: join(dir, 'src'),
      cache: join(dir, '.cache', 'lockstep'),
      statusPage: true,
    });
  },
});
console.log = console.warn = () => {};
await elev.write();
const imported = readFileSync(log, 'utf8').split('\n');
process.stdout.write(
  JSON.stringify([...Object.keys(createRequire(import.meta.url).cache), ...imported]),
);
