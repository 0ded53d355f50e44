import { parentPort, type MessagePort } from 'node:worker_threads';
import { digest } from '../cache.js';
import { pageShape, type Shape } from './audit.js';
import { formatsByLang } from './formatted.js';

/**
 * The other end of `ShapesAhead`: a page's address and HTML in; out, how much it has parsed after
 * each (so the other side can hold back), and at `end` every page's digest and shape.
 */
function serve(port: MessagePort): void {
  const formats = formatsByLang();
  const pages: [string, string, Shape | undefined][] = [];
  let parsed = 0;
  port.on('message', (m: [string, string] | 'end') => {
    if (m === 'end') {
      port.postMessage({ pages });
      port.close();
      return;
    }
    const [url, html] = m;
    let shape: Shape | undefined;
    try {
      shape = pageShape(html, formats);
    } catch {
      // Left to the audit, which parses the page itself and reports what it finds.
    }
    pages.push([url, digest(html), shape]);
    parsed += html.length;
    port.postMessage({ parsed });
  });
}

if (parentPort) serve(parentPort);
