import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { parse as parseYaml } from 'yaml';
import { buildOnce, buildSite, cleanup, copySite, listFiles, read, teams } from './helpers.js';

const LOCALES = ['en', 'fr-fr', 'it-it', 'pt-br', 'ru-ru', 'zh-tw'];
const page = (out: string, slug: string) =>
  parse(read(join(out, slug, 'teams-contact-center', 'index.html')));
const dataset = () => parseYaml(read(join(teams, 'src/teams-contact-center/dataset.yaml')));

/**
 * What must be identical across languages: per table, its rows in order with keys, names, URLs and
 * values.
 */
function tables(doc: HTMLElement) {
  return doc.querySelectorAll('[data-lockstep]').map((t) => ({
    id: t.getAttribute('data-lockstep'),
    rows: t.querySelectorAll('tbody tr').map((r) => ({
      key: r.getAttribute('data-key'),
      name: r.querySelector('[translate="no"]')?.text,
      url: r.querySelector('a')?.getAttribute('href'),
      values: r.querySelectorAll('[data-value]').map((c) => c.getAttribute('data-value')),
    })),
    columns: t.querySelectorAll('thead [data-key]').map((c) => c.getAttribute('data-key')),
  }));
}

const real = suite('the real site');
const built = buildOnce(real);

real('writes one page per language and a language picker', () => {
  const html = listFiles(built.out)
    .map((f) => f.slice(built.out.length + 1))
    .filter((f) => f.endsWith('.html'))
    .sort();
  assert.equal(
    html,
    [
      'index.html',
      '404.html',
      'translation-status/index.html',
      // A status page per translated language (one page each: under 400 findings).
      ...LOCALES.slice(1).map((l) => `translation-status/${l}/index.html`),
      ...LOCALES.flatMap((l) => [`${l}/teams-contact-center/index.html`, `${l}/404.html`]),
    ].sort(),
  );
  const picker = parse(read(join(built.out, 'index.html')));
  assert.equal(
    picker.querySelectorAll('a[hreflang]').map((a) => a.getAttribute('href')),
    LOCALES.map((l) => `/${l}/teams-contact-center/`),
  );
});

real('every data-driven table is identical in every language', () => {
  const en = tables(page(built.out, 'en'));
  assert.equal(
    en.map((t) => t.id),
    ['partners-certified', 'partners-in-certification', 'comparison'],
  );
  for (const l of LOCALES.slice(1))
    assert.equal(tables(page(built.out, l)), en, `tables differ in ${l}`);
});

real("partner names and URLs are exactly the dataset's, in its order", () => {
  const partners = dataset().collections.partners.items as {
    id: string;
    name: string;
    url: string;
    status: string;
  }[];
  for (const l of LOCALES) {
    const rows = tables(page(built.out, l))
      .filter((t) => t.id!.startsWith('partners-'))
      .flatMap((t) => t.rows);
    assert.equal(
      rows.map((r) => [r.key, r.name, r.url]),
      partners.map((p) => [p.id, p.name, p.url]),
      l,
    );
  }
  assert.equal(partners.filter((p) => p.status === 'certified').length, 6);
  assert.equal(partners.filter((p) => p.status === 'in-certification').length, 11);
  for (const l of LOCALES)
    assert.not.match(read(join(built.out, l, 'teams-contact-center/index.html')), 'BOM contato');
});

real('each page declares its language, direction, title and alternates', () => {
  for (const l of LOCALES) {
    const doc = page(built.out, l);
    const html = doc.querySelector('html')!;
    assert.is(html.getAttribute('lang')!.toLowerCase(), l);
    assert.is(html.getAttribute('dir'), 'ltr');
    assert.ok(doc.querySelector('title')!.text.trim().length > 0);
    assert.ok(doc.querySelector('meta[name="description"]')!.getAttribute('content')!.length > 0);
    const alternates = doc
      .querySelectorAll('link[rel="alternate"]')
      .map((a) => [a.getAttribute('hreflang')!.toLowerCase(), a.getAttribute('href')]);
    assert.equal(alternates, [
      ...LOCALES.map((x) => [x, `/${x}/teams-contact-center/`]),
      ['x-default', '/en/teams-contact-center/'],
    ]);
    const switcher = doc.querySelectorAll('nav a[hreflang]').map((a) => a.getAttribute('href'));
    assert.equal(
      switcher,
      LOCALES.filter((x) => x !== l).map((x) => `/${x}/teams-contact-center/`),
    );
  }
  assert.is(page(built.out, 'zh-tw').querySelector('title')!.text, 'Teams 連絡人中心');
});

real('a string a language lacks falls back to English, marked as such', () => {
  const heading = page(built.out, 'fr-fr').querySelector(
    '#connected-contact-center-solutions-currently-in-the-certification-process',
  )!;
  assert.is(heading.getAttribute('lang'), 'en');
  assert.ok(heading.hasAttribute('data-lockstep-fallback'));
  const zh = page(built.out, 'zh-tw').querySelector(
    '#connected-contact-center-solutions-currently-in-the-certification-process',
  )!;
  assert.is(zh.getAttribute('lang'), undefined);
  assert.is(page(built.out, 'fr-fr').querySelectorAll('[data-lockstep-fallback]').length, 1);
});

real('prose Markdown renders with links from the dataset and no raw HTML', () => {
  const doc = page(built.out, 'en');
  const hrefs = doc
    .querySelectorAll('#what-is-a-contact-center-integration-for-microsoft-teams ~ p a')
    .map((a) => a.getAttribute('href'));
  assert.ok(
    hrefs.includes('https://docs.microsoft.com/microsoftteams/cloud-voice-landing-page'),
    hrefs.join(),
  );
  assert.is(doc.querySelector('a[href^="mailto:"]')!.text, 'Teamscategorypartner@microsoft.com');
  assert.not.match(
    read(join(built.out, 'ru-ru/teams-contact-center/index.html')),
    '<span class="underline">',
  );
});

real('a 404 page in each language, and one at the root offering every language', () => {
  for (const l of LOCALES) {
    const doc = parse(read(join(built.out, l, '404.html')));
    const html = doc.querySelector('html')!;
    assert.is(html.getAttribute('lang')!.toLowerCase(), l);
    assert.is(html.getAttribute('dir'), 'ltr');
    assert.is(doc.querySelector('meta[name="robots"]')!.getAttribute('content'), 'noindex');
    assert.is(doc.querySelector('h1')!.text, doc.querySelector('title')!.text);
    // Served at any missing address, so every link is root-relative.
    assert.equal(
      doc.querySelectorAll('main a').map((a) => a.getAttribute('href')),
      [`/${l}/teams-contact-center/`, '/'],
    );
  }
  assert.is(
    parse(read(join(built.out, 'fr-fr', '404.html'))).querySelector('h1')!.text,
    'Page introuvable',
  );
  assert.is(
    parse(read(join(built.out, 'zh-tw', '404.html'))).querySelector('h1')!.text,
    '找不到網頁',
  );
  const root = parse(read(join(built.out, '404.html')));
  assert.is(root.querySelector('html')!.getAttribute('lang'), 'en');
  assert.is(root.querySelector('h1')!.text, 'Page not found');
  assert.equal(
    root.querySelectorAll('.languages > li').map((li) => li.getAttribute('lang')!.toLowerCase()),
    LOCALES,
  );
  assert.equal(
    root.querySelectorAll('main a[hreflang]').map((a) => a.getAttribute('href')),
    LOCALES.map((l) => `/${l}/teams-contact-center/`),
  );
  assert.is(
    root.querySelector('li[lang="ru-RU"] p')!.text,
    'По этому адресу нет страницы. Возможно, она была перемещена или в ссылке допущена опечатка.',
  );
});

real('without `siteUrl`: a root-relative canonical link, and no sitemap or robots.txt', () => {
  for (const l of LOCALES)
    assert.equal(
      page(built.out, l)
        .querySelectorAll('link[rel="canonical"]')
        .map((c) => c.getAttribute('href')),
      [`/${l}/teams-contact-center/`],
    );
  const files = listFiles(built.out).map((f) => f.slice(built.out.length + 1));
  assert.not.ok(files.includes('sitemap.xml'));
  assert.not.ok(files.includes('robots.txt'));
  assert.not.ok(
    files.some((f) => f.endsWith('.md')),
    'Markdown is written only with the `markdown` option',
  );
});

real(
  'the article page has a header with the site title, a skip link to the main content and the switcher',
  () => {
    const doc = page(built.out, 'ru-ru');
    const skip = doc.querySelector('body > a.skip-link')!;
    assert.is(skip.getAttribute('href'), '#main');
    assert.is(skip.text, 'Перейти к основному содержимому');
    assert.ok(doc.querySelector('main#main'));
    assert.is(doc.querySelector('header .site-title')!.text, 'Документация');
    assert.is(doc.querySelector('header .site-title')!.getAttribute('href'), '/');
    assert.ok(doc.querySelector('header nav.switcher'));
  },
);

real('dates and lists are written the way each language writes them', () => {
  const updated = (l: string) => page(built.out, l).querySelector('.updated time')!;
  assert.is(updated('en').getAttribute('datetime'), '2021-04-09');
  assert.is(updated('en').text, 'Last updated: April 9, 2021');
  assert.is(updated('fr-fr').text, 'Dernière mise à jour : 9 avril 2021');
  assert.is(updated('zh-tw').text, '上次更新：2021年4月9日');
  const cell = (l: string) =>
    page(built.out, l).querySelector('[data-key="teams-calling-users"] td:last-child')!;
  assert.is(cell('en').getAttribute('data-value'), 'informal sme formal');
  assert.is(cell('en').text, 'Informal, SME, and Formal');
  assert.is(cell('ru-ru').getAttribute('data-value'), 'informal sme formal');
  assert.ok(/ и /.test(cell('ru-ru').text), cell('ru-ru').text);
});
real.run();

const edits = suite('editing the dataset');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML
async function buildWith(edit: (d: any) => void) {
  const d = copySite();
  const file = join(d, 'src/teams-contact-center/dataset.yaml');
  const data = parseYaml(readFileSync(file, 'utf8'));
  edit(data);
  writeFileSync(file, JSON.stringify(data));
  const locales = listFiles(join(d, 'locales')).map((f) => [f, read(f)]);
  const r = await buildSite(d);
  // No locale file is touched by a dataset change.
  for (const [f, text] of locales) assert.is(read(f!), text, `${f} changed`);
  return { d, r };
}

edits('a partner added once appears in every language', async () => {
  const { d, r } = await buildWith((data) =>
    data.collections.partners.items.splice(3, 0, {
      id: 'acme-voice',
      name: 'Acme Voice',
      url: 'https://acme.example.com/teams',
      status: 'certified',
    }),
  );
  assert.is(r.error, undefined);
  for (const l of LOCALES) {
    const rows = tables(page(r.out, l)).find((t) => t.id === 'partners-certified')!.rows;
    assert.equal(
      rows[3],
      { key: 'acme-voice', name: 'Acme Voice', url: 'https://acme.example.com/teams', values: [] },
      l,
    );
    assert.is(rows.length, 7);
  }
  cleanup(d);
});

edits('a partner removed once disappears from every language', async () => {
  const { d, r } = await buildWith(
    (data) =>
      (data.collections.partners.items = data.collections.partners.items.filter(
        (p: { id: string }) => p.id !== 'nice-incontact',
      )),
  );
  assert.is(r.error, undefined);
  for (const l of LOCALES) {
    assert.is(page(r.out, l).querySelector('[data-key="nice-incontact"]'), null, l);
    assert.is(tables(page(r.out, l)).find((t) => t.id === 'partners-certified')!.rows.length, 5);
  }
  cleanup(d);
});
edits.run();
