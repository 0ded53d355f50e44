import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import { cleanup, copySite, fixtures, read } from './helpers.js';

function run(args: string[], dir: string) {
  const out: string[] = [];
  const log = console.log;
  const err = console.error;
  console.log = (s: string) => out.push(String(s));
  console.error = (s: string) => out.push(String(s));
  try {
    return { code: main(args, dir), out: out.join('\n') };
  } finally {
    console.log = log;
    console.error = err;
  }
}

const status = suite('lockstep status');
status('prints a table per locale and, with --all, each finding with its position', () => {
  const dir = copySite(join(fixtures, 'sites', 'quality'));
  const r = run(['status', '--all'], dir);
  assert.is(r.code, 0);
  assert.match(r.out, /fr-FR\s+22\s+20\s+2\s+0\s+5\s+68%/);
  assert.match(r.out, 'locales/fr-FR/guide.yaml:7:14  sections.intro.welcome');
  cleanup(dir);
});
status('groups findings of one kind by default: one line, the first places, how many more', () => {
  const dir = copySite();
  const r = run(['status'], dir);
  const all = run(['status', '--all'], dir);
  assert.is(r.code, 0);
  const stale = r.out.split('\n').filter((l) => l.includes('[STALE]'));
  // One line per language with outdated strings, where `--all` has one per string.
  assert.is(stale.length, 4);
  assert.match(
    stale[0]!,
    /^ {2}77 × \[STALE\] Outdated translation: imported from a copy made from/,
  );
  assert.match(r.out, /\n {6}locales\/fr-FR\/teams-contact-center\.yaml:4:8 title\n/);
  assert.match(r.out, /\n {6}and 74 more\n/);
  assert.match(r.out, '`lockstep status --all` lists every one.');
  assert.is(all.out.split('\n').filter((l) => l.endsWith('[STALE]')).length, 4 * 77);
  assert.not.match(all.out, 'more');
  cleanup(dir);
});
status('--json gives the same numbers to machines; --strict fails when anything is wrong', () => {
  const dir = copySite(join(fixtures, 'sites', 'quality'));
  const r = run(['status', '--json', '--strict'], dir);
  assert.is(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(
    json.locales.find((l: { locale: string }) => l.locale === 'fr-FR'),
    { locale: 'fr-FR', total: 22, translated: 20, missing: 2, stale: 0, failed: 5, complete: 68 },
  );
  assert.ok(
    json.findings.some(
      (f: { code: string; key: string }) =>
        f.code === 'PLACEHOLDER' && f.key === 'sections.intro.welcome',
    ),
  );
  cleanup(dir);
});
status('a site with only its source language says so, not an empty table', () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  cleanup(join(dir, 'locales', 'fr-FR'));
  const r = run(['status'], dir);
  assert.is(r.code, 0);
  assert.match(r.out, 'the site has only its source language, `en`');
  assert.not.match(r.out, 'translated  missing');
  cleanup(dir);
});
status.run();

const accept = suite('lockstep accept');
accept('confirms outdated translations of one locale only', () => {
  const dir = copySite();
  const stale = (l: string) =>
    JSON.parse(run(['status', '--json'], dir).out).locales.find(
      (x: { locale: string }) => x.locale === l,
    ).stale;
  assert.is(stale('fr-FR'), 77);
  assert.is(run(['accept', 'fr-FR', 'sections.connect'], dir).code, 0);
  assert.is(stale('fr-FR'), 77 - 12);
  assert.is(run(['accept', 'fr-FR'], dir).code, 0);
  assert.is(stale('fr-FR'), 0);
  assert.is(stale('it-IT'), 77);
  assert.match(
    read(join(dir, 'locales/fr-FR/translations.lock')),
    '"sections.connect.routing": {"source":',
  );
  cleanup(dir);
});
accept.run();
