import { digest } from '../cache.js';
import type { LoadedLock } from './lock.js';
import { problem, q, type Problem } from '../problems.js';
import { parseYaml, type PathPart, type YamlSource } from './yaml-source.js';

export const LOCALE_FILE = /\.(ya?ml|json)$/;

/** One namespace file of one locale, flattened to dotted keys. */
export interface Namespace {
  file: string;
  src: YamlSource;
  /** The nested resource i18next reads. */
  data: Record<string, unknown>;
  /** `sections.intro.p1` -> text. */
  strings: Map<string, string>;
  /**
   * Digest of the file's text: what cached results made from it are keyed by (worked out when first
   * read).
   */
  readonly digest?: string;
}

export interface Locale {
  /** Canonical BCP 47 tag, for example `zh-TW`. */
  tag: string;
  /** Lower-case tag used in URLs. */
  slug: string;
  dir: 'ltr' | 'rtl';
  /**
   * The locale's folder as named on disk, and its path relative to the project root (for messages).
   */
  folder: string;
  path: string;
  namespaces: Map<string, Namespace>;
  /** Namespaces whose file had problems (already reported). */
  broken: Set<string>;
  /**
   * Its `translations.lock` as `loadSite` read and checked it (`text` undefined: there is none).
   */
  lock?: LoadedLock;
}

/**
 * No text, or only white space: a string not translated yet. (Trims only text that starts or ends
 * with a space, sparing a copy of nearly every string.)
 */
export function blank(text: string | undefined): boolean {
  return (
    !text || ((text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) && !text.trim())
  );
}

/** Canonical BCP 47 tag, or undefined when `name` is not one (so `../x` never becomes a path). */
export function canonicalTag(name: string): string | undefined {
  if (!/^[A-Za-z0-9-]+$/.test(name)) return undefined;
  try {
    const [tag] = Intl.getCanonicalLocales(name);
    // A language of 4 to 8 letters is well-formed, but none is registered: a folder `french`.
    return tag && tag !== 'und' && !/^[a-z]{4,8}(-|$)/.test(tag) ? tag : undefined;
  } catch {
    return undefined;
  }
}

const RTL_SCRIPTS = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);

export function textDirection(tag: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(tag) as Intl.Locale & { textInfo?: { direction?: string } };
  const direction = locale.textInfo?.direction;
  if (direction === 'rtl' || direction === 'ltr') return direction;
  return RTL_SCRIPTS.has(locale.maximize().script ?? '') ? 'rtl' : 'ltr';
}

export function invalidTagProblem(name: string, file: string): Problem {
  return problem(
    'INVALID_LOCALE',
    `${q(name)} is not a valid BCP 47 language tag; name the locale like \`fr-FR\`, \`pt-BR\` or \`zh-TW\` (a folder of that name, or an entry of the \`locales\` option).`,
    file,
  );
}

/** Parse one namespace file; leaves must be strings, keys must not contain `.` or `:`. */
export function parseNamespace(
  text: string,
  file: string,
): { ns?: Namespace; problems: Problem[] } {
  // Empty is not "nothing translated": it is nearly always a file cut short, and reading it as no
  // strings would drop its lock entries.
  if (!text.trim())
    return {
      problems: [
        problem(
          'EMPTY_LOCALE_FILE',
          `The locale file is empty${text ? ' (only white space)' : ''}: it was probably cut short while it was written. Restore it from git (\`git checkout -- ${file}\`), or delete it if this language has no strings for it yet.`,
          file,
          { line: 1, col: 1 },
        ),
      ],
    };
  const src = parseYaml(text, file);
  if (src.problems.length) return { problems: src.problems };
  const value = src.value ?? {};
  if (!isRecord(value))
    return {
      problems: [
        problem(
          'WRONG_TYPE',
          `A locale file must be a mapping of keys to strings, such as \`title: Guide\`; found ${kindOf(value)} instead. Check that this is a locale file.`,
          file,
          { line: 1, col: 1 },
        ),
      ],
    };
  // The fast reader has the flat keys already (and accepts no key with `.` or `:`, nor any leaf but
  // text).
  if (src.strings) return { ns: namespace(file, src, value, src.strings, text), problems: [] };
  const strings = new Map<string, string>();
  const problems: Problem[] = [];
  // The path is built only for a problem's position; the dotted key as we go.
  const walk = (node: Record<string, unknown>, path: PathPart[], prefix: string) => {
    for (const key in node) {
      const v = node[key];
      const dotted = prefix + key;
      if (typeof v === 'string' && !key.includes('.') && !key.includes(':')) {
        strings.set(dotted, v);
        continue;
      }
      const here = [...path, key];
      if (/[.:]/.test(key)) {
        problems.push(
          problem(
            'INVALID_KEY',
            `Key ${q(key)} contains \`.\` or \`:\`, which separate keys; nest it as a mapping instead.`,
            file,
            src.pos(here, { key: true }),
          ),
        );
      } else if (typeof v === 'string') {
        strings.set(dotted, v);
      } else if (isRecord(v)) {
        walk(v, here, dotted + '.');
      } else {
        const found =
          v === null ? 'nothing' : Array.isArray(v) ? 'a list' : `the ${typeof v} ${q(v)}`;
        const fix =
          v === null
            ? 'write the text or remove the key'
            : Array.isArray(v)
              ? 'give each item its own key'
              : `quote it: \`${key}: "${String(v)}"\``;
        problems.push(
          problem(
            'LOCALE_NOT_STRING',
            `${q(dotted)} must be a string; found ${found}. ${cap(fix)}.`,
            file,
            src.pos(here),
          ),
        );
      }
    }
  };
  walk(value, [], '');
  return problems.length
    ? { problems }
    : { ns: namespace(file, src, value, strings, text), problems };
}

function namespace(
  file: string,
  src: YamlSource,
  data: Record<string, unknown>,
  strings: Map<string, string>,
  text: string,
): Namespace {
  // Only a build with a cache needs the digest; the text is kept for positions anyway.
  let d: string | undefined;
  return {
    file,
    src,
    data,
    strings,
    get digest() {
      return (d ??= digest(text));
    },
  };
}

/**
 * What a value is, never what it says: a file that is not a locale file (a linked `.npmrc`) may
 * hold secrets.
 */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `text (${v.length} characters)`;
  return typeof v === 'number'
    ? 'a number'
    : typeof v === 'boolean'
      ? 'a boolean'
      : 'a single value';
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
