import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { THEME_READS, themeReads } from '../plugin/direct.js';
import { THEME_DIR } from '../plugin/theme.js';

/** The names a theme's page may read, by layout: what `THEME_READS` keys its reuse on. */
const ALLOWED: Record<string, string[]> = {
  'lockstep/404.njk': ['lockstepHead', 'lockstepNotFound', 'content'],
  'lockstep/picker.njk': ['lockstepHead', 'lockstep', 'content'],
};

const KEYWORDS = new Set(
  'if elif else endif for in endfor set endset not and or include true false loop'.split(' '),
);

/** The variables a Nunjucks file reads that it does not set itself (filters left out). */
function freeVariables(text: string): Set<string> {
  const names = new Set<string>();
  const local = new Set<string>();
  for (const [, inner] of text.matchAll(/\{[{%]-?([\s\S]*?)-?[}%]\}/g)) {
    const code = inner!.replace(/"[^"]*"|'[^']*'/g, '""');
    for (const m of code.matchAll(/(?:set|for)\s+(\w+)(?:\s*,\s*(\w+))?/g))
      for (const n of [m[1], m[2]]) if (n) local.add(n);
    for (const m of code.matchAll(/(^|[^.\w|])\s*([A-Za-z_]\w*)/g))
      if (!KEYWORDS.has(m[2]!) && !/\|\s*$/.test(code.slice(0, m.index! + m[1]!.length)))
        names.add(m[2]!);
  }
  for (const n of local) names.delete(n);
  return names;
}

const reads = suite('THEME_READS');

reads('names every page of the theme it keys, and those read nothing else', () => {
  assert.equal(Object.keys(THEME_READS).sort(), Object.keys(ALLOWED).sort());
  const base = readFileSync(join(THEME_DIR, 'lockstep', 'base.njk'), 'utf8');
  for (const [layout, allowed] of Object.entries(ALLOWED)) {
    const text = readFileSync(join(THEME_DIR, layout), 'utf8');
    assert.match(text, /^---\nlayout: lockstep\/base\.njk\n---/, layout);
    const read = [...new Set([...freeVariables(text), ...freeVariables(base)])];
    assert.equal(
      read.filter((n) => !allowed.includes(n)),
      [],
      layout,
    );
  }
});

reads('the freeVariables of this test see a read of `page`', () => {
  assert.equal(
    [...freeVariables('{% set x = page.url %}{{ x | url }}{{ title }}')],
    ['page', 'title'],
  );
});

const keyed = suite('themeReads');

keyed('changes when what the page reads changes, and only then', () => {
  const d = { lockstepHead: { title: 'A' }, lockstepNotFound: { root: true }, other: 1 };
  const k = themeReads('lockstep/404.njk', d);
  assert.is(themeReads('lockstep/404.njk', { ...d, other: 2 }), k);
  assert.is.not(themeReads('lockstep/404.njk', { ...d, lockstepHead: { title: 'B' } }), k);
  assert.is(themeReads('lockstep/status.njk', d), undefined);
});

reads.run();
keyed.run();
