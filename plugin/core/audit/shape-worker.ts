import { parentPort, type MessagePort } from 'node:worker_threads';
import { pageShape, type Shape } from './audit.js';
import { formatsByLang } from './formatted.js';

/**
 * The other end of `ShapesAhead`: a page's HTML in, by its digest; out, how much it has parsed
 * after each (so the other side can hold back), and every shape at `end`.
 */
function serve(port: MessagePort): void {
  const formats = formatsByLang();
  const shapes: [string, Shape][] = [];
  let parsed = 0;
  port.on('message', (m: [string, string] | 'end') => {
    if (m === 'end') {
      port.postMessage({ shapes });
      port.close();
      return;
    }
    try {
      shapes.push([m[0], pageShape(m[1], formats)]);
    } catch {
      // Left to the audit, which parses the page itself and reports what it finds.
    }
    parsed += m[1].length;
    port.postMessage({ parsed });
  });
}

if (parentPort) serve(parentPort);
