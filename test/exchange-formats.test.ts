import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import { assess } from '../plugin/core/check/quality.js';
import { exportFiles, type Format } from '../plugin/core/exchange/export.js';
import { importExchange } from '../plugin/core/exchange/import-back.js';
import { tokenize, untokenize } from '../plugin/core/exchange/inline.js';
import { doNotTranslate, exportUnits } from '../plugin/core/exchange/units.js';
import { parseXml, XmlError } from '../plugin/core/exchange/xml.js';
import { writeAll } from '../plugin/core/write-all.js';
import { cleanup, copySite, loadSiteAt, read } from './helpers.js';

const tokens = suite('tokenize');

tokens('placeholders, nesting, code and link markup are codes; terms only in words', () => {
  const text =
    'Hi {{name}}, see [the Teams docs](https://x.test/a) and `npx teams` or $t(common.x). Teamsy';
  const t = tokenize(text, ['Teams']);
  assert.is(untokenize(t), text);
  assert.equal(
    t.filter((x) => x.kind === 'code').map((x) => (x as { code: string }).code),
    ['{{name}}', '`npx teams`', '$t(common.x)'],
  );
  const link = t.find((x) => x.kind === 'link') as Extract<(typeof t)[number], { kind: 'link' }>;
  assert.is(link.close, '](https://x.test/a)');
  assert.equal(link.inner, [
    { kind: 'text', text: 'the ' },
    { kind: 'term', text: 'Teams' },
    { kind: 'text', text: ' docs' },
  ]);
  // `Teamsy` is another word.
  assert.is(t.filter((x) => x.kind === 'term').length, 0);
});

tokens('the longest term wins where two start together', () => {
  const t = tokenize('Use Microsoft Teams.', ['Microsoft', 'Microsoft Teams']);
  assert.equal(t[1], { kind: 'term', text: 'Microsoft Teams' });
});

tokens.run();

const xml = suite('parseXml');

xml('decodes entities and character references', () => {
  const el = parseXml(
    '<?xml version="1.0"?>\n<a x="&quot;1&quot;">&lt;b&gt; &amp; &#233;&#x41;</a>',
  );
  assert.is(el.attrs.x, '"1"');
  assert.equal(el.children, ['<b> & éA']);
});

for (const [name, text, line, col] of [
  ['a DOCTYPE (no entity expansion)', '<!DOCTYPE x [<!ENTITY a "b">]>\n<x/>', 1, 1],
  ['a mismatched end tag', '<a>\n  <b></c></a>', 2, 6],
  ['a bare ampersand', '<a>\nfish & chips</a>', 2, 6],
  ['an unclosed element', '<a><b>', 1, 4],
  ['text after the root', '<a/>x', 1, 5],
] as const)
  xml(`refuses ${name}, with its position`, () => {
    try {
      parseXml(text);
      assert.unreachable('parsed');
    } catch (e) {
      assert.instance(e, XmlError);
      assert.equal((e as XmlError).pos, { line, col });
    }
  });

xml.run();

const units = suite('exportUnits');

units('plural groups give one unit per CLDR category of the target locale', () => {
  const dir = copySite();
  try {
    const en = join(dir, 'locales/en/common.yaml');
    writeFileSync(
      en,
      read(en) +
        "partnerCount_one: '{{count}} partner'\npartnerCount_other: '{{count}} partners'\n",
    );
    const site = loadSiteAt(dir)!;
    const quality = assess(site, join(dir, 'locales'));
    const ids = (tag: string) =>
      exportUnits(
        site,
        quality,
        site.locales.find((l) => l.tag === tag)!,
      )
        .get('common')!
        .filter((u) => u.key.startsWith('partnerCount'))
        .map((u) => u.key);
    const cldr = (tag: string) =>
      new Intl.PluralRules(tag).resolvedOptions().pluralCategories.map((c) => `partnerCount_${c}`);
    assert.equal(ids('ru-RU'), cldr('ru-RU'));
    assert.ok(ids('ru-RU').includes('partnerCount_few'));
    assert.equal(ids('zh-TW'), ['partnerCount_other']);
    assert.equal(ids('fr-FR'), cldr('fr-FR'));
  } finally {
    cleanup(dir);
  }
});

units('doNotTranslate: the glossary and the partner names', () => {
  const site = loadSiteAt(copySite())!;
  const terms = doNotTranslate(site.articles[0]!);
  assert.ok(terms.includes('Microsoft Teams'));
  assert.ok(terms.includes('NICE inContact'));
});

units.run();

const formats = suite('importExchange: XLIFF 1.2 and PO');

/** Export fr-FR in `format`, confirm the title through `edit`, import: only the title changes. */
function importOne(format: Format, edit: (text: string) => string) {
  const dir = copySite();
  try {
    const site = loadSiteAt(dir)!;
    const [file] = exportFiles(site, assess(site, join(dir, 'locales')), {
      format,
      locales: ['fr-FR'],
    });
    const text = edit(file!.text);
    assert.is.not(text, file!.text);
    const back = importExchange(site, join(dir, 'locales'), [{ shown: file!.name, text }]);
    assert.equal(back.problems, []);
    assert.equal(back.changed, [{ locale: 'fr-FR', keys: ['teams-contact-center:title'] }]);
    writeAll(back.writes);
    const fr = read(join(dir, 'locales/fr-FR/teams-contact-center.yaml'));
    assert.match(fr, /^title: Centre de contacts Teams revu$/m);
  } finally {
    cleanup(dir);
  }
}

formats('XLIFF 1.2: a unit marked translated is imported, the others left alone', () => {
  importOne('xliff12', (t) =>
    t.replace(
      /(id="teams-contact-center:title"[^]*?<target state=")needs-translation(">Centre de contacts <mrk mtype="protected">Teams<\/mrk>)/,
      '$1translated$2 revu',
    ),
  );
});

formats('PO: an entry no longer fuzzy is imported, fuzzy ones left alone', () => {
  importOne('po', (t) =>
    t.replace(
      /#, fuzzy\n(msgctxt "teams-contact-center:title"\nmsgid "[^"]*"\nmsgstr "Centre de contacts Teams)"/,
      '$1 revu"',
    ),
  );
});

formats('an empty target marked translated is left alone, not written as empty', () => {
  const dir = copySite();
  try {
    const site = loadSiteAt(dir)!;
    const [file] = exportFiles(site, assess(site, join(dir, 'locales')), {
      format: 'xliff2',
      locales: ['fr-FR'],
    });
    const text = file!.text.replace(
      /(id="teams-contact-center:title"[^]*?<segment state=")initial" subState="lockstep:outdated"(><source>[^]*?<\/source>)<target>[^]*?<\/target>/,
      '$1translated"$2<target></target>',
    );
    assert.is.not(text, file!.text);
    const back = importExchange(site, join(dir, 'locales'), [{ shown: 'fr.xlf', text }]);
    assert.equal(back.problems, []);
    assert.equal(back.changed, []);
  } finally {
    cleanup(dir);
  }
});

formats.run();

const cli = suite('lockstep export and import');

function run(args: string[], dir: string) {
  const out: string[] = [];
  const { log, error } = console;
  console.log = console.error = (s: string) => out.push(String(s));
  try {
    return { code: main(args, dir), out: out.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}

cli('export writes one file per locale and article; import dispatches by extension', () => {
  const dir = copySite();
  try {
    const e = run(['export', '--format', 'po', '--locale', 'fr-FR', '--out', 'tr'], dir);
    assert.is(e.code, 0, e.out);
    const po = join(dir, 'tr/fr-FR/teams-contact-center.po');
    assert.ok(existsSync(po));
    assert.not.ok(existsSync(join(dir, 'tr/it-IT')));
    writeFileSync(po, read(po).replace('msgstr "Centre', 'msgstr Centre'));
    const before = read(join(dir, 'locales/fr-FR/teams-contact-center.yaml'));
    const i = run(['import', 'tr/fr-FR/teams-contact-center.po'], dir);
    assert.is(i.code, 1);
    assert.match(i.out, /tr\/fr-FR\/teams-contact-center\.po:\d+:1 .*\[EXCHANGE_MALFORMED\]/);
    assert.match(i.out, /nothing was written/);
    assert.is(readFileSync(join(dir, 'locales/fr-FR/teams-contact-center.yaml'), 'utf8'), before);
    assert.is(run(['export', '--format', 'docx'], dir).code, 2);
    // A file that is not there is reported with the others' problems; still nothing written.
    const gone = run(['import', 'tr/fr-FR/teams-contact-center.po', 'tr/nope.xlf'], dir);
    assert.is(gone.code, 1);
    assert.match(gone.out, /tr\/nope\.xlf:1:1 .*\[NOT_FOUND\]/);
  } finally {
    cleanup(dir);
  }
});

cli('import writes the strings a translator finished, and the lock', () => {
  const dir = copySite();
  try {
    assert.is(run(['export', '--format', 'xliff12', '--locale', 'fr-FR'], dir).code, 0);
    const xlf = join(dir, 'translations/fr-FR/teams-contact-center.xliff');
    writeFileSync(
      xlf,
      read(xlf).replace(
        /(id="teams-contact-center:title"[^]*?<target state=")needs-translation(">[^<]*<mrk mtype="protected">Teams<\/mrk>)/,
        '$1final$2 revu',
      ),
    );
    const r = run(['import', 'translations/fr-FR/teams-contact-center.xliff'], dir);
    assert.is(r.code, 0, r.out);
    assert.match(r.out, /fr-FR: 1 string written/);
    assert.match(read(join(dir, 'locales/fr-FR/teams-contact-center.yaml')), /^title: .* revu$/m);
    const lock = JSON.parse(read(join(dir, 'locales/fr-FR/translations.lock')));
    assert.not.ok('imported' in lock['teams-contact-center'].title);
  } finally {
    cleanup(dir);
  }
});

cli.run();
