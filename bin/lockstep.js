#!/usr/bin/env node
import { existsSync } from 'node:fs';

// A source checkout has no `dist/` until it is compiled; the published package always has one.
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'lockstep: this checkout is not compiled yet; run `npm run build`, then try again.',
  );
  process.exit(2);
}
const { cli: run } = await import(cli.href);
process.exitCode = await run(process.argv.slice(2));
