/**
 * `npm run bench`: builds generated sites with Lockstep, with plain Eleventy (the same pages from
 * the same templates, strings already resolved, no plugin: the floor) and with Hugo when it is
 * installed, and times the plugin's own phases. `npm run bench -- --help` lists the options.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readTables, tableValues } from '../plugin/core/audit/html-tables.js';
import {
  eleventy,
  hugo,
  hugoVersion,
  median,
  phases,
  runNode,
  watch,
  type Phases,
  type Run,
} from './bench-run.js';
import { repo, type SiteParams } from './bench-site.js';
import { prepare, prepareSameBytes, type Prepared, type SiteSpec } from './bench-sites.js';

const SYNTHETIC = { partners: 15, strings: 60, missing: 0.05, stale: 0.02 };
export const WORKLOADS: Record<string, { title: string; site: SiteSpec; setupOnly?: boolean }> = {
  small: { title: "this repository's site", site: 'repo' },
  // The real article with its real findings, copied (`--copies`, default 300).
  real: { title: "this repository's article and locale files, copied", site: { copies: 300 } },
  medium: { title: 'synthetic', site: { articles: 100, locales: 20, ...SYNTHETIC } },
  large: { title: 'synthetic', site: { articles: 200, locales: 50, ...SYNTHETIC } },
  // 20 articles of 100 strings: 2,000 strings in each of 50 locales (plus the common ones). Setup
  // only.
  setup: {
    title: 'synthetic, setup only',
    site: { articles: 20, locales: 50, ...SYNTHETIC, strings: 100 },
    setupOnly: true,
  },
};

export interface BenchOptions {
  workloads: string[];
  runs: number;
  hugo: boolean;
  /** Also time watch-mode rebuilds after a one-string change and a dataset change. */
  watch: boolean;
  /**
   * Also build the site in this many locale shards (`LOCKSTEP_LOCALES`), merge them and audit the
   * result.
   */
  shards: number;
  /** Keep the generated folders (their path is in the result). */
  keep: boolean;
  /**
   * Generate into this folder (kept) instead of a temporary one; a later run with the same workload
   * reuses the generated site.
   */
  dir?: string;
  /** Write CPU profiles of the Lockstep build into this folder. */
  cpuProf?: string;
  /** Parameters of a `custom` workload. */
  custom?: Partial<SiteParams>;
  /** Copies of the real article in the `real` workload (default 300). */
  copies?: number;
}

interface Measure {
  wallMs: number;
  cpuMs?: number;
  pagesPerSec: number;
  maxRssBytes?: number;
  peakHeapBytes?: number;
  heapLimitBytes?: number;
  runsMs: number[];
}

export interface WorkloadResult {
  workload: string;
  title: string;
  params: SiteSpec;
  articles: number;
  locales: number;
  /** Article pages: one per article and locale. */
  pages: number;
  /** Strings in all locale files together. */
  strings: number;
  runs: number;
  /**
   * The Lockstep build with an empty cache (every check and page audit done), and with the cache
   * the previous build left.
   */
  lockstep?: Measure;
  warm?: Measure;
  plain?: Measure;
  /** The second floor: plain Eleventy writing the same files' bytes, no templates. */
  bytes?: Measure & { files: number };
  hugo?: Measure & { version: string };
  /**
   * Lockstep time over plain Eleventy time (wall, and CPU which a busy machine disturbs less), and
   * the extra milliseconds per page.
   */
  ratio?: number;
  cpuRatio?: number;
  overheadMsPerPage?: number;
  warmRatio?: number;
  warmCpuRatio?: number;
  warmOverheadMsPerPage?: number;
  /** Lockstep over the same-bytes floor, cold and warm (wall). */
  bytesRatio?: number;
  warmBytesRatio?: number;
  /** The plugin's phases in a fresh process, medians in milliseconds. */
  phases: Partial<
    Record<'import' | 'load' | 'i18n' | 'checks' | 'lock' | 'views' | 'render' | 'audit', number>
  > & { setup: number };
  verified: {
    lockstepPages: number;
    plainIdentical: number;
    plainDifferent: string[];
    hugoTablesCompared: number;
    hugoTablesDifferent: string[];
    /** Files of the same-bytes floor's output equal to the Lockstep build's, of how many. */
    bytesIdentical?: number;
    bytesFiles?: number;
    /** Article pages the phases' render made byte-identical to the build's (fewest of the runs). */
    renderedIdentical?: number;
  };
  watch?: {
    firstMs: number;
    rebuilds: { name: string; ms: number; visibleMs?: number }[];
    extraRebuilds: number;
    pageUpdated: boolean;
    plain?: { firstMs: number; rebuilds: { name: string; ms: number }[] };
    /** Lockstep again with Eleventy's `--incremental`. */
    incremental?: { firstMs: number; rebuilds: { name: string; ms: number; visibleMs?: number }[] };
  };
  shards?: {
    count: number;
    locales: string[][];
    runsMs: number[];
    /** CPU time of each shard: steadier than wall time on a busy machine. */
    cpuMs: number[];
    maxMs: number;
    sumMs: number;
    auditMs: number;
    auditOutput: string;
    mergeMs: number;
    mergeOutput: string;
    /** Article pages and status pages of the merged folder equal to the full build's. */
    identicalToFull: boolean;
  };
  dir?: string;
}

const articlePages = (out: string) =>
  existsSync(out)
    ? readdirSync(out, { withFileTypes: true })
        // The status pages have a folder per language too.
        .filter((l) => l.isDirectory() && l.name !== 'translation-status')
        .flatMap((l) =>
          readdirSync(join(out, l.name), { withFileTypes: true })
            .filter((a) => a.isDirectory() && existsSync(join(out, l.name, a.name, 'index.html')))
            .map((a) => `${l.name}/${a.name}/index.html`),
        )
    : [];

function measure(runs: Run[], pages: number): Measure {
  const wallMs = median(runs.map((r) => r.wallMs));
  const pick = (k: 'maxRssBytes' | 'peakHeapBytes' | 'heapLimitBytes') =>
    runs.every((r) => r[k] !== undefined) ? Math.max(...runs.map((r) => r[k]!)) : undefined;
  const cpuMs = runs.every((r) => r.cpuMs !== undefined)
    ? median(runs.map((r) => r.cpuMs!))
    : undefined;
  return {
    wallMs,
    cpuMs,
    pagesPerSec: pages / (wallMs / 1000),
    maxRssBytes: pick('maxRssBytes'),
    peakHeapBytes: pick('peakHeapBytes'),
    heapLimitBytes: pick('heapLimitBytes'),
    runsMs: runs.map((r) => r.wallMs),
  };
}

export async function bench(
  opts: BenchOptions,
  log: (line: string) => void = () => {},
): Promise<WorkloadResult[]> {
  const results: WorkloadResult[] = [];
  const root = opts.dir ? resolve(opts.dir) : mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const keep = opts.keep || !!opts.dir;
  try {
    for (const name of opts.workloads)
      results.push(await workload(name, join(root, name), { ...opts, keep }, log));
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
  return results;
}

async function workload(
  name: string,
  root: string,
  opts: BenchOptions,
  log: (line: string) => void,
): Promise<WorkloadResult> {
  const w =
    name === 'custom'
      ? { title: 'synthetic', site: { ...(WORKLOADS.medium!.site as SiteParams), ...opts.custom } }
      : name === 'real' && opts.copies
        ? { ...WORKLOADS.real!, site: { copies: opts.copies } }
        : WORKLOADS[name];
  if (!w)
    throw new Error(
      `bench: unknown workload \`${name}\`; the workloads are ${[...Object.keys(WORKLOADS), 'custom'].map((k) => '`' + k + '`').join(', ')}.`,
    );
  log(`${name}: generating the sites in ${root}`);
  const p = prepare(root, w.site);
  const pages = p.articles * p.locales.length;
  const version = opts.hugo && !w.setupOnly ? hugoVersion() : undefined;
  const runs = {
    lockstep: [] as Run[],
    warm: [] as Run[],
    plain: [] as Run[],
    bytes: [] as Run[],
    hugo: [] as Run[],
    phases: [] as Phases[],
  };
  let bytes: { dir: string; files: number } | undefined;
  for (let k = 0; k < opts.runs; k++) {
    log(`${name}: run ${k + 1} of ${opts.runs}`);
    if (!w.setupOnly) {
      const prof = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];
      // Cold: no cache, as on a fresh clone. Warm: the cache the cold build left, as on the next
      // build.
      rmSync(join(p.lockstep, '.cache'), { recursive: true, force: true });
      runs.lockstep.push(eleventy(root, p.lockstep, '_site', {}, prof));
      // Warm keeps the output folder too: a second build finds the pages the first one wrote.
      runs.warm.push(eleventy(root, p.lockstep, '_site', {}, prof, true));
      bytes ??= prepareSameBytes(root, join(p.lockstep, '_site'));
      runs.plain.push(eleventy(root, p.plain));
      runs.bytes.push(eleventy(root, bytes.dir));
      if (version) runs.hugo.push(hugo(p.hugo));
    }
    runs.phases.push(
      phases(root, p.lockstep, {
        setupOnly: w.setupOnly,
        auditDir: w.setupOnly ? undefined : join(p.lockstep, '_site'),
      }),
    );
  }
  const ph = (k: keyof Phases) =>
    runs.phases.every((x) => x[k] !== undefined)
      ? median(runs.phases.map((x) => x[k] as number))
      : undefined;
  const phaseMedians = Object.fromEntries(
    (['import', 'load', 'i18n', 'checks', 'lock', 'views', 'render', 'audit'] as const).flatMap(
      (k) => (ph(k) === undefined ? [] : [[k, ph(k)!]]),
    ),
  );
  const result: WorkloadResult = {
    workload: name,
    title: w.title,
    params: w.site,
    articles: p.articles,
    locales: p.locales.length,
    pages,
    strings: p.strings,
    runs: opts.runs,
    phases: { ...phaseMedians, setup: (ph('load') ?? 0) + (ph('i18n') ?? 0) },
    verified: {
      lockstepPages: 0,
      plainIdentical: 0,
      plainDifferent: [],
      hugoTablesCompared: 0,
      hugoTablesDifferent: [],
    },
  };
  if (!w.setupOnly) {
    result.lockstep = measure(runs.lockstep, pages);
    result.warm = measure(runs.warm, pages);
    result.plain = measure(runs.plain, pages);
    result.bytes = { ...measure(runs.bytes, pages), files: bytes!.files };
    result.bytesRatio = result.lockstep.wallMs / result.bytes.wallMs;
    result.warmBytesRatio = result.warm.wallMs / result.bytes.wallMs;
    if (version) result.hugo = { ...measure(runs.hugo, pages), version };
    result.ratio = result.lockstep.wallMs / result.plain.wallMs;
    if (result.lockstep.cpuMs && result.plain.cpuMs)
      result.cpuRatio = result.lockstep.cpuMs / result.plain.cpuMs;
    result.overheadMsPerPage = (result.lockstep.wallMs - result.plain.wallMs) / pages;
    result.warmRatio = result.warm.wallMs / result.plain.wallMs;
    if (result.warm.cpuMs && result.plain.cpuMs)
      result.warmCpuRatio = result.warm.cpuMs / result.plain.cpuMs;
    result.warmOverheadMsPerPage = (result.warm.wallMs - result.plain.wallMs) / pages;
    result.verified = { ...verify(p, version !== undefined), ...sameBytes(p, bytes!.dir) };
    if (runs.phases.every((x) => x.renderedIdentical !== undefined))
      result.verified.renderedIdentical = Math.min(...runs.phases.map((x) => x.renderedIdentical!));
    if (opts.shards > 1) result.shards = shards(root, p, opts.shards, log);
    if (opts.watch) result.watch = await watchRebuilds(p, log);
  }
  if (opts.keep) result.dir = root;
  return result;
}

/**
 * The pages are right: one per article and locale; the floor's are byte-identical; Hugo's tables
 * hold the same rows.
 */
function verify(p: Prepared, withHugo: boolean): WorkloadResult['verified'] {
  const files = articlePages(join(p.lockstep, '_site'));
  const v: WorkloadResult['verified'] = {
    lockstepPages: files.length,
    plainIdentical: 0,
    plainDifferent: [],
    hugoTablesCompared: 0,
    hugoTablesDifferent: [],
  };
  for (const f of files) {
    const mine = readFileSync(join(p.lockstep, '_site', f), 'utf8');
    const plain = join(p.plain, '_site', f);
    if (existsSync(plain) && readFileSync(plain, 'utf8') === mine) v.plainIdentical++;
    else v.plainDifferent.push(f);
  }
  if (withHugo)
    for (const f of files.filter(
      (f, k) => k % 97 === 0 || f.includes(`/${files[0]!.split('/')[1]}/`),
    )) {
      const strip = (html: string) => tableValues(readTables(html));
      const hugoFile = join(p.hugo, 'public', f);
      v.hugoTablesCompared++;
      if (
        !existsSync(hugoFile) ||
        JSON.stringify(strip(readFileSync(hugoFile, 'utf8'))) !==
          JSON.stringify(strip(readFileSync(join(p.lockstep, '_site', f), 'utf8')))
      )
        v.hugoTablesDifferent.push(f);
    }
  return v;
}

/** The same-bytes floor wrote every file of the Lockstep build, byte for byte. */
function sameBytes(p: Prepared, dir: string): { bytesIdentical: number; bytesFiles: number } {
  const mine = join(p.lockstep, '_site');
  const files = (readdirSync(mine, { recursive: true }) as string[]).filter(
    (f) => !existsSync(join(mine, f)) || !statSync(join(mine, f)).isDirectory(),
  );
  const same = files.filter(
    (f) =>
      existsSync(join(dir, '_site', f)) &&
      readFileSync(join(dir, '_site', f)).equals(readFileSync(join(mine, f))),
  );
  return { bytesIdentical: same.length, bytesFiles: files.length };
}

/**
 * Build the site as `count` shards of locales (`LOCKSTEP_LOCALES`), one after the other, merge
 * their folders and audit the merged site.
 */
function shards(
  root: string,
  p: Prepared,
  count: number,
  log: (line: string) => void,
): WorkloadResult['shards'] {
  const groups: string[][] = Array.from({ length: count }, () => []);
  p.locales.forEach((tag, k) => groups[k % count]!.push(tag));
  const merged = join(p.lockstep, '_merged');
  rmSync(merged, { recursive: true, force: true });
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  groups.forEach((g, k) => {
    log(`shard ${k + 1} of ${count}: ${g.join(',')}`);
    // Each CI runner starts without a cache.
    rmSync(join(p.lockstep, '.cache'), { recursive: true, force: true });
    const run = eleventy(root, p.lockstep, `_shard${k + 1}`, { LOCKSTEP_LOCALES: g.join(',') });
    runsMs.push(run.wallMs);
    cpuMs.push(run.cpuMs ?? NaN);
    cpSync(join(p.lockstep, `_shard${k + 1}`), merged, { recursive: true });
  });
  // Each shard's summary status page leaves the other shards' languages pending.
  const merge = runNode(root, p.lockstep, join(repo, 'bin/lockstep.js'), ['merge', '_merged']);
  const audit = runNode(root, p.lockstep, join(repo, 'bin/lockstep.js'), ['audit', '_merged']);
  const full = join(p.lockstep, '_site');
  const status = existsSync(join(full, 'translation-status'))
    ? (readdirSync(join(full, 'translation-status'), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.html'))
        .map((f) => join('translation-status', f))
    : [];
  const identical = [...articlePages(full), ...status].every(
    (f) =>
      existsSync(join(merged, f)) &&
      readFileSync(join(merged, f), 'utf8') === readFileSync(join(full, f), 'utf8'),
  );
  return {
    count,
    locales: groups,
    runsMs,
    cpuMs,
    maxMs: Math.max(...runsMs),
    sumMs: runsMs.reduce((a, b) => a + b, 0),
    auditMs: audit.wallMs,
    auditOutput: audit.stdout.trim(),
    mergeMs: merge.wallMs,
    mergeOutput: merge.stdout.trim(),
    identicalToFull: identical,
  };
}

/**
 * Watch mode, for Lockstep and for the floor: a one-string change, then (Lockstep) a dataset
 * change.
 */
async function watchRebuilds(
  p: Prepared,
  log: (line: string) => void,
): Promise<WorkloadResult['watch']> {
  const [, second] = p.locales;
  const localeDir = readdirSync(join(p.lockstep, 'locales')).find(
    (d) => d.toLowerCase() === second!.toLowerCase(),
  )!;
  const article = readdirSync(join(p.lockstep, 'src')).sort()[0]!;
  const edit = (file: string, change: (s: string) => string) => () =>
    writeFileSync(file, change(readFileSync(file, 'utf8')));
  // Each run changes the files again (a new date each time), so each edit is a change; the
  // markers name this run, so that a site kept from an earlier run (`--dir`) holds none of them.
  let day = 0;
  const run = Date.now().toString(36);
  const page = join(p.lockstep, '_site', second!.toLowerCase(), article, 'index.html');
  const edits = () => {
    const date = `2024-06-${String(++day).padStart(2, '0')}`;
    return [
      {
        name: `one string of ${second}`,
        apply: edit(join(p.lockstep, 'locales', localeDir, `${article}.yaml`), (s) =>
          s.replace(/^title: (.*)$/m, `title: $1 (edited ${run}.${day})`),
        ),
        shows: { file: page, text: new RegExp(`<title>[^<]*\\(edited ${run}\\.${day}\\)`) },
      },
      {
        name: 'the dataset',
        apply: edit(join(p.lockstep, 'src', article, 'dataset.yaml'), (s) =>
          s.replace(/^updated: .*$/m, `updated: ${date}`),
        ),
        shows: { file: page, text: new RegExp(`datetime="${date}`) },
      },
      // The first edit of a language after the start checks that language's files once; later
      // ones only the file that changed.
      {
        name: `another string of ${second}`,
        apply: edit(join(p.lockstep, 'locales', localeDir, `${article}.yaml`), (s) =>
          s.replace(/ \(edited ([\w.]+)\)$/m, ` (edited ${run}.${day}b)`),
        ),
        shows: { file: page, text: new RegExp(`<title>[^<]*\\(edited ${run}\\.${day}b\\)`) },
      },
    ];
  };
  log('watch: Lockstep');
  const mine = await watch(p.lockstep, edits());
  // Eleventy's incremental mode: only the templates of the pages that changed render again.
  log('watch: Lockstep, --incremental');
  const incremental = await watch(p.lockstep, edits(), 3000, ['--incremental']);
  // The rebuilt page shows the edited string.
  const pageUpdated = new RegExp(`<title>[^<]*\\(edited ${run}\\.\\d+b\\)`).test(
    readFileSync(page, 'utf8'),
  );
  log('watch: plain Eleventy');
  const data = join(p.plain, 'src/_data/lockstep.json');
  const plain = await watch(
    p.plain,
    [
      {
        name: 'one string',
        apply: edit(data, (s) => s.replace(/"title":"([^"]*)"/, '"title":"$1 (edited)"')),
      },
    ],
    0,
  );
  return {
    firstMs: mine.firstMs,
    rebuilds: mine.rebuilds,
    extraRebuilds: mine.extra,
    pageUpdated,
    plain: { firstMs: plain.firstMs, rebuilds: plain.rebuilds },
    incremental: { firstMs: incremental.firstMs, rebuilds: incremental.rebuilds },
  };
}

// -------------------------------------------------------------------------------------------------
// Report

const s = (ms?: number) =>
  ms === undefined
    ? '—'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 1000
        ? `${(ms / 1000).toFixed(2)} s`
        : `${ms.toFixed(0)} ms`;
const mb = (b?: number) => (b === undefined ? '—' : `${Math.round(b / 2 ** 20)} MB`);
const n = (x: number) => x.toLocaleString('en-US');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `| ${widths.map((w, i) => (i ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

export function report(results: WorkloadResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const p =
      r.params === 'repo'
        ? ''
        : 'copies' in r.params
          ? ', real findings in every copy'
          : `, ${r.params.partners} partners and about ${r.params.strings} strings per article, ${r.params.missing * 100}% missing, ${r.params.stale * 100}% outdated`;
    out.push(
      `## ${r.workload}: ${n(r.articles)} article${r.articles === 1 ? '' : 's'} × ${r.locales} locales = ${n(r.pages)} pages, ${n(r.strings)} strings (${r.title}${p}); median of ${r.runs} run${r.runs === 1 ? '' : 's'}`,
      '',
    );
    if (r.lockstep && r.plain) {
      const vsBytes = (m?: Measure) =>
        m && r.bytes ? `${(m.wallMs / r.bytes.wallMs).toFixed(2)}×` : '—';
      const row = (name: string, m: Measure | undefined, ratio: string, over: string) =>
        m
          ? [
              name,
              s(m.wallMs),
              s(m.cpuMs),
              n(Math.round(m.pagesPerSec)),
              `${(m.wallMs / r.pages).toFixed(2)} ms`,
              ratio,
              over,
              mb(m.maxRssBytes),
              mb(m.peakHeapBytes),
              vsBytes(m),
            ]
          : [name, '—', '—', '—', '—', '—', '—', '—', '—', '—'];
      out.push(
        table(
          [
            'build',
            'wall',
            'CPU',
            'pages/s',
            'per page',
            'vs plain (wall / CPU)',
            'overhead/page',
            'peak RSS',
            'peak heap',
            'vs same bytes',
          ],
          [
            row(
              'Lockstep, cold (empty cache: every check and audit)',
              r.lockstep,
              `${r.ratio!.toFixed(2)}× / ${r.cpuRatio?.toFixed(2) ?? '—'}×`,
              `${r.overheadMsPerPage!.toFixed(2)} ms`,
            ),
            row(
              'Lockstep, warm (cache and output of the previous build)',
              r.warm,
              r.warmRatio
                ? `${r.warmRatio.toFixed(2)}× / ${r.warmCpuRatio?.toFixed(2) ?? '—'}×`
                : '—',
              r.warmOverheadMsPerPage === undefined
                ? '—'
                : `${r.warmOverheadMsPerPage.toFixed(2)} ms`,
            ),
            row('plain Eleventy (same pages, no plugin)', r.plain, '1.00×', '—'),
            row(
              'plain Eleventy, same bytes (one data file, no templates)',
              r.bytes,
              r.bytes ? `${(r.bytes.wallMs / r.plain.wallMs).toFixed(2)}×` : '—',
              '—',
            ),
            r.hugo
              ? row(
                  `Hugo ${r.hugo.version} (multilingual)`,
                  r.hugo,
                  `${(r.hugo.wallMs / r.plain.wallMs).toFixed(2)}× / ${r.hugo.cpuMs && r.plain.cpuMs ? (r.hugo.cpuMs / r.plain.cpuMs).toFixed(2) : '—'}×`,
                  '—',
                )
              : [
                  'Hugo',
                  hugoVersion() ? 'skipped (--no-hugo)' : 'not installed',
                  ...Array<string>(8).fill(''),
                ],
          ],
        ),
        '',
      );
    }
    if (r.lockstep && r.plain && r.bytes)
      out.push(
        `where the time goes (wall, cold / warm): Eleventy writing the files ${s(r.bytes.wallMs)}; the templates ${s(r.plain.wallMs - r.bytes.wallMs)}; Lockstep's steps ${s(r.lockstep.wallMs - r.plain.wallMs)} / ${s(r.warm!.wallMs - r.plain.wallMs)}; Lockstep over the same-bytes floor ${r.bytesRatio!.toFixed(2)}× / ${r.warmBytesRatio!.toFixed(2)}×`,
      );
    const ph = r.phases;
    const names = ['import', 'load', 'i18n', 'checks', 'lock', 'views', 'render', 'audit'] as const;
    const labels = {
      import: 'import modules',
      load: 'load + validate',
      i18n: 'i18n init',
      checks: 'checks (assess, no cache)',
      lock: 'lock files',
      views: 'view models',
      render: 'rendering the article pages through the theme',
      audit: 'audit of the rendered pages (in memory, as a build)',
    };
    out.push(
      `plugin phases in a fresh process (ms): ${names
        .filter((k) => ph[k] !== undefined)
        .map((k) => `${labels[k]} ${ph[k]!.toFixed(0)}`)
        .join(', ')}; setup (load + validate + i18n) ${ph.setup.toFixed(0)}`,
    );
    if (r.bytes && ph.render !== undefined && ph.load !== undefined) {
      // What a cold build cannot go below while it renders through Nunjucks: Eleventy writing the
      // files, the theme rendering every page from its view, and reading and checking the inputs.
      const bound = r.bytes.wallMs + ph.render + ph.load;
      out.push(
        `bound for a cold build through the theme: same-bytes floor ${s(r.bytes.wallMs)} + rendering ${s(ph.render)} + load + validate ${s(ph.load)} = ${s(bound)}, ${(bound / r.bytes.wallMs).toFixed(2)}× the floor (cold now ${r.bytesRatio!.toFixed(2)}×); rendered pages identical to the build's: ${r.verified.renderedIdentical === undefined ? 'not compared' : `${n(r.verified.renderedIdentical)} of ${n(r.pages)}`}`,
      );
      // A cold build also checks every string and makes every page's view before it renders them,
      // all on Eleventy's one thread: that sum is what it is compared with beside Hugo.
      if (ph.checks !== undefined && ph.views !== undefined) {
        const all = bound + ph.checks + ph.views;
        const hugo = r.hugo
          ? `; Hugo ${s(r.hugo.wallMs)}, ${(all / r.hugo.wallMs).toFixed(2)}× its time`
          : '';
        out.push(
          `with the checks ${s(ph.checks)} and the view models ${s(ph.views)}, which a cold build runs before rendering on the same thread: ${s(all)}, ${(all / r.bytes.wallMs).toFixed(2)}× the floor${hugo} (cold now ${r.lockstep ? s(r.lockstep.wallMs) : 'not built'})`,
        );
      }
    }
    if (r.lockstep) {
      const v = r.verified;
      out.push(
        `verified: ${n(v.lockstepPages)} article pages written; ${n(v.plainIdentical)} byte-identical to the floor's${v.bytesFiles === undefined ? '' : `; same-bytes floor: ${n(v.bytesIdentical!)} of ${n(v.bytesFiles)} files identical`}${v.plainDifferent.length ? ` (${v.plainDifferent.length} differ, e.g. ${v.plainDifferent[0]})` : ''}${v.hugoTablesCompared ? `; Hugo's data-lockstep tables equal on ${v.hugoTablesCompared - v.hugoTablesDifferent.length} of ${v.hugoTablesCompared} pages compared` : ''}`,
      );
      if (r.lockstep.heapLimitBytes)
        out.push(
          `memory: peak heap ${mb(r.lockstep.peakHeapBytes)} (sampled) of Node's default limit ${mb(r.lockstep.heapLimitBytes)}; peak RSS ${mb(r.lockstep.maxRssBytes)}`,
        );
    }
    if (r.shards) {
      const sh = r.shards;
      out.push(
        `shards: ${sh.count} shards of locales took ${sh.runsMs.map((x) => s(x)).join(', ')} (sum ${s(sh.sumMs)}; CPU ${sh.cpuMs.map((x) => s(x)).join(', ')}, the slowest ${(r.lockstep!.cpuMs! / Math.max(...sh.cpuMs)).toFixed(2)}× less than one build's ${s(r.lockstep!.cpuMs!)}); with ${sh.count} runners the wall time is the slowest shard, ${s(sh.maxMs)}, ${(r.lockstep!.wallMs / sh.maxMs).toFixed(2)}× faster than one build of ${s(r.lockstep!.wallMs)}; \`lockstep merge\` ${s(sh.mergeMs)} (${sh.mergeOutput}); \`lockstep audit\` of the merged folder ${s(sh.auditMs)} (${sh.auditOutput}); merged article and status pages ${sh.identicalToFull ? 'byte-identical to' : 'DIFFERENT from'} the full build's`,
      );
    }
    if (r.watch) {
      const wr = r.watch;
      // The time to the edited page on disk, when it came before the rebuild's end.
      const shown = (x: { name: string; ms: number; visibleMs?: number }) =>
        `${x.name} ${s(x.ms)}${x.visibleMs !== undefined && x.visibleMs < x.ms - 50 ? ` (the page written after ${s(x.visibleMs)})` : ''}`;
      out.push(
        `watch: first build ${s(wr.firstMs)}; rebuild after ${wr.rebuilds.map(shown).join(', after ')}; ${wr.extraRebuilds ? `${wr.extraRebuilds} EXTRA rebuilds (a loop)` : 'no further rebuild (lock writes ignored)'}; the rebuilt page ${wr.pageUpdated ? 'shows' : 'does NOT show'} the edited string${wr.plain ? `; plain Eleventy: first ${s(wr.plain.firstMs)}, rebuild after ${wr.plain.rebuilds.map((x) => `${x.name} ${s(x.ms)}`).join(', ')}` : ''}${wr.incremental ? `; Lockstep with \`--incremental\`: first ${s(wr.incremental.firstMs)}, rebuild after ${wr.incremental.rebuilds.map(shown).join(', after ')}` : ''}`,
      );
    }
    if (r.dir) out.push(`kept: ${r.dir}`);
    out.push('');
  }
  return out.join('\n');
}

const USAGE = `Usage: npm run bench -- [options]

  --workload <names>   comma-separated: ${Object.keys(WORKLOADS).join(', ')}, custom (default: small)
  --quick              the small workload, one run: a smoke test
  --runs <n>           runs per build; medians are reported (default 3)
  --json               print the results as JSON instead of tables
  --no-hugo            skip Hugo even where it is installed
  --watch              also time watch-mode rebuilds after a one-string and a dataset change
  --shards <n>         also build in n locale shards (LOCKSTEP_LOCALES), merge, \`lockstep merge\`, audit
  --keep               keep the generated sites (their folder is printed)
  --dir <folder>       generate into <folder> and keep it; a later run there reuses the generated sites
  --copies <n>         copies of the real article in the \`real\` workload (default 300)
  --cpu-prof <dir>     write CPU profiles of the Lockstep builds (cold, then warm) into <dir>
  custom workload:     --articles <n> --locales <n> --partners <n> --strings <n> --missing <0..1> --stale <0..1>
`;

async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workload: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      json: { type: 'boolean' },
      'no-hugo': { type: 'boolean' },
      watch: { type: 'boolean' },
      shards: { type: 'string' },
      keep: { type: 'boolean' },
      dir: { type: 'string' },
      'cpu-prof': { type: 'string' },
      copies: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      articles: { type: 'string' },
      locales: { type: 'string' },
      partners: { type: 'string' },
      strings: { type: 'string' },
      missing: { type: 'string' },
      stale: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const num = (k: 'articles' | 'locales' | 'partners' | 'strings' | 'missing' | 'stale') =>
    values[k] === undefined ? undefined : Number(values[k]);
  const custom = Object.fromEntries(
    (['articles', 'locales', 'partners', 'strings', 'missing', 'stale'] as const).flatMap((k) =>
      num(k) === undefined ? [] : [[k, num(k)]],
    ),
  );
  const opts: BenchOptions = {
    workloads: values.quick
      ? ['small']
      : (values.workload ?? (Object.keys(custom).length ? 'custom' : 'small')).split(','),
    runs: values.quick ? 1 : Number(values.runs ?? 3),
    hugo: !values['no-hugo'],
    watch: !!values.watch,
    shards: Number(values.shards ?? 0),
    keep: !!values.keep,
    dir: values.dir,
    cpuProf: values['cpu-prof'],
    copies: values.copies === undefined ? undefined : Number(values.copies),
    custom,
  };
  const results = await bench(
    opts,
    values.json ? (l) => console.error(`[bench] ${l}`) : (l) => console.log(`[bench] ${l}`),
  );
  console.log(values.json ? JSON.stringify(results, null, 2) : '\n' + report(results));
  return results.some(
    (r) =>
      r.verified.plainDifferent.length ||
      r.verified.hugoTablesDifferent.length ||
      (r.lockstep && r.verified.lockstepPages !== r.pages) ||
      r.verified.bytesIdentical !== r.verified.bytesFiles,
  )
    ? 1
    : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  void cli(process.argv.slice(2)).then((code) => (process.exitCode = code));
