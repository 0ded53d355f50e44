import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
import { writeFileSync } from 'node:fs';
import lockstep from '../plugin/index.js';
import { cleanup, copySite } from './helpers.js';

/** What a build of the docs site's fixture says on the terminal, with a path prefix. */
async function said(statusPage: boolean): Promise<string[]> {
  const dir = copySite();
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const elev = new Eleventy(join(dir, 'src'), join(dir, '_site'), {
    quietMode: true,
    pathPrefix: '/docs/',
    configPath: join(dir, 'eleventy.config.mjs'),
    config(cfg: {
      addPlugin: (p: unknown, o: unknown) => void;
      setIncludesDirectory: (d: string) => void;
    }) {
      cfg.setIncludesDirectory('../templates');
      cfg.addPlugin(lockstep, {
        localesDir: join(dir, 'locales'),
        articlesDir: join(dir, 'src'),
        cache: false,
        statusPage,
      });
    },
  });
  const lines: string[] = [];
  const { warn, log } = console;
  console.warn = (...a: unknown[]) => void lines.push(a.join(' '));
  console.log = () => {};
  try {
    await elev.write();
  } finally {
    Object.assign(console, { warn, log });
    cleanup(dir);
  }
  return lines.filter((l) => l.includes('npx lockstep status'));
}

const summary = suite("the build's summary of findings");
summary('points at the status page under the path prefix, or only at the command', async () => {
  const withPage = await said(true);
  assert.ok(withPage.length > 0);
  for (const l of withPage) assert.match(l, 'see /docs/translation-status/ or run');
  for (const l of await said(false)) assert.not.match(l, 'translation-status');
});
summary.run();
