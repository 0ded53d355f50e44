import { digest } from '../cache.js';
import type { LoadedLock } from './lock.js';
import { LockstepError, problem, q, type Problem } from '../problems.js';
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
  /**
   * Whether one of its strings nests another (`$t(`), when known without reading them (from the
   * build cache); undefined: read the strings.
   */
  readonly nests?: boolean;
  /** Whether one of its strings holds a `CONTROL` character, when known without reading them. */
  readonly controls?: boolean;
  /** False while a namespace the build cache knows sound is not parsed yet (`lazyNamespace`). */
  readonly parsed?: boolean;
  /** What the build cache knew of it, while it is not parsed. */
  readonly facts?: NamespaceFacts;
}

/** What later steps need of a sound namespace file without its strings: kept in the build cache. */
export interface NamespaceFacts {
  nests: boolean;
  /** Whether one of its strings holds a control character (`CONTROL`), which checks refuse. */
  controls: boolean;
  /**
   * Its `title` (absent: it has none): the one string every build reads of every article in every
   * language, for the language picker and the 404 pages.
   */
  title?: string;
  /**
   * Every string, by its dotted key, of the common namespace only: the theme's words, which every
   * language's 404 page and picker show (a few dozen short strings).
   */
  strings?: Record<string, string>;
  /** With `strings`: the nested resource i18next reads (it resolves the strings with variables). */
  data?: Record<string, unknown>;
}

/** Nested mappings of strings only: what a sound namespace's `data` is. */
const isStringTree = (v: unknown): v is Record<string, unknown> =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string' || isStringTree(x));

export const isNamespaceFacts = (v: unknown): v is NamespaceFacts => {
  const f = v as Partial<NamespaceFacts> | null;
  return (
    !!f &&
    typeof f === 'object' &&
    typeof f.nests === 'boolean' &&
    typeof f.controls === 'boolean' &&
    (f.title === undefined || typeof f.title === 'string') &&
    (f.strings === undefined ||
      (!!f.strings &&
        typeof f.strings === 'object' &&
        Object.values(f.strings).every((s) => typeof s === 'string'))) &&
    (f.data === undefined || (f.strings !== undefined && isStringTree(f.data)))
  );
};

/** The facts of `ns`; with `all`, its strings too (see `NamespaceFacts.strings`). */
export function namespaceFacts(ns: Namespace, all = false): NamespaceFacts {
  // A namespace not parsed keeps the strings it was known by, if any, without being parsed.
  const known = ns.parsed === false ? ns.facts : undefined;
  if (known && (known.strings !== undefined || !all)) return known;
  const title = ns.strings.get(TITLE);
  // Only a tree of strings is kept whole (a copy: nothing the build does to it reaches the cache).
  const whole = all && isStringTree(ns.data);
  return {
    nests: ns.nests ?? [...ns.strings.values()].some((s) => s.includes('$t(')),
    controls: ns.controls ?? [...ns.strings.values()].some((s) => CONTROL.test(s)),
    ...(title === undefined ? {} : { title }),
    ...(whole
      ? {
          strings: Object.fromEntries(ns.strings),
          data: JSON.parse(JSON.stringify(ns.data)) as Record<string, unknown>,
        }
      : {}),
  };
}

const TITLE = 'title';

/** C0 controls but tab and line breaks, DEL, and the bidirectional embeddings and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\0-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]/;

/**
 * The strings of a namespace not parsed yet: `title` is answered from the cached facts, anything
 * else parses the file (`load`) and reads its strings.
 */
class LazyStrings extends Map<string, string> {
  constructor(
    private readonly load: () => Map<string, string>,
    private readonly facts: NamespaceFacts,
  ) {
    super();
  }
  override get(key: string): string | undefined {
    const all = this.facts.strings;
    if (all) return Object.hasOwn(all, key) ? all[key] : undefined;
    return key === TITLE ? this.facts.title : this.load().get(key);
  }
  override has(key: string): boolean {
    const all = this.facts.strings;
    if (all) return Object.hasOwn(all, key);
    return key === TITLE ? this.facts.title !== undefined : this.load().has(key);
  }
  override get size(): number {
    return this.load().size;
  }
  override keys() {
    return this.load().keys();
  }
  override values() {
    return this.load().values();
  }
  override entries() {
    return this.load().entries();
  }
  override [Symbol.iterator]() {
    return this.load()[Symbol.iterator]();
  }
  override forEach(
    fn: (value: string, key: string, map: Map<string, string>) => void,
    that?: unknown,
  ) {
    this.load().forEach(fn, that);
  }
  override set(key: string, value: string): this {
    this.load().set(key, value);
    return this;
  }
  override delete(key: string): boolean {
    return this.load().delete(key);
  }
  override clear(): void {
    this.load().clear();
  }
}

/**
 * How many namespace files this process parsed, and which when `files` is set: what tests count (a
 * warm build parses only the files it reads).
 */
export const namespaceParses: { count: number; files?: string[] } = { count: 0 };

/**
 * A namespace whose text (of digest `digest`) the build cache knows to be sound, with `facts`: its
 * text is parsed only when something reads its strings, data or positions.
 */
export function lazyNamespace(
  file: string,
  text: () => string,
  digest: string,
  facts: NamespaceFacts,
): Namespace {
  let ns: Namespace | undefined;
  const strings = new LazyStrings(() => get().strings, facts);
  const get = (): Namespace => {
    if (ns) return ns;
    const r = parseNamespace(text(), file, digest);
    // The entry is keyed by the file's digest: only a cache file written by hand gets here.
    if (!r.ns) throw new LockstepError(r.problems);
    return (ns = r.ns);
  };
  return {
    file,
    digest,
    nests: facts.nests,
    controls: facts.controls,
    facts,
    get src() {
      return get().src;
    },
    get data() {
      return ns ? ns.data : (facts.data ?? get().data);
    },
    get strings() {
      return ns ? ns.strings : strings;
    },
    get parsed() {
      return ns !== undefined;
    },
  };
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
  digest?: string,
): { ns?: Namespace; problems: Problem[] } {
  namespaceParses.count++;
  namespaceParses.files?.push(file);
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
  if (src.strings)
    return { ns: namespace(file, src, value, src.strings, text, digest), problems: [] };
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
    : { ns: namespace(file, src, value, strings, text, digest), problems };
}

function namespace(
  file: string,
  src: YamlSource,
  data: Record<string, unknown>,
  strings: Map<string, string>,
  text: string,
  known?: string,
): Namespace {
  // Only a build with a cache needs the digest (`known` when the caller has it, of the file's
  // bytes); the text is kept for positions anyway.
  let d = known;
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
