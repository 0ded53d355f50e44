import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
import lockstep, { type LockstepOptions } from '../plugin/index.js';
import { cleanup, copySite, fixtures, listFiles, repo } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string;
  '11ty': { compatibility: string };
};
type Plugin = typeof lockstep;
type Config = {
  addPlugin: (plugin: Plugin, options: LockstepOptions) => void;
  setIncludesDirectory: (dir: string) => void;
};

/**
 * Build the minimal site through Eleventy with `configure` adding the plugin; what it wrote, or the
 * messages of its error.
 */
async function build(
  configure: (cfg: Config, options: LockstepOptions) => void,
): Promise<{ files: string[]; messages: string[] }> {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const options = {
    localesDir: join(dir, 'locales'),
    articlesDir: join(dir, 'src'),
    cache: join(dir, '.cache', 'lockstep'),
  };
  const elev = new Eleventy(join(dir, 'src'), join(dir, '_site'), {
    quietMode: true,
    configPath: join(dir, 'eleventy.config.mjs'),
    config(cfg: Config) {
      cfg.setIncludesDirectory('../templates');
      configure(cfg, options);
    },
  });
  const { warn, log, error } = console;
  console.warn = console.log = console.error = () => {};
  const messages: string[] = [];
  try {
    await elev.write();
  } catch (e) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy's errors: untyped
    for (let c: any = e; c; c = c.cause ?? c.originalError) messages.push(c.message);
  } finally {
    Object.assign(console, { warn, log, error });
  }
  const files = listFiles(join(dir, '_site'))
    .map((f) => f.slice(dir.length + '/_site/'.length))
    .sort();
  cleanup(dir);
  return { files, messages };
}

/**
 * A copy of the plugin's source beside a `package.json` of our own, loaded as a separate module.
 */
async function pluginWith(meta: {
  name: string;
  compatibility: string;
}): Promise<{ plugin: Plugin; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-package-'));
  cpSync(join(repo, 'plugin'), join(dir, 'plugin'), { recursive: true });
  // The theme is part of the package: the plugin serves its layouts from there.
  cpSync(join(repo, 'templates'), join(dir, 'templates'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: meta.name,
      type: 'module',
      '11ty': { compatibility: meta.compatibility },
    }),
  );
  const mod = (await import(pathToFileURL(join(dir, 'plugin', 'index.ts')).href)) as {
    default: Plugin;
  };
  return { plugin: mod.default, dir };
}

const identity = suite('lockstep: identity');

identity('names its package and is a unique plugin, as Eleventy reads them', () => {
  assert.is(lockstep.eleventyPackage, pkg.name);
  assert.is(lockstep.eleventyPluginOptions.unique, true);
});

identity(
  'added twice to one config, the site builds once: the first `addPlugin` wins',
  async () => {
    const once = await build((cfg, options) => cfg.addPlugin(lockstep, options));
    const twice = await build((cfg, options) => {
      cfg.addPlugin(lockstep, options);
      cfg.addPlugin(lockstep, { ...options, markdown: true });
    });
    assert.equal(twice.messages, [], 'no error');
    assert.ok(once.files.includes('fr-fr/guide/index.html'), 'the pages are written');
    // The second call's options are not read: no Markdown copies.
    assert.equal(twice.files, once.files);
  },
);

identity("Eleventy's error names the package", async () => {
  const r = await build((cfg, options) =>
    cfg.addPlugin(lockstep, { ...options, strict: 'no' as never }),
  );
  assert.ok(
    r.messages.includes(`Error processing the \`${pkg.name}\` plugin`),
    r.messages.join('\n'),
  );
  assert.ok(
    r.messages.some((m) => m.includes("option `strict` must be `true` or `false`; found `'no'`")),
  );
  assert.equal(r.files, []);
});

identity(
  "the Eleventy versions it supports are `package.json`'s `11ty.compatibility`, not a copy in the code",
  async () => {
    const { plugin, dir } = await pluginWith({ name: 'lockstep-copy', compatibility: '>=99.0.0' });
    try {
      assert.is(plugin.eleventyPackage, 'lockstep-copy');
      const ranges: string[] = [];
      const calls = new Proxy({} as Record<string, unknown>, {
        get: (_, name) =>
          name === 'versionCheck'
            ? (range: string) => ranges.push(range)
            : name === 'watchIgnores'
              ? new Set()
              : () => {},
      });
      plugin(calls as never, {});
      assert.equal(ranges, ['>=99.0.0']);
      // And Eleventy 3 refuses to build with it, naming the range.
      const r = await build((cfg, options) => cfg.addPlugin(plugin, options));
      assert.ok(
        r.messages.some((m) => m.includes("does not meet the required version range: '>=99.0.0'")),
        r.messages.join('\n'),
      );
      assert.equal(r.files, []);
    } finally {
      cleanup(dir);
    }
  },
);

identity('watch mode ignores what builds and commands write themselves', () => {
  const ignored = new Set<string>();
  const config = new Proxy(
    {},
    { get: (_, name) => (name === 'watchIgnores' ? ignored : () => {}) },
  );
  lockstep(config as never, { cache: '.cache/lockstep' });
  for (const path of [
    'locales/**/translations.lock',
    'locales/**/sources.lock',
    '.cache/lockstep/**',
    '.lockstep-pending.json',
  ])
    assert.ok(ignored.has(path), `${path} in ${[...ignored].join(', ')}`);
});

identity.run();
