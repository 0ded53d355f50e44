import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type * as Yaml from 'yaml';

// Loaded when first used, not when the plugin is: a warm build that parses no YAML and renders no
// Markdown (every page reused) never loads either, which spares Eleventy's start about a tenth of a
// second. Synchronous on purpose (`require`): the build's steps are. `yaml` gives Node its CommonJS
// build under `import` too, so this is the very module an `import` would give; markdown-it's
// CommonJS build is one file, and every instance of Lockstep's comes from here.
const load = createRequire(import.meta.url);

let yamlLib: typeof Yaml | undefined;
/** The `yaml` library. */
export const yaml = (): typeof Yaml => (yamlLib ??= load('yaml') as typeof Yaml);

let markdownLib: typeof MarkdownIt | undefined;
/** markdown-it's constructor. */
export const markdownIt = (): typeof MarkdownIt =>
  (markdownLib ??= load('markdown-it') as typeof MarkdownIt);
