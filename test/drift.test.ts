import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import type { Drift, DriftKind } from '../plugin/core/import/drift.js';
import { nameSimilarity, urlKey } from '../plugin/core/import/drift-names.js';
import { loadSite } from '../plugin/core/load/site.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import {
  buildSite,
  cleanup,
  copyDrift,
  copySite,
  fixtures,
  listFiles,
  read,
  teams,
} from './helpers.js';

const SEEDS = ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU', 'zh-TW'];
const seedFile = (l: string) => join(fixtures, 'seeds', `${l}.md`);

const { site } = loadSite(teams, coreConfig(resolveOptions()));

/** The drift of a copy given as text: parse, align, compare, as `lockstep import` does. */
const drift = (text: string, locale: string): Drift =>
  copyDrift(site!, 'teams-contact-center', text, locale);
const of = (d: Drift, kind: DriftKind) => d.findings.filter((f) => f.kind === kind);
const ids = (d: Drift, kind: DriftKind) => of(d, kind).map((f) => f.id);
const bySeed = Object.fromEntries(SEEDS.map((l) => [l, drift(read(seedFile(l)), l)]));

const seeds = suite('drift of each seed against the dataset');
seeds('partners listed, missing and extra', () => {
  const expected: Record<string, [number, string[]]> = {
    'fr-FR': [15, ['frontstage', 'mida-solutions']],
    'it-IT': [12, ['8x8', 'content-guru', 'frontstage', 'geomant', 'mida-solutions']],
    'pt-BR': [11, ['8x8', 'content-guru', 'frontstage', 'geomant', 'mida-solutions', 'novomind']],
    'ru-RU': [15, ['frontstage', 'mida-solutions']],
    'zh-TW': [17, []],
  };
  for (const [l, [listed, missing]] of Object.entries(expected)) {
    const d = bySeed[l]!;
    assert.equal(d.partners, { dataset: 17, copy: listed }, l);
    assert.equal(ids(d, 'partner-missing').sort(), missing, l);
    assert.is(d.counts['partner-missing'], missing.length, l);
    assert.is(d.counts['partner-extra'], 0, l);
    assert.is(d.counts['partner-duplicate'], 0, l);
  }
});

seeds(
  'renamed partners are matched to their canonical id; quotes are decoration; formatting is nothing',
  () => {
    const renamed = (l: string) =>
      of(bySeed[l]!, 'partner-renamed').map((f) => [f.id, f.found, f.matchedBy, f.line]);
    assert.equal(renamed('pt-BR'), [
      ['landis-technologies', 'Tecnologias Landis', 'url', 54],
      ['nice-incontact', 'BOM contato', 'url', 56],
    ]);
    for (const l of ['fr-FR', 'it-IT', 'ru-RU', 'zh-TW']) assert.equal(renamed(l), [], l);
    assert.equal(
      of(bySeed['fr-FR']!, 'partner-decorated').map((f) => [f.id, f.expected, f.found, f.line]),
      [['geomant', 'Geomant', '« Geomant »', 56]],
    );
    // ru-RU writes Geomant without the backticks its other rows have: neither renamed nor
    // decorated.
    for (const l of ['it-IT', 'pt-BR', 'ru-RU', 'zh-TW'])
      assert.is(bySeed[l]!.counts['partner-decorated'], 0, l);
  },
);

seeds('partner addresses that differ', () => {
  const urls = (l: string) =>
    bySeed[l]!.findings.filter((f) => f.kind.startsWith('url-')).map((f) => `${f.kind} ${f.id}`);
  assert.equal(urls('fr-FR'), ['url-changed 8x8', 'url-schemeless contactcenter4all']);
  assert.equal(urls('it-IT'), ['url-schemeless contactcenter4all']);
  assert.equal(urls('pt-BR'), ['url-changed contactcenter4all']);
  assert.equal(urls('ru-RU'), ['url-changed 8x8', 'url-schemeless contactcenter4all']);
  // zh-TW's FrontStage lacks the final `/` of the dataset's address: the same address, not
  // reported.
  assert.equal(urls('zh-TW'), ['url-schemeless contactcenter4all']);
  const cc = of(bySeed['pt-BR']!, 'url-changed')[0]!;
  assert.is(cc.expected, 'https://www.contactcenter4all.com/');
  assert.match(cc.found!, /^https:\/\/docs\.microsoft\.com\//);
  assert.is(of(bySeed['ru-RU']!, 'url-changed')[0]!.line, 47);
});

seeds('certification status: compared only when the copy has a table per status', () => {
  for (const l of ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU']) {
    assert.equal(
      of(bySeed[l]!, 'status-not-compared').map((f) => f.line),
      [45],
      l,
    );
    assert.is(bySeed[l]!.counts['status-changed'], 0, l);
  }
  assert.is(bySeed['zh-TW']!.counts['status-not-compared'], 0);
  assert.is(bySeed['zh-TW']!.counts['status-changed'], 0);
});

seeds('comparison cells whose meaning differs', () => {
  const cells = (l: string) =>
    bySeed[l]!.findings.filter((f) => f.kind.startsWith('cell-') || f.kind.startsWith('table-'));
  assert.equal(
    cells('pt-BR').map(({ kind, id, expected, found, line, values }) => ({
      kind,
      id,
      expected,
      found,
      line,
      values,
    })),
    [
      {
        kind: 'cell-changed',
        id: 'comparison/service-connectivity/extend',
        expected: 'Plataforma (Planos de chamada + DR)',
        found: 'Roteamento direto',
        line: 213,
        values: { expected: ['platform'], found: ['direct-routing'] },
      },
    ],
  );
  assert.match(cells('pt-BR')[0]!.message, 'Platform (Calling Plans + Direct Routing)');
  for (const l of ['fr-FR', 'it-IT', 'zh-TW']) assert.equal(cells(l), [], l);
  // ru-RU lost the comma of "Informal, SME" in two cells: no label of the copy, so a person must
  // read it.
  assert.equal(
    cells('ru-RU').map((f) => [f.kind, f.id, f.found]),
    [
      [
        'cell-unrecognized',
        'comparison/teams-calling-users/teams-voice-apps',
        'Неформальный формат SME',
      ],
      ['cell-unrecognized', 'comparison/teams-calling-users/connect', 'Неформальный формат SME'],
    ],
  );
});

seeds('sections missing and extra, from the alignment', () => {
  assert.equal(ids(bySeed['ru-RU']!, 'section-missing'), ['in-certification']);
  assert.equal(ids(bySeed['ru-RU']!, 'section-extra'), []);
  for (const l of ['fr-FR', 'it-IT', 'pt-BR']) {
    assert.equal(ids(bySeed[l]!, 'section-missing'), ['in-certification'], l);
    assert.equal(
      ids(bySeed[l]!, 'section-extra'),
      ['how-do-contact-center-solutions-work-in-microsoft-teams'],
      l,
    );
  }
  assert.equal(
    of(bySeed['zh-TW']!, 'section-missing').concat(of(bySeed['zh-TW']!, 'section-extra')),
    [],
  );
});

seeds('every finding says what, where, and both sides', () => {
  for (const d of Object.values(bySeed))
    for (const f of d.findings) {
      assert.is(f.locale, d.locale);
      assert.ok(f.message.length > 20, f.message);
      assert.ok(f.expected !== null || f.found !== null, f.kind);
      assert.ok(f.line === null || f.line > 20, `${f.kind} ${f.line}`);
    }
});
seeds.run();

const matching = suite('matching partners of altered copies');
const pt = read(seedFile('pt-BR'));
const zh = read(seedFile('zh-TW'));

matching('a renamed partner whose address changed too is matched by name similarity', () => {
  const d = drift(
    pt.replace(
      'https://landistechnologies.com/microsoft-teams-contact-center/',
      'https://example.com/landis',
    ),
    'pt-BR',
  );
  const f = of(d, 'partner-renamed').find((x) => x.id === 'landis-technologies')!;
  assert.is(f.matchedBy, 'similarity');
  assert.ok(ids(d, 'url-changed').includes('landis-technologies'));
  assert.not.ok(ids(d, 'partner-missing').includes('landis-technologies'));
});

matching('a partner on the same site at another page is matched by its host', () => {
  const d = drift(
    pt.replace(
      'https://www.niceincontact.com/microsoft-teams',
      'https://www.niceincontact.com/teams',
    ),
    'pt-BR',
  );
  assert.equal(of(d, 'partner-renamed').find((x) => x.id === 'nice-incontact')?.matchedBy, 'host');
});

matching('a partner that matches nothing is extra; one listed twice is a duplicate', () => {
  const extra =
    '| Acme Contato | https://acme.example/teams |\n| `Genesys` | https://www.genesys.com/microsoft |\n';
  const d = drift(pt.replace('| Tendfor |', `${extra}| Tendfor |`), 'pt-BR');
  assert.equal(
    of(d, 'partner-extra').map((f) => [f.id, f.found, f.line]),
    [['Acme Contato', 'Acme Contato', 57]],
  );
  assert.equal(ids(d, 'partner-duplicate'), ['Genesys']);
  assert.is(d.partners.copy, 13);
});

matching('a partner listed under the other status, when the copy has a table per status', () => {
  const row =
    '| `Geomant` | https://www.geomant.com/buzzeasy-contact-centre-for-microsoft-teams                                          |\n';
  const moved = zh.replace(row, '').replace('| `NICE inContact` |', `${row}| \`NICE inContact\` |`);
  const d = drift(moved, 'zh-TW');
  assert.equal(
    of(d, 'status-changed').map((f) => [f.id, f.expected, f.found]),
    [['geomant', 'in-certification', 'certified']],
  );
  assert.is(d.counts['status-not-compared'], 0);
});

matching('name similarity and address identity', () => {
  assert.ok(nameSimilarity('Tecnologias Landis', 'Landis Technologies') >= 0.6);
  assert.ok(nameSimilarity('BOM contato', 'NICE inContact') < 0.6);
  assert.ok(nameSimilarity('Geomant', 'Genesys') < 0.6);
  assert.equal(
    urlKey('www.contactcenter4all.com')?.key,
    urlKey('https://www.contactcenter4all.com/')?.key,
  );
  assert.is(urlKey('www.contactcenter4all.com')?.schemeless, true);
  assert.is(urlKey('https://www.frontstage.cc')?.key, urlKey('https://www.frontstage.cc/')?.key);
  assert.is(urlKey('not a url'), undefined);
});
matching.run();

const cli = suite('lockstep import reports drift');

/** Run the command in `dir`, returning its exit code and what it printed. */
function run(args: string[], dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (s: unknown) => void out.push(String(s));
  console.error = (s: unknown) => void err.push(String(s));
  try {
    return { code: main(args, dir), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

cli('prints a drift table per locale after the import', () => {
  const dir = copySite();
  const r = run(['import', ...SEEDS.map(seedFile), '--dry-run'], dir);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    '11 of 17 partners listed; 1 section-missing, 1 section-extra, 6 partner-missing, 2 partner-renamed',
  );
  assert.match(r.stdout, /partner-renamed\s+nice-incontact\s+NICE inContact\s+BOM contato/);
  assert.match(r.stdout, /213\s+cell-changed\s+comparison\/service-connectivity\/extend/);
  cleanup(dir);
});

cli('--json prints the whole report, and only it, to stdout', () => {
  const dir = copySite();
  const before = listFiles(join(dir, 'locales')).map((f) => [f, read(f)]);
  const r = run(['import', ...SEEDS.map(seedFile), '--dry-run', '--json'], dir);
  assert.is(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(Object.keys(report), ['dryRun', 'problems', 'imports']);
  assert.is(report.dryRun, true);
  assert.equal(report.problems, []);
  assert.equal(
    report.imports.map((i: { locale: string }) => i.locale),
    SEEDS,
  );
  const ptBR = report.imports[2];
  assert.equal(Object.keys(ptBR), [
    'file',
    'locale',
    'article',
    'target',
    'written',
    'strings',
    'missingSections',
    'extraSections',
    'droppedBlocks',
    'unknownLinks',
    'missingKeys',
    'drift',
  ]);
  assert.is(ptBR.written, false);
  assert.equal(Object.keys(ptBR.drift), [
    'locale',
    'article',
    'file',
    'partners',
    'counts',
    'findings',
  ]);
  assert.equal(ptBR.drift.partners, { dataset: 17, copy: 11 });
  assert.is(ptBR.drift.counts['partner-missing'], 6);
  for (const f of ptBR.drift.findings)
    for (const k of ['kind', 'locale', 'id', 'expected', 'found', 'line', 'message'])
      assert.ok(k in f, `${f.kind} lacks ${k}`);
  assert.ok(
    ptBR.drift.findings.some(
      (f: { kind: string; id: string }) =>
        f.kind === 'partner-renamed' && f.id === 'nice-incontact',
    ),
  );
  // Drift is computed with --dry-run, and nothing is written.
  assert.equal(
    listFiles(join(dir, 'locales')).map((f) => [f, read(f)]),
    before,
  );
  cleanup(dir);
});

cli('--html writes a self-contained page with every locale', () => {
  const dir = copySite();
  const r = run(['import', ...SEEDS.map(seedFile), '--dry-run', '--html', 'drift.html'], dir);
  assert.is(r.code, 0, r.stderr);
  const html = read(join(dir, 'drift.html'));
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
  for (const l of SEEDS) {
    assert.match(html, `id="drift-${l.toLowerCase()}-teams-contact-center"`, l);
    assert.match(html, `<code>${l}</code>`, l);
  }
  // Text quoted from a copy carries its language.
  assert.match(html, '<span lang="pt-BR" dir="ltr">BOM contato</span>');
  assert.match(html, '<span lang="fr-FR" dir="ltr">« Geomant »</span>');
  assert.match(html, '<span lang="ru-RU" dir="ltr">Неформальный формат SME</span>');
  // Nothing external: no stylesheet, script or image to fetch.
  assert.not.match(html, /<script|<link|<img|@import|url\(/);
  cleanup(dir);
});

cli('the HTML report is not written when the import has problems', () => {
  const dir = copySite();
  writeFileSync(join(dir, 'bad.md'), '');
  const r = run(['import', seedFile('pt-BR'), 'bad.md', '--html', 'drift.html'], dir);
  assert.is(r.code, 1);
  assert.match(r.stderr, 'EMPTY_FILE');
  assert.match(r.stderr, 'not even the drift report');
  assert.not.ok(existsSync(join(dir, 'drift.html')));
  // With --json, the problems are in the report and there are no imports.
  const j = run(['import', seedFile('pt-BR'), 'bad.md', '--json'], dir);
  assert.is(j.code, 1);
  const report = JSON.parse(j.stdout);
  assert.equal(report.imports, []);
  assert.equal(
    report.problems.map((p: { code: string }) => p.code),
    ['EMPTY_FILE'],
  );
  cleanup(dir);
});

cli('escapes everything it quotes', () => {
  const dir = copySite();
  const evil = read(seedFile('pt-BR'))
    .replace('| BOM contato |', '| BOM & "contato" |')
    .replace('| Tendfor |', `| Tendfor <script" onload="alert('x') |`)
    .replace(
      /https:\/\/docs\.microsoft\.com\/microsoftteams\/teams-contact-center#\S+/,
      'https://evil.example/?q="onmouseover="alert(1)',
    );
  writeFileSync(join(dir, 'evil.md'), evil);
  const r = run(['import', 'evil.md', '--dry-run', '--html', 'drift.html'], dir);
  assert.is(r.code, 0, r.stderr);
  const html = read(join(dir, 'drift.html'));
  assert.match(html, '<span lang="pt-BR" dir="ltr">BOM &amp; &quot;contato&quot;</span>');
  assert.match(html, 'href="https://evil.example/?q=&quot;onmouseover=&quot;alert(1)"');
  assert.not.match(html, '"onmouseover');
  assert.match(
    html,
    '<span lang="pt-BR" dir="ltr">Tendfor &lt;script&quot; onload=&quot;alert(&#39;x&#39;)</span>',
  );
  assert.not.match(html, /<script|" onload/);
  cleanup(dir);
});
cli.run();

const roundTrip = suite('drift of our own Markdown copies');
roundTrip(
  'a Markdown copy written by a build has no partner or address drift when imported again',
  async () => {
    const dir = copySite();
    const r = await buildSite(dir, { markdown: true });
    assert.is(r.error, undefined);
    const built = loadSite(dir, coreConfig(resolveOptions())).site!;
    for (const l of ['fr-fr', 'zh-tw']) {
      const copy = read(join(r.out, l, 'teams-contact-center.md'));
      const d = copyDrift(built, 'teams-contact-center', copy, l);
      const kinds = d.findings
        .map((f) => f.kind)
        .filter((k) => k.startsWith('partner') || k.startsWith('url'));
      assert.equal(kinds, [], l);
    }
    cleanup(dir);
  },
);
roundTrip.run();
