import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, as `.ci/run` installs it; `LOCKSTEP_CHROMIUM` points elsewhere on other
 * systems.
 */
export const chromiumPath = process.env.LOCKSTEP_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Under CI a missing browser fails the tests that need it; elsewhere they are skipped with this
 * advice.
 */
export const onCI = process.env.CI === 'true' || process.env.CI === '1';

export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  return (
    `Chromium is not installed at \`${chromiumPath}\`, so the browser tests cannot run. ` +
    'Install it with `sudo apt-get install chromium` (Debian, Ubuntu), or set `LOCKSTEP_CHROMIUM` to a Chromium or Chrome executable.'
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where screenshots go: outside the repository, so a test run never leaves files in it. */
export function screenshotDir(): string {
  const dir = process.env.LOCKSTEP_SCREENSHOTS ?? join(tmpdir(), 'lockstep-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve `root` on 127.0.0.1 at a free port, as a static host would: `/a/` is `a/index.html`, `/a`
 * redirects to `/a/` when `a` is a folder, and anything else missing is a 404 with `404.html`'s
 * body when the site has one.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep))
      return send(res, 403, 'text/plain', 'forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: path + '/' });
        return res.end();
      }
      file = join(file, 'index.html');
    }
    if (existsSync(file) && statSync(file).isFile())
      return send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    const notFound = join(root, '404.html');
    return existsSync(notFound)
      ? send(res, 404, TYPES['.html']!, readFileSync(notFound))
      : send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function send(
  res: import('node:http').ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
