import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles } from '../plugin/core/import/run.js';
import { loadSite } from '../plugin/core/load/site.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, listFiles, read, teams } from './helpers.js';

const SEEDS = ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU', 'zh-TW'];
const seed = (l: string) => join(fixtures, 'seeds', `${l}.md`);
const target = (dir: string, l: string) => join(dir, 'locales', l, 'teams-contact-center.yaml');

function run(dir: string, files: string[], opts = {}) {
  const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
  assert.equal(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  return importFiles(dir, site!, files, opts);
}

const repro = suite('importing the seeds');
repro('reproduces the committed locale files byte for byte', () => {
  const dir = copySite();
  for (const l of SEEDS) rmSync(target(dir, l));
  const { problems } = run(dir, SEEDS.map(seed));
  assert.equal(problems, []);
  for (const l of SEEDS) assert.fixture(read(target(dir, l)), read(target(teams, l)), l);
  cleanup(dir);
});

repro('reports how each copy differs from the current article', () => {
  const dir = copySite();
  const { imported } = run(dir, SEEDS.map(seed), { dryRun: true });
  const by = Object.fromEntries(imported.map((i) => [i.locale, i.result]));
  // Every copy but zh-TW predates the in-certification list.
  for (const l of ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU'])
    assert.equal(by[l]!.missingSections, ['in-certification'], l);
  assert.equal(by['zh-TW']!.missingSections, []);
  // The section removed from English after pt-BR, it-IT and fr-FR were made is skipped; ru-RU never
  // had it.
  for (const l of ['fr-FR', 'it-IT', 'pt-BR'])
    assert.equal(
      by[l]!.extraSections.map((s) => s.anchor),
      ['how-do-contact-center-solutions-work-in-microsoft-teams'],
      l,
    );
  assert.equal(by['ru-RU']!.extraSections, []);
  // The dropped "call flows" bullet does not shift the bullets after it.
  for (const l of ['fr-FR', 'it-IT', 'pt-BR'])
    assert.equal(by[l]!.droppedBlocks.filter((b) => b.anchor === 'connect').length, 1, l);
  assert.match(by['pt-BR']!.strings.get('sections.connect.transfers')!, 'transferências');
  assert.match(by['fr-FR']!.strings.get('sections.connect.sip-trunking')!, 'SIP');
  // Renamed sections align through `formerly`.
  assert.match(by['ru-RU']!.strings.get('sections.extend.heading')!, 'Подключение и расширение');
  // Links become references to the dataset; emptied ones stay empty for the checks to find.
  assert.match(by['ru-RU']!.strings.get('sections.what-is.hub')!, '[][auto-attendants]');
  assert.match(by['zh-TW']!.strings.get('values.azure')!, '蔚藍');
  assert.is(
    imported.every((i) => !i.written),
    true,
  );
  cleanup(dir);
});
repro.run();

const safety = suite('import never overwrites silently');
safety('keeps a string edited by hand, and replaces it only with --force', () => {
  const dir = copySite();
  const file = target(dir, 'fr-FR');
  const edited = read(file).replace(/heading: Connecter\n/, 'heading: Modèle Connect\n');
  writeFileSync(file, edited);
  let r = run(dir, [seed('fr-FR')]);
  assert.equal(r.imported[0]!.merge.kept, ['sections.connect.heading']);
  assert.is(read(file), edited);
  r = run(dir, [seed('fr-FR')], { force: true });
  assert.equal(r.imported[0]!.merge.replaced, ['sections.connect.heading']);
  assert.match(read(file), 'heading: Connecter\n');
  cleanup(dir);
});

safety(
  'a copy in a new language adds that language, and the next build publishes it with the same tables',
  async () => {
    const dir = copySite();
    const copy = join(dir, 'de.md');
    writeFileSync(
      copy,
      read(seed('fr-FR')).replace('ms.contentlocale: fr-FR', 'ms.contentlocale: de-DE'),
    );
    const r = run(dir, [copy]);
    assert.equal(r.problems, []);
    assert.ok(existsSync(target(dir, 'de-DE')));
    // The build audits every page it writes: it fails if the new language's tables differ.
    const b = await buildSite(dir);
    assert.is(b.error, undefined);
    const de = read(join(b.out, 'de-de/teams-contact-center/index.html'));
    assert.match(de, '<html lang="de-DE" dir="ltr">');
    assert.match(de, 'data-key="nice-incontact"');
    cleanup(dir);
  },
);
safety.run();

const robust = suite('bad copies are refused and nothing is written');
const cases: [string, string | Buffer, string][] = [
  ['empty file', '', 'EMPTY_FILE'],
  ['no front matter', '# <a name="connect"></a>Connect\n\nText\n', 'NO_FRONT_MATTER'],
  ['truncated front matter', '---\ntitle: x\nms.contentlocale: de-DE\n', 'TRUNCATED'],
  ['truncated table', read(seed('fr-FR')).split('</tbody>')[0]!, 'TRUNCATED'],
  [
    'another article',
    '---\nms.contentlocale: de-DE\n---\n# <a name="install-teams"></a>Installer Teams\n\nTexte\n',
    'OTHER_ARTICLE',
  ],
  [
    'not UTF-8',
    Buffer.concat([
      Buffer.from('---\nms.contentlocale: de-DE\ntitle: Caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n---\n'),
    ]),
    'NOT_UTF8',
  ],
  ['no locale', '---\ntitle: x\n---\n# <a name="connect"></a>Connect\n', 'NO_LOCALE'],
  [
    'not a language tag',
    '---\nms.contentlocale: ../x\n---\n# <a name="connect"></a>Connect\n',
    'INVALID_LOCALE',
  ],
];
for (const [name, content, code] of cases)
  robust(name, () => {
    const dir = copySite();
    const before = listFiles(join(dir, 'locales')).map((f) => [f, read(f)]);
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, content);
    // A good copy in the same call is not written either.
    const r = run(dir, [seed('fr-FR'), bad], { force: true });
    assert.equal(
      r.problems.map((p) => [p.code, p.file]),
      [[code, 'bad.md']],
    );
    assert.equal(r.imported, []);
    assert.equal(
      listFiles(join(dir, 'locales')).map((f) => [f, read(f)]),
      before,
    );
    cleanup(dir);
  });
robust.run();
