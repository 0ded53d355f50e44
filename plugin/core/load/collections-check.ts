import { problem, q, type Problem, type ProblemCode } from '../problems.js';
import { blockCollection, collectionsOf, type Collection, type Field } from './collections.js';
import type { Dataset } from './dataset-types.js';
import { isHttpUrl } from './dataset-types.js';
import { describe } from './schema.js';
import type { PathPart, YamlSource } from './yaml-source.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A real calendar date written YYYY-MM-DD. */
export function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(v + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** How to write a date that is not YYYY-MM-DD; `2024-5-9` is padded, `09/05/2024` is ambiguous. */
function dateHint(v: unknown, found: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(String(v));
  const padded = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
  if (padded && isDate(padded))
    return `must be a date written YYYY-MM-DD; found ${found}. Write \`${padded}\``;
  return `must be a real date written YYYY-MM-DD (year, month, day: \`2024-05-09\`); found ${found}`;
}

/**
 * What is wrong with one value of a field, as a code and the end of a sentence, or undefined. A
 * number where text is expected is refused: YAML reads `7.40` as 7.4, losing the version's zero.
 */
function valueProblem(v: unknown, f: Field, written?: string): [ProblemCode, string] | undefined {
  const found = typeof v === 'string' ? q(v) : `the ${typeof v} ${q(v)}`;
  switch (f.type) {
    case 'text':
      if (typeof v === 'string') return v.trim() ? undefined : ['BLANK_VALUE', 'must not be blank'];
      return [
        'WRONG_TYPE',
        `must be text; found ${found}${written && written !== String(v) ? ` (YAML reads an unquoted \`${written}\` as ${String(v)})` : ''}. Quote it: \`"${written ?? String(v)}"\``,
      ];
    case 'url':
      return typeof v === 'string' && isHttpUrl(v)
        ? undefined
        : ['INVALID_URL', `must be an absolute http or https URL; found ${found}`];
    case 'email':
      return typeof v === 'string' && EMAIL.test(v)
        ? undefined
        : [
            'INVALID_VALUE',
            `must be an e-mail address such as \`team@example.com\`; found ${found}`,
          ];
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
        ? undefined
        : ['WRONG_TYPE', `must be a number (unquoted, like \`40\` or \`2.5\`); found ${found}`];
    case 'date':
      return isDate(v) ? undefined : ['INVALID_DATE', dateHint(v, found)];
    case 'boolean':
      return typeof v === 'boolean'
        ? undefined
        : ['WRONG_TYPE', `must be \`true\` or \`false\`; found ${found}`];
    case 'label':
      if (typeof v !== 'string' || !ID.test(v))
        return [
          'INVALID_ID',
          `must be a value id (lower-case letters, digits, hyphens); found ${found}`,
        ];
      return f.values && !f.values.includes(v)
        ? ['INVALID_VALUE', `must be one of ${f.values.map(q).join(', ')}; found ${q(v)}`]
        : undefined;
  }
}

/** Problems of the collections and of the blocks and tables that refer to them. */
export function collectionProblems(data: Dataset, src: YamlSource, text?: string): Problem[] {
  const out: Problem[] = [];
  const at = (code: ProblemCode, path: PathPart[], message: string, key = false) =>
    out.push(problem(code, message, src.file, src.pos(path, { key })));
  if (data.partners && data.collections?.partners)
    at(
      'DUPLICATE_ID',
      ['partners'],
      'The dataset has both `partners` and `collections.partners`; move the partners into the collection and remove `partners`.',
      true,
    );
  const lines = text?.split('\n');
  /** The scalar as written at `path`, to quote it back when YAML changed it (`9.0` read as 9). */
  const written = (path: PathPart[]) => {
    const { line, col } = src.pos(path);
    return /^[^\s,}\]#]+/.exec(lines?.[line - 1]?.slice(col - 1) ?? '')?.[0];
  };
  for (const [id, c] of Object.entries(data.collections ?? {})) checkCollection(id, c, at, written);

  const all = collectionsOf(data);
  data.sections.forEach((s, si) =>
    s.blocks.forEach((b, bi) => {
      const ref = blockCollection(b);
      if (!ref || 'partners' in b) return;
      const path: PathPart[] = ['sections', si, 'blocks', bi, 'collection'];
      const c = all[ref.id];
      if (!c)
        return at(
          'UNKNOWN_REFERENCE',
          path,
          `Section ${q(s.id)} shows collection ${q(ref.id)}, which is not defined under \`collections\` (${known(all)}).`,
        );
      if (ref.group === undefined) return;
      const values = c.groupBy ? c.fields[c.groupBy]?.values : undefined;
      if (!values?.includes(ref.group))
        at(
          'INVALID_VALUE',
          [...path, 'group'],
          c.groupBy
            ? `\`group\` must be one of ${(values ?? []).map(q).join(', ')} (the values of \`${c.groupBy}\`); found ${q(ref.group)}.`
            : `Collection ${q(ref.id)} has no \`groupBy\`, so it has no group ${q(ref.group)}; remove \`group\`.`,
        );
    }),
  );
  for (const [tid, t] of Object.entries(data.tables ?? {})) {
    if (t.collection === undefined) {
      t.rows.forEach((r, i) => {
        if (r.item !== undefined)
          at(
            'UNKNOWN_REFERENCE',
            ['tables', tid, 'rows', i, 'item'],
            `Row ${q(r.id)} of table ${q(tid)} names item ${q(r.item)}, but the table has no \`collection\`; add \`collection: <id>\` to the table.`,
          );
      });
      continue;
    }
    const c = all[t.collection];
    if (!c) {
      at(
        'UNKNOWN_REFERENCE',
        ['tables', tid, 'collection'],
        `Table ${q(tid)} names collection ${q(t.collection)}, which is not defined under \`collections\` (${known(all)}).`,
      );
      continue;
    }
    t.rows.forEach((r, i) => {
      if (r.item !== undefined && !c.items.some((it) => it.id === r.item))
        at(
          'UNKNOWN_REFERENCE',
          ['tables', tid, 'rows', i, 'item'],
          `Row ${q(r.id)} of table ${q(tid)} names item ${q(r.item)}, which collection ${q(t.collection)} does not have.`,
        );
    });
  }
  return out;
}

/**
 * A warning for a dataset still in a former shape (the top-level `partners:` list), spelling out
 * the move to a collection; none for a current one. Given by the build's load step, beside the
 * site's other warnings.
 */
export function deprecations({ data, src }: { data: Dataset; src: YamlSource }): Problem[] {
  return data.partners && !data.collections?.partners ? [legacyPartners(data, src)] : [];
}

function legacyPartners(data: Dataset, src: YamlSource): Problem {
  const blocks = data.sections.flatMap((s, si) =>
    s.blocks.flatMap((b, bi) => {
      if (!('partners' in b)) return [];
      const { line } = src.pos(['sections', si, 'blocks', bi, 'partners'], { key: true });
      return [
        `line ${line}: \`partners: ${b.partners}\` → \`collection: { id: partners, group: ${b.partners} }\``,
      ];
    }),
  );
  return problem(
    'DEPRECATED_SHAPE',
    'The top-level `partners:` list is the former shape of a collection; it is still read, but will be removed. To convert: (1) rename `partners:` to `collections:` + `  partners:` + `    items:`, the list’s entries unchanged but indented four more spaces, and add beside `items` the declaration `fields: { name: { type: text }, url: { type: url }, status: { type: label, values: [certified, in-certification] } }`, `name: name`, `required: [name, url, status]`, `groupBy: status`, `columns: [name, url]`; ' +
      `(2) rewrite the blocks${blocks.length ? ` (${blocks.join('; ')})` : ' `partners: <status>` as `collection: { id: partners, group: <status> }`'}; ` +
      '(3) in every locale file and `translations.lock`, move the key `partners.name` to `collections.partners.fields.name` and `partners.website` to `collections.partners.fields.url`. The pages stay the same.',
    src.file,
    src.pos(['partners'], { key: true }),
    'warning',
  );
}

const known = (all: Record<string, unknown>) => {
  const ids = Object.keys(all);
  return ids.length ? `it has ${ids.map(q).join(', ')}` : 'it has none';
};

type At = (code: ProblemCode, path: PathPart[], message: string, key?: boolean) => void;

function checkCollection(
  id: string,
  c: Collection,
  at: At,
  written: (path: PathPart[]) => string | undefined,
) {
  const base: PathPart[] = ['collections', id];
  const fields = Object.keys(c.fields);
  const declared = `declared fields: ${fields.map(q).join(', ')}`;
  const refer = (key: 'name' | 'link' | 'groupBy' | 'sort', type?: Field['type']) => {
    const f = c[key];
    if (f === undefined) return;
    if (!c.fields[f])
      return at(
        'UNKNOWN_REFERENCE',
        [...base, key],
        `\`${key}\` of collection ${q(id)} names field ${q(f)}, which it does not declare (${declared}).`,
      );
    if (type && (c.fields[f].type !== type || c.fields[f].list)) {
      const fit = fields.filter((x) => c.fields[x]!.type === type && !c.fields[x]!.list);
      at(
        'WRONG_TYPE',
        [...base, key],
        `\`${key}\` of collection ${q(id)} must name a \`${type}\` field (not a list); ${q(f)} is ${c.fields[f].list ? 'a list of ' : ''}\`${c.fields[f].type}\`. ${fit.length ? `Name ${fit.map(q).join(' or ')}` : `Declare a field \`{ type: ${type} }\``}${key === 'groupBy' || key === 'link' ? ', or remove `' + key + '`' : ''}.`,
      );
    }
  };
  refer('name', 'text');
  refer('link', 'url');
  refer('groupBy', 'label');
  refer('sort');
  (c.required ?? []).forEach((f, i) => {
    if (!c.fields[f])
      at(
        'UNKNOWN_REFERENCE',
        [...base, 'required', i],
        `Required field ${q(f)} of collection ${q(id)} is not one of its fields (${declared}).`,
      );
  });
  (c.columns ?? []).forEach((f, i) => {
    if (!c.fields[f])
      at(
        'UNKNOWN_REFERENCE',
        [...base, 'columns', i],
        `Column ${q(f)} of collection ${q(id)} is not one of its fields (${declared}).`,
      );
  });
  for (const [f, field] of Object.entries(c.fields)) {
    const path = [...base, 'fields', f];
    if (f === 'id')
      at(
        'INVALID_ID',
        path,
        `Collection ${q(id)} declares a field \`id\`; every item has an \`id\` already. Rename the field.`,
        true,
      );
    if (field.values && field.type !== 'label')
      at(
        'INVALID_VALUE',
        [...path, 'values'],
        `Only a \`label\` field has \`values\`; ${q(f)} is \`${field.type}\`. Remove \`values\` or make it a label.`,
        true,
      );
    if (field.format && field.type !== 'number' && field.type !== 'date')
      at(
        'INVALID_VALUE',
        [...path, 'format'],
        `Only \`number\` and \`date\` fields have \`format\`; ${q(f)} is \`${field.type}\`.`,
        true,
      );
  }
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  c.items.forEach((item, i) => {
    const path: PathPart[] = [...base, 'items', i];
    const where = describe(path);
    const before = ids.get(item.id);
    if (before !== undefined)
      at(
        'DUPLICATE_ID',
        [...path, 'id'],
        `Item id ${q(item.id)} of collection ${q(id)} is used twice (first at ${describe([...base, 'items', before])}); each must be unique.`,
      );
    else ids.set(item.id, i);
    const name = item[c.name];
    if (typeof name === 'string' && name.trim()) {
      const key = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
      const first = names.get(key);
      if (first !== undefined)
        at(
          'DUPLICATE_NAME',
          [...path, c.name],
          `Name ${q(name)} in collection ${q(id)} is used twice (first at ${describe([...base, 'items', first])}); each item must have its own name.`,
        );
      else names.set(key, i);
    }
    for (const f of Object.keys(c.fields))
      if ((c.required?.includes(f) || f === c.name) && !(f in item))
        at('MISSING_FIELD', path, `${where} is missing the required field ${q(f)}. Add it.`);
    for (const [f, v] of Object.entries(item)) {
      if (f === 'id') continue;
      const field = c.fields[f];
      if (!field) {
        at(
          'UNKNOWN_FIELD',
          [...path, f],
          `Unknown field ${q(f)} in ${where}; collection ${q(id)} declares ${fields.map(q).join(', ')}. Declare it under \`collections.${id}.fields\` or remove it.`,
          true,
        );
        continue;
      }
      if (field.list && !Array.isArray(v)) {
        at(
          'WRONG_TYPE',
          [...path, f],
          `${describe([...path, f])} must be a list of \`${field.type}\` (write \`[${String(v)}]\`); found ${q(v)}.`,
        );
        continue;
      }
      if (!field.list && Array.isArray(v)) {
        at(
          'WRONG_TYPE',
          [...path, f],
          `${describe([...path, f])} must be one \`${field.type}\`, not a list; declare \`list: true\` on the field to allow several.`,
        );
        continue;
      }
      [v].flat().forEach((x, k) => {
        const p = field.list ? [...path, f, k] : [...path, f];
        const bad = valueProblem(x, field, typeof x === 'string' ? undefined : written(p));
        if (bad) at(bad[0], p, `${describe(p)} ${bad[1]}.`);
      });
    }
  });
}
