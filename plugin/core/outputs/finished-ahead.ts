import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';

/** What `PagesAhead` gives its thread (`finished-worker.ts`). */
export interface AheadInput {
  pagesAhead: true;
  /** `pages.json`, whose entries with a `url` are the previous build's article pages. */
  cacheFile: string;
  outDir: string;
  markdown: boolean;
  /** `aheadOptions.batch` and `.ahead`. */
  batch: number;
  ahead: number;
  /** Two counters (`POSTED`, `TAKEN`), shared with the thread. */
  state: SharedArrayBuffer;
  port: MessagePort;
}

/** One page read back: its id, the digests its entry gave its files, and their texts. */
export type AheadPage = [id: string, digests: string, text: string, md: string | undefined];

/** What the thread posts: pages, then `done`. */
export type AheadMessage = AheadPage[] | 'done';

/** Where the state counts the messages the thread posted, and those the build took. */
export const POSTED = 0;
export const TAKEN = 1;

/**
 * Waits without a message this long before the build reads the pages itself: only a thread that
 * did not start or died (the thread posts every few megabytes).
 */
export const aheadOptions = {
  patienceMs: 10_000,
  /** Characters of text per message. */
  batch: 4 * 1024 * 1024,
  /**
   * Messages the thread may be ahead of the build: beyond them it waits, so that a big site's
   * pages are not all held twice, as text and as messages.
   */
  ahead: 16,
};

/**
 * The previous build's article pages read back, checked against their digests and decoded on a
 * second thread from the start of the build, while this one loads and checks the site: the build
 * then takes their text (copied between threads, far cheaper than decoding it) instead of reading
 * them. Only a speed-up: a page the thread did not give is read as before.
 */
export class PagesAhead {
  private worker?: Worker;
  private port?: MessagePort;
  private state = new Int32Array(new SharedArrayBuffer(8));
  private pages = new Map<string, { digests: string; text: string; md?: string }>();
  private done = false;

  constructor(cacheFile: string, outDir: string, markdown: boolean) {
    if (!existsSync(cacheFile)) {
      this.done = true;
      return;
    }
    const { port1, port2 } = new MessageChannel();
    const input: AheadInput = {
      pagesAhead: true,
      cacheFile,
      outDir,
      markdown,
      batch: aheadOptions.batch,
      ahead: aheadOptions.ahead,
      state: this.state.buffer as SharedArrayBuffer,
      port: port2,
    };
    try {
      this.worker = startWorker(input);
      // Never what keeps the process alive.
      this.worker.unref();
      this.worker.on('error', () => {});
      this.port = port1;
    } catch {
      this.done = true;
    }
  }

  /**
   * The texts of page `id` when the thread read its files as having `digests` (`aheadDigests`);
   * waits for the thread until it gave the page or is done.
   */
  take(id: string, digests: string): { text: string; md?: string } | undefined {
    for (;;) {
      const got = this.pages.get(id);
      if (got) {
        this.pages.delete(id);
        return got.digests === digests ? got : undefined;
      }
      if (this.done || !this.next()) return undefined;
    }
  }

  /** Messages the thread posted so far. */
  get posted(): number {
    return Atomics.load(this.state, POSTED);
  }

  /** Stop the thread, and let go of the pages not taken (the build no longer needs them). */
  stop(): void {
    this.end();
    this.pages.clear();
  }

  /** The thread is done, or given up on: the pages it gave stay to be taken. */
  private end(): void {
    this.done = true;
    void this.worker?.terminate();
    this.worker = this.port = undefined;
  }

  /** Take the thread's next message, waiting for it; false when it is done or gone silent. */
  private next(): boolean {
    const port = this.port!;
    // Read before the queue: a message posted after it wakes the wait at once.
    const posted = Atomics.load(this.state, POSTED);
    const m = receiveMessageOnPort(port)?.message as AheadMessage | undefined;
    if (m) {
      Atomics.add(this.state, TAKEN, 1);
      Atomics.notify(this.state, TAKEN);
    }
    if (m === 'done') {
      this.end();
      return false;
    }
    if (m) {
      for (const [id, digests, text, md] of m) this.pages.set(id, { digests, text, md });
      return true;
    }
    const woke = Atomics.wait(this.state, POSTED, posted, aheadOptions.patienceMs);
    if (woke !== 'timed-out') return true;
    this.end();
    return false;
  }
}

/** The digests of a page's HTML and Markdown copy, as one string to compare. */
export const aheadDigests = (html: string, md: string | undefined): string => `${html} ${md ?? ''}`;

function startWorker(input: AheadInput): Worker {
  const options = { workerData: input, transferList: [input.port], execArgv: [] };
  // None of the process's own flags: the thread runs our modules only (see `ShapesAhead`).
  const js = new URL('./finished-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, options);
  // Run from the TypeScript sources (the tests): the thread loads them through tsx as well.
  const ts = new URL('./finished-worker.ts', import.meta.url).href;
  return new Worker(
    `require('tsx/cjs'); import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`,
    { ...options, eval: true },
  );
}
