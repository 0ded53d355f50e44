import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runChecks, type CheckContext } from '../plugin/core/check/checks.js';
import { contextKey, pairMemo } from '../plugin/core/check/pair-memo.js';
import { Memo } from '../plugin/core/memo.js';

const make = (terms: string[], links: Record<string, string> = {}): CheckContext => ({
  terms,
  links,
  sourceLocale: 'en',
  memo: new Memo(),
  shared: new Memo(),
});
const codes = (fs: readonly { code: string }[]) => fs.map((f) => f.code);
const PAIRS: [string, string][] = [
  ['Open Microsoft Teams.', 'Ouvrez Teams.'],
  ['Read the [docs][docs].', 'Lisez la [doc][autre].'],
  ['Costs 1,200 USD on 3 May 2024.', 'Coûte 1 300 USD le 3 mai 2024.'],
  ['One sentence.', 'Une phrase.\n\n# Titre'],
  [
    'Use {{count}} seats with the admin center and your tenant.',
    'Use the seats with the admin center and your tenant.',
  ],
];

const pm = suite('pairMemo');
pm('gives what `runChecks` gives, in the language it was made for', () => {
  const ctx = make(['Microsoft Teams', 'Teams'], { docs: 'https://example.com/' });
  const checks = pairMemo('fr-FR')(contextKey(ctx), ctx);
  for (const [s, t] of PAIRS) {
    assert.equal(checks(s, t), runChecks(s, t, { ...ctx, locale: 'fr-FR' }), t);
    assert.equal(checks(s, t), runChecks(s, t, { ...ctx, locale: 'fr-FR' }), t);
  }
  assert.equal(codes(checks(PAIRS[0]![0], PAIRS[0]![1])), ['GLOSSARY']);
});
pm('contexts that say the same share one result; others keep their own', () => {
  const memo = pairMemo('fr-FR');
  const a = make(['Microsoft Teams']);
  const b = make(['Microsoft Teams']);
  const c = make([]);
  const [s, t] = PAIRS[0]!;
  const first = memo(contextKey(a), a)(s, t);
  assert.is(memo(contextKey(b), b)(s, t), first);
  assert.equal(codes(first), ['GLOSSARY']);
  // Another glossary: the same strings pass.
  assert.equal(memo(contextKey(c), c)(s, t), []);
});
pm.run();

const ck = suite('contextKey');
ck('differs when the terms, their order, the links or the source language differ', () => {
  const base = make(['A', 'B'], { x: 'https://x.example/' });
  const keys = [
    base,
    make(['B', 'A'], { x: 'https://x.example/' }),
    make(['A', 'B'], { x: 'https://y.example/' }),
    make(['A', 'B']),
    { ...base, sourceLocale: 'en-GB' },
  ].map(contextKey);
  assert.is(new Set(keys).size, keys.length);
  assert.is(contextKey(make(['A', 'B'], { x: 'https://x.example/' })), keys[0]);
});
ck.run();
