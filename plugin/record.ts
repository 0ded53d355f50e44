import type { LockstepOptions } from './options.js';
import type { Directories } from './theme.js';

/** What one `addPlugin(lockstep, options)` was given, for the command line to read back. */
export interface RecordedSite {
  options: LockstepOptions;
  directories?: Directories;
}

// On `globalThis` under a registered symbol, so a second copy of the package (the site's own
// `node_modules` and the CLI's) still shares one list.
const KEY = Symbol.for('eleventy-plugin-lockstep.sites');
const store = globalThis as { [KEY]?: RecordedSite[] };

/** Called by the plugin each time Eleventy runs it. */
export function recordSite(options: LockstepOptions, directories?: Directories): void {
  (store[KEY] ??= []).push({ options, directories: directories && { ...directories } });
}

/** Every site recorded since the last call, and forget them. */
export function takeRecordedSites(): RecordedSite[] {
  const sites = store[KEY] ?? [];
  store[KEY] = [];
  return sites;
}
