import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DirectTheme, frontMatter, pick } from '../plugin/direct.js';
import { THEME_DIR } from '../plugin/theme.js';
import { contextNames } from '../plugin/theme-compile.js';

const files: Record<string, string> = {
  'inc.njk': '{{ fromInclude }}{% include "deeper.njk" %}',
  'deeper.njk': '{{ deepest.x }}',
  'macros.njk': '{% macro m() %}{{ fromImport }}{% endmacro %}',
};
const source = (name: string) => {
  if (!(name in files)) throw new Error(`no ${name}`);
  return files[name]!;
};
const names = (src: string) => {
  const n = contextNames(src, source);
  return n && [...n].sort();
};

const Names = suite('contextNames');
Names('the names a template reads, and those of what it includes', () => {
  assert.equal(names('{{ a.b }}{% for x in xs %}{{ x | url }}{% endfor %}'), [
    'a',
    'url',
    'x',
    'xs',
  ]);
  // An include sees the whole context, and so does what it includes in turn.
  assert.ok(names('{% include "inc.njk" %}')!.includes('fromInclude'));
  assert.ok(names('{% include "inc.njk" %}')!.includes('deepest'));
});
Names('names compared, and the cases of a switch', () => {
  assert.equal(names('{% if page.lang == defaultLang %}{% endif %}{{ 1 if a < limit }}'), [
    'a',
    'defaultLang',
    'limit',
    'page',
  ]);
  assert.equal(
    names('{% switch k %}{% case c %}{{ inCase }}{% default %}{{ other }}{% endswitch %}'),
    ['c', 'inCase', 'k', 'other'],
  );
});
Names('an import sees the context only `with context`', () => {
  assert.not.ok(names('{% import "macros.njk" as t %}{{ t.m() }}')!.includes('fromImport'));
  assert.ok(names('{% import "macros.njk" as t with context %}')!.includes('fromImport'));
  assert.ok(names('{% from "macros.njk" import m with context %}')!.includes('fromImport'));
});
Names('unknown when the template read cannot be told, or cannot be read', () => {
  assert.is(names('{% include name %}'), undefined);
  assert.is(names('{% include "missing.njk" %}'), undefined);
  assert.is(names('{% extends "inc.njk" %}'), undefined);
  assert.is(names('{% if %}'), undefined);
});
Names("known for every layout of the package's theme", () => {
  const read = (n: string) => readFileSync(join(THEME_DIR, n), 'utf8');
  for (const f of readdirSync(join(THEME_DIR, 'lockstep')).filter((f) => f.endsWith('.njk')))
    assert.ok(contextNames(frontMatter(read(`lockstep/${f}`)).body, read), f);
});
Names.run();

const Pick = suite('pick');
Pick('what a spread holds of the names: own, enumerable, undefined values kept', () => {
  const proto = { inherited: 1 };
  const data = Object.assign(Object.create(proto), { a: 1, gone: undefined }) as Record<
    string,
    unknown
  >;
  Object.defineProperty(data, 'hidden', { value: 2, enumerable: false });
  const through = new Proxy(data, {});
  const got = pick(through, ['a', 'gone', 'inherited', 'hidden', 'absent']);
  assert.equal(got, { a: 1, gone: undefined });
  assert.ok('gone' in got);
  const spread = { ...through };
  for (const k of Object.keys(got)) assert.is(got[k], spread[k]);
});
Pick.run();

const Render = suite('DirectTheme.render, the data picked');
Render(
  'renders what stock Nunjucks renders given all of the data (behind a proxy, as from Eleventy)',
  () => {
    const theme = new DirectTheme();
    theme.reset();
    theme.host = { opts: { autoescape: true }, getFilter: () => (u: unknown) => u };
    const head = { lang: 'fr', dir: 'ltr', title: 'T', alternates: [], ui: { skip: 'Aller' } };
    const data = new Proxy({ lockstepHead: head, lockstepNotFound: undefined, extra: 1 }, {});
    const html = theme.render('lockstep/404.njk', data);
    // Stock Nunjucks, given the whole data.
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(THEME_DIR), {
      autoescape: true,
    });
    env.addFilter('url', (u: unknown) => u);
    let content = '';
    for (let name: string | undefined = 'lockstep/404.njk'; name;) {
      const file = join(THEME_DIR, name);
      const { layout, body } = frontMatter(readFileSync(file, 'utf8'));
      content = new nunjucks.Template(body, env, file, true).render({ ...data, content });
      name = layout;
    }
    assert.is(html, content);
    assert.match(html, '<title>T</title>');
  },
);
Render.run();
