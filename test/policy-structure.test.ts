import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repo } from './helpers.js';

const plugin = join(repo, 'plugin');

/** Every module of the plugin, every folder down. */
function modules(dir = plugin): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? modules(join(dir, d.name))
      : d.name.endsWith('.ts') && !d.name.endsWith('.d.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

/** The plugin's own modules a file imports, `import type` and `export … from` included. */
export function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Each import cycle once, as the chain of files relative to `plugin/`. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    path.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') {
        const loop = path.slice(path.indexOf(g));
        // One name per cycle, whichever file the walk entered it by.
        const key = [...loop].sort().join(' ');
        if (!found.has(key)) found.set(key, [...loop, g]);
      } else if (!state.has(g)) visit(g);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  return [...found.values()].map((c) => c.map((f) => relative(plugin, f)));
}

const imports = suite('import cycles');

imports('finds a cycle of type-only imports', () => {
  const a = join(plugin, 'a.ts');
  const b = join(plugin, 'b.ts');
  const graph = new Map([
    [a, importsOf(a, "import type { B } from './b.js';\n")],
    [b, importsOf(b, "import {\n  type A,\n} from './a.js';\n")],
  ]);
  assert.equal(cycles(graph), [['a.ts', 'b.ts', 'a.ts']]);
});

imports('no module of the plugin imports itself back, not even for a type', () => {
  const graph = new Map(modules().map((f) => [f, importsOf(f)]));
  assert.equal(
    cycles(graph).map((c) => c.join(' → ')),
    [],
  );
});

imports.run();

const state = suite('module state');

/**
 * The module-level variables allowed, each for its reason: the write seam tests replace, the
 * digest of the code, which cannot change while a process runs, and the libraries loaded when first
 * used (code, which cannot change either).
 */
const KEPT = [
  'core/write.ts: ops',
  'core/cache.ts: codeDigest',
  'core/libraries.ts: yamlLib',
  'core/libraries.ts: markdownLib',
];

state('no module keeps a memo table or other state at its top level', () => {
  const found = modules().flatMap((f) =>
    [
      ...readFileSync(f, 'utf8').matchAll(
        /^(?:export )?(?:let (\w+)|const (\w+)(?:: [^=]+)? = new (?:Weak)?Map\b)/gm,
      ),
    ].map((m) => `${relative(plugin, f)}: ${m[1] ?? m[2]}`),
  );
  assert.equal(
    found.filter((v) => !KEPT.includes(v)),
    [],
  );
});

state.run();

const report = suite('drift report');

report('the drift report builds no markup in code: its template does, escaping everything', () => {
  const code = readFileSync(join(plugin, 'core', 'import', 'report-html.ts'), 'utf8');
  assert.not.match(code, /<\/?[a-z][a-z0-9]*[\s>]/);
  const template = readFileSync(join(repo, 'templates', 'lockstep', 'drift-report.njk'), 'utf8');
  // Nothing in the template turns autoescape off.
  assert.not.match(template, /\|\s*safe\b|autoescape\s+false/);
});

report.run();
