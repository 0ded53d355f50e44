import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import { defaults, OptionsError, resolveOptions } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, repo } from './helpers.js';

const resolve = suite('resolveOptions');

resolve('`siteUrl` is optional and kept without its trailing slash', () => {
  assert.is(resolveOptions().siteUrl, undefined);
  assert.is(
    resolveOptions({ siteUrl: 'https://docs.example.com/' }).siteUrl,
    'https://docs.example.com',
  );
  assert.is(
    resolveOptions({ siteUrl: 'https://example.com/docs/' }).siteUrl,
    'https://example.com/docs',
  );
  assert.is(resolveOptions({ siteUrl: 'http://localhost:8080' }).siteUrl, 'http://localhost:8080');
});

resolve(
  'a `siteUrl` that is not an absolute http(s) address is refused, saying what was found and what is expected',
  () => {
    const cases: [unknown, string][] = [
      ['docs.example.com', 'which is not an absolute address'],
      ['/docs/', 'which is not an absolute address'],
      ['ftp://docs.example.com', 'whose scheme is `ftp:`'],
      ['javascript:alert(1)', 'whose scheme is `javascript:`'],
      ['https://docs.example.com/?lang=en', 'which has a query or a fragment'],
      ['https://docs.example.com/#top', 'which has a query or a fragment'],
      [42, 'which is not a string'],
    ];
    for (const [value, why] of cases) {
      assert.throws(
        () => resolveOptions({ siteUrl: value as string }),
        (e: Error) =>
          e.message.startsWith(
            'Lockstep: option `siteUrl` must be the absolute http or https address',
          ) &&
          e.message.includes(`found \`${value}\``) &&
          e.message.includes(why),
        String(value),
      );
    }
  },
);

resolve('`markdown` is off by default and must be a boolean', () => {
  assert.is(resolveOptions().markdown, false);
  assert.is(resolveOptions({ markdown: true }).markdown, true);
  assert.throws(
    () => resolveOptions({ markdown: 'yes' as unknown as boolean }),
    /option `markdown` must be `true` or `false`; found `'yes'`/,
  );
});

resolve('the new options are known names', () => {
  const o = resolveOptions({
    siteUrl: 'https://docs.example.com',
    markdown: true,
    notFoundLayout: false,
  });
  assert.is(o.notFoundLayout, false);
  assert.is(resolveOptions().notFoundLayout, 'lockstep/404.njk');
});
resolve(
  'a bad value is an `OptionsError`: one line, and Eleventy is told to print no stack trace',
  () => {
    const cases: [Record<string, unknown>, string | undefined][] = [
      [{}, '..'],
      [{}, 'fr-FR,\n::error file=a.js::x\x1b[2J'],
      [{ stale: 'never' }, undefined],
      [{ siteUrl: 'ftp://x' }, undefined],
      [{ colour: 'red' }, undefined],
    ];
    for (const [options, env] of cases) {
      if (env === undefined) delete process.env.LOCKSTEP_LOCALES;
      else process.env.LOCKSTEP_LOCALES = env;
      try {
        assert.throws(
          () => resolveOptions(options),
          (e: Error & { skipOriginalStack?: boolean }) =>
            e instanceof OptionsError &&
            e.skipOriginalStack === true &&
            // eslint-disable-next-line no-control-regex -- a message must not carry ESC
            !/[\n\r\x1b]/.test(e.message) &&
            e.message.startsWith('Lockstep: '),
          JSON.stringify([options, env]),
        );
      } finally {
        delete process.env.LOCKSTEP_LOCALES;
      }
    }
  },
);
resolve.run();

const checked = suite('resolveOptions: every option is checked');

/** Option, a bad value, and what its message must say after "option `<name>` ". */
const BAD: [string, unknown, string][] = [
  ['localesDir', '', "must be a folder such as `'locales'`; found `''`."],
  ['localesDir', 3, "must be a folder such as `'locales'`; found `3`."],
  ['articlesDir', null, "must be a folder such as `'src'`; found `null`."],
  [
    'datasetFile',
    ['dataset.yaml'],
    'must be a file name such as `\'dataset.yaml\'`; found `["dataset.yaml"]`.',
  ],
  [
    'sourceLocale',
    'en_US',
    "must be a BCP 47 language tag such as `'en'` or `'en-US'`; found `'en_US'`.",
  ],
  ['sourceLocale', 42, 'found `42`.'],
  [
    'locales',
    'fr-FR',
    "must be a list of locale tags; found `'fr-FR'`, a single string; write `['fr-FR']`.",
  ],
  ['locales', 'fr-FR, ru-RU', "write `['fr-FR', 'ru-RU']`."],
  [
    'locales',
    ['fr-FR', 3],
    "must be a list of locale tags such as `['fr-FR', 'ru-RU']`; found `[\"fr-FR\",3]`.",
  ],
  [
    'locales',
    [],
    'names no locale; name at least one, or leave the option out to publish every folder of `localesDir`.',
  ],
  [
    'buildLocales',
    'fr-FR',
    "must be a list of locale tags; found `'fr-FR'`, a single string; write `['fr-FR']`.",
  ],
  ['buildLocales', ['fr_FR'], 'names `fr_FR`, which is not a BCP 47 language tag'],
  [
    'commonNamespace',
    '  ',
    "must be a namespace (a locale file name without extension) such as `'common'`; found `'  '`.",
  ],
  [
    'articleLayout',
    false,
    "must be a layout file such as `'lockstep/article.njk'`; found `false`.",
  ],
  [
    'pickerLayout',
    true,
    "must be a layout file such as `'lockstep/picker.njk'`, or `false` for no picker; found `true` (leave the option out for the default).",
  ],
  ['statusLayout', 0, 'or `false` for no status page; found `0`.'],
  ['statusPage', 'yes', "must be `true` or `false`; found `'yes'`."],
  ['localePaths', { 'de-DE': 'De/' }, "gives `de-DE` the folder `'De/'`; a folder is lower-case"],
  ['notFoundLayout', '', "or `false` for no 404 pages; found `''`."],
  [
    'siteUrl',
    'docs.example.com',
    'must be the absolute http or https address the site is served from',
  ],
  ['markdown', 'yes', "must be `true` or `false`; found `'yes'`."],
  ['strict', 'no', "must be `true` or `false`; found `'no'`."],
  [
    'strict',
    'true',
    "must be `true` or `false`; found `'true'` (a string; write `true` without quotes).",
  ],
  ['stale', 'never', "must be `'notice'` or `'source'`; found `'never'`."],
  ['writeLock', 1, 'must be `true` or `false`; found `1`.'],
  ['audit', 'false', "found `'false'` (a string; write `false` without quotes)."],
  [
    'cache',
    true,
    "must be a folder such as `'.cache/lockstep'`, or `false` to keep no cache; found `true`",
  ],
  ['navigation', 'docs', "or an object such as `{ parent: 'docs-{locale}' }`; found 'docs'."],
];

checked(
  'a bad value of each option gets a message naming it, saying what was expected and what was found',
  () => {
    for (const [name, value, says] of BAD)
      assert.throws(
        () => resolveOptions({ [name]: value }),
        (e: Error) =>
          e instanceof OptionsError &&
          e.message.startsWith(`Lockstep: option \`${name}\` `) &&
          e.message.includes(says),
        `${name}: ${JSON.stringify(value)} should say ${says}`,
      );
  },
);

checked('the table covers every option, and each default passes its own check', () => {
  const options = Object.keys(defaults());
  assert.equal([...new Set(BAD.map(([name]) => name))].sort(), [...options].sort());
  const set = Object.fromEntries(Object.entries(defaults()).filter(([, v]) => v !== undefined));
  assert.equal(resolveOptions(set), defaults());
});

checked('every bad option is reported at once, in one message, unknown names first', () => {
  assert.throws(
    () => resolveOptions({ strict: 'no', locales: 'fr-FR', colour: 'red' } as never),
    (e: Error) =>
      e instanceof OptionsError &&
      /^Lockstep: 3 problems with the options: \(1\) unknown option `colour`; .* \(2\) option `strict` must be .* \(3\) option `locales` must be /.test(
        e.message,
      ),
  );
});

checked('the options must be an object', () => {
  for (const value of [null, 'fr-FR', ['fr-FR']])
    assert.throws(
      () => resolveOptions(value as never),
      /^Lockstep: the options must be an object such as `\{ sourceLocale: 'en' \}`; found /,
      JSON.stringify(value),
    );
});

checked('`LOCKSTEP_STRICT` turns strict mode on or off, and anything else is an error', () => {
  const strict = (value: string) => {
    process.env.LOCKSTEP_STRICT = value;
    try {
      return resolveOptions().strict;
    } finally {
      delete process.env.LOCKSTEP_STRICT;
    }
  };
  for (const on of ['1', 'true', 'YES', ' yes ']) assert.is(strict(on), true, on);
  for (const off of ['', '0', 'false', 'no']) assert.is(strict(off), false, off);
  assert.throws(
    () => strict('ture'),
    /`LOCKSTEP_STRICT` must be `1`, `true` or `yes` to turn strict mode on, or `0`, `false`, `no` or empty to leave it off; found `'ture'`/,
  );
});

checked.run();

const docs = suite('the options as documented');

docs("the README's options table lists every option once, with its default", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| option | default | meaning |'));
  const rows = [
    ...table.slice(0, table.indexOf('\n\n')).matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm),
  ].map((m) => [m[1]!, m[2]!.trim()] as const);
  assert.equal(rows.map(([name]) => name).sort(), Object.keys(defaults()).sort());
  const literal = (v: unknown) => '`' + (typeof v === 'string' ? `'${v}'` : String(v)) + '`';
  for (const [name, shown] of rows) {
    const value = defaults()[name as keyof ReturnType<typeof defaults>];
    // `articlesDir` defaults to Eleventy's input folder; `src` is only the command line's default.
    if (value === undefined || name === 'articlesDir') assert.not.match(shown, /^`/, name);
    else assert.is(shown, literal(value), name);
  }
});

docs('`lockstep --help` shows the defaults the options have', () => {
  const out: string[] = [];
  const { log } = console;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  try {
    assert.is(main(['--help']), 0);
  } finally {
    console.log = log;
  }
  const d = defaults();
  for (const [flag, value] of [
    ['--locales-dir <dir>', d.localesDir],
    ['--articles-dir <dir>', d.articlesDir],
    ['--source-locale <tag>', d.sourceLocale],
  ])
    assert.match(out.join('\n'), new RegExp(`^  ${flag} +default: ${value}$`, 'm'), flag);
});

docs.run();

const build = suite('a bad `siteUrl` fails the build');
build('before anything is written', async () => {
  const dir = copySite(join(fixtures, 'sites', 'minimal'));
  const r = await buildSite(dir, { siteUrl: 'docs.example.com' });
  assert.ok(r.error, 'the build should fail');
  // Eleventy wraps it: "Error processing the `eleventy-plugin-lockstep` plugin", caused by ours.
  const messages: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Eleventy's errors: untyped
  for (let e: any = r.error; e; e = e.cause ?? e.originalError) messages.push(e.message);
  assert.match(
    messages.join('\n'),
    'option `siteUrl` must be the absolute http or https address the site is served from, such as `https://docs.example.com`; found `docs.example.com`',
  );
  assert.equal(r.files, []);
  cleanup(dir);
});
build.run();
