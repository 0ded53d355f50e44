import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
// @ts-expect-error eleventy-navigation ships no type declarations.
import navigationPlugin from '@11ty/eleventy-navigation';
import lockstep, { type LockstepOptions } from '../plugin/index.js';
import { navigationEntry, navigationProblem } from '../plugin/navigation.js';
import { cleanup, fixtures } from './helpers.js';

const entry = suite('navigationEntry');

entry('a key per locale and article, the title, and `{locale}` in the parent', () => {
  const page = { article: 'guide', locale: 'fr-FR', title: 'Guide minimal' };
  assert.equal(navigationEntry(true, page), { key: 'fr-FR/guide', title: 'Guide minimal' });
  assert.equal(navigationEntry({ parent: 'docs-{locale}' }, page), {
    key: 'fr-FR/guide',
    title: 'Guide minimal',
    parent: 'docs-fr-FR',
  });
  assert.is(navigationEntry(false, page), undefined);
});

entry.run();

const option = suite('navigationProblem');

option('says what the option takes', () => {
  assert.is(navigationProblem({ parent: 'docs' }), undefined);
  assert.match(
    navigationProblem('docs')!,
    'option `navigation` must be `true`, `false` or an object',
  );
  assert.match(navigationProblem({ order: 1 })!, '`order` is not one of its fields');
  assert.match(navigationProblem({ parent: '' })!, '`parent` must be a non-empty key');
});

option.run();

/**
 * The minimal site with a second article, and a layout of the site's own that prints the menu of
 * the page's language with the real eleventy-navigation plugin.
 */
async function menuSite(options: LockstepOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-nav-'));
  for (const part of ['src', 'locales'])
    cpSync(join(fixtures, 'sites', 'minimal', part), join(dir, part), { recursive: true });
  cpSync(join(dir, 'src', 'guide'), join(dir, 'src', 'setup'), { recursive: true });
  for (const [tag, title] of [
    ['en', 'Setup'],
    ['fr-FR', 'Installation'],
  ] as const) {
    const from = readFileSync(join(dir, 'locales', tag, 'guide.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'locales', tag, 'setup.yaml'),
      from.replace(/^title: .*$/m, `title: ${title}`),
    );
  }
  mkdirSync(join(dir, 'src', '_includes'));
  writeFileSync(
    join(dir, 'src', '_includes', 'menu.njk'),
    "<nav>{{ collections.all | eleventyNavigation('docs-' + lang) | eleventyNavigationToHtml | safe }}</nav>\n",
  );
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const elev = new Eleventy(join(dir, 'src'), join(dir, '_site'), {
    quietMode: true,
    configPath: join(dir, 'eleventy.config.mjs'),
    config(cfg: { addPlugin(p: unknown, o?: unknown): void }) {
      cfg.addPlugin(navigationPlugin);
      cfg.addPlugin(lockstep, {
        localesDir: join(dir, 'locales'),
        articlesDir: join(dir, 'src'),
        cache: false,
        articleLayout: 'menu.njk',
        pickerLayout: false,
        notFoundLayout: false,
        ...options,
      });
    },
  });
  const { warn, log } = console;
  console.warn = console.log = () => {};
  try {
    await elev.write();
  } finally {
    Object.assign(console, { warn, log });
  }
  const page = (p: string) => readFileSync(join(dir, '_site', p, 'index.html'), 'utf8');
  return { dir, page };
}

const menus = suite('eleventy-navigation over Lockstep pages');

menus('each language gets a menu of its own pages, under the parent the option names', async () => {
  const { dir, page } = await menuSite({ navigation: { parent: 'docs-{locale}' } });
  try {
    const links = (html: string) =>
      [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
    const en = ['/en/guide/ Minimal guide', '/en/setup/ Setup'];
    const fr = ['/fr-fr/guide/ Guide minimal', '/fr-fr/setup/ Installation'];
    assert.equal(links(page('en/guide')), en);
    assert.equal(links(page('en/setup')), en);
    assert.equal(links(page('fr-fr/guide')), fr);
  } finally {
    cleanup(dir);
  }
});

menus('by default (and with `navigation: false`) Lockstep adds no entry to a menu', async () => {
  const { dir, page } = await menuSite({});
  try {
    assert.not.match(page('en/guide'), '<a href=');
  } finally {
    cleanup(dir);
  }
});

menus.run();
