/**
 * The types the checks share (a check, its context, a finding), apart so that `checks.ts`,
 * `checks-safety.ts`, `nesting.ts` and `quality.ts` import them without importing each other.
 */
import type { Memo } from '../memo.js';
import type { Problem, ProblemCode } from '../problems.js';

/** What a check knows besides the two strings. */
export interface CheckContext {
  /** Terms that must stay verbatim: the dataset's glossary and partner names. */
  terms: string[];
  /** Link ids the dataset defines, so `[text][id]` resolves while parsing. */
  links: Record<string, string>;
  sourceLocale: string;
  /** The translation's language (numbers are read with its separators); default the source's. */
  locale?: string;
  /**
   * Where a build keeps what the checks work out from each source text (one per build and context);
   * without it, nothing is kept.
   */
  memo?: Memo;
  /**
   * Where a build keeps what depends only on a text and a language (Intl data, the facts of a
   * string), shared by every article's context; without it, `memo` is used.
   */
  shared?: Memo;
}

export interface CheckFailure {
  code: ProblemCode;
  message: string;
}
/**
 * A check adds its failures to `out` (one array for every check of a pair, not one per check) and
 * returns it; without `out`, to a new array.
 */
export type Check = (
  source: string,
  translation: string,
  ctx: CheckContext,
  out?: CheckFailure[],
) => CheckFailure[];

/** A problem of one translated string. */
export interface Finding extends Problem {
  locale: string;
  ns: string;
  key: string;
  source?: string;
  translation?: string;
}

export interface LocaleStatus {
  locale: string;
  total: number;
  translated: number;
  missing: number;
  stale: number;
  /** Keys with at least one failed check. */
  failed: number;
  /** Share of keys translated, current and passing every check, 0 to 100. */
  complete: number;
}
