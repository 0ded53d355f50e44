import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, cleanup, copySite, rtlSite } from './helpers.js';
import {
  chromiumMissing,
  launchChromium,
  onCI,
  screenshotDir,
  serveStatic,
  type StaticServer,
} from './chromium.js';

/**
 * The built pages in a real browser: Debian's Chromium driven by playwright-core, each site built
 * into a temporary folder and served on 127.0.0.1. One browser for every suite. Every page is
 * opened once (the survey), and most tests read what that visit recorded; only the switcher test
 * navigates on its own.
 */

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What a page says about itself, read in the browser. */
interface PageFacts {
  lang: string;
  dir: string;
  article: string | null;
  tables: {
    id: string;
    columns: string[];
    rows: { key: string; name: string; links: string[]; values: string[] }[];
  }[];
  switcher: { href: string; hreflang: string; lang: string; dir: string | null }[];
  alternates: { hreflang: string; href: string }[];
}

const facts = (page: Page): Promise<PageFacts> =>
  page.evaluate(() => {
    const all = (root: ParentNode, sel: string) => Array.from(root.querySelectorAll(sel));
    return {
      lang: document.documentElement.lang,
      dir: getComputedStyle(document.documentElement).direction,
      article:
        document.querySelector('[data-lockstep-article]')?.getAttribute('data-lockstep-article') ??
        null,
      tables: all(document, 'table[data-lockstep]').map((t) => ({
        id: t.getAttribute('data-lockstep')!,
        columns: all(t, 'thead [data-key]').map((c) => c.getAttribute('data-key')!),
        rows: all(t, 'tbody tr').map((r) => ({
          key: r.getAttribute('data-key')!,
          name: r.querySelector('[translate="no"]')?.textContent ?? '',
          links: all(r, 'a[href]').map((a) => a.getAttribute('href')!),
          values: all(r, '[data-value]').map((c) => c.getAttribute('data-value')!),
        })),
      })),
      switcher: all(document, 'nav a[hreflang]').map((a) => ({
        href: (a as HTMLAnchorElement).href,
        hreflang: a.getAttribute('hreflang')!,
        lang: a.getAttribute('lang') ?? '',
        dir: a.getAttribute('dir'),
      })),
      alternates: all(document, 'link[rel="alternate"][hreflang]').map((l) => ({
        hreflang: l.getAttribute('hreflang')!,
        href: (l as HTMLLinkElement).href,
      })),
    };
  });

/** A page opened in `context`, with everything that went wrong while it loaded. */
async function open(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error')
      problems.push(
        `console error: ${m.text()}${m.location().url ? ` (${m.location().url}:${m.location().lineNumber + 1})` : ''}`,
      );
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) =>
    problems.push(`request failed: ${r.method()} ${r.url()}  ${r.failure()?.errorText ?? ''}`),
  );
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, problems, status: response?.status() ?? 0 };
}

/**
 * Serious and critical axe violations, one line per element: `rule (impact): what to fix, at
 * selector  html`. `resultTypes: ['violations']` keeps axe from collecting every passing node,
 * which is most of its time.
 */
async function axeViolations(page: Page, options: RunOptions = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const results = (await page.evaluate(
    (o) =>
      (window as unknown as { axe: { run(c: Document, o: object): Promise<unknown> } }).axe.run(
        document,
        o,
      ),
    { resultTypes: ['violations'], ...options } as RunOptions,
  )) as AxeResults;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help}, at \`${n.target.join(' ')}\`  ${n.html.length > 160 ? `${n.html.slice(0, 160)}…` : n.html}`,
      ),
    );
}

const sameLang = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * One visit of one page: how it loaded, what it declares, what axe found, and its screenshot if it
 * is an article.
 */
interface Visit {
  url: string;
  status: number;
  problems: string[];
  facts: PageFacts;
  axe: string[];
  screenshot?: string;
}

interface Served {
  dir: string;
  server: StaticServer;
  context: BrowserContext;
  pages: string[];
  visits?: Promise<Visit[]>;
}

let browser: Promise<Browser> | undefined;
const theBrowser = () => (browser ??= launchChromium());

/**
 * Build a copy of a site, serve it, and open a browser context on it (1280 px wide, light scheme).
 */
async function serve(copy: () => string): Promise<Served> {
  const dir = copy();
  const r = await buildSite(dir);
  if (r.error) throw r.error;
  const server = await serveStatic(r.out);
  const context = await (
    await theBrowser()
  ).newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  context.setDefaultTimeout(15_000);
  // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper that a
  // function sent to `page.evaluate` does not carry along; give the page a no-op one.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  // A page that reaches beyond the site (a CDN, a web font) is refused, and reported by `open`.
  await context.route(/.*/, (route) =>
    route.request().url().startsWith(server.origin)
      ? route.continue()
      : route.abort('blockedbyclient'),
  );
  const pages = r.files
    .filter((f) => f.endsWith('.html'))
    .map((f) => `${server.origin}/${f.replace(/\\/g, '/').replace(/(^|\/)index\.html$/, '$1')}`)
    .sort();
  return { dir, server, context, pages };
}

/**
 * Open every page once, two at a time; axe runs in the light scheme, then only its contrast rule
 * again in the dark one.
 */
function survey(s: Served): Promise<Visit[]> {
  return (s.visits ??= (async () => {
    const shots = screenshotDir();
    const visit = async (url: string): Promise<Visit> => {
      const { page, problems, status } = await open(s.context, url);
      const f = await facts(page);
      const axe = (await axeViolations(page)).map((v) => `[light] ${v}`);
      await page.emulateMedia({ colorScheme: 'dark' });
      axe.push(
        ...(await axeViolations(page, { runOnly: ['color-contrast'] })).map((v) => `[dark] ${v}`),
      );
      await page.emulateMedia({ colorScheme: 'light' });
      let screenshot: string | undefined;
      if (f.article)
        await page.screenshot({
          path: (screenshot = join(shots, `${f.article}.${f.lang.toLowerCase()}.png`)),
          fullPage: true,
        });
      await page.close();
      return { url, status, problems, facts: f, axe, screenshot };
    };
    const visits: Visit[] = [];
    const queue = s.pages.map((url, i) => [url, i] as const);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift())
        visits[next[1]] = await visit(next[0]);
    };
    await Promise.all([worker(), worker()]);
    return visits;
  })());
}

async function close(s: Served | undefined) {
  await s?.context.close();
  await s?.server.close();
  if (s) cleanup(s.dir);
}

type Suite = ReturnType<typeof suite<{ s?: Served }>>;

/**
 * The checks every site gets: clean loads, the switcher, hreflang targets, accessibility,
 * screenshots.
 */
function generalChecks(name: string, copy: () => string, extra?: (t: Suite) => void): Suite {
  const t = suite<{ s?: Served }>(name, {});
  t.before(async (ctx) => {
    ctx.s = await serve(copy);
  });
  t.after(async (ctx) => close(ctx.s));

  t('every page loads with no console error and no failed request', async ({ s }) => {
    const visits = await survey(s!);
    assert.ok(visits.length > 0, 'the build wrote no HTML page');
    const found = visits.flatMap((v) =>
      [...(v.status === 200 ? [] : [`HTTP ${v.status}`]), ...v.problems].map(
        (p) => `${v.url}: ${p}`,
      ),
    );
    assert.ok(found.length === 0, `\n${found.join('\n')}`);
  });

  t(
    'axe-core finds no serious or critical accessibility violation (light scheme; contrast also in dark)',
    async ({ s }) => {
      const found = (await survey(s!)).flatMap((v) => v.axe.map((a) => `${v.url} ${a}`));
      assert.ok(found.length === 0, `${found.length} violation(s):\n${found.join('\n')}`);
    },
  );

  t('every hreflang alternate loads, in the language it names', async ({ s }) => {
    const visits = await survey(s!);
    const byUrl = new Map(visits.map((v) => [v.url, v]));
    const wrong: string[] = [];
    let checked = 0;
    for (const v of visits)
      for (const a of v.facts.alternates) {
        // Absolute addresses (a `siteUrl`) are checked against the local copy of the same path.
        const local = new URL(a.href);
        const href = s!.server.origin + local.pathname + local.search;
        let target = byUrl.get(href);
        if (!target) {
          const { page, status } = await open(s!.context, href);
          target = { url: href, status, problems: [], facts: await facts(page), axe: [] };
          byUrl.set(href, target);
          await page.close();
        }
        checked++;
        if (target.status !== 200)
          wrong.push(`${v.url}: hreflang="${a.hreflang}" → ${href} answered ${target.status}`);
        else if (a.hreflang !== 'x-default' && !sameLang(target.facts.lang, a.hreflang))
          wrong.push(
            `${v.url}: hreflang="${a.hreflang}" → ${href} is <html lang="${target.facts.lang}">`,
          );
      }
    assert.ok(checked > 0, 'no page has hreflang alternates');
    assert.ok(wrong.length === 0, `\n${wrong.join('\n')}`);
  });

  t(
    'following the language switcher lands on the same article in the chosen language',
    async ({ s }) => {
      const articles = new Map(
        (await survey(s!)).filter((v) => v.facts.article).map((v) => [v.url, v.facts]),
      );
      assert.ok(articles.size > 1, `only ${articles.size} article page(s)`);
      for (const [url, f] of articles)
        assert.ok(
          f.switcher.length > 0,
          `${url}: no language switcher links (\`nav a[hreflang]\`)`,
        );
      // Every link of every switcher is clicked once. Clicking on from the page a click lands on (a
      // walk through the languages) needs no navigation back; `goto` only when the current page has
      // no link left.
      const todo = new Map([...articles].map(([url, f]) => [url, [...f.switcher]]));
      const page = await s!.context.newPage();
      const wrong: string[] = [];
      let here: string | undefined;
      for (;;) {
        if (!here || !todo.get(here)?.length) {
          here = [...todo].find(([, links]) => links.length > 0)?.[0];
          if (!here) break;
          await page.goto(here);
        }
        const from = articles.get(here)!;
        const link = todo.get(here)!.shift()!;
        const before = page.url();
        await page.locator(`nav a[hreflang="${link.hreflang}"]`).first().click();
        await page.waitForURL((u) => u.href !== before, { waitUntil: 'load' });
        const to = await facts(page);
        const where = `${here} → ${link.hreflang}`;
        if (page.url() !== link.href)
          wrong.push(
            `${where}: the link leads to ${link.href} but the browser landed on ${page.url()}`,
          );
        if (!sameLang(to.lang, link.hreflang))
          wrong.push(`${where}: landed on <html lang="${to.lang}">`);
        if (!sameLang(link.lang, link.hreflang))
          wrong.push(`${where}: the link says lang="${link.lang}" but hreflang="${link.hreflang}"`);
        if (sameLang(to.lang, from.lang))
          wrong.push(`${where}: the switcher links to the page's own language`);
        if (to.article !== from.article)
          wrong.push(`${where}: landed on article \`${to.article}\`, not \`${from.article}\``);
        if (JSON.stringify(to.tables) !== JSON.stringify(from.tables))
          wrong.push(`${where}: the data-lockstep tables differ from ${from.lang}'s`);
        here = page.url();
      }
      await page.close();
      assert.ok(wrong.length === 0, `\n${wrong.join('\n')}`);
    },
  );

  t(
    "an unknown address answers 404 with the site's 404 page, which loads cleanly from any depth",
    async ({ s }) => {
      if (!existsSync(join(s!.dir, '_site', '404.html'))) return;
      const url = `${s!.server.origin}/no/such/page/`;
      const { page, problems, status } = await open(s!.context, url);
      const lang = await page.evaluate(() => document.documentElement.lang);
      await page.close();
      assert.is(status, 404);
      assert.ok(lang.length > 0, 'the 404 page has no <html lang>');
      // The page's own 404 is the point; anything else that failed is not.
      const others = problems.filter(
        (p) => p !== `HTTP 404: GET ${url}` && !p.includes('status of 404'),
      );
      assert.ok(others.length === 0, `\n${others.join('\n')}`);
    },
  );

  t('a full-page screenshot of every article in every language', async ({ s }) => {
    const saved = (await survey(s!)).flatMap((v) => v.screenshot ?? []);
    assert.ok(saved.length > 1, 'no article pages');
    console.log(`\n  ${name}: ${saved.length} screenshots in ${screenshotDir()}`);
  });

  extra?.(t);
  return t;
}

/**
 * The right-to-left fixture: the Arabic page mirrors, and its links to left-to-right languages stay
 * left-to-right.
 */
function rtlChecks(t: Suite) {
  t('the Arabic page is right-to-left and its tables render mirrored', async ({ s }) => {
    const page = await s!.context.newPage();
    const columns = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('table[data-lockstep]')).map((t) => {
          const row = (r: Element | null) =>
            Array.from(r?.children ?? [])
              .map((c) => c.getBoundingClientRect())
              .map((b) => ({ left: b.left, right: b.right }));
          return {
            id: t.getAttribute('data-lockstep'),
            head: row(t.querySelector('thead tr')),
            body: row(t.querySelector('tbody tr')),
          };
        }),
      );
    await page.goto(`${s!.server.origin}/ar/guide/`);
    const ar = await facts(page);
    assert.is(ar.lang, 'ar');
    assert.is(ar.dir, 'rtl', 'the computed direction of <html>');
    const mirrored = await columns();
    assert.is(mirrored.length, 3, 'the Arabic page should have three data-lockstep tables');
    for (const t of mirrored)
      for (const [part, cells] of [
        ['head', t.head],
        ['body', t.body],
      ] as const) {
        assert.ok(cells.length >= 2, `${t.id} ${part}: fewer than two cells`);
        assert.ok(
          cells[0]!.left >= cells[1]!.right - 1,
          `${t.id} ${part}: the first column (${cells[0]!.left}–${cells[0]!.right}) is not right of the second (${cells[1]!.left}–${cells[1]!.right})`,
        );
      }
    // The same tables in English are not mirrored, so the check above is not vacuous.
    await page.goto(`${s!.server.origin}/en/guide/`);
    for (const t of await columns())
      assert.ok(
        t.body[0]!.right <= t.body[1]!.left + 1,
        `en ${t.id}: the first column should be left of the second`,
      );
    await page.close();
  });

  t(
    'on the Arabic page, web addresses read left to right (a trailing `/` stays at their end)',
    async ({ s }) => {
      const page = await s!.context.newPage();
      await page.goto(`${s!.server.origin}/ar/guide/`);
      const urls = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table[data-lockstep] a[href]')).map((a) => ({
          text: a.textContent,
          computed: getComputedStyle(a).direction,
        })),
      );
      await page.close();
      assert.is(urls.length, 3);
      const wrong = urls
        .filter((u) => u.computed !== 'ltr')
        .map((u) => `${u.text} is laid out ${u.computed}`);
      assert.ok(
        wrong.length === 0,
        `in a right-to-left cell an address needs dir="ltr", or "https://acme.example.com/" shows as "/https://acme.example.com":\n${wrong.join('\n')}`,
      );
    },
  );

  t(
    'on the Arabic page, links to left-to-right languages are marked and rendered left-to-right',
    async ({ s }) => {
      const page = await s!.context.newPage();
      await page.goto(`${s!.server.origin}/ar/guide/`);
      const links = await page.evaluate(() =>
        Array.from(document.querySelectorAll('nav a[hreflang]')).map((a) => ({
          hreflang: a.getAttribute('hreflang'),
          dir: a.getAttribute('dir'),
          computed: getComputedStyle(a).direction,
        })),
      );
      await page.close();
      assert.equal(links.map((l) => l.hreflang).sort(), ['en', 'fr-FR']);
      for (const l of links)
        assert.equal([l.dir, l.computed], ['ltr', 'ltr'], `the switcher entry for ${l.hreflang}`);
    },
  );
}

const missing = chromiumMissing();
if (missing && !onCI) {
  console.log(`\n  Skipping the browser tests: ${missing}\n`);
  const t = suite('the site in Chromium');
  t.skip('every page, the switcher, hreflang targets, axe-core, screenshots', () => {});
  t.run();
} else if (missing) {
  const t = suite('the site in Chromium');
  t('Chromium is installed (required under CI=true)', () => assert.unreachable(missing));
  t.run();
} else {
  generalChecks('the site in Chromium', () => copySite()).run();
  const rtl = generalChecks('the right-to-left fixture in Chromium', rtlSite, rtlChecks);
  rtl.after(async () => (await browser)?.close());
  rtl.run();
}
