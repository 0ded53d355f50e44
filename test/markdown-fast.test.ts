import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { codeSpans, links } from '../plugin/core/check/checks.js';
import {
  plainMarkdown,
  references,
  renderBlock,
  renderInline,
} from '../plugin/core/render/markdown.js';
import { parseNamespace } from '../plugin/core/load/locales.js';
import { teams } from './helpers.js';

// A `*` at the end makes any text take markdown-it's path, and (unpaired) changes nothing before
// it.
const CODE = ' *';
const refs = references({
  ...parse(readFileSync(join(teams, 'src/teams-contact-center/dataset.yaml'), 'utf8')).links,
  'a-b': 'https://example.com/a?b=1&c="2"',
});

/**
 * What the fast path renders must be what markdown-it renders; returns whether it took the fast
 * path.
 */
function same(text: string): boolean {
  const block = plainMarkdown(text, true, refs);
  const inline = plainMarkdown(text, false, refs);
  if (block !== undefined)
    assert.is(
      block,
      renderBlock(text + CODE, refs).replace(' *</p>', '</p>'),
      `block: ${JSON.stringify(text)}`,
    );
  if (inline !== undefined)
    assert.is(
      inline,
      renderInline(text + CODE, refs).replace(/ \*$/, ''),
      `inline: ${JSON.stringify(text)}`,
    );
  // The links check reads links without markdown-it too.
  const ctx = {
    terms: [],
    links: {
      'cloud-voice': 'https://docs.microsoft.com/x',
      'a-b': 'https://example.com/a?b=1&c="2"',
    },
    sourceLocale: 'en',
  };
  if (!/[*_]/.test(text)) {
    assert.equal(
      links(text, 'x', ctx),
      links(text + CODE, 'x' + CODE, ctx),
      `links check: ${JSON.stringify(text)}`,
    );
    assert.equal(
      codeSpans(text, 'x', ctx),
      codeSpans(text + CODE, 'x' + CODE, ctx),
      `code check: ${JSON.stringify(text)}`,
    );
  }
  return block !== undefined || inline !== undefined;
}

const fast = suite('plainMarkdown');

fast('renders the strings of the site exactly as markdown-it does', () => {
  let plain = 0;
  for (const locale of readdirSync(join(teams, 'locales')))
    for (const file of readdirSync(join(teams, 'locales', locale)).filter((f) =>
      f.endsWith('.yaml'),
    )) {
      const { ns } = parseNamespace(
        readFileSync(join(teams, 'locales', locale, file), 'utf8'),
        file,
      );
      for (const text of ns?.strings.values() ?? []) if (same(text)) plain++;
    }
  assert.ok(plain > 100, `only ${plain} strings took the fast path`);
});

fast('random strings: whatever it renders, it renders as markdown-it does', () => {
  let seed = 3;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = [
    'word',
    ' ',
    ' ',
    'Ünï',
    '中文',
    '"q"',
    "'s",
    '>',
    '-',
    '+',
    '1.',
    '2)',
    '#',
    ':',
    ';',
    '=',
    '|',
    '%',
    '$',
    '^',
    '{',
    '}',
    '@',
    '(x)',
    '/',
    '?',
    ',',
    '.',
    '\u00a0',
    '[see][cloud-voice]',
    '[Cloud Voice][]',
    '`code`',
    '` sp `',
    '`a*b_[c]`',
    '``',
    '`',
    '``x``',
    '[a-b][]',
    '[ x ][A-B]',
    '[y][nope]',
    '[][a-b]',
    '[ ][a-b]',
    '[z]',
    '](',
    '[',
    ']',
    '*',
    '_',
    '&amp;',
    '<b>',
    '\\',
    '`',
    '~',
    '!',
    '\n',
    '\t',
    '    ',
  ];
  let taken = 0;
  for (let n = 0, count = Number(process.env.MD_FUZZ ?? 3000); n < count; n++) {
    let text = '';
    for (let k = 0, m = 1 + Math.floor(rand() * 8); k < m; k++)
      text += pieces[Math.floor(rand() * (rand() < 0.8 ? 43 : pieces.length))];
    if (same(text)) taken++;
  }
  assert.ok(taken > 500, `only ${taken} random strings took the fast path`);
});

fast('leaves other Markdown to markdown-it', () => {
  for (const text of [
    '**bold**',
    '[a](b)',
    '[a][undefined-id]',
    '``code``',
    '`open',
    '- item',
    '1. first',
    '# title',
    'a\nb',
    ' lead',
    'a &amp; b',
    '> quote',
    'x_y_',
    'a\\b',
    '[][a-b]',
  ])
    assert.is(plainMarkdown(text, true, refs), undefined, text);
});

fast.run();
