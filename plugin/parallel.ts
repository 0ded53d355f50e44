import { Worker } from 'node:worker_threads';
import type { Problem } from './core/problems.js';
import type { CheckResults } from './core/quality.js';
import type { ResolvedOptions } from './options.js';

export type ToWorker =
  | { type: 'build'; build: number; root: string; options: ResolvedOptions }
  | { type: 'page'; file: string; html: string }
  | { type: 'audit'; build: number; dir: string; files: string[]; cwd: string };
export type FromWorker = { type: 'checks'; build: number; checks?: CheckResults; error?: string } | { type: 'audit'; build: number; problems?: Problem[]; error?: string };

/**
 * A second thread, started with the plugin so that its modules are loaded by the time a build begins. For
 * each build it loads the site and runs the translation checks while this thread renders the page views,
 * then reads the tables of the pages as Eleventy writes them. An answer is undefined when the thread
 * failed; the caller then does the work itself. It holds the process open only while an answer is awaited.
 */
export class Helper {
  private worker: Worker | undefined;
  private build = 0;
  private waiting = new Map<string, (m: FromWorker | undefined) => void>();

  constructor() {
    this.worker = spawn();
    this.worker.unref();
    this.worker.on('message', (m: FromWorker) => this.answer(`${m.type} ${m.build}`, m));
    const fail = () => {
      this.worker = undefined;
      for (const key of [...this.waiting.keys()]) this.answer(key, undefined);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  /** Start a build on the other thread; the promise holds its check results. */
  checks(root: string, options: ResolvedOptions): Promise<CheckResults | undefined> {
    const build = ++this.build;
    return this.ask<CheckResults>({ type: 'build', build, root, options }, `checks ${build}`, (m) => (m.type === 'checks' && !m.error ? m.checks : undefined));
  }

  /** Hand over a page Eleventy is about to write: its tables are read on the other thread. */
  page(file: string, html: string): void {
    this.worker?.postMessage({ type: 'page', file, html } satisfies ToWorker);
  }

  /** The audit of the pages handed over during this build (`files` are those it wrote). */
  audit(dir: string, files: string[], cwd: string): Promise<Problem[] | undefined> {
    return this.ask<Problem[]>({ type: 'audit', build: this.build, dir, files, cwd }, `audit ${this.build}`, (m) => (m.type === 'audit' && !m.error ? m.problems : undefined));
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ask<T>(message: ToWorker, key: string, read: (m: FromWorker) => T | undefined): Promise<T | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.get(key)?.(undefined);
      this.waiting.set(key, (m) => resolve(m ? read(m) : undefined));
      worker.ref();
      worker.postMessage(message);
    });
  }

  private answer(key: string, m: FromWorker | undefined) {
    const done = this.waiting.get(key);
    if (!done) return;
    this.waiting.delete(key);
    if (!this.waiting.size) this.worker?.unref();
    done(m);
  }
}

function spawn(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here));
  // Running from the TypeScript sources (the tests): the worker thread needs tsx too.
  const target = JSON.stringify(new URL('./worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${target}); })`, { eval: true });
}
