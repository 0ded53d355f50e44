import type * as esm from '../dist/index.js';

/** The plugin, as `require('eleventy-plugin-lockstep')` gives it (no `.default`). */
declare function lockstep(eleventyConfig: unknown, options?: esm.LockstepOptions): Promise<void>;
declare namespace lockstep {
  export const eleventyPackage: string;
  export const eleventyPluginOptions: { unique: true };
  export type LockstepOptions = esm.LockstepOptions;
  export type PageView = esm.PageView;
  export type LockstepHead = esm.LockstepHead;
}
export = lockstep;
