import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_NESTING_DEPTH, nestedRefs, nestingFaults } from '../plugin/core/check/nesting.js';

/** Faults among `strings` (one namespace `g`), as `key CODE`. */
function faults(strings: Record<string, string>): string[] {
  const roots = Object.keys(strings)
    .filter((k) => strings[k]!.includes('$t('))
    .map((k) => ['g', k] as [string, string]);
  return nestingFaults(roots, (ns, key) =>
    ns === 'g' && strings[key] !== undefined ? [strings[key]!] : [],
  ).map((f) => `${f.key} ${f.code}`);
}

const refs = suite('nestedRefs');
refs('keys as i18next reads them: namespace prefix, options and formats after a comma', () => {
  assert.equal(
    nestedRefs('a $t(one) $t(common:two) $t(three, {"count": 2}) $t(four, uppercase)', 'g'),
    [
      ['g', 'one'],
      ['common', 'two'],
      ['g', 'three'],
      ['g', 'four'],
    ],
  );
  assert.equal(nestedRefs('no nesting', 'g'), []);
});
refs.run();

const nf = suite('nestingFaults');
nf(
  'a loop a -> b -> a is reported for both, with the keys involved; a string nesting the loop too',
  () => {
    const strings = {
      a: 'A $t(b)',
      b: 'B $t(a)',
      c: 'C $t(a)',
      self: 'x $t(self)',
      fine: 'F $t(e)',
      e: 'e',
    };
    assert.equal(faults(strings).sort(), [
      'a NESTING_LOOP',
      'b NESTING_LOOP',
      'c NESTING_LOOP',
      'self NESTING_LOOP',
    ]);
    const roots: [string, string][] = [['g', 'c']];
    const [f] = nestingFaults(roots, (_ns, key) => [strings[key as keyof typeof strings]]);
    assert.match(f!.message, '`a`, `b` nest each other');
  },
);
nf('fan-out is bounded by expanded length, chains by depth, without expanding anything', () => {
  // Ten `$t()` per level, 40 levels: 10^40 copies if expanded.
  const fan: Record<string, string> = { l40: 'x' };
  for (let i = 0; i < 40; i++)
    fan[`l${i}`] = Array(10)
      .fill(`$t(l${i + 1})`)
      .join(' ');
  const found = faults(fan);
  assert.ok(found.includes('l0 NESTING_LIMIT'));
  assert.ok(!found.includes('l39 NESTING_LIMIT'), 'ten copies of `x` are fine');
  const chain: Record<string, string> = { [`c${MAX_NESTING_DEPTH + 1}`]: 'end' };
  for (let i = 0; i <= MAX_NESTING_DEPTH; i++) chain[`c${i}`] = `$t(c${i + 1})`;
  assert.equal(faults(chain), ['c0 NESTING_LIMIT']);
});
nf('a long chain is walked without recursion', () => {
  const chain: Record<string, string> = { c100000: 'end' };
  for (let i = 0; i < 100_000; i++) chain[`c${i}`] = `$t(c${i + 1})`;
  assert.is(faults(chain).length, 100_000 - MAX_NESTING_DEPTH);
});
nf.run();
