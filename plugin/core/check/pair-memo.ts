import { runChecks } from './checks.js';
import type { CheckContext, CheckFailure } from './types.js';

/** The failures of one (source, translation) pair, as `runChecks` gives them. Read-only. */
export type PairChecks = (source: string, translation: string) => readonly CheckFailure[];

/**
 * `runChecks` once per (source, translation) pair in one language, for every context that says the
 * same (`contextKey`: its terms and links): the checks are pure, and docs sites repeat strings
 * (labels, notes, boilerplate) across articles that share a glossary and links. One per language:
 * what it holds goes when that language is assessed.
 */
export function pairMemo(locale: string): (contextKey: string, ctx: CheckContext) => PairChecks {
  const tables = new Map<string, Map<string, Map<string, readonly CheckFailure[]>>>();
  return (contextKey, ctx) => {
    let bySource = tables.get(contextKey);
    if (!bySource) tables.set(contextKey, (bySource = new Map()));
    const here = { ...ctx, locale };
    return (source, translation) => {
      let byTranslation = bySource.get(source);
      if (!byTranslation) bySource.set(source, (byTranslation = new Map()));
      let failures = byTranslation.get(translation);
      if (!failures)
        byTranslation.set(translation, (failures = runChecks(source, translation, here)));
      return failures;
    };
  };
}

/** What a context's results depend on besides the two strings and the language. */
export const contextKey = (ctx: Pick<CheckContext, 'terms' | 'links' | 'sourceLocale'>): string =>
  JSON.stringify([ctx.sourceLocale, ctx.terms, ctx.links]);
