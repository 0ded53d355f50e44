import type { ErrorObject } from 'ajv';
import { validate as compiled } from '../generated/dataset-validator.js';
import { problem, q, type Position, type Problem } from '../problems.js';
import type { YamlSource } from './yaml-source.js';

/**
 * The published JSON Schema (`schema/dataset.schema.json`) compiled ahead of time by `npm run
 * schema`, so editors and builds never disagree (a test regenerates it and compares). Errors are
 * `verbose`: messages read their `parentSchema`.
 */
const validate = compiled as { (data: unknown): boolean; errors?: ErrorObject[] | null };

/** Schema problems of a parsed dataset, each at the position of the offending value. */
export function schemaProblems(src: YamlSource): Problem[] {
  if (validate(src.value)) return [];
  const errors = pruneUnionNoise(validate.errors ?? []);
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const err of errors) {
    const p = toProblem(err, src);
    const id = `${p.line}:${p.col}:${p.code}:${p.message}`;
    if (!seen.has(id)) {
      out.push(p);
      seen.add(id);
    }
  }
  return out;
}

/**
 * `anyOf` reports every branch's failure; keep one clear message per value instead. When a branch
 * matched the value's shape and failed inside it (a list with a bad item), its inner errors say
 * more than the union does.
 */
function pruneUnionNoise(errors: ErrorObject[]): ErrorObject[] {
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const inside = (e: ErrorObject, path: string) => e.instancePath.startsWith(path + '/');
  const explained = new Set([...unions].filter((path) => errors.some((e) => inside(e, path))));
  return errors.filter((e) =>
    e.keyword === 'anyOf' ? !explained.has(e.instancePath) : !unions.has(e.instancePath),
  );
}

function toProblem(err: ErrorObject, src: YamlSource): Problem {
  const path = err.instancePath.split('/').slice(1).map(unescape);
  const where = describe(path);
  const value = valueAt(src.value, path);
  const pos = src.pos(path);
  const field = String(path[path.length - 1] ?? '');
  switch (err.keyword) {
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      return problem(
        'MISSING_FIELD',
        `${where} is missing the required field ${q(missing)}. Add it.`,
        src.file,
        pos,
      );
    }
    case 'additionalProperties': {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      const allowed = allowedFields(err);
      return problem(
        'UNKNOWN_FIELD',
        `Unknown field ${q(extra)} in ${path.length ? where : 'the dataset'}; expected ${allowed}. Check the spelling or remove it.`,
        src.file,
        src.pos([...path, extra], { key: true }),
      );
    }
    case 'type':
      return problem(
        'WRONG_TYPE',
        // The whole file's value is not quoted: a file that is not a dataset (a linked `.npmrc`)
        // may hold secrets.
        `${where} must be ${article((err.params as { type: string }).type)}; found ${kind(value)}${path.length ? ' ' + q(value) : ''}.`,
        src.file,
        pos,
      );
    case 'enum':
      return problem(
        'INVALID_VALUE',
        `${where} must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map(q).join(', ')}; found ${q(value)}.`,
        src.file,
        pos,
      );
    case 'pattern':
      if (
        /url$/i.test(err.schemaPath.split('/').slice(-2)[0] ?? '') ||
        field === 'url' ||
        path[0] === 'links'
      )
        return problem(
          'INVALID_URL',
          `${where} must be an absolute http or https URL such as \`https://example.com/\`; found ${q(value)}.`,
          src.file,
          pos,
        );
      if (
        err.schemaPath.startsWith('#/definitions/date/') ||
        field === 'updated' ||
        field === 'date'
      )
        return dateProblem(where, value, src.file, pos);
      if (err.schemaPath.startsWith('#/definitions/email/') || field === 'email')
        return problem(
          'INVALID_VALUE',
          `${where} must be an e-mail address such as \`team@example.com\`; found ${q(value)}.`,
          src.file,
          pos,
        );
      return problem(
        'INVALID_ID',
        `${where} must be an id of lower-case letters, digits and single hyphens (like \`content-guru\`); found ${q(value)}.`,
        src.file,
        pos,
      );
    case 'propertyNames':
      return problem(
        'INVALID_ID',
        `${where} has a key that is not a valid id; use lower-case letters, digits and hyphens.`,
        src.file,
        pos,
      );
    case 'minProperties':
    case 'maxProperties':
      return problem(
        'INVALID_BLOCK',
        `${where} must name exactly one block kind: \`p\`, \`ul\`, \`ol\`, \`table\`, \`collection\` or \`partners\`.`,
        src.file,
        pos,
      );
    case 'anyOf':
      return problem(
        'WRONG_TYPE',
        path.includes('cells')
          ? `${where} must be a value id, a list of value ids, or one literal such as \`{ text: "7.40A.500" }\`, \`{ number: 40 }\`, \`{ date: 2024-05-01 }\`, \`{ url: https://example.com/ }\`; found ${q(value)}.`
          : `${where} must be a collection id, or \`{ id: <collection>, group: <value> }\`; found ${q(value)}.`,
        src.file,
        pos,
      );
    case 'minItems':
    case 'minLength':
      return problem('INVALID_VALUE', `${where} must not be empty.`, src.file, pos);
    default:
      return problem('INVALID_VALUE', `${where} ${err.message ?? 'is not valid'}.`, src.file, pos);
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A date the schema's pattern refused: the wrong shape, or a shape whose month or day does not
 * exist.
 */
function dateProblem(where: string, value: unknown, file: string, pos: Position): Problem {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!m)
    return problem(
      'INVALID_VALUE',
      `${where} must be a date written YYYY-MM-DD; found ${q(value)}.`,
      file,
      pos,
    );
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12)
    return problem(
      'INVALID_DATE',
      `${where} is not a real date: there is no month ${m[2]} (months run from 01 to 12); found ${q(value)}. Write it as YYYY-MM-DD.`,
      file,
      pos,
    );
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return problem(
    'INVALID_DATE',
    `${where} is not a real date: ${MONTHS[month - 1]} ${m[1]} has ${days} days; found ${q(value)}. Use a day from 01 to ${days}.`,
    file,
    pos,
  );
}

function unescape(part: string): string | number {
  const s = part.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(s) ? Number(s) : s;
}

/** `partners[3].url`, the way a user reads a YAML path. */
export function describe(path: (string | number)[]): string {
  if (!path.length) return 'The dataset';
  return (
    '`' + path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') + '`'
  );
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );
}

function allowedFields(err: ErrorObject): string {
  const props = (err.parentSchema as { properties?: Record<string, unknown> } | undefined)
    ?.properties;
  const names = Object.keys(props ?? {}).filter((n) => n !== '$schema');
  return names.length ? names.map(q).join(', ') : 'no other field';
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `a ${typeof v}`;
}

function article(type: string): string {
  return (
    (
      {
        object: 'a mapping',
        array: 'a list',
        string: 'a string',
        integer: 'a whole number',
      } as Record<string, string>
    )[type] ?? `a ${type}`
  );
}
