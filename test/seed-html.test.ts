import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSeed } from '../plugin/core/import/seed.js';

const seed = (table: string) =>
  `---\ntitle: T\nms.contentlocale: fr-FR\n---\n# <a name="intro"></a>Intro\n\n${table}\n`;
const tableOf = (text: string) => {
  const r = parseSeed(text, 'fr-FR.md');
  assert.equal(r.problems, []);
  return r.seed!.sections[0]!.blocks.find((b) => b.kind === 'table') as {
    header: string[];
    rows: string[][];
    cellLines: number[][];
  };
};

const parse = suite('parseSeed');
parse(
  'HTML tables: cells and rows whose end tags are left out are read as browsers read them',
  () => {
    const t = tableOf(
      seed(
        '<table>\n<tr><th>a<th>b\n<tr><td>1<td><p>x</p><p>y</p>\n<tr><td>2</td><td>z<br>w</td></tr>\n</table>',
      ),
    );
    assert.equal(t.header, ['a', 'b']);
    assert.equal(t.rows, [
      ['1', 'x y'],
      ['2', 'z w'],
    ]);
    assert.equal(t.cellLines, [
      [9, 9],
      [10, 10],
    ]);
  },
);
parse('HTML tables: a table inside a cell is part of that cell, not rows of its own', () => {
  const t = tableOf(
    seed(
      '<table>\n<tr><th>a</th><th>b</th></tr>\n<tr><td>1</td><td><table><tr><td>in</td></tr></table></td></tr>\n</table>',
    ),
  );
  assert.equal(t.rows, [['1', 'in']]);
});
parse.run();
