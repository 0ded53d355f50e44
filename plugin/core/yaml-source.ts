import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import { problem, type Position, type Problem } from './problems.js';

export type PathPart = string | number;

/** A parsed YAML (or JSON) file that can say where any value came from. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Position of the value at `path`; with `key: true`, of its key. Falls back to the nearest parent. */
  pos(path: PathPart[], opts?: { key?: boolean }): Position;
  problems: Problem[];
}

const START: Position = { line: 1, col: 1 };

export function parseYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    const { line, col } = lines.linePos(err.pos[0]);
    const duplicate = err.code === 'DUPLICATE_KEY';
    problems.push(
      problem(
        duplicate ? 'DUPLICATE_KEY' : 'YAML_SYNTAX',
        duplicate
          ? 'This key is already defined above in the same mapping; keep one of them.'
          : `YAML syntax: ${firstLine(err.message)}. Check the indentation and quoting here.`,
        file,
        { line, col },
      ),
    );
  }
  const at = (offset: number | undefined): Position => (offset === undefined ? START : lines.linePos(offset));
  return {
    file,
    value: problems.length ? undefined : doc.toJS({ maxAliasCount: 100 }),
    problems,
    pos(path, opts = {}) {
      const found = locate(doc, path, !!opts.key);
      return at(found?.range?.[0]);
    },
  };
}

/** The deepest node along `path` (or its key), so a missing field points at its parent. */
function locate(doc: Document, path: PathPart[], key: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(part));
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

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
