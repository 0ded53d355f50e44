import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_DEPTH } from '../plugin/core/load/yaml-checks.js';
import { parseYaml } from '../plugin/core/load/yaml-source.js';

const lines = (...l: string[]) => l.join('\n') + '\n';
const at = (problems: { line: number; col: number; code: string }[]) =>
  problems.map((p) => `${p.line}:${p.col} ${p.code}`);

const text = lines(
  'title: Guide',
  'partners:',
  '  - id: acme',
  '    url: https://a.example.com/',
  '  - { id: globex, name: Globex }',
  'empty:',
  'list: [a, b]',
);

const parse = suite('parseYaml');
parse('returns the plain value and no problems for valid YAML', () => {
  const src = parseYaml(text, 'f.yaml');
  assert.equal(src.problems, []);
  assert.is(src.file, 'f.yaml');
  assert.equal(src.value, {
    title: 'Guide',
    partners: [
      { id: 'acme', url: 'https://a.example.com/' },
      { id: 'globex', name: 'Globex' },
    ],
    empty: null,
    list: ['a', 'b'],
  });
});
parse('YAML 1.2: `yes`, `no` and dates stay strings', () => {
  assert.equal(parseYaml('a: yes\nb: no\nc: 2024-01-15\n', 'f.yaml').value, {
    a: 'yes',
    b: 'no',
    c: '2024-01-15',
  });
});
parse('an empty file is null, not a problem', () => {
  const src = parseYaml('', 'f.yaml');
  assert.equal(src.problems, []);
  assert.is(src.value, null);
  assert.equal(src.pos(['a']), { line: 1, col: 1 });
});
parse('duplicate keys: each repeat at its own position, naming the key, and no value', () => {
  const src = parseYaml(lines('a: 1', 'a: 2', 'b:', '  c: 1', '  "c": 1'), 'f.yaml');
  assert.is(src.value, undefined);
  assert.equal(at(src.problems), ['2:1 DUPLICATE_KEY', '5:3 DUPLICATE_KEY']);
  assert.is(
    src.problems[0]!.message,
    'Key `a` is already defined above in the same mapping; keep one of them.',
  );
  assert.is(
    src.problems[1]!.message,
    'Key `c` is already defined above in the same mapping; keep one of them.',
  );
  assert.is(src.problems[1]!.file, 'f.yaml');
});
parse('syntax errors: every one is collected, each where the parser found it', () => {
  const src = parseYaml(lines('a: @x', 'b:', '\tc: 1', 'd: ok'), 'f.yaml');
  assert.is(src.value, undefined);
  assert.equal(at(src.problems), ['1:4 YAML_SYNTAX', '3:1 YAML_SYNTAX']);
  assert.is(
    src.problems[0]!.message,
    'YAML syntax: Plain value cannot start with reserved character @. Check the indentation and quoting here.',
  );
  assert.is(
    src.problems[1]!.message,
    'YAML syntax: Tabs are not allowed as indentation. Check the indentation and quoting here.',
  );
});
parse('a key without its colon is reported on its own line', () => {
  const src = parseYaml(lines('partners:', '  - id: acme', '    status certified'), 'f.yaml');
  assert.equal(at(src.problems), ['3:5 YAML_SYNTAX']);
  assert.match(src.problems[0]!.message, 'Implicit map keys need to be followed by map values');
});
parse('a second document is a problem that says to remove the `---`', () => {
  const src = parseYaml(lines('a: 1', '---', 'b: 2'), 'f.yaml');
  assert.equal(at(src.problems), ['2:1 YAML_SYNTAX']);
  assert.match(src.problems[0]!.message, 'Remove this `---` line');
});
parse('an alias with no anchor is a problem at the alias, not a crash', () => {
  const src = parseYaml(lines('a: 1', 'b: *nope'), 'f.yaml');
  assert.is(src.value, undefined);
  assert.equal(at(src.problems), ['2:4 YAML_SYNTAX']);
  assert.is(
    src.problems[0]!.message,
    'The alias `*nope` refers to no anchor above it; define `&nope` on an earlier value or write the value out.',
  );
});
parse('aliases that expand to too many values are a problem, not a crash', () => {
  const ten = (x: string) => '[' + Array(10).fill(x).join(', ') + ']';
  const src = parseYaml(
    lines(`a: &a ${ten('x')}`, `b: &b ${ten('*a')}`, `c: &c ${ten('*b')}`, `d: ${ten('*c')}`),
    'f.yaml',
  );
  assert.is(src.value, undefined);
  assert.equal(at(src.problems), ['1:1 YAML_SYNTAX']);
  assert.match(src.problems[0]!.message, 'Write the values out instead of nesting aliases.');
});
parse(
  'an escape beyond U+10FFFF is a syntax problem at the escape, not a `RangeError` (fast and full paths)',
  () => {
    for (const text of [
      'a: "Connecter \\UFFFFFFFF"\n',
      'a: "Connecter \\UFFFFFFFF"\nb: \'x\tc\'\n',
      'a:\n  "Connecter\n   \\UFFFFFFFF"\n',
    ]) {
      const src = parseYaml(text, 'f.yaml');
      assert.is(src.value, undefined);
      assert.equal(
        at(src.problems),
        [text.startsWith('a:\n') ? '3:4 YAML_SYNTAX' : '1:15 YAML_SYNTAX'],
        JSON.stringify(text),
      );
      assert.match(src.problems[0]!.message, 'Invalid escape sequence \\UFFFFFFFF');
      assert.match(src.problems[0]!.message, 'at most `\\U0010FFFF`');
    }
  },
);
parse(
  '100 000 levels of flow mappings or lists: TOO_DEEP where the 101st level opens, not a stack overflow',
  () => {
    const n = 100_000;
    for (const [text, col] of [
      ['x: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n) + '\n', 4 + 99 * 4],
      ['x: ' + '['.repeat(n) + ']'.repeat(n) + '\n', 4 + 99],
      ['- '.repeat(n) + 'x\n', 1 + 100 * 2],
    ] as const) {
      const src = parseYaml(text, 'f.yaml');
      assert.is(src.value, undefined);
      assert.equal(at(src.problems), [`1:${col} TOO_DEEP`], text.slice(0, 10));
      assert.match(src.problems[0]!.message, `nested more than ${MAX_DEPTH} levels deep`);
    }
  },
);
parse('block mappings nested past the limit are TOO_DEEP; at the limit they are read', () => {
  const nested = (depth: number) =>
    Array.from({ length: depth }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x\n';
  assert.equal(at(parseYaml(nested(MAX_DEPTH + 1), 'f.yaml').problems), [
    `${MAX_DEPTH + 1}:${MAX_DEPTH + 1} TOO_DEEP`,
  ]);
  assert.equal(parseYaml(nested(MAX_DEPTH), 'f.yaml').problems, []);
});
parse('a `<<` merge key says merge keys are not supported and how to write the values out', () => {
  const src = parseYaml(
    lines('base: &b { id: a, name: A }', 'items:', '  - <<: *b', '    url: x'),
    'f.yaml',
  );
  assert.is(src.value, undefined);
  assert.equal(at(src.problems), ['3:5 MERGE_KEY']);
  assert.match(src.problems[0]!.message, 'Merge keys (`<<`) are not supported');
  assert.match(src.problems[0]!.message, 'Write the merged fields out in this mapping');
  assert.equal(at(parseYaml('a: { <<: x }\n', 'f.yaml').problems), ['1:6 MERGE_KEY']);
  // Quoted, it is an ordinary key.
  assert.equal(parseYaml('"<<": x\n', 'f.yaml').value, { '<<': 'x' });
});
parse(
  'keys that become the same object key are duplicates (`1` and `"1"`), so no value is silently replaced',
  () => {
    const src = parseYaml(lines('1: a', '"1": b', 'x: { true: 1, "true": 2 }'), 'f.yaml');
    assert.is(src.value, undefined);
    assert.equal(at(src.problems), ['2:1 DUPLICATE_KEY', '3:15 DUPLICATE_KEY']);
    assert.is(
      src.problems[0]!.message,
      'Key `1` is already defined above in the same mapping; keep one of them.',
    );
  },
);
parse('duplicate keys in a mapping of 50 000 keys: the repeat, at its position', () => {
  const keys = Array.from({ length: 50_000 }, (_, i) => `key${i}: "v"`);
  const src = parseYaml(lines(...keys, 'key25000: again'), 'f.yaml');
  assert.equal(at(src.problems), ['50001:1 DUPLICATE_KEY']);
  assert.match(src.problems[0]!.message, 'Key `key25000` is already defined above');
  // Nested mappings each have their own keys.
  assert.equal(parseYaml(lines('a:', '  x: 1', 'b:', '  x: 1'), 'f.yaml').problems, []);
});
parse(
  'an alias inside the value it names is a problem at the alias, not a value that contains itself',
  () => {
    for (const [text, pos] of [
      ['a: &a {b: *a}\n', '1:11'],
      ['a: &a [x, {b: [*a]}]\n', '1:16'],
      ['&a [*a]\n', '1:5'],
    ]) {
      const src = parseYaml(text!, 'f.yaml');
      assert.is(src.value, undefined, text);
      assert.equal(at(src.problems), [`${pos} YAML_SYNTAX`], text);
      assert.match(src.problems[0]!.message, 'is inside the value it refers to');
    }
    // The same alias twice, beside its anchor, is no loop.
    assert.equal(parseYaml('a: &a [x]\nb: [*a, *a]\n', 'f.yaml').value, {
      a: ['x'],
      b: [['x'], ['x']],
    });
  },
);
parse('a few aliases resolve', () => {
  assert.equal(parseYaml('a: &x 1\nb: *x\n', 'f.yaml').value, { a: 1, b: 1 });
});
parse.run();

const pos = suite('YamlSource.pos');
const src = parseYaml(text, 'f.yaml');
pos('the value at a path, 1-based', () => {
  assert.equal(src.pos(['title']), { line: 1, col: 8 });
  assert.equal(src.pos(['partners', 0, 'url']), { line: 4, col: 10 });
  assert.equal(src.pos(['partners', 1, 'name']), { line: 5, col: 25 });
  assert.equal(src.pos(['list', 1]), { line: 7, col: 11 });
  assert.equal(src.pos(['empty']), { line: 6, col: 7 });
});
pos('with `key: true`, the key', () => {
  assert.equal(src.pos(['title'], { key: true }), { line: 1, col: 1 });
  assert.equal(src.pos(['partners', 0, 'url'], { key: true }), { line: 4, col: 5 });
  assert.equal(src.pos(['partners', 1, 'name'], { key: true }), { line: 5, col: 19 });
});
pos('a missing path falls back to its nearest parent', () => {
  assert.equal(src.pos(['partners', 0, 'status']), { line: 3, col: 5 });
  assert.equal(src.pos(['partners', 5, 'id']), { line: 3, col: 3 });
  assert.equal(src.pos(['nope', 'x']), { line: 1, col: 1 });
});
pos('the empty path is the document', () => {
  assert.equal(src.pos([]), { line: 1, col: 1 });
});
pos('numbers in a path also match mapping keys written as numbers', () => {
  const s = parseYaml('codes:\n  404: Not found\n', 'f.yaml');
  assert.equal(s.pos(['codes', 404]), { line: 2, col: 8 });
});
pos.run();
