import { problem, q, type Problem } from '../problems.js';
import { collectionProblems } from './collections-check.js';
import { blockCollection, collectionsOf, columnsOf, type Collection } from './collections.js';
import { datasetParses } from './dataset-facts.js';
import { isHttpUrl, literalOf, type Dataset, type LoadedDataset } from './dataset-types.js';
import { sameName, textProblems, visible } from './dataset-text.js';
import { describe, schemaProblems } from './schema.js';
import { parseYaml, type PathPart, type YamlSource } from './yaml-source.js';

export * from './dataset-types.js';

/** Parse and validate a dataset; problems are collected, never thrown. */
export function parseDataset(
  text: string,
  file: string,
  article: string,
): { dataset?: LoadedDataset; problems: Problem[] } {
  datasetParses.count++;
  datasetParses.files?.push(file);
  const src = parseYaml(text, file);
  if (src.problems.length) return { problems: src.problems };
  if (src.value === null || src.value === undefined)
    return {
      problems: [
        problem(
          'EMPTY_FILE',
          'The dataset is empty (no value, or only comments); it needs at least `updated: YYYY-MM-DD` and a `sections` list. Write them, or restore the file from git if it was emptied by mistake.',
          file,
          { line: 1, col: 1 },
        ),
      ],
    };
  const problems = schemaProblems(src);
  // A value the schema already refused (an id with a space) is reported once.
  const refused = new Set(problems.map((p) => `${p.line}:${p.col}`));
  const texts = textProblems(src).filter((p) => !refused.has(`${p.line}:${p.col}`));
  if (problems.length) return { problems: [...problems, ...texts] };
  const data = src.value as Dataset;
  problems.push(...texts, ...semanticProblems(data, src, text));
  return problems.length ? { problems } : { dataset: { article, file, data, src }, problems };
}

/** Cross-references the schema cannot express. */
function semanticProblems(data: Dataset, src: YamlSource, text: string): Problem[] {
  const out: Problem[] = [];
  const at = (path: PathPart[]) => src.pos(path);
  /**
   * `same` says which values collide (for names: `sameName`); messages quote the value as written.
   */
  const unique = (
    code: Problem['code'],
    what: string,
    items: { value: string; path: PathPart[] }[],
    same = (v: string) => v,
  ) => {
    const first = new Map<string, PathPart[]>();
    for (const { value, path } of items) {
      const key = same(value);
      if (!key) continue; // a blank name, reported as such
      const before = first.get(key);
      if (before)
        out.push(
          problem(
            code,
            `${what} ${q(visible(value))} is used twice (first at ${describe(before)}); each must be unique.`,
            src.file,
            at(path),
          ),
        );
      else first.set(key, path);
    }
  };

  const partners = data.partners ?? [];
  unique(
    'DUPLICATE_ID',
    'Partner id',
    partners.map((p, i) => ({ value: p.id, path: ['partners', i, 'id'] })),
  );
  unique(
    'DUPLICATE_NAME',
    'Partner name',
    partners.map((p, i) => ({ value: p.name, path: ['partners', i, 'name'] })),
    sameName,
  );
  partners.forEach((p, i) => {
    if (!isHttpUrl(p.url))
      out.push(
        problem(
          'INVALID_URL',
          `\`partners[${i}].url\` is not a valid absolute http(s) URL: ${q(p.url)}.`,
          src.file,
          at(['partners', i, 'url']),
        ),
      );
  });

  for (const [id, table] of Object.entries(data.tables ?? {})) {
    unique(
      'DUPLICATE_ID',
      `Column of table ${q(id)}`,
      table.columns.map((c, i) => ({ value: c, path: ['tables', id, 'columns', i] })),
    );
    unique(
      'DUPLICATE_ID',
      `Row of table ${q(id)}`,
      table.rows.map((r, i) => ({ value: r.id, path: ['tables', id, 'rows', i, 'id'] })),
    );
    table.rows.forEach((row, i) => {
      for (const col of table.columns)
        if (!(col in row.cells))
          out.push(
            problem(
              'MISSING_CELL',
              `Row ${q(row.id)} of table ${q(id)} has no cell for column ${q(col)}; add \`${col}: <value id>\`.`,
              src.file,
              at(['tables', id, 'rows', i, 'cells']),
            ),
          );
      for (const col of Object.keys(row.cells))
        if (!table.columns.includes(col))
          out.push(
            problem(
              'UNKNOWN_REFERENCE',
              `Row ${q(row.id)} of table ${q(id)} has a cell for ${q(col)}, which is not one of its columns (${table.columns.map(q).join(', ')}).`,
              src.file,
              src.pos(['tables', id, 'rows', i, 'cells', col], { key: true }),
            ),
          );
    });
  }

  out.push(...collectionProblems(data, src, text));
  unique(
    'DUPLICATE_ID',
    'Section id',
    data.sections.map((s, i) => ({ value: s.id, path: ['sections', i, 'id'] })),
  );
  unique(
    'DUPLICATE_ID',
    'Section anchor',
    data.sections.flatMap((s, i) =>
      [s.anchor ?? s.id, ...(s.formerly ?? [])].map((a) => ({ value: a, path: ['sections', i] })),
    ),
  );
  data.sections.forEach((section, si) => {
    const keys: { value: string; path: PathPart[] }[] = [];
    section.blocks.forEach((block, bi) => {
      const path: PathPart[] = ['sections', si, 'blocks', bi];
      if ('p' in block) keys.push({ value: block.p, path: [...path, 'p'] });
      if ('ul' in block || 'ol' in block) {
        const kind = 'ul' in block ? 'ul' : 'ol';
        (block as Record<string, string[]>)[kind]!.forEach((k, i) =>
          keys.push({ value: k, path: [...path, kind, i] }),
        );
      }
      if ('table' in block && !data.tables?.[block.table])
        out.push(
          problem(
            'UNKNOWN_REFERENCE',
            `Section ${q(section.id)} shows table ${q(block.table)}, which is not defined under \`tables\`.`,
            src.file,
            at([...path, 'table']),
          ),
        );
    });
    for (const k of keys.filter((k) => k.value === 'heading'))
      out.push(
        problem(
          'DUPLICATE_ID',
          `A block of section ${q(section.id)} uses the key \`heading\`, which is the key of the section's heading; give the block another key.`,
          src.file,
          at(k.path),
        ),
      );
    unique(
      'DUPLICATE_ID',
      `Key in section ${q(section.id)}:`,
      keys.filter((k) => k.value !== 'heading'),
    );
  });
  return out;
}

/** Every locale key the article's outline and tables use, with the path that asks for it. */
export function requiredKeys(data: Dataset): string[] {
  const keys = ['title', 'description'];
  for (const s of data.sections) {
    keys.push(`sections.${s.id}.heading`);
    for (const b of s.blocks) {
      if ('p' in b) keys.push(`sections.${s.id}.${b.p}`);
      if ('ul' in b) keys.push(...b.ul.map((k) => `sections.${s.id}.${k}`));
      if ('ol' in b) keys.push(...b.ol.map((k) => `sections.${s.id}.${k}`));
    }
  }
  const all = collectionsOf(data);
  for (const s of data.sections)
    for (const b of s.blocks) {
      const ref = blockCollection(b);
      const c = ref && all[ref.id];
      if (c) keys.push(...collectionKeys(ref.id, c, ref.group, 'partners' in b));
    }
  for (const [id, t] of Object.entries(data.tables ?? {})) {
    keys.push(
      ...t.columns.map((c) => `tables.${id}.columns.${c}`),
      ...t.rows.filter((r) => r.item === undefined).map((r) => `tables.${id}.rows.${r.id}`),
    );
  }
  keys.push(...valueIds(data).map((v) => `values.${v}`));
  return [...new Set(keys)];
}

/**
 * The locale keys of a collection's tables: a header per column, a heading per group shown with
 * one (`legacy`: the former partner tables' two headers).
 */
export function collectionKeys(
  id: string,
  c: Collection,
  group: string | undefined,
  legacy = false,
): string[] {
  if (legacy) return ['partners.name', 'partners.website'];
  const keys = columnsOf(c).map((f) => `collections.${id}.fields.${f}`);
  if (c.groupBy && group === undefined)
    keys.push(...(c.fields[c.groupBy]?.values ?? []).map((v) => `collections.${id}.groups.${v}`));
  return keys;
}

/**
 * Value ids used by the table cells and by the label and boolean columns of the collections
 * shown, in first-use order.
 */
export function valueIds(data: Dataset): string[] {
  const ids = new Set<string>();
  for (const t of Object.values(data.tables ?? {}))
    for (const r of t.rows)
      for (const c of t.columns) {
        const cell = r.cells[c] ?? [];
        if (literalOf(cell)) continue;
        for (const v of [cell as string | string[]].flat()) ids.add(v);
      }
  const all = collectionsOf(data);
  const shown = new Set(
    data.sections.flatMap((s) => s.blocks.map((b) => blockCollection(b)?.id ?? '')),
  );
  for (const [id, c] of Object.entries(all)) {
    if (!shown.has(id)) continue;
    for (const f of columnsOf(c)) {
      const field = c.fields[f];
      if (field?.type === 'label')
        for (const item of c.items) for (const v of [item[f] ?? []].flat()) ids.add(String(v));
      if (field?.type === 'boolean')
        for (const item of c.items) if (f in item) ids.add(String(item[f]));
    }
  }
  return [...ids];
}
