import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { audit, AuditInputError, describeAudit } from './core/audit/audit.js';
import { driftHtml } from './core/import/report-html.js';
import { describeDrift, importReport } from './core/import/report.js';
import { describeImport, importFiles } from './core/import/run.js';
import {
  errorsOf,
  formatProblem,
  LockstepError,
  printable,
  sortProblems,
  type Problem,
} from './core/problems.js';
import { loadSite } from './core/load/site.js';
import { defaults, OptionsError, resolveConfig } from './options.js';
import { assess, sourceFindings } from './core/check/quality.js';
import { statusReport } from './core/outputs/status.js';
import { writeLock } from './core/load/lock.js';
import { writeFileAtomic } from './core/write.js';

const DEFAULTS = defaults();

const USAGE = `Usage: lockstep <command> [options]

Commands:
  check                     Validate the datasets and locale files, as a build would, without building.
  import <file.md>...       Import localized copies of an article into locales/<locale>/<article>.yaml.
      --locale <tag>        Language of the copies, when their front matter lacks ms.contentlocale.
      --article <id>        Article to align them to (default: the one whose anchors match).
      --force               Replace strings that were edited by hand since the last import.
      --dry-run             Report what would change; write nothing.
      --json                Print the whole report (imports and drift) as JSON instead.
      --html <file>         Also write the drift report as an HTML page (even with --dry-run).
  status                    Per language: keys, translated, missing, outdated, failed checks, percent complete;
                            then its findings, one line per kind with the first few places.
      --all                 List every finding on its own line instead.
      --json                The report and every finding as JSON.
      --strict              Exit 1 when anything is missing, outdated or fails a check.
  accept <locale> [key...]  Confirm that outdated translations still match the current source (all of the
                            locale's, or the keys named); records it in locales/<locale>/translations.lock.
  audit <dir>               Check that every data-lockstep table of a built site (such as _site) is the same in every language.
      --reference <tag>     Locale to compare the others with (default: en, else the first alphabetically).

Site options (the plugin's defaults):
  --locales-dir <dir>       default: ${DEFAULTS.localesDir}
  --articles-dir <dir>      default: ${DEFAULTS.articlesDir}
  --source-locale <tag>     default: ${DEFAULTS.sourceLocale}
`;

export function main(argv: string[], root = process.cwd()): number {
  try {
    return run(argv, root);
  } catch (e) {
    // The user's input, not our bug: one clear message and no stack trace.
    if (e instanceof OptionsError) {
      console.error(`lockstep: ${e.message}`);
      return 2;
    }
    if (e instanceof LockstepError) {
      report(e.problems);
      console.error(`lockstep: ${printable(e.message)}`);
      return 1;
    }
    throw e;
  }
}

function run(argv: string[], root: string): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locale: { type: 'string' },
        article: { type: 'string' },
        force: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        html: { type: 'string' },
        reference: { type: 'string' },
        strict: { type: 'boolean' },
        all: { type: 'boolean' },
        'locales-dir': { type: 'string' },
        'articles-dir': { type: 'string' },
        'source-locale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`lockstep: ${printable((e as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'audit') return auditCommand(rest, values.reference, root);
  const { options, config } = resolveConfig({
    localesDir: values['locales-dir'],
    articlesDir: values['articles-dir'],
    sourceLocale: values['source-locale'],
  });
  const { site, problems } = loadSite(root, config);
  if (command === 'check') {
    // What fails the build in the source's own strings fails the check too.
    if (site)
      problems.push(
        ...sourceFindings(site.source).map((f) => ({
          ...f,
          message: `${f.locale} \`${f.key}\`: ${f.message}`,
        })),
      );
    report(problems);
    if (errorsOf(problems).length) return 1;
    console.log(
      `lockstep: ${site!.articles.length} article(s) in ${site!.locales.length} language(s) are valid.`,
    );
    return 0;
  }
  if (command === 'status') {
    if (!site) {
      report(problems);
      return 1;
    }
    const { text, code } = statusReport(site, assess(site, resolve(root, options.localesDir)), {
      json: values.json,
      strict: values.strict || options.strict,
      all: values.all,
    });
    console.log(text);
    return code;
  }
  if (command === 'accept') {
    const [tag, ...keys] = rest;
    if (!site) {
      report(problems);
      console.error('lockstep accept: fix the problems above first; nothing was written.');
      return 1;
    }
    const locale = site.locales.find((l) => l.tag.toLowerCase() === tag?.toLowerCase());
    if (!locale || locale === site.source) {
      report(problems);
      console.error(
        `lockstep accept: name a translated locale (${site?.locales
          .filter((l) => l !== site.source)
          .map((l) => l.tag)
          .join(', ')}), then optionally keys.`,
      );
      return 2;
    }
    const matches = (key: string) =>
      !keys.length || keys.some((k) => key === k || key.startsWith(k + '.'));
    const quality = assess(
      site,
      resolve(root, options.localesDir),
      (l, _ns, key) => l === locale.tag && matches(key),
    );
    const lock = quality.locks.find((l) => l.locale === locale.tag)!;
    try {
      writeLock(lock.file, lock.lock, relative(root, lock.file) || lock.file);
    } catch (e) {
      if (!(e instanceof LockstepError)) throw e;
      report(e.problems);
      console.error('lockstep accept: nothing was confirmed.');
      return 1;
    }
    const left = quality.findings.filter(
      (f) => f.locale === locale.tag && f.code === 'STALE',
    ).length;
    console.log(
      `lockstep accept: ${locale.tag} translations confirmed${keys.length ? ` for ${printable(keys.join(', '))}` : ''}; ${left} outdated string(s) left.`,
    );
    return 0;
  }
  if (command === 'import') {
    if (!site) {
      report(problems);
      console.error('lockstep: fix the site first; nothing was imported.');
      return 1;
    }
    if (!rest.length) {
      console.error(`lockstep import: name at least one file to import.\n\n${USAGE}`);
      return 2;
    }
    const { imported, problems: found } = importFiles(root, site, rest, {
      locale: values.locale,
      article: values.article,
      force: values.force,
      dryRun: values['dry-run'],
    });
    if (values.json)
      console.log(JSON.stringify(importReport(imported, found, !!values['dry-run']), null, 2));
    if (found.length) {
      report(found);
      console.error(
        `lockstep import: nothing was written${values.html ? ', not even the drift report' : ''}.`,
      );
      return 1;
    }
    if (!values.json)
      for (const i of imported) console.log(`${describeImport(i)}\n${describeDrift(i.drift)}`);
    if (values.html) {
      try {
        writeFileAtomic(resolve(root, values.html), driftHtml(imported.map((i) => i.drift)));
      } catch (e) {
        console.error(
          printable(
            `lockstep import: could not write the drift report to \`${values.html}\` (${(e as Error).message}); check that its folder exists.`,
          ),
        );
        return 1;
      }
      (values.json ? console.error : console.log)(
        printable(`lockstep import: wrote the drift report to ${values.html}.`),
      );
    }
    return 0;
  }
  console.error(`lockstep: unknown command \`${printable(command)}\`.\n\n${USAGE}`);
  return 2;
}

function report(problems: Problem[]) {
  for (const p of sortProblems(problems)) console.error(formatProblem(p));
}

/**
 * `lockstep audit <dir>`: 0 when every language's tables agree, 1 on a difference, 2 when there is
 * nothing to audit.
 */
function auditCommand(args: string[], reference: string | undefined, root: string): number {
  const [dir, ...more] = args;
  if (!dir || more.length) {
    console.error(`lockstep audit: name one built site folder, such as \`_site\`.\n\n${USAGE}`);
    return 2;
  }
  let result;
  try {
    result = audit(resolve(root, dir), { reference, cwd: root });
  } catch (e) {
    if (!(e instanceof AuditInputError)) throw e;
    console.error(`lockstep audit: ${printable(e.message)}`);
    return 2;
  }
  if (!result.pages) {
    console.error(
      `lockstep audit: \`${printable(dir)}\` holds no page at \`<locale>/<article>/index.html\`; build the site first (\`npx eleventy\`) and name its output folder.`,
    );
    return 2;
  }
  report(result.problems);
  const summary = `lockstep audit: ${describeAudit(result)}.`;
  if (result.problems.length) console.error(summary);
  else console.log(summary);
  return result.problems.length ? 1 : 0;
}
