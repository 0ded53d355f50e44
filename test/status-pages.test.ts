import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { assess, findingsByLocale } from '../plugin/core/check/quality.js';
import { statusView } from '../plugin/core/outputs/status.js';
import { copyRealSite } from '../scripts/bench-site.js';
import { buildSite, cleanup, copySite, listFiles, loadSiteAt, read } from './helpers.js';

const view = suite('statusView');
view('splits a language into pages of at most `perPage` findings, each listed once', () => {
  const dir = copySite();
  const site = loadSiteAt(dir)!;
  const quality = assess(site, join(dir, 'locales'));
  const pages = statusView(site, quality, 30);
  const fr = pages.filter((p) => p.kind === 'locale' && p.locales[0]!.locale === 'fr-FR');
  const findings = findingsByLocale(quality).get('fr-FR')!;
  assert.is(fr.length, Math.ceil(findings.length / 30));
  assert.equal(
    fr.map((p) => p.url),
    fr.map((_, k) => (k ? `/translation-status/fr-fr/${k + 1}/` : '/translation-status/fr-fr/')),
  );
  const listed = fr.map((p) =>
    p.articles.flatMap((a) => a.groups.flatMap((g) => g.items!.map((f) => f.key))),
  );
  for (const keys of listed) assert.ok(keys.length <= 30, String(keys.length));
  assert.equal(listed.flat().sort(), findings.map((f) => f.key).sort());
  // The first page links to where each article's findings start; the others link back and on.
  assert.equal(fr[0]!.index[0]!.href, '/translation-status/fr-fr/#a-teams-contact-center');
  assert.equal([fr[1]!.page.prev, fr[1]!.page.next], [fr[0]!.url, fr[2]?.url]);
  cleanup(dir);
});
view('groups findings of one kind: one line for the 77 outdated strings of a language', () => {
  const dir = copySite();
  const site = loadSiteAt(dir)!;
  const summary = statusView(site, assess(site, join(dir, 'locales')))[0]!;
  assert.is(summary.kind, 'summary');
  const fr = summary.locales.find((l) => l.locale === 'fr-FR')!;
  const stale = fr.groups.filter((g) => g.code === 'STALE');
  assert.is(stale.length, 1);
  assert.is(stale[0]!.label, '77 strings');
  assert.match(stale[0]!.message, 'imported from a copy made from the 2021-01-20 version');
  // The summary counts; only a language's own pages list.
  assert.is(stale[0]!.items, undefined);
  cleanup(dir);
});
view.run();

const KB = 1024;
const big = suite('the status pages of a 300-article site (real findings, 3 languages)');
const built = { dir: '', out: '' };
big.before(async () => {
  built.dir = mkdtempSync(join(tmpdir(), 'lockstep-status-'));
  copyRealSite(built.dir, 300, ['en', 'fr-FR', 'it-IT']);
  const r = await buildSite(built.dir);
  if (r.error) throw r.error;
  built.out = r.out;
});
big.after(() => cleanup(built.dir));
const statusFiles = () =>
  listFiles(join(built.out, 'translation-status')).map((f) => ({ f, size: statSync(f).size }));

big('every status page is small; a language is split into pages', () => {
  const files = statusFiles();
  for (const { f, size } of files) assert.ok(size < 1024 * KB, `${f}: ${size} bytes`);
  assert.equal(readdirSync(join(built.out, 'translation-status')).sort(), [
    'fr-fr',
    'index.html',
    'it-it',
  ]);
  // 300 articles of about 85 findings each: dozens of pages of at most 400 findings.
  const fr = files.filter(({ f }) => f.includes('/fr-fr/'));
  assert.ok(fr.length >= (300 * 80) / 400, String(fr.length));
  // The summary grows with languages, not articles: 50 languages would stay far under 1 MB.
  const summary = statSync(join(built.out, 'translation-status/index.html')).size;
  assert.ok(summary < 20 * KB, String(summary));
});

big('the summary groups: 23,100 outdated strings in 300 articles, in one line', () => {
  const doc = parse(read(join(built.out, 'translation-status/index.html')));
  const fr = doc.querySelector('#status-fr-FR')!;
  const stale = fr.querySelectorAll('li[data-code="STALE"]');
  assert.is(stale.length, 1);
  assert.match(stale[0]!.text, 'STALE 23,100 strings in 300 articles: Outdated translation');
  assert.is(doc.querySelectorAll('table.findings').length, 0);
});

big("a language's pages list each of its findings once, folded by kind", () => {
  const pages = statusFiles().filter(({ f }) => f.includes('/fr-fr/'));
  let rows = 0;
  for (const { f } of pages) {
    const doc = parse(read(f));
    const here = doc.querySelectorAll('table.findings tbody tr').length;
    assert.ok(here <= 400, `${f}: ${here}`);
    assert.ok(doc.querySelectorAll('details > summary').length > 0, f);
    // Outdated strings are listed by key and place; failed checks quote both texts.
    for (const d of doc.querySelectorAll('details[data-code]'))
      assert.is(
        d.querySelectorAll('td[lang]').length,
        d.getAttribute('data-code') === 'STALE' ? 0 : 2 * d.querySelectorAll('tbody tr').length,
        f,
      );
    rows += here;
  }
  const first = parse(read(join(built.out, 'translation-status/fr-fr/index.html')));
  assert.is(first.querySelectorAll('ul.articles li').length, 300);
  const site = loadSiteAt(built.dir)!;
  const quality = assess(site, join(built.dir, 'locales'));
  assert.is(rows, findingsByLocale(quality).get('fr-FR')!.length);
});
big.run();
