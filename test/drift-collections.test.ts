import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { Drift, DriftKind } from '../plugin/core/import/drift.js';
import { loadSite } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { buildSite, cleanup, copyDrift, copySite, fixtures, read } from './helpers.js';

const ARTICLE = 'certified-sbcs';
const dir = copySite(join(fixtures, 'sites', 'sbc'));
let copy = '';
const { site } = loadSite(dir, coreConfig(resolveOptions()));

/** The drift of a German copy of the SBC article, as `lockstep import` works it out. */
const drift = (text: string): Drift => copyDrift(site!, ARTICLE, text, 'de-DE');
const ids = (d: Drift, kind: DriftKind) =>
  d.findings.filter((f) => f.kind === kind).map((f) => f.id);

const collections = suite('drift on a collection other than partners');
collections.before(async () => {
  // Our own Markdown copy of the article: a copy that says exactly what the dataset says.
  const r = await buildSite(dir, { markdown: true });
  assert.is(r.error, undefined);
  copy = read(join(r.out, 'de-de', `${ARTICLE}.md`));
});
collections.after(() => cleanup(dir));
collections('a faithful copy: every item listed, no drift', () => {
  const d = drift(copy);
  assert.equal(d.partners, { dataset: 3, copy: 3 });
  assert.equal(
    d.findings.filter((f) => f.kind !== 'section-extra').map((f) => f.message),
    [],
  );
});
collections('renamed, missing, a changed address and a changed literal cell are found', () => {
  const altered = copy
    .replace('[SWe Lite](', '[SWe Lite Edge](')
    .replace('(https://www.audiocodes.com/)', '(https://www.audiocodes.com/sbc)')
    .replace(/\| Acme Packet 3900 \|.*\n/, '')
    .replace('| 7.40A.500 | Ja |', '| 6.1 | Ja |');
  assert.ok(altered.includes('6.1'));
  const d = drift(altered);
  assert.equal(ids(d, 'partner-renamed'), ['swe-lite']);
  assert.equal(ids(d, 'partner-missing'), ['acme-packet-3900']);
  assert.equal(ids(d, 'url-changed'), ['mediant-800']);
  assert.equal(ids(d, 'cell-changed'), ['firmware/mediant-800/tested']);
  assert.is(d.partners.copy, 2);
});
collections.run();
