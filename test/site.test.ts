import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { buildSite, cleanup, copySite, read } from './helpers.js';

const test = suite('site build');
test('builds the English page', async () => {
  const dir = copySite();
  const r = await buildSite(dir);
  assert.is(r.error, undefined, String(r.error));
  assert.ok(r.files.includes('en/teams-contact-center/index.html'), r.files.join());
  assert.match(read(join(r.out, 'en/teams-contact-center/index.html')), 'data-lockstep="comparison"');
  cleanup(dir);
});
test.run();
