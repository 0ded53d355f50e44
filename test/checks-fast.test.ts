import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  codeSpans,
  glossary,
  links,
  placeholders,
  runChecks,
  type CheckContext,
  type CheckFailure,
} from '../plugin/core/check/checks.js';
import { facts } from '../plugin/core/check/facts.js';
import { Memo } from '../plugin/core/memo.js';

// The checks' shortcuts (no copies when source and translation agree in order, the last pair's
// parse kept, the memo read without closures) must give what the general path gives: each case
// below is one the shortcut must not take, or must take and still answer the same.
const context = (links: Record<string, string>): CheckContext => ({
  terms: ['Microsoft Teams', 'Teams', 'Azure'],
  links,
  sourceLocale: 'en',
  locale: 'de',
  memo: new Memo(),
  shared: new Memo(),
});
const ctx = context({ a: 'https://a.example', b: 'https://b.example' });
const codes = (fs: readonly CheckFailure[]) => fs.map((f) => f.code);

const all = suite('runChecks');
all('every check adds to the one array it is given, in the order of the checks', () => {
  const out: CheckFailure[] = [{ code: 'STALE', message: 'kept' }];
  assert.is(placeholders('{{a}}', 'x', ctx, out), out);
  assert.is(links('[x][a]', 'y', ctx, out), out);
  assert.equal(codes(out), ['STALE', 'PLACEHOLDER', 'LINK_TARGETS']);
  assert.equal(codes(runChecks('{{a}} [x][a] `c`', 'y', ctx)), [
    'PLACEHOLDER',
    'LINK_TARGETS',
    'CODE_SPANS',
  ]);
});
all.run();

const ln = suite('links');
ln('the same targets in another order pass; one more or one less fails, as before', () => {
  assert.equal(links('[x][a] [y][b]', '[y][b] [x][a]', ctx), []);
  assert.equal(codes(links('[x][a] [y][b]', '[x][a] [y][b] [z][b]', ctx)), ['LINK_TARGETS']);
  assert.equal(codes(links('[x][a] [y][a]', '[x][a] [y][b]', ctx)), [
    'LINK_TARGETS',
    'LINK_TARGETS',
  ]);
});
ln('the same text in a context with other links is read with those links', () => {
  const other = context({ a: 'https://other.example', b: 'https://b.example' });
  assert.equal(links('[x][a]', '[x][a]', ctx), []);
  // The translation of the pair before, the source of a pair in another context.
  const found = links('[x](https://a.example)', '[x][a]', other);
  assert.equal(codes(found), ['LINK_TARGETS', 'LINK_TARGETS']);
  assert.match(found[0]!.message, 'https://a.example');
  assert.match(found[1]!.message, 'https://other.example');
  assert.equal(links('[x][a]', '[x](https://other.example)', other), []);
});
ln.run();

const code = suite('codeSpans');
code('after `links` read the same pair, the code spans are still each side’s own', () => {
  assert.equal(links('Run `npm test` [x][a]', 'Lancez `npm tester` [x][a]', ctx), []);
  assert.equal(codes(codeSpans('Run `npm test` [x][a]', 'Lancez `npm tester` [x][a]', ctx)), [
    'CODE_SPANS',
    'CODE_SPANS',
  ]);
  // A new source with the translation before: the source is read anew.
  assert.equal(codeSpans('Run `npm tester`', 'Lancez `npm tester` [x][a]', ctx), []);
  assert.equal(codeSpans('`b` `a`', '`a` `b`', ctx), []);
});
code.run();

const gl = suite('glossary');
gl('a term missing from a translation that keeps the others is reported, the longest only', () => {
  assert.equal(glossary('Microsoft Teams and Azure', 'Microsoft Teams und Azure', ctx), []);
  const found = glossary('Microsoft Teams and Azure', 'Teams und Azur', ctx);
  assert.equal(codes(found), ['GLOSSARY', 'GLOSSARY']);
  assert.match(found[0]!.message, '`Microsoft Teams`');
  assert.match(found[1]!.message, '`Azure`');
  // Kept per source text: the same source with another translation is checked against it.
  assert.equal(codes(glossary('Microsoft Teams and Azure', 'Microsoft Teams', ctx)), ['GLOSSARY']);
});
gl.run();

const fx = suite('facts');
fx('the same facts in another order pass; a changed one fails, as before', () => {
  assert.equal(facts('Version 10.0.19041 on 2024-05-01', 'Am 01.05.2024: 10.0.19041', ctx), []);
  assert.equal(codes(facts('Version 10.0.19041 on 2024-05-01', 'Am 02.05.2024: 10.0.19041', ctx)), [
    'FACT_MISMATCH',
  ]);
  // The same facts on both sides but a count placeholder on one: still no mismatch.
  assert.equal(facts('{{count}} items, 5 left', '{{count}} Stück, 5 übrig', ctx), []);
  assert.equal(codes(facts('1 item, 5 left', '{{count}} Stück, 6 übrig', ctx)), ['FACT_MISMATCH']);
});
fx('a translation is read in its own language, also when the same text was a source', () => {
  const en = { ...ctx, locale: 'en' };
  assert.equal(facts('1,000 users', '1,000 users', en), []);
  // In German `1,000` is one: the same text, read as a translation into German, differs.
  assert.equal(codes(facts('1,000 users', '1,000 Nutzer', ctx)), ['FACT_MISMATCH']);
  assert.equal(facts('1,000 users', '1.000 Nutzer', ctx), []);
});
fx.run();
