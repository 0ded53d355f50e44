import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { isHttpUrl, parseDataset, requiredKeys, valueIds, type Dataset } from '../plugin/core/dataset.js';
import { parseNamespace } from '../plugin/core/locales.js';
import { OUT, validatorSource } from '../scripts/schema-validator.js';
import { fixtures, read } from './helpers.js';

const minimalDir = join(fixtures, 'sites', 'minimal');
const minimalText = read(join(minimalDir, 'src', 'guide', 'dataset.yaml'));
const minimal = parseDataset(minimalText, 'src/guide/dataset.yaml', 'guide').dataset!.data;

const lines = (...l: string[]) => l.join('\n') + '\n';
/** `line:col CODE  message` of every problem of a dataset. */
const check = (text: string) => parseDataset(text, 'd.yaml', 'a').problems.map((p) => `${p.line}:${p.col} ${p.code}  ${p.message}`);

const parse = suite('parseDataset');
parse('a valid dataset: the data, where it came from, and no problems', () => {
  const { dataset, problems } = parseDataset(minimalText, 'src/guide/dataset.yaml', 'guide');
  assert.equal(problems, []);
  assert.is(dataset!.article, 'guide');
  assert.is(dataset!.file, 'src/guide/dataset.yaml');
  assert.is(dataset!.data.updated, '2024-01-15');
  assert.equal(dataset!.data.partners!.map((p) => `${p.id} ${p.status}`), ['acme certified', 'globex certified', 'initech in-certification']);
  assert.equal(dataset!.data.tables!.plans!.rows[0]!.cells, { basic: 'cloud', pro: ['cloud', 'on-premises'] });
  assert.equal(dataset!.src.pos(['partners', 1, 'url']), { line: 15, col: 10 });
});
parse('an empty file', () => {
  assert.equal(check(''), ['1:1 EMPTY_FILE  The dataset is empty; it needs at least `updated` and `sections`.']);
});
parse('the compiled validator is the published schema, compiled (`npm run schema` after editing it)', () => {
  assert.ok(read(OUT) === validatorSource(), 'plugin/core/generated/dataset-validator.ts is out of date: run `npm run schema`');
});

parse('YAML problems stop before the schema', () => {
  assert.equal(check(lines('updated: 2024-01-15', 'updated: 2024-01-16')), ['2:1 DUPLICATE_KEY  Key `updated` is already defined above in the same mapping; keep one of them.']);
});
parse('schema: unknown fields list the allowed ones', () => {
  assert.equal(check(lines('bogus: 1', 'updated: 2024-01-15', 'sections: [{ id: a, blocks: [{ q: z }] }]')), [
    '1:1 UNKNOWN_FIELD  Unknown field `bogus` in the dataset; expected `updated`, `source`, `glossary`, `links`, `partners`, `tables`, `sections`. Check the spelling or remove it.',
    '3:32 UNKNOWN_FIELD  Unknown field `q` in `sections[0].blocks[0]`; expected `p`, `ul`, `ol`, `partners`, `table`. Check the spelling or remove it.',
  ]);
});
parse('schema: a block names exactly one kind', () => {
  assert.equal(check(lines('updated: 2024-01-15', 'sections: [{ id: a, blocks: [{ p: x, ul: [y] }] }]')), [
    '2:30 INVALID_BLOCK  `sections[0].blocks[0]` must name exactly one block kind: `p`, `ul`, `ol`, `partners` or `table`.',
  ]);
});
parse('schema: the root must be a mapping; dates and empty lists are checked', () => {
  assert.equal(check('- a\n'), ['1:1 WRONG_TYPE  The dataset must be a mapping; found a list.']);
  assert.equal(check(lines('updated: 2024-1-5', 'sections: []')), [
    '1:10 INVALID_VALUE  `updated` must be a date written YYYY-MM-DD; found `2024-1-5`.',
    '2:11 INVALID_VALUE  `sections` must not be empty.',
  ]);
});
parse('schema: a bad id inside a list-valued cell is reported at the item, once', () => {
  assert.equal(check(lines('updated: 2024-01-15', 'tables:', '  t:', '    columns: [a]', '    rows: [{ id: r, cells: { a: [y, Z] } }]', 'sections: [{ id: s, blocks: [{ table: t }] }]')), [
    '5:37 INVALID_ID  `tables.t.rows[0].cells.a[1]` must be an id of lower-case letters, digits and single hyphens (like `content-guru`); found `Z`.',
  ]);
});
parse('schema: a cell that is neither an id nor a list', () => {
  assert.equal(check(lines('updated: 2024-01-15', 'tables:', '  t:', '    columns: [a]', '    rows: [{ id: r, cells: { a: 3 } }]', 'sections: [{ id: s, blocks: [{ table: t }] }]')), [
    '5:33 WRONG_TYPE  `tables.t.rows[0].cells.a` must be a value id or a list of value ids; found `3`.',
  ]);
});
parse.run();

const table = (rows: string, block = 'plans') =>
  lines(
    'updated: 2024-01-15',
    'tables:',
    '  plans:',
    '    columns: [basic, pro]',
    '    rows:',
    rows,
    'sections:',
    '  - id: plans',
    '    blocks:',
    `      - table: ${block}`,
  );

const semantic = suite('parseDataset: checks the schema cannot express');
semantic('MISSING_CELL: a row without a cell for a column, at its cells', () => {
  assert.equal(check(table('      - { id: hosting, cells: { basic: cloud } }')), [
    '6:31 MISSING_CELL  Row `hosting` of table `plans` has no cell for column `pro`; add `pro: <value id>`.',
  ]);
});
semantic('UNKNOWN_REFERENCE: a cell for a column the table does not have, at its key', () => {
  assert.equal(check(table('      - { id: hosting, cells: { basic: cloud, pro: cloud, max: cloud } }')), [
    '6:59 UNKNOWN_REFERENCE  Row `hosting` of table `plans` has a cell for `max`, which is not one of its columns (`basic`, `pro`).',
  ]);
});
semantic('UNKNOWN_REFERENCE: a table block pointing nowhere, at its value', () => {
  assert.equal(check(table('      - { id: hosting, cells: { basic: cloud, pro: cloud } }', 'prices')), [
    '10:16 UNKNOWN_REFERENCE  Section `plans` shows table `prices`, which is not defined under `tables`.',
  ]);
});
semantic('DUPLICATE_ID: rows and columns of a table', () => {
  const text = table('      - { id: hosting, cells: { basic: cloud, pro: cloud } }\n      - { id: hosting, cells: { basic: cloud, pro: cloud } }').replace('[basic, pro]', '[basic, pro, basic]');
  assert.equal(check(text), [
    '4:27 DUPLICATE_ID  Column of table `plans` `basic` is used twice (first at `tables.plans.columns[0]`); each must be unique.',
    '7:15 DUPLICATE_ID  Row of table `plans` `hosting` is used twice (first at `tables.plans.rows[0].id`); each must be unique.',
  ]);
});
semantic('DUPLICATE_ID and DUPLICATE_NAME: partners, names compared ignoring case and quoted as written', () => {
  const partner = (id: string, name: string) => `  - { id: ${id}, name: ${name}, url: "https://${id}.example.com/", status: certified }`;
  assert.equal(check(lines('updated: 2024-01-15', 'partners:', partner('acme', 'Acme'), partner('acme', 'Globex'), partner('other', 'ACME'), 'sections: [{ id: s, blocks: [{ partners: certified }] }]')), [
    '4:11 DUPLICATE_ID  Partner id `acme` is used twice (first at `partners[0].id`); each must be unique.',
    '5:24 DUPLICATE_NAME  Partner name `ACME` is used twice (first at `partners[0].name`); each must be unique.',
  ]);
});
semantic('DUPLICATE_ID: section ids, anchors (including former ones) and keys within a section', () => {
  const text = lines(
    'updated: 2024-01-15',
    'sections:',
    '  - id: intro',
    '    blocks:',
    '      - p: heading',
    '      - ul: [fast, fast]',
    '  - id: intro',
    '    anchor: other',
    '    blocks: []',
    '  - id: later',
    '    formerly: [other]',
    '    blocks: []',
  );
  assert.equal(check(text), [
    '7:9 DUPLICATE_ID  Section id `intro` is used twice (first at `sections[0].id`); each must be unique.',
    '10:5 DUPLICATE_ID  Section anchor `other` is used twice (first at `sections[1]`); each must be unique.',
    "5:12 DUPLICATE_ID  A block of section `intro` uses the key `heading`, which is the key of the section's heading; give the block another key.",
    '6:20 DUPLICATE_ID  Key in section `intro`: `fast` is used twice (first at `sections[0].blocks[1].ul[0]`); each must be unique.',
  ]);
});
semantic.run();

const required = suite('requiredKeys');
required('every key the outline, partner tables, tables and values ask for, in order', () => {
  assert.equal(requiredKeys(minimal), [
    'title',
    'description',
    'sections.intro.heading',
    'sections.intro.overview',
    'sections.intro.fast',
    'sections.intro.simple',
    'sections.partners.heading',
    'sections.partners.apply',
    'sections.partners.wait',
    'sections.plans.heading',
    'sections.plans.intro',
    'partners.name',
    'partners.website',
    'tables.plans.columns.basic',
    'tables.plans.columns.pro',
    'tables.plans.rows.hosting',
    'tables.plans.rows.support',
    'values.cloud',
    'values.on-premises',
    'values.email',
    'values.phone',
  ]);
});
required('are exactly the keys of the fixture’s source strings', () => {
  const { ns } = parseNamespace(read(join(minimalDir, 'locales', 'en', 'guide.yaml')), 'guide.yaml');
  assert.equal([...ns!.strings.keys()].sort(), requiredKeys(minimal).sort());
});
required('no partner headers without a partners block; no duplicates', () => {
  const data: Dataset = { updated: '2024-01-15', sections: [{ id: 'a', blocks: [{ p: 'x' }, { p: 'x' }] }] };
  assert.equal(requiredKeys(data), ['title', 'description', 'sections.a.heading', 'sections.a.x']);
});
required.run();

const values = suite('valueIds');
values('value ids of every cell, lists flattened, in first-use order, once each', () => {
  assert.equal(valueIds(minimal), ['cloud', 'on-premises', 'email', 'phone']);
});
values('none without tables', () => {
  assert.equal(valueIds({ updated: '2024-01-15', sections: [] }), []);
});
values.run();

const url = suite('isHttpUrl');
url('absolute http and https URLs with a dotted host', () => {
  for (const ok of ['https://example.com', 'http://initech.example.org/', 'https://www.example.com/a?b=c#d']) assert.ok(isHttpUrl(ok), ok);
});
url('anything else', () => {
  for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'www.example.com', '//example.com', 'ftp://example.com', 'mailto:a@example.com', 'https://localhost/', ''])
    assert.not.ok(isHttpUrl(bad), bad);
});
url.run();
