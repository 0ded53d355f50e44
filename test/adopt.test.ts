import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
import lockstep, { type LockstepOptions } from '../plugin/index.js';
import { FoldersAhead } from '../plugin/output-dirs.js';
import { cleanup, fixtures, read } from './helpers.js';

/**
 * A site as a docs team has one: the minimal fixture's `src/` and `locales/`, no copy of the theme,
 * Eleventy's default includes folder, and `files` of its own.
 */
function ownSite(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-adopt-'));
  for (const part of ['src', 'locales'])
    cpSync(join(fixtures, 'sites', 'minimal', part), join(dir, part), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

type Config = { setTemplateFormats(f: string[]): void; addPlugin(p: unknown, o: unknown): void };

/** Build through Eleventy's API with the plugin and, optionally, more config. */
async function build(dir: string, options: LockstepOptions = {}, more?: (c: Config) => void) {
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const elev = new Eleventy(join(dir, 'src'), join(dir, '_site'), {
    quietMode: true,
    configPath: join(dir, 'eleventy.config.mjs'),
    config(cfg: Config) {
      more?.(cfg);
      cfg.addPlugin(lockstep, {
        localesDir: join(dir, 'locales'),
        articlesDir: join(dir, 'src'),
        cache: false,
        ...options,
      });
    },
  });
  const { warn, log, error } = console;
  console.warn = console.log = console.error = () => {};
  try {
    await elev.write();
    return { out: join(dir, '_site') };
  } catch (e) {
    let cur = e as { problems?: { code: string }[]; cause?: unknown; originalError?: unknown };
    while (cur && !cur.problems && (cur.cause || cur.originalError))
      cur = (cur.cause ?? cur.originalError) as typeof cur;
    return { out: join(dir, '_site'), error: cur as Error & { problems?: { code: string }[] } };
  } finally {
    Object.assign(console, { warn, log, error });
  }
}

const theme = suite('the theme, served from the package');

theme('a site with no copy of the theme gets its pages', async () => {
  const dir = ownSite();
  try {
    const r = await build(dir);
    assert.is(r.error, undefined, r.error?.message);
    const page = read(join(r.out, 'fr-fr/guide/index.html'));
    assert.match(page, '<html lang="fr-FR" dir="ltr">');
    assert.match(page, 'data-lockstep="plans"');
    assert.match(page, '.table-wrap', 'the style sheet, included from the package');
  } finally {
    cleanup(dir);
  }
});

theme("a layout of the site's own, of the same name, wins", async () => {
  const base =
    '<!doctype html><html lang="{{ lockstepHead.lang }}"><body class="ours">{{ content | safe }}</body></html>\n';
  const dir = ownSite({ 'src/_includes/lockstep/base.njk': base });
  try {
    const r = await build(dir);
    assert.is(r.error, undefined, r.error?.message);
    const page = read(join(r.out, 'en/guide/index.html'));
    assert.match(page, '<body class="ours">');
    assert.match(page, 'data-lockstep="plans"', "the package's article layout, inside ours");
  } finally {
    cleanup(dir);
  }
});

theme(
  'a site without `njk` among its formats gets a clear error, not a site without pages',
  async () => {
    const dir = ownSite({ 'src/index.md': '# Home\n' });
    try {
      const r = await build(dir, { pickerLayout: false }, (c) => c.setTemplateFormats(['md']));
      assert.equal(
        r.error?.problems?.map((p) => p.code),
        ['NO_NUNJUCKS'],
      );
      assert.match(
        r.error!.message + JSON.stringify(r.error!.problems),
        "addTemplateFormats('njk')",
      );
    } finally {
      cleanup(dir);
    }
  },
);

theme.run();

const pages = suite("Lockstep's pages belong to the site");

pages(
  'every language version is in `collections.all`, with `title`, `lang` and a tag',
  async () => {
    const list =
      '---\npermalink: /list.txt\neleventyExcludeFromCollections: true\n---\n' +
      '{% for p in collections.all %}{{ p.url }}|{{ p.data.title }}|{{ p.data.lang }}|{{ p.data.tags }}\n{% endfor %}';
    const dir = ownSite({ 'src/list.njk': list });
    try {
      const r = await build(dir);
      assert.is(r.error, undefined, r.error?.message);
      const lines = read(join(r.out, 'list.txt')).trim().split('\n').sort();
      assert.ok(lines.includes('/en/guide/|Minimal guide|en|lockstep'), lines.join('\n'));
      assert.ok(lines.includes('/fr-fr/guide/|Guide minimal|fr-FR|lockstep'), lines.join('\n'));
    } finally {
      cleanup(dir);
    }
  },
);

pages('`localePaths` puts a locale under a folder of its choosing', async () => {
  const dir = ownSite();
  try {
    const r = await build(dir, { localePaths: { 'fr-FR': 'fr' } });
    assert.is(r.error, undefined, r.error?.message);
    assert.ok(existsSync(join(r.out, 'fr/guide/index.html')));
    assert.not.ok(existsSync(join(r.out, 'fr-fr')));
    assert.match(read(join(r.out, 'en/guide/index.html')), 'hreflang="fr-FR" href="/fr/guide/"');
  } finally {
    cleanup(dir);
  }
});

pages.run();

const embed = suite('lockstepTable and lockstepField in pages of the site');

embed('a Nunjucks page in a locale folder gets the table in its language', async () => {
  const page = (lang: string) =>
    `{% lockstepTable "guide", "plans" %}\n{% lockstepTable "guide", "partners-certified", "${lang}" %}\n{% lockstepField "guide", "acme", "url" %}`;
  const dir = ownSite({ 'src/fr-fr/embed.njk': page('fr'), 'src/en/embed.njk': page('en') });
  try {
    const r = await build(dir);
    assert.is(r.error, undefined, r.error?.message);
    const fr = read(join(r.out, 'fr-fr/embed/index.html'));
    assert.match(fr, '<table data-lockstep="plans">');
    assert.match(fr, '>Partenaire</th>', 'the French header of the partner table');
    assert.match(fr, '<span translate="no">https://acme.example.com/</span>');
    assert.match(read(join(r.out, 'en/embed/index.html')), '>Partner</th>');
  } finally {
    cleanup(dir);
  }
});

embed('a table the article lacks is an error naming the tables it has', async () => {
  const dir = ownSite({ 'src/en/embed.njk': '{% lockstepTable "guide", "prices" %}' });
  try {
    const r = await build(dir);
    assert.ok(r.error);
    let text = '';
    for (let e: unknown = r.error; e; e = (e as { originalError?: unknown }).originalError)
      text += String((e as Error).message);
    assert.match(
      text,
      // A collection's whole table set and each group's table are both names a page can embed.
      'article `guide` has no table `prices`; its tables are `partners`, `partners-certified`',
    );
  } finally {
    cleanup(dir);
  }
});

embed(
  'the audit after the build compares embedded tables across the languages of a page',
  async () => {
    const dir = ownSite({
      'src/en/embed.njk': '{% lockstepTable "guide", "plans" %}',
      'src/fr-fr/embed.njk': '{% lockstepTable "guide", "partners-certified" %}',
    });
    try {
      const r = await build(dir);
      const codes = (r.error?.problems ?? []).map((p) => p.code);
      assert.ok(codes.includes('AUDIT_TABLE_MISSING'), JSON.stringify(r.error?.problems));
    } finally {
      cleanup(dir);
    }
  },
);

embed.run();

const permalinks = suite('permalinkClashes: a page of the site whose permalink takes our URL');

permalinks('said before the build, with the option that turns our page off', async () => {
  const dir = ownSite({
    'src/home.md': '---\npermalink: /\n---\n# Home\n',
    'src/en-guide.md': '---\npermalink: /en/guide/\n---\n# Guide\n',
  });
  try {
    const r = await build(dir);
    const problems = (r.error?.problems ?? []) as { code: string; message: string; file: string }[];
    // Relative to the working folder, which tests do not change.
    assert.equal(
      problems.map((p) => [p.code, p.file.replace(/^.*\/src\//, 'src/')]).sort(),
      [
        ['PAGE_COLLISION', 'src/en-guide.md'],
        ['PAGE_COLLISION', 'src/home.md'],
      ],
      r.error?.message,
    );
    problems.sort((a, b) => (a.file < b.file ? 1 : -1));
    assert.match(problems[0]!.message, 'is written to `/` (its `permalink`)');
    assert.match(problems[0]!.message, 'set the plugin option `pickerLayout: false`');
    assert.match(problems[1]!.message, 'give your page another `permalink`');
    assert.not.ok(existsSync(join(r.out, 'index.html')), 'nothing is written');
    // Not even the page folders the build made while it checked.
    await FoldersAhead.settled();
    assert.not.ok(existsSync(r.out), 'no output folder is left');
  } finally {
    cleanup(dir);
  }
});

permalinks.run();
