import { positions, type Position } from '../problems.js';
import { MAX_DEPTH } from './yaml-checks.js';

/** A step of a path into a parsed value: a mapping key or a list index. */
export type PathPart = string | number;

/**
 * A fast reader for the YAML that locale files and datasets almost always are: block mappings and
 * block sequences, one-line flow collections of scalars (`[a, b]`, `{ id: x, url: "…" }`), and
 * scalars that are one-line plain or quoted strings, integers, or `|` and `>` block scalars. It
 * gives the same values and the same positions as the full parser (`yaml`'s `parseDocument`, tens
 * of times slower), and returns `undefined` for anything else (anchors, tags, other non-string
 * scalars, duplicate keys, multi-line plain or quoted scalars, tabs...), so that the caller falls
 * back to the full parser, which also words the errors.
 *
 * A site holds some hundred thousand strings, so this allocates little per string: it reads the
 * text in place (no array of lines), and keeps each position as the offset of its node, turned into
 * a line and column only when asked for.
 */
export interface FastYaml {
  value: unknown;
  /**
   * Every leaf by its dotted path (`sections.intro.heading`), when the text is only mappings of
   * strings, as locale files are.
   */
  strings?: Map<string, string>;
  /** As `YamlSource.pos`: the node at `path` (or its key), else the deepest node found along it. */
  pos(path: PathPart[], key: boolean): Position;
}

/** A mapping keeps its keys' and values' offsets; a scalar is only its offset. */
interface MapNode {
  pos: number;
  keys: Map<string, number>;
  nodes: Map<string, Node>;
}
interface SeqNode {
  pos: number;
  items: Node[];
}
type Node = MapNode | SeqNode | number;
type MapContext = {
  kind: 'map';
  indent: number;
  node: MapNode;
  value: Record<string, unknown>;
  prefix: string;
};
type Context = MapContext | { kind: 'seq'; indent: number; node: SeqNode; value: unknown[] };

const posOf = (n: Node): number => (typeof n === 'number' ? n : n.pos);
const newMap = (pos: number): MapNode => ({ pos, keys: new Map(), nodes: new Map() });
const NO_POSITIONS = newMap(0);
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const noPositions = (): never => {
  throw new Error('Internal error: positions asked of YAML read without them.');
};

class Unsupported extends Error {}
const fail = (): never => {
  throw new Unsupported();
};

// YAML 1.2 core schema: plain scalars that are not strings. Of those, only decimal integers are
// read here.
const NOT_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INTEGER = /^[-+]?[0-9]+$/;
/** `NOT_STRING` can only match text starting with one of these: test the pattern only then. */
const maybeNotString = (s: string) =>
  '~nNtTfF0123456789+-.'.includes(s[0] ?? '~') && NOT_STRING.test(s);
// What starts something other than a plain scalar (or a plain scalar we leave to the full parser).
const SPECIAL_START = '-?:,[]{}#&*!|>\'"%@`';
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };
/** Only a comment may follow a value on its line. */
const TAIL = /^([ ]+(#.*)?)?$/;

/** Indentation and separation count spaces only (other white space is content in YAML). */
function spaces(s: string, k: number): number {
  while (s.charCodeAt(k) === 32) k++;
  return k;
}
function trimSpacesEnd(s: string, end: number, min: number): number {
  while (end > min && s.charCodeAt(end - 1) === 32) end--;
  return end;
}
const isDigit = (s: string, k: number) => s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
/**
 * A plain scalar may start with `-` before a digit (a negative number); other indicators start
 * something else.
 */
const specialStart = (s: string, k: number) =>
  SPECIAL_START.includes(s[k]!) && !(s[k] === '-' && isDigit(s, k + 1));

/**
 * With `positions: false`, no offsets are kept (`pos` then throws): a caller that may never ask
 * for one reads the text again when it does, rather than keep a tree per file to the end of the
 * build.
 */
export function readSimpleYaml(text: string, positions = true): FastYaml | undefined {
  if (text.includes('\t') || text.includes('\uFEFF')) return undefined;
  // CRLF files (Windows editors): a CR only ever ends a line, so dropping it keeps every line and
  // column.
  if (text.includes('\r')) {
    if (/\r(?!\n)/.test(text)) return undefined;
    text = text.replace(/\r\n/g, '\n');
  }
  try {
    return new Reader(text, positions).read();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Reader {
  private stack: Context[] = [];
  /** A key whose value (a mapping or a sequence) starts on a following line. */
  private pending: { parent: MapContext; key: string; keyPos: number } | undefined;
  /** What `value()` read. */
  private outValue: unknown;
  private outNode: Node = 0;
  /** Dotted paths of the string leaves, until something else turns up. */
  private strings: Map<string, string> | undefined = new Map();

  constructor(
    private text: string,
    private keep: boolean,
  ) {}

  /** A mapping's node; without positions, one shared node that nothing is added to. */
  private map(pos: number): MapNode {
    return this.keep ? newMap(pos) : NO_POSITIONS;
  }

  /**
   * Deeper than the full parser allows (counting a flow collection under it) is left to it, which
   * reports it.
   */
  private push(ctx: Context): void {
    if (this.stack.length + 1 >= MAX_DEPTH) fail();
    this.stack.push(ctx);
  }

  read(): FastYaml {
    const { text } = this;
    const n = text.length;
    let root: MapContext | undefined;
    for (let ls = 0; ls <= n;) {
      let le = text.indexOf('\n', ls);
      if (le < 0) le = n;
      const first = spaces(text, ls);
      const indent = first - ls;
      if (first === le || text[first] === '#') {
        ls = le + 1;
        continue;
      }
      if (
        indent === 0 &&
        (text.startsWith('---', ls) || text.startsWith('...', ls) || text[ls] === '%')
      )
        fail();
      const dash = text[first] === '-' && (first + 1 === le || text[first + 1] === ' ');

      const pending = this.pending;
      if (pending) {
        // The value of a `key:` line: a mapping or a sequence indented under it (nothing under it
        // is null).
        if (indent <= pending.parent.indent) fail();
        const ctx: Context = dash
          ? { kind: 'seq', indent, node: { pos: first, items: [] }, value: [] }
          : {
              kind: 'map',
              indent,
              node: this.map(first),
              value: {},
              prefix: pending.parent.prefix + pending.key + '.',
            };
        if (dash) this.strings = undefined;
        if (this.keep) {
          pending.parent.node.keys.set(pending.key, pending.keyPos);
          pending.parent.node.nodes.set(pending.key, ctx.node);
        }
        pending.parent.value[pending.key] = ctx.value;
        this.push(ctx);
        this.pending = undefined;
      } else if (!root) {
        if (dash) fail();
        this.push((root = { kind: 'map', indent, node: this.map(first), value: {}, prefix: '' }));
      } else {
        while (this.stack.length && indent < this.stack[this.stack.length - 1]!.indent)
          this.stack.pop();
        if (!this.stack.length || indent !== this.stack[this.stack.length - 1]!.indent) fail();
      }
      const ctx = this.stack[this.stack.length - 1]!;

      if (ctx.kind === 'map') {
        if (dash) fail(); // a sequence at the indentation of its key
        ls = this.entry(ctx, first, le) + 1;
        continue;
      }
      // A sequence item: `- scalar`, `- [flow]`, or `- key: value` opening a mapping.
      if (!dash || first + 1 === le) fail();
      const from = spaces(text, first + 2);
      const item = text.slice(from, le);
      if (!item || item[0] === '#' || item.startsWith('- ') || item[0] === '|' || item[0] === '>')
        fail();
      if (
        /^("|')/.test(item)
          ? /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ ]*:( |$)/.test(item)
          : !/^[[{]/.test(item) && /:( |$)/.test(item)
      ) {
        const map: MapContext = {
          kind: 'map',
          indent: from - ls,
          node: this.map(from),
          value: {},
          prefix: '',
        };
        if (this.keep) ctx.node.items.push(map.node);
        ctx.value.push(map.value);
        this.push(map);
        ls = this.entry(map, from, le) + 1;
      } else {
        ls = this.value(from, le, ctx.indent) + 1;
        if (this.keep) ctx.node.items.push(this.outNode);
        ctx.value.push(this.outValue);
      }
    }
    if (this.pending || !root) fail();
    const pos = this.keep ? position(text, root!.node) : noPositions;
    return { value: root!.value, strings: this.strings, pos };
  }

  /**
   * `key: value` at offset `start` (its line ends at `le`) into the mapping `ctx`; returns where
   * the last line it read ends.
   */
  private entry(ctx: MapContext, start: number, le: number): number {
    const { text } = this;
    let key: string;
    let colon: number;
    if (text[start] === '"' || text[start] === "'") {
      const quoted = quote(text, start, le) ?? fail();
      colon = spaces(text, quoted.end);
      if (text[colon] !== ':' || (colon + 1 < le && text[colon + 1] !== ' ')) fail();
      key = quoted.value;
    } else {
      if (specialStart(text, start)) fail();
      colon = text.indexOf(':', start);
      while (colon >= 0 && colon + 1 < le && text[colon + 1] !== ' ')
        colon = text.indexOf(':', colon + 1);
      if (colon < 0 || colon >= le) fail();
      key = text.slice(start, trimSpacesEnd(text, colon, start));
      if (maybeNotString(key)) fail();
    }
    if (!key || /[.:#]/.test(key) || key === '__proto__' || key === '<<' || hasOwn(ctx.value, key))
      fail();
    const col = spaces(text, colon + 1);
    if (col === le || text[col] === '#') {
      this.pending = { parent: ctx, key, keyPos: start };
      return le;
    }
    const end = this.value(col, le, ctx.indent);
    if (this.keep) {
      ctx.node.keys.set(key, start);
      ctx.node.nodes.set(key, this.outNode);
    }
    ctx.value[key] = this.outValue;
    if (typeof this.outValue === 'string') this.strings?.set(ctx.prefix + key, this.outValue);
    else this.strings = undefined;
    return end;
  }

  /**
   * The value at offset `col`: a scalar, a block scalar (which spans lines) or a one-line flow
   * collection.
   */
  private value(col: number, le: number, parentIndent: number): number {
    const { text } = this;
    const c = text[col]!;
    this.outNode = col;
    if (c === '|' || c === '>') {
      const header = /^([|>])(-?)[ ]*(#.*)?$/.exec(text.slice(col, le)) ?? fail();
      const block = blockScalar(text, le + 1, parentIndent, header[1] === '>', header[2] === '-');
      this.outValue = block.value;
      return block.next - 1;
    }
    if (c === '[' || c === '{') {
      const s = text.slice(col, le);
      const flow = flowCollection(s, col);
      if (!TAIL.test(s.slice(flow.end))) fail();
      this.outValue = flow.value;
      this.outNode = flow.node;
      return le;
    }
    if (c === '"' || c === "'") {
      const quoted = quote(text, col, le) ?? fail();
      if (quoted.end < le && !TAIL.test(text.slice(quoted.end, le))) fail();
      this.outValue = quoted.value;
      return le;
    }
    if (specialStart(text, col)) fail();
    let plain = text.slice(col, le);
    const hash = plain.indexOf(' #');
    if (hash >= 0) plain = plain.slice(0, hash);
    if (plain.charCodeAt(plain.length - 1) === 32)
      plain = plain.slice(0, trimSpacesEnd(plain, plain.length, 0));
    if (plain.includes(': ') || plain.endsWith(':')) fail();
    this.outValue = typed(plain);
    return le;
  }
}

/** `pos()` over the offsets; the table of line starts is built on the first call. */
function position(text: string, top: Node): FastYaml['pos'] {
  const at = positions(text);
  return (path, key) => {
    let node: Node = top;
    for (let k = 0; k < path.length; k++) {
      const part = path[k]!;
      let next: Node | undefined;
      if (typeof node === 'object' && 'keys' in node) {
        next = node.nodes.get(String(part));
        if (next !== undefined && key && k === path.length - 1)
          return at(node.keys.get(String(part))!);
      } else if (typeof node === 'object' && typeof part === 'number') next = node.items[part];
      if (next === undefined) break;
      node = next;
    }
    return at(posOf(node));
  };
}

/**
 * A plain scalar's value: a string, or a decimal integer; anything else the core schema reads
 * (null, booleans, floats) is left to the full parser.
 */
function typed(plain: string): string | number {
  if (!maybeNotString(plain)) return plain;
  if (INTEGER.test(plain) && Number.isSafeInteger(Number(plain))) return Number(plain);
  return fail();
}

/**
 * `[a, "b"]` or `{ k: v, k2: "w" }` (the text `s`, at offset `base`), of scalars only; returns the
 * index after the closing bracket.
 */
function flowCollection(s: string, base: number): { value: unknown; node: Node; end: number } {
  const seq = s[0] === '[';
  const close = seq ? ']' : '}';
  const items: Node[] = [];
  const values: unknown[] = [];
  const map = newMap(base);
  const object: Record<string, unknown> = {};
  let k = 1;
  const skip = () => {
    k = spaces(s, k);
  };
  /** A scalar inside the brackets: quoted, or plain up to `,`, a bracket or (for keys) `:`. */
  const scalar = (isKey: boolean): { value: string | number; at: number } => {
    skip();
    const at = k;
    if (s[k] === '"' || s[k] === "'") {
      const quoted = quote(s, k, s.length) ?? fail();
      k = quoted.end;
      return { value: quoted.value, at };
    }
    if (specialStart(s, k)) fail();
    const stop = isKey ? /:( |,|$)|[,[\]{}]/ : /[,[\]{}]| #|: |:$/;
    const m = stop.exec(s.slice(k));
    const end = m ? k + m.index : s.length;
    const raw = s.slice(k, trimSpacesEnd(s, end, k));
    if (!raw || raw.endsWith(':')) fail();
    k = end;
    return { value: isKey ? (NOT_STRING.test(raw) ? fail() : raw) : typed(raw), at };
  };
  skip();
  if (s[k] === close)
    return { value: seq ? values : object, node: seq ? { pos: base, items } : map, end: k + 1 };
  for (;;) {
    if (seq) {
      const item = scalar(false);
      items.push(base + item.at);
      values.push(item.value);
    } else {
      const key = scalar(true);
      skip();
      if (s[k] !== ':' || (s[k + 1] !== ' ' && s[k + 1] !== undefined)) fail();
      k++;
      const value = scalar(false);
      const name = String(key.value);
      if (
        typeof key.value !== 'string' ||
        !name ||
        /[.:#]/.test(name) ||
        name === '__proto__' ||
        name === '<<' ||
        map.nodes.has(name)
      )
        fail();
      map.keys.set(name, base + key.at);
      map.nodes.set(name, base + value.at);
      object[name] = value.value;
    }
    skip();
    if (s[k] === ',') {
      k++;
      skip();
      if (s[k] === close || s[k] === ',') fail(); // a trailing or empty entry
      continue;
    }
    if (s[k] !== close) fail();
    return { value: seq ? values : object, node: seq ? { pos: base, items } : map, end: k + 1 };
  }
}

/**
 * The content of a `|` or `>` block scalar whose first line starts at offset `start`, and where the
 * line after it starts.
 */
function blockScalar(
  text: string,
  start: number,
  parentIndent: number,
  folded: boolean,
  strip: boolean,
): { value: string; next: number } {
  if (start > text.length) fail();
  const firstEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  const indent = spaces(text, start) - start;
  // leading blank lines, or an empty scalar
  if (start + indent === firstEnd || indent <= parentIndent) fail();
  const content: string[] = [];
  let ls = start;
  for (; ls <= text.length;) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    const lead = spaces(text, ls) - ls;
    if (ls + lead === le) {
      if (le - ls > indent) fail();
      content.push('');
    } else {
      if (lead < indent) break;
      if (folded && lead > indent) fail(); // more-indented lines are not folded
      content.push(text.slice(ls + indent, le));
    }
    ls = le + 1;
  }
  while (content.length && content[content.length - 1] === '') content.pop();
  let value = '';
  if (folded)
    content.forEach((line, j) => {
      if (j === 0) value = line;
      else if (line === '') value += '\n';
      else value += content[j - 1] === '' ? line : ' ' + line;
    });
  else value = content.join('\n');
  return { value: strip ? value : value + '\n', next: ls };
}

/**
 * A quoted scalar starting at `from` and closing before `end` (its line): its value and the index
 * after the closing quote.
 */
function quote(s: string, from: number, end: number): { value: string; end: number } | undefined {
  const q = s[from];
  if (q === "'") {
    let out = '';
    let k = from + 1;
    for (;;) {
      const close = s.indexOf("'", k);
      if (close < 0 || close >= end) return undefined;
      out += s.slice(k, close);
      if (s[close + 1] !== "'") return { value: out, end: close + 1 };
      out += "'";
      k = close + 2;
    }
  }
  // Double quotes: the common case has no escape and is one slice.
  let k = from + 1;
  let out = '';
  for (;;) {
    let stop = k;
    while (stop < end && s[stop] !== '"' && s[stop] !== '\\') stop++;
    if (stop >= end) return undefined;
    out += s.slice(k, stop);
    if (s[stop] === '"') return { value: out, end: stop + 1 };
    const e = s[stop + 1];
    if (e === undefined || stop + 1 >= end) return undefined;
    if (e in ESCAPES) {
      out += ESCAPES[e];
      k = stop + 2;
    } else if (e in HEX_LENGTH) {
      const hex = s.slice(stop + 2, stop + 2 + HEX_LENGTH[e]!);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== HEX_LENGTH[e]) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined; // out of Unicode's range: the full parser reports it
      out += String.fromCodePoint(code);
      k = stop + 2 + hex.length;
    } else return undefined;
  }
}
