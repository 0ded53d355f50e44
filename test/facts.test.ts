import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { facts, factsOf } from '../plugin/core/check/facts.js';
import { runChecks, type CheckContext } from '../plugin/core/check/checks.js';

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
