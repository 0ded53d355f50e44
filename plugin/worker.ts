/**
 * The build's second thread: checks every translation while the main thread renders the page views,
 * then reads the tables of each page Eleventy writes, so the audit is ready when the build ends.
 */
import { parentPort } from 'node:worker_threads';
import { audit } from './core/audit.js';
import { readTables, type PageTable } from './core/html-tables.js';
import { checkTranslations } from './core/quality.js';
import { loadSite } from './core/site.js';
import type { FromWorker, ToWorker } from './parallel.js';

const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const message = (e: unknown) => String((e as Error)?.stack ?? e);
let tables = new Map<string, PageTable[]>();

port.on('message', (m: ToWorker) => {
  if (m.type === 'build') {
    tables = new Map();
    try {
      const { site } = loadSite(m.root, m.options);
      // A site that does not load has its problems reported by the main thread, which loads it too.
      send({ type: 'checks', build: m.build, checks: site ? checkTranslations(site) : undefined });
    } catch (e) {
      send({ type: 'checks', build: m.build, error: message(e) });
    }
  } else if (m.type === 'page') tables.set(m.file, readTables(m.html));
  else {
    try {
      send({ type: 'audit', build: m.build, problems: audit(m.dir, { files: m.files, cwd: m.cwd, tables }).problems });
    } catch (e) {
      send({ type: 'audit', build: m.build, error: message(e) });
    }
    tables = new Map();
  }
});
