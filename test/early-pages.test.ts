import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeEarly } from '../plugin/early-pages.js';
import type { PageEntry } from '../plugin/core/render/view.js';
import { cleanup } from './helpers.js';

const page = (url: string) => ({ url }) as PageEntry;

const Early = suite('writeEarly');
Early('writes each page it can; one that fails or leaves the output folder is skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-early-'));
  try {
    const urls = writeEarly(
      [
        {
          page: page('/fr-fr/a/'),
          html: () => {
            throw new Error('no theme');
          },
        },
        { page: page('/../../outside/'), html: () => 'out' },
        { page: page('/it-it/a/'), html: () => '<p>a</p>' },
      ],
      '_site',
      dir,
    );
    assert.equal(urls, ['/it-it/a/']);
    assert.is(readFileSync(join(dir, '_site/it-it/a/index.html'), 'utf8'), '<p>a</p>');
    assert.not.ok(existsSync(join(dir, '_site/fr-fr/a/index.html')));
    assert.not.ok(existsSync(join(dir, '..', 'outside')));
  } finally {
    cleanup(dir);
  }
});
Early.run();
