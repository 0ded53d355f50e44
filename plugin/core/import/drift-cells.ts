import { literalOf } from '../load/dataset.js';
import type { AddFinding, DriftInput, PlacedSection, SeedTable } from './drift-types.js';
import { cellText } from './seed.js';

/**
 * Comparison-table cells whose meaning differs from the dataset. A translation says "Platform" in
 * its own words, so a cell is compared with the label the copy itself gives the dataset's value in
 * most cells (the labels the import chose, `values.<id>`): a cell showing another value's label
 * says something else; a cell showing no label at all cannot be read and is reported for a person
 * to judge.
 */
export function cellDrift(placed: PlacedSection[], input: DriftInput, add: AddFinding): void {
  const { data, result, source } = input;
  const labels = new Map<string, string>();
  for (const [k, v] of result.strings)
    if (k.startsWith('values.')) labels.set(k.slice('values.'.length), v);
  const byText = new Map<string, string[]>();
  for (const [id, label] of labels)
    byText.set(norm(label), [...(byText.get(norm(label)) ?? []), id]);
  const read = (text: string): string[] | undefined => {
    const whole = byText.get(norm(text));
    if (whole?.length === 1) return whole;
    const parts = text
      .split(/\s*[,、，;]\s*/)
      .filter(Boolean)
      .map((p) => byText.get(norm(p)));
    return parts.length > 1 && parts.every((p) => p?.length === 1)
      ? parts.map((p) => p![0]!)
      : undefined;
  };
  const say = (ids: string[]) =>
    ids
      .map(
        (id) => `\`${id}\`${source?.get(`values.${id}`) ? ` (${source.get(`values.${id}`)})` : ''}`,
      )
      .join(', ');

  for (const section of data.sections) {
    if (result.missingSections.includes(section.id)) continue;
    const here = placed.filter((p) => p.section === section.id);
    for (const block of section.blocks) {
      if (!('table' in block)) continue;
      const def = data.tables?.[block.table];
      if (!def) continue;
      const table = here
        .flatMap((p) => p.seed.blocks)
        .find(
          (b): b is SeedTable => b.kind === 'table' && b.header.length === def.columns.length + 1,
        );
      if (!table) {
        add({
          kind: 'table-missing',
          id: block.table,
          expected: `${def.rows.length} rows × ${def.columns.length} columns`,
          found: null,
          line: here[0]?.seed.line ?? null,
          message: `Section \`${section.id}\` of the copy has no table of ${def.columns.length + 1} columns for \`${block.table}\`; its readers were not shown it. The built page has it; nothing to do.`,
        });
        continue;
      }
      if (table.rows.length !== def.rows.length)
        add({
          kind: 'table-rows',
          id: block.table,
          expected: `${def.rows.length} rows`,
          found: `${table.rows.length} rows`,
          line: table.line,
          message: `Table \`${block.table}\` has ${table.rows.length} rows in the copy and ${def.rows.length} in the dataset; rows are compared by position, so check the rows after the first difference by hand.`,
        });
      def.rows.forEach((row, ri) => {
        const cells = table.rows[ri];
        if (!cells) return;
        def.columns.forEach((col, ci) => {
          const cell = row.cells[col] ?? [];
          const literal = literalOf(cell);
          if (literal) {
            // A literal is compared as written: the copy's text must be the dataset's.
            const text = plain(cells[ci + 1] ?? '');
            if (text !== literal.value)
              add({
                kind: 'cell-changed',
                id: `${block.table}/${row.id}/${col}`,
                expected: literal.value,
                found: text,
                line: table.cellLines?.[ri]?.[ci + 1] ?? table.line,
                message: `Cell \`${row.id}\` × \`${col}\` of \`${block.table}\` shows "${text}" where the dataset has "${literal.value}": its readers were told something else. The built page shows the dataset's value; if the copy is right, change the cell in the dataset.`,
              });
            return;
          }
          const expectedIds = [cell as string | string[]].flat();
          if (!expectedIds.length || !expectedIds.every((id) => labels.has(id))) return;
          const text = plain(cells[ci + 1] ?? '');
          const found = read(text);
          if (found && same(found, expectedIds)) return;
          const expected = expectedIds.map((id) => labels.get(id)!).join(', ');
          const id = `${block.table}/${row.id}/${col}`;
          const line = table.cellLines?.[ri]?.[ci + 1] ?? table.line;
          const where = `Cell \`${row.id}\` × \`${col}\` of \`${block.table}\``;
          if (found)
            add({
              kind: 'cell-changed',
              id,
              expected,
              found: text,
              line,
              values: { expected: expectedIds, found },
              message: `${where} shows "${text}", the copy's label for ${say(found)}, where the dataset has ${say(expectedIds)}: its readers were told something else. The built page shows the dataset's value; if the copy is right, change the cell in the dataset.`,
            });
          else
            add({
              kind: 'cell-unrecognized',
              id,
              expected,
              found: text,
              line,
              values: { expected: expectedIds },
              message: `${where} shows "${text}", which is none of the labels the copy uses for the table's values; the dataset has ${say(expectedIds)}. Check what the copy says; the built page shows the dataset's value.`,
            });
        });
      });
    }
  }
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Labels compare without case, emphasis or spacing around punctuation ("Plans +DR" is "Plans +
 * DR").
 */
function norm(text: string): string {
  return plain(text)
    .toLowerCase()
    .replace(/\s*([+(),、，;/])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function plain(text: string): string {
  return cellText(text)
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .replace(/^`(.*)`$/, '$1')
    .trim();
}
