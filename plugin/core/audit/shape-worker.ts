import { parentPort } from 'node:worker_threads';
import { pageShape, type Shape } from './audit.js';
import { formatsByLang } from './formatted.js';

// The other end of `ShapesAhead`: a page's HTML in, by its digest; every shape out at `end`.
const formats = formatsByLang();
const shapes: [string, Shape][] = [];
parentPort?.on('message', (m: [string, string] | 'end') => {
  if (m === 'end') {
    parentPort!.postMessage(shapes);
    parentPort!.close();
    return;
  }
  try {
    shapes.push([m[0], pageShape(m[1], formats)]);
  } catch {
    // Left to the audit, which parses the page itself and reports what it finds.
  }
});
