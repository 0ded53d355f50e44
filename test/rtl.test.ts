import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { buildSite, cleanup, read, rtlSite } from './helpers.js';

/**
 * A right-to-left language (the Arabic of `test/fixtures/sites/rtl/`) in the built HTML;
 * `browser.test.ts` checks how it renders.
 */
const test = suite<{ dir: string; out: string }>('right-to-left pages', { dir: '', out: '' });
test.before(async (ctx) => {
  ctx.dir = rtlSite();
  const r = await buildSite(ctx.dir);
  if (r.error) throw r.error;
  ctx.out = r.out;
});
test.after((ctx) => cleanup(ctx.dir));

const page = (out: string, slug: string) => parse(read(join(out, slug, 'guide', 'index.html')));

test('the Arabic page declares <html lang="ar" dir="rtl">, the others dir="ltr"', ({ out }) => {
  const html = page(out, 'ar').querySelector('html')!;
  assert.equal([html.getAttribute('lang'), html.getAttribute('dir')], ['ar', 'rtl']);
  for (const slug of ['en', 'fr-fr'])
    assert.is(page(out, slug).querySelector('html')!.getAttribute('dir'), 'ltr', slug);
});

test("the Arabic page is in Arabic: title, headings and table labels are the locale's", ({
  out,
}) => {
  const doc = page(out, 'ar');
  assert.is(doc.querySelector('title')!.text, 'دليل مختصر');
  assert.equal(
    doc.querySelectorAll('article h1, article h2').map((h) => h.text.trim()),
    ['مقدمة', 'الشركاء', 'الخطط'],
  );
  assert.equal(
    doc.querySelectorAll('table[data-lockstep="plans"] thead th').map((th) => th.text.trim()),
    ['الأساسية', 'الاحترافية'],
  );
  assert.is(
    doc.querySelectorAll('[data-lockstep-fallback]').length,
    0,
    'every string is translated, so nothing falls back to English',
  );
});

test("each switcher entry carries its own language's direction", ({ out }) => {
  const entries = (slug: string) =>
    page(out, slug)
      .querySelectorAll('nav [lang]')
      .map((e) => [e.getAttribute('lang'), e.getAttribute('dir')]);
  assert.equal(entries('ar').sort(), [
    ['ar', 'rtl'],
    ['en', 'ltr'],
    ['fr-FR', 'ltr'],
  ]);
  for (const slug of ['en', 'fr-fr'])
    assert.ok(
      entries(slug).some(([l, d]) => l === 'ar' && d === 'rtl'),
      `${slug}: the link to Arabic has dir="rtl"`,
    );
});

test('the language picker marks Arabic right-to-left', ({ out }) => {
  const picker = parse(read(join(out, 'index.html')));
  const ar = picker.querySelectorAll('[lang="ar"]');
  assert.ok(ar.length > 0, 'the picker has no element with lang="ar"');
  for (const e of ar)
    assert.is(e.closest('[dir]')?.getAttribute('dir'), 'rtl', e.toString().slice(0, 120));
});

test.run();
