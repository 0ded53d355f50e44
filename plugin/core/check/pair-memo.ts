import { runChecks } from './checks.js';
import type { CheckContext, CheckFailure } from './types.js';

/** The failures of one (source, translation) pair, as `runChecks` gives them. Read-only. */
export type PairChecks = (source: string, translation: string) => readonly CheckFailure[];

/** One translation's results, a list per source text it was checked against (nearly always one). */
interface Entry {
  source: string;
  failures: readonly CheckFailure[];
  next?: Entry;
}
const PASSED: readonly CheckFailure[] = Object.freeze([]);

/**
 * `runChecks` once per (source, translation) pair in one language, for every context that says the
 * same (`contextKey`: its terms and links): the checks are pure, and docs sites repeat strings
 * (labels, notes, boilerplate) across articles that share a glossary and links. One per language:
 * what it holds goes when that language is assessed. Keyed by the translation alone (one small
 * entry per string, not a table per source text), so a site that repeats nothing pays little.
 */
export function pairMemo(locale: string): (contextKey: string, ctx: CheckContext) => PairChecks {
  const tables = new Map<string, Map<string, Entry>>();
  return (contextKey, ctx) => {
    let table = tables.get(contextKey);
    if (!table) tables.set(contextKey, (table = new Map()));
    const here = { ...ctx, locale };
    return (source, translation) => {
      const first = table.get(translation);
      for (let e = first; e; e = e.next) if (e.source === source) return e.failures;
      const found = runChecks(source, translation, here);
      const failures = found.length ? found : PASSED;
      table.set(translation, { source, failures, next: first });
      return failures;
    };
  };
}

/** What a context's results depend on besides the two strings and the language. */
export const contextKey = (ctx: Pick<CheckContext, 'terms' | 'links' | 'sourceLocale'>): string =>
  JSON.stringify([ctx.sourceLocale, ctx.terms, ctx.links]);
