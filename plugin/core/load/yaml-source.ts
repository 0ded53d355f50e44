import type { Alias, CST, Document, Node, Pair, YAMLError, YAMLMap } from 'yaml';
import { yaml } from '../libraries.js';
import { positions, problem, type Position, type Problem } from '../problems.js';
import { keyProblems, tooDeep, tooDeepProblem } from './yaml-checks.js';
import { readSimpleYaml, type FastYaml, type PathPart } from './yaml-fast.js';
import { locate as scan } from './yaml-locate.js';

export type { PathPart } from './yaml-fast.js';

/** A parsed YAML (or JSON) file that can say where any value came from. */
export interface YamlSource {
  file: string;
  value: unknown;
  /**
   * Position of the value at `path`; with `key: true`, of its key. Falls back to the nearest
   * parent. `many`: the caller asks many positions of this file (then it is read whole at once).
   */
  pos(path: PathPart[], opts?: { key?: boolean; many?: boolean }): Position;
  problems: Problem[];
  /**
   * Every leaf by its dotted path, when the fast reader read the file and it is only mappings of
   * strings.
   */
  strings?: Map<string, string>;
  /**
   * Let go of the offsets worked out for `pos` (read again if asked later): a build has no use for
   * them once its checks are done.
   */
  release?(): void;
}

const START: Position = { line: 1, col: 1 };
/** Passes over a file that `scan` (`locate` in yaml-locate.ts) may make before its tree is read. */
const SCANS = 12;

/**
 * Locale files take the fast path (same values and positions); anything else, and every error, the
 * full parser.
 */
export function parseYaml(text: string, file: string): YamlSource {
  // Most files are never asked a position (no problem, no finding): their offsets are read again
  // when one is, and let go after the checks, instead of a tree per file kept to the end of the
  // build (165 MB at 10,000 pages).
  const fast = readSimpleYaml(text, false);
  let tree: FastYaml | undefined;
  let at: ((offset: number) => Position) | undefined;
  const work = { scanned: 0 };
  if (fast)
    return {
      file,
      value: fast.value,
      problems: [],
      strings: fast.strings,
      pos: (path, opts = {}) => {
        // A file asked a few positions (most are asked none, or a handful) has them found by
        // scanning its lines; one asked many (`many`, or scans that have cost `SCANS` passes over
        // it) reads its tree once.
        if (!tree && !opts.many && work.scanned < SCANS * text.length) {
          const offset = scan(text, path, !!opts.key, work);
          if (offset !== undefined) return (at ??= positions(text))(offset);
        }
        return (tree ??= readSimpleYaml(text)!).pos(path, !!opts.key);
      },
      release: () => {
        tree = undefined;
        at = undefined;
      },
    };
  return parseYamlDocument(text, file);
}

/** The full parser (`yaml`'s documents), which keeps the syntax tree to locate any path. */
export function parseYamlDocument(text: string, file: string): YamlSource {
  const { LineCounter, Parser } = yaml();
  const lines = new LineCounter();
  const at = (offset: number | undefined): Position =>
    offset === undefined ? START : lines.linePos(offset);
  // `parseDocument`'s two stages, so the depth is checked on the tokens before the (recursive)
  // composer runs.
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const deep = tooDeep(tokens);
  if (deep !== undefined)
    return { file, value: undefined, problems: [tooDeepProblem(file, at(deep))], pos: () => START };
  const doc = compose(tokens, text.length);
  const problems: Problem[] = [];
  for (const err of [...doc.errors, ...doc.warnings])
    problems.push(problem('YAML_SYNTAX', syntaxMessage(err), file, lines.linePos(err.pos[0])));
  if (!problems.length) problems.push(...keyProblems(doc, file, at));
  let value: unknown;
  if (!problems.length) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // `toJS` throws on an alias without an anchor and on an alias bomb: both are the user's
      // input, not our bug.
      problems.push(aliasProblem(doc, e, file, at));
    }
  }
  const index: PairIndex = new Map();
  return {
    file,
    value,
    problems,
    pos(path, opts = {}) {
      const found = locate(doc, path, !!opts.key, index);
      return at(found?.range?.[0]);
    },
  };
}

/**
 * One document, as `parseDocument` makes it; duplicate keys are found by `keyProblems`, in linear
 * time.
 */
function compose(tokens: CST.Token[], length: number): Document {
  const { Composer, YAMLParseError } = yaml();
  // Warnings are collected on the document and reported as problems; `yaml` must not print them
  // too.
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  let doc: Document | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      );
      break;
    }
  }
  return doc!;
}

function syntaxMessage(err: YAMLError): string {
  if (err.code === 'MULTIPLE_DOCS')
    return 'YAML syntax: a second document starts here, but a file holds one document. Remove this `---` line or move what follows into the first document.';
  if (err.code === 'BAD_DQ_ESCAPE')
    return `YAML syntax: ${firstLine(err.message)}. In double quotes a backslash starts an escape (\`\\n\`, \`\\u00e9\`, at most \`\\U0010FFFF\`): write \`\\\\\` for a backslash, or use single quotes.`;
  return `YAML syntax: ${firstLine(err.message)}. Check the indentation and quoting here.`;
}

/**
 * Each mapping of one document with its pairs by key, built on the first lookup: a scan per lookup
 * would make positions of every key of a large mapping quadratic. One per document, kept by its
 * `pos`.
 */
type PairIndex = Map<YAMLMap, Map<string, Pair>>;
function pairsOf(map: YAMLMap, index: PairIndex): Map<string, Pair> {
  let pairs = index.get(map);
  if (!pairs) {
    const { isPair, isScalar } = yaml();
    pairs = new Map();
    for (const it of map.items)
      if (isPair(it) && isScalar(it.key) && !pairs.has(String(it.key.value)))
        pairs.set(String(it.key.value), it);
    index.set(map, pairs);
  }
  return pairs;
}

/** The deepest node along `path` (or its key), so a missing field points at its parent. */
function locate(doc: Document, path: PathPart[], key: boolean, index: PairIndex): Node | undefined {
  const { isMap, isSeq } = yaml();
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = pairsOf(node, index).get(String(part));
      if (!pair) return last;
      if (key && i === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      return last;
    }
    if (node && typeof node === 'object' && 'range' in node) last = node as Node;
  }
  return last;
}

function aliasProblem(
  doc: Document,
  err: unknown,
  file: string,
  at: (offset: number | undefined) => Position,
): Problem {
  let unresolved: Alias | undefined;
  const { visit } = yaml();
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc)) return;
      unresolved = node;
      return visit.BREAK;
    },
  });
  if (unresolved)
    return problem(
      'YAML_SYNTAX',
      `The alias \`*${unresolved.source}\` refers to no anchor above it; define \`&${unresolved.source}\` on an earlier value or write the value out.`,
      file,
      at(unresolved.range?.[0]),
    );
  return problem(
    'YAML_SYNTAX',
    `YAML syntax: ${firstLine(err instanceof Error ? err.message : String(err))}; the aliases expand to too many values. Write the values out instead of nesting aliases.`,
    file,
    at(undefined),
  );
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/\.$/, '');
}
