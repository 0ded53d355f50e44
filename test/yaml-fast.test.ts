import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { readSimpleYaml } from '../plugin/core/load/yaml-fast.js';
import { parseYamlDocument } from '../plugin/core/load/yaml-source.js';
import { MAX_DEPTH } from '../plugin/core/load/yaml-checks.js';
import { fixtures, teams, yamlFiles } from './helpers.js';

/**
 * Every path of a parsed value (list items by number and, as schema errors name them, by string),
 * plus a missing child of each.
 */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [prefix];
  const list = Array.isArray(value);
  return [
    prefix,
    [...prefix, list ? 99 : 'no-such-key'],
    ...Object.entries(value).flatMap(([k, v]) => [
      ...paths(v, [...prefix, list ? Number(k) : k]),
      ...(list ? [[...prefix, k]] : []),
    ]),
  ];
}

/**
 * When the fast reader accepts a text, it must agree with the full parser on the value and on every
 * position.
 */
function agrees(text: string, label: string): boolean {
  const fast = readSimpleYaml(text);
  const full = parseYamlDocument(text, 'x.yaml');
  if (!fast) return false;
  assert.equal(
    full.problems,
    [],
    `${label}: the fast reader accepted a text the full parser rejects`,
  );
  assert.equal(fast.value, full.value, `${label}: values differ`);
  // The dotted keys, when given (only when every leaf is text under block mappings), are the
  // leaves'.
  const flat = new Map<string, string>();
  let onlyText = true;
  const walk = (v: unknown, prefix: string) => {
    if (typeof v === 'string') flat.set(prefix.slice(0, -1), v);
    else if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) walk(x, prefix + k + '.');
    else onlyText = false;
  };
  walk(full.value, '');
  if (fast.strings) assert.equal(onlyText && [...fast.strings], [...flat], `${label}: dotted keys`);
  for (const p of paths(full.value)) {
    assert.equal(fast.pos(p, false), full.pos(p), `${label}: position of ${p.join('.')}`);
    if (p.length)
      assert.equal(
        fast.pos(p, true),
        full.pos(p, { key: true }),
        `${label}: position of key ${p.join('.')}`,
      );
  }
  return true;
}

const files = yamlFiles;

/** A block mapping `depth` levels deep (counting the root), with `leaf` on the last line. */
const nested = (depth: number, leaf: string) =>
  Array.from({ length: depth - 1 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') +
  '\n' +
  ' '.repeat(depth - 1) +
  leaf +
  '\n';

const fast = suite('readSimpleYaml');

fast(
  'agrees with the full parser on every YAML file of the fixtures, the docs site among them',
  () => {
    const all = files(fixtures);
    const accepted = all.filter((f) => agrees(readFileSync(f, 'utf8'), f));
    // The site's files are all simple enough: the fast path is the common path.
    for (const f of files(teams))
      assert.ok(accepted.includes(f), `${f} fell back to the full parser`);
  },
);

fast('reads plain, quoted and block scalars, comments and nesting as the full parser does', () => {
  const text = [
    '# head',
    '',
    'title: Hello   # trailing',
    'sections:',
    '  # inside',
    '  intro:',
    '',
    '    heading: "Quoted \\u00e9 \\"x\\" \\\\ \\t"',
    '    p: >-',
    '      folded one',
    '      two',
    '',
    '      para',
    '    lit: |',
    '      line',
    '        indented',
    '',
    "    q: 'it''s'",
    '  other: C# and F#, a:b',
    '  "yes": "Yes"',
    "  'no' : x",
    'keep: >',
    '  clip',
    'last: |-',
    '  end',
  ].join('\n');
  assert.ok(agrees(text, 'sample'));
  assert.ok(agrees(text + '\n', 'sample with final newline'));
  assert.ok(agrees('a: >\n  no final newline', 'clip at the end of the file'));
  const dataset = [
    'updated: 2021-04-09',
    'level: 2',
    'glossary:',
    '  - Microsoft Teams',
    '  - "SME"',
    'partners:',
    '  - { id: 8x8, name: 8x8, url: "https://x.example.com/a", status: certified }',
    '  -   id: b',
    '      name: B # comment',
    '      cells: { a: x, b: -3 }',
    '  - id: c',
    '    tags: []',
    '    empty: {}',
    'cols: [a, "b c", \'d\']',
    'rows:',
    '  - id: r',
    '    cells:',
    '      a: 12',
    '      b: [1, -2]',
    '    text: |',
    '      literal',
    'n: -7',
  ].join('\n');
  assert.ok(agrees(dataset, 'dataset'));
});

fast('leaves everything else to the full parser', () => {
  for (const text of [
    'a: [1, [2]]',
    'a: [1, 2',
    'a: [1, 2,]',
    'a: { b: c: d }',
    'a: { b: c:}',
    'a: [b, {c: d}]',
    'a:\n- x',
    '- x',
    'a:\n  -\n    b',
    'a:\n  - - x',
    'a:\n  - |\n    x',
    'a: &x y\nb: *x',
    'a: !tag y',
    'a: 1.5',
    'a: true',
    'a: [x]y',
    'a: [a[1]]',
    'a: null',
    'a:',
    'a:\nb: c',
    'a: b\na: c',
    '1: x',
    'a.b: c',
    'a: "multi\n  line"',
    'a: plain\n  continued',
    'a:\tb',
    '---\na: b',
    'a: >+\n  x\n',
    'a: >\n  x\n    more\n',
    '"a"x: b',
    '"a.b": c',
    'a: b: c',
    'a: x:',
    'a: - b',
    '  a: b\n b: c',
    'a: "x" y',
    "a: 'x'y",
    'a: "\\q"',
    '',
    '# only a comment',
    'a: |2\n   x',
    'a:\r  b: c',
    '__proto__: x',
    // Out of Unicode's range, a merge key, and nesting at the limit: the full parser reports each.
    'a: "\\UFFFFFFFF"',
    'a: { x: "\\U00110000" }',
    '<<: x',
    'a: { <<: x }',
    nested(MAX_DEPTH, 'x: y'),
    nested(MAX_DEPTH, 'x: [y]'),
  ])
    assert.is(readSimpleYaml(text), undefined, JSON.stringify(text));
});

fast('without positions: the same values, strings and refusals, and no offsets kept', () => {
  const texts = [
    ...files(fixtures).map((f) => readFileSync(f, 'utf8')),
    'a: x\na: y\n',
    'a:\n  b: 1\n  b: 2\n',
    'a:\n  b:\n    - c\n  b: d\n',
    'list:\n  - id: x\n    id: y\n',
  ];
  for (const text of texts) {
    const light = readSimpleYaml(text, false);
    const full = readSimpleYaml(text);
    assert.equal(light?.value, full?.value);
    assert.equal(light?.strings, full?.strings);
    if (light) assert.throws(() => light.pos([], false), /positions/);
  }
  // Each repeated key above is refused with or without positions.
  for (const t of texts.slice(-4)) assert.is(readSimpleYaml(t, false), undefined, t);
});

fast('CRLF line endings: the same values and positions as the full parser', () => {
  const text = [
    '# head',
    'title: Hello   # trailing',
    'sections:',
    '  intro:',
    '    heading: "Quoted \\u00e9"',
    '    p: >-',
    '      folded one',
    '      two',
    '',
    '      para',
    '    lit: |',
    '      line',
    '',
    'list: [a, "b c"]',
    '',
  ].join('\r\n');
  assert.ok(agrees(text, 'CRLF sample'));
  assert.ok(agrees(text.replace(/\r\n$/, ''), 'CRLF without a final line break'));
  assert.equal(readSimpleYaml('a: |\r\n  x\r\n  y\r\n')?.value, { a: 'x\ny\n' });
});

fast('nesting just under the limit stays on the fast path', () => {
  assert.ok(agrees(nested(MAX_DEPTH - 1, 'x: y'), 'deep'));
  assert.ok(agrees(nested(MAX_DEPTH - 1, 'x: [y]'), 'deep with a flow list'));
});

fast('random documents: whatever it accepts, it reads exactly as the full parser', () => {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const keys = ['a', 'b', 'key one', 'd-e', 'f_g', 'yes', "q''k", 'e\\u00e9'];
  const scalars = [
    'plain text',
    'x',
    'C# code',
    'yes',
    'no',
    '"dq \\n é"',
    "'sq ''x'''",
    'a:b',
    'v # comment',
    '"x" # c',
    '12',
    '>-',
    '>-',
    '|',
    '>',
    'a, b',
    'ü',
    '"{{date}}"',
    '[a, b]',
    '{ k: v, "q": \'w\' }',
    '[1, x:y]',
    '7',
    '-3',
    '{ a: [b] }',
    '\u00a0nbsp\u00a0',
    '"x"\u00a0',
    'a\u2028b',
  ];
  let accepted = 0;
  for (let n = 0, count = Number(process.env.YAML_FUZZ ?? 250); n < count; n++) {
    const out: string[] = [];
    const emit = (indent: number, depth: number) => {
      for (let k = 0, count = 1 + Math.floor(rand() * 4); k < count; k++) {
        const pad = ' '.repeat(indent);
        if (rand() < 0.1) out.push(pad + '# note');
        if (rand() < 0.1) out.push('');
        const key = pick(['"', "'", '', '', '']).replace(/^(.?)$/, `$1${pick(keys)}${k}$1`);
        if (depth < 3 && rand() < 0.3) {
          out.push(`${pad}${key}:`);
          emit(indent + pick([2, 4]), depth + 1);
        } else if (depth < 3 && rand() < 0.15) {
          out.push(`${pad}${key}:`);
          const inner = pad + pick(['  ', '    ']);
          for (let j = 0, m = 1 + Math.floor(rand() * 3); j < m; j++) {
            if (rand() < 0.4) {
              out.push(
                `${inner}- ${pick(['id', 'name'])}: ${pick(scalars.filter((x) => x[0] !== '>' && x[0] !== '|'))}`,
              );
              if (rand() < 0.5)
                out.push(
                  `${inner}  url: ${pick(['https://a.example.com/x', '"q"', 'x y', '[a, b]'])}`,
                );
            } else
              out.push(
                `${inner}- ${pick(['x', '"q, r"', '[a, "b c", 3]', '{ id: a, n: 2 }', 'y # c', '{}', '[]', 'a: b'])}`,
              );
          }
        } else {
          const v = pick(scalars);
          out.push(`${pad}${key}: ${v}`);
          if (v[0] === '>' || v[0] === '|')
            for (let l = 0, m = 1 + Math.floor(rand() * 3); l < m; l++)
              out.push(
                rand() < 0.2 ? '' : `${pad}  ${pick(['line', 'more words', '# not a comment'])}`,
              );
        }
      }
    };
    emit(0, 0);
    const text = out.join('\n') + (rand() < 0.5 ? '\n' : '');
    if (agrees(text, `random document ${n}:\n${text}`)) accepted++;
  }
  assert.ok(accepted > 50, `only ${accepted} random documents took the fast path`);
});

fast.run();
