import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash, readLock, writeLock } from '../plugin/core/load/lock.js';
import { assess, type Quality } from '../plugin/core/check/quality.js';
import { loadSite } from '../plugin/core/load/site.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, read } from './helpers.js';

const QUALITY = join(fixtures, 'sites', 'quality');
function assessAt(dir: string): Quality {
  const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
  assert.equal(problems, []);
  return assess(site!, join(dir, 'locales'));
}
const triples = (q: Quality, locale?: string) =>
  q.findings
    .filter((f) => !locale || f.locale === locale)
    .map((f) => `${f.locale} ${f.key} ${f.code}`)
    .sort();

const fixture = suite('assess: one rule broken per string');
fixture('fr-FR reports exactly its faults', () => {
  const dir = copySite(QUALITY);
  assert.equal(triples(assessAt(dir), 'fr-FR'), [
    'fr-FR results PLURAL_FORMS',
    'fr-FR sections.intro.docs CODE_SPANS',
    'fr-FR sections.intro.docs CODE_SPANS',
    'fr-FR sections.intro.docs EMPTY_LINK',
    'fr-FR sections.intro.long UNTRANSLATED',
    'fr-FR sections.intro.old ORPHAN',
    'fr-FR sections.intro.partner GLOSSARY',
    'fr-FR sections.intro.welcome PLACEHOLDER',
    'fr-FR sections.intro.welcome PLACEHOLDER',
    'fr-FR sections.more.heading MISSING',
    'fr-FR sections.more.note MISSING',
  ]);
  cleanup(dir);
});
fixture('findings point at the translation in its file', () => {
  const dir = copySite(QUALITY);
  const f = assessAt(dir).findings.find((x) => x.locale === 'fr-FR' && x.code === 'GLOSSARY')!;
  assert.equal([f.file, f.line, f.col], ['locales/fr-FR/guide.yaml', 9, 14]);
  assert.match(f.message, '`Acme Voice`');
  assert.is(f.translation, 'Acme est certifié.');
  cleanup(dir);
});
fixture('status counts per locale', () => {
  const dir = copySite(QUALITY);
  const fr = assessAt(dir).status.find((s) => s.locale === 'fr-FR')!;
  // 9 article keys + 12 UI keys + 1 plural group.
  assert.equal(
    { ...fr },
    { locale: 'fr-FR', total: 22, translated: 20, missing: 2, stale: 0, failed: 5, complete: 68 },
  );
  cleanup(dir);
});
fixture(
  'articles with the same strings but another glossary get their own findings (results are shared only between articles whose terms and links are the same)',
  () => {
    const dir = copySite(QUALITY);
    const dataset = read(join(dir, 'src', 'guide', 'dataset.yaml'));
    mkdirSync(join(dir, 'src', 'same'));
    mkdirSync(join(dir, 'src', 'other'));
    writeFileSync(join(dir, 'src', 'same', 'dataset.yaml'), dataset);
    writeFileSync(
      join(dir, 'src', 'other', 'dataset.yaml'),
      dataset.replace('name: Acme Voice', 'name: Acme Phone'),
    );
    for (const l of readdirSync(join(dir, 'locales'))) {
      const text = read(join(dir, 'locales', l, 'guide.yaml'));
      for (const copy of ['same', 'other'])
        writeFileSync(join(dir, 'locales', l, `${copy}.yaml`), text);
    }
    const glossary = (ns: string) =>
      assessAt(dir)
        .findings.filter((f) => f.locale === 'fr-FR' && f.ns === ns && f.code === 'GLOSSARY')
        .map((f) => f.key);
    assert.equal(glossary('guide'), ['sections.intro.partner']);
    assert.equal(glossary('same'), ['sections.intro.partner']);
    assert.equal(glossary('other'), []);
    cleanup(dir);
  },
);
fixture.run();

const plurals = suite('plural forms follow CLDR for each locale');
plurals('the forms each of the six locales needs', () => {
  const dir = copySite(QUALITY);
  const q = assessAt(dir);
  const forms = q.findings
    .filter((f) => f.code === 'PLURAL_FORMS')
    .map((f) => [f.locale, f.message.match(/needs the plural forms (.*) of/)![1]]);
  // fr-FR and it-IT lack `many`; pt-BR, ru-RU (one, few, many, other) and zh-TW (other only) are
  // complete.
  assert.equal(forms, [
    ['fr-FR', '`many`, `one`, `other`'],
    ['it-IT', '`many`, `one`, `other`'],
  ]);
  for (const l of ['pt-BR', 'ru-RU', 'zh-TW']) assert.equal(triples(q, l), [], l);
  // A group counts as one key whatever forms a locale needs, and each locale locks the forms it
  // has.
  assert.equal(
    q.status.map((s) => [s.locale, s.total]),
    ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU', 'zh-TW'].map((l) => [l, 22]),
  );
  const locked = (l: string) =>
    Object.keys(q.locks.find((x) => x.locale === l)!.lock.common!)
      .filter((k) => k.startsWith('results_'))
      .sort();
  assert.equal(locked('ru-RU'), ['results_few', 'results_many', 'results_one', 'results_other']);
  assert.equal(locked('zh-TW'), ['results_other']);
  cleanup(dir);
});
plurals.run();

const real = suite('assess: the real site');
real('finds the faults the seeds are known for', () => {
  const dir = copySite();
  const q = assessAt(dir);
  const find = (locale: string, key: string, code: string) =>
    q.findings.find((f) => f.locale === locale && f.key === key && f.code === code);
  assert.ok(find('zh-TW', 'values.azure', 'GLOSSARY'), 'Azure translated as 蔚藍');
  assert.is(find('zh-TW', 'values.azure', 'GLOSSARY')!.translation, '蔚藍');
  assert.ok(
    find('fr-FR', 'sections.power.conversation-control', 'UNTRANSLATED'),
    'the untranslated fr-FR bullet',
  );
  assert.equal(
    q.findings.filter((f) => f.locale === 'ru-RU' && f.code === 'EMPTY_LINK').map((f) => f.key),
    ['sections.what-is.hub', 'sections.what-is.hub'],
  );
  assert.ok(find('it-IT', 'values.sme', 'GLOSSARY'), 'SME became PMI');
  for (const l of ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU'])
    assert.equal(
      q.findings.filter((f) => f.locale === l && f.code === 'MISSING').map((f) => f.key),
      ['sections.in-certification.heading'],
      l,
    );
  assert.equal(
    q.findings.filter((f) => f.locale === 'zh-TW' && f.code === 'MISSING'),
    [],
  );
  cleanup(dir);
});
real.run();

const kept = suite('assess: an unchanged lock');
kept('is the lock as loaded, not an equal copy held for the whole build', () => {
  const dir = copySite();
  const first = loadSite(dir, coreConfig(resolveOptions())).site!;
  for (const l of assess(first, join(dir, 'locales')).locks) writeLock(l.file, l.lock);
  const { site } = loadSite(dir, coreConfig(resolveOptions()));
  const { locks } = assess(site!, join(dir, 'locales'));
  assert.ok(locks.length > 1);
  for (const l of locks) {
    assert.is(l.changed, false, l.locale);
    assert.ok(l.lock === site!.locales.find((x) => x.tag === l.locale)!.lock!.entries, l.locale);
  }
  cleanup(dir);
});
kept.run();

const staleness = suite('staleness');
staleness(
  'changing one English string makes exactly that key stale everywhere; re-translating clears one locale',
  async () => {
    const dir = copySite();
    const key = 'sections.connect.routing';
    const ids = (q: Quality) =>
      [...q.stale].flatMap(([l, byNs]) =>
        [...byNs].flatMap(([ns, keys]) => [...keys].map((k) => `${l} ${ns} ${k}`)),
      );
    const staleKeys = (q: Quality) =>
      ids(q)
        .map((s) => s.split(' '))
        .filter(([, , k]) => k === key)
        .map(([l]) => l);
    // Translators confirm every imported translation (`lockstep accept`), so nothing is stale to
    // start with.
    const { site } = loadSite(dir, coreConfig(resolveOptions()));
    for (const l of assess(site!, join(dir, 'locales'), () => true).locks)
      writeLock(l.file, l.lock);
    assert.is((await buildSite(dir)).error, undefined);
    const before = new Set(ids(assessAt(dir)));
    assert.equal([...before], []);
    const en = join(dir, 'locales/en/teams-contact-center.yaml');
    writeFileSync(
      en,
      read(en).replace(
        /routing: .*/,
        'routing: Organizations route every call to the best agent with virtual assistants and skills-based queues.',
      ),
    );
    const after = assessAt(dir);
    const added = ids(after)
      .filter((s) => !before.has(s))
      .sort();
    assert.equal(
      added,
      ['fr-FR', 'it-IT', 'pt-BR', 'ru-RU', 'zh-TW'].map((l) => `${l} teams-contact-center ${key}`),
    );
    // Re-translate in fr-FR only.
    const fr = join(dir, 'locales/fr-FR/teams-contact-center.yaml');
    writeFileSync(
      fr,
      read(fr).replace(
        /routing: .*/,
        'routing: Les organisations acheminent chaque appel vers le meilleur agent.',
      ),
    );
    assert.equal(staleKeys(assessAt(dir)).sort(), ['it-IT', 'pt-BR', 'ru-RU', 'zh-TW']);
    // The next build refreshes fr-FR's lock entry to the new source.
    assert.is((await buildSite(dir)).error, undefined);
    const entry = readLock(join(dir, 'locales/fr-FR/translations.lock'))['teams-contact-center']![
      key
    ]!;
    assert.is(entry.source, hash(read(en).match(/routing: (.*)/)![1]!));
    const page = read(join(dir, '_site/it-it/teams-contact-center/index.html'));
    assert.match(page, /data-lockstep-stale/);
    cleanup(dir);
  },
);
staleness.run();

const strict = suite('strict builds');
strict('a broken placeholder fails a strict build, naming file, key and placeholder', async () => {
  const dir = copySite(QUALITY);
  const r = await buildSite(dir, { strict: true });
  assert.ok(r.error, 'the build failed');
  const p = r.error!.problems!.find((x) => x.code === 'PLACEHOLDER')!;
  assert.ok(p.file.endsWith('locales/fr-FR/guide.yaml'), p.file);
  assert.match(p.message, '`sections.intro.welcome`');
  assert.match(p.message, '`{{name}}`');
  assert.equal(
    r.files.filter((f) => f.endsWith('.html')),
    [],
  );
  cleanup(dir);
});
strict('without strict the same site builds, with warnings', async () => {
  const dir = copySite(QUALITY);
  const r = await buildSite(dir);
  assert.is(r.error, undefined);
  assert.ok(r.files.includes('translation-status/index.html'));
  cleanup(dir);
});
strict.run();

const render = suite('how outdated translations are shown');
render(
  'notice (default): the translation, marked, with one banner when most of the page is outdated',
  async () => {
    const dir = copySite();
    const r = await buildSite(dir);
    const fr = read(join(r.out, 'fr-fr/teams-contact-center/index.html'));
    assert.match(
      fr,
      '<p class="lockstep-banner" role="note" data-lockstep-stale-page>Cette traduction',
    );
    assert.match(fr, /<li data-lockstep-stale title="[^"]+">Indication de présence/);
    assert.not.match(
      read(join(r.out, 'zh-tw/teams-contact-center/index.html')),
      /<\w+[^>]*\sdata-lockstep-stale/,
    );
    cleanup(dir);
  },
);
render('source: the source text instead, in its language', async () => {
  const dir = copySite();
  const r = await buildSite(dir, { stale: 'source' });
  const fr = read(join(r.out, 'fr-fr/teams-contact-center/index.html'));
  assert.match(fr, /<li lang="en" data-lockstep-stale title="[^"]+">Presence of Teams users<\/li>/);
  cleanup(dir);
});
render.run();
