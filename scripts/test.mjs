// Runs uvu and fails when a test did not run. uvu counts a suite whose `before` hook threw as
// "0 / N" yet exits 0 and prints no error (the hook's error is lost in its `finally`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// uvu's package exports do not list its bin; it sits in node_modules beside us.
const uvu = fileURLToPath(new URL('../node_modules/uvu/bin.js', import.meta.url));
const child = spawn(process.execPath, [uvu, '-r', 'tsx', 'test', ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  out += chunk;
});
child.on('close', (code) => {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  const count = (label) => Number(plain.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'))?.[1]);
  const [total, passed] = [count('Total'), count('Passed')];
  const short = (l) => {
    const m = l.match(/\((\d+) \/ (\d+)\)/);
    return m && Number(m[1]) < Number(m[2]);
  };
  const stalled = plain.split('\n').filter(short);
  if (code === 0 && (Number.isNaN(total) || passed < total)) {
    console.error(
      `\n${total - passed} test(s) did not run. A suite's \`before\` hook probably threw (uvu hides its error):\n${stalled.join('\n')}\nRun that file alone with a try/catch around the hook to see why.`,
    );
    process.exit(1);
  }
  process.exit(code ?? 1);
});
