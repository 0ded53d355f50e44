import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  blockKinds,
  isSafeLink,
  linkReferences,
  references,
  renderBlock,
  renderInline,
} from '../plugin/core/render/markdown.js';

const refs = references({
  docs: 'https://example.com/docs',
  'call-queues': 'https://example.com/queues?a=1&b=2',
});

const refsSuite = suite('references');
refsSuite('the dataset links as markdown-it reference definitions, under normalized labels', () => {
  assert.equal(refs, {
    DOCS: { href: 'https://example.com/docs', title: '' },
    'CALL-QUEUES': { href: 'https://example.com/queues?a=1&b=2', title: '' },
  });
  assert.equal(references(), {});
});
refsSuite(
  'targets markdown-it would refuse are dropped; others are normalized as markdown-it does',
  () => {
    assert.equal(
      references({
        bad: 'javascript:alert(1)',
        data: 'data:text/html,x',
        mail: 'mailto:a@example.com',
        space: 'https://example.com/a b',
      }),
      {
        MAIL: { href: 'mailto:a@example.com', title: '' },
        SPACE: { href: 'https://example.com/a%20b', title: '' },
      },
    );
  },
);
refsSuite.run();

const block = suite('renderBlock');
block('a paragraph with its own <p>; `[text][id]` resolves to the dataset link', () => {
  assert.is(
    renderBlock('Read the [full documentation][docs] first.', refs),
    '<p>Read the <a href="https://example.com/docs">full documentation</a> first.</p>\n',
  );
});
block('labels match ignoring case, and `[id][]` works too; hrefs are escaped', () => {
  assert.is(
    renderBlock('[Queues][CALL-QUEUES] and [docs][]', refs),
    '<p><a href="https://example.com/queues?a=1&amp;b=2">Queues</a> and <a href="https://example.com/docs">docs</a></p>\n',
  );
});
block(
  'a link a translation left without words is dropped, not written as an invisible link',
  () => {
    assert.is(renderBlock('Queues [][call-queues] and [ ][docs].', refs), '<p>Queues  and .</p>\n');
    assert.is(
      renderInline('See [docs][] and [](https://example.com/x)', refs),
      'See <a href="https://example.com/docs">docs</a> and ',
    );
  },
);
block('raw HTML is escaped, never rendered', () => {
  assert.is(
    renderBlock('<script>alert(1)</script>', refs),
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n',
  );
  assert.is(
    renderBlock('<div onclick="x()">Hi</div>', refs),
    '<p>&lt;div onclick=&quot;x()&quot;&gt;Hi&lt;/div&gt;</p>\n',
  );
});
block('an unknown reference stays text', () => {
  assert.is(renderBlock('[text][nope]', refs), '<p>[text][nope]</p>\n');
});
block('no javascript: link, inline or through a reference', () => {
  assert.is(renderBlock('[x](javascript:alert(1))', refs), '<p>[x](javascript:alert(1))</p>\n');
  assert.is(
    renderBlock('[x][bad]', references({ bad: 'javascript:alert(1)' })),
    '<p>[x][bad]</p>\n',
  );
});
block(
  'only http(s), mailto and relative links are rendered: other schemes stay text (markdown-it alone lets them through)',
  () => {
    assert.is(
      renderBlock('[a](ms-msdt:/id%20PCWDiagnostic) [b](search-ms:query=x)', refs),
      '<p>[a](ms-msdt:/id%20PCWDiagnostic) [b](search-ms:query=x)</p>\n',
    );
    assert.is(
      renderInline('<ms-excel:ofe|u|http://evil/x.xls>', refs),
      '&lt;ms-excel:ofe|u|http://evil/x.xls&gt;',
    );
    assert.is(
      renderInline('![x](data:image/png;base64,AAAA) [f](file:///etc/passwd)', refs),
      '![x](data:image/png;base64,AAAA) [f](file:///etc/passwd)',
    );
    assert.is(
      renderInline('[a](https://a.example/) [m](mailto:a@b.example) [r](../x/)', refs),
      '<a href="https://a.example/">a</a> <a href="mailto:a@b.example">m</a> <a href="../x/">r</a>',
    );
  },
);
block.run();

const safe = suite('isSafeLink');
safe('an allow-list of schemes, case-insensitive; no scheme is a relative link', () => {
  for (const ok of [
    'https://a.example/',
    'HTTP://a.example/',
    'mailto:a@b.example',
    '/docs/',
    '../x',
    '#top',
    '?q=1',
    'a/b:c',
    '//cdn.example/x',
  ])
    assert.ok(isSafeLink(ok), ok);
  for (const bad of [
    'javascript:alert(1)',
    'JavaScript:x',
    'ms-msdt:/id',
    'search-ms:q',
    'ms-excel:ofe|u|x',
    'data:text/html,x',
    'file:///etc/passwd',
    'vbscript:x',
    'tel:123',
    'java\tscript:x',
  ])
    assert.not.ok(isSafeLink(bad), bad);
});
safe.run();

const kinds = suite('blockKinds');
kinds('the block kinds markdown-it makes of a string', () => {
  assert.equal([...blockKinds('Just text.')], ['paragraph']);
  assert.equal(
    [...blockKinds('# A\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n---\n\n> q')],
    ['level-1 heading', 'table', 'thematic break', 'block quote', 'paragraph'],
  );
});
kinds.run();

const inline = suite('renderInline');
inline('no <p>; emphasis renders, raw HTML and `&` are escaped', () => {
  assert.is(
    renderInline('**Feature highlights:** A <b>B</b> & C', refs),
    '<strong>Feature highlights:</strong> A &lt;b&gt;B&lt;/b&gt; &amp; C',
  );
});
inline('references resolve; bare URLs and quotes are left alone', () => {
  assert.is(
    renderInline('See [the docs][docs], not https://example.org "here"', refs),
    'See <a href="https://example.com/docs">the docs</a>, not https://example.org &quot;here&quot;',
  );
});
inline.run();

const ids = suite('linkReferences');
ids('ids of `[text][id]` and `[id][]`, lower-cased and trimmed, in order', () => {
  assert.equal(linkReferences('[a][docs] then [B][ Call-Queues ] and [Docs][]'), [
    'docs',
    'call-queues',
    'docs',
  ]);
});
ids('inline links and plain brackets are not references', () => {
  assert.equal(linkReferences('[a](https://example.com) [b] (c) [d]'), []);
});
ids.run();
