import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo } from './helpers.js';

/**
 * The package as a docs team gets it: `npm pack`, then the tarball installed with Eleventy 3.1.7
 * into new sites in temporary folders. One install is shared by every site (each links its
 * `node_modules` to it), so the registry is reached once. `npm test` has built `dist/` already,
 * so packing skips `prepack`.
 */
const work = mkdtempSync(join(tmpdir(), 'lockstep-pack-'));
let tarball = '';
let installLog = '';

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A new site folder sharing the one install, with `files` written into it. */
function site(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir);
  symlinkSync(join(work, 'base', 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** A translator's first step: the source strings copied to French, one column header translated. */
function translate(dir: string, localesDir = 'locales') {
  cpSync(join(dir, localesDir, 'en'), join(dir, localesDir, 'fr-FR'), { recursive: true });
  const file = join(dir, localesDir, 'fr-FR', 'getting-started.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('basic: Basic', 'basic: Basique'));
}

/** Each `data-lockstep` table's hooks (ids, keys, values) in order: the same in every language. */
function hooks(html: string): string[] {
  return [...html.matchAll(/data-(lockstep|key|value)="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);
}

/** Build with `npx eleventy`, then run `check`, `status` and `audit` without flags. */
function buildAndCheck(dir: string, eleventyArgs: string[] = []) {
  const build = run('npx', ['--no-install', 'eleventy', ...eleventyArgs], dir);
  assert.is(build.code, 0, build.err + build.out);
  for (const command of ['check', 'status', 'audit']) {
    const r = run('npx', ['--no-install', 'lockstep', command], dir);
    assert.is(r.code, 0, `lockstep ${command}: ${r.err}${r.out}`);
  }
  return build;
}

const README = `import lockstep from 'eleventy-plugin-lockstep';

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(lockstep, { sourceLocale: 'en' });
}

export const config = { dir: { input: 'src' } };
`;

const pack = suite('the packed package in new sites');

pack.before(() => {
  const packed = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    { cwd: repo, encoding: 'utf8' },
  );
  const [meta] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, meta!.filename);
  (pack as unknown as { files: string[] }).files = meta!.files.map((f) => f.path);
  mkdirSync(join(work, 'base'));
  writeFileSync(join(work, 'base', 'package.json'), '{ "name": "base", "private": true }\n');
  const r = run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '@11ty/eleventy@3.1.7', tarball],
    join(work, 'base'),
  );
  installLog = r.err + r.out;
  if (r.code !== 0) throw new Error(`npm install failed: ${installLog}`);
});

pack.after(() => rmSync(work, { recursive: true, force: true }));

pack('the tarball: a LICENSE, the CommonJS entry, the theme, and no source map', () => {
  const files = (pack as unknown as { files: string[] }).files;
  for (const f of ['LICENSE', 'cjs/index.cjs', 'templates/lockstep/article.njk', 'dist/index.js'])
    assert.ok(files.includes(f), f);
  assert.equal(
    files.filter((f) => f.endsWith('.map')),
    [],
  );
  const meta = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  assert.ok(meta.keywords.includes('eleventy-plugin'));
  assert.ok(meta.repository && meta.homepage && meta.bugs);
  assert.is(meta.scripts.prepare, undefined, 'a published `prepare` warns on every install');
});

pack('installing prints no warning, and there is one markdown-it', () => {
  assert.not.match(installLog, /npm warn/i);
  const copies = run('npm', ['ls', 'markdown-it', '--all', '--parseable'], join(work, 'base'));
  assert.is(new Set(copies.out.trim().split('\n')).size, 1, copies.out);
});

pack("the audit's second thread starts from the installed package", () => {
  // Only a speed-up that falls back without a word, so ask the thread itself.
  const base = join(work, 'base');
  const ahead = join(base, 'node_modules/eleventy-plugin-lockstep/dist/core/audit/shapes-ahead.js');
  const script = `import { ShapesAhead } from ${JSON.stringify(pathToFileURL(ahead).href)};
const a = new ShapesAhead(1);
a.add('/fr/', '<html lang="fr"><table data-lockstep="t"><tr data-key="r"><td data-value="1">1</td></tr></table></html>');
const { shapes, digests } = await a.collect();
console.log(JSON.stringify([...shapes].map(([d, s]) => [digests.get('/fr/') === d, s.tables])));`;
  const r = run('node', ['--input-type=module', '-e', script], base);
  assert.is(r.code, 0, r.err);
  // One page's shape, under the digest the thread gave for its address.
  assert.equal(JSON.parse(r.out), [[true, 1]]);
});

pack("(a) a new site with the README's config and `lockstep new`", () => {
  const dir = site('readme', {
    'package.json': '{ "type": "module" }\n',
    'eleventy.config.js': README,
  });
  const made = run('npx', ['--no-install', 'lockstep', 'new', 'getting-started'], dir);
  assert.is(made.code, 0, made.err);
  // Never over a file that exists.
  const again = run('npx', ['--no-install', 'lockstep', 'new', 'getting-started'], dir);
  assert.is(again.code, 2);
  assert.match(again.err, 'exists already; nothing was written');
  translate(dir);
  buildAndCheck(dir);
  const en = readFileSync(join(dir, '_site/en/getting-started/index.html'), 'utf8');
  const fr = readFileSync(join(dir, '_site/fr-fr/getting-started/index.html'), 'utf8');
  assert.match(fr, 'Basique');
  assert.equal(hooks(fr), hooks(en));
  assert.ok(hooks(en).includes('lockstep=plans'));
  assert.ok(existsSync(join(dir, '_site/index.html')), 'the picker, since the site has no index');
  assert.not.ok(existsSync(join(dir, '_site/translation-status')), 'the status page is opt-in');
  const version = run('npx', ['--no-install', 'lockstep', '--version'], dir);
  assert.is(
    version.out.trim(),
    JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version,
  );
});

const EXISTING = `import { I18nPlugin } from '@11ty/eleventy';
import lockstep from 'eleventy-plugin-lockstep';

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: 'en' });
  eleventyConfig.addPlugin(lockstep, {
    localesDir: 'i18n',
    localePaths: { 'fr-FR': 'fr' },
    siteUrl: 'https://docs.example.com/docs',
    PICKER
  });
}

export const config = { dir: { input: 'content' } };
`;

const guide = (lang: string) =>
  `---\ntitle: Guide (${lang})\n---\n# Guide\n\n{% lockstepTable "getting-started", "plans" %}\n`;

pack(
  '(b) an existing site: own index and 404, the I18n plugin, an embedded table, a path prefix',
  () => {
    const files = {
      'package.json': '{ "type": "module" }\n',
      'eleventy.config.js': EXISTING.replace('PICKER', ''),
      'content/index.md': '# Our docs\n',
      'content/404.md': '---\npermalink: /404.html\n---\n# Not here\n',
      'content/en/guide.md': guide('en'),
      'content/fr/guide.md': guide('fr'),
    };
    const dir = site('existing', files);
    // `new` finds `content/` and `i18n/` in the site's config.
    assert.is(run('npx', ['--no-install', 'lockstep', 'new', 'getting-started'], dir).code, 0);
    assert.ok(existsSync(join(dir, 'content/getting-started/dataset.yaml')));
    translate(dir, 'i18n');
    // The site's own pages collide with the picker and the 404 page: said before the build, with
    // the option that turns each off.
    const clash = run('npx', ['--no-install', 'eleventy'], dir);
    assert.is.not(clash.code, 0);
    assert.match(clash.err, /content\/index\.md.*`pickerLayout: false`.*\[PAGE_COLLISION\]/);
    assert.match(clash.err, /content\/404\.md.*`notFoundLayout: false`.*\[PAGE_COLLISION\]/);
    assert.not.ok(existsSync(join(dir, '_site')), 'nothing is written');
    writeFileSync(
      join(dir, 'eleventy.config.js'),
      EXISTING.replace('PICKER', 'pickerLayout: false,\n    notFoundLayout: false,'),
    );
    // A `siteUrl` without the path prefix is an error that says which one to write.
    const prefix = run('npx', ['--no-install', 'eleventy', '--pathprefix=/help/'], dir);
    assert.match(prefix.err, "set `siteUrl: 'https://docs.example.com/docs/help'`");
    buildAndCheck(dir, ['--pathprefix=/docs/']);
    const page = (p: string) => readFileSync(join(dir, '_site', p), 'utf8');
    assert.match(page('index.html'), 'Our docs');
    assert.match(
      page('fr/getting-started/index.html'),
      'https://docs.example.com/docs/fr/getting-started/',
    );
    assert.match(page('fr/getting-started/index.html'), 'href="/docs/en/getting-started/"');
    // The embedded table, in each page's language, with the article's hooks.
    const en = page('en/guide/index.html');
    const fr = page('fr/guide/index.html');
    assert.match(fr, 'Basique');
    assert.not.match(en, 'Basique');
    assert.equal(hooks(fr), hooks(en));
    assert.equal(hooks(en), hooks(page('en/getting-started/index.html')));
  },
);

pack('(c) a CommonJS site', () => {
  const dir = site('commonjs', {
    'package.json': '{ "name": "cjs-site", "private": true }\n',
    '.eleventy.js': `const lockstep = require('eleventy-plugin-lockstep');

module.exports = function (eleventyConfig) {
  eleventyConfig.addPlugin(lockstep, { sourceLocale: 'en' });
  return { dir: { input: 'src' } };
};
`,
  });
  assert.is(run('npx', ['--no-install', 'lockstep', 'new', 'getting-started'], dir).code, 0);
  translate(dir);
  buildAndCheck(dir);
  const en = readFileSync(join(dir, '_site/en/getting-started/index.html'), 'utf8');
  const fr = readFileSync(join(dir, '_site/fr-fr/getting-started/index.html'), 'utf8');
  assert.equal(hooks(fr), hooks(en));
  assert.ok(readdirSync(join(dir, '_site')).includes('404.html'));
});

pack.run();
