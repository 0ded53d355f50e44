import type { OutputName } from '../config.js';
import type { RunnableStep } from '../pipeline.js';
import type { Head } from '../render/view.js';
import type { BuildState } from '../state.js';

/**
 * How the host publishes one kind of file of an output, said without naming the host: the glue
 * turns each into an Eleventy template. `data` is where the views are in the build (`pages`,
 * `sitemap.xml`).
 */
export interface Publish {
  /** The template's name; the audit finds the article pages by it. */
  template: string;
  data: string;
  /**
   * One file per item of the list at `data`, at the item's `url`, the item named `each` in
   * templates; else one file at `url`.
   */
  each?: string;
  url?: string;
  /**
   * A page of the site, rendered by a layout with the head this picks from a page's data (the build
   * as `lockstep`, the item under `each`); without it, a file written as the text at `data` (or the
   * items' `text`). It must close over nothing: hosts may copy its source.
   */
  head?: (data: never) => Head;
  /** Pages that are not content (404, status, files) stay out of the site's collections. */
  inCollections?: boolean;
}

/**
 * An output: the step that makes its views, and how they are published. Registered in `steps.ts`.
 */
export interface Output {
  name: OutputName;
  step: RunnableStep<BuildState>;
  publish: Publish[];
}
