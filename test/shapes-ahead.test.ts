import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { pageShape } from '../plugin/core/audit/audit.js';
import { formatsByLang } from '../plugin/core/audit/formatted.js';
import { ShapesAhead } from '../plugin/core/audit/shapes-ahead.js';
import { digest } from '../plugin/core/cache.js';
import { buildOnce, read } from './helpers.js';

const ahead = suite('ShapesAhead: the audit parses pages on a second thread');
const built = buildOnce(ahead);
const pages = () =>
  ['en', 'fr-fr', 'it-it', 'zh-tw'].map((l) =>
    read(join(built.out, l, 'teams-contact-center', 'index.html')),
  );

const urls = ['/en/', '/fr-fr/', '/it-it/', '/zh-tw/'];

ahead('gives each page handed over its digest and the shape the audit would work out', async () => {
  const a = new ShapesAhead(1);
  const html = pages();
  html.forEach((h, k) => a.add(urls[k]!, h));
  const { shapes, digests } = await a.collect();
  const formats = formatsByLang();
  // The digest the build would work out itself, by address.
  assert.equal(
    [...digests],
    html.map((h, k) => [urls[k], digest(h)]),
  );
  for (const h of html) assert.equal(shapes.get(digest(h)), pageShape(h, formats));
  // The pages' tables are the same in every language: one shape, several pages.
  assert.is(new Set(html.map((h) => shapes.get(digest(h))!.digest)).size, 1);
});
ahead('starts no thread for fewer pages than it waits for: the audit parses them', async () => {
  const a = new ShapesAhead(10);
  pages().forEach((h, k) => a.add(urls[k]!, h));
  const { shapes, digests } = await a.collect();
  assert.is(shapes.size + digests.size, 0);
});
ahead(
  'a build that stopped before its audit stops the thread; collecting then gives nothing',
  async () => {
    const a = new ShapesAhead(1);
    pages().forEach((h, k) => a.add(urls[k]!, h));
    a.stop();
    assert.is((await a.collect()).shapes.size, 0);
  },
);
ahead(
  'holds back pages beyond its budget of HTML not parsed yet: the audit parses those',
  async () => {
    // Handed over in one go: the thread cannot say it has parsed the first before the others come.
    const a = new ShapesAhead(1, 0);
    const html = pages();
    html.forEach((h, k) => a.add(urls[k]!, h));
    const { shapes, digests } = await a.collect();
    assert.equal([...shapes.keys()], [digest(html[0]!)]);
    assert.equal([...digests.keys()], ['/en/']);
  },
);
ahead.run();
