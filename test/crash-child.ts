/**
 * Run by `crash.test.ts` in a child process: one build, `accept` or `import` in a site folder,
 * killed with SIGKILL by itself at write step `at` (counting every file system call a write makes;
 * in the middle of the data when the step is a `writeSync`). Usage: crash-child.ts <dir>
 * <build|accept|import> <at> [files...]
 */
import { main } from '../plugin/cli.js';
import { build } from '../plugin/core/build.js';
import { realWriteOps, setWriteOps, type WriteOps } from '../plugin/core/write.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';

const [dir, command, at, ...files] = process.argv.slice(2);
let step = 0;
const die = () => process.kill(process.pid, 'SIGKILL');
const wrap = <K extends keyof WriteOps>(name: K) =>
  ((...args: unknown[]) => {
    if (step++ === Number(at)) {
      if (name === 'writeSync') {
        const [fd, data, offset, length] = args as [number, Buffer, number, number];
        realWriteOps.writeSync(fd, data, offset, Math.ceil(length / 2));
      }
      die();
    }
    return (realWriteOps[name] as (...a: unknown[]) => unknown)(...args);
  }) as WriteOps[K];
// Every call a write makes, as the seam names them.
setWriteOps(
  Object.fromEntries((Object.keys(realWriteOps) as (keyof WriteOps)[]).map((n) => [n, wrap(n)])),
);
console.log = console.error = console.warn = () => {};

if (command === 'build') build(dir!, coreConfig(resolveOptions()));
else if (command === 'accept') main(['accept', 'fr-FR'], dir);
else main(['import', ...files], dir);
// Reaching here means the kill point was past the last write.
process.exit(3);
