import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { formatLock, hash, readLock } from '../plugin/core/load/lock.js';
import { assess, qualitySummary, type Quality } from '../plugin/core/check/quality.js';
import { build } from '../plugin/core/build.js';
import { statusReport } from '../plugin/core/outputs/status.js';
import { LockstepError } from '../plugin/core/problems.js';
import { main } from '../plugin/cli.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup } from './helpers.js';
import { guide, load, lockOf, paragraphs, writeSite } from './policy-site.js';

/** Assess an inline site; the site folder is removed afterwards. */
function assessed(files: Record<string, string>): Quality {
  const dir = writeSite(files);
  try {
    return assess(load(dir), join(dir, 'locales'));
  } finally {
    cleanup(dir);
  }
}
const codes = (q: Quality, tag: string) =>
  q.findings.filter((f) => f.locale === tag).map((f) => `${f.key} ${f.code}`);
const statusOf = (q: Quality, tag: string) => q.status.find((s) => s.locale === tag)!;

const complete = suite('assess: completeness');
complete('a key both outdated and failing a check counts once against completeness', () => {
  const q = assessed({
    'src/guide/dataset.yaml': paragraphs('a', 'b'),
    'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'Welcome, {{name}}.', b: 'Read on.' }),
    'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: 'Bienvenue.', b: 'Lisez la suite.' }),
    // `a` was translated from an older source: outdated, and it lacks `{{name}}`: failing.
    'locales/fr-FR/translations.lock': lockOf({
      guide: { 'sections.intro.a': { from: 'Welcome back, {{name}}.', translation: 'Bienvenue.' } },
    }),
  });
  assert.equal(codes(q, 'fr-FR').sort(), [
    'sections.intro.a PLACEHOLDER',
    'sections.intro.a STALE',
  ]);
  // Five keys, one of them bad: 80 %, not 60 %.
  assert.equal(
    { ...statusOf(q, 'fr-FR') },
    { locale: 'fr-FR', total: 5, translated: 5, missing: 0, stale: 1, failed: 1, complete: 80 },
  );
});
complete('the share is rounded to the nearest percent, and missing keys count against it', () => {
  const q = assessed({
    'src/guide/dataset.yaml': paragraphs('a', 'b', 'c'),
    'locales/en/guide.yaml': guide('Guide', 'Start', {
      a: 'First part.',
      b: 'Second part.',
      c: 'Third part.',
    }),
    'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: 'Première partie.' }),
  });
  // Four of six keys: 66.7 %, shown as 67.
  assert.equal([statusOf(q, 'fr-FR').missing, statusOf(q, 'fr-FR').complete], [2, 67]);
});
complete('a translation of only white space is missing, not translated', () => {
  const q = assessed({
    'src/guide/dataset.yaml': paragraphs('a', 'b'),
    'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'First part.', b: 'Second part.' }),
    'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: 'Première partie.', b: '   ' }),
  });
  assert.equal(codes(q, 'fr-FR'), ['sections.intro.b MISSING']);
});
complete.run();

const plurals = suite('assess: plural forms');
const pluralSite = {
  'src/guide/dataset.yaml': paragraphs('a'),
  'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'Read on.' }),
  'locales/en/common.yaml': 'files_one: One file\nfiles_other: "{{count}} files"\n',
  'locales/de-DE/guide.yaml': guide('Anleitung', 'Anfang', { a: 'Lesen Sie weiter.' }),
  'locales/de-DE/common.yaml': 'files_one: Eine Datei\nfiles_other: "{{count}} Dateien"\n',
};
plurals(
  'each form is checked against the source form of the same category, not against `_other`',
  () => {
    // `files_one` has no `{{count}}`, as its English form has none.
    assert.equal(codes(assessed(pluralSite), 'de-DE'), []);
  },
);
plurals('each form is locked with the hash of its own source form', () => {
  const lock = assessed(pluralSite).locks.find((l) => l.locale === 'de-DE')!.lock;
  assert.equal(lock.common, {
    files_one: { source: hash('One file'), translation: hash('Eine Datei') },
    files_other: { source: hash('{{count}} files'), translation: hash('{{count}} Dateien') },
  });
});
// Russian `one` also covers 21, 31…: its `_one` form needs `{{count}}`, so the source's does too
// here.
const ruSource = {
  ...pluralSite,
  'locales/en/common.yaml': 'files_one: "{{count}} file"\nfiles_other: "{{count}} files"\n',
};
plurals('forms the source does not have are not orphans when the locale needs them', () => {
  const q = assessed({
    ...ruSource,
    'locales/ru-RU/guide.yaml': guide('Гид', 'Начало', { a: 'Читайте дальше.' }),
    'locales/ru-RU/common.yaml':
      'files_one: "{{count}} файл"\nfiles_few: "{{count}} файла"\nfiles_many: "{{count}} файлов"\nfiles_other: "{{count}} файла"\n',
  });
  assert.equal(codes(q, 'ru-RU'), []);
});
plurals(
  'the forms the target language needs, from its own plural rules: Russian needs `few` and `many`',
  () => {
    const q = assessed({
      ...ruSource,
      'locales/ru-RU/guide.yaml': guide('Гид', 'Начало', { a: 'Читайте дальше.' }),
      'locales/ru-RU/common.yaml': 'files_one: "{{count}} файл"\nfiles_other: "{{count}} файла"\n',
    });
    const f = q.findings.find((x) => x.locale === 'ru-RU')!;
    assert.is(f.code, 'PLURAL_FORMS');
    assert.match(f.message, 'add `files_few`, `files_many`');
  },
);
plurals.run();

const lock = suite('assess: the lock');
const lockSite = (
  lockText: string,
  fr: Record<string, string> = { a: 'Lisez la suite.', b: 'Plus tard.' },
) => ({
  'src/guide/dataset.yaml': paragraphs('a', 'b') + 'source: { date: 2024-03-01 }\n',
  'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'Read on.', b: 'Later.' }),
  'locales/fr-FR/guide.yaml': guide('Guide', 'Début', fr),
  'locales/fr-FR/translations.lock': lockText,
});
const imported = (date: string) =>
  formatLock({
    guide: {
      'sections.intro.a': { translation: hash('Lisez la suite.'), imported: `${date} fr-FR.md` },
    },
  });
lock(
  'a copy imported on the date the article follows is current; imported the day before, outdated',
  () => {
    assert.equal(codes(assessed(lockSite(imported('2024-03-01'))), 'fr-FR'), []);
    assert.equal(codes(assessed(lockSite(imported('2024-02-29'))), 'fr-FR'), [
      'sections.intro.a STALE',
    ]);
  },
);
lock(
  'the entry of a string emptied for now is kept; the entry of a key the source dropped goes',
  () => {
    const before = lockOf({
      guide: {
        'sections.intro.b': { from: 'Later.', translation: 'Plus tard.' },
        'sections.intro.gone': { from: 'Gone.', translation: 'Parti.' },
      },
    });
    const after = assessed(lockSite(before, { a: 'Lisez la suite.', b: '' })).locks[0]!.lock.guide!;
    assert.equal(Object.keys(after).sort(), [
      'description',
      'sections.intro.a',
      'sections.intro.b',
      'sections.intro.heading',
      'title',
    ]);
    assert.equal(after['sections.intro.b'], {
      source: hash('Later.'),
      translation: hash('Plus tard.'),
    });
  },
);
lock.run();

const summary = suite('qualitySummary: a few lines per build');
summary('names four missing keys, then counts the rest', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const q = assessed({
    'src/guide/dataset.yaml': paragraphs(...ids),
    'locales/en/guide.yaml': guide(
      'Guide',
      'Start',
      Object.fromEntries(ids.map((k) => [k, `Part ${k}.`])),
    ),
    'locales/fr-FR/guide.yaml': guide('Guide', 'Début', {}),
  });
  assert.equal(qualitySummary(q, 'en'), [
    'fr-FR: 5 strings not translated, shown in en: `guide:sections.intro.a`, `guide:sections.intro.b`, `guide:sections.intro.c`, `guide:sections.intro.d` and 1 more',
  ]);
});
summary('names a string by its namespace too: the same key in two articles is two strings', () => {
  const q = assessed({
    'src/guide/dataset.yaml': paragraphs('a', 'b'),
    'src/tour/dataset.yaml': paragraphs('a', 'b'),
    'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'Part {{n}}.', b: 'More.' }),
    'locales/en/tour.yaml': guide('Tour', 'Start', { a: 'Stop {{n}}.', b: 'More.' }),
    'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: 'Partie.' }),
    'locales/fr-FR/tour.yaml': guide('Visite', 'Début', { a: 'Arrêt.' }),
  });
  const lines = qualitySummary(q, 'en');
  assert.ok(
    lines.includes(
      'fr-FR: 2 strings not translated, shown in en: `guide:sections.intro.b`, `tour:sections.intro.b`',
    ),
    lines.join('\n'),
  );
  assert.ok(
    lines.includes(
      'fr-FR: 2 strings not published (a check that protects the page failed), shown in en: `guide:sections.intro.a`, `tour:sections.intro.a`',
    ),
    lines.join('\n'),
  );
});
summary('points at the status page where the site has one, under its path prefix', () => {
  const q = assessed({
    'src/guide/dataset.yaml': paragraphs('a'),
    'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'Part {{n}}.' }),
    'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: 'Partie.' }),
  });
  const last = (url?: string) => qualitySummary(q, 'en', url).at(-1);
  assert.is(
    last('/docs/translation-status/'),
    'fr-FR: 1 PLACEHOLDER; see /docs/translation-status/ or run `npx lockstep status`',
  );
  assert.is(last(), 'fr-FR: 1 PLACEHOLDER; run `npx lockstep status`');
});
summary.run();

const accept = suite('lockstep accept <locale> <key>: that key and the keys under it, no other');
accept('`sections.a` confirms `sections.a.text`, not `sections.ab.text`', () => {
  const sections = (ids: string[]) =>
    `updated: 2024-03-01\nsections:\n${ids.map((id) => `  - id: ${id}\n    blocks:\n      - p: text\n`).join('')}`;
  const strings = (title: string, texts: Record<string, [string, string]>) =>
    `title: ${title}\ndescription: ${title}.\nsections:\n${Object.entries(texts)
      .map(([id, [h, t]]) => `  ${id}:\n    heading: ${h}\n    text: ${t}\n`)
      .join('')}`;
  const dir = writeSite({
    'src/guide/dataset.yaml': sections(['a', 'ab']),
    'locales/en/guide.yaml': strings('Guide', {
      a: ['First', 'The first part, rewritten.'],
      ab: ['Second', 'The second part, rewritten.'],
    }),
    'locales/fr-FR/guide.yaml': strings('Guide', {
      a: ['Premier', 'La première partie.'],
      ab: ['Second', 'La seconde partie.'],
    }),
    'locales/fr-FR/translations.lock': lockOf({
      guide: {
        'sections.a.text': { from: 'The first part.', translation: 'La première partie.' },
        'sections.ab.text': { from: 'The second part.', translation: 'La seconde partie.' },
      },
    }),
  });
  const { log, error } = console;
  console.log = console.error = () => {};
  try {
    assert.is(main(['accept', 'fr-FR', 'sections.a'], dir), 0);
  } finally {
    Object.assign(console, { log, error });
  }
  const entries = readLock(join(dir, 'locales/fr-FR/translations.lock')).guide!;
  assert.is(entries['sections.a.text']!.source, hash('The first part, rewritten.'));
  assert.is(entries['sections.ab.text']!.source, hash('The second part.'));
  assert.equal(codes(assess(load(dir), join(dir, 'locales')), 'fr-FR'), ['sections.ab.text STALE']);
  cleanup(dir);
});
accept.run();

const strict = suite('strict: fails on translation findings, and only when there are some');
const strictSite = (b: string) => ({
  'src/guide/dataset.yaml': paragraphs('a', 'b'),
  'locales/en/guide.yaml': guide('Guide', 'Start', { a: 'First part.', b: 'Second part.' }),
  'locales/fr-FR/guide.yaml': guide('Guide', 'Début', { a: 'Première partie.', b }),
});
strict(
  '`lockstep status --strict`: exit 1 with a finding, 0 without; without --strict always 0',
  () => {
    for (const [b, strictCode] of [
      ['Deuxième partie.', 0],
      ['', 1],
    ] as const) {
      const dir = writeSite(strictSite(b));
      const site = load(dir);
      const q = assess(site, join(dir, 'locales'));
      assert.is(statusReport(site, q, { strict: true }).code, strictCode, b);
      assert.is(statusReport(site, q, {}).code, 0, b);
      cleanup(dir);
    }
  },
);
strict('a strict build: finished without findings, stopped with them', () => {
  const run = (b: string) => {
    const dir = writeSite(strictSite(b));
    try {
      return build(dir, coreConfig(resolveOptions({ strict: true, cache: false })));
    } finally {
      cleanup(dir);
    }
  };
  assert.is(run('Deuxième partie.').pages.length, 2);
  try {
    run('');
    assert.unreachable('the strict build went on');
  } catch (e) {
    assert.instance(e, LockstepError);
    assert.equal(
      (e as LockstepError).problems.map((p) => p.code),
      ['MISSING'],
    );
  }
});
strict.run();
