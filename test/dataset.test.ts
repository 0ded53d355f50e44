import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import {
  isHttpUrl,
  parseDataset,
  requiredKeys,
  valueIds,
  type Dataset,
} from '../plugin/core/load/dataset.js';
import { parseNamespace } from '../plugin/core/load/locales.js';
import { OUT, validatorSource } from '../scripts/schema-validator.js';
import { fixtures, read } from './helpers.js';

const minimalDir = join(fixtures, 'sites', 'minimal');
const minimalText = read(join(minimalDir, 'src', 'guide', 'dataset.yaml'));
const minimal = parseDataset(minimalText, 'src/guide/dataset.yaml', 'guide').dataset!.data;

const lines = (...l: string[]) => l.join('\n') + '\n';
/** `line:col CODE  message` of every problem of a dataset. */
const check = (text: string) =>
  parseDataset(text, 'd.yaml', 'a').problems.map(
    (p) => `${p.line}:${p.col} ${p.code}  ${p.message}`,
  );

const parse = suite('parseDataset');
parse('a valid dataset: the data, where it came from, and no problems', () => {
  const { dataset, problems } = parseDataset(minimalText, 'src/guide/dataset.yaml', 'guide');
  assert.equal(problems, []);
  assert.is(dataset!.article, 'guide');
  assert.is(dataset!.file, 'src/guide/dataset.yaml');
  assert.is(dataset!.data.updated, '2024-01-15');
  assert.equal(
    dataset!.data.partners!.map((p) => `${p.id} ${p.status}`),
    ['acme certified', 'globex certified', 'initech in-certification'],
  );
  assert.equal(dataset!.data.tables!.plans!.rows[0]!.cells, {
    basic: 'cloud',
    pro: ['cloud', 'on-premises'],
  });
  assert.equal(dataset!.src.pos(['partners', 1, 'url']), { line: 15, col: 10 });
});
parse(
  'an empty file, or one of only comments: EMPTY_FILE at 1:1 (editors and CI annotations need a line), with the fix',
  () => {
    const empty =
      '1:1 EMPTY_FILE  The dataset is empty (no value, or only comments); it needs at least `updated: YYYY-MM-DD` and a `sections` list. Write them, or restore the file from git if it was emptied by mistake.';
    assert.equal(check(''), [empty]);
    assert.equal(
      check(
        lines(
          '# yaml-language-server: $schema=../../schema/dataset.schema.json',
          '',
          '# nothing yet',
        ),
      ),
      [empty],
    );
  },
);
parse(
  'dates: a month or a day that does not exist is INVALID_DATE at the value, saying which',
  () => {
    const dated = (updated: string, date = '2021-01-01') =>
      check(
        lines(
          `updated: ${updated}`,
          `source: { commit: abc, date: ${date} }`,
          'sections: [{ id: a, blocks: [] }]',
        ),
      );
    assert.equal(dated('2021-13-45'), [
      '1:10 INVALID_DATE  `updated` is not a real date: there is no month 13 (months run from 01 to 12); found `2021-13-45`. Write it as YYYY-MM-DD.',
    ]);
    assert.equal(dated('2021-02-30'), [
      '1:10 INVALID_DATE  `updated` is not a real date: February 2021 has 28 days; found `2021-02-30`. Use a day from 01 to 28.',
    ]);
    assert.equal(dated('"2023-02-29"'), [
      '1:10 INVALID_DATE  `updated` is not a real date: February 2023 has 28 days; found `2023-02-29`. Use a day from 01 to 28.',
    ]);
    assert.equal(dated('1900-02-29'), [
      '1:10 INVALID_DATE  `updated` is not a real date: February 1900 has 28 days; found `1900-02-29`. Use a day from 01 to 28.',
    ]);
    assert.equal(dated('2021-04-09', '2021-04-31'), [
      '2:30 INVALID_DATE  `source.date` is not a real date: April 2021 has 30 days; found `2021-04-31`. Use a day from 01 to 30.',
    ]);
    assert.equal(dated('2021-01-00'), [
      '1:10 INVALID_DATE  `updated` is not a real date: January 2021 has 31 days; found `2021-01-00`. Use a day from 01 to 31.',
    ]);
    for (const ok of ['2024-02-29', '2000-02-29', '2021-12-31', '2021-04-30'])
      assert.equal(dated(ok, ok), [], ok);
  },
);
parse(
  '100 000 levels of flow mappings: TOO_DEEP at the level past the limit, not a stack overflow',
  () => {
    const n = 100_000;
    assert.equal(
      check(
        lines('updated: 2024-01-15', 'sections: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n)),
      ).map((p) => p.split('  ')[0]),
      ['2:407 TOO_DEEP'],
    );
  },
);
parse(
  'a dataset whose alias loops back into its own value is a problem, not a stack overflow',
  () => {
    assert.equal(
      check(lines('updated: 2024-01-15', 'sections: &s [{ id: a, blocks: *s }]')).map(
        (p) => p.split('  ')[0],
      ),
      ['2:32 YAML_SYNTAX'],
    );
  },
);
parse(
  'a `<<` merge key says merge keys are not supported, instead of MISSING_FIELD and UNKNOWN_FIELD',
  () => {
    const text = lines(
      'updated: 2024-01-15',
      'sections:',
      '  - &s { id: a, blocks: [] }',
      '  - <<: *s',
      '    id: b',
    );
    assert.equal(
      check(text).map((p) => p.split('  ')[0]),
      ['4:5 MERGE_KEY'],
    );
    assert.match(check(text)[0]!, 'Write the merged fields out in this mapping');
  },
);
parse(
  'the compiled validator is the published schema, compiled (`npm run schema` after editing it)',
  () => {
    assert.ok(
      read(OUT) === validatorSource(),
      'plugin/core/generated/dataset-validator.ts is out of date: run `npm run schema`',
    );
  },
);

parse('YAML problems stop before the schema', () => {
  assert.equal(check(lines('updated: 2024-01-15', 'updated: 2024-01-16')), [
    '2:1 DUPLICATE_KEY  Key `updated` is already defined above in the same mapping; keep one of them.',
  ]);
});
parse('schema: unknown fields list the allowed ones', () => {
  assert.equal(
    check(lines('bogus: 1', 'updated: 2024-01-15', 'sections: [{ id: a, blocks: [{ q: z }] }]')),
    [
      '1:1 UNKNOWN_FIELD  Unknown field `bogus` in the dataset; expected `updated`, `source`, `glossary`, `links`, `collections`, `partners`, `tables`, `sections`. Check the spelling or remove it.',
      '3:32 UNKNOWN_FIELD  Unknown field `q` in `sections[0].blocks[0]`; expected `p`, `ul`, `ol`, `partners`, `table`, `collection`. Check the spelling or remove it.',
    ],
  );
});
parse('schema: a block names exactly one kind', () => {
  assert.equal(
    check(lines('updated: 2024-01-15', 'sections: [{ id: a, blocks: [{ p: x, ul: [y] }] }]')),
    [
      '2:30 INVALID_BLOCK  `sections[0].blocks[0]` must name exactly one block kind: `p`, `ul`, `ol`, `table`, `collection` or `partners`.',
    ],
  );
});
parse('schema: the root must be a mapping; dates and empty lists are checked', () => {
  assert.equal(check('- a\n'), ['1:1 WRONG_TYPE  The dataset must be a mapping; found a list.']);
  assert.equal(check(lines('updated: 2024-1-5', 'sections: []')), [
    '1:10 INVALID_VALUE  `updated` must be a date written YYYY-MM-DD; found `2024-1-5`.',
    '2:11 INVALID_VALUE  `sections` must not be empty.',
  ]);
});
parse('schema: a bad id inside a list-valued cell is reported at the item, once', () => {
  assert.equal(
    check(
      lines(
        'updated: 2024-01-15',
        'tables:',
        '  t:',
        '    columns: [a]',
        '    rows: [{ id: r, cells: { a: [y, Z] } }]',
        'sections: [{ id: s, blocks: [{ table: t }] }]',
      ),
    ),
    [
      '5:37 INVALID_ID  `tables.t.rows[0].cells.a[1]` must be an id of lower-case letters, digits and single hyphens (like `content-guru`); found `Z`.',
    ],
  );
});
parse('schema: a cell that is neither an id nor a list', () => {
  assert.equal(
    check(
      lines(
        'updated: 2024-01-15',
        'tables:',
        '  t:',
        '    columns: [a]',
        '    rows: [{ id: r, cells: { a: 3 } }]',
        'sections: [{ id: s, blocks: [{ table: t }] }]',
      ),
    ),
    [
      '5:33 WRONG_TYPE  `tables.t.rows[0].cells.a` must be a value id, a list of value ids, or one literal such as `{ text: "7.40A.500" }`, `{ number: 40 }`, `{ date: 2024-05-01 }`, `{ url: https://example.com/ }`; found `3`.',
    ],
  );
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
  assert.equal(
    check(table('      - { id: hosting, cells: { basic: cloud, pro: cloud, max: cloud } }')),
    [
      '6:59 UNKNOWN_REFERENCE  Row `hosting` of table `plans` has a cell for `max`, which is not one of its columns (`basic`, `pro`).',
    ],
  );
});
semantic('UNKNOWN_REFERENCE: a table block pointing nowhere, at its value', () => {
  assert.equal(
    check(table('      - { id: hosting, cells: { basic: cloud, pro: cloud } }', 'prices')),
    [
      '10:16 UNKNOWN_REFERENCE  Section `plans` shows table `prices`, which is not defined under `tables`.',
    ],
  );
});
semantic('DUPLICATE_ID: rows and columns of a table', () => {
  const text = table(
    '      - { id: hosting, cells: { basic: cloud, pro: cloud } }\n      - { id: hosting, cells: { basic: cloud, pro: cloud } }',
  ).replace('[basic, pro]', '[basic, pro, basic]');
  assert.equal(check(text), [
    '4:27 DUPLICATE_ID  Column of table `plans` `basic` is used twice (first at `tables.plans.columns[0]`); each must be unique.',
    '7:15 DUPLICATE_ID  Row of table `plans` `hosting` is used twice (first at `tables.plans.rows[0].id`); each must be unique.',
  ]);
});
semantic(
  'DUPLICATE_ID and DUPLICATE_NAME: partners, names compared ignoring case and quoted as written',
  () => {
    const partner = (id: string, name: string) =>
      `  - { id: ${id}, name: ${name}, url: "https://${id}.example.com/", status: certified }`;
    assert.equal(
      check(
        lines(
          'updated: 2024-01-15',
          'partners:',
          partner('acme', 'Acme'),
          partner('acme', 'Globex'),
          partner('other', 'ACME'),
          'sections: [{ id: s, blocks: [{ partners: certified }] }]',
        ),
      ),
      [
        '4:11 DUPLICATE_ID  Partner id `acme` is used twice (first at `partners[0].id`); each must be unique.',
        '5:24 DUPLICATE_NAME  Partner name `ACME` is used twice (first at `partners[0].name`); each must be unique.',
      ],
    );
  },
);
semantic(
  'DUPLICATE_ID: section ids, anchors (including former ones) and keys within a section',
  () => {
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
  },
);
semantic('names compared after NFKC, without case, invisible characters or white space', () => {
  const partner = (id: string, name: string) =>
    `  - { id: ${id}, name: "${name}", url: "https://${id}.example.com/", status: certified }`;
  const text = lines(
    'updated: 2024-01-15',
    'partners:',
    partner('a', 'Content Guru'),
    partner('b', 'Content\\u200bGuru'),
    partner('c', 'ＣＯＮＴＥＮＴ  guru'),
    partner('d', 'ContentGuru'),
    partner('e', 'Content Gurus'),
    'sections: [{ id: s, blocks: [{ partners: certified }] }]',
  );
  assert.equal(check(text), [
    '4:20 INVISIBLE_CHARACTER  `partners[1].name` holds an invisible character, U+200B (zero width space), at character 8: `Content\\u200BGuru`. Remove it, so the value reads as it looks.',
    '4:20 DUPLICATE_NAME  Partner name `Content\\u200BGuru` is used twice (first at `partners[0].name`); each must be unique.',
    '5:20 DUPLICATE_NAME  Partner name `ＣＯＮＴＥＮＴ  guru` is used twice (first at `partners[0].name`); each must be unique.',
    '6:20 DUPLICATE_NAME  Partner name `ContentGuru` is used twice (first at `partners[0].name`); each must be unique.',
  ]);
});
semantic.run();

const text = suite('parseDataset: every string reads as it looks');
const named = (...names: string[]) =>
  check(
    lines(
      'updated: 2024-01-15',
      'partners:',
      ...names.map(
        (n, i) =>
          `  - { id: p${i}, name: ${n}, url: "https://p${i}.example.com/", status: certified }`,
      ),
      'sections: [{ id: s, blocks: [{ partners: certified }] }]',
    ),
  );
text('a blank name, or one of only a zero-width space, is a problem at the name', () => {
  assert.equal(named('Acme', '"   "', '"\\u200b"'), [
    '4:21 BLANK_VALUE  `partners[1].name` holds only white space; write the value or remove the field.',
    '5:21 INVISIBLE_CHARACTER  `partners[2].name` holds an invisible character, U+200B (zero width space), at character 1: `\\u200B`. Remove it, so the value reads as it looks.',
  ]);
});
text(
  'white space around a name is a problem (not trimmed silently: it is what the pages would show)',
  () => {
    assert.equal(named('" Acme"', '"Globex\\u00a0"'), [
      '3:21 SURROUNDING_SPACE  `partners[0].name` starts or ends with white space: ` Acme`. Remove the spaces around `Acme`.',
      '4:21 SURROUNDING_SPACE  `partners[1].name` starts or ends with white space: `Globex\u00a0`. Remove the spaces around `Globex`.',
    ]);
  },
);
text(
  'bidi controls, the byte order mark and control characters, in any string field, not only names',
  () => {
    const found = check(
      lines(
        'updated: 2024-01-15',
        'glossary: ["Teams\\u202e", "\\u2066x"]',
        'links: { docs: "https://example.com/\\u200dx" }',
        'source: { commit: "a\\x07b" }',
        'sections: [{ id: s, blocks: [] }]',
      ),
    );
    assert.equal(
      found.map((p) => p.split('  ')[0]),
      [
        '2:12 INVISIBLE_CHARACTER',
        '2:27 INVISIBLE_CHARACTER',
        '3:16 INVISIBLE_CHARACTER',
        '4:19 INVISIBLE_CHARACTER',
      ],
    );
    assert.match(found[0]!, 'U+202E (right-to-left override), at character 6: `Teams\\u202E`');
    assert.match(found[1]!, 'U+2066 (left-to-right isolate)');
    assert.match(found[3]!, 'U+0007 (a control character)');
  },
);
text('a value the schema refuses is reported once, by the schema', () => {
  assert.equal(named('Acme').length, 0);
  const found = check(lines('updated: 2024-01-15', 'sections: [{ id: " a", blocks: [] }]'));
  assert.equal(
    found.map((p) => p.split('  ')[0]),
    ['2:18 INVALID_ID'],
  );
});
text.run();

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
  const { ns } = parseNamespace(
    read(join(minimalDir, 'locales', 'en', 'guide.yaml')),
    'guide.yaml',
  );
  assert.equal([...ns!.strings.keys()].sort(), requiredKeys(minimal).sort());
});
required('no partner headers without a partners block; no duplicates', () => {
  const data: Dataset = {
    updated: '2024-01-15',
    sections: [{ id: 'a', blocks: [{ p: 'x' }, { p: 'x' }] }],
  };
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
  for (const ok of [
    'https://example.com',
    'http://initech.example.org/',
    'https://www.example.com/a?b=c#d',
  ])
    assert.ok(isHttpUrl(ok), ok);
});
url('anything else', () => {
  for (const bad of [
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'www.example.com',
    '//example.com',
    'ftp://example.com',
    'mailto:a@example.com',
    'https://localhost/',
    '',
  ])
    assert.not.ok(isHttpUrl(bad), bad);
});
url.run();
