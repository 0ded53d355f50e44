import type { CST, Document } from 'yaml';
import { yaml } from '../libraries.js';
import { problem, q, type Position, type Problem } from '../problems.js';

/**
 * How deep mappings and lists may nest. Locale files and datasets need a few levels; far deeper
 * input (`{a: {a: …`) would overflow the stack of `yaml`'s composer, of `toJS` and of every walk
 * after them.
 */
export const MAX_DEPTH = 100;

/**
 * The offset of the first collection nested deeper than `MAX_DEPTH`, found on the syntax tokens
 * with a stack of our own (no recursion).
 */
export function tooDeep(tokens: CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    ) {
      if (depth + 1 > MAX_DEPTH) return token.offset;
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

export function tooDeepProblem(file: string, pos: Position): Problem {
  return problem(
    'TOO_DEEP',
    `Mappings and lists are nested more than ${MAX_DEPTH} levels deep here; Lockstep reads at most ${MAX_DEPTH} levels. Flatten the structure (a locale file or a dataset needs only a few levels), or check for unclosed \`{\` or \`[\`.`,
    file,
    pos,
  );
}

/**
 * Duplicate keys and merge keys, in one pass with a set per mapping: `yaml`'s own `uniqueKeys`
 * compares each key with every earlier one, which is quadratic in the keys of a mapping. Keys are
 * compared as the object keys they become (`1` and `"1"` collide), since a repeat would silently
 * replace the first value.
 */
export function keyProblems(
  doc: Document,
  file: string,
  at: (offset: number | undefined) => Position,
): Problem[] {
  const { isAlias, isScalar, visit } = yaml();
  const out: Problem[] = [];
  // The node each anchor names so far, in document order: an alias means the latest one before it.
  const anchors = new Map<string, unknown>();
  const anchor = (node: { anchor?: string }) => {
    if (node.anchor) anchors.set(node.anchor, node);
  };
  visit(doc, {
    Scalar: (_, node) => anchor(node),
    Seq: (_, node) => anchor(node),
    Alias(_, alias, path) {
      // An alias inside the value it names is a loop: `toJS` would build a circular value that no
      // check can walk.
      if (path.includes(anchors.get(alias.source) as never))
        out.push(
          problem(
            'YAML_SYNTAX',
            `The alias \`*${alias.source}\` is inside the value it refers to, so the value would contain itself; write the value out instead.`,
            file,
            at(alias.range?.[0]),
          ),
        );
    },
    Map(_, map) {
      anchor(map);
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key as unknown;
        const offset = (key as { range?: [number] } | null)?.range?.[0];
        if (isScalar(key) && key.type === 'PLAIN' && key.value === '<<') {
          out.push(
            problem(
              'MERGE_KEY',
              'Merge keys (`<<`) are not supported: Lockstep reads YAML 1.2, where `<<` is an ordinary key. Write the merged fields out in this mapping instead of `<<: *anchor`.',
              file,
              at(offset),
            ),
          );
          continue;
        }
        const name = isScalar(key)
          ? String(key.value)
          : isAlias(key)
            ? `*${key.source}`
            : key === null
              ? 'null'
              : JSON.stringify(key);
        if (!seen.has(name)) {
          seen.add(name);
          continue;
        }
        const label = isScalar(key) ? 'Key ' + q(name) : 'This key';
        out.push(
          problem(
            'DUPLICATE_KEY',
            `${label} is already defined above in the same mapping; keep one of them.`,
            file,
            at(offset),
          ),
        );
      }
    },
  });
  return out;
}
