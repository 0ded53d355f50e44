import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, cleanup, copySite, read } from './helpers.js';

// A page of the site's own, written by every shard, embeds tables of languages outside the shard.
const PAGE =
  '{% lockstepTable "teams-contact-center", "comparison" %}\n{% lockstepTable "teams-contact-center", "comparison", "fr-FR" %}';

test('a shard renders embedded tables of languages it does not build', async () => {
  const dir = copySite();
  try {
    mkdirSync(join(dir, 'src', 'guide'), { recursive: true });
    writeFileSync(join(dir, 'src', 'guide', 'index.njk'), PAGE);
    const whole = await buildSite(dir);
    if (whole.error) throw whole.error;
    const expected = read(join(whole.out, 'guide', 'index.html'));
    assert.ok(expected.includes('data-lockstep'), 'the whole build embeds the tables');
    const shard = await buildSite(dir, { buildLocales: ['pt-BR'] });
    assert.is(shard.error?.message, undefined);
    const got = read(join(shard.out, 'guide', 'index.html'));
    // The source language's table is a whole build's; another language's has the same shape (its
    // outdated marks are known only to the shard that checks that language).
    const [ownEn, ownFr] = got.split('<div class="table-wrap"').slice(1);
    const [wholeEn, wholeFr] = expected.split('<div class="table-wrap"').slice(1);
    assert.is(ownEn, wholeEn);
    const shape = (html = '') => html.match(/data-(key|value)="[^"]*"|<t[hd]/g);
    assert.equal(shape(ownFr), shape(wholeFr));
    assert.ok(ownFr?.includes('Connecter'), 'the French table is in French');
  } finally {
    cleanup(dir);
  }
});

test.run();
