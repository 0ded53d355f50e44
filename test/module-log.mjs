// Preloaded by `libraries.test.ts` in a child process: every module imported (ESM and CommonJS
// that `import` loads) is appended to the file `LOCKSTEP_MODULE_LOG` names.
import { register } from 'node:module';

const hook = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LOCKSTEP_MODULE_LOG, url + '\\n');
  return next(url, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
