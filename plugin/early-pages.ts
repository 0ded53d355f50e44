import { join, resolve } from 'node:path';
import { pageFile } from './output-dirs.js';
import { writeFileAtomic } from './core/write.js';
import type { PageEntry } from './core/render/view.js';

/** An article page a watch rebuild makes again, with what renders it. */
export interface EarlyPage {
  page: PageEntry;
  html: () => string;
}

/**
 * Watch mode: the article pages an edit of locale files or datasets changed, written straight to
 * the output folder before Eleventy's rebuild starts. At thousands of templates Eleventy takes
 * seconds before it writes anything; the rebuild that follows writes the same bytes (the theme
 * keeps each finished page by its view) and everything else the edit touched. Returns the
 * addresses of the pages written.
 */
export function writeEarly(pages: EarlyPage[], outputDir: string, root: string): string[] {
  const out = resolve(root, outputDir);
  const written: string[] = [];
  for (const { page, html } of pages) {
    const file = pageFile(out, page.url);
    if (file === undefined) continue;
    try {
      // As Eleventy writes pages: not synced (a page is made again from the inputs).
      writeFileAtomic(file, html(), { sync: false });
      written.push(page.url);
    } catch {
      // Only sooner than the rebuild, which writes this page too and reports what fails.
    }
  }
  return written;
}

/** The file the development server watches: a change reloads the browser before the rebuild. */
export function reloadSignal(cacheDir: string, root: string): string {
  return join(resolve(root, cacheDir), 'early-pages.txt');
}
