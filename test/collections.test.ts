import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { audit } from '../plugin/core/audit/audit.js';
import { BuildCache } from '../plugin/core/cache.js';
import { readTables, type PageTable } from '../plugin/core/audit/html-tables.js';
import { parseDataset } from '../plugin/core/load/dataset.js';
import {
  collectionsOf,
  groupsOf,
  literalTerms,
  namedItems,
} from '../plugin/core/load/collections.js';
import { createTranslator } from '../plugin/core/render/i18n.js';
import { renderCollection } from '../plugin/core/render/embed.js';
import { loadSite } from '../plugin/core/load/site.js';
import { load } from '../plugin/core/load/load-step.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, read, type BuildResult } from './helpers.js';

const SBC = join(fixtures, 'sites', 'sbc');
const ARTICLE = 'certified-sbcs';
const LOCALES = ['en', 'de-de', 'ar'];
const sbcText = read(join(SBC, 'src', ARTICLE, 'dataset.yaml'));
const sbc = parseDataset(sbcText, 'd.yaml', ARTICLE).dataset!.data;
const page = (out: string, l: string) => read(join(out, l, ARTICLE, 'index.html'));
/** What must be the same in every language: everything but the header words. */
const facts = (t: PageTable) => ({
  id: t.id,
  columns: t.columns.map((c) => c.value),
  rows: t.rows.map((r) => ({
    key: r.key,
    name: r.name?.value,
    links: r.links.map((l) => l.value),
    values: r.values.map((v) => v.value),
    literals: r.literals.map((v) => v.value),
  })),
});

const model = suite('collectionsOf, groupsOf, namedItems, literalTerms');
model('the former `partners:` list reads as collection `partners`, grouped by status', () => {
  const text = [
    'updated: 2024-01-15',
    'partners:',
    '  - { id: a, name: A, url: "https://a.example.com/", status: in-certification }',
    '  - { id: b, name: B, url: "https://b.example.com/", status: certified }',
    'sections:',
    '  - { id: s, blocks: [{ partners: certified }] }',
  ].join('\n');
  const data = parseDataset(text, 'd.yaml', 'a').dataset!.data;
  const partners = collectionsOf(data).partners!;
  assert.equal(
    groupsOf(partners).map((g) => [g.value, g.items.map((i) => i.id)]),
    [
      ['certified', ['b']],
      ['in-certification', ['a']],
    ],
  );
  assert.equal(namedItems(data)[0], {
    collection: 'partners',
    id: 'a',
    name: 'A',
    url: 'https://a.example.com/',
    status: 'in-certification',
  });
});
model('groups follow the order of the label values; `only` picks one', () => {
  const c = collectionsOf(sbc).sbcs!;
  assert.equal(
    groupsOf(c).map((g) => [g.value, g.items.length]),
    [
      ['certified', 2],
      ['deprecated', 1],
    ],
  );
  assert.equal(
    groupsOf(c, 'deprecated').map((g) => g.items[0]!.id),
    ['acme-packet-3900'],
  );
});
model('`sort` orders by a field, the same in every language', () => {
  const c = { ...collectionsOf(sbc).sbcs!, groupBy: undefined, sort: 'sessions' };
  assert.equal(
    groupsOf(c)[0]!.items.map((i) => i.sessions),
    [250, 1500, 12000],
  );
});
model('literal terms: every text value and text cell, for exports to keep untranslated', () => {
  const terms = literalTerms(sbc);
  for (const t of ['Mediant 800', 'AudioCodes', '7.40A.500', '7.40A.400', '9.0.0'])
    assert.ok(terms.includes(t), t);
  assert.not.ok(terms.includes('certified'), 'labels are words, not literals');
});
model.run();

const site = suite('a second article: certified SBCs in en, de-DE and ar');
let built: BuildResult & { dir: string };
site.before(async () => {
  const dir = copySite(SBC);
  built = { ...(await buildSite(dir)), dir };
});
site.after(() => cleanup(built.dir));
site('builds, and its fields, groups and literal cells are identical in every language', () => {
  assert.is(built.error, undefined, String(built.error));
  const en = readTables(page(built.out, 'en')).map(facts);
  assert.equal(
    en.map((t) => t.id),
    ['sbcs-certified', 'sbcs-deprecated', 'firmware'],
  );
  assert.equal(en[0]!.columns, [
    'model',
    'vendor',
    'firmware',
    'regions',
    'sessions',
    'certified-on',
  ]);
  assert.equal(en[0]!.rows[0], {
    key: 'mediant-800',
    name: 'Mediant 800',
    links: ['https://www.audiocodes.com/'],
    values: ['AudioCodes', '7.40A.500', 'americas emea apac', '250', '2023-11-20'],
    literals: ['AudioCodes', '7.40A.500'],
  });
  assert.equal(en[2]!.rows[1]!.literals, ['9.0.0', '9.0.2']);
  for (const l of LOCALES.slice(1)) assert.equal(readTables(page(built.out, l)).map(facts), en, l);
  assert.equal(audit(built.out, { cwd: built.dir }).problems, []);
});
site('headers and group headings are the locale’s words; numbers and dates its formats', () => {
  const de = page(built.out, 'de-de');
  assert.match(de, '<h3 id="sbcs-certified">Zertifizierte Geräte</h3>');
  assert.match(de, '<th scope="col" data-key="firmware">Firmware</th>');
  assert.match(de, '<td data-value="1500" data-format="number" translate="no">1.500</td>');
  assert.match(
    page(built.out, 'en'),
    '<td data-value="1500" data-format="number" translate="no">1,500</td>',
  );
  const ar = page(built.out, 'ar');
  assert.match(ar, /<html lang="ar" dir="rtl"/);
  assert.match(ar, '<h3 id="sbcs-deprecated">لم تعد معتمدة</h3>');
  // Names and literals are never translated, in any language.
  assert.match(de, '<th scope="row" translate="no">Acme Packet 3900</th>');
});
site(
  'on the right-to-left page, names and literals are isolated in <bdi>; ltr pages are not',
  () => {
    // In a `dir="rtl"` cell, `-5` reads `5-`; `<bdi>` gives a literal its own direction (checked
    // in Chromium) and keeps the cell's right alignment, which `dir="ltr"` on the cell would not.
    const ar = page(built.out, 'ar');
    assert.match(
      ar,
      '<td data-value="7.40A.500" data-literal translate="no"><bdi>7.40A.500</bdi></td>',
    );
    assert.match(ar, '<th scope="row" translate="no"><bdi>Acme Packet 3900</bdi></th>');
    assert.match(ar, 'translate="no"><bdi>Mediant 800</bdi></a></th>');
    assert.match(
      ar,
      '<td data-value="AudioCodes" data-literal translate="no"><bdi>AudioCodes</bdi>',
    );
    // A row of the comparison table headed by an item, and its text literals.
    const firmware = ar.slice(ar.indexOf('data-lockstep="firmware"'));
    assert.match(firmware, '<th scope="row" translate="no"><bdi>Mediant 800</bdi></th>');
    assert.match(
      firmware,
      '<td data-value="9.0.0" data-literal translate="no"><bdi>9.0.0</bdi></td>',
    );
    // Numbers and dates formatted by Intl for Arabic carry their own direction marks.
    assert.not.match(ar, /<td data-value="1500" data-format="number" translate="no"><bdi>/);
    for (const l of ['en', 'de-de']) assert.not.match(page(built.out, l), '<bdi>', l);
  },
);
site('a literal changed in one built page is caught by the audit', () => {
  const file = join(built.out, 'de-de', ARTICLE, 'index.html');
  const html = read(file);
  const edited = html.replace(
    '<td data-value="7.40A.500" data-literal translate="no">7.40A.500</td>',
    '<td data-value="7.40A.500" data-literal translate="no">6.1</td>',
  );
  assert.ok(edited !== html);
  writeFileSync(file, edited);
  const found = audit(built.out, { cwd: built.dir }).problems;
  writeFileSync(file, html);
  assert.equal(
    found.map((p) => p.code),
    ['AUDIT_LITERAL'],
  );
  assert.match(found[0]!.message, 'the literal text 2 is `6.1`; expected `7.40A.500`');
  assert.ok(found[0]!.line > 0);
});
site('a number or date formatted per language, edited in one page’s text alone, is caught', () => {
  // Its `data-value` stays `1500`, so comparing values cannot see it: the audit formats the raw
  // value for the page's `lang` (de-DE: `1.500`) and compares the text, with a cache or without.
  const file = join(built.out, 'de-de', ARTICLE, 'index.html');
  const html = read(file);
  const cell = '<td data-value="1500" data-format="number" translate="no">';
  assert.match(html, `${cell}1.500</td>`);
  writeFileSync(file, html.replace(`${cell}1.500</td>`, `${cell}2.500</td>`));
  const ar = join(built.out, 'ar', ARTICLE, 'index.html');
  const arabic = read(ar);
  const date = /<td data-value="2023-11-20" data-format="date" translate="no">([^<]*)<\/td>/;
  const shown = date.exec(arabic)![1]!;
  writeFileSync(ar, arabic.replace(shown, '20/11/2023'));
  for (const cache of [undefined, new BuildCache(join(built.dir, 'audit-cache.json'))]) {
    const found = audit(built.out, { cwd: built.dir, cache }).problems;
    assert.equal(
      found.map((p) => [p.code, p.file]),
      [
        ['AUDIT_FORMATTED', `_site/ar/${ARTICLE}/index.html`],
        ['AUDIT_FORMATTED', `_site/de-de/${ARTICLE}/index.html`],
      ],
    );
    assert.match(found[1]!.message, 'row `swe-lite`: the number `1500` reads `2.500`');
    assert.match(found[1]!.message, 'formatted for `de-DE` it is `1.500`');
    assert.match(
      found[0]!.message,
      `the date \`2023-11-20\` reads \`20/11/2023\`; formatted for \`ar\` it is \`${shown}\``,
    );
  }
  writeFileSync(file, html);
  writeFileSync(ar, arabic);
  assert.equal(audit(built.out, { cwd: built.dir }).problems, []);
});
site('a literal edited in one page is caught by an audit with a cache, too', () => {
  const file = join(built.out, 'de-de', ARTICLE, 'index.html');
  const html = read(file);
  const cache = new BuildCache(join(built.dir, 'literal-cache.json'));
  assert.equal(audit(built.out, { cwd: built.dir, cache }).problems, []);
  writeFileSync(file, html.replace('translate="no">7.40A.500</td>', 'translate="no">6.1</td>'));
  const found = audit(built.out, { cwd: built.dir, cache }).problems;
  writeFileSync(file, html);
  assert.equal(
    found.map((p) => p.code),
    ['AUDIT_LITERAL'],
  );
});
site.run();

const numbers = suite('a number changed in one locale’s label');
numbers('is a FACT_MISMATCH at its key; a strict build fails and writes no page', async () => {
  const dir = copySite(SBC);
  const de = join(dir, 'locales', 'de-DE', `${ARTICLE}.yaml`);
  writeFileSync(de, read(de).replace('(bis 1.500 Sitzungen)', '(bis 2.500 Sitzungen)'));
  const r = await buildSite(dir, { strict: true });
  assert.ok(r.error, 'the strict build fails');
  const p = r.error!.problems!.filter((x) => x.code === 'FACT_MISMATCH');
  assert.is(p.length, 1);
  assert.ok(p[0]!.file.endsWith('locales/de-DE/certified-sbcs.yaml'), p[0]!.file);
  assert.is(p[0]!.line, 36);
  assert.match(p[0]!.message, '`values.limited`');
  assert.match(p[0]!.message, '`1500`');
  assert.equal(
    r.files.filter((f) => f.endsWith('.html')),
    [],
  );
  const loose = await buildSite(dir);
  assert.is(loose.error, undefined, 'without strict it is a warning');
  cleanup(dir);
});
numbers.run();

/** `test/fixtures/bad/<case>/` over a copy of the SBC site: one problem, at a position. */
const BAD: Record<string, string> = {
  'collection-unknown-field': '40:9 UNKNOWN_FIELD',
  'collection-wrong-type': '39:19 WRONG_TYPE',
  'collection-label-not-allowed': '52:17 INVALID_VALUE',
  'collection-missing-required': '36:9 MISSING_FIELD',
  'collection-duplicate-item': '45:13 DUPLICATE_ID',
  'table-unknown-collection': '56:17 UNKNOWN_REFERENCE',
  'block-unknown-collection': '74:21 UNKNOWN_REFERENCE',
  'collection-list-given-scalar': '51:18 WRONG_TYPE',
  'collection-url-javascript': '46:18 INVALID_URL',
  'collection-date-not-iso': '44:23 INVALID_DATE',
  'collection-group-by-not-label': '26:14 WRONG_TYPE',
  'collection-sort-unknown-field': '27:11 UNKNOWN_REFERENCE',
  'collection-name-missing-field': '23:11 UNKNOWN_REFERENCE',
  'collection-cell-email-invalid': '66:96 INVALID_VALUE',
};
/** What the message must say: the value found and how to fix it. */
const SAYS: Record<string, string[]> = {
  'collection-list-given-scalar': ['must be a list of `label`', 'write `[emea]`'],
  'collection-url-javascript': [
    'absolute http or https URL',
    '`javascript:alert(document.cookie)`',
  ],
  'collection-date-not-iso': ['YYYY-MM-DD', '`15/01/2024`'],
  'collection-group-by-not-label': ['`vendor` is `text`', 'Name `status`, or remove `groupBy`'],
  'collection-sort-unknown-field': ['names field `release`', 'declared fields: `vendor`'],
  'collection-name-missing-field': ['names field `product`', '`model`'],
  'collection-cell-email-invalid': ['must be an e-mail address', '`support at ribbon`'],
};
const bad = suite('bad collection input fails with a code and a position, and writes nothing');
bad('every case has its fixture', () => {
  const folders = readdirSync(join(fixtures, 'bad')).filter((n) =>
    existsSync(join(fixtures, 'bad', n, 'src', ARTICLE)),
  );
  assert.equal(folders.sort(), Object.keys(BAD).sort());
});
for (const [name, expected] of Object.entries(BAD))
  bad(name, async () => {
    const dir = copySite(SBC);
    cpSync(join(fixtures, 'bad', name), dir, { recursive: true });
    const r = await buildSite(dir);
    assert.ok(r.error, 'the build fails');
    assert.equal(
      r.error!.problems!.map(
        (p) => `${relative(dir, resolve(p.file))}:${p.line}:${p.col} ${p.code}`,
      ),
      [`src/${ARTICLE}/dataset.yaml:${expected}`],
    );
    for (const text of SAYS[name] ?? []) assert.match(r.error!.problems![0]!.message, text);
    assert.equal(r.files, []);
    assert.not.ok(existsSync(join(dir, 'locales', 'de-DE', 'translations.lock')));
    cleanup(dir);
  });
bad('a date with one-digit month or day is told its YYYY-MM-DD spelling', () => {
  const text = sbcText.replace('certified-on: 2024-01-15', 'certified-on: 2024-1-5');
  const { problems } = parseDataset(text, 'd.yaml', ARTICLE);
  assert.equal(
    problems.map((p) => `${p.line}:${p.col} ${p.code}`),
    ['44:23 INVALID_DATE'],
  );
  assert.match(problems[0]!.message, 'found `2024-1-5`. Write `2024-01-05`');
});
bad.run();

const embed = suite('renderCollection');
embed('the tables a shortcode prints are the article page’s, in the language asked for', () => {
  const dir = copySite(SBC);
  const { site } = loadSite(dir, coreConfig(resolveOptions()));
  const tr = createTranslator(site!.locales, site!.source);
  const article = site!.articles[0]!;
  const de = site!.locales.find((l) => l.tag === 'de-DE')!;
  const [certified, deprecated] = renderCollection(site!, tr, article, de, 'sbcs');
  assert.is(certified!.heading!.text, 'Zertifizierte Geräte');
  assert.equal(
    certified!.rows.map((r) => r.name),
    [
      { text: 'Mediant 800', href: 'https://www.audiocodes.com/' },
      { text: 'SWe Lite', href: 'https://ribboncommunications.com/' },
    ],
  );
  assert.equal(certified!.rows[1]!.cells[3], { text: '1.500', value: '1500', fact: 'number' });
  const ar = site!.locales.find((l) => l.tag === 'ar')!;
  const [arabic] = renderCollection(site!, tr, article, ar, 'sbcs');
  assert.equal(arabic!.rows[0]!.name, {
    text: 'Mediant 800',
    href: 'https://www.audiocodes.com/',
    bdi: true,
  });
  assert.equal(arabic!.rows[0]!.cells[1], {
    text: '7.40A.500',
    value: '7.40A.500',
    literal: true,
    bdi: true,
  });
  assert.is(deprecated!.id, 'sbcs-deprecated');
  const only = renderCollection(site!, tr, article, de, 'sbcs', 'deprecated');
  assert.equal(
    only.map((t) => [t.id, t.heading]),
    [['sbcs-deprecated', undefined]],
  );
  cleanup(dir);
});
embed.run();

const legacy = suite('deprecations: the former `partners:` list');
legacy('is read, with one warning at `partners` that spells out the conversion', () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  const { warnings } = load.run({ root: dir, config: coreConfig(resolveOptions()), loads: false });
  const w = warnings!.filter((p) => p.code === 'DEPRECATED_SHAPE');
  assert.is(w.length, 1);
  assert.is(w[0]!.severity, 'warning');
  assert.ok(w[0]!.file.endsWith('src/guide/dataset.yaml'), w[0]!.file);
  assert.equal([w[0]!.line, w[0]!.col], [8, 1]);
  for (const text of [
    'required: [name, url, status]',
    '`partners: certified` → `collection: { id: partners, group: certified }`',
    'move the key `partners.name` to `collections.partners.fields.name`',
    '`partners.website` to `collections.partners.fields.url`',
  ])
    assert.match(w[0]!.message, text);
  cleanup(dir);
});
legacy('a dataset with collections gets none', () => {
  const dir = copySite(SBC);
  const { warnings } = load.run({ root: dir, config: coreConfig(resolveOptions()), loads: false });
  assert.equal(
    warnings!.filter((p) => p.code === 'DEPRECATED_SHAPE'),
    [],
  );
  cleanup(dir);
});
legacy.run();
