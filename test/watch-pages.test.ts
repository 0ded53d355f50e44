import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error Eleventy ships no type declarations.
import Eleventy from '@11ty/eleventy';
import lockstep from '../plugin/index.js';
import { cleanup, copySite, read } from './helpers.js';

interface Elev {
  write(): Promise<[unknown, { outputPath?: string | false }[]]>;
  setIncrementalBuild(on: boolean): void;
  setIncrementalFile(file: string): void;
  restart(): Promise<void>;
  init(o?: object): Promise<void>;
}

/** One Eleventy instance on `dir`, rebuilt as watch mode rebuilds it; each build's log lines. */
function site(
  dir: string,
  runMode = 'watch',
): {
  elev: Elev;
  build: () => Promise<string[]>;
  written: () => string[];
} {
  writeFileSync(join(dir, 'eleventy.config.mjs'), 'export default function () {}\n');
  const elev: Elev = new Eleventy(join(dir, 'src'), join(dir, '_site'), {
    quietMode: true,
    // As `--watch` runs it: pages are compared with the previous build's only then.
    runMode,
    configPath: join(dir, 'eleventy.config.mjs'),
    config(cfg: { addPlugin: (p: unknown, o: unknown) => void }) {
      cfg.addPlugin(lockstep, {
        localesDir: join(dir, 'locales'),
        articlesDir: join(dir, 'src'),
        cache: join(dir, '.cache', 'lockstep'),
      });
    },
  });
  let first = true;
  let written: string[] = [];
  const build = async () => {
    const lines: string[] = [];
    const { warn, log } = console;
    console.warn = () => {};
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      // What Eleventy's watch mode does before each rebuild that is not a config change.
      if (!first) {
        await elev.restart();
        await elev.init({ viaConfigReset: false });
      }
      first = false;
      const [, results] = await elev.write();
      written = results.flatMap((r) => (r.outputPath ? [relative(dir, r.outputPath)] : []));
    } finally {
      Object.assign(console, { warn, log });
    }
    return lines.filter((l) => l.startsWith('[lockstep] Article pages'));
  };
  return { elev, build, written: () => written };
}

/** A copy of the site leaving the theme to the package, as a site with no layouts of its own. */
function themeless(): string {
  const dir = copySite();
  rmSync(join(dir, 'templates'), { recursive: true });
  return dir;
}

/** The French article's locale file, and a change of its title's line. */
const frFile = (dir: string) => join(dir, 'locales', 'fr-FR', 'teams-contact-center.yaml');
const retitle = (file: string, line: string) =>
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: (.*)$/m, line));

const Rebuild = suite('watch rebuild of article pages');
Rebuild('one string of one locale renders that page again, no other', async () => {
  const dir = themeless();
  try {
    const { build } = site(dir);
    assert.equal(await build(), [], 'a first build reuses nothing');
    assert.equal(await build(), [
      '[lockstep] Article pages: 0 rendered again, 6 unchanged since the previous build.',
    ]);
    retitle(frFile(dir), 'title: $1 (modifié)');
    assert.equal(await build(), [
      '[lockstep] Article pages: 1 rendered again, 5 unchanged since the previous build.',
    ]);
    const page = readFileSync(join(dir, '_site', 'fr-fr', 'teams-contact-center', 'index.html'));
    assert.match(page.toString(), '<title>Centre de contacts Teams (modifié)');
  } finally {
    cleanup(dir);
  }
});
Rebuild(
  'with `--incremental`, Eleventy writes that page again and no other article page',
  async () => {
    const dir = themeless();
    try {
      const { elev, build, written } = site(dir);
      elev.setIncrementalBuild(true);
      await build();
      assert.ok(written().includes('_site/it-it/teams-contact-center/index.html'));
      const file = frFile(dir);
      retitle(file, 'title: $1 (modifié)');
      // What watch mode hands Eleventy: the file that changed.
      elev.setIncrementalFile(file);
      assert.equal(await build(), [
        '[lockstep] Article pages: 1 rendered again, 5 unchanged since the previous build.',
      ]);
      const pages = written().filter((f) => f.endsWith('teams-contact-center/index.html'));
      assert.equal(pages, ['_site/fr-fr/teams-contact-center/index.html']);
      assert.match(read(join(dir, pages[0]!)), '<title>Centre de contacts Teams (modifié)');
    } finally {
      cleanup(dir);
    }
  },
);
Rebuild(
  'an edit of a locale file is written to its page before the rebuild, the same bytes as the rebuild writes',
  async () => {
    const dir = themeless();
    try {
      // As `--serve` runs it: the development server is told to reload once the page is written.
      const { elev, build } = site(dir, 'serve');
      elev.setIncrementalBuild(true);
      await build();
      const signal = join(dir, '.cache', 'lockstep', 'early-pages.txt');
      assert.is(read(signal), '', 'the signal exists before the server watches it');
      const out = join(dir, '_site', 'fr-fr', 'teams-contact-center', 'index.html');
      const other = join(dir, '_site', 'it-it', 'teams-contact-center', 'index.html');
      const otherBefore = statSync(other).mtimeMs;
      const file = frFile(dir);
      retitle(file, 'title: $1 (modifié)');
      // What watch mode does first: the queue of changed files, as Eleventy names them.
      await beforeWatch(elev, ['./' + relative(process.cwd(), file)]);
      const early = read(out);
      assert.match(early, '<title>Centre de contacts Teams (modifié)');
      assert.is(read(signal), '/fr-fr/teams-contact-center/\n');
      assert.is(statSync(other).mtimeMs, otherBefore, 'a page the edit did not touch is left');
      elev.setIncrementalFile(file);
      // The page made early is the one page made: the rebuild takes it, not a second rendering.
      assert.equal(await build(), [
        '[lockstep] Article pages: 1 rendered again, 5 unchanged since the previous build.',
      ]);
      assert.is(read(out), early, 'the rebuild writes what was written early');
    } finally {
      cleanup(dir);
    }
  },
);
Rebuild(
  'an edit that breaks a locale file writes nothing early; the rebuild reports it',
  async () => {
    const dir = themeless();
    try {
      const { elev, build } = site(dir);
      await build();
      const out = join(dir, '_site', 'fr-fr', 'teams-contact-center', 'index.html');
      const before = read(out);
      const file = frFile(dir);
      retitle(file, 'title: "$1');
      const { error } = console;
      console.error = () => {};
      try {
        await beforeWatch(elev, [file]);
        assert.is(read(out), before);
        await build().then(
          () => assert.unreachable('the rebuild should fail'),
          (e: Error) => assert.ok(e instanceof Error, String(e)),
        );
      } finally {
        console.error = error;
      }
    } finally {
      cleanup(dir);
    }
  },
);
Rebuild(
  'a queue with a file that is not a locale file or dataset writes nothing early',
  async () => {
    const dir = themeless();
    try {
      const { elev, build } = site(dir);
      await build();
      const out = join(dir, '_site', 'fr-fr', 'teams-contact-center', 'index.html');
      const before = read(out);
      const file = frFile(dir);
      retitle(file, 'title: $1 (modifié)');
      writeFileSync(join(dir, 'src', 'extra.md'), '# Extra\n');
      await beforeWatch(elev, [file, join(dir, 'src', 'extra.md')]);
      assert.is(read(out), before);
    } finally {
      cleanup(dir);
    }
  },
);
Rebuild(
  'an edit the watcher did not name is in the rebuild, though the early pages took only the named one',
  async () => {
    const dir = themeless();
    try {
      const { elev, build } = site(dir);
      // Files are taken as unchanged by their stamps only once settled (the racy window).
      await new Promise((r) => setTimeout(r, 2100));
      await build();
      const fr = frFile(dir);
      const it = join(dir, 'locales', 'it-IT', 'teams-contact-center.yaml');
      retitle(fr, 'title: $1 (modifié)');
      retitle(it, 'title: $1 (modificato)');
      // Eleventy names only the French file (the Italian one changed unseen, or just after).
      await beforeWatch(elev, [fr]);
      const page = (l: string) => read(join(dir, '_site', l, 'teams-contact-center', 'index.html'));
      assert.match(page('fr-fr'), '(modifié)</title>');
      await build();
      assert.match(page('it-it'), '(modificato)</title>');
      assert.match(page('fr-fr'), '(modifié)</title>');
    } finally {
      cleanup(dir);
    }
  },
);
Rebuild.run();

/** Eleventy's `eleventy.beforeWatch` event, as its watch mode emits it before a rebuild. */
async function beforeWatch(elev: Elev, queue: string[]): Promise<void> {
  const events = (
    elev as unknown as { config: { events: { emit(e: string, q: string[]): Promise<unknown> } } }
  ).config.events;
  await events.emit('eleventy.beforeWatch', queue);
}
