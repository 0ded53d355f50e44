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

ahead('gives each page handed over the shape the audit would work out itself', async () => {
  const a = new ShapesAhead(1);
  const html = pages();
  for (const h of html) a.add(digest(h), h);
  const shapes = await a.collect();
  const formats = formatsByLang();
  assert.is(shapes.size, html.length);
  for (const h of html) assert.equal(shapes.get(digest(h)), pageShape(h, formats));
  // The pages' tables are the same in every language: one shape, several pages.
  assert.is(new Set(html.map((h) => shapes.get(digest(h))!.digest)).size, 1);
});
ahead('starts no thread for fewer pages than it waits for: the audit parses them', async () => {
  const a = new ShapesAhead(10);
  for (const h of pages()) a.add(digest(h), h);
  assert.is((await a.collect()).size, 0);
});
ahead(
  'a build that stopped before its audit stops the thread; collecting then gives nothing',
  async () => {
    const a = new ShapesAhead(1);
    for (const h of pages()) a.add(digest(h), h);
    a.stop();
    assert.is((await a.collect()).size, 0);
  },
);
ahead(
  'holds back pages beyond its budget of HTML not parsed yet: the audit parses those',
  async () => {
    // Handed over in one go: the thread cannot say it has parsed the first before the others come.
    const a = new ShapesAhead(1, 0);
    const html = pages();
    for (const h of html) a.add(digest(h), h);
    const shapes = await a.collect();
    assert.equal([...shapes.keys()], [digest(html[0]!)]);
  },
);
ahead.run();
