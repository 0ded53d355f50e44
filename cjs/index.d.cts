import type { LockstepOptions } from '../dist/index.js';
export type { LockstepOptions, PageView, LockstepHead } from '../dist/index.js';
declare function lockstep(eleventyConfig: unknown, options?: LockstepOptions): Promise<void>;
declare namespace lockstep {
  const eleventyPackage: string;
  const eleventyPluginOptions: { unique: true };
}
export = lockstep;
