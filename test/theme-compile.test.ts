import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compilerAgrees, DirectTheme, frontMatter } from '../plugin/direct.js';
import { THEME_DIR } from '../plugin/theme.js';
import { compileTheme, ThemeLoader } from '../plugin/theme-compile.js';
import type { PageView } from '../plugin/core/render/view.js';
import { cleanup } from './helpers.js';

/** `files` rendered from `main` by stock Nunjucks and through `ThemeLoader`, with `data`. */
function bothWays(files: Record<string, string>, data: object, opts: object = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-compile-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const stock = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), opts);
    const loader = new ThemeLoader(dir);
    const theme = new nunjucks.Environment(loader, opts);
    loader.env = theme;
    return { stock: stock.render('main.njk', data), theme: theme.render('main.njk', data) };
  } finally {
    cleanup(dir);
  }
}

const rows = [['a', 'b', 'c'], [], ['<d>']];
const CASES: Record<string, Record<string, string>> = {
  'loop.* read in a nested loop, and the outer loop read after it': {
    'main.njk':
      '{% for r in rows %}{% for c in r %}{% if not loop.first %}, {% endif %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.last }}{{ loop.length }}{{ c }}{% endfor %}|{{ loop.index }}{% endfor %}',
  },
  "the outer loop read in an inner loop's list and `else`": {
    'main.njk':
      '{% for r in rows %}{% for c in (r if loop.first else []) %}{{ c }}{% else %}none at {{ loop.index }}{% endfor %}{% endfor %}',
  },
  'an include in an inner loop sees the outer item and its own loop': {
    'main.njk':
      '{% for r in rows %}{% for c in r %}{% include "item.njk" %}{% endfor %}{% endfor %}',
    'item.njk': '[{{ r | join }}:{{ c }}:{{ loop.index }}]',
  },
  'an import with context in a loop': {
    'main.njk':
      '{% for r in rows %}{% import "m.njk" as m with context %}{{ m.show() }}{% endfor %}',
    'm.njk': '{% macro show() %}({{ r | length }}{{ loop.index }}){% endmacro %}',
  },
  '`{% set %}` in loops keeps its scope': {
    'main.njk':
      '{% set x = "top" %}{% for r in rows %}{% set x = r | length %}{% set y = loop.index %}{% for c in r %}{% set z = c %}{% endfor %}{{ z }}{% endfor %}{{ x }}{{ y }}{{ z }}',
  },
  'macros, `caller` and a loop variable named like an outer one': {
    'main.njk':
      '{% macro m(a, k="d") %}[{{ a }}{{ k }}{{ caller() if caller }}]{% endmacro %}{% set c = "outer" %}{% for r in rows %}{% for c in r %}{% call m(c, k=loop.index) %}{{ c }}{{ r[0] }}{% endcall %}{{ m(c) }}{% endfor %}{% endfor %}{{ c }}',
  },
  'loop.* read only as the right side of a comparison': {
    'main.njk':
      '{% for r in rows %}{% if 2 == loop.index %}[{{ r | length }}]{% endif %}{% endfor %}',
  },
  'loop.* read only as a case of a switch': {
    'main.njk':
      '{% for r in rows %}{% switch 3 %}{% case loop.index %}third{% endswitch %}{% endfor %}',
  },
  'a loop over an object': {
    'main.njk': '{% for k, v in obj %}{{ k }}={{ v }}{{ loop.index }}{{ loop.last }};{% endfor %}',
  },
  'member reads: methods, missing and falsy values, names that are not identifiers': {
    'main.njk':
      '{{ o.f() }}|{{ o.g() }}|{{ o.missing.x }}|{{ o.nil.x }}|{{ o.zero }}|{{ o.no }}|{{ o["a-b"] }}|{{ o.s.length }}|{{ o.toString() }}',
  },
  'escaping: strings, safe strings, numbers': {
    'main.njk':
      '{{ e }}{{ e | safe }}{{ plain }}{{ 5 }}{% for x in [e, plain, 1.5, none] %}<{{ x }}>{% endfor %}',
  },
};
const data = {
  rows,
  obj: { a: 1, b: '<2>' },
  o: {
    f: () => 'called',
    g(this: { s: string }) {
      return this.s;
    },
    nil: null,
    zero: 0,
    no: false,
    'a-b': 'dash',
    s: 'four',
    missing: undefined,
  },
  e: `& < > " ' \\ done`,
  plain: 'nothing to escape',
};

const Compile = suite('compileTheme');
for (const [name, files] of Object.entries(CASES))
  Compile(name, () => {
    for (const autoescape of [true, false]) {
      const r = bothWays(files, data, { autoescape });
      assert.is(r.theme, r.stock, `autoescape ${autoescape}`);
    }
  });
Compile('compiles a text once per process, and a changed text anew', () => {
  const env = { asyncFilters: [], extensionsList: [], opts: {} };
  const cache = new Map();
  const a = compileTheme('{{ x }}', env, 'a.njk', cache);
  assert.is(compileTheme('{{ x }}', env, 'a.njk', cache), a);
  assert.is.not(compileTheme('{{ x }}!', env, 'a.njk', cache), a);
  assert.is.not(compileTheme('{{ x }}', env, 'a.njk'), a, 'without a cache, compiled anew');
});
Compile.run();

/** A page that takes every branch of article.njk and tables.njk. */
function richView(rtl: boolean, staleBanner?: string): PageView {
  const fb = { lang: 'en', state: 'fallback' as const, notice: 'Shown in "English"' };
  const stale = { state: 'stale' as const, notice: 'Outdated <since> 2021' };
  const bdi = rtl ? { bdi: true as const } : {};
  const alt = (tag: string, current: boolean) => ({
    tag,
    slug: tag,
    url: `/${tag}/a/`,
    href: `https://x.test/${tag}/a/`,
    name: tag,
    dir: 'ltr' as const,
    current,
  });
  return {
    article: 'a',
    locale: 'fr-FR',
    lang: 'fr-FR',
    dir: rtl ? 'rtl' : 'ltr',
    url: '/fr-fr/a/',
    canonical: '/fr-fr/a/',
    title: 'T & t',
    description: 'D "d"',
    updated: { iso: '2024-01-02', text: '2 janvier' },
    alternates: [alt('en', false), alt('fr-FR', true)],
    home: '/',
    defaultUrl: '/en/a/',
    ui: { siteTitle: 'S', languages: 'L', switcher: 'W', updated: 'U', skip: 'K' },
    staleBanner,
    sections: [
      {
        anchor: 'h1',
        level: 1,
        heading: { html: 'H <em>1</em>', md: '', ...fb },
        blocks: [
          { kind: 'p', html: '<p>plain</p>', md: '' },
          { kind: 'p', html: '<p>fallback</p>', md: '', ...fb },
          { kind: 'p', html: '<p>stale</p>', md: '', ...stale },
          {
            kind: 'list',
            ordered: true,
            items: [
              { html: 'i1', md: '' },
              { html: 'i2', md: '', ...stale },
            ],
          },
          { kind: 'list', ordered: false, items: [{ html: 'i3', md: '', ...fb }] },
        ],
      },
      {
        anchor: 'h2',
        level: 2,
        heading: { html: 'H2', md: '', ...stale },
        blocks: [
          {
            kind: 'collection',
            id: 'c',
            tables: [
              {
                id: 'c-g',
                heading: { text: 'G', ...fb },
                columns: [
                  { key: 'url', text: 'U' },
                  { key: 'st', text: 'S', ...stale },
                ],
                rows: [
                  {
                    key: 'r1',
                    name: { text: 'N1', href: 'https://n1.test/?a=1&b=2', ...bdi },
                    cells: [
                      {
                        text: '',
                        links: [
                          { href: 'https://a.test', text: 'a' },
                          { href: 'mailto:b@b', text: 'b' },
                          { href: '/c', text: 'c' },
                        ],
                      },
                      { text: 'yes', value: 'yes', ...fb },
                    ],
                  },
                  {
                    key: 'r2',
                    name: { text: 'N2', ...bdi },
                    cells: [
                      { text: '', links: [] },
                      { text: '1 234', value: '1234', fact: 'number' },
                    ],
                  },
                ],
              },
              {
                id: 'c',
                columns: [],
                rows: [
                  {
                    key: 'r3',
                    name: { text: 'N3' },
                    cells: [{ text: 'v1', value: 'v1', literal: true, ...bdi }],
                  },
                ],
              },
            ],
          },
          {
            kind: 'table',
            id: 't',
            columns: [{ key: 'k1', text: 'K1', ...fb }],
            rows: [
              {
                key: 'x',
                text: 'X',
                named: true,
                ...bdi,
                cells: [{ text: 'Y', value: 'y', ...stale }],
              },
              {
                key: 'z',
                text: 'Z',
                ...fb,
                cells: [{ text: '0', value: '0', literal: true, ...bdi }],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The chain article.njk → base.njk rendered by stock Nunjucks, as Eleventy renders it. */
function stock(data: Record<string, unknown>, opts: object): string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(THEME_DIR), opts);
  env.addFilter('url', (u: string) => `/p${u}`);
  let content = '';
  for (let name: string | undefined = 'lockstep/article.njk'; name;) {
    const file = join(THEME_DIR, name);
    const { layout, body } = frontMatter(readFileSync(file, 'utf8'));
    content = new nunjucks.Template(body, env, file, true).render({ ...data, content });
    name = layout;
  }
  return content;
}

const Theme = suite('DirectTheme.render, the theme compiled');
for (const [name, view] of [
  ['left to right, notices per block', richView(false)],
  ['right to left, a stale banner', richView(true, 'Most of this page is outdated')],
] as const)
  Theme(`${name}: the bytes stock Nunjucks makes of the theme`, () => {
    const data = { lockstepPage: view, lockstepHead: view, title: view.title, lang: view.lang };
    for (const [opts, compiles] of [
      [{ autoescape: true }, undefined],
      [{ autoescape: false }, undefined],
      // The fallback when the compiler disagrees with this Nunjucks: stock Nunjucks, same bytes.
      [{ autoescape: true }, false],
    ] as const) {
      const theme = new DirectTheme();
      theme.reset();
      theme.compiles = compiles;
      theme.host = { opts, getFilter: () => (u: unknown) => `/p${String(u)}` };
      const html = theme.render('lockstep/article.njk', data);
      assert.is(html, stock(data, opts));
      assert.is(theme.compiles, compiles ?? true, 'this Nunjucks: the compiler is used');
      // The paragraph's fallback marks, written out where the `fb` macro was.
      const q = opts.autoescape ? '&quot;' : '"';
      assert.match(html, `<div lang="en" data-lockstep-fallback title="Shown in ${q}English${q}">`);
      assert.match(html, 'dir="ltr">a</a>, <a href="mailto:b@b"');
    }
  });
Theme.run();

const Agrees = suite('compilerAgrees');
Agrees('true with this Nunjucks; false once its runtime renders otherwise than the copy', () => {
  assert.ok(compilerAgrees({ autoescape: true }));
  assert.ok(compilerAgrees({ autoescape: false }));
  // Another Nunjucks, as far as the compiler can tell: the stock runtime changed under it.
  const runtime = nunjucks.runtime as unknown as {
    suppressValue: (v: unknown, a: boolean) => unknown;
  };
  const before = runtime.suppressValue;
  runtime.suppressValue = (v, a) => String(before(v, a)).toUpperCase();
  try {
    assert.not.ok(compilerAgrees({ autoescape: true }));
  } finally {
    runtime.suppressValue = before;
  }
});
Agrees.run();
