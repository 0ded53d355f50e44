import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeDrift, width } from '../plugin/core/import/report.js';
import type { Drift } from '../plugin/core/import/drift.js';

const w = suite('width');
w(
  'wide and fullwidth characters take two columns, including those outside the Basic Multilingual Plane',
  () => {
    assert.is(width('abc'), 3);
    assert.is(width('日本語'), 6);
    assert.is(width('ＡＢ'), 4);
    // CJK Extension B and emoji: wide in Unicode's table, missed by a hand-written list of BMP
    // ranges.
    assert.is(width('𠀋'), 2);
    assert.is(width('🙂'), 2);
    assert.is(width('é·—'), 3);
  },
);
w.run();

const table = suite('describeDrift');
table('columns line up when a cell holds wide characters', () => {
  const d = {
    partners: { copy: 1, dataset: 1 },
    counts: { 'partner-renamed': 2 },
    findings: [
      { kind: 'partner-renamed', id: 'a', expected: '𠀋🙂x', found: 'y', line: 3 },
      { kind: 'partner-renamed', id: 'b', expected: 'abcdef', found: 'z', line: 4 },
    ],
  } as unknown as Drift;
  const lines = describeDrift(d).split('\n').slice(1);
  const copyColumn = lines.map((l) => width(l.slice(0, l.lastIndexOf('  ') + 2)));
  assert.is(new Set(copyColumn).size, 1, lines.join('\n'));
});
table.run();
