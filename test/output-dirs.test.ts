import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoldersAhead, writesToDisk } from '../plugin/output-dirs.js';
import { buildSite, cleanup, copySite } from './helpers.js';

const ahead = suite('FoldersAhead');

ahead('makes each page folder in the output folder, and nothing outside it', async () => {
  const base = mkdtempSync(join(tmpdir(), 'lockstep-dirs-'));
  const out = join(base, '_site');
  try {
    new FoldersAhead(['/fr-fr/guide/', '/fr-fr/intro/', '/de/x.html', '/../escape/'], out);
    await FoldersAhead.settled();
    assert.equal(readdirSync(out).sort(), ['de', 'fr-fr']);
    assert.equal(readdirSync(join(out, 'fr-fr')).sort(), ['guide', 'intro']);
    assert.equal(readdirSync(join(out, 'de')), [], 'a page file is not made a folder');
    assert.not.ok(existsSync(join(base, 'escape')));
  } finally {
    cleanup(base);
  }
});

ahead('undo takes away only the empty folders it made', async () => {
  const base = mkdtempSync(join(tmpdir(), 'lockstep-dirs-'));
  const out = join(base, '_site');
  try {
    mkdirSync(join(out, 'en', 'kept'), { recursive: true });
    const folders = new FoldersAhead(['/en/new/', '/en/kept/', '/fr-fr/a/', '/fr-fr/b/'], out);
    await FoldersAhead.settled();
    // Something else wrote into one of the new folders meanwhile: that folder stays.
    writeFileSync(join(out, 'fr-fr', 'b', 'note.txt'), 'x');
    await folders.undo();
    assert.equal(readdirSync(out).sort(), ['en', 'fr-fr']);
    assert.equal(readdirSync(join(out, 'en')), ['kept'], 'folders it found are left');
    assert.equal(readdirSync(join(out, 'fr-fr')), ['b']);
  } finally {
    cleanup(base);
  }
});

ahead('after a build that wrote nothing (a dry run), its folders are taken back', async () => {
  const base = mkdtempSync(join(tmpdir(), 'lockstep-dirs-'));
  const out = join(base, '_site');
  try {
    await new FoldersAhead(['/fr-fr/a/', '/en/a/'], out).undoIfUnused();
    assert.equal(readdirSync(base), [], 'nothing written: taken back');
    const wrote = new FoldersAhead(['/fr-fr/a/', '/en/a/'], out);
    await FoldersAhead.settled();
    writeFileSync(join(out, 'fr-fr', 'a', 'index.html'), '<p>');
    await wrote.undoIfUnused();
    assert.equal(readdirSync(out).sort(), ['en', 'fr-fr'], 'a build that wrote keeps every folder');
  } finally {
    cleanup(base);
  }
});

ahead(
  'makes nothing when the first page’s folder is there (the previous build’s output)',
  async () => {
    const base = mkdtempSync(join(tmpdir(), 'lockstep-dirs-'));
    const out = join(base, '_site');
    try {
      mkdirSync(join(out, 'en', 'a'), { recursive: true });
      new FoldersAhead(['/en/a/', '/fr-fr/a/'], out);
      await FoldersAhead.settled();
      assert.equal(readdirSync(out), ['en']);
    } finally {
      cleanup(base);
    }
  },
);

ahead('undo of a first build leaves no output folder', async () => {
  const base = mkdtempSync(join(tmpdir(), 'lockstep-dirs-'));
  try {
    const folders = new FoldersAhead(['/fr-fr/a/', '/en/a/'], join(base, '_site'));
    await folders.undo();
    assert.equal(readdirSync(base), []);
  } finally {
    cleanup(base);
  }
});

ahead.run();

const disk = suite('writesToDisk');

disk('only when Eleventy writes files', () => {
  const directories = { output: '_site' };
  assert.ok(writesToDisk({ directories, outputMode: 'fs' }, ['node', 'eleventy']));
  assert.ok(writesToDisk({ directories }, ['node', 'eleventy']));
  assert.not.ok(writesToDisk({ directories, outputMode: 'json' }, ['node', 'eleventy']));
  assert.not.ok(writesToDisk({ directories }, ['node', 'eleventy', '--dryrun']));
  assert.not.ok(writesToDisk({}, ['node', 'eleventy']));
});

disk.run();

const site = suite('a build that makes its folders ahead');

site('a build that fails its checks leaves no output folder', async () => {
  const dir = copySite();
  try {
    // The site's translations have findings: a strict build fails after the pages are known.
    const r = await buildSite(dir, { strict: true });
    assert.ok(r.error?.problems?.length, 'the strict build fails');
    await FoldersAhead.settled();
    assert.not.ok(existsSync(join(dir, '_site')));
  } finally {
    cleanup(dir);
  }
});

site('a build that passes writes every page into the folders made ahead', async () => {
  const dir = copySite();
  try {
    const r = await buildSite(dir);
    assert.not.ok(r.error);
    assert.ok(existsSync(join(r.out, 'fr-fr', 'teams-contact-center', 'index.html')));
    await FoldersAhead.settled();
  } finally {
    cleanup(dir);
  }
});

site.run();
