import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { digestBytes } from '../cache.js';
import {
  POSTED,
  TAKEN,
  aheadDigests,
  type AheadInput,
  type AheadMessage,
  type AheadPage,
} from './finished-ahead.js';

/** The texts of the file at `path` under `outDir` when its bytes have digest `want`. */
function text(outDir: string, path: string, want: unknown): string | undefined {
  if (typeof want !== 'string') return undefined;
  try {
    const bytes = readFileSync(join(outDir, path));
    return digestBytes(bytes) === want ? bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The other end of `PagesAhead`: reads each article page the cache knows back from the output
 * folder, checks its digest and decodes it, and posts the pages in batches; the state says when
 * it is done (whatever happened: a page it did not send is read by the build itself).
 */
function run({ cacheFile, outDir, markdown, batch: most, ahead, state, port }: AheadInput): void {
  const flag = new Int32Array(state);
  // The build may be waiting for the next message (`Atomics.wait`): counted, and woken.
  const post = (m: AheadMessage) => {
    // Held back while the build has not taken the pages posted before (checked every second).
    for (let taken; Atomics.load(flag, POSTED) - (taken = Atomics.load(flag, TAKEN)) >= ahead;)
      Atomics.wait(flag, TAKEN, taken, 1000);
    port.postMessage(m);
    Atomics.add(flag, POSTED, 1);
    Atomics.notify(flag, POSTED);
  };
  try {
    const entries = (
      JSON.parse(readFileSync(cacheFile, 'utf8')) as {
        entries?: Record<string, { value?: { url?: unknown; html?: unknown; md?: unknown } }>;
      }
    ).entries;
    let batch: AheadPage[] = [];
    let size = 0;
    for (const [id, entry] of Object.entries(entries ?? {})) {
      const v = entry?.value;
      if (typeof v?.url !== 'string' || typeof v.html !== 'string') continue;
      const html = text(outDir, join(v.url, 'index.html'), v.html);
      const md = markdown ? text(outDir, v.url.replace(/\/$/, '.md'), v.md) : undefined;
      if (html === undefined || (markdown && md === undefined)) continue;
      batch.push([id, aheadDigests(v.html, markdown ? (v.md as string) : undefined), html, md]);
      size += html.length;
      // Batches, so the build takes the first pages while the rest are read.
      if (size >= most) {
        post(batch);
        batch = [];
        size = 0;
      }
    }
    if (batch.length) post(batch);
  } catch {
    // Whatever was not sent, the build reads itself.
  } finally {
    post('done');
  }
}

if ((workerData as Partial<AheadInput> | null)?.pagesAhead) run(workerData as AheadInput);
