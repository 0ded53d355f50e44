import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSimpleYaml, type PathPart } from '../plugin/core/load/yaml-fast.js';
import { locate } from '../plugin/core/load/yaml-locate.js';
import { parseYaml, parseYamlDocument } from '../plugin/core/load/yaml-source.js';
import { positions } from '../plugin/core/problems.js';
import { fixtures, teams, yamlFiles } from './helpers.js';

/** Every path of a value, a missing child of each, and a missing step in the middle of each. */
function paths(value: unknown, prefix: PathPart[] = []): PathPart[][] {
  const here: PathPart[][] = [prefix, [...prefix, 'no-such-key'], [...prefix, 'no', 'such']];
  if (!value || typeof value !== 'object') return [...here, [...prefix, 0]];
  const list = Array.isArray(value);
  return [
    ...here,
    ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, list ? Number(k) : k])),
  ];
}

/**
 * Wherever `locate` answers, it must give the fast reader's position (itself the full parser's);
 * returns how many paths it answered of how many.
 */
function agrees(text: string, label: string): [number, number] {
  const tree = readSimpleYaml(text);
  if (!tree) return [0, 0];
  const at = positions(text);
  let answered = 0;
  let asked = 0;
  for (const p of paths(tree.value))
    for (const key of [false, true]) {
      asked++;
      const offset = locate(text, p, key);
      if (offset === undefined) continue;
      answered++;
      assert.equal(at(offset), tree.pos(p, key), `${label}: ${key ? 'key ' : ''}${p.join('.')}`);
    }
  return [answered, asked];
}

const files = yamlFiles;

const scan = suite('locate');

scan('gives the reader’s position on every path of every fixture file, docs site included', () => {
  let answered = 0;
  for (const f of files(fixtures)) answered += agrees(readFileSync(f, 'utf8'), f)[0];
  assert.ok(answered > 1000, `locate answered ${answered} paths only`);
  // A locale file of the docs site (mappings of strings): it answers every path.
  const locale = join(teams, 'locales/fr-FR/teams-contact-center.yaml');
  const [a, n] = agrees(readFileSync(locale, 'utf8'), locale);
  assert.is(a, n);
});

scan(
  'nested mappings, block scalars, comments and look-alike lines as the reader reads them',
  () => {
    const text = [
      '# head',
      '',
      'title: Hello   # trailing',
      'sections:',
      '  # inside, at any depth',
      '# and at none',
      '  intro:',
      '',
      '    heading: "Quoted"',
      '    p: |',
      '      sub: looks like a key',
      '      # looks like a comment',
      '',
      '      intro: again',
      '    q  : spaced key',
      '    url: see https://x.example:8080/a:b',
      '  outro:',
      '    heading: x:y',
      'tail: end',
      '',
    ].join('\n');
    const [answered, asked] = agrees(text, 'inline');
    assert.is(answered, asked);
    // The text of a block scalar is not an entry: a path through it stops at its header.
    assert.is(locate(text, ['sections', 'intro', 'p', 'sub'], false), text.indexOf('|'));
    assert.is(
      locate(text, ['sections', 'intro', 'no-such-key'], false),
      text.indexOf('heading: "Q'),
    );
  },
);

scan('leaves to the tree what it does not read: quoted keys, list items, flow collections', () => {
  const quoted = 'a:\n  "b c": 1\n  d: 2\n';
  assert.is(locate(quoted, ['a', 'd'], false), undefined);
  agrees(quoted, 'quoted');
  const list = 'a:\n  - x: 1\n  - y: 2\nb: [1, 2]\nc: { d: e }\n';
  assert.is(locate(list, ['a', 1, 'y'], false), undefined);
  assert.is(locate(list, ['b', 0], false), undefined);
  assert.is(locate(list, ['c', 'd'], false), undefined);
  // A sequence asked by a name (as a message may) is the sequence's position, as the reader says.
  assert.is(locate(list, ['a', 'x'], false), list.indexOf('- x'));
  agrees(list, 'list');
  assert.is(locate('a: 1\r\nb: 2\r\n', ['b'], false), undefined);
});

const source = suite('YamlSource.pos after locate');

source(
  'a file asked many positions (scanned, then its tree read) agrees with the full parser',
  () => {
    const text = readFileSync(join(teams, 'locales/fr-FR/teams-contact-center.yaml'), 'utf8');
    const fast = parseYaml(text, 'x.yaml');
    const full = parseYamlDocument(text, 'x.yaml');
    for (const p of paths(full.value))
      assert.equal(fast.pos(p), full.pos(p), `position of ${p.join('.')}`);
    // Told it will be asked many, a file reads its tree at once: the same positions.
    const many = parseYaml(text, 'x.yaml');
    for (const p of paths(full.value))
      assert.equal(many.pos(p, { many: true }), full.pos(p), `position of ${p.join('.')}`);
  },
);

scan.run();
source.run();
