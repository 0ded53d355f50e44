import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DirectTheme } from '../plugin/direct.js';
import { buildSite, cleanup, copySite, listFiles } from './helpers.js';

const FR = 'locales/fr-FR/teams-contact-center.yaml';

/** The Teams site with the package's theme (its 404 pages and picker rendered by `DirectTheme`). */
function site(): string {
  const dir = copySite();
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  return dir;
}

/** A build's output files by path, and the theme's layouts it rendered (but the articles'). */
async function build(dir: string, cold = false) {
  if (cold)
    for (const d of ['_site', '.cache']) rmSync(join(dir, d), { recursive: true, force: true });
  const proto = DirectTheme.prototype as unknown as { make: (layout: string) => string };
  const make = proto.make;
  const rendered: string[] = [];
  proto.make = function (this: unknown, layout: string, ...rest: unknown[]) {
    if (layout !== 'lockstep/article.njk') rendered.push(layout);
    return (make as (...a: unknown[]) => string).call(this, layout, ...rest);
  };
  try {
    const r = await buildSite(dir, { statusPage: false });
    assert.is(r.error, undefined);
    const files = new Map(listFiles(r.out).map((f) => [relative(r.out, f), readFileSync(f)]));
    return { files, rendered: rendered.sort() };
  } finally {
    proto.make = make;
  }
}

const reuse = suite('FinishedPages.themePage');

reuse('a warm build renders no 404 page nor the picker, and writes the same bytes', async () => {
  const dir = site();
  try {
    const cold = await build(dir, true);
    assert.ok(
      cold.rendered.includes('lockstep/404.njk') && cold.rendered.includes('lockstep/picker.njk'),
    );
    const warm = await build(dir);
    assert.equal(warm.rendered, []);
    assert.equal(warm.files, cold.files);
  } finally {
    cleanup(dir);
  }
});

reuse(
  'a page cut short, or whose data changed, is rendered again as a cold build renders it',
  async () => {
    const dir = site();
    try {
      await build(dir, true);
      writeFileSync(join(dir, '_site', '404.html'), '<!doctype html>');
      const cut = await build(dir);
      assert.equal(cut.rendered, ['lockstep/404.njk']);
      // A French title is on the picker and the French 404 page.
      const fr = readFileSync(join(dir, FR), 'utf8');
      writeFileSync(join(dir, FR), fr.replace(/^title: .*$/m, 'title: Un autre titre'));
      const edited = await build(dir);
      assert.ok(edited.rendered.includes('lockstep/picker.njk'));
      assert.ok(edited.files.get('index.html')!.toString().includes('Un autre titre'));
      assert.equal(edited.files, (await build(dir, true)).files);
    } finally {
      cleanup(dir);
    }
  },
);

reuse.run();
