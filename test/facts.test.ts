import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { facts, factsOf } from '../plugin/core/check/facts.js';
import { runChecks, type CheckContext } from '../plugin/core/check/checks.js';
import { assess } from '../plugin/core/check/quality.js';
import { loadSite } from '../plugin/core/load/site.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { join } from 'node:path';
import { fixtures } from './helpers.js';

const ctx = (locale: string): CheckContext => ({
  terms: [],
  links: { docs: 'https://example.com/docs' },
  sourceLocale: 'en',
  locale,
});
const codes = (source: string, translation: string, locale: string) =>
  facts(source, translation, ctx(locale)).map((f) => f.code);

const check = suite('facts');
check('a label "6.1" for a source "7.40A.500" is a FACT_MISMATCH naming both', () => {
  const [f] = facts('7.40A.500', '6.1', ctx('ja-JP'));
  assert.is(f!.code, 'FACT_MISMATCH');
  assert.match(f!.message, '`7.40A.500`');
  assert.match(f!.message, '`6.1`');
});
check('"more than 40" against "more than 30" in prose', () => {
  assert.equal(codes('More than 30 partners.', 'Plus de 40 partenaires.', 'fr-FR'), [
    'FACT_MISMATCH',
  ]);
  assert.equal(codes('More than 30 partners.', 'Plus de 30 partenaires.', 'fr-FR'), []);
});
check('the same number in each language’s format is no finding', () => {
  assert.equal(codes('Up to 1,000 sessions.', 'Bis zu 1.000 Sitzungen.', 'de-DE'), []);
  assert.equal(codes('Up to 1,000 sessions.', 'Jusqu’à 1 000 sessions.', 'fr-FR'), []);
  assert.equal(codes('Up to 1,000 sessions.', 'Jusqu’à 1\u202f000 sessions.', 'fr-FR'), []);
  assert.equal(codes('Up to 1,000 sessions.', 'Bis zu 1’000 Sitzungen.', 'de-CH'), []);
  assert.equal(codes('Up to 1,000 sessions.', 'حتى ١٬٠٠٠ جلسة', 'ar'), []);
  assert.equal(codes('A 2.5 GHz CPU.', 'Ein 2,5-GHz-Prozessor.', 'de-DE'), []);
  assert.equal(codes('超过 30 个', '超过30个', 'zh-TW'), []);
});
check('a different number in a language’s format is a finding', () => {
  // 1.000 in German is a thousand; 1,000 in German is one.
  assert.equal(codes('Up to 1,000 sessions.', 'Bis zu 1,000 Sitzungen.', 'de-DE'), [
    'FACT_MISMATCH',
  ]);
  assert.equal(codes('A 2.5 GHz CPU.', 'Ein 25-GHz-Prozessor.', 'de-DE'), ['FACT_MISMATCH']);
});
check('a plural form may write its number as `{{count}}`, either way', () => {
  assert.equal(codes('1 item', '{{count}} article', 'fr-FR'), []);
  assert.equal(codes('{{count}} items', '1 article', 'fr-FR'), []);
  assert.equal(codes('{{count}} items', '{{count}} articles', 'fr-FR'), []);
  assert.equal(codes('{{count}} of 5 items', '{{count}} de 6 articles', 'fr-FR'), [
    'FACT_MISMATCH',
  ]);
});
check('URLs and e-mail addresses compare as written; link targets are left to LINK_TARGETS', () => {
  assert.equal(codes('See https://a.example.com/x.', 'Voir https://b.example.com/x.', 'fr-FR'), [
    'FACT_MISMATCH',
  ]);
  assert.equal(codes('Write to team@example.com.', 'Écrivez à team@example.org.', 'fr-FR'), [
    'FACT_MISMATCH',
  ]);
  assert.equal(codes('See https://a.example.com/x.', 'Voir https://a.example.com/x.', 'fr-FR'), []);
  assert.equal(codes('Read [the docs][docs].', 'Lisez [la doc][docs].', 'fr-FR'), []);
});
check('digits inside names (M365, Five9, 8x8) are not quantities', () => {
  assert.equal(codes('Sign in with M365 and Five9.', 'Connexion avec M365 et Five9.', 'fr-FR'), []);
  assert.equal(factsOf('M365, Five9 and 8x8', 'en').all, []);
});
check.run();

const pipeline = suite('runChecks');
pipeline('FACT_MISMATCH is one of the checks every translated string goes through', () => {
  assert.ok(
    runChecks('Version 7.40A.500', 'Version 6.1', ctx('de-DE')).some(
      (f) => f.code === 'FACT_MISMATCH',
    ),
  );
});
pipeline.run();

const SOURCE = 'More than 40 partners, up to 1,500 sessions at 2.5 GHz, 99.9% of the time.';
/** The same facts, written the way each language writes numbers. */
const PROSE: [string, string][] = [
  ['de-DE', 'Mehr als 40 Partner, bis zu 1.500 Sitzungen bei 2,5 GHz, 99,9 % der Zeit.'],
  ['fr-FR', 'Plus de 40 partenaires, jusqu’à 1 500 sessions à 2,5 GHz, 99,9 % du temps.'],
  ['ru-RU', 'Более 40 партнёров, до 1\u00a0500 сеансов на 2,5 ГГц, 99,9 % времени.'],
  ['ar', 'أكثر من ٤٠ شريكًا، حتى ١٬٥٠٠ جلسة بتردد ٢٫٥ غيغاهرتز، ٩٩٫٩٪ من الوقت.'],
  ['zh-CN', '超过40个合作伙伴，最多1,500个会话，2.5 GHz，99.9%的时间。'],
];
const prose = suite('facts: prose in German, French, Russian, Arabic and Chinese');
for (const [locale, text] of PROSE) {
  prose(`${locale}: its own separators and digits are no finding`, () => {
    assert.equal(codes(SOURCE, text, locale), []);
  });
  prose(`${locale}: "more than 30" for "more than 40" is caught, and the other way round`, () => {
    const thirty = text.replace(/40|٤٠/, (m) => (m === '40' ? '30' : '٣٠'));
    assert.ok(thirty !== text);
    assert.equal(codes(SOURCE, thirty, locale), ['FACT_MISMATCH']);
    assert.equal(codes(SOURCE.replace('40', '30'), text, locale), ['FACT_MISMATCH']);
    assert.equal(codes(SOURCE.replace('40', '30'), thirty, locale), []);
  });
  prose(`${locale}: a changed number of sessions is caught`, () => {
    const more = text.replace(/1[.,\u00a0 ]500|١٬٥٠٠/, (m) => (m === '١٬٥٠٠' ? '٢٬٥٠٠' : '2500'));
    assert.ok(more !== text);
    assert.equal(codes(SOURCE, more, locale), ['FACT_MISMATCH']);
  });
}
prose.run();

const dates = suite('facts: dates as each language writes them');
dates('one date, written ISO, with numbers or with a month name, is one fact', () => {
  const same: [string, string, string][] = [
    ['Released on 2024-05-01.', 'Veröffentlicht am 01.05.2024.', 'de-DE'],
    ['Released on May 1, 2024.', 'Veröffentlicht am 1. Mai 2024.', 'de-DE'],
    ['Released on May 1, 2024.', 'Publié le 1er mai 2024.', 'fr-FR'],
    ['Released on 2024-05-01.', 'Publié le 01/05/2024.', 'fr-FR'],
    ['Released on May 1, 2024.', 'Выпущено 1 мая 2024 г.', 'ru-RU'],
    ['Released on 2024-05-01.', 'صدر في 01/05/2024.', 'ar'],
    ['Released on May 1, 2024.', '发布于2024年5月1日。', 'zh-CN'],
  ];
  for (const [source, translation, locale] of same)
    assert.equal(codes(source, translation, locale), [], `${locale}: ${translation}`);
  assert.equal(factsOf('Released on May 1, 2024.', 'en').all, ['d:2024-05-01']);
});
dates('another day, or day and month swapped for the language, is caught', () => {
  assert.equal(codes('Released on May 1, 2024.', 'Veröffentlicht am 2. Mai 2024.', 'de-DE'), [
    'FACT_MISMATCH',
  ]);
  // In French 05/01/2024 is the 5th of January.
  assert.equal(codes('Released on 2024-05-01.', 'Publié le 05/01/2024.', 'fr-FR'), [
    'FACT_MISMATCH',
  ]);
  assert.equal(codes('Released on 2024-05-01.', '发布于2024年6月1日。', 'zh-CN'), [
    'FACT_MISMATCH',
  ]);
});
dates('a number written in words is a finding that says to write digits', () => {
  const [f] = facts('It takes 5 minutes.', 'Es dauert fünf Minuten.', ctx('de-DE'));
  assert.match(f!.message, 'write it in digits');
});
dates.run();

const sites = suite('facts: no false positive on the fixtures');
for (const name of ['teams', 'sbc'])
  sites(`${name}: every translation of every locale has the source's facts`, () => {
    const dir = join(fixtures, 'sites', name);
    const { site } = loadSite(dir, coreConfig(resolveOptions()));
    const found = assess(site!, join(dir, 'locales')).findings;
    assert.ok(site!.locales.length >= 3);
    assert.equal(
      found.filter((f) => f.code === 'FACT_MISMATCH').map((f) => `${f.locale} ${f.key}`),
      [],
    );
  });
sites.run();
