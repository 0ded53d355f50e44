import { problem, q, type Problem } from '../problems.js';
import { describe } from './schema.js';
import type { PathPart, YamlSource } from './yaml-source.js';

/**
 * Characters a reader cannot see: C0 and C1 controls, zero-width characters, the word joiner, the
 * byte order mark, and bidi controls (embeddings, overrides, isolates, marks), which can reorder
 * what is shown. In a dataset they make two names that look the same differ, or hide text in a
 * name, an id or a URL.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

const NAMES: Record<number, string> = {
  0x09: 'tab',
  0x0a: 'line break',
  0x0d: 'carriage return',
  0x061c: 'arabic letter mark',
  0x200b: 'zero width space',
  0x200c: 'zero width non-joiner',
  0x200d: 'zero width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero width no-break space (byte order mark)',
};

const hex = (c: number) => 'U+' + c.toString(16).toUpperCase().padStart(4, '0');

/** The value as a message may show it: every invisible character written as `\uXXXX`. */
export function visible(value: string): string {
  return value.replace(
    INVISIBLE_ALL,
    (c) => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'),
  );
}

/**
 * What two names are compared as: NFKC (compatibility forms such as full-width letters fold),
 * without invisible characters or white space (`Content\u200bGuru`, `ContentGuru` and `Content
 * Guru` look alike), and without case.
 */
export function sameName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(INVISIBLE_ALL, '')
    .replace(/\s+/g, '')
    .toLowerCase()
    .normalize('NFKC');
}

/**
 * Every string of the dataset must read as it looks: no invisible characters, no white space around
 * it, not blank.
 */
export function textProblems(src: YamlSource): Problem[] {
  const out: Problem[] = [];
  const walk = (value: unknown, path: PathPart[]) => {
    if (typeof value === 'string') {
      const p = stringProblem(value, path, src);
      if (p) out.push(p);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(src.value, []);
  return out;
}

function stringProblem(value: string, path: PathPart[], src: YamlSource): Problem | undefined {
  // Positions and paths only for a value with a problem: most strings have none.
  const where = () => describe(path);
  const at = () => src.pos(path);
  const hidden = INVISIBLE.exec(value);
  if (hidden) {
    const c = hidden[0].charCodeAt(0);
    const name = NAMES[c] ?? 'a control character';
    return problem(
      'INVISIBLE_CHARACTER',
      `${where()} holds an invisible character, ${hex(c)} (${name}), at character ${hidden.index + 1}: ${q(visible(value))}. Remove it, so the value reads as it looks.`,
      src.file,
      at(),
    );
  }
  if (!value.trim())
    return problem(
      'BLANK_VALUE',
      `${where()} holds only white space; write the value or remove the field.`,
      src.file,
      at(),
    );
  if (/^\s|\s$/.test(value))
    return problem(
      'SURROUNDING_SPACE',
      `${where()} starts or ends with white space: ${q(value)}. Remove the spaces around ${q(value.trim())}.`,
      src.file,
      at(),
    );
  return undefined;
}
