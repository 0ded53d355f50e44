import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CODES, problem, type ProblemCode } from '../plugin/core/problems.js';
import { repo } from './helpers.js';

/** Every TypeScript file of the plugin but the list itself, as text. */
function sources(dir = join(repo, 'plugin')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts') && d.name !== 'problems.ts'
        ? [readFileSync(join(dir, d.name), 'utf8')]
        : [],
  );
}

const codes = suite('ProblemCode');

codes('a code that is not in the list is a type error', () => {
  // `tsc -p test` (in `npm test`) fails if this line type-checks, as it did when codes were any
  // string.
  // @ts-expect-error `DUPLICATE_IDS` is a typo of `DUPLICATE_ID`
  const typo: ProblemCode = 'DUPLICATE_IDS';
  // @ts-expect-error the same typo, passed to `problem()`
  const p = problem('DUPLICATE_IDS', 'Twice.', 'a.yaml');
  assert.is(PROBLEM_CODES.includes(typo), false);
  assert.is(PROBLEM_CODES.includes(p.code), false);
});

codes('each code is UPPER_SNAKE and listed once', () => {
  for (const code of PROBLEM_CODES) assert.match(code, /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, code);
  const twice = PROBLEM_CODES.filter((c, k) => PROBLEM_CODES.indexOf(c) !== k);
  assert.equal(twice, [], 'codes listed twice');
});

codes(
  'every listed code is given somewhere in the plugin: the list holds no code nothing reports',
  () => {
    const text = sources().join('\n');
    const unused = PROBLEM_CODES.filter((c) => !text.includes(`'${c}'`));
    assert.equal(unused, []);
  },
);

codes.run();
