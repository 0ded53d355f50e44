import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import {
  articleMarkdown,
  autolink,
  escapeText,
  pipeTable,
  resolveLinks,
  unsafeLinksAsText,
} from '../plugin/core/outputs/markdown-copies.js';
import { references } from '../plugin/core/render/markdown.js';
import type { PageView } from '../plugin/core/render/view.js';
import { buildOnce, buildSite, cleanup, copySite, fixtures, read, teams } from './helpers.js';

const LOCALES = ['en', 'fr-fr', 'it-it', 'pt-br', 'ru-ru', 'zh-tw'];
/** How a CommonMark pipeline with GitHub's tables and raw HTML on would render the output. */
const render = (md: string) => new MarkdownIt({ html: true }).render(md);

/** Split a Markdown file into its front matter (parsed) and body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML
function split(text: string): { front: Record<string, any>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n\n/.exec(text);
  assert.ok(m, 'the file starts with front matter');
  return { front: parseYaml(m![1]!), body: text.slice(m![0].length) };
}

/** Each pipe table of a body: its header row and its body rows. */
function tables(body: string): { header: string; rows: string[] }[] {
  return body
    .split(/\n{2,}/)
    .filter((b) => b.startsWith('| ') && b.split('\n')[1]?.startsWith('| ---'))
    .map((b) => {
      const [header, , ...rows] = b.split('\n');
      return { header: header!, rows };
    });
}

const escape = suite('escapeText');
escape('shows the text as written, whatever it holds', () => {
  assert.is(escapeText('A&B <Labs> | *x* [y] `z`'), 'A\\&B \\<Labs\\> \\| \\*x\\* \\[y\\] \\`z\\`');
  assert.is(render(escapeText('A&B <Labs> | *x*')).trim(), '<p>A&amp;B &lt;Labs&gt; | *x*</p>');
  assert.is(escapeText('two\n  lines'), 'two lines');
});
escape.run();

const auto = suite('autolink');
auto(
  'an address as an autolink, percent-encoding what an autolink or a table cell cannot hold',
  () => {
    assert.is(autolink('https://acme.example.com/'), '<https://acme.example.com/>');
    assert.is(autolink('https://x.example.com/a|b c'), '<https://x.example.com/a%7Cb%20c>');
  },
);
auto.run();

const links = suite('resolveLinks');
links("turns `[text][id]` and `[id][]` into inline links to the dataset's addresses", () => {
  const refs = references({
    docs: 'https://example.com/docs',
    'Two Words': 'https://example.com/(x)',
    bad: 'javascript:alert(1)',
  });
  assert.is(
    resolveLinks('Read [the docs][docs] or [docs][].', refs),
    'Read [the docs](https://example.com/docs) or [docs](https://example.com/docs).',
  );
  assert.is(resolveLinks('[x][two  words]', refs), '[x](<https://example.com/(x)>)');
  // Unknown and unsafe ids stay as written: a reader sees the brackets, never a script.
  assert.is(resolveLinks('[x][bad] [y][nope]', refs), '[x][bad] [y][nope]');
  // A link that lost its words is dropped, as on the page.
  assert.is(resolveLinks('a [][docs] b', refs), 'a  b');
});
links.run();

/** Every address a renderer that refuses nothing would link to. */
const hrefs = (md: string) => {
  const any = new MarkdownIt({ html: true });
  any.validateLink = () => true;
  return [...any.render(md).matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
};

const unsafe = suite('unsafeLinksAsText');
unsafe(
  'inline links and reference definitions to refused schemes become text; safe ones stay',
  () => {
    const md =
      '[x](javascript:alert(1)) [y]( ms-msdt:/id ) [z](https://ok.example/) [w\\](javascript:x) [v][e]\n\n[e]: search-ms:query=x';
    assert.equal(hrefs(unsafeLinksAsText(md)), ['https://ok.example/']);
    assert.is(
      unsafeLinksAsText('[ok](https://a.example/) and [b]: not a definition'),
      '[ok](https://a.example/) and [b]: not a definition',
    );
  },
);
unsafe.run();

const pipe = suite('pipeTable');
pipe('a header, a delimiter row and one line per row', () => {
  assert.is(pipeTable(['', 'A'], [['r', '1']]), '|  | A |\n| --- | --- |\n| r | 1 |');
});
pipe.run();

const article = suite('articleMarkdown');
const page: PageView = {
  article: 'guide',
  locale: 'fr-FR',
  lang: 'fr-FR',
  dir: 'ltr',
  url: '/fr-fr/guide/',
  canonical: '/fr-fr/guide/',
  title: 'Guide: "un" titre',
  description: 'Un guide.',
  updated: { iso: '2024-01-15', text: '15 janvier 2024' },
  alternates: [],
  defaultUrl: '/en/guide/',
  ui: {},
  sections: [
    {
      anchor: 'intro',
      level: 1,
      heading: { html: '', md: 'Introduction' },
      blocks: [
        {
          kind: 'p',
          html: '',
          md: 'Lire [la documentation][docs] ; `<b>` reste du code, <b>ceci</b> non.',
        },
        {
          kind: 'list',
          ordered: true,
          items: [
            { html: '', md: 'Un' },
            { html: '', md: 'Deux\nlignes' },
          ],
        },
      ],
    },
    {
      anchor: 'partners',
      level: 2,
      heading: { html: '', md: 'Partners', lang: 'en', state: 'fallback' },
      blocks: [
        {
          kind: 'collection',
          id: 'partners',
          tables: [
            {
              id: 'partners-certified',
              columns: [
                { key: 'name', text: 'Partenaire' },
                { key: 'url', text: 'Site web' },
              ],
              rows: [
                {
                  key: 'acme',
                  name: { text: 'A|B' },
                  cells: [
                    {
                      text: '',
                      links: [
                        { href: 'https://acme.example.com/', text: 'https://acme.example.com/' },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          kind: 'table',
          id: 'plans',
          columns: [{ key: 'basic', text: 'De base' }],
          rows: [
            {
              key: 'hosting',
              text: 'Hébergement',
              cells: [{ value: 'cloud on-premises', text: 'Cloud et sur site' }],
            },
          ],
        },
      ],
    },
  ],
};
article(
  'front matter, anchored headings, prose with resolved links and raw HTML escaped, lists and pipe tables',
  () => {
    const text = articleMarkdown(page, {
      updated: '2024-01-15',
      source: { commit: 'abc1234', date: '2024-01-10' },
      links: { docs: 'https://example.com/docs' },
    });
    const { front, body } = split(text);
    assert.equal(front, {
      title: 'Guide: "un" titre',
      description: 'Un guide.',
      locale: 'fr-FR',
      updated: '2024-01-15',
      source: { commit: 'abc1234', date: '2024-01-10' },
    });
    assert.is(
      body,
      [
        '# <a name="intro"></a>Introduction',
        '',
        'Lire [la documentation](https://example.com/docs) ; `<b>` reste du code, \\<b>ceci\\</b> non.',
        '',
        '1. Un',
        '2. Deux',
        '   lignes',
        '',
        '## <a name="partners"></a>Partners',
        '',
        '| Partenaire | Site web |',
        '| --- | --- |',
        '| A\\|B | <https://acme.example.com/> |',
        '',
        '|  | De base |',
        '| --- | --- |',
        '| Hébergement | Cloud et sur site |',
        '',
      ].join('\n'),
    );
    const html = render(body);
    assert.match(html, '<code>&lt;b&gt;</code> reste du code, &lt;b&gt;ceci&lt;/b&gt; non.');
    assert.match(html, '<td>A|B</td>');
  },
);
article(
  'Markdown copies keep no unsafe link: links and autolinks to refused schemes are text',
  () => {
    const evil: PageView = {
      ...page,
      sections: [
        {
          anchor: 'a',
          level: 2,
          heading: { html: '', md: 'H' },
          blocks: [
            {
              kind: 'p',
              html: '',
              md: '[x](javascript:alert(1)) <javascript:alert(2)> <ms-excel:ofe|u|http://evil/x.xls> <https://ok.example/>',
            },
          ],
        },
      ],
    };
    const { body } = split(articleMarkdown(evil, { updated: '2024-01-15' }));
    assert.equal(hrefs(body), ['https://ok.example/']);
    assert.match(render(body), '[x](javascript:alert(1)) &lt;javascript:alert(2)&gt;');
  },
);
article('without a `source`, the front matter has none', () => {
  assert.not.ok('source' in split(articleMarkdown(page, { updated: '2024-01-15' })).front);
});
article.run();

const site = suite('the real site with `markdown: true`');
const built = buildOnce(site, { markdown: true, siteUrl: 'https://docs.example.com' });
const md = (l: string) => split(read(join(built.out, `${l}/teams-contact-center.md`)));
const dataset = () => parseYaml(read(join(teams, 'src/teams-contact-center/dataset.yaml')));

site('writes one Markdown file per language, next to its page', () => {
  for (const l of LOCALES)
    assert.ok(existsSync(join(built.out, `${l}/teams-contact-center.md`)), l);
});

site('front matter: title, description, locale, updated and the source version', () => {
  const data = dataset();
  for (const l of LOCALES) {
    const { front } = md(l);
    assert.equal(Object.keys(front), ['title', 'description', 'locale', 'updated', 'source'], l);
    assert.is(front.locale.toLowerCase(), l);
    assert.is(front.updated, data.updated);
    assert.equal(front.source, data.source);
    assert.ok(front.title && front.description, l);
  }
  assert.is(md('zh-tw').front.title, 'Teams 連絡人中心');
});

site('every section heading keeps its anchor', () => {
  const anchors = (dataset().sections as { id: string; anchor?: string; level?: number }[]).map(
    (s) => `${'#'.repeat(s.level ?? 2)} <a name="${s.anchor ?? s.id}"></a>`,
  );
  for (const l of LOCALES) {
    const headings = md(l)
      .body.split('\n')
      .filter((line) => line.startsWith('#'));
    assert.equal(
      headings.map((h) => h.slice(0, h.indexOf('</a>') + 4)),
      anchors,
      l,
    );
  }
});

site(
  'partner tables are identical in every language but for their header; the comparison table keeps its shape',
  () => {
    const en = tables(md('en').body);
    assert.is(en.length, 3);
    const partners = dataset().collections.partners.items as {
      name: string;
      url: string;
      status: string;
    }[];
    assert.equal(
      [...en[0]!.rows, ...en[1]!.rows],
      partners.map((p) => `| ${p.name} | <${p.url}> |`),
    );
    for (const l of LOCALES.slice(1)) {
      const t = tables(md(l).body);
      assert.equal(t[0]!.rows, en[0]!.rows, `certified partners in ${l}`);
      assert.equal(t[1]!.rows, en[1]!.rows, `partners in certification in ${l}`);
      assert.is(t[2]!.rows.length, en[2]!.rows.length);
      assert.is(t[2]!.header.split(' | ').length, en[2]!.header.split(' | ').length);
    }
    assert.is(
      en[2]!.rows[0],
      '| Cloud service model | Azure | Solution provider | Solution provider + Azure | Azure |',
    );
  },
);

site("prose links point at the dataset's addresses; no reference is left unresolved", () => {
  const links = Object.values(dataset().links as Record<string, string>);
  for (const l of LOCALES) {
    const { body } = md(l);
    assert.not.match(body, /\]\[[^\]]*\]/, l);
    const targets = [...body.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(targets.length > 0, l);
    for (const t of targets) assert.ok(links.includes(t), `${l}: ${t}`);
  }
});
site.run();

const minimal = suite('Markdown output is off by default');
minimal('no .md file without the option', async () => {
  const d = copySite(join(fixtures, 'sites', 'minimal'));
  const r = await buildSite(d);
  assert.is(r.error, undefined);
  assert.equal(
    r.files.filter((f) => f.endsWith('.md')),
    [],
  );
  cleanup(d);
});
minimal.run();
