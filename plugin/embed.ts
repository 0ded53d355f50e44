import type { Build } from './core/build.js';
import { embedLocale, EmbedError, renderField, renderTable } from './core/render/embed.js';

interface Host {
  addShortcode(name: string, fn: (...args: never[]) => string): void;
  addFilter(name: string, fn: (...args: never[]) => string): void;
}

/** What Eleventy binds `this` to in shortcodes and filters. */
interface Context {
  page?: { lang?: string; url?: string | false; inputPath?: string };
}

/**
 * `lockstepTable` and `lockstepField`, as shortcodes (Nunjucks, Liquid, and Markdown through its
 * preprocessor) and as filters: `{% lockstepTable "article", "table-id" %}`,
 * `{% lockstepField "article", "item", "field" %}`, each with an optional last argument naming the
 * locale (else `page.lang` or the page's locale folder).
 */
export function registerEmbedding(host: Host, current: () => Build | undefined): void {
  const guard = (name: string, fn: (build: Build, ctx: Context) => string) =>
    function (this: Context | undefined): string {
      const build = current();
      if (!build)
        throw new Error(`Internal error: \`${name}\` ran before Lockstep loaded the site.`);
      try {
        return fn(build, this ?? {});
      } catch (e) {
        if (!(e instanceof EmbedError)) throw e;
        const where = this?.page?.inputPath ? ` in \`${this.page.inputPath}\`` : '';
        throw new EmbedError(`Lockstep \`${name}\`${where}: ${e.message}`);
      }
    };
  const table = (article: string, id: string, locale?: string) =>
    guard('lockstepTable', (b, ctx) =>
      renderTable(b, article, id, embedLocale(b.site, locale, ctx.page)),
    );
  const field = (article: string, item: string, name: string) =>
    guard('lockstepField', (b) => renderField(b, article, item, name));
  for (const add of [host.addShortcode.bind(host), host.addFilter.bind(host)]) {
    add('lockstepTable', function (this: Context, article: string, id: string, locale?: string) {
      return table(article, id, locale).call(this);
    } as never);
    add('lockstepField', function (this: Context, article: string, item: string, name: string) {
      return field(article, item, name).call(this);
    } as never);
  }
}
