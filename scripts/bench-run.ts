/**
 * What `npm run bench` runs and times: each build in a child process of its own (the Eleventy CLI
 * with and without the plugin, Hugo), the plugin's phases in a fresh process, watch-mode rebuilds
 * and shards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo } from './bench-site.js';

export const ELEVENTY = join(repo, 'node_modules/@11ty/eleventy/cmd.cjs');
const DIST = pathToFileURL(join(repo, 'dist')).href;

/**
 * One timed run of a child: wall time from spawn to exit, peak resident memory, peak V8 heap
 * (sampled).
 */
export interface Run {
  wallMs: number;
  cpuMs?: number;
  maxRssBytes?: number;
  peakHeapBytes?: number;
  heapLimitBytes?: number;
  stdout: string;
}

/**
 * Flush the files earlier builds wrote (`sync`, where the system has it) before a timed build:
 * otherwise their write-back lands in whichever build runs next, and the floor, which is mostly
 * file writes, moved by 2× between runs.
 */
function settle(): void {
  spawnSync('sync', [], { stdio: 'ignore' });
}

/**
 * Loaded with `--import` into every Node child: writes its peak memory to `$BENCH_PROBE_OUT` on
 * exit.
 */
const PROBE = `import v8 from 'node:v8';
import { writeFileSync } from 'node:fs';
let peak = 0;
const sample = () => { const u = v8.getHeapStatistics().used_heap_size; if (u > peak) peak = u; };
setInterval(sample, 10).unref();
process.on('exit', () => {
  sample();
  const r = process.resourceUsage();
  writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({ cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000, maxRssBytes: r.maxRSS * 1024, peakHeapBytes: peak, heapLimitBytes: v8.getHeapStatistics().heap_size_limit }));
});
`;

/**
 * Run `node [nodeArgs] script args` in `cwd` with the memory probe; throws with its output when it
 * fails.
 */
export function runNode(
  work: string,
  cwd: string,
  script: string,
  args: string[],
  opts: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Run {
  const probe = join(work, 'probe.mjs');
  if (!existsSync(probe)) writeFileSync(probe, PROBE);
  const out = join(work, `probe-${process.pid}.json`);
  rmSync(out, { force: true });
  settle();
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', pathToFileURL(probe).href, script, ...args],
    {
      cwd,
      env: { ...process.env, ...opts.env, BENCH_PROBE_OUT: out },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const wallMs = performance.now() - start;
  if (r.status !== 0)
    throw new Error(
      `bench: \`node ${script} ${args.join(' ')}\` in ${cwd} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  const mem = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
  return { wallMs, ...mem, stdout: r.stdout + r.stderr };
}

/**
 * `npx eleventy` in `cwd` with its config; the output folder is emptied first, so every run writes
 * every page, unless `keepOutput` (a second local build, which finds the previous one's files).
 */
export function eleventy(
  work: string,
  cwd: string,
  output = '_site',
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  keepOutput = false,
): Run {
  if (!keepOutput) rmSync(join(cwd, output), { recursive: true, force: true });
  return runNode(
    work,
    cwd,
    ELEVENTY,
    ['--config=eleventy.config.mjs', `--output=${output}`, '--quiet'],
    { env, nodeArgs },
  );
}

export function hugoVersion(): string | undefined {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.match(/v[\d.]+/)?.[0] : undefined;
}

/** `hugo --quiet` in `cwd`; peak memory from `/usr/bin/time` when the machine has it. */
export function hugo(cwd: string): Run {
  rmSync(join(cwd, 'public'), { recursive: true, force: true });
  const time = existsSync('/usr/bin/time');
  settle();
  const start = performance.now();
  const r = time
    ? spawnSync(
        '/usr/bin/time',
        ['-f', 'BENCH_MAXRSS_KB=%M BENCH_CPU_S=%U+%S', 'hugo', '--quiet'],
        { cwd, encoding: 'utf8' },
      )
    : spawnSync('hugo', ['--quiet'], { cwd, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (r.status !== 0)
    throw new Error(
      `bench: \`hugo\` in ${cwd} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  const kb = r.stderr.match(/BENCH_MAXRSS_KB=(\d+)/)?.[1];
  const cpu = r.stderr.match(/BENCH_CPU_S=([\d.]+)\+([\d.]+)/);
  return {
    wallMs,
    cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined,
    maxRssBytes: kb ? Number(kb) * 1024 : undefined,
    stdout: r.stdout,
  };
}

/** The plugin's own work, step by step, as `build()` does it, timed in a fresh process. */
const PHASES = `const ms = () => performance.now();
let t = ms();
const { loadSite } = await import('${DIST}/core/load/site.js');
const { createTranslator } = await import('${DIST}/core/render/i18n.js');
const { assess, staleKeys } = await import('${DIST}/core/check/quality.js');
const { writeLock } = await import('${DIST}/core/load/lock.js');
const { buildPages } = await import('${DIST}/core/render/view.js');
const { statusView } = await import('${DIST}/core/outputs/status.js');
const { audit } = await import('${DIST}/core/audit/audit.js');
const { DirectTheme } = await import('${DIST}/direct.js');
const { resolveOptions, coreConfig } = await import('${DIST}/options.js');
const { join, resolve } = await import('node:path');
const { readFileSync } = await import('node:fs');
const out = {};
const lap = (name) => { const now = ms(); out[name] = now - t; t = now; };
lap('import');
const options = resolveOptions({}, 'src');
const { site, problems } = loadSite(process.cwd(), coreConfig(options));
if (!site) throw new Error(JSON.stringify(problems.slice(0, 3)));
lap('load');
const tr = createTranslator(site.locales, site.source);
lap('i18n');
const quality = assess(site, resolve(options.localesDir));
lap('checks');
for (const l of quality.locks) if (l.changed) writeLock(l.file, l.lock);
lap('lock');
if (!process.env.BENCH_SETUP_ONLY) {
  const pages = buildPages(site, tr, staleKeys(quality));
  statusView(site, quality);
  lap('views');
  // The article pages through the package's theme, from the views, as a build renders them
  // (\`DirectTheme\`, Eleventy's \`url\` filter without a path prefix): what rendering costs alone.
  const theme = new DirectTheme();
  theme.reset();
  theme.host = { opts: {}, getFilter: () => (url) => url };
  const dir = resolve(process.env.BENCH_AUDIT_DIR ?? '_site');
  const html = new Map();
  for (const p of pages)
    html.set(
      join(dir, p.url, 'index.html'),
      theme.render('lockstep/article.njk', { lockstepPage: p, lockstepHead: p, title: p.title, lang: p.lang }),
    );
  lap('render');
  if (process.env.BENCH_AUDIT_DIR) {
    // As a build audits: the pages it has just rendered, in memory.
    const r = audit(dir, { files: [...html.keys()], html, cwd: process.cwd() });
    if (r.problems.length) throw new Error('audit: ' + r.problems.length + ' differences');
    lap('audit');
    // Not timed: the rendered pages must be the build's, or the render and audit laps mean nothing.
    out.renderedIdentical = 0;
    for (const [file, text] of html) {
      let written;
      try { written = readFileSync(file, 'utf8'); } catch {}
      if (written === text) out.renderedIdentical++;
    }
  }
  out.pages = pages.length;
}
out.strings = site.locales.reduce((n, l) => n + [...l.namespaces.values()].reduce((m, ns) => m + ns.strings.size, 0), 0);
console.log(JSON.stringify(out));
`;

export interface Phases {
  import: number;
  load: number;
  i18n: number;
  checks: number;
  lock: number;
  views?: number;
  /** The article pages rendered through the package's theme from the views. */
  render?: number;
  audit?: number;
  pages?: number;
  /** Rendered pages byte-identical to the build's (with `auditDir`). */
  renderedIdentical?: number;
  strings: number;
}

export function phases(
  work: string,
  site: string,
  opts: { setupOnly?: boolean; auditDir?: string } = {},
): Phases & { run: Run } {
  const script = join(work, 'phases.mjs');
  writeFileSync(script, PHASES);
  const env: Record<string, string> = {};
  if (opts.setupOnly) env.BENCH_SETUP_ONLY = '1';
  if (opts.auditDir) env.BENCH_AUDIT_DIR = opts.auditDir;
  const run = runNode(work, site, script, [], { env });
  return { ...JSON.parse(run.stdout.trim().split('\n').at(-1)!), run };
}

/**
 * Watch mode: start `eleventy --watch`, wait for its first build, then apply each edit in turn and
 * time until Eleventy reports the rebuild ("Wrote ... files"). After the last rebuild, wait
 * `settleMs` and count further rebuilds: any means the build's own writes (lock files) trigger it
 * again. `args` go to Eleventy (`--incremental`).
 */
export async function watch(
  cwd: string,
  edits: { name: string; apply: () => void; shows?: { file: string; text: RegExp } }[],
  settleMs = 3000,
  args: string[] = [],
): Promise<{
  firstMs: number;
  rebuilds: { name: string; ms: number; visibleMs?: number }[];
  extra: number;
}> {
  rmSync(join(cwd, '_site'), { recursive: true, force: true });
  const argv = [ELEVENTY, '--config=eleventy.config.mjs', '--watch', ...args];
  const child = spawn(process.execPath, argv, {
    cwd,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let wrote = 0;
  let waiter: (() => void) | undefined;
  const onData = (d: Buffer) => {
    log += d.toString();
    const n = (log.match(/Wrote \S*\d+\S* files?/g) ?? []).length;
    if (n > wrote) {
      wrote = n;
      waiter?.();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const next = (timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `bench: no rebuild within ${timeoutMs} ms in watch mode; output:\n${log.slice(-3000)}`,
            ),
          ),
        timeoutMs,
      );
      waiter = () => {
        clearTimeout(timer);
        waiter = undefined;
        resolve();
      };
    });
  try {
    const start = performance.now();
    await next(600_000);
    const firstMs = performance.now() - start;
    // Let the watcher settle before the first edit.
    await new Promise((r) => setTimeout(r, 1000));
    const rebuilds = [];
    for (const e of edits) {
      const t = performance.now();
      const done = next(600_000);
      // When the edited page's file shows the edit (written early, or by the rebuild).
      let visibleMs: number | undefined;
      const poll = e.shows
        ? setInterval(() => {
            if (visibleMs !== undefined) return;
            try {
              if (e.shows!.text.test(readFileSync(e.shows!.file, 'utf8')))
                visibleMs = performance.now() - t;
            } catch {}
          }, 10)
        : undefined;
      e.apply();
      await done;
      if (poll) clearInterval(poll);
      rebuilds.push({ name: e.name, ms: performance.now() - t, visibleMs });
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, settleMs));
    return { firstMs, rebuilds, extra: wrote - 1 - edits.length };
  } finally {
    child.kill('SIGTERM');
  }
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
