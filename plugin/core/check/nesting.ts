import { blank, type Locale } from '../load/locales.js';
import { q } from '../problems.js';
import type { Finding } from './types.js';

/**
 * How many `$t()` levels a string may go down, and how long it may grow once every level is
 * expanded.
 */
export const MAX_NESTING_DEPTH = 5;
export const MAX_NESTED_LENGTH = 50_000;

/**
 * The texts a nested `$t(key)` of namespace `ns` can resolve to in one locale (the key itself, or
 * its plural and context forms).
 */
export type Lookup = (ns: string, key: string) => string[];

export interface NestingFault {
  ns: string;
  key: string;
  code: 'NESTING_LOOP' | 'NESTING_LIMIT';
  message: string;
}

// i18next's own pattern for `$t(...)`, with its default prefix and suffix.
const NESTED = /\$t\(((?:[^()"']|"[^"]*"|'[^']*'|\((?:[^()"']|"[^"]*"|'[^']*')*\))*?)\)/g;

/**
 * The `[ns, key]` each `$t()` of `text` refers to, as i18next reads them: `ns:key`, then options or
 * formats after a comma.
 */
export function nestedRefs(text: string, ns: string): [string, string][] {
  if (!text.includes('$t(')) return [];
  const refs: [string, string][] = [];
  for (const m of text.matchAll(NESTED)) {
    const inner = m[1]!;
    const end = /\{.*\}/s.test(inner) ? inner.search(/,\s*\{/) : inner.indexOf(',');
    const ref = (end < 0 ? inner : inner.slice(0, end)).trim();
    const colon = ref.indexOf(':');
    refs.push(colon < 0 ? [ns, ref] : [ref.slice(0, colon), ref.slice(colon + 1)]);
  }
  return refs;
}

interface Node {
  id: string;
  ns: string;
  key: string;
  texts: string[];
  kids: string[];
  depth: number;
  length: number;
  loop?: string[];
}

/**
 * The strings among `roots` (those holding `$t()`) whose nesting loops back on itself, reaches a
 * loop, goes deeper than `MAX_NESTING_DEPTH` or expands past `MAX_NESTED_LENGTH` characters. Linear
 * in the strings and references: each is visited once (Tarjan's strongly connected components,
 * without recursion), and lengths are added up per string rather than expanded.
 */
export function nestingFaults(roots: Iterable<[string, string]>, lookup: Lookup): NestingFault[] {
  const nodes = new Map<string, Node>();
  // The graph, built without recursion: a string's references are read once, when it is first
  // reached.
  const rootIds = [...roots].map(([ns, key]) => ns + ':' + key);
  const pending = [...roots];
  while (pending.length) {
    const [ns, key] = pending.pop()!;
    if (nodes.has(ns + ':' + key)) continue;
    const texts = lookup(ns, key);
    const refs = texts.flatMap((t) => nestedRefs(t, ns));
    nodes.set(ns + ':' + key, {
      id: ns + ':' + key,
      ns,
      key,
      texts,
      kids: refs.map(([a, b]) => a + ':' + b),
      depth: 0,
      length: 0,
    });
    pending.push(...refs);
  }
  for (const scc of components(rootIds, nodes)) {
    const members = scc.map((id) => nodes.get(id)!);
    const looping = members.length > 1 || members[0]!.kids.includes(members[0]!.id);
    for (const n of members) {
      if (looping) {
        n.loop = members.map((m) => m.key);
        n.depth = n.length = Infinity;
        continue;
      }
      let depth = 0;
      let length = Math.max(0, ...n.texts.map((t) => t.length));
      for (const id of n.kids) {
        const kid = nodes.get(id)!;
        if (kid.loop) n.loop ??= kid.loop;
        depth = Math.max(depth, kid.depth + 1);
        length += kid.length;
      }
      n.depth = depth;
      n.length = length > MAX_NESTED_LENGTH ? Infinity : length;
    }
  }
  const faults: NestingFault[] = [];
  for (const id of new Set(rootIds)) {
    const n = nodes.get(id)!;
    if (!n.texts.length) continue;
    if (n.loop) {
      const keys = [...n.loop].sort();
      const loop =
        keys.length === 1
          ? `${q(keys[0])} nests itself`
          : `${keys.map(q).join(', ')} nest each other`;
      const mine = keys.includes(n.key)
        ? 'This string is part of a `$t()` loop'
        : 'This string nests a `$t()` loop';
      faults.push({
        ns: n.ns,
        key: n.key,
        code: 'NESTING_LOOP',
        message: `${mine}: ${loop}, without end, so pages would show it cut short. Break the loop: one of these strings must not nest the next.`,
      });
    } else if (n.depth > MAX_NESTING_DEPTH || n.length > MAX_NESTED_LENGTH)
      faults.push({
        ns: n.ns,
        key: n.key,
        code: 'NESTING_LIMIT',
        message: `This string's \`$t()\` nesting ${n.depth > MAX_NESTING_DEPTH ? `goes ${n.depth} levels deep` : `expands to more than ${MAX_NESTED_LENGTH.toLocaleString('en')} characters`}; at most ${MAX_NESTING_DEPTH} levels and ${MAX_NESTED_LENGTH.toLocaleString('en')} characters are expanded. Nest fewer strings, or write the text out.`,
      });
  }
  return faults;
}

/**
 * Strongly connected components reachable from `roots`, each emitted after every component it
 * reaches (Tarjan, iterative).
 */
function components(roots: string[], nodes: Map<string, { kids: string[] }>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of roots) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const [id, i] = top;
      const kids = nodes.get(id)!.kids;
      if (i < kids.length) {
        top[1]++;
        const kid = kids[i]!;
        if (!index.has(kid)) {
          index.set(kid, next);
          low.set(kid, next++);
          stack.push(kid);
          onStack.add(kid);
          work.push([kid, 0]);
        } else if (onStack.has(kid)) low.set(id, Math.min(low.get(id)!, index.get(kid)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(id)!));
      }
      if (low.get(id) === index.get(id)) {
        const scc: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          scc.push(m);
        } while (m !== id);
        out.push(scc);
      }
    }
  }
  return out;
}

/**
 * The nesting faults of `locale`'s own strings, with every other string as i18next resolves it
 * there (the locale's own unless `held` or blank, else the source's). A string found faulty is held
 * back too, and the rest looked at again, since it now nests the source's text instead.
 */
export function localeNestingFaults(
  source: Locale,
  locale: Locale,
  held: (ns: string) => ReadonlySet<string> | undefined,
): NestingFault[] {
  const extra = new Map<string, Set<string>>();
  const isHeld = (ns: string, key: string) => !!held(ns)?.has(key) || !!extra.get(ns)?.has(key);
  const own = (ns: string, key: string) => {
    if (locale === source) return undefined;
    const text = locale.namespaces.get(ns)?.strings.get(key);
    return blank(text) || isHeld(ns, key) ? undefined : text;
  };
  const text = (ns: string, key: string) => {
    const mine = own(ns, key);
    if (mine !== undefined) return mine;
    const theirs = source.namespaces.get(ns)?.strings.get(key);
    return blank(theirs) ? undefined : theirs;
  };
  const lookup: Lookup = (ns, key) => {
    const exact = text(ns, key);
    if (exact !== undefined) return [exact];
    // Plural and context forms (`key_one`, `key_male`): any of them may be the one shown.
    const forms = new Set<string>();
    for (const l of [locale, source])
      for (const k of l.namespaces.get(ns)?.strings.keys() ?? [])
        if (k.startsWith(key + '_')) forms.add(k);
    return [...forms].map((k) => text(ns, k)).filter((t): t is string => t !== undefined);
  };
  const found = new Map<string, NestingFault>();
  for (;;) {
    const roots: [string, string][] = [];
    for (const l of locale === source ? [source] : [locale, source])
      for (const [ns, n] of l.namespaces)
        // `forEach`, not `for...of`: no [key, value] pair allocated per string of the site.
        if (n.nests !== false)
          n.strings.forEach((t, key) => {
            if (t.includes('$t(') && text(ns, key)?.includes('$t(')) roots.push([ns, key]);
          });
    let added = false;
    for (const f of nestingFaults(roots, lookup)) {
      if (locale !== source && own(f.ns, f.key) === undefined) continue;
      const id = f.ns + ':' + f.key;
      if (!found.has(id)) found.set(id, f);
      let keys = extra.get(f.ns);
      if (!keys) extra.set(f.ns, (keys = new Set()));
      if (locale !== source && !keys.has(f.key)) {
        keys.add(f.key);
        added = true;
      }
    }
    if (!added) return [...found.values()];
  }
}

/**
 * The source locale's own nesting faults, as errors: every language falls back to it, so they fail
 * every build and `lockstep check`.
 */
export function sourceNestingFindings(source: Locale): Finding[] {
  return localeNestingFaults(source, source, () => undefined).map((f) => {
    const ns = source.namespaces.get(f.ns)!;
    return {
      code: f.code,
      message: f.message,
      file: ns.file,
      ...ns.src.pos(f.key.split('.')),
      severity: 'error',
      locale: source.tag,
      ns: f.ns,
      key: f.key,
      source: ns.strings.get(f.key),
    };
  });
}
