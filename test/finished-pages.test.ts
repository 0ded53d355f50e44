import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DirectTheme } from '../plugin/direct.js';
import { FinishedPages } from '../plugin/core/outputs/finished.js';
import { buildSite, cleanup, copySite, listFiles } from './helpers.js';

const ARTICLE = 'lockstep/article.njk';
const FR = 'fr-fr/teams-contact-center/index.html';
const FR_MD = 'fr-fr/teams-contact-center.md';

interface Built {
  files: Map<string, string>;
  warnings: string[];
  /** Article pages the theme rendered (the rest were the previous build's files). */
  rendered: string[];
  /** Article pages whose view the build made (a reused page has none). */
  views: number;
}

/** Build `dir` (Markdown copies on) keeping `_site` and the cache unless `cold`. */
async function build(dir: string, o: { cold?: boolean; pathPrefix?: string } = {}): Promise<Built> {
  const out = join(dir, '_site');
  if (o.cold) {
    rmSync(out, { recursive: true, force: true });
    rmSync(join(dir, '.cache'), { recursive: true, force: true });
  }
  const render = DirectTheme.prototype.render;
  const rendered: string[] = [];
  DirectTheme.prototype.render = function (this: DirectTheme, ...args) {
    if (args[0] === ARTICLE) rendered.push(String((args[1].lockstepPage as { url: string }).url));
    return render.apply(this, args);
  };
  const expect = FinishedPages.prototype.expect;
  let views = 0;
  FinishedPages.prototype.expect = function (this: FinishedPages, ...args) {
    views++;
    return expect.apply(this, args);
  };
  const warnings: string[] = [];
  try {
    const r = await buildSite(dir, { markdown: true }, { pathPrefix: o.pathPrefix, warnings });
    if (r.error) throw r.error;
  } finally {
    DirectTheme.prototype.render = render;
    FinishedPages.prototype.expect = expect;
  }
  const files = new Map(listFiles(out).map((f) => [relative(out, f), readFileSync(f, 'utf8')]));
  // Lockstep's warnings; Eleventy's own (its benchmark's timings) vary from run to run.
  return { files, warnings: warnings.filter((w) => w.startsWith('[lockstep]')), rendered, views };
}

/** Every output file of `a` and `b` is the same, and so are the warnings. */
function same(a: Built, b: Built): void {
  assert.equal([...a.files.keys()].sort(), [...b.files.keys()].sort());
  for (const [f, text] of a.files) assert.ok(text === b.files.get(f), `${f} differs`);
  assert.equal(a.warnings, b.warnings);
}

/** A copy of the Teams site that leaves the theme to the package (its pages rendered directly). */
function site(): string {
  const dir = copySite();
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  return dir;
}

/** A cold build of `dir` as it is now (its output and cache removed first), to compare with. */
const coldNow = (dir: string, pathPrefix?: string) => build(dir, { cold: true, pathPrefix });

const warm = suite('FinishedPages: a warm one-off build');

warm('renders no article page and writes the cold build’s bytes', async () => {
  const dir = site();
  try {
    const cold = await build(dir, { cold: true });
    assert.ok(cold.rendered.length >= 6, 'the cold build rendered every article page');
    assert.ok(cold.files.has(FR_MD));
    const again = await build(dir);
    assert.equal(again.rendered, [], 'no article page was rendered again');
    assert.is(cold.views, 6);
    assert.is(again.views, 0, 'no page view was made');
    same(again, cold);
  } finally {
    cleanup(dir);
  }
});

warm(
  'a site page reading the article pages’ sections gets them from a reused page too',
  async () => {
    const dir = site();
    try {
      // A table of contents of every article page, as a site's own template might make it (the
      // picker is in the collection too; its place in it varies between builds).
      writeFileSync(
        join(dir, 'src', 'contents.njk'),
        '{% for p in collections.lockstep %}{% if p.data.lockstepPage %}{{ p.url }}: {{ p.data.lockstepPage.sections[0].heading.html | safe }} ({{ p.data.lockstepPage.sections | length }})\n{% endif %}{% endfor %}',
      );
      const cold = await build(dir, { cold: true });
      const toc = cold.files.get('contents/index.html')!;
      assert.match(toc, '/fr-fr/teams-contact-center/: ');
      assert.not.match(toc, '(0)');
      const again = await build(dir);
      assert.equal(again.rendered, [], 'no article page was rendered again');
      same(again, cold);
    } finally {
      cleanup(dir);
    }
  },
);

warm('renders an output file edited or deleted since, instead of trusting it', async () => {
  const dir = site();
  try {
    const cold = await build(dir, { cold: true });
    appendFileSync(join(dir, '_site', FR), '<!-- edited -->');
    rmSync(join(dir, '_site', 'it-it/teams-contact-center/index.html'));
    const again = await build(dir);
    assert.equal(again.rendered.sort(), [
      '/fr-fr/teams-contact-center/',
      '/it-it/teams-contact-center/',
    ]);
    same(again, cold);
    // A Markdown copy cut short: its page is made again, and the copy written whole.
    const md = join(dir, '_site', FR_MD);
    writeFileSync(md, readFileSync(md, 'utf8').slice(0, 100));
    const third = await build(dir);
    assert.equal(third.rendered, ['/fr-fr/teams-contact-center/']);
    same(third, cold);
  } finally {
    cleanup(dir);
  }
});

warm('renders the pages a change touches, and only those', async () => {
  const dir = site();
  try {
    await build(dir, { cold: true });
    // One string of one language: that language's page.
    const fr = join(dir, 'locales', 'fr-FR', 'teams-contact-center.yaml');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('title: Centre', 'title: Le centre'));
    let again = await build(dir);
    assert.equal(again.rendered, ['/fr-fr/teams-contact-center/']);
    assert.match(again.files.get(FR)!, 'Le centre de contacts');
    same(again, await coldNow(dir));
    // The dataset: every page of the article.
    const data = join(dir, 'src', 'teams-contact-center', 'dataset.yaml');
    writeFileSync(
      data,
      readFileSync(data, 'utf8').replace(/^updated: .*$/m, 'updated: 2030-01-02'),
    );
    again = await build(dir);
    assert.is(again.rendered.length, 6);
    same(again, await coldNow(dir));
    // The path prefix: every page, with the prefix in its links.
    again = await build(dir, { pathPrefix: '/docs/' });
    assert.is(again.rendered.length, 6);
    assert.match(again.files.get(FR)!, 'href="/docs/');
    same(again, await coldNow(dir, '/docs/'));
  } finally {
    cleanup(dir);
  }
});

warm('keeps a small cache: no HTML, a few hundred bytes per page', async () => {
  const dir = site();
  try {
    const cold = await build(dir, { cold: true });
    const file = join(dir, '.cache', 'lockstep', 'pages.json');
    const text = readFileSync(file, 'utf8');
    assert.not.match(text, '<html');
    assert.not.match(text, 'data-lockstep');
    const pages = cold.rendered.length;
    assert.ok(statSync(file).size / pages < 600, `${statSync(file).size} bytes for ${pages} pages`);
  } finally {
    cleanup(dir);
  }
});

warm.run();

const find = suite('FinishedPages.find');

find('a page is reused only under the same salt (theme, layout, path prefix) and page key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-finished-'));
  try {
    const file = join(dir, 'pages.json');
    const out = join(dir, '_site');
    const html = '<p>é</p>';
    mkdirSync(join(out, 'fr-fr', 'a'), { recursive: true });
    writeFileSync(join(out, 'fr-fr', 'a', 'index.html'), html);
    const first = new FinishedPages(file, out, 'theme-1', false);
    assert.is(first.find('a\0fr-FR', 'k1', '/fr-fr/a/'), undefined, 'nothing cached yet');
    first.expect('a\0fr-FR', 'k1', { url: '/fr-fr/a/', title: 'T', description: 'D' });
    assert.is(
      first.page('/fr-fr/a/', () => html),
      html,
    );
    assert.is(first.save(), undefined);
    const again = () => new FinishedPages(file, out, 'theme-1', false);
    const stored = again().find('a\0fr-FR', 'k1', '/fr-fr/a/');
    assert.equal(
      { ...stored, html: undefined },
      { html: undefined, title: 'T', description: 'D', url: '/fr-fr/a/' },
    );
    assert.match(stored!.html, /^[0-9a-f]{40}$/, 'the cache holds the digest, not the HTML');
    const hit = again();
    hit.find('a\0fr-FR', 'k1', '/fr-fr/a/');
    assert.is(
      hit.page('/fr-fr/a/', () => 'rendered'),
      html,
      'the file’s text, not a render',
    );
    assert.is(
      new FinishedPages(file, out, 'theme-2', false).find('a\0fr-FR', 'k1', '/fr-fr/a/'),
      undefined,
    );
    assert.is(again().find('a\0fr-FR', 'k2', '/fr-fr/a/'), undefined, 'inputs changed');
    // Asked for Markdown copies too, an entry made without them is a miss.
    assert.is(
      new FinishedPages(file, out, 'theme-1', true).find('a\0fr-FR', 'k1', '/fr-fr/a/'),
      undefined,
    );
    writeFileSync(join(out, 'fr-fr', 'a', 'index.html'), '<p>e</p>');
    assert.is(again().find('a\0fr-FR', 'k1', '/fr-fr/a/'), undefined, 'the file was edited');
  } finally {
    cleanup(dir);
  }
});

find.run();
