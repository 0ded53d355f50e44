import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LockstepError, printable } from './core/problems.js';
import { defaults, OptionsError } from './options.js';
import { COMMANDS } from './cli/commands.js';
import { report } from './cli/context.js';
import { readSiteConfig, type SiteConfig } from './cli/site-config.js';

const DEFAULTS = defaults();

const USAGE = `Usage: lockstep <command> [options]

Commands:
  new <article>             Write a dataset and its source-locale strings for a new article (never replaces a file).
  check                     Validate the datasets and locale files, as a build would, without building.
  import <file.md>...       Import localized copies of an article into locales/<locale>/<article>.yaml.
      --locale <tag>        Language of the copies, when their front matter lacks ms.contentlocale.
      --article <id>        Article to align them to (default: the one whose anchors match).
      --force               Replace strings that were edited by hand since the last import.
      --dry-run             Report what would change; write nothing.
      --json                Print the whole report (imports and drift) as JSON instead.
      --html <file>         Also write the drift report as an HTML page (even with --dry-run).
  export --format <f>       Write what needs translating as XLIFF or PO (f: xliff2, xliff12, po), one file per
                            locale and article, into translations/<locale>/.
      --locale <tag>        Only this locale (or a comma-separated list).
      --out <dir>           Folder to write into (default: translations).
      --all                 Every string, not only the missing and outdated ones.
  import <file.xlf|.po>...  Take translators' XLIFF or PO files back (checked as a build would; with
                            \`--force\`, also strings whose source or locale text changed since the export).
  status                    Per language: keys, translated, missing, outdated, failed checks, percent complete;
                            then its findings, one line per kind with the first few places.
      --all                 List every finding on its own line instead.
      --json                The report and every finding as JSON.
      --strict              Exit 1 when anything is missing, outdated or fails a check.
  accept <locale> [key...]  Confirm that outdated translations still match the current source (all of the
                            locale's, or the keys named); records it in locales/<locale>/translations.lock.
  schema <article>          Write <article>/dataset.schema.json: the dataset schema with the fields of the
                            article's collections, for editors (yaml-language-server) to check and complete items.
  audit [dir]               Check that every data-lockstep table of a built site is the same in every language
                            (default: the site's output folder).
      --reference <tag>     Locale to compare the others with (default: en, else the first alphabetically).
  merge [dir]               After merging the outputs of a build in shards: fill in the summary status page
                            from each language's own status page (default: the site's output folder).

Site options: the plugin's options from the site's Eleventy config, then these flags over them
(the plugin's defaults shown):
  --config <file>           Eleventy config file (default: the one \`npx eleventy\` finds).
  --locales-dir <dir>       default: ${DEFAULTS.localesDir}
  --articles-dir <dir>      default: ${DEFAULTS.articlesDir}
  --source-locale <tag>     default: ${DEFAULTS.sourceLocale}
  --dataset-file <name>     default: ${DEFAULTS.datasetFile}
  --common-namespace <ns>   default: ${DEFAULTS.commonNamespace}
  --locales <tag,tag>       default: every folder of the locales folder
  --version                 Print Lockstep's version.
`;

const FLAGS = {
  locale: { type: 'string' },
  article: { type: 'string' },
  force: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  html: { type: 'string' },
  reference: { type: 'string' },
  strict: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  all: { type: 'boolean' },
  config: { type: 'string' },
  'locales-dir': { type: 'string' },
  'articles-dir': { type: 'string' },
  'source-locale': { type: 'string' },
  'dataset-file': { type: 'string' },
  'common-namespace': { type: 'string' },
  locales: { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** This package's version, from its `package.json`. */
export function version(): string {
  const meta = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String((meta as { version?: unknown }).version);
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: FLAGS });
  } catch (e) {
    console.error(`lockstep: ${printable((e as Error).message)}\n\n${USAGE}`);
    return undefined;
  }
}

/**
 * The `lockstep` command as `bin/lockstep.js` runs it: reads the site's Eleventy config (its
 * plugin options and folders) first, so every command uses what the build uses.
 */
export async function cli(argv: string[], root = process.cwd()): Promise<number> {
  const parsed = parse(argv);
  if (!parsed) return 2;
  const [command] = parsed.positionals;
  let site: SiteConfig = {};
  if (
    command &&
    Object.hasOwn(COMMANDS, command) &&
    !parsed.values.help &&
    !parsed.values.version
  ) {
    try {
      site = await readSiteConfig(root, parsed.values.config).catch((e: unknown) => {
        // Eleventy insists that its input folder exists; `new` is about to write into it.
        const input = /The "([^"]+)" `input` parameter/.exec(causes(e))?.[1];
        if (command !== 'new' || !input || existsSync(resolve(root, input))) throw e;
        mkdirSync(resolve(root, input), { recursive: true });
        return readSiteConfig(root, parsed.values.config);
      });
    } catch (e) {
      // A bad plugin option is the user's to fix in the config: say that, not "could not be run".
      const bad = optionsError(e);
      console.error(
        printable(
          bad
            ? `lockstep: ${withoutPrefix(bad.message)} ${whereFrom(bad.message)}`
            : `lockstep: the Eleventy config could not be run: ${causes(e)}. Fix it (\`npx eleventy\` shows the same error), or pass every option as a flag with \`--config\` naming an empty file.`,
        ),
      );
      return bad ? 2 : 1;
    }
    if (site.note) console.error(`lockstep: ${printable(site.note)}`);
  }
  return main(argv, root, site);
}

/** The command line without reading a config: the flags, over `site` when given. */
export function main(argv: string[], root = process.cwd(), site: SiteConfig = {}): number {
  try {
    return run(argv, root, site);
  } catch (e) {
    // The user's input, not our bug: one clear message and no stack trace.
    if (e instanceof OptionsError) {
      const env = /`LOCKSTEP_[A-Z_]+`/.test(e.message) ? ` ${whereFrom(e.message)}` : '';
      console.error(`lockstep: ${withoutPrefix(e.message)}${env}`);
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

function run(argv: string[], root: string, site: SiteConfig): number {
  const parsed = parse(argv);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    console.log(version());
    return 0;
  }
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    console.error(`lockstep: unknown command \`${printable(command)}\`.\n\n${USAGE}`);
    return 2;
  }
  return handler({ values, rest, root, site });
}

/** An error's message and those of its causes (Eleventy wraps the config's own error). */
function causes(e: unknown): string {
  const seen: string[] = [];
  for (
    let x = e as { message?: string; originalError?: unknown; cause?: unknown } | undefined;
    x;
  ) {
    if (x.message) seen.push(x.message.replace(/\.+$/, ''));
    x = (x.originalError ?? x.cause) as typeof x;
    if (seen.length > 4) break;
  }
  return seen.join(': ');
}

/** Where to fix a bad option: the config, or the environment variable the message names. */
function whereFrom(message: string): string {
  const variable = /`(LOCKSTEP_[A-Z_]+)`/.exec(message)?.[1];
  if (variable && !/option `/.test(message))
    return `It comes from the environment: fix or unset \`${variable}\` where it is set (your shell or CI settings).`;
  return 'It is in the options your Eleventy config gives the plugin; fix it there (`npx eleventy` reports the same).';
}

/** The plugin says `Lockstep:` first, for Eleventy's log; the command says `lockstep:`. */
function withoutPrefix(message: string): string {
  return message.replace(/^Lockstep: /, '');
}

/**
 * The `OptionsError` Eleventy wrapped (as `originalError` or `cause`), if that is what failed; by
 * name, as the config may load another copy of the plugin than this command's.
 */
function optionsError(e: unknown): Error | undefined {
  type Wrapped = { name?: unknown; originalError?: unknown; cause?: unknown } | undefined;
  for (let x = e as Wrapped, n = 0; x && n < 6; n++) {
    if (x.name === 'OptionsError') return x as Error;
    x = (x.originalError ?? x.cause) as Wrapped;
  }
  return undefined;
}
