import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { LockstepOptions } from '../plugin/index.js';
import { buildSite, cleanup, copySite, fixtures, read, repo, type BuildResult } from './helpers.js';

const minimal = join(fixtures, 'sites', 'minimal');
const bad = join(fixtures, 'bad');

/**
 * A temporary copy of the minimal site, with the repository's templates and then `overlay`'s files
 * on top.
 */
function siteWith(overlay?: string): string {
  const dir = copySite(minimal);
  cpSync(join(repo, 'templates'), join(dir, 'templates'), { recursive: true });
  if (overlay) cpSync(join(bad, overlay), dir, { recursive: true });
  return dir;
}

/**
 * `file:line:col CODE`, the file relative to the site's root (problems name files relative to the
 * working directory).
 */
function where(dir: string, r: BuildResult): string[] {
  return (r.error?.problems ?? []).map(
    (p) => `${relative(dir, resolve(p.file))}:${p.line}:${p.col} ${p.code}`,
  );
}

interface Case {
  /**
   * The folder under `test/fixtures/bad/` overlaid on the minimal site; `null` when only options
   * differ.
   */
  overlay: string | null;
  name: string;
  options?: LockstepOptions;
  /** Every problem the build must report, in the reported order: `file:line:col CODE`. */
  problems: string[];
  /** Text each message must contain, in the same order: the offending value or the fix. */
  says: string[];
}

const D = 'src/guide/dataset.yaml';
const cases: Case[] = [
  {
    name: 'YAML syntax error',
    overlay: 'yaml-syntax-error',
    problems: [`${D}:12:5 YAML_SYNTAX`],
    says: ['Implicit map keys need to be followed by map values'],
  },
  {
    name: 'duplicate key',
    overlay: 'duplicate-key',
    problems: [`${D}:15:5 DUPLICATE_KEY`],
    says: ['Key `name` is already defined above'],
  },
  {
    name: 'missing field',
    overlay: 'missing-field',
    problems: [`${D}:13:5 MISSING_FIELD`],
    says: ['`partners[1]` is missing the required field `url`'],
  },
  {
    name: 'unknown field',
    overlay: 'unknown-field',
    problems: [`${D}:21:5 UNKNOWN_FIELD`],
    says: ['Unknown field `website` in `partners[2]`; expected `id`, `name`, `url`, `status`.'],
  },
  {
    name: 'wrong type',
    overlay: 'wrong-type',
    problems: [`${D}:24:14 WRONG_TYPE`],
    says: ['`tables.plans.columns` must be a list; found a string `basic`'],
  },
  {
    name: 'duplicate partner id',
    overlay: 'duplicate-partner-id',
    problems: [`${D}:13:9 DUPLICATE_ID`],
    says: ['Partner id `acme` is used twice (first at `partners[0].id`)'],
  },
  {
    name: 'duplicate partner name',
    overlay: 'duplicate-partner-name',
    problems: [`${D}:14:11 DUPLICATE_NAME`],
    says: ['Partner name `Acme` is used twice (first at `partners[0].name`)'],
  },
  {
    name: 'status outside the enum',
    overlay: 'status-outside-enum',
    problems: [`${D}:20:13 INVALID_VALUE`],
    says: [
      '`partners[2].status` must be one of `certified`, `in-certification`; found `certifying`',
    ],
  },
  {
    name: 'javascript: URL',
    overlay: 'url-javascript',
    problems: [`${D}:15:10 INVALID_URL`],
    says: ['found `javascript:alert(1)`'],
  },
  {
    name: 'data: URL',
    overlay: 'url-data',
    problems: [`${D}:15:10 INVALID_URL`],
    says: ['found `data:text/html,<script>alert(1)</script>`'],
  },
  {
    name: 'schemeless URL',
    overlay: 'url-schemeless',
    problems: [`${D}:15:10 INVALID_URL`],
    says: ['found `www.globex.example.com`'],
  },
  {
    name: 'javascript: URL under links',
    overlay: 'link-url-javascript',
    problems: [`${D}:6:9 INVALID_URL`],
    says: ['`links.docs` must be an absolute http or https URL'],
  },
  {
    name: 'cell value without a label in the source locale',
    overlay: 'value-without-label',
    problems: [`${D}:32:18 MISSING_LABEL`],
    says: [
      'Value `chat` is used in a table but has no label in the source locale; add `values.chat` to',
    ],
  },
  {
    name: 'locale folder with an underscore',
    overlay: 'locale-folder-underscore',
    problems: ['locales/en_US:1:1 INVALID_LOCALE'],
    says: ['`en_US` is not a valid BCP 47 language tag'],
  },
  {
    name: 'locale folder that is not a tag',
    overlay: 'locale-folder-not-a-tag',
    problems: ['locales/not a tag:1:1 INVALID_LOCALE'],
    says: ['`not a tag` is not a valid BCP 47 language tag'],
  },
  {
    name: '`locales` option naming a path',
    overlay: null,
    options: { locales: ['en', '../x'] },
    // The file is where `../x` would lead from the locales folder; nothing is read there.
    problems: ['locales:1:1 INVALID_LOCALE'],
    says: ['`../x` is not a valid BCP 47 language tag'],
  },
  {
    name: 'locale leaf that is a list',
    overlay: 'locale-leaf-list',
    problems: ['locales/fr-FR/guide.yaml:16:5 LOCALE_NOT_STRING'],
    says: ['`partners.name` must be a string; found a list. Give each item its own key.'],
  },
  {
    name: 'locale leaf that is a number',
    overlay: 'locale-leaf-number',
    problems: ['locales/fr-FR/common.yaml:1:12 LOCALE_NOT_STRING'],
    says: ['`languages` must be a string; found the number `42`. Quote it: `languages: "42"`.'],
  },
  // Issue 14: each of these crashed, passed, or said something misleading.
  {
    name: 'date with no month 13',
    overlay: 'date-out-of-range',
    problems: [`${D}:3:10 INVALID_DATE`],
    says: ['`updated` is not a real date: there is no month 13'],
  },
  {
    name: 'date that is not in its month',
    overlay: 'date-not-in-month',
    problems: [`${D}:3:10 INVALID_DATE`],
    says: ['`updated` is not a real date: February 2021 has 28 days; found `2021-02-30`'],
  },
  {
    name: 'empty dataset',
    overlay: 'dataset-empty',
    problems: [`${D}:1:1 EMPTY_FILE`],
    says: [
      'The dataset is empty (no value, or only comments); it needs at least `updated: YYYY-MM-DD`',
    ],
  },
  {
    name: 'merge key',
    overlay: 'merge-key',
    problems: [`${D}:14:5 MERGE_KEY`],
    says: ['Merge keys (`<<`) are not supported'],
  },
  {
    name: 'dataset nested too deeply',
    overlay: 'dataset-too-deep',
    problems: [`${D}:4:405 TOO_DEEP`],
    says: ['nested more than 100 levels deep'],
  },
  {
    name: 'partner name with a zero-width space, a look-alike of another',
    overlay: 'partner-name-invisible',
    problems: [`${D}:14:11 DUPLICATE_NAME`, `${D}:14:11 INVISIBLE_CHARACTER`],
    says: [
      'Partner name `Ac\\u200Bme` is used twice (first at `partners[0].name`)',
      '`partners[1].name` holds an invisible character, U+200B (zero width space), at character 3: `Ac\\u200Bme`',
    ],
  },
  {
    name: "escape out of Unicode's range in a locale file",
    overlay: 'locale-escape-out-of-range',
    problems: ['locales/fr-FR/guide.yaml:8:26 YAML_SYNTAX'],
    says: [
      'YAML syntax: Invalid escape sequence \\UFFFFFFFF. In double quotes a backslash starts an escape',
    ],
  },
  {
    name: 'locale file nested too deeply',
    overlay: 'locale-too-deep',
    problems: ['locales/fr-FR/guide.yaml:8:403 TOO_DEEP'],
    says: ['nested more than 100 levels deep'],
  },
  {
    name: 'locale file saved as UTF-16',
    overlay: 'locale-utf16',
    problems: ['locales/fr-FR/common.yaml:1:1 UTF16_FILE'],
    says: [
      'This locale file is encoded as UTF-16; Lockstep reads UTF-8 only. Open it in your editor and save it as UTF-8.',
    ],
  },
  {
    name: 'dataset saved as UTF-16 without a BOM',
    overlay: 'dataset-utf16-no-bom',
    problems: [`${D}:1:1 UTF16_FILE`],
    says: ['This dataset is encoded as UTF-16'],
  },
  {
    name: 'locale file that is not UTF-8 (Latin-1)',
    overlay: 'locale-not-utf8',
    problems: ['locales/fr-FR/common.yaml:3:16 NOT_UTF8'],
    says: ['This locale file is not valid UTF-8: byte 0xE8 here is not part of a character.'],
  },
  {
    name: 'raw control character in a locale file',
    overlay: 'locale-control-character',
    problems: ['locales/fr-FR/common.yaml:2:15 CONTROL_CHARACTER'],
    says: ['holds the control character U+001B'],
  },
  {
    name: 'several problems in two files',
    overlay: 'several-problems-two-files',
    problems: [
      'locales/fr-FR/guide.yaml:2:8 LOCALE_NOT_STRING',
      'locales/fr-FR/guide.yaml:12:14 LOCALE_NOT_STRING',
      `${D}:15:10 INVALID_URL`,
      `${D}:20:13 INVALID_VALUE`,
    ],
    says: [
      '`title` must be a string',
      '`sections.plans.heading` must be a string',
      'found `javascript:alert(1)`',
      'found `certifying`',
    ],
  },
  // Damaged locks and empty locale files: never read as empty (test/lock.test.ts checks the lock is
  // left as it is).
  {
    name: 'lock with merge conflict markers',
    overlay: 'lock-conflict-markers',
    problems: ['locales/fr-FR/translations.lock:9:1 LOCK_CONFLICT'],
    says: ['Resolve the merge conflict'],
  },
  {
    name: 'lock that gives a namespace twice (a merge kept both blocks)',
    overlay: 'lock-repeated-namespace',
    problems: ['locales/fr-FR/translations.lock:12:3 LOCK_SHAPE'],
    says: ['gives the same key twice'],
  },
  {
    name: 'lock cut short',
    overlay: 'lock-truncated',
    problems: ['locales/fr-FR/translations.lock:12:76 LOCK_DAMAGED'],
    says: ['Restore it from git'],
  },
  {
    name: 'lock that is binary garbage',
    overlay: 'lock-garbage',
    problems: ['locales/fr-FR/translations.lock:1:1 LOCK_DAMAGED'],
    says: ['binary data'],
  },
  {
    name: 'lock of the wrong shape',
    overlay: 'lock-wrong-shape',
    problems: ['locales/fr-FR/translations.lock:16:10 LOCK_SHAPE'],
    says: ['The entry of `guide.title` must be a mapping'],
  },
  {
    name: 'empty lock',
    overlay: 'lock-empty',
    problems: ['locales/fr-FR/translations.lock:1:1 LOCK_DAMAGED'],
    says: ['The lock is empty'],
  },
  {
    name: 'empty locale file',
    overlay: 'locale-file-empty',
    problems: ['locales/fr-FR/guide.yaml:1:1 EMPTY_LOCALE_FILE'],
    says: ['delete it if this language has no strings for it yet'],
  },
  {
    name: '`$t()` loop in the source locale',
    overlay: 'source-nesting-loop',
    problems: [
      'locales/en/guide.yaml:12:12 NESTING_LOOP',
      'locales/en/guide.yaml:13:11 NESTING_LOOP',
    ],
    says: ['`sections.partners.apply`, `sections.partners.wait` nest each other', 'Break the loop'],
  },
  {
    name: 'NUL and a bidi override in a source string',
    overlay: 'source-control-character',
    problems: [
      'locales/en/guide.yaml:1:8 BIDI_CONTROL',
      'locales/en/guide.yaml:1:8 CONTROL_CHARACTER',
    ],
    says: ['U+202E RIGHT-TO-LEFT OVERRIDE at character 16', 'U+0000 at character 8'],
  },
];

const baseline = suite('minimal site');
baseline('builds every language, the picker and the status page', async () => {
  const dir = siteWith();
  const r = await buildSite(dir);
  assert.is(r.error, undefined, String(r.error));
  assert.equal(r.files.filter((f) => f.endsWith('.html')).sort(), [
    '404.html',
    'en/404.html',
    'en/guide/index.html',
    'fr-fr/404.html',
    'fr-fr/guide/index.html',
    'index.html',
    'translation-status/fr-fr/index.html',
    'translation-status/index.html',
  ]);
  cleanup(dir);
});
baseline('every folder of test/fixtures/bad is a case, and every case its folder', () => {
  // Cases laid over the SBC site (`src/certified-sbcs/`) belong to collections.test.ts.
  const folders = readdirSync(bad)
    .filter((n) => !existsSync(join(bad, n, 'src', 'certified-sbcs')))
    .sort();
  const used = cases.flatMap((c) => (c.overlay ? [c.overlay] : [])).sort();
  assert.equal(folders, used);
  for (const c of cases) if (c.overlay) assert.ok(existsSync(join(bad, c.overlay)), c.overlay);
});
baseline.run();

const invalid = suite('bad input fails the build before a page is written');
for (const c of cases) {
  invalid(c.name, async () => {
    const dir = siteWith(c.overlay ?? undefined);
    const lockFile = join(dir, 'locales', 'fr-FR', 'translations.lock');
    const lockBefore = existsSync(lockFile) ? readFileSync(lockFile) : undefined;
    const r = await buildSite(dir, c.options);
    assert.ok(r.error, 'the build should fail');
    assert.is(r.error!.name, 'LockstepError', r.error!.message);
    assert.equal(where(dir, r), c.problems);
    const messages = r.error!.problems!.map((p) => p.message);
    c.says.forEach((text, i) =>
      assert.ok(
        messages[i]?.includes(text),
        `problem ${i + 1} should say ${JSON.stringify(text)}; it says ${JSON.stringify(messages[i])}`,
      ),
    );
    assert.match(r.error!.message, `Lockstep found ${c.problems.length} problem`);
    assert.equal(
      r.files.filter((f) => f.endsWith('.html')),
      [],
    );
    // Nothing is written before the problems are reported: not even a lock.
    if (lockBefore)
      assert.ok(readFileSync(lockFile).equals(lockBefore), 'translations.lock was changed');
    else assert.not.ok(existsSync(lockFile), 'translations.lock was written');
    cleanup(dir);
  });
}
invalid.run();

const escape = suite('partner names are text');
escape('`A&B <Labs>` comes out escaped, never as markup', async () => {
  const dir = siteWith();
  const dataset = join(dir, D);
  const text = read(dataset);
  assert.ok(text.includes('    name: Acme\n'));
  writeFileSync(dataset, text.replace('    name: Acme\n', '    name: "A&B <Labs>"\n'));
  const r = await buildSite(dir);
  assert.is(r.error, undefined, String(r.error));
  for (const page of ['en/guide/index.html', 'fr-fr/guide/index.html']) {
    const html = read(join(r.out, page));
    assert.ok(
      html.includes('<tr data-key="acme"><th scope="row" translate="no">A&amp;B &lt;Labs&gt;</th>'),
      page,
    );
    assert.not.ok(html.includes('<Labs>'), page);
    assert.not.ok(html.includes('&amp;amp;') || html.includes('&amp;lt;'), page);
  }
  cleanup(dir);
});
escape.run();
