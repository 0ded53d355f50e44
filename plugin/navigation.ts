/**
 * `eleventyNavigation` data for Lockstep's article pages, so `@11ty/eleventy-navigation` lists
 * them. A site's navigation is usually per language: `parent` may hold `{locale}`, replaced by the
 * page's tag, so each language's pages hang under a key of their own.
 */

/** The `navigation` option: `false` for none, or where the pages go in the site's menu. */
export type NavigationOption =
  | boolean
  | {
      /**
       * The key of the entry the article pages are children of; `{locale}` is replaced by the
       * page's BCP 47 tag (`'docs-{locale}'` gives `docs-fr-FR`). Default: none (top-level
       * entries).
       */
      parent?: string;
    };

/** What eleventy-navigation reads from a page's data. */
export interface NavigationEntry {
  /** Unique per article and locale: `<tag>/<article>`, such as `fr-FR/getting-started`. */
  key: string;
  title: string;
  parent?: string;
}

/** The entry of one article page, or undefined when the option turns navigation off. */
export function navigationEntry(
  option: NavigationOption,
  page: { article: string; locale: string; title: string },
): NavigationEntry | undefined {
  if (option === false) return undefined;
  const entry: NavigationEntry = { key: `${page.locale}/${page.article}`, title: page.title };
  const parent = option === true ? undefined : option.parent;
  if (parent !== undefined) entry.parent = parent.replaceAll('{locale}', page.locale);
  return entry;
}

/** Why a `navigation` option is not one, for the options' checks; undefined when it is. */
export function navigationProblem(value: unknown): string | undefined {
  const expected =
    "option `navigation` must be `true`, `false` or an object such as `{ parent: 'docs-{locale}' }`";
  if (typeof value === 'boolean') return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return `${expected}; found ${typeof value === 'string' ? `'${value}'` : String(value)}.`;
  const other = Object.keys(value).filter((k) => k !== 'parent');
  if (other.length)
    return `${expected}; \`${other.join('`, `')}\` is not one of its fields (only \`parent\`).`;
  const parent = (value as { parent?: unknown }).parent;
  if (parent !== undefined && (typeof parent !== 'string' || parent.trim() === ''))
    return `${expected}; its \`parent\` must be a non-empty key.`;
  return undefined;
}
