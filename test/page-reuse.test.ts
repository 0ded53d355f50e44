import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../plugin/core/build.js';
import { pageKeys, PageReuse } from '../plugin/core/render/page-reuse.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup, copySite } from './helpers.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ARTICLE = 'teams-contact-center';

/** The docs site with a second article, a copy of the first, so that some pages stay unchanged. */
function twoArticles(): string {
  const dir = copySite();
  cpSync(join(dir, 'src', ARTICLE), join(dir, 'src', 'second'), { recursive: true });
  for (const l of readdirSync(join(dir, 'locales')))
    cpSync(join(dir, 'locales', l, `${ARTICLE}.yaml`), join(dir, 'locales', l, 'second.yaml'));
  // The copy's locks would name the first article's keys only: a fresh lock is made for it.
  return dir;
}

const config = (dir: string, cache = true) =>
  coreConfig(
    resolveOptions({
      localesDir: join(dir, 'locales'),
      articlesDir: join(dir, 'src'),
      cache: cache ? join(dir, '.cache', 'lockstep') : false,
    }),
  );

const edit = (file: string, change: (s: string) => string) =>
  writeFileSync(file, change(readFileSync(file, 'utf8')));

/** What a build gives that a rebuild must give the same: pages, status, findings, locks. */
function outcome(dir: string, b: ReturnType<typeof build>): string {
  const locks = readdirSync(join(dir, 'locales')).map((l) =>
    readdirSync(join(dir, 'locales', l))
      .filter((f) => f.endsWith('.lock'))
      .map((f) => `${l}/${f}\n${readFileSync(join(dir, 'locales', l, f), 'utf8')}`),
  );
  const { pages, status, quality, warnings, picker, notFound, markdown } = b;
  // The two sites are in different folders: paths are compared without them.
  // Keys sorted: a finding read from the build cache lists its fields in another order.
  const sorted = (_: string, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v;
  const all = { pages, status, quality, warnings, picker, notFound, markdown, locks };
  return JSON.stringify(all, sorted).split(dir).join('<site>');
}

const Pages = suite('PageReuse.pages');
Pages('after each kind of edit, a rebuild gives what a fresh build of the same files gives', () => {
  const dir = twoArticles();
  const fresh = mkdtempSync(join(tmpdir(), 'lockstep-fresh-'));
  try {
    const reuse = new PageReuse();
    const first = build(dir, config(dir), { reuse });
    const total = first.pages.length;
    assert.is(reuse.kept, 0, 'a first build keeps nothing');
    const fr = join(dir, 'locales', 'fr-FR', `${ARTICLE}.yaml`);
    const edits: [string, () => void, (kept: number) => void][] = [
      ['nothing', () => {}, (kept) => assert.is(kept, total)],
      [
        'one string of one locale',
        () => edit(fr, (s) => s.replace(/^title: (.*)$/m, 'title: $1 (modifié)')),
        (kept) => assert.is(kept, total - 1),
      ],
      [
        'a source string (outdated in every translation)',
        () =>
          edit(join(dir, 'locales', 'en', `${ARTICLE}.yaml`), (s) =>
            s.replace(/^title: (.*)$/m, 'title: $1 (new)'),
          ),
        (kept) => assert.is(kept, total / 2),
      ],
      [
        "one locale's theme strings",
        () =>
          edit(join(dir, 'locales', 'it-IT', 'common.yaml'), (s) =>
            s.replace(/^languages: .*$/m, 'languages: Le lingue'),
          ),
        (kept) => assert.is(kept, total - 2),
      ],
      [
        'a dataset',
        () =>
          edit(join(dir, 'src', 'second', 'dataset.yaml'), (s) =>
            s.replace(/^updated: .*$/m, 'updated: 2024-06-01'),
          ),
        (kept) => assert.is(kept, total / 2),
      ],
      [
        'an article gone',
        () =>
          renameSync(join(dir, 'src', 'second', 'dataset.yaml'), join(dir, 'src', 'second', 'x')),
        (kept) => assert.is(kept, total / 2),
      ],
    ];
    for (const [name, change, kept] of edits) {
      change();
      cleanup(fresh);
      cpSync(dir, fresh, { recursive: true, filter: (f) => !f.includes('.cache') });
      const again = build(dir, config(dir), { reuse });
      const anew = build(fresh, config(fresh, false));
      const [a, b] = [outcome(dir, again), outcome(fresh, anew)];
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      // Only the first difference, not two whole sites.
      assert.is(a.slice(at - 80, at + 80), b.slice(at - 80, at + 80), `after ${name}`);
      kept(reuse.kept);
    }
  } finally {
    cleanup(dir);
    cleanup(fresh);
  }
});
Pages.run();

const Keys = suite('pageKeys');
Keys('the very inputs of the previous build give its key, not worked out again', () => {
  const dir = twoArticles();
  try {
    const { site } = build(dir, config(dir));
    const none = () => undefined;
    const known = new Map<string, unknown>();
    const all = () => {
      const keyOf = pageKeys(site, none, none, undefined, known as never);
      return site.articles.flatMap((a) => site.locales.map((l) => keyOf(a, l)));
    };
    const first = all();
    assert.ok(first.every((k) => typeof k === 'string'));
    assert.is(known.size, first.length, 'every page known with its inputs');
    const entries = new Map(known);
    assert.equal(all(), first);
    assert.ok(
      [...known].every(([id, e]) => entries.get(id) === e),
      'none worked out again',
    );
    // An edited file is a new namespace: only its page's key is worked out again, and differs.
    const fr = site.locales.find((l) => l.tag === 'fr-FR')!;
    const edited = Object.create(fr.namespaces.get(ARTICLE)!, { digest: { value: 'edited' } });
    fr.namespaces.set(ARTICLE, edited);
    const again = all();
    assert.equal(
      [...known].filter(([id, e]) => entries.get(id) !== e).map(([id]) => id),
      [`${ARTICLE}\0fr-FR`],
    );
    assert.equal(
      again.map((k, i) => k !== first[i]),
      first.map(
        (_, i) =>
          i ===
          site.articles.findIndex((a) => a.article === ARTICLE) * site.locales.length +
            site.locales.indexOf(fr),
      ),
    );
  } finally {
    cleanup(dir);
  }
});
Keys.run();
