import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { main } from '../plugin/cli.js';
import {
  audit,
  AuditInputError,
  describeAudit,
  type AuditResult,
} from '../plugin/core/audit/audit.js';
import { readTables } from '../plugin/core/audit/html-tables.js';
import { positions } from '../plugin/core/problems.js';
import { buildSite, cleanup, copySite, read } from './helpers.js';

const LOCALES = ['en', 'fr-fr', 'it-it', 'pt-br', 'ru-ru', 'zh-tw'];
const ARTICLE = 'teams-contact-center';
const pageOf = (out: string, locale: string) => join(out, locale, ARTICLE, 'index.html');
const hint = (l: string) =>
  `Rebuild the site; if this remains, look for a template or a later step that treats \`${l}\` differently.`;

/**
 * One build of a copy of the docs site's fixture, shared by the suites; removed by the last one.
 */
let built: Promise<{ dir: string; out: string }> | undefined;
const site = () =>
  (built ??= (async () => {
    const dir = copySite();
    const r = await buildSite(dir);
    if (r.error) throw r.error;
    return { dir, out: r.out };
  })());

/**
 * 1-based line and column of the first `needle` in `html`, counted here independently of
 * `positions`.
 */
function lineCol(html: string, needle: string) {
  const at = html.indexOf(needle);
  assert.ok(at >= 0, `not found: ${needle}`);
  assert.is(html.indexOf(needle, at + 1), -1, `not unique: ${needle}`);
  return { line: html.slice(0, at).split('\n').length, col: at - html.lastIndexOf('\n', at - 1) };
}

const rowOf = (html: string, key: string) => {
  const m = new RegExp(`<tr data-key="${key}"[\\s\\S]*?</tr>`).exec(html);
  assert.ok(m, `row ${key} not found`);
  return m![0];
};

/**
 * Copy a built site's output and hand-edit four languages, one drift each; returns what the edits
 * were.
 */
function driftedCopy(out: string, into: string) {
  cpSync(out, into, { recursive: true });
  const edit = (locale: string, change: (html: string) => string) => {
    const file = pageOf(into, locale);
    const html = read(file);
    const changed = change(html);
    assert.is.not(changed, html, `editing ${locale} changed nothing`);
    writeFileSync(file, changed);
    return changed;
  };
  const en = read(pageOf(out, 'en'));
  const url = /href="([^"]*)"/.exec(rowOf(en, '8x8'))![1]!;
  const fr = edit('fr-fr', (h) =>
    h.replace(
      rowOf(h, '8x8'),
      rowOf(h, '8x8').replace(`href="${url}"`, 'href="https://example.com/not-8x8"'),
    ),
  );
  const ru = edit('ru-ru', (h) => h.replace(rowOf(h, 'genesys'), ''));
  const it = edit('it-it', (h) => {
    const [a, b] = [rowOf(h, 'computertalk'), rowOf(h, 'content-guru')];
    return h.replace(a, '\u0000').replace(b, a).replace('\u0000', b);
  });
  const value = /data-value="([^"]*)"/g;
  const cells = [...rowOf(en, 'service-connectivity').matchAll(value)].map((m) => m[1]!);
  const pt = edit('pt-br', (h) => {
    const row = rowOf(h, 'service-connectivity');
    let n = 0;
    return h.replace(
      row,
      row.replace(value, (all) => (++n === 3 ? 'data-value="changed-by-hand"' : all)),
    );
  });
  return { url, extendValue: cells[2]!, fr, ru, it, pt };
}

/** Run the CLI, capturing what it prints. */
function cli(args: string[], root: string) {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    return { code: main(args, root), out: out.join('\n'), err: err.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}

// ---------------------------------------------------------------------------------------------

const tables = suite('readTables');

tables(
  'reads the same tables, rows, names, links, values and columns as an HTML parser, on every built page',
  async () => {
    const { out } = await site();
    for (const l of LOCALES) {
      const html = read(pageOf(out, l));
      const doc = parse(html);
      const expected = doc.querySelectorAll('table[data-lockstep]').map((t) => ({
        id: t.getAttribute('data-lockstep'),
        columns: t
          .querySelectorAll('thead [data-key]')
          .map((c) => [c.getAttribute('data-key'), c.range[0]]),
        rows: t.querySelectorAll('tbody tr').map((r) => ({
          key: r.getAttribute('data-key'),
          at: r.range[0],
          name: r.querySelector('[translate="no"]')?.text,
          links: r.querySelectorAll('a[href]').map((a) => [a.getAttribute('href'), a.range[0]]),
          values: r
            .querySelectorAll('[data-value]')
            .map((c) => [c.getAttribute('data-value'), c.range[0]]),
        })),
      }));
      const found = readTables(html).map((t) => ({
        id: t.id,
        columns: t.columns.map((c) => [c.value, c.at]),
        rows: t.rows.map((r) => ({
          key: r.key,
          at: r.at,
          name: r.name?.value,
          links: r.links.map((a) => [a.value, a.at]),
          values: r.values.map((v) => [v.value, v.at]),
        })),
      }));
      assert.equal(found, expected, l);
      assert.equal(
        found.map((t) => t.id),
        ['partners-certified', 'partners-in-certification', 'comparison'],
        l,
      );
    }
  },
);

tables('ignores `data-lockstep` in comments, scripts, text and other attributes', () => {
  const html = `<!doctype html><html><head><title><table data-lockstep="t1"></title>
<script>const s = '<table data-lockstep="t2">';</script><style>/* <table data-lockstep="t3"> */</style></head>
<body data-lockstep-article="a"><!-- <table data-lockstep="t4"> --><p>Write &lt;table data-lockstep="t5"&gt;; 1 < 2 > 0</p>
<table data-lockstep-fallback title='x > y'><tr data-key="no"><td data-value="no"></td></tr></table>
<table title="a > b" data-lockstep="real"><tbody><tr data-key="r"><td data-value="v"></td></tr></tbody></table></body></html>`;
  const t = readTables(html);
  assert.equal(
    t.map((x) => [x.id, x.rows.map((r) => [r.key, r.values.map((v) => v.value)])]),
    [['real', [['r', ['v']]]]],
  );
  assert.is(t[0]!.at, html.indexOf('<table title="a > b"'));
});

tables(
  'tolerates omitted end tags and a missing tbody, decodes entities, and keeps nested tables inside their row',
  () => {
    const html = `<TABLE DATA-LOCKSTEP=t>
<thead><tr><th><th data-key=c1>One<th data-key="c2">Two</thead>
<tr data-key="a"><th translate="NO">AT&amp;T <b>Labs</b><td><a href="https://x.example/?a=1&amp;b=2">x</a><td data-value="v1">
<tr data-key="b"><th>plain<td data-value='v2'><table><tr data-key="inner"><td data-value="deep"><a href="/in">in</a></td></tr></table>
</TABLE>
<table data-lockstep="t"><tr><td data-value="x"></td></tr></table>`;
    const [first, second] = readTables(html);
    assert.equal(
      first!.columns.map((c) => c.value),
      ['c1', 'c2'],
    );
    assert.equal(
      first!.rows.map((r) => [
        r.key,
        r.name?.value,
        r.links.map((a) => a.value),
        r.values.map((v) => v.value),
      ]),
      [
        ['a', 'AT&T Labs', ['https://x.example/?a=1&b=2'], ['v1']],
        ['b', undefined, ['/in'], ['v2', 'deep']],
      ],
    );
    assert.equal(
      second!.rows.map((r) => r.key),
      ['#1'],
      'a row without `data-key` is known by its position',
    );
  },
);
tables.run();

const pos = suite('positions');
pos('turns offsets into 1-based lines and columns', () => {
  const at = positions('ab\ncd\n\nef');
  assert.equal(
    [0, 1, 3, 4, 6, 7, 8].map((o) => at(o)),
    [
      { line: 1, col: 1 },
      { line: 1, col: 2 },
      { line: 2, col: 1 },
      { line: 2, col: 2 },
      { line: 3, col: 1 },
      { line: 4, col: 1 },
      { line: 4, col: 2 },
    ],
  );
});
pos.run();

// ---------------------------------------------------------------------------------------------

const run = suite('audit');
let drift: ReturnType<typeof driftedCopy>;
let work = '';
run.before(async () => {
  const { dir, out } = await site();
  work = dir;
  drift = driftedCopy(out, join(dir, 'edited'));
});

run('passes on the output of a build, reading only `<locale>/<article>/index.html`', async () => {
  const { dir, out } = await site();
  const r = audit(out, { cwd: dir });
  assert.equal(r, {
    pages: 6,
    articles: 1,
    locales: LOCALES,
    tables: 3,
    problems: [],
  } satisfies AuditResult);
});

run(
  'names the locale, article, table, row and field of each hand edit, at the element that differs',
  () => {
    const r = audit(join(work, 'edited'), { cwd: work });
    const file = (l: string) => `edited/${l}/${ARTICLE}/index.html`;
    const { fr, ru, it, pt } = drift;
    const actual = r.problems.map(({ code, file, line, col, message }) => ({
      code,
      file,
      line,
      col,
      message,
    }));
    assert.equal(
      actual,
      [
        {
          code: 'AUDIT_ROW_ORDER',
          file: file('it-it'),
          ...lineCol(it, '<tr data-key="content-guru"'),
          message: `In \`it-it\`, article \`${ARTICLE}\`, table \`partners-certified\`: row \`content-guru\` is 3rd; expected 4th, after row \`computertalk\`, as in \`en\`. ${hint('it-it')}`,
        },
        {
          code: 'AUDIT_LINK',
          file: file('fr-fr'),
          ...lineCol(fr, '<a href="https://example.com/not-8x8"'),
          message: `In \`fr-fr\`, article \`${ARTICLE}\`, table \`partners-certified\`, row \`8x8\`: the link is \`https://example.com/not-8x8\`; expected \`${drift.url}\` as in \`en\`. ${hint('fr-fr')}`,
        },
        {
          code: 'AUDIT_VALUE',
          file: file('pt-br'),
          ...lineCol(pt, '<td data-value="changed-by-hand"'),
          message: `In \`pt-br\`, article \`${ARTICLE}\`, table \`comparison\`, row \`service-connectivity\`: the value in column \`extend\` is \`changed-by-hand\`; expected \`${drift.extendValue}\` as in \`en\`. ${hint('pt-br')}`,
        },
        {
          code: 'AUDIT_ROW_MISSING',
          file: file('ru-ru'),
          ...lineCol(ru, '<tr data-key="geomant"'),
          message: `In \`ru-ru\`, article \`${ARTICLE}\`, table \`partners-in-certification\`: row \`genesys\` is missing; expected it between row \`frontstage\` and row \`geomant\` as in \`en\`. ${hint('ru-ru')}`,
        },
      ].sort((a, b) => (a.file < b.file ? -1 : 1)),
    );
  },
);

run('compares with the `reference` locale when one is given', () => {
  const r = audit(join(work, 'edited'), { cwd: work, reference: 'fr-FR' });
  const en = r.problems.filter((p) => p.file.startsWith('edited/en/'));
  assert.equal(
    en.map((p) => p.code),
    ['AUDIT_LINK'],
  );
  assert.match(
    en[0]!.message,
    `In \`en\`, article \`${ARTICLE}\`, table \`partners-certified\`, row \`8x8\`: the link is \`${drift.url}\`; expected \`https://example.com/not-8x8\` as in \`fr-fr\`.`,
  );
  assert.is(
    r.problems.filter((p) => p.code === 'AUDIT_LINK').length,
    5,
    'every other language now differs from fr-fr',
  );
  assert.throws(
    () => audit(join(work, 'edited'), { reference: 'de-de' }),
    (e: Error) =>
      e instanceof AuditInputError && /reference locale `de-de`.*`en`, `fr-fr`/.test(e.message),
  );
});

run('reports tables missing and extra, columns, names and rows added, each where it is', () => {
  const scratch = join(work, 'scratch');
  cpSync(join(work, 'edited'), scratch, { recursive: true });
  const zh = pageOf(scratch, 'zh-tw');
  let html = read(zh);
  html = html.replace(
    /<table data-lockstep="partners-in-certification">[\s\S]*?<\/table>/,
    '<table data-lockstep="extra"><tbody></tbody></table>',
  );
  html = html.replace(' data-key="power"', ' data-key="strength"');
  html = html.replace(
    '<th scope="row" translate="no">Anywhere365</th>',
    '<th scope="row" translate="no">Partout365</th>',
  );
  html = html.replace(
    '<tr data-key="8x8">',
    '<tr data-key="added"><th translate="no">New</th></tr>\n<tr data-key="8x8">',
  );
  writeFileSync(zh, html);
  const found = audit(scratch, { cwd: work }).problems.filter((p) => p.file.includes('/zh-tw/'));
  const expected = [
    ['<tr data-key="added"', 'AUDIT_ROW_EXTRA'],
    ['<th scope="row" translate="no">Partout365', 'AUDIT_NAME'],
    ['<table data-lockstep="extra"', 'AUDIT_TABLE_EXTRA'],
    ['<table data-lockstep="comparison"', 'AUDIT_TABLE_MISSING'],
    ['<th scope="col" data-key="strength"', 'AUDIT_COLUMNS'],
  ].map(([needle, code]) => ({ ...lineCol(html, needle!), code: code! }));
  expected.sort((a, b) => a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : 1));
  assert.equal(
    found.map(({ line, col, code }) => ({ line, col, code })),
    expected,
  );
  const message = (code: string) => found.find((p) => p.code === code)!.message;
  assert.match(
    message('AUDIT_TABLE_MISSING'),
    '`zh-tw` lacks table `partners-in-certification` of article `teams-contact-center`; expected it before table `comparison` as in `en`.',
  );
  assert.match(
    message('AUDIT_TABLE_EXTRA'),
    '`zh-tw` has table `extra` in article `teams-contact-center`, which `en` does not have; `en` has `partners-certified`, `partners-in-certification`, `comparison`.',
  );
  assert.match(
    message('AUDIT_COLUMNS'),
    'the column keys are `teams-voice-apps`, `connect`, `extend`, `strength`; expected `teams-voice-apps`, `connect`, `extend`, `power` as in `en`.',
  );
  assert.match(
    message('AUDIT_NAME'),
    'row `anywhere365`: the name is `Partout365`; expected `Anywhere365` as in `en`.',
  );
  assert.match(
    message('AUDIT_ROW_EXTRA'),
    "row `added` is not in `en`'s table; expected only its 6 rows.",
  );
  cleanup(scratch);
});

run(
  'reads only the files named by `files`, and only those shaped like `<locale>/<article>/index.html`',
  () => {
    const out = join(work, 'edited');
    const files = ['en', 'zh-tw', 'fr-fr']
      .map((l) => pageOf(out, l))
      .concat(join(out, 'index.html'), join(out, 'fr-fr', 'gone', 'index.html'));
    const r = audit(out, { cwd: work, files });
    assert.equal([r.pages, r.locales], [3, ['en', 'fr-fr', 'zh-tw']]);
    assert.equal(
      r.problems.map((p) => `${p.file} ${p.code}`),
      [`edited/fr-fr/${ARTICLE}/index.html AUDIT_LINK`],
    );
  },
);

run('refuses a folder that does not exist', () => {
  assert.throws(
    () => audit(join(work, 'nowhere'), { cwd: work }),
    (e: Error) =>
      e instanceof AuditInputError &&
      e.message === '`nowhere` is not a folder; name the folder a build wrote, such as `_site`.',
  );
});
run.run();

const describe = suite('describeAudit');
describe('says what was audited and whether the tables are identical', () => {
  const r = (problems: number, pages = 6, articles = 1, locales = 6): AuditResult => ({
    pages,
    articles,
    locales: LOCALES.slice(0, locales),
    tables: 3,
    problems: Array.from({ length: problems }, () => ({
      code: 'AUDIT_VALUE' as const,
      message: '',
      file: 'f',
      line: 1,
      col: 1,
      severity: 'error' as const,
    })),
  });
  assert.is(describeAudit(r(0)), 'audited 6 pages of 1 article in 6 languages: tables identical');
  assert.is(
    describeAudit(r(1, 1, 2, 1)),
    'audited 1 page of 2 articles in 1 language: 1 difference',
  );
  assert.is(describeAudit(r(4)), 'audited 6 pages of 1 article in 6 languages: 4 differences');
});
describe.run();

// ---------------------------------------------------------------------------------------------

const command = suite('lockstep audit');
command('exits 0 and says so when every language agrees', async () => {
  const { dir } = await site();
  const r = cli(['audit', '_site'], dir);
  assert.equal(r, {
    code: 0,
    out: 'lockstep audit: audited 6 pages of 1 article in 6 languages: tables identical.',
    err: '',
  });
});

command('exits 1 and prints every difference, sorted, then the count', async () => {
  const { dir } = await site();
  const r = cli(['audit', 'edited'], dir);
  assert.is(r.code, 1);
  const lines = r.err.split('\n');
  assert.equal(
    lines.map((l) => l.replace(/:\d+:\d+ .*\[(\w+)\]$/, ' $1')),
    [
      `edited/fr-fr/${ARTICLE}/index.html AUDIT_LINK`,
      `edited/it-it/${ARTICLE}/index.html AUDIT_ROW_ORDER`,
      `edited/pt-br/${ARTICLE}/index.html AUDIT_VALUE`,
      `edited/ru-ru/${ARTICLE}/index.html AUDIT_ROW_MISSING`,
      'lockstep audit: audited 6 pages of 1 article in 6 languages: 4 differences.',
    ],
  );
  assert.match(
    lines[0]!,
    /^edited\/fr-fr\/teams-contact-center\/index\.html:\d+:\d+ {2}In `fr-fr`, .* {2}\[AUDIT_LINK\]$/,
  );
  assert.is(r.out, '');
});

command(
  'audits the output folder without one; exits 2 with a folder that is missing or holds no pages, or an unknown reference',
  async () => {
    const { dir } = await site();
    const empty = mkdtempSync(join(tmpdir(), 'lockstep-empty-'));
    mkdirSync(join(empty, 'en'));
    writeFileSync(join(empty, 'index.html'), '<table data-lockstep="t"></table>');
    try {
      // Without a folder, the site's output folder (`_site` here): as if it were named.
      const none = cli(['audit'], dir);
      assert.equal(
        [none.code, none.out],
        [cli(['audit', '_site'], dir).code, cli(['audit', '_site'], dir).out],
      );
      assert.match(none.out, 'lockstep audit:');
      const missing = cli(['audit', 'nowhere'], dir);
      assert.equal(
        [missing.code, missing.err],
        [
          2,
          'lockstep audit: `nowhere` is not a folder; name the folder a build wrote, such as `_site`.',
        ],
      );
      const nothing = cli(['audit', empty], dir);
      assert.is(nothing.code, 2);
      assert.match(
        nothing.err,
        'holds no page at `<locale>/<article>/index.html`; build the site first',
      );
      const reference = cli(['audit', '_site', '--reference', 'de-DE'], dir);
      assert.is(reference.code, 2);
      assert.match(reference.err, 'No pages for the reference locale `de-DE` in `_site`');
      assert.is(cli(['audit', '_site', '--reference', 'zh-TW'], dir).code, 0);
    } finally {
      cleanup(empty);
    }
  },
);
command(
  'a folder without a language its pages list (a shard left out of a merge) fails, once per missing page, at the link',
  async () => {
    const { dir, out } = await site();
    const merged = join(dir, 'merged');
    cpSync(out, merged, { recursive: true });
    rmSync(join(merged, 'ru-ru'), { recursive: true });
    const expected = (en: string) => [
      {
        code: 'AUDIT_PAGE_MISSING',
        file: `merged/en/${ARTICLE}/index.html`,
        ...lineCol(en, '<link rel="alternate" hreflang="ru-RU"'),
        message: `\`en\`'s page of article \`${ARTICLE}\` lists a \`ru-RU\` version at \`ru-ru/${ARTICLE}/\`, which \`merged\` does not have. If the site was built in shards, the shard of \`ru-RU\` is missing from the merged folder; otherwise rebuild the site.`,
      },
    ];
    const found = () =>
      audit(merged, { cwd: dir }).problems.map(({ code, file, line, col, message }) => ({
        code,
        file,
        line,
        col,
        message,
      }));
    assert.equal(found(), expected(read(pageOf(merged, 'en'))));
    assert.is(cli(['audit', 'merged'], dir).code, 1);
    // Absolute addresses (the `siteUrl` option, here with a path prefix) name the same pages.
    for (const l of LOCALES.filter((l) => l !== 'ru-ru'))
      writeFileSync(
        pageOf(merged, l),
        read(pageOf(merged, l)).replace(
          /(<link rel="alternate" hreflang="[^"]+" href=")\//g,
          '$1https://docs.example.com/base/',
        ),
      );
    assert.match(read(pageOf(merged, 'en')), 'href="https://docs.example.com/base/ru-ru/');
    assert.equal(found(), expected(read(pageOf(merged, 'en'))));
    // A build audits only the pages it wrote (one shard's), which may list languages other shards
    // write.
    assert.equal(
      audit(merged, { cwd: dir, files: [pageOf(merged, 'en'), pageOf(merged, 'fr-fr')] }).problems,
      [],
    );
    cleanup(merged);
  },
);

command.after(async () => cleanup((await site()).dir));
command.run();

// ---------------------------------------------------------------------------------------------

const after = suite('the audit after each build');
/** A layout that adds a table to the French page only: the languages differ, whatever the theme. */
const DRIFT = `{% if "/fr-fr/" in page.url %}<table data-lockstep="only-in-french"><tbody><tr data-key="x"><td>x</td></tr></tbody></table>{% endif %}\n`;
let driftDir = '';
after.before(() => {
  driftDir = copySite();
  writeFileSync(join(driftDir, 'templates', 'lockstep', 'drift.njk'), DRIFT);
});
after.after(() => cleanup(driftDir));

after(
  'is on by default: a layout that differs by language fails the build, naming the page',
  async () => {
    const r = await buildSite(driftDir, { articleLayout: 'lockstep/drift.njk' });
    assert.ok(r.error, 'the build should fail');
    assert.is(r.error!.name, 'LockstepError');
    assert.is(
      r.error!.message,
      'Lockstep: the pages were written, but their `data-lockstep` tables differ between languages in 1 place (listed above).',
    );
    const file = pageOf(r.out, 'fr-fr');
    assert.equal(
      r.error!.problems!.map((p) => [p.code, p.file, p.line, p.col]),
      [['AUDIT_TABLE_EXTRA', file, 1, 1]],
    );
    assert.match(
      r.error!.problems![0]!.message,
      '`fr-fr` has table `only-in-french` in article `teams-contact-center`, which `en` does not have; `en` has none.',
    );
  },
);

after('a failed audit keeps no finished pages for the next build to reuse', async () => {
  const dir = copySite();
  // The theme left to the package: its pages are rendered directly and kept (`pages.json`).
  rmSync(join(dir, 'templates'), { recursive: true, force: true });
  try {
    // After the theme: the French page differs from what was rendered, and from the other pages.
    const r = await buildSite(
      dir,
      {},
      {
        config: (cfg) =>
          cfg.addTransform('drift', function (content) {
            return this.page.outputPath.includes('/fr-fr/')
              ? content.replace('</main>', DRIFT + '</main>')
              : content;
          }),
      },
    );
    assert.is(r.error?.name, 'LockstepError');
    assert.ok(
      r.error!.problems!.some((p) => p.code === 'AUDIT_TABLE_EXTRA'),
      JSON.stringify(r.error!.problems),
    );
    assert.not.ok(existsSync(join(dir, '.cache', 'lockstep', 'pages.json')));
  } finally {
    cleanup(dir);
  }
});

after('is off with `audit: false`', async () => {
  const r = await buildSite(driftDir, { articleLayout: 'lockstep/drift.njk', audit: false });
  assert.is(r.error, undefined);
  assert.match(read(pageOf(r.out, 'fr-fr')), 'only-in-french');
});

after('reads only the pages the build wrote, not those left by an earlier build', async () => {
  // The output still holds the drifted French page from the test above; this build writes two
  // languages only.
  const r = await buildSite(driftDir, { locales: ['en', 'it-IT'] });
  assert.is(r.error, undefined);
  assert.match(read(pageOf(r.out, 'fr-fr')), 'only-in-french');
  // Auditing the whole folder reads the stale pages too: written by the drift layout, they lack the
  // real tables.
  const stale = audit(r.out).problems;
  assert.equal(
    [...new Set(stale.map((p) => p.file))],
    ['fr-fr', 'pt-br', 'ru-ru', 'zh-tw'].map((l) => pageOf(r.out, l)),
  );
  assert.equal(
    stale.filter((p) => p.code === 'AUDIT_TABLE_EXTRA').map((p) => p.file),
    [pageOf(r.out, 'fr-fr')],
  );
  assert.is(stale.filter((p) => p.code === 'AUDIT_TABLE_MISSING').length, 4 * 3);
});
after.run();
