import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  errorsOf,
  formatProblem,
  formatProblems,
  LockstepError,
  printable,
  problem,
  q,
  sortProblems,
  type Problem,
  type ProblemCode,
} from '../plugin/core/problems.js';

const at = (
  file: string,
  line: number,
  col: number,
  code: ProblemCode = 'INVALID_VALUE',
): Problem => problem(code, `${code} here.`, file, { line, col });

const make = suite('problem');
make('fills every field, an error by default', () => {
  assert.equal(problem('DUPLICATE_ID', 'Twice.', 'a.yaml', { line: 3, col: 7 }), {
    code: 'DUPLICATE_ID',
    message: 'Twice.',
    file: 'a.yaml',
    line: 3,
    col: 7,
    severity: 'error',
  });
});
make(
  'without a position it concerns the whole file, at 1:1 (editors and CI annotations need one)',
  () => {
    const p = problem('NO_LOCALES', 'None.', 'locales', undefined, 'warning');
    assert.is(p.line, 1);
    assert.is(p.col, 1);
    assert.is(p.severity, 'warning');
  },
);
make.run();

const format = suite('formatProblem');
format('`file:line:col  message  [CODE]`', () => {
  assert.is(
    formatProblem(
      problem(
        'INVALID_URL',
        '`partners[1].url` must be an absolute http or https URL.',
        'src/guide/dataset.yaml',
        { line: 15, col: 10 },
      ),
    ),
    'src/guide/dataset.yaml:15:10  `partners[1].url` must be an absolute http or https URL.  [INVALID_URL]',
  );
});
format('a whole-file problem is at 1:1', () => {
  assert.is(
    formatProblem(problem('INVALID_LOCALE', 'Bad tag.', 'locales/en_US')),
    'locales/en_US:1:1  Bad tag.  [INVALID_LOCALE]',
  );
});
format(
  'a quoted key cannot start a GitHub Actions workflow command: line breaks are escaped',
  () => {
    const key = 'x\n::error file=src/app.js,line=1::Build failed';
    const line = formatProblem(
      problem('ORPHAN', `Key ${q(key)} is not in the source.`, 'locales/fr-FR/guide.yaml', {
        line: 3,
        col: 1,
      }),
    );
    assert.is(line.split(/\r\n|\r|\n|\u2028|\u2029|\x85/).length, 1);
    assert.ok(!/^::/m.test(line));
    assert.match(line, 'x\\n::error');
  },
);
format('the file name and the whole message are escaped too, not only `q()` excerpts', () => {
  const line = formatProblem(
    problem('INVALID_VALUE', 'Found "a\r\n::warning::b" and \x1b[2J.', 'bad\nname.yaml', {
      line: 1,
      col: 1,
    }),
  );
  assert.is(
    line,
    'bad\\nname.yaml:1:1  Found "a\\r\\n::warning::b" and \\u001b[2J.  [INVALID_VALUE]',
  );
});

const print = suite('printable');
print('escapes ESC, other C0 and C1 controls, DEL and bidi or invisible format characters', () => {
  assert.is(printable('a\x1b[31mred\x07\x7f\x9b'), 'a\\u001b[31mred\\u0007\\u007f\\u009b');
  assert.is(printable('abc\u202edcba\u2066x\u2069\u200b'), 'abc\\u202edcba\\u2066x\\u2069\\u200b');
  assert.is(printable('tab\there\u2028'), 'tab\\there\\u2028');
});
print('leaves ordinary text of any script alone', () => {
  const text = 'Café « déjà » — 蔚藍 مرحبا `key` \\n';
  assert.is(printable(text), text);
});
format.run();
print.run();

const formatAll = suite('formatProblems');
formatAll('one line per problem, sorted', () => {
  assert.is(
    formatProblems([at('b.yaml', 4, 2, 'UNKNOWN_FIELD'), at('a.yaml', 1, 1, 'MISSING_FIELD')]),
    'a.yaml:1:1  MISSING_FIELD here.  [MISSING_FIELD]\nb.yaml:4:2  UNKNOWN_FIELD here.  [UNKNOWN_FIELD]',
  );
});
formatAll.run();

const sort = suite('sortProblems');
sort('by file, then line, then column, then code; the input is not changed', () => {
  const input = [
    at('b.yaml', 1, 1),
    at('a.yaml', 9, 1),
    at('a.yaml', 2, 5, 'DUPLICATE_NAME'),
    at('a.yaml', 2, 5, 'DUPLICATE_ID'),
    at('a.yaml', 2, 1),
  ];
  const sorted = sortProblems(input);
  assert.equal(
    sorted.map((p) => `${p.file}:${p.line}:${p.col} ${p.code}`),
    [
      'a.yaml:2:1 INVALID_VALUE',
      'a.yaml:2:5 DUPLICATE_ID',
      'a.yaml:2:5 DUPLICATE_NAME',
      'a.yaml:9:1 INVALID_VALUE',
      'b.yaml:1:1 INVALID_VALUE',
    ],
  );
  assert.is(input[0]!.file, 'b.yaml');
});
sort.run();

const error = suite('LockstepError');
error('carries every problem, sorted, and says how many and that nothing was written', () => {
  const e = new LockstepError([
    at('b.yaml', 4, 2, 'UNKNOWN_FIELD'),
    at('a.yaml', 1, 1, 'MISSING_FIELD'),
  ]);
  assert.instance(e, Error);
  assert.is(e.name, 'LockstepError');
  assert.is(
    e.message,
    "Lockstep found 2 problems in the site's data (listed above); nothing was written.",
  );
  assert.equal(
    e.problems.map((p) => p.code),
    ['MISSING_FIELD', 'UNKNOWN_FIELD'],
  );
});
error('one problem is singular', () => {
  assert.match(new LockstepError([at('a.yaml', 1, 1)]).message, /^Lockstep found 1 problem in/);
});
error.run();

const errors = suite('errorsOf');
errors('keeps errors, drops warnings', () => {
  const warning = problem('ORPHAN', 'Careful.', 'a.yaml', undefined, 'warning');
  const err = at('a.yaml', 1, 1, 'WRONG_TYPE');
  assert.equal(errorsOf([warning, err]), [err]);
});
errors.run();

const quote = suite('q');
quote('backtick-quotes strings as they are and other values as JSON', () => {
  assert.is(q('content-guru'), '`content-guru`');
  assert.is(q(42), '`42`');
  assert.is(q(['a', 'b']), '`["a","b"]`');
});
quote('an excerpt is one line: line breaks and controls in the value are escaped', () => {
  assert.is(q('a\n::error::b'), '`a\\n::error::b`');
  assert.is(q('\u202egnp.exe'), '`\\u202egnp.exe`');
});
quote('shortens values longer than 60 characters to 57 and `...`', () => {
  assert.is(q('x'.repeat(60)), '`' + 'x'.repeat(60) + '`');
  assert.is(q('x'.repeat(61)), '`' + 'x'.repeat(57) + '...`');
});
quote.run();
