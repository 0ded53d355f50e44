import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { main } from '../plugin/cli.js';
import { QUARANTINE } from '../plugin/core/check/checks.js';
import type { LockstepOptions } from '../plugin/index.js';
import { buildSite, cleanup, copySite, fixtures, read, type BuildResult } from './helpers.js';

/**
 * The minimal site with `test/fixtures/quarantine/<overlay>/` (`bad/` for a build that fails) on
 * top, built; `fn` reads the result, then it is removed.
 */
async function withBuild(
  overlay: string,
  options: LockstepOptions,
  fn: (r: BuildResult, page: string) => void,
): Promise<void> {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  cpSync(join(fixtures, overlay.startsWith('source-') ? 'bad' : 'quarantine', overlay), dir, {
    recursive: true,
  });
  try {
    const r = await buildSite(dir, options);
    fn(r, r.error ? '' : read(join(r.out, 'fr-fr/guide/index.html')));
  } finally {
    cleanup(dir);
  }
}

/**
 * Codes the strict build reports for `key`, which must all point into the fr-FR file the fixture
 * replaces.
 */
async function strictCodes(overlay: string, key: string): Promise<string[]> {
  let codes: string[] = [];
  await withBuild(overlay, { strict: true }, (r) => {
    assert.ok(r.error?.problems, 'a strict build fails');
    assert.equal(
      r.files.filter((f) => f.endsWith('.html')),
      [],
      'before writing a page',
    );
    const mine = r.error!.problems!.filter((p) => p.message.startsWith(`fr-FR \`${key}\``));
    for (const p of mine)
      assert.ok(
        p.line > 0 && /locales\/fr-FR\/(guide|common)\.yaml$/.test(p.file),
        `${p.code} at ${p.file}:${p.line}`,
      );
    codes = [...new Set(mine.map((p) => p.code))].sort();
  });
  return codes;
}

// The English overview as the page shows it, inside the fallback marking a missing string gets.
const OVERVIEW_IN_ENGLISH =
  /<div lang="en" data-lockstep-fallback title="[^"]+"><p class="lockstep-notice" lang="fr-FR" role="note">[^<]+<\/p><p>Read the <a href="https:\/\/example\.com\/docs">full documentation<\/a> first\.<\/p>\n<\/div>/;

interface Case {
  overlay: string;
  key: string;
  codes: string[];
  shown: RegExp;
  absent: RegExp;
}
const cases: Case[] = [
  {
    overlay: 'translation-structure',
    key: 'sections.intro.overview',
    codes: ['STRUCTURE'],
    shown: OVERVIEW_IN_ENGLISH,
    absent: /injectée|EvilCorp|<table>(?![\s\S]*data-lockstep)/,
  },
  {
    overlay: 'translation-unsafe-link',
    key: 'sections.intro.overview',
    codes: ['LINK_TARGETS', 'UNSAFE_LINK'],
    shown: OVERVIEW_IN_ENGLISH,
    absent: /ms-msdt|search-ms|ms-excel/,
  },
  {
    overlay: 'translation-javascript-link',
    key: 'sections.intro.overview',
    codes: ['UNSAFE_LINK'],
    shown: OVERVIEW_IN_ENGLISH,
    absent: /javascript:/,
  },
  {
    overlay: 'translation-image',
    key: 'sections.intro.overview',
    codes: ['UNSAFE_IMAGE'],
    shown: OVERVIEW_IN_ENGLISH,
    absent: /<img|evil\.example/,
  },
  {
    overlay: 'translation-bidi-control',
    key: 'sections.intro.overview',
    codes: ['BIDI_CONTROL'],
    shown: OVERVIEW_IN_ENGLISH,
    absent: /\u202e|moc\.live/,
  },
  {
    overlay: 'translation-nul-in-title',
    key: 'title',
    codes: ['CONTROL_CHARACTER'],
    shown: /<title>Minimal guide<\/title>/,
    absent: /\0|Guide minimal/,
  },
  {
    overlay: 'translation-placeholder',
    key: 'updated',
    codes: ['PLACEHOLDER'],
    shown: /<time datetime="2024-01-15">Last updated: 15 janvier 2024<\/time>/,
    absent: /\{\{|Dernière mise à jour/,
  },
  {
    overlay: 'translation-nesting-fanout',
    key: 'sections.intro.overview',
    codes: ['LINK_TARGETS', 'NESTING', 'NESTING_LIMIT'],
    shown: OVERVIEW_IN_ENGLISH,
    absent: /x x/,
  },
  {
    overlay: 'translation-nesting-loop',
    key: 'sections.intro.heading',
    codes: ['NESTING', 'NESTING_LOOP'],
    shown:
      /<h1 id="intro" lang="en" data-lockstep-fallback title="[^"]+">Introduction<\/h1>[\s\S]*<h2 id="partners" lang="en" data-lockstep-fallback title="[^"]+">Partners<\/h2>/,
    absent: /Partenaires/,
  },
];

const held = suite('quarantine: a string failing a check that protects the page is not published');
for (const c of cases)
  held(
    `${c.overlay}: ${c.codes.join(' + ')}, the source text shown instead, marked as a fallback`,
    async () => {
      assert.equal(await strictCodes(c.overlay, c.key), c.codes);
      assert.ok(c.codes.some((code) => QUARANTINE.has(code)));
      await withBuild(c.overlay, {}, (r, page) => {
        assert.is(r.error, undefined, 'without strict the site builds');
        assert.match(page, c.shown);
        assert.not.match(page, c.absent);
      });
    },
  );
held(
  'the fan-out of `translation-nesting-fanout` is not expanded: the page stays small',
  async () => {
    await withBuild('translation-nesting-fanout', {}, (r) =>
      assert.ok(statSync(join(r.out, 'fr-fr/guide/index.html')).size < 20_000),
    );
  },
);
held.run();

const kept = suite('quarantine: other findings are reported and the translation still shown');
kept('translation-link-target: a lost link (LINK_TARGETS) keeps the French text', async () => {
  assert.equal(await strictCodes('translation-link-target', 'sections.intro.overview'), [
    'LINK_TARGETS',
  ]);
  assert.not.ok(QUARANTINE.has('LINK_TARGETS'));
  await withBuild('translation-link-target', {}, (_r, page) => {
    assert.match(page, "<p>Lisez d'abord la documentation complète.</p>");
    assert.not.match(page, OVERVIEW_IN_ENGLISH);
  });
});
kept(
  'the quality fixture: a GLOSSARY warning is shown, its PLACEHOLDER string is held back',
  async () => {
    const dir = copySite(join(fixtures, 'sites', 'quality'));
    const r = await buildSite(dir);
    const page = read(join(r.out, 'fr-fr/guide/index.html'));
    assert.match(page, 'Acme est certifié.');
    assert.not.match(page, '{{nom}}');
    cleanup(dir);
  },
);
kept.run();

const source = suite("the source locale's own nesting");
source(
  'source-nesting-loop: a loop in the source fails every build, naming both keys',
  async () => {
    await withBuild('source-nesting-loop', {}, (r) => {
      const loops = (r.error?.problems ?? []).filter((p) => p.code === 'NESTING_LOOP');
      assert.equal(loops.map((p) => `${p.file.replace(/.*locales/, 'locales')}:${p.line}`).sort(), [
        'locales/en/guide.yaml:12',
        'locales/en/guide.yaml:13',
      ]);
      assert.match(
        loops[0]!.message,
        '`sections.partners.apply`, `sections.partners.wait` nest each other',
      );
      assert.equal(
        r.files.filter((f) => f.endsWith('.html')),
        [],
      );
    });
  },
);
source('source-nesting-loop: `lockstep check` fails on it too, with its position', () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  cpSync(join(fixtures, 'bad', 'source-nesting-loop'), dir, { recursive: true });
  const out: string[] = [];
  const { log, error } = console;
  console.log = console.error = (s: string) => out.push(String(s));
  let code: number;
  try {
    code = main(['check'], dir);
  } finally {
    Object.assign(console, { log, error });
  }
  assert.is(code, 1);
  assert.match(
    out.join('\n'),
    /locales\/en\/guide\.yaml:12:12 .*`sections\.partners\.apply`.*\[NESTING_LOOP\]/,
  );
  cleanup(dir);
});
source.run();

const copies = suite('quarantine reaches Markdown copies');
copies(
  'translation-javascript-link: the copy has the English text and no script link',
  async () => {
    const dir = copySite(join(fixtures, 'sites', 'minimal'));
    cpSync(join(fixtures, 'quarantine', 'translation-javascript-link'), dir, { recursive: true });
    const r = await buildSite(dir, { markdown: true });
    const text = read(join(r.out, 'fr-fr/guide.md'));
    const permissive = new MarkdownIt({ html: true });
    permissive.validateLink = () => true;
    assert.not.match(permissive.render(text), /href="javascript:/);
    assert.match(text, 'Read the [full documentation](https://example.com/docs) first.');
    cleanup(dir);
  },
);
copies.run();
