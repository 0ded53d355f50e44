import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseDataset } from '../plugin/core/load/dataset.js';
import { parseNamespace } from '../plugin/core/load/locales.js';
import { checkLock, parseLock } from '../plugin/core/load/lock.js';
import { parseSeed } from '../plugin/core/import/seed.js';
import type { Problem } from '../plugin/core/problems.js';

// Property-based fuzzing of every loader of user files: whatever the bytes, a loader returns a
// value or problems with a position; it never throws, and no input costs more than linear time.
// Each property is bounded in runs and in time so that `npm test` stays quick; a failure prints the
// seed that reproduces it.
const RUNS = { numRuns: 300, interruptAfterTimeLimit: 3000 };

/** Inputs that broke a loader once: each property tries them first. */
const KNOWN: [string][] = [
  ['title: "Connecter \\UFFFFFFFF"\n'],
  ['a: ' + '{a: '.repeat(100_000) + '\n'],
  ['a: ' + '['.repeat(100_000) + '\n'],
  ['- '.repeat(50_000) + 'x\n'],
  ['a:\n' + Array.from({ length: 2000 }, (_, k) => ' '.repeat(k + 2) + 'a:').join('\n') + ' x\n'],
  ['<<: { a: b }\nupdated: 2021-02-30\n'],
  ['updated: 2021-13-45\nsections: []\n'],
  ['\ufeff\u0000t\u0000i\u0000t\u0000l\u0000e\u0000:\u0000 \u0000x'],
  [
    'ns:\n<<<<<<< HEAD\n  a: { source: ab12cd34ef, translation: 0123456789 }\n=======\n  a: { source: bb12cd34ef, translation: 0123456789 }\n>>>>>>> theirs\n',
  ],
];

/** Pieces YAML, locks and Markdown are made of, including those known to have broken loaders. */
const TOKENS = [
  'key',
  'title',
  'sections',
  'partners',
  'updated',
  'id',
  'name',
  'url',
  'status',
  '<<',
  '__proto__',
  'a.b',
  'x:y',
  ': ',
  ':',
  '- ',
  '-',
  '  ',
  '    ',
  '\t',
  '#',
  ' # c',
  '"',
  "'",
  '\\',
  '\\u00e9',
  '\\UFFFFFFFF',
  '\\x4',
  '\\uD800',
  '{',
  '}',
  '[',
  ']',
  ', ',
  '|',
  '|-',
  '>',
  '>-',
  '&a ',
  '*a',
  '!!str ',
  '!tag ',
  '%YAML 1.2',
  '---',
  '...',
  '?',
  '@',
  '`',
  '2021-13-45',
  '2021-02-30',
  '2021-04-09',
  '1e999',
  '0x1F',
  'null',
  '~',
  'true',
  '.nan',
  '12',
  '-3',
  '<<<<<<< HEAD',
  '=======',
  '>>>>>>> theirs',
  '{ source: ab12cd34ef, translation: 0123456789 }',
  '\u0000',
  '\u001b[31m',
  '\u200b',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\ud800',
  'é',
  '蔚藍',
  'العربية',
  '$t(a)',
  '{{x}}',
  '[text][link]',
  '<a name="x"></a>',
  '## Heading {#id}',
  '| a | b |',
  '| --- | --- |',
  '<table><tr><td>x</td></tr></table>',
];
const piece = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const line = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
/** Text that looks enough like YAML (or a lock, or Markdown) to reach deep into a parser. */
const doc = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));
/** Near-valid documents: a valid one with one piece spliced in somewhere. */
const VALID = [
  'title: Hello\nsections:\n  intro:\n    heading: "Intro"\n    p1: Text with [a link][docs].\n',
  'updated: 2021-04-09\nlinks:\n  docs: https://example.com/\npartners:\n  - { id: a, name: A, url: "https://a.example/", status: certified }\nsections:\n  - id: intro\n    blocks:\n      - p: p1\n',
  '# header\n\nteams-contact-center:\n  title: { source: 0123abcdef, translation: abcdef0123 }\n  sections.intro.p1: { source: "1234567890", translation: fedcba9876, imported: 2021-01-20 abc }\n',
  '---\nms.contentlocale: fr-FR\nms.date: 2021-01-20\n---\n# Titre\n\n<a name="intro"></a>\n## Intro\n\nTexte.\n\n| Partenaire | Statut |\n| --- | --- |\n| A | certifié |\n',
];
const spliced = fc
  .tuple(fc.constantFrom(...VALID), fc.nat(), piece)
  .map(([v, at, p]) => v.slice(0, at % (v.length + 1)) + p + v.slice(at % (v.length + 1)));
const input = fc.oneof(doc, spliced, fc.string({ unit: 'binary', maxLength: 200 }));

function wellFormed(problems: Problem[], label: string): void {
  for (const p of problems) {
    assert.type(p.code, 'string', `${label}: a problem without a code`);
    assert.ok(/^[A-Z][A-Z0-9_]+$/.test(p.code), `${label}: code ${p.code}`);
    assert.ok(p.message.length > 0, `${label}: a problem without a message`);
    assert.ok(
      Number.isInteger(p.line) && Number.isInteger(p.col),
      `${label}: position ${p.line}:${p.col}`,
    );
  }
}

const loaders = suite('loaders never throw');

loaders('locale files: a namespace or problems', () => {
  fc.assert(
    fc.property(input, (text) => {
      const r = parseNamespace(text, 'locales/fr-FR/a.yaml');
      wellFormed(r.problems, 'parseNamespace');
      assert.ok(
        !!r.ns !== r.problems.some((p) => p.severity === 'error'),
        'either strings or errors',
      );
    }),
    { ...RUNS, examples: KNOWN },
  );
});

loaders('datasets: a dataset or problems', () => {
  fc.assert(
    fc.property(input, (text) => {
      const r = parseDataset(text, 'src/a/dataset.yaml', 'a');
      wellFormed(r.problems, 'parseDataset');
      assert.ok(!!r.dataset !== r.problems.length > 0, 'either a dataset or problems');
    }),
    { ...RUNS, examples: KNOWN },
  );
});

loaders('lock files', () => {
  fc.assert(
    fc.property(input, (text) => {
      const r = checkLock(text, 'locales/fr-FR/translations.lock');
      wellFormed(r.problems, 'checkLock');
      assert.ok(!!r.lock !== r.problems.length > 0, 'either entries or problems');
    }),
    { ...RUNS, examples: KNOWN },
  );
});

loaders('imported Markdown copies, from any bytes', () => {
  const bytes = fc.oneof(
    input.map((t) => new TextEncoder().encode(t)),
    fc.uint8Array({ maxLength: 300 }),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      const r = parseSeed(b, 'copy.md');
      wellFormed(r.problems, 'parseSeed');
    }),
    RUNS,
  );
});

loaders.run();

// Linear time: a document made of n copies of a generated piece must not cost much more than n
// times one copy. The bound (100 for 16 times the input: the fastest of three runs each, the
// smaller taken as at least 2 ms) leaves room for a loaded machine and for the garbage collector's
// share growing with the heap, and is still far below what a quadratic path costs (256).
const growth = suite('loaders take linear time');

// CPU time of this process, the least of five: a growth ratio, not a speed, and other processes
// on a busy machine (wall time) once made a linear loader look quadratic.
function ms(fn: () => void): number {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  return Math.min(...times);
}

/** n entries of one mapping, each from `entry(k)`, with or without an error at the end. */
function mapping(n: number, entry: (k: number) => string, eol: string, tail: string): string {
  const lines: string[] = [];
  for (let k = 0; k < n; k++) lines.push(entry(k));
  return lines.join(eol) + eol + tail;
}

const SHAPES: [string, (k: number) => string][] = [
  ['plain keys', (k) => `key${k}: Text number ${k}`],
  ['nested', (k) => `k${k}:\n  a: x\n  b: "y"`],
  ['flow values', (k) => `k${k}: { a: x, b: "y" }`],
];

growth('one large mapping, valid or with one error, LF or CRLF, grows linearly', () => {
  for (const [name, entry] of SHAPES)
    for (const eol of ['\n', '\r\n'])
      for (const tail of ['', 'bad: [unclosed\n', `key1: duplicate\n`]) {
        const small = mapping(1000, entry, eol, tail);
        const large = mapping(16000, entry, eol, tail);
        parseNamespace(small, 'warm.yaml');
        const ratio =
          ms(() => parseNamespace(large, 'l.yaml')) /
          Math.max(
            ms(() => parseNamespace(small, 's.yaml')),
            2,
          );
        assert.ok(
          ratio < 100,
          `${name}, ${JSON.stringify(eol)}, tail ${JSON.stringify(tail)}: 16 times the input took ${ratio.toFixed(1)} times as long`,
        );
      }
});

growth('a lock of many entries grows linearly', () => {
  const lock = (n: number) =>
    '# lock\n\nns:\n' +
    Array.from(
      { length: n },
      (_, k) =>
        `  k${k}: { source: ${(k * 7919).toString(16).padStart(10, 'a')}, translation: abcdef${k} }`,
    ).join('\n') +
    '\n';
  const small = lock(1000);
  const large = lock(16000);
  parseLock(small);
  const ratio =
    ms(() => parseLock(large)) /
    Math.max(
      ms(() => parseLock(small)),
      2,
    );
  assert.ok(ratio < 100, `16 times the entries took ${ratio.toFixed(1)} times as long`);
});

growth.run();
