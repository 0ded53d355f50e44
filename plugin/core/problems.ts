/**
 * Every code a problem or a finding can have, one per line and grouped by where it is found, so a
 * typo in a code is a type error. Adding a code is adding its line here (and its row in the
 * README).
 */
export const PROBLEM_CODES = [
  // Reading files and the project's bounds (read.ts, bounds.ts)
  'NOT_FOUND',
  'NOT_A_FILE',
  'FILE_TOO_LARGE',
  'CANNOT_READ',
  'NOT_UTF8',
  'UTF16_FILE',
  'CONTROL_CHARACTER',
  'SYMLINK_LOOP',
  'SYMLINK_OUTSIDE',
  'OUTSIDE_PROJECT',
  'EMPTY_FILE',
  'CHANGED_DURING_BUILD',
  // YAML and the dataset's schema (yaml-source.ts, schema.ts, dataset.ts)
  'YAML_SYNTAX',
  'DUPLICATE_KEY',
  'MISSING_FIELD',
  'UNKNOWN_FIELD',
  'WRONG_TYPE',
  'INVALID_VALUE',
  'INVALID_ID',
  'INVALID_BLOCK',
  'INVALID_URL',
  'DUPLICATE_ID',
  'DUPLICATE_NAME',
  'MISSING_CELL',
  'UNKNOWN_REFERENCE',
  'DEPRECATED_SHAPE',
  'INVALID_DATE',
  'TOO_DEEP',
  'MERGE_KEY',
  'INVISIBLE_CHARACTER',
  'BLANK_VALUE',
  'SURROUNDING_SPACE',
  // The site: articles, locales and their files (site.ts, locales.ts)
  'NO_ARTICLES',
  'NO_LOCALES',
  'INVALID_LOCALE',
  'HIDDEN_LOCALE_FOLDER',
  'DUPLICATE_LOCALE',
  'LOCALE_NOT_FOUND',
  'NO_SOURCE_LOCALE',
  'UNKNOWN_BUILD_LOCALE',
  'LOCALE_NOT_STRING',
  'EMPTY_LOCALE_FILE',
  'INVALID_KEY',
  'MISSING_LABEL',
  'MISSING_SOURCE_STRING',
  'MISSING_NAMESPACE',
  'STRAY_NAMESPACE',
  'MISSING_COMMON',
  'UNKNOWN_LINK',
  // Locks and the build cache (lock.ts, site.ts, build.ts)
  'LOCK_CONFLICT',
  'LOCK_DAMAGED',
  'LOCK_SHAPE',
  'LOCK_UNREADABLE',
  'LOCK_NOT_WRITTEN',
  'SOURCES_CONFLICT',
  'SOURCES_DAMAGED',
  'SOURCES_SHAPE',
  'SOURCES_UNREADABLE',
  'SOURCES_NOT_WRITTEN',
  'CACHE_NOT_WRITTEN',
  // A multi-file write a killed process left half done (write-all.ts)
  'PENDING_WRITES_FINISHED',
  'PENDING_WRITES_REFUSED',
  // Translation findings (quality.ts) and checks (checks.ts)
  'MISSING',
  'STALE',
  'ORPHAN',
  'PLURAL_FORMS',
  'PLACEHOLDER',
  'NESTING',
  'LINK_TARGETS',
  'EMPTY_LINK',
  'LINK_SPACING',
  'CODE_SPANS',
  'RAW_HTML',
  'GLOSSARY',
  'UNTRANSLATED',
  'STRUCTURE',
  'UNSAFE_LINK',
  'UNSAFE_IMAGE',
  'BIDI_CONTROL',
  'NESTING_LOOP',
  'NESTING_LIMIT',
  // Facts inside words (check/facts.ts)
  'FACT_MISMATCH',
  // `lockstep audit` and the check after each build (audit.ts)
  'AUDIT_PAGE_MISSING',
  // `lockstep merge` of a site built in shards (outputs/status-merge.ts)
  'STATUS_PART_MISSING',
  'AUDIT_TABLE_MISSING',
  'AUDIT_TABLE_EXTRA',
  'AUDIT_COLUMNS',
  'AUDIT_ROW_MISSING',
  'AUDIT_ROW_EXTRA',
  'AUDIT_ROW_ORDER',
  'AUDIT_NAME',
  'AUDIT_LINK',
  'AUDIT_VALUE',
  'AUDIT_LITERAL',
  'AUDIT_FORMATTED',
  // `lockstep import` (import/)
  'NO_FRONT_MATTER',
  'TRUNCATED',
  'NO_SECTIONS',
  'NO_LOCALE',
  'SOURCE_LOCALE',
  'OTHER_ARTICLE',
  'DUPLICATE_IMPORT',
  'IMPORT_NOT_WRITTEN',
  // The Eleventy site around the plugin (plugin/site-checks.ts)
  'NO_NUNJUCKS',
  'PAGE_COLLISION',
  'SITE_URL_PREFIX',
  // Translators' files coming back (exchange/)
  'EXCHANGE_MALFORMED',
  'EXCHANGE_LOCALE',
  'EXCHANGE_UNKNOWN_ID',
  'EXCHANGE_CODES',
  'EXCHANGE_TERM',
  'EXCHANGE_CONFLICT',
  'EXCHANGE_EDITED',
] as const;

/** A stable, machine-readable problem code such as `DUPLICATE_ID`: one of `PROBLEM_CODES`. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with the user's input, with where it is and what to do about it. */
export interface Problem {
  /** Stable machine-readable code, for example `DUPLICATE_ID`. */
  code: ProblemCode;
  /** What is wrong, what was expected and how to fix it. Identifiers in backticks. */
  message: string;
  /** Path of the file, relative to the project root when possible. */
  file: string;
  /**
   * 1-based; 1:1 when the problem concerns the whole file (editors and CI annotations need a
   * position).
   */
  line: number;
  col: number;
  /** `error` fails the build; `warning` is reported (and fails only in strict mode). */
  severity: 'error' | 'warning';
}

export type Position = { line: number; col: number };

export function problem(
  code: ProblemCode,
  message: string,
  file: string,
  pos: Position = { line: 1, col: 1 },
  severity: Problem['severity'] = 'error',
): Problem {
  return { code, message, file, line: pos.line, col: pos.col, severity };
}

/**
 * `file:line:col  message  [CODE]`, the format editors and CI annotators understand; always one
 * line, whatever the file name or message holds (see `printable`).
 */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  return printable(`${where}  ${p.message}  [${p.code}]`);
}

// Line breaks, C0 and C1 controls (ESC starts terminal sequences), DEL, bidi controls and other
// invisible format characters that can reorder or hide what a terminal or a CI log shows.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text safe to print as (part of) one line: every character above is written as an escape such as
 * `\n` or `\u202e`, so a quoted value cannot start a new line (a GitHub Actions `::error` command),
 * move the cursor or flip the text's direction.
 */
export function printable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (c) => NAMED[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      a.code.localeCompare(b.code),
  );
}

/** Thrown when the input cannot be built; carries every problem found, not only the first. */
export class LockstepError extends Error {
  readonly problems: Problem[];
  /**
   * Tells Eleventy's error handler the message says it all: no stack trace for a user's mistake.
   */
  readonly skipOriginalStack = true;
  /**
   * `message` replaces the default, which says the problems are in the site's data and nothing was
   * written.
   */
  constructor(problems: Problem[], message?: string) {
    const sorted = sortProblems(problems);
    const n = sorted.length;
    super(
      message ??
        `Lockstep found ${n} problem${n === 1 ? '' : 's'} in the site's data (listed above); nothing was written.`,
    );
    this.name = 'LockstepError';
    this.problems = sorted;
  }
}

/** The full report: one line per problem. */
export function formatProblems(problems: Problem[]): string {
  return sortProblems(problems).map(formatProblem).join('\n');
}

export function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** Backtick-quote a value for a message: a short excerpt (60 characters at most), on one line. */
/** `1 string`, `2 strings`: a number and its noun, for messages. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function q(value: unknown): string {
  const s = printable(typeof value === 'string' ? value : String(JSON.stringify(value)));
  const short = s.length > 60 ? s.slice(0, 57) + '...' : s;
  return '`' + short + '`';
}

/**
 * Maps offsets of `text` to 1-based line and column (in UTF-16 code units, as editors count them).
 */
export function positions(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}
