import { createRequire } from 'node:module';
import nunjucks from 'nunjucks';

/**
 * The package's theme compiled by Nunjucks' own parser and code generator, with one difference:
 * a `{% for %}` whose body cannot read `loop` does not set the seven `loop.*` variables at each
 * turn. Those sets were most of the cost of an article page (about 1,300 per page, each splitting
 * its name on `.`). Everything else is Nunjucks' generated code, so the markup's one source stays
 * the theme's `.njk` files and the output is the same bytes.
 */

interface AstNode {
  typename: string;
  fields: string[];
  value?: unknown;
  children?: AstNode[];
  [field: string]: unknown;
}
interface NunjucksCompiler {
  compile(node: AstNode, frame?: unknown): void;
  getCode(): string;
  _emitLoopBindings(node: AstNode, arr: string, i: string, len: string): void;
  _emitLine(code: string): void;
  codebuf: string[];
  compileFor(node: AstNode, frame: unknown): void;
  _emit(code: string): void;
  _compileExpression(node: unknown, frame: unknown): void;
  compileLookupVal(node: AstNode, frame: unknown): void;
}
type CompilerClass = new (name: string, throwOnUndefined?: boolean) => NunjucksCompiler;
interface Internals {
  compiler: { Compiler: CompilerClass };
  parser: { parse(src: string, extensions: unknown[], opts: object): AstNode };
  nodes: Record<string, unknown>;
}
/** What of an environment the code generator reads (Nunjucks' `compiler.compile` arguments). */
interface EnvParts {
  asyncFilters: string[];
  extensionsList: { preprocess?: (s: string) => string }[];
  opts: { throwOnUndefined?: boolean };
}

// Internals of this Nunjucks, read without throwing: a version lacking one still loads the plugin,
// and `compilerAgrees` (direct.ts) then finds the compiler failing and uses stock Nunjucks.
const require = createRequire(import.meta.url);
const nj = nunjucks as unknown as Partial<Internals>;
const transform = ((): ((ast: AstNode, asyncFilters: string[], name: string) => AstNode) => {
  try {
    return (require('nunjucks/src/transformer.js') as { transform: typeof transform }).transform;
  } catch {
    return () => {
      throw new Error('This Nunjucks has no `src/transformer.js`.');
    };
  }
})();

type NodeClass = new (...args: never[]) => AstNode;
const nodes = (nj.nodes ?? {}) as Record<string, NodeClass | undefined>;
const { Node, For, NodeList, Literal, Symbol: Sym } = nodes;
/**
 * Nodes through which a loop's body can reach its frame other than by naming `loop`: included
 * and imported templates and blocks see the frame, extensions are opaque.
 */
const OPEN = ['Include', 'Import', 'FromImport', 'Block', 'Super', 'Extends', 'CallExtension'];
const open = OPEN.map((n) => nodes[n]).filter((c): c is NodeClass => c !== undefined);

/**
 * Whether `node` may read the `loop` of the loop around it. A nested loop's body reads its own
 * `loop` (it sets it, or reads none), so only its list, names and `else` count.
 */
function readsLoop(node: unknown): boolean {
  if (!(node instanceof Node!)) return false;
  const n: AstNode = node;
  const is = (type: NodeClass) => n instanceof type;
  if (open.some(is)) return true;
  if (is(Sym!)) return n.value === 'loop';
  return childrenOf(n, is(For!) ? ['arr', 'name', 'else_'] : n.fields).some(readsLoop);
}

/**
 * The nodes under `n`: a list's items, else the values of its `fields`, with the plain arrays some
 * hold spread (`Compare.ops`, `Switch.cases`, `Set.targets`): a walk that skipped them would miss
 * `x` in `{% if 2 == x %}`.
 */
function childrenOf(n: AstNode, fields = n.fields): unknown[] {
  if (n instanceof NodeList!) return n.children!;
  return fields.flatMap((f) => (Array.isArray(n[f]) ? (n[f] as unknown[]) : [n[f]]));
}

/** Nodes that write to the frame or keep it: `{% set %}`, macros, `{% call %}`. */
const WRITES = ['Set', 'Macro', 'Caller'].map((n) => nodes[n]!);

/** Whether `node` or a node under it passes `test` (one walk, stopping at the first). */
function anyNode(node: unknown, test: (n: AstNode) => boolean): boolean {
  if (!(node instanceof Node!)) return false;
  const n: AstNode = node;
  if (test(n)) return true;
  return childrenOf(n).some((c) => anyNode(c, test));
}
const seesFrame = (n: AstNode) => [...WRITES, ...open].some((type) => n instanceof type);

/** Whether nothing in `node` (a loop) can see the frame the loop would push. */
function framesUnseen(node: AstNode): boolean {
  const parts = [node.arr, node.body, node.else_];
  return !parts.some((p) => readsLoop(p) || anyNode(p, seesFrame));
}

// Without this Nunjucks' compiler class the subclass is of nothing, and compiling fails (caught).
class ThemeCompiler extends (nj.compiler?.Compiler ?? (class {} as unknown as CompilerClass)) {
  /**
   * Loop bindings written out: `frame.set("loop.index", v)` splits its name at each call, and the
   * seven are needed only when the body can read `loop`.
   */
  override _emitLoopBindings(node: AstNode, arr: string, i: string, len: string): void {
    if (!readsLoop(node.body)) return;
    const loop = 'frame.variables["loop"]';
    this._emitLine(`if (!${loop}) ${loop} = {};`);
    const bindings: [string, string][] = [
      ['index', `${i} + 1`],
      ['index0', i],
      ['revindex', `${len} - ${i}`],
      ['revindex0', `${len} - ${i} - 1`],
      ['first', `${i} === 0`],
      ['last', `${i} === ${len} - 1`],
      ['length', len],
    ];
    for (const [name, val] of bindings) this._emitLine(`${loop}["${name}"] = ${val};`);
  }
  /**
   * A loop's item and a macro's arguments are bound by `frame.set("name", t_1)`, which splits the
   * name on `.` at each call; for a plain name it stores `variables[name]`, written out here.
   */
  override _emitLine(code: string): void {
    super._emitLine(code.replace(BIND, 'frame.variables["$1"] = $2;'));
  }
  /**
   * A loop that nothing can see the frame of (it does not read `loop`, sets nothing, defines no
   * macro, includes nothing) runs in its parent's frame: its item is a local of the generated
   * code already, so the new frame per loop and the item's binding in it are left out.
   */
  override compileFor(node: AstNode, frame: unknown): void {
    const start = this.codebuf.length;
    super.compileFor(node, frame);
    if (!(node.name instanceof Sym!) || !framesUnseen(node)) return;
    const buf = this.codebuf;
    const bind = `frame.variables["${String((node.name as AstNode).value)}"] = `;
    const item = buf.findIndex((c, k) => k > start && c.startsWith(bind));
    if (buf[start] !== PUSH || buf.at(-1) !== POP || item < 0) return;
    buf[start] = buf[item] = buf[buf.length - 1] = '';
  }
  /**
   * `a.name` compiles to `runtime.memberLookup(a, "name")`, one function reading every name of
   * every object (slow, as V8 cannot specialise it); here to a reader of that one name, doing
   * what `memberLookup` does.
   */
  private names = new Set<string>();
  override compileLookupVal(node: AstNode, frame: unknown): void {
    const key = (node.val as AstNode).value;
    if (!(node.val instanceof Literal!) || typeof key !== 'string' || !IDENT.test(key))
      return super.compileLookupVal(node, frame);
    this.names.add(key);
    this._emit(`lookup$${key}((`);
    this._compileExpression(node.target, frame);
    this._emit('))');
  }
  override getCode(): string {
    // The method's wrapper is made apart, so a reader allocates nothing for plain values.
    const readers = [...this.names].map(
      (k) =>
        `function lookup$${k}(obj) {\nif (obj === undefined || obj === null) return undefined;\n` +
        `if (typeof obj.${k} === 'function') return lookup$(obj, "${k}");\nreturn obj.${k};\n}\n`,
    );
    const method =
      'function lookup$(obj, k) {\nreturn function () { return obj[k].apply(obj, arguments); };\n}\n';
    return method + readers.join('') + super.getCode();
  }
}
const PUSH = 'frame = frame.push();\n';
const POP = 'frame = frame.pop();\n';
const IDENT = /^[A-Za-z_][\w]*$/;
const BIND = /^frame\.set\("([A-Za-z_$][\w$]*)", ([lt]_[\w$]+)\);$/;

/**
 * Nunjucks' runtime with `suppressValue` skipping the escape of a string that has nothing to
 * escape (what `lib.escape` returns for it is the string itself).
 */
const runtime = nunjucks.runtime as unknown as Record<string, unknown> & {
  suppressValue(val: unknown, autoescape: boolean): unknown;
};
const ESCAPED = /[&"'<>\\]/;
const themeRuntime = {
  ...runtime,
  suppressValue(val: unknown, autoescape: boolean): unknown {
    if (typeof val === 'string' && !(autoescape && ESCAPED.test(val))) return val;
    return runtime.suppressValue(val, autoescape);
  },
};
type RenderFn = (env: unknown, ctx: unknown, frame: unknown, rt: unknown, cb: unknown) => void;

/**
 * Compiled theme files by name, options and source text: kept by their owner (`DirectTheme`)
 * from one build to the next, so a file is compiled once per process and again when it changes.
 */
export type Programs = Map<string, object>;

/** `src` compiled as Nunjucks' `Template` compiles it, in the shape a precompiled loader gives. */
export function compileTheme(src: string, env: EnvParts, name: string, cache?: Programs): object {
  const key = JSON.stringify([name, env.opts, env.asyncFilters, env.extensionsList.length, src]);
  let props = cache?.get(key);
  if (props) return props;
  const pre = env.extensionsList.reduce((s, e) => (e.preprocess ? e.preprocess(s) : s), src);
  const c = new ThemeCompiler(name, env.opts.throwOnUndefined);
  c.compile(transform(nj.parser!.parse(pre, env.extensionsList, env.opts), env.asyncFilters, name));
  const made = new Function(c.getCode())() as Record<string, RenderFn>;
  // The root and each block are called by Nunjucks with its runtime: they get the theme's.
  props = Object.fromEntries(
    Object.entries(made).map(([k, f]): [string, RenderFn] => [
      k,
      (env, ctx, frame, _rt, cb) => f(env, ctx, frame, themeRuntime, cb),
    ]),
  );
  cache?.set(key, props);
  return props;
}

/** A template of `env` from theme source, compiled by `compileTheme`. */
export function themeTemplate(
  src: string,
  env: nunjucks.Environment,
  path: string,
  cache?: Programs,
) {
  const code = { type: 'code', obj: compileTheme(src, env as unknown as EnvParts, path, cache) };
  return new nunjucks.Template(code as unknown as string, env, path, true);
}

/** A loader of the theme's folder whose templates `compileTheme` compiles (imports, includes). */
export class ThemeLoader extends nunjucks.FileSystemLoader {
  env?: nunjucks.Environment;
  /** Not `cache`: Nunjucks keeps its templates by name in a loader's `cache`. */
  programs?: Programs;
  override getSource(name: string): nunjucks.LoaderSource {
    const s = super.getSource(name);
    if (!s || !this.env) return s;
    const obj = compileTheme(s.src, this.env as unknown as EnvParts, s.path, this.programs);
    return { ...s, src: { type: 'code', obj } as unknown as string };
  }
}

/** The nodes that hand the context to another template, or whose reads cannot be seen. */
const PASSES = ['Include', 'Import', 'FromImport'];
const OPAQUE = ['Extends', 'Block', 'Super', 'CallExtension', 'CallExtensionAsync'];

/**
 * Every name `src` may look up in its context (and in the templates it includes or imports with
 * context, read by `source`), or undefined when that cannot be told: a name read through a
 * variable template name or an extension. More than it reads (a filter's or macro's name, a loop's
 * variable) costs nothing; a name missed would render differently, so every `Symbol` counts.
 */
export function contextNames(
  src: string,
  source: (name: string) => string,
  names = new Set<string>(),
  seen = new Set<string>(),
): Set<string> | undefined {
  const walk = (node: unknown): boolean => {
    if (!(node instanceof Node!)) return true;
    const n: AstNode = node;
    if (OPAQUE.includes(n.typename)) return false;
    if (n instanceof Sym!) names.add(String(n.value));
    if (PASSES.includes(n.typename) && (n.typename === 'Include' || n.withContext)) {
      const t = n.template as AstNode;
      if (!(t instanceof Literal!) || typeof t.value !== 'string') return false;
      if (!seen.has(t.value)) {
        seen.add(t.value);
        if (!contextNames(source(t.value), source, names, seen)) return false;
      }
    }
    return childrenOf(n).every(walk);
  };
  try {
    return walk(nj.parser!.parse(src, [], {})) ? names : undefined;
  } catch {
    return undefined;
  }
}
