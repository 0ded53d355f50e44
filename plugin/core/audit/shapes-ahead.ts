import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Shape } from './audit.js';

/**
 * The audit's parsing of the article pages, and their digests, worked out on a second thread
 * while the host goes on rendering and writing: each page is handed over as it is rendered, and
 * the audit then takes its shape (`AuditOptions.shapes`) instead of parsing it. Only a speed-up:
 * a page it has nothing for (the thread failed, or was not started) is digested and parsed as
 * before.
 */
export class ShapesAhead {
  private worker?: Worker;
  private waiting: [string, string][] = [];
  private failed = false;
  /** Characters of HTML handed over, and parsed as the thread last said. */
  private sent = 0;
  private parsed = 0;

  /**
   * `start`: pages to wait for before a thread is worth starting (a rebuild renders a few);
   * `budget`: characters of HTML handed over but not parsed yet beyond which pages are left to the
   * audit (each is a copy, beside the one Eleventy holds).
   */
  constructor(
    private start = 64,
    private budget = 64 * 1024 * 1024,
  ) {}

  /** The HTML of the page at `url`, just rendered. */
  add(url: string, html: string): void {
    if (this.failed) return;
    if (this.worker) {
      if (this.sent - this.parsed > this.budget) return;
      this.sent += html.length;
      return this.worker.postMessage([url, html]);
    }
    this.waiting.push([url, html]);
    if (this.waiting.length >= this.start) this.spawn();
  }

  /**
   * What the thread worked out: the pages' shapes by the digest of their HTML, and their digests
   * by address; the thread is then gone. Never rejects.
   */
  collect(): Promise<Ahead> {
    this.waiting = [];
    const w = this.worker;
    this.worker = undefined;
    const none = (): Ahead => ({ shapes: new Map(), digests: new Map() });
    if (!w || this.failed) return Promise.resolve(none());
    return new Promise((done) => {
      const give = (pages?: [string, string, Shape | undefined][]) => {
        const got = none();
        for (const [url, d, shape] of pages ?? []) {
          got.digests.set(url, d);
          if (shape) got.shapes.set(d, shape);
        }
        done(got);
        void w.terminate();
      };
      w.on('message', (m: Reply) => {
        if ('pages' in m) give(m.pages);
      });
      w.once('error', () => give());
      w.once('exit', () => give());
      w.postMessage('end');
    });
  }

  /** Stop the thread without waiting for it (a build that failed before its audit). */
  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.waiting = [];
  }

  private spawn(): void {
    try {
      this.worker = startWorker();
    } catch {
      this.failed = true;
      this.waiting = [];
      return;
    }
    // Never what keeps the process alive.
    this.worker.unref();
    this.worker.once('error', () => (this.failed = true));
    this.worker.on('message', (m: Reply) => {
      if ('parsed' in m) this.parsed = m.parsed;
    });
    for (const m of this.waiting) this.add(...m);
    this.waiting = [];
  }
}

/** What the thread says: how much it has parsed, or, at the end, every page's digest and shape. */
type Reply = { parsed: number } | { pages: [string, string, Shape | undefined][] };

/** What `collect` gives. */
export interface Ahead {
  shapes: Map<string, Shape>;
  digests: Map<string, string>;
}

function startWorker(): Worker {
  // None of the process's own flags: the thread runs our modules only, and a flag such as
  // `--input-type` or a loader of the site's would stop it from starting.
  const js = new URL('./shape-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { execArgv: [] });
  // Run from the TypeScript sources (the tests): the thread loads them through tsx as well.
  const ts = new URL('./shape-worker.ts', import.meta.url).href;
  return new Worker(
    `require('tsx/cjs'); import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`,
    { eval: true, execArgv: [] },
  );
}
