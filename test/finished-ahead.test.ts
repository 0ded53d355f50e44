import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { digest } from '../plugin/core/cache.js';
import { aheadDigests, aheadOptions, PagesAhead } from '../plugin/core/outputs/finished-ahead.js';
import { FinishedPages } from '../plugin/core/outputs/finished.js';
import { cleanup } from './helpers.js';

const FR = '/fr-fr/a/';
const HTML = '<p>été</p>';

/** An output folder with one page, and `pages.json` as a build that rendered it left it. */
function previous(html = HTML) {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-ahead-'));
  const file = join(dir, 'pages.json');
  const out = join(dir, '_site');
  mkdirSync(join(out, 'fr-fr', 'a'), { recursive: true });
  writeFileSync(join(out, 'fr-fr', 'a', 'index.html'), html);
  const first = new FinishedPages(file, out, 'theme', false);
  first.expect('a\0fr-FR', 'k', { url: FR, title: 'T', description: 'D' });
  first.page(FR, () => html);
  assert.is(first.save(), undefined);
  return { dir, file, out };
}

const ahead = suite('PagesAhead');

ahead('gives a page’s text as the thread read it, under the digests of its entry', () => {
  const { dir, file, out } = previous();
  try {
    const pages = new PagesAhead(file, out, false);
    assert.equal(pages.take('a\0fr-FR', aheadDigests(digest(HTML), undefined)), {
      digests: aheadDigests(digest(HTML), undefined),
      text: HTML,
      md: undefined,
    });
    // Given once; another page, or other digests, get nothing.
    assert.is(pages.take('a\0fr-FR', aheadDigests(digest(HTML), undefined)), undefined);
    assert.is(new PagesAhead(file, out, false).take('a\0fr-FR', 'other'), undefined);
    assert.is(new PagesAhead(file, out, false).take('b\0fr-FR', 'x'), undefined);
  } finally {
    cleanup(dir);
  }
});

ahead('a page it did not give (edited since) leaves the others it gave to be taken', () => {
  const { dir, file, out } = previous();
  try {
    // A second page, saved after the first: the thread reads it after the first.
    const b = new FinishedPages(file, out, 'theme', false);
    b.find('a\0fr-FR', 'k', FR);
    mkdirSync(join(out, 'fr-fr', 'b'), { recursive: true });
    writeFileSync(join(out, 'fr-fr', 'b', 'index.html'), '<p>b</p>');
    b.expect('b\0fr-FR', 'k', { url: '/fr-fr/b/', title: 'B', description: 'D' });
    b.page('/fr-fr/b/', () => '<p>b</p>');
    assert.is(b.save(), undefined);
    writeFileSync(join(out, 'fr-fr', 'b', 'index.html'), '<p>c</p>');
    const pages = new PagesAhead(file, out, false);
    // Asked for first, the edited page makes the build wait for the thread to finish.
    assert.is(pages.take('b\0fr-FR', aheadDigests(digest('<p>b</p>'), undefined)), undefined);
    assert.is(pages.take('a\0fr-FR', aheadDigests(digest(HTML), undefined))?.text, HTML);
  } finally {
    cleanup(dir);
  }
});

ahead('the thread holds back while the build has not taken what it posted', () => {
  const { dir, file, out } = previous();
  const { batch, ahead: most } = aheadOptions;
  try {
    const pages = ['a', 'b', 'c'];
    const made = new FinishedPages(file, out, 'theme', false);
    for (const p of pages) {
      const html = `<p>${p}</p>`;
      mkdirSync(join(out, 'fr-fr', p), { recursive: true });
      writeFileSync(join(out, 'fr-fr', p, 'index.html'), html);
      made.expect(`${p}\0fr-FR`, 'k', { url: `/fr-fr/${p}/`, title: p, description: 'D' });
      made.page(`/fr-fr/${p}/`, () => html);
    }
    assert.is(made.save(), undefined);
    // One page a message, one message ahead.
    Object.assign(aheadOptions, { batch: 1, ahead: 1 });
    const reader = new PagesAhead(file, out, false);
    // Time for the thread to read every page if it did not wait (not a timing assertion: a slow
    // start posts fewer).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
    assert.ok(reader.posted <= 1, `posted ${reader.posted}`);
    for (const p of pages)
      assert.is(
        reader.take(`${p}\0fr-FR`, aheadDigests(digest(`<p>${p}</p>`), undefined))?.text,
        `<p>${p}</p>`,
      );
  } finally {
    Object.assign(aheadOptions, { batch, ahead: most });
    cleanup(dir);
  }
});

ahead('gives nothing without a cache file, at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-ahead-'));
  try {
    assert.is(new PagesAhead(join(dir, 'pages.json'), dir, false).take('a', 'x'), undefined);
  } finally {
    cleanup(dir);
  }
});

ahead.run();

const find = suite('FinishedPages.find, read ahead');

find('a page edited since, with its size and time stamps put back, is made again', () => {
  const { dir, file, out } = previous();
  try {
    const path = join(out, 'fr-fr', 'a', 'index.html');
    const st = statSync(path);
    // Same length in bytes, within the racy window of the build that wrote it.
    writeFileSync(path, '<p>ÉTÉ</p>');
    assert.is(statSync(path).size, st.size);
    utimesSync(path, st.atime, st.mtime);
    const again = new FinishedPages(file, out, 'theme', false);
    assert.is(again.find('a\0fr-FR', 'k', FR), undefined);
    assert.is(
      again.page(FR, () => 'rendered'),
      'rendered',
    );
  } finally {
    cleanup(dir);
  }
});

find('an entry of an earlier version (no address) is read here, and given one', () => {
  const { dir, file, out } = previous();
  try {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const e of Object.values(json.entries) as { value: { url?: string } }[])
      delete e.value.url;
    writeFileSync(file, JSON.stringify(json));
    const again = new FinishedPages(file, out, 'theme', false);
    assert.ok(again.find('a\0fr-FR', 'k', FR));
    assert.is(
      again.page(FR, () => 'rendered'),
      HTML,
    );
    assert.is(again.save(), undefined);
    const entries = Object.values(JSON.parse(readFileSync(file, 'utf8')).entries) as {
      value: { url?: string };
    }[];
    assert.equal(
      entries.map((e) => e.value.url),
      [FR],
    );
  } finally {
    cleanup(dir);
  }
});

find.run();
