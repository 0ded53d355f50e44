import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  canonicalTag,
  invalidTagProblem,
  isRecord,
  LOCALE_FILE,
  parseNamespace,
  textDirection,
} from '../plugin/core/load/locales.js';

const lines = (...l: string[]) => l.join('\n') + '\n';
const check = (text: string) =>
  parseNamespace(text, 'fr-FR/guide.yaml').problems.map(
    (p) => `${p.line}:${p.col} ${p.code}  ${p.message}`,
  );

const tag = suite('canonicalTag');
tag('canonical case for language, script and region', () => {
  assert.is(canonicalTag('en'), 'en');
  assert.is(canonicalTag('fr-fr'), 'fr-FR');
  assert.is(canonicalTag('ZH-tw'), 'zh-TW');
  assert.is(canonicalTag('zh-hant-tw'), 'zh-Hant-TW');
  assert.is(canonicalTag('pt-BR'), 'pt-BR');
});
tag('not a tag, so never a path: undefined', () => {
  for (const name of [
    '../x',
    '..',
    'x/../en',
    'en_US',
    'not a tag',
    'en-',
    '-en',
    'x',
    'e',
    'toolonglanguage',
    '',
    'en\u0000',
  ])
    assert.is(canonicalTag(name), undefined, JSON.stringify(name));
});
tag('a folder named for a language in words (`french`, `english`) is not a locale', () => {
  // Well-formed (a 5 to 8 letter language subtag), but no such language is registered.
  for (const name of ['french', 'english', 'German', 'deutsch-DE', 'root'])
    assert.is(canonicalTag(name), undefined, name);
  assert.is(canonicalTag('fil'), 'fil', 'three letters are languages');
});
tag('`und` (undetermined) is not a language to publish', () => {
  assert.is(canonicalTag('und'), undefined);
  assert.is(canonicalTag('UND'), undefined);
});
tag.run();

const direction = suite('textDirection');
direction('right to left for Arabic and Hebrew scripts', () => {
  for (const t of ['ar', 'ar-EG', 'he', 'he-IL', 'fa', 'ur']) assert.is(textDirection(t), 'rtl', t);
});
direction('left to right otherwise', () => {
  for (const t of ['fr', 'fr-FR', 'zh-TW', 'en', 'ru-RU']) assert.is(textDirection(t), 'ltr', t);
});
direction.run();

const invalid = suite('invalidTagProblem');
invalid('names the folder, says what a tag looks like, concerns the whole folder', () => {
  assert.equal(invalidTagProblem('en_US', 'locales/en_US'), {
    code: 'INVALID_LOCALE',
    message:
      '`en_US` is not a valid BCP 47 language tag; name the locale like `fr-FR`, `pt-BR` or `zh-TW` (a folder of that name, or an entry of the `locales` option).',
    file: 'locales/en_US',
    line: 1,
    col: 1,
    severity: 'error',
  });
});
invalid.run();

const parse = suite('parseNamespace');
parse('nested leaves become dotted keys; the nested data is kept for i18next', () => {
  const { ns, problems } = parseNamespace(
    lines(
      'title: Guide',
      'sections:',
      '  intro:',
      '    heading: Introduction',
      '    "yes": "Yes"',
      'values:',
      '  on-premises: On premises',
    ),
    'en/guide.yaml',
  );
  assert.equal(problems, []);
  assert.is(ns!.file, 'en/guide.yaml');
  assert.equal(
    [...ns!.strings],
    [
      ['title', 'Guide'],
      ['sections.intro.heading', 'Introduction'],
      ['sections.intro.yes', 'Yes'],
      ['values.on-premises', 'On premises'],
    ],
  );
  assert.equal(ns!.data, {
    title: 'Guide',
    sections: { intro: { heading: 'Introduction', yes: 'Yes' } },
    values: { 'on-premises': 'On premises' },
  });
  assert.equal(ns!.src.pos(['sections', 'intro', 'heading']), { line: 4, col: 14 });
});
parse(
  'an empty or blank file is a problem at 1:1, not an empty namespace (it was most likely cut short)',
  () => {
    for (const text of ['', ' \n\n  \n']) {
      const { ns, problems } = parseNamespace(text, 'fr-FR/guide.yaml');
      assert.is(ns, undefined);
      assert.equal(
        problems.map((p) => `${p.line}:${p.col} ${p.code}`),
        ['1:1 EMPTY_LOCALE_FILE'],
      );
      assert.match(
        problems[0]!.message,
        'Restore it from git (`git checkout -- fr-FR/guide.yaml`), or delete it',
      );
    }
  },
);
parse('keys with `.` or `:` are problems at the key', () => {
  assert.equal(check(lines('sections:', '  intro.heading: Introduction', '  "a:b": x')), [
    '2:3 INVALID_KEY  Key `intro.heading` contains `.` or `:`, which separate keys; nest it as a mapping instead.',
    '3:3 INVALID_KEY  Key `a:b` contains `.` or `:`, which separate keys; nest it as a mapping instead.',
  ]);
});
parse('leaves that are not strings: every one, at its value, with the fix', () => {
  assert.equal(
    check(
      lines(
        'title: 2024',
        'ok: fine',
        'partners:',
        '  name:',
        '    - Partenaire',
        '  website: true',
        'empty:',
      ),
    ),
    [
      '1:8 LOCALE_NOT_STRING  `title` must be a string; found the number `2024`. Quote it: `title: "2024"`.',
      '5:5 LOCALE_NOT_STRING  `partners.name` must be a string; found a list. Give each item its own key.',
      '6:12 LOCALE_NOT_STRING  `partners.website` must be a string; found the boolean `true`. Quote it: `website: "true"`.',
      '7:7 LOCALE_NOT_STRING  `empty` must be a string; found nothing. Write the text or remove the key.',
    ],
  );
  assert.is(parseNamespace('title: 2024\n', 'f.yaml').ns, undefined);
});
parse('the file must be a mapping', () => {
  assert.equal(check('- a\n- b\n'), [
    '1:1 WRONG_TYPE  A locale file must be a mapping of keys to strings, such as `title: Guide`; found a list instead. Check that this is a locale file.',
  ]);
  // The text itself is never quoted: a file linked by mistake (an `.npmrc`) may hold a secret.
  assert.equal(check('just text\n'), [
    '1:1 WRONG_TYPE  A locale file must be a mapping of keys to strings, such as `title: Guide`; found text (9 characters) instead. Check that this is a locale file.',
  ]);
});
parse('YAML problems come first and alone', () => {
  assert.equal(check(lines('title: a', 'title: b')), [
    '2:1 DUPLICATE_KEY  Key `title` is already defined above in the same mapping; keep one of them.',
  ]);
});
parse.run();

const record = suite('isRecord');
record('plain mappings only', () => {
  assert.ok(isRecord({}));
  assert.not.ok(isRecord([]));
  assert.not.ok(isRecord(null));
  assert.not.ok(isRecord('a'));
});
record.run();

const files = suite('LOCALE_FILE');
files('YAML and JSON files are namespaces', () => {
  assert.equal(
    ['a.yaml', 'a.yml', 'a.json', 'a.txt', 'yaml'].filter((f) => LOCALE_FILE.test(f)),
    ['a.yaml', 'a.yml', 'a.json'],
  );
});
files.run();
