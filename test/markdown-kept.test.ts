import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSite } from '../plugin/core/load/site.js';
import { createTranslator } from '../plugin/core/render/i18n.js';
import {
  references,
  renderBlock,
  renderInline,
  renderKept,
  KEPT_MOST,
} from '../plugin/core/render/markdown.js';
import { buildPages, type PageView } from '../plugin/core/render/view.js';
import { coreConfig, resolveOptions } from '../plugin/options.js';
import { cleanup, copySite } from './helpers.js';

const one = references({ docs: 'https://one.example/' });
const two = references({ docs: 'https://two.example/' });

const kept = suite('renderKept');
kept('renders as `renderBlock` and `renderInline` do, each text once', () => {
  for (const text of ['Plain words.', 'A *stressed* word & more', '- a list', '`code` <b>'])
    for (const inline of [false, true]) {
      const both = new Map<string, string>();
      const want = inline ? renderInline(text, one) : renderBlock(text, one);
      assert.is(renderKept(both, text, inline, one), want);
      assert.is(renderKept(both, text, inline, two), want, 'kept: the same without a link');
      assert.is(both.size, 1);
    }
});
kept('keeps at most `KEPT_MOST` texts, and still renders each as before', () => {
  const seen = new Map<string, string>();
  for (let i = 0; i <= KEPT_MOST; i++) renderKept(seen, `Text ${i}.`, true, one);
  assert.ok(seen.size <= KEPT_MOST, `kept ${seen.size}`);
  assert.ok(seen.size > 0);
  assert.is(renderKept(seen, 'Text 0.', true, one), renderInline('Text 0.', one));
});
kept('a text with a link is rendered with the references given each time, never kept', () => {
  const seen = new Map<string, string>();
  for (const text of ['See [the docs][docs].', '[docs]', '[x]: https://x.example/\n\n[x]']) {
    const first = renderKept(seen, text, false, one);
    assert.is(first, renderBlock(text, one));
    assert.is(renderKept(seen, text, false, two), renderBlock(text, two));
    assert.is(renderKept(seen, text, true, two), renderInline(text, two));
  }
  assert.is(seen.size, 0);
  assert.is.not(
    renderKept(seen, 'See [the docs][docs].', false, two),
    renderBlock('See [the docs][docs].', one),
  );
});
kept.run();

const pages = suite('buildPages, Markdown kept across articles');
pages('two articles with the same words and different link targets: each its own links', () => {
  const dir = copySite();
  try {
    // A second article, the first's copy with another target for one link id.
    const from = join(dir, 'src', 'teams-contact-center');
    cpSync(from, join(dir, 'src', 'teams-copy'), { recursive: true });
    const dataset = join(dir, 'src', 'teams-copy', 'dataset.yaml');
    const text = readFileSync(dataset, 'utf8');
    const url = 'https://docs.microsoft.com/microsoftteams/cloud-voice-landing-page';
    assert.ok(text.includes(url));
    writeFileSync(dataset, text.replace(url, 'https://other.example/cloud-voice'));
    for (const tag of readdirSync(join(dir, 'locales'))) {
      const file = join(dir, 'locales', tag, 'teams-contact-center.yaml');
      cpSync(file, join(dir, 'locales', tag, 'teams-copy.yaml'));
    }
    const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
    assert.ok(site, JSON.stringify(problems.slice(0, 2)));
    const views = buildPages(site!, createTranslator(site!.locales, site!.source));
    const html = (article: string) => {
      const p = views.find((v) => v.article === article && v.lang === 'en') as PageView;
      return p.sections.flatMap((s) => s.blocks.map((b) => ('html' in b ? b.html : '')));
    };
    const [a, b] = [html('teams-contact-center'), html('teams-copy')];
    assert.is(a.length, b.length);
    const linked = a.findIndex((h) => h.includes(url));
    assert.ok(linked >= 0);
    assert.ok(b[linked]!.includes('https://other.example/cloud-voice'));
    assert.not.ok(b[linked]!.includes(url));
    // The paragraphs without links are the same HTML, rendered once.
    const plain = a.findIndex((h) => h && !h.includes('<a '));
    assert.ok(plain >= 0);
    assert.is(b[plain], a[plain]);
  } finally {
    cleanup(dir);
  }
});
pages.run();
