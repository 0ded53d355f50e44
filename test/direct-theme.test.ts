import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DirectTheme, frontMatter } from '../plugin/direct.js';
import { themeUntouched } from '../plugin/theme.js';
import { buildSite, cleanup, copySite, listFiles, repo } from './helpers.js';

/** Build `dir` as `buildSite` does, with Eleventy's `pathPrefix`; every file's bytes by path. */
async function build(
  dir: string,
  pathPrefix?: string,
): Promise<{ files: Map<string, Buffer>; direct: number }> {
  const out = join(dir, '_site');
  rmSync(out, { recursive: true, force: true });
  rmSync(join(dir, '.cache'), { recursive: true, force: true });
  // Pages rendered directly: calls of the theme's renderer (none when Eleventy's layouts render).
  const render = DirectTheme.prototype.render;
  let direct = 0;
  DirectTheme.prototype.render = function (this: DirectTheme, ...args) {
    direct++;
    return render.apply(this, args);
  };
  try {
    const r = await buildSite(dir, {}, { pathPrefix });
    if (r.error) throw r.error;
  } finally {
    DirectTheme.prototype.render = render;
  }
  return { files: new Map(listFiles(out).map((f) => [relative(out, f), readFileSync(f)])), direct };
}

/**
 * The Teams site built through Eleventy's layouts (the site holds a copy of the theme, so it is
 * the site's own) and then, in the same folder, with the theme left to the package: every file
 * must be the same bytes, and the second build must have rendered its pages directly.
 */
async function sameBothWays(pathPrefix?: string): Promise<void> {
  const dir = copySite();
  try {
    const eleventy = await build(dir, pathPrefix);
    assert.is(eleventy.direct, 0, 'a site with its own theme files goes through Eleventy');
    const layouts = eleventy.files;
    rmSync(join(dir, 'templates'), { recursive: true });
    const built = await build(dir, pathPrefix);
    assert.ok(built.direct >= 18, 'the article pages were rendered directly');
    const direct = built.files;
    assert.equal([...direct.keys()].sort(), [...layouts.keys()].sort());
    for (const [file, bytes] of layouts)
      assert.ok(bytes.equals(direct.get(file)!), `${file} differs between the two paths`);
    if (pathPrefix)
      assert.match(
        direct.get('fr-fr/teams-contact-center/index.html')!.toString(),
        `href="${pathPrefix}`,
      );
  } finally {
    cleanup(dir);
  }
}

const Render = suite('DirectTheme.render');
Render('the Teams site: the same bytes as through Eleventy layouts', () => sameBothWays());
Render('with `--pathprefix`: the same bytes, the prefix in links', () => sameBothWays('/docs/'));
Render.run();

const Front = suite('frontMatter');
Front('strips the fence and one line break, as gray-matter does', () => {
  assert.equal(frontMatter('---\nlayout: lockstep/base.njk\n---\n\n<p>'), {
    layout: 'lockstep/base.njk',
    body: '\n<p>',
  });
  assert.equal(frontMatter('<p>'), { body: '<p>' });
});
Front('refuses front matter other than `layout:`', () => {
  assert.throws(() => frontMatter('---\nlayout: a.njk\ntitle: x\n---\n'), /other than `layout:`/);
});
Front.run();

const Untouched = suite('themeUntouched');
Untouched('a site with a copy of a theme file owns the theme; the package itself does not', () => {
  const dir = copySite();
  try {
    assert.is(themeUntouched({ includes: 'templates' }, dir), false);
    rmSync(join(dir, 'templates', 'lockstep', 'base.njk'));
    assert.is(themeUntouched({ includes: 'templates' }, dir), false, 'style.css is still its own');
    rmSync(join(dir, 'templates'), { recursive: true });
    assert.is(themeUntouched({ includes: 'templates' }, dir), true);
    assert.is(themeUntouched({ includes: 'templates' }, repo), true, "the package's own files");
  } finally {
    cleanup(dir);
  }
});
Untouched.run();
