import i18next, { type TFunction } from 'i18next';
import { blank, type Locale } from '../load/locales.js';

export interface Translator {
  /** Text of `key` in `ns` for `locale`, falling back to the source locale. */
  t(locale: string, ns: string, key: string, options?: Record<string, unknown>): string;
}

/**
 * i18next's own options that change which string a key resolves to or how it is returned; every
 * other option is an interpolation variable, which cannot change a string without `{{`.
 * (`defaultValue` applies only to a missing key.)
 */
const RESOLVING_OPTIONS = new Set([
  'count',
  'ordinal',
  'context',
  'replace',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keySeparator',
  'nsSeparator',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'keyPrefix',
]);

/**
 * Keys of a locale's namespace that are not published (quarantined, see `QUARANTINE` in checks.ts).
 */
export type Held = (locale: string, ns: string) => ReadonlySet<string> | undefined;

/**
 * One isolated i18next instance per build: never the global one, so builds and tests cannot leak
 * into each other. Strings `held` back are not given to it at all, so every way of reaching them
 * (the page, a title, a `$t()` of another string) finds the source's text instead.
 */
export function createTranslator(locales: Locale[], source: Locale, held?: Held): Translator {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  const namespaces = new Set<string>();
  for (const l of locales) {
    resources[l.tag] = {};
    for (const [name, ns] of l.namespaces) {
      const keys = l === source ? undefined : held?.(l.tag, name);
      // Read when i18next first looks in it: a warm build's reused pages never do, and reading a
      // namespace known sound from the cache parses its file.
      let data: Record<string, unknown> | undefined;
      Object.defineProperty(resources[l.tag], name, {
        enumerable: true,
        configurable: true,
        get: () => (data ??= keys?.size ? without(ns.data, keys) : ns.data),
      });
      namespaces.add(name);
    }
  }
  // Made when a string first needs it (nesting, plurals, formats): most builds' strings are plain,
  // and its set-up reads a namespace of the source (a file a warm build otherwise never parses).
  let made: ReturnType<typeof i18next.createInstance> | undefined;
  const i18n = () => made ?? (made = init());
  const init = () => {
    const instance = i18next.createInstance();
    instance.init({
      resources,
      lng: source.tag,
      fallbackLng: source.tag,
      supportedLngs: locales.map((l) => l.tag),
      load: 'currentOnly',
      ns: [...namespaces],
      initAsync: false,
      returnEmptyString: false,
      returnNull: false,
      // Markdown rendering escapes text, and Nunjucks escapes plain strings: escaping here too
      // would double it.
      interpolation: { escapeValue: false },
    });
    return instance;
  };
  const fixed = new Map<string, TFunction>();
  const fixedT = (locale: string, ns: string) => {
    const id = locale + '\0' + ns;
    let t = fixed.get(id);
    if (!t) fixed.set(id, (t = i18n().getFixedT(locale, ns)));
    return t;
  };
  const byTag = new Map(locales.map((l) => [l.tag, l]));
  /**
   * Most lookups are a string found as it is: no interpolation, nesting, plural or context. Those
   * are read straight from the locale (else the source locale), as i18next would return them but
   * about a hundred times faster, which matters at tens of thousands of strings per build;
   * everything else goes to i18next.
   */
  const plain = (
    locale: string,
    ns: string,
    key: string,
    options?: Record<string, unknown>,
  ): string | undefined => {
    if (options)
      for (const k in options)
        if (RESOLVING_OPTIONS.has(k) || k.startsWith('defaultValue_')) return undefined;
    let text = byTag.get(locale)?.namespaces.get(ns)?.strings.get(key);
    if (text !== undefined && locale !== source.tag && held?.(locale, ns)?.has(key))
      text = undefined;
    // Only white space is not translated yet (`blank`), as the status says: the source text stands
    // in.
    if (blank(text)) text = source.namespaces.get(ns)?.strings.get(key);
    // A key neither language has: i18next returns the default value.
    if (text === undefined || text === '')
      text =
        typeof options?.defaultValue === 'string' && options.defaultValue !== ''
          ? options.defaultValue
          : undefined;
    if (text === undefined || text.includes('$t(')) return undefined;
    return text.includes('{{') ? interpolate(text, options) : text;
  };
  return {
    t: (locale, ns, key, options) =>
      plain(locale, ns, key, options) ?? String(fixedT(locale, ns)(key, options ?? {})),
  };
}

/**
 * `{{name}}` replaced by a string variable, as i18next does with `escapeValue: false`; undefined
 * for anything else (formats, `{{- name}}`, a variable that is missing or not a string), which
 * i18next handles.
 */
function interpolate(
  text: string,
  options: Record<string, unknown> | undefined,
): string | undefined {
  let failed = false;
  const out = text.replace(/\{\{([^{}]*)\}\}/g, (_, inner: string) => {
    const name = inner.trim();
    const value =
      /^[A-Za-z_$][\w$]*$/.test(name) && options && Object.hasOwn(options, name)
        ? options[name]
        : undefined;
    if (typeof value !== 'string' || value.includes('{{') || value.includes('$t(')) failed = true;
    return String(value);
  });
  return failed || out.includes('{{') ? undefined : out;
}

/**
 * A copy of nested resources without the dotted `keys`; only the objects on their paths are copied.
 */
function without(
  data: Record<string, unknown>,
  keys: ReadonlySet<string>,
): Record<string, unknown> {
  const out = { ...data };
  for (const key of keys) {
    const path = key.split('.');
    let node: Record<string, unknown> | undefined = out;
    for (const part of path.slice(0, -1)) {
      const child: unknown = node[part];
      if (!child || typeof child !== 'object') {
        node = undefined;
        break;
      }
      node = node[part] = { ...(child as Record<string, unknown>) };
    }
    if (node) delete node[path.at(-1)!];
  }
  return out;
}
