import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../plugin/cli.js';
import { outsideProblem, projectBounds, realTarget } from '../plugin/core/load/bounds.js';
import { importFiles } from '../plugin/core/import/run.js';
import { formatProblem } from '../plugin/core/problems.js';
import { loadSite } from '../plugin/core/load/site.js';
import { resolveOptions, coreConfig } from '../plugin/options.js';
import { buildSite, cleanup, copySite, fixtures, read } from './helpers.js';

const minimal = join(fixtures, 'sites', 'minimal');
const temp = (name: string) => mkdtempSync(join(tmpdir(), `lockstep-${name}-`));
const load = (dir: string) => loadSite(dir, coreConfig(resolveOptions())).problems;
const summary = (dir: string) => load(dir).map((p) => `${p.file}:${p.line}:${p.col} ${p.code}`);

/** A copy of the minimal site and, beside it (outside the project), a folder to link to. */
function sites() {
  const dir = copySite(minimal);
  const outside = temp('outside');
  return { dir, outside, done: () => (cleanup(dir), cleanup(outside)) };
}

const bounds = suite('outsideProblem');
bounds('a path inside the project, through links inside it, is fine', () => {
  const { dir, done } = sites();
  renameSync(join(dir, 'locales', 'fr-FR'), join(dir, 'fr-FR-shared'));
  symlinkSync(join('..', 'fr-FR-shared'), join(dir, 'locales', 'fr-FR'));
  assert.is(
    outsideProblem(
      projectBounds(dir),
      join(dir, 'locales', 'fr-FR', 'common.yaml'),
      'locales/fr-FR/common.yaml',
    ),
    undefined,
  );
  done();
});
bounds('names the link that leads out and where it leads, at 1:1', () => {
  const { dir, outside, done } = sites();
  symlinkSync(outside, join(dir, 'locales', 'de-DE'));
  const p = outsideProblem(
    projectBounds(dir),
    join(dir, 'locales', 'de-DE', 'common.yaml'),
    'locales/de-DE/common.yaml',
  )!;
  assert.equal([p.code, p.file, p.line, p.col], ['SYMLINK_OUTSIDE', 'locales/de-DE', 1, 1]);
  assert.match(
    p.message,
    `\`locales/de-DE\` is a symbolic link to \`${realTarget(outside)}\`, outside the project`,
  );
  done();
});
bounds(
  'a dangling link is judged by where it would lead (a write through it would create that file)',
  () => {
    const { dir, outside, done } = sites();
    symlinkSync(join(outside, 'not-yet.lock'), join(dir, 'locales', 'fr-FR', 'translations.lock'));
    assert.is(
      outsideProblem(projectBounds(dir), join(dir, 'locales', 'fr-FR', 'translations.lock'), 'x')
        ?.code,
      'SYMLINK_OUTSIDE',
    );
    done();
  },
);
bounds('a configured folder outside the project is allowed: the user named it', () => {
  const { dir, done } = sites();
  const elsewhere = temp('cwd');
  assert.is(
    outsideProblem(
      projectBounds(elsewhere, [join(dir, 'locales')]),
      join(dir, 'locales', 'en', 'common.yaml'),
      'x',
    ),
    undefined,
  );
  assert.is(
    outsideProblem(projectBounds(elsewhere), join(dir, 'locales', 'en', 'common.yaml'), 'x')?.code,
    'OUTSIDE_PROJECT',
  );
  cleanup(elsewhere);
  done();
});
bounds.run();

const links = suite('loadSite: symbolic links out of the project are reported, not followed');
links('a locale folder linked outside', () => {
  const { dir, outside, done } = sites();
  cpSync(join(dir, 'locales', 'fr-FR'), outside, { recursive: true });
  rmSync(join(dir, 'locales', 'fr-FR'), { recursive: true });
  symlinkSync(outside, join(dir, 'locales', 'fr-FR'));
  assert.equal(summary(dir), ['locales/fr-FR:1:1 SYMLINK_OUTSIDE']);
  done();
});
links('a locale file linked to a file outside is not read (nor published)', () => {
  const { dir, outside, done } = sites();
  writeFileSync(join(outside, 'secret.yaml'), 'siteTitle: TOP-SECRET-VALUE\n');
  symlinkSync(join(outside, 'secret.yaml'), join(dir, 'locales', 'fr-FR', 'secret.yaml'));
  const problems = load(dir);
  assert.equal(
    problems.map((p) => `${p.file} ${p.code}`),
    ['locales/fr-FR/secret.yaml SYMLINK_OUTSIDE'],
  );
  assert.not.match(JSON.stringify(problems), 'TOP-SECRET');
  done();
});
links('a dataset and an article folder linked outside', () => {
  const { dir, outside, done } = sites();
  cpSync(join(dir, 'src', 'guide'), join(outside, 'other'), { recursive: true });
  symlinkSync(join(outside, 'other'), join(dir, 'src', 'other'));
  renameSync(join(dir, 'src', 'guide', 'dataset.yaml'), join(outside, 'dataset.yaml'));
  symlinkSync(join(outside, 'dataset.yaml'), join(dir, 'src', 'guide', 'dataset.yaml'));
  assert.equal(summary(dir).sort(), [
    'src/guide/dataset.yaml:1:1 SYMLINK_OUTSIDE',
    'src/other:1:1 SYMLINK_OUTSIDE',
  ]);
  done();
});
links('a lock linked outside is refused before a build writes through it', () => {
  const { dir, outside, done } = sites();
  symlinkSync(
    join(outside, 'translations.lock'),
    join(dir, 'locales', 'fr-FR', 'translations.lock'),
  );
  assert.equal(summary(dir), ['locales/fr-FR/translations.lock:1:1 SYMLINK_OUTSIDE']);
  done();
});
links(
  'a locale file linked to `.npmrc` inside the project puts none of its content in a message',
  () => {
    const { dir, done } = sites();
    writeFileSync(
      join(dir, '.npmrc'),
      '//registry.npmjs.org/:_authToken=npm_s3cr3tT0k3nV4lu3\nalways-auth=true\n',
    );
    symlinkSync(join('..', '..', '.npmrc'), join(dir, 'locales', 'fr-FR', 'npmrc.yaml'));
    const problems = load(dir);
    assert.equal(
      problems.map((p) => `${p.file} ${p.code}`),
      ['locales/fr-FR/npmrc.yaml WRONG_TYPE'],
    );
    for (const p of problems) assert.not.match(formatProblem(p), /s3cr3t|authToken|registry/);
    done();
  },
);
links(
  'a whole build with a locale folder linked outside fails and writes no lock there',
  async () => {
    const { dir, outside, done } = sites();
    cpSync(join(dir, 'locales', 'fr-FR'), outside, { recursive: true });
    rmSync(join(dir, 'locales', 'fr-FR'), { recursive: true });
    symlinkSync(outside, join(dir, 'locales', 'fr-FR'));
    const r = await buildSite(dir);
    assert.equal(
      r.error?.problems?.map((p) => p.code),
      ['SYMLINK_OUTSIDE'],
    );
    assert.not.ok(existsSync(join(outside, 'translations.lock')));
    assert.equal(
      r.files.filter((f) => f.endsWith('.html')),
      [],
    );
    done();
  },
);
links.run();

const folders = suite('loadSite: locale folders');
folders('a hidden locale folder is a warning that names it and says how to publish it', () => {
  const { dir, done } = sites();
  cpSync(join(dir, 'locales', 'fr-FR'), join(dir, 'locales', '.es-ES'), { recursive: true });
  const [p, ...more] = load(dir);
  assert.equal(more, []);
  assert.equal(
    [p?.code, p?.severity, p?.file],
    ['HIDDEN_LOCALE_FOLDER', 'warning', 'locales/.es-ES'],
  );
  assert.match(p!.message, 'Folder `.es-ES` is hidden');
  assert.match(p!.message, 'rename it to `es-ES` to publish it');
  done();
});
folders('`fr-fr` next to `fr-FR`: DUPLICATE_LOCALE names both folders, once', () => {
  const { dir, done } = sites();
  cpSync(join(dir, 'locales', 'fr-FR'), join(dir, 'locales', 'fr-fr'), { recursive: true });
  if (readdirSync(join(dir, 'locales')).filter((f) => f.toLowerCase() === 'fr-fr').length < 2)
    return done(); // a case-insensitive disk
  const problems = load(dir);
  assert.equal(
    problems.map((p) => p.code),
    ['DUPLICATE_LOCALE'],
  );
  assert.is(
    problems[0]!.message,
    'Folders `locales/fr-FR` and `locales/fr-fr` are both locale `fr-FR`; merge them into one folder and delete the other.',
  );
  done();
});
folders.run();

const imports = suite('importFiles: what it reads');
const seed = join(fixtures, 'seeds', 'fr-FR.md');
const importing = (dir: string, files: string[]) => {
  const { site, problems } = loadSite(dir, coreConfig(resolveOptions()));
  assert.equal(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  return importFiles(dir, site!, files, {});
};
imports(
  'a folder, `/dev/zero` and a 50 MB copy are each a clear problem, and nothing is written',
  () => {
    const dir = copySite();
    mkdirSync(join(dir, 'copies.md'));
    writeFileSync(join(dir, 'huge.md'), '');
    truncateSync(join(dir, 'huge.md'), 50 * 2 ** 20);
    const before = read(join(dir, 'locales', 'fr-FR', 'teams-contact-center.yaml'));
    const files = ['copies.md', 'huge.md', seed, ...(existsSync('/dev/zero') ? ['/dev/zero'] : [])];
    const { imported, problems } = importing(dir, files);
    assert.equal(imported, []);
    const codes = problems.map((p) => `${p.file} ${p.code}`);
    assert.equal(codes.slice(0, 2), ['copies.md NOT_A_FILE', 'huge.md FILE_TOO_LARGE']);
    if (files.includes('/dev/zero')) assert.match(codes[2]!, /dev\/zero NOT_A_FILE$/);
    assert.is(read(join(dir, 'locales', 'fr-FR', 'teams-contact-center.yaml')), before);
    cleanup(dir);
  },
);
imports('an fr-FR copy goes into the existing `locales/fr-fr/`, never a second folder', () => {
  const dir = copySite();
  renameSync(join(dir, 'locales', 'fr-FR'), join(dir, 'locales', 'fr-fr'));
  rmSync(join(dir, 'locales', 'fr-fr', 'teams-contact-center.yaml'));
  const { problems, imported } = importing(dir, [seed]);
  assert.equal(problems, []);
  assert.is(imported[0]!.target, join('locales', 'fr-fr', 'teams-contact-center.yaml'));
  assert.equal(
    readdirSync(join(dir, 'locales')).filter((f) => f.toLowerCase() === 'fr-fr'),
    ['fr-fr'],
  );
  cleanup(dir);
});
imports.run();

const printing = suite('main: what the command prints');
function cli(args: string[], dir: string) {
  const lines: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = console.error = (s: unknown) => void lines.push(...String(s).split('\n'));
  try {
    return { code: main(args, dir), lines };
  } finally {
    [console.log, console.error] = [log, error];
  }
}
printing(
  'a key holding `\\n::error ...` cannot print a line GitHub Actions runs as a workflow command',
  () => {
    const dir = copySite(minimal);
    const file = join(dir, 'locales', 'en', 'guide.yaml');
    // A YAML escape puts a real line break and ESC into the key; INVALID_KEY quotes it.
    writeFileSync(file, read(file) + '"x\\n::error file=src/app.js,line=1::pwned\\e[2J": Text\n');
    const r = cli(['check'], dir);
    assert.is(r.code, 1);
    assert.ok(
      r.lines.some(
        (l) =>
          l.includes('INVALID_KEY') &&
          l.includes('`x\\n::error file=src/app.js,line=1::pwned\\u001b[2J`'),
      ),
      r.lines.join('\n'),
    );
    for (const line of r.lines) {
      assert.not.match(line, /^\s*::/);
      assert.not.match(line, '\x1b');
    }
    cleanup(dir);
  },
);
printing('a bad `LOCKSTEP_LOCALES` is one line and exit 2, not a stack trace', () => {
  const dir = copySite(minimal);
  process.env.LOCKSTEP_LOCALES = '..';
  try {
    const r = cli(['check'], dir);
    assert.is(r.code, 2);
    assert.equal(r.lines, [
      'lockstep: `LOCKSTEP_LOCALES` names `..`, which is not a BCP 47 language tag; write locales as `fr-FR` or `zh-TW`, separated by commas. It comes from the environment: fix or unset `LOCKSTEP_LOCALES` where it is set (your shell or CI settings).',
    ]);
  } finally {
    delete process.env.LOCKSTEP_LOCALES;
    cleanup(dir);
  }
});
printing.run();
