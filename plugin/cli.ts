import { parseArgs } from 'node:util';
import { describeImport, importFiles } from './core/import/run.js';
import { errorsOf, formatProblem, sortProblems, type Problem } from './core/problems.js';
import { loadSite } from './core/site.js';
import { resolveOptions } from './options.js';

const USAGE = `Usage: lockstep <command> [options]

Commands:
  check                     Validate the datasets and locale files, as a build would, without building.
  import <file.md>...       Import localized copies of an article into locales/<locale>/<article>.yaml.
      --locale <tag>        Language of the copies, when their front matter lacks ms.contentlocale.
      --article <id>        Article to align them to (default: the one whose anchors match).
      --force               Replace strings that were edited by hand since the last import.
      --dry-run             Report what would change; write nothing.

Site options (the plugin's defaults):
  --locales-dir <dir>       default: locales
  --articles-dir <dir>      default: src
  --source-locale <tag>     default: en
`;

export function main(argv: string[], root = process.cwd()): number {
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
        'locales-dir': { type: 'string' },
        'articles-dir': { type: 'string' },
        'source-locale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`lockstep: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const options = resolveOptions({
    localesDir: values['locales-dir'],
    articlesDir: values['articles-dir'],
    sourceLocale: values['source-locale'],
  });
  const { site, problems } = loadSite(root, options);
  if (command === 'check') {
    report(problems);
    if (errorsOf(problems).length) return 1;
    console.log(`lockstep: ${site!.articles.length} article(s) in ${site!.locales.length} language(s) are valid.`);
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
    const { imported, problems: found } = importFiles(root, site, rest, { locale: values.locale, article: values.article, force: values.force, dryRun: values['dry-run'] });
    if (found.length) {
      report(found);
      console.error('lockstep import: nothing was written.');
      return 1;
    }
    for (const i of imported) console.log(describeImport(i));
    return 0;
  }
  console.error(`lockstep: unknown command \`${command}\`.\n\n${USAGE}`);
  return 2;
}

function report(problems: Problem[]) {
  for (const p of sortProblems(problems)) console.error(formatProblem(p));
}

