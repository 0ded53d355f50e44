import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildSite, cleanup, copySite } from './helpers.js';

/** What a build of the docs site's fixture says about its findings, with a path prefix. */
async function said(statusPage: boolean): Promise<string[]> {
  const dir = copySite();
  const warnings: string[] = [];
  try {
    const r = await buildSite(
      dir,
      { cache: false, statusPage },
      { pathPrefix: '/docs/', warnings },
    );
    assert.is(r.error, undefined);
  } finally {
    cleanup(dir);
  }
  return warnings.filter((l) => l.includes('npx lockstep status'));
}

const summary = suite("the build's summary of findings");
summary('points at the status page under the path prefix, or only at the command', async () => {
  const withPage = await said(true);
  assert.ok(withPage.length > 0);
  for (const l of withPage) assert.match(l, 'see /docs/translation-status/ or run');
  for (const l of await said(false)) assert.not.match(l, 'translation-status');
});
summary.run();
