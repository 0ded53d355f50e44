import { relative, resolve } from 'node:path';
import { audit, AuditInputError, describeAudit } from '../core/audit/audit.js';
import { driftHtml } from '../core/import/report-html.js';
import { describeDrift, importReport } from '../core/import/report.js';
import { describeImport, importFiles } from '../core/import/run.js';
import { count, errorsOf, LockstepError, printable } from '../core/problems.js';
import { assess, sourceFindings } from '../core/check/quality.js';
import { statusReport } from '../core/outputs/status.js';
import { mergeStatus } from '../core/outputs/status-merge.js';
import { writeLock } from '../core/load/lock.js';
import { saveHistory } from '../core/load/history.js';
import { previousSources } from '../core/check/previous.js';
import { writeFileAtomic } from '../core/write.js';
import { exportCommand, importExchangeCommand, isExchangeImport } from '../cli-exchange.js';
import { load, options, report, type Command } from './context.js';
import { newArticle } from './new-article.js';
import { schemaCommand } from './schema.js';

const check: Command = (ctx) => {
  const { site, problems } = load(ctx);
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
    `lockstep: ${count(site!.articles.length, 'article')} in ${count(site!.locales.length, 'language')} ${site!.articles.length === 1 ? 'is' : 'are'} valid.`,
  );
  return 0;
};

const status: Command = (ctx) => {
  const { site, problems, options: o } = load(ctx);
  if (!site) {
    report(problems);
    return 1;
  }
  const quality = assess(site, resolve(ctx.root, o.localesDir));
  const { text, code } = statusReport(site, quality, {
    json: !!ctx.values.json,
    strict: !!ctx.values.strict || o.strict,
    all: !!ctx.values.all,
    previous: previousSources(ctx.root, site, quality, { git: true }).previous,
  });
  console.log(text);
  return code;
};

const accept: Command = (ctx) => {
  const [tag, ...keys] = ctx.rest;
  const { site, problems, options: o } = load(ctx);
  if (!site) {
    report(problems);
    console.error('lockstep accept: fix the problems above first; nothing was written.');
    return 1;
  }
  const locale = site.locales.find((l) => l.tag.toLowerCase() === tag?.toLowerCase());
  if (!locale || locale === site.source) {
    report(problems);
    console.error(
      `lockstep accept: name a translated locale (${site.locales
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
    resolve(ctx.root, o.localesDir),
    (l, _ns, key) => l === locale.tag && matches(key),
  );
  const lock = quality.locks.find((l) => l.locale === locale.tag)!;
  try {
    writeLock(lock.file, lock.lock, relative(ctx.root, lock.file) || lock.file);
    saveHistory(
      resolve(ctx.root, o.localesDir),
      site,
      quality.locks.map((l) => l.lock),
    );
  } catch (e) {
    if (!(e instanceof LockstepError)) throw e;
    report(e.problems);
    console.error('lockstep accept: nothing was confirmed.');
    return 1;
  }
  const left = quality.findings.filter((f) => f.locale === locale.tag && f.code === 'STALE').length;
  console.log(
    `lockstep accept: ${locale.tag} translations confirmed${keys.length ? ` for ${printable(keys.join(', '))}` : ''}; ${count(left, 'outdated string')} left.`,
  );
  return 0;
};

const importCommand: Command = (ctx) => {
  const { values: v, rest, root } = ctx;
  const { site, problems, options: o } = load(ctx);
  if (!site) {
    report(problems);
    console.error('lockstep: fix the site first; nothing was imported.');
    return 1;
  }
  // Translators' XLIFF or PO files, rather than Markdown copies.
  if (isExchangeImport(rest, v.format as string | undefined))
    return importExchangeCommand(root, site, o.localesDir, rest, v, report);
  if (!rest.length) {
    console.error('lockstep import: name at least one file to import (see `lockstep --help`).');
    return 2;
  }
  const html = typeof v.html === 'string' ? v.html : undefined;
  const { imported, problems: found } = importFiles(root, site, rest, {
    locale: v.locale as string | undefined,
    article: v.article as string | undefined,
    force: !!v.force,
    dryRun: !!v['dry-run'],
  });
  if (v.json) console.log(JSON.stringify(importReport(imported, found, !!v['dry-run']), null, 2));
  if (found.length) {
    report(found);
    console.error(
      `lockstep import: nothing was written${html ? ', not even the drift report' : ''}.`,
    );
    return 1;
  }
  if (!v.json)
    for (const i of imported) console.log(`${describeImport(i)}\n${describeDrift(i.drift)}`);
  if (html) {
    try {
      writeFileAtomic(resolve(root, html), driftHtml(imported.map((i) => i.drift)));
    } catch (e) {
      console.error(
        printable(
          `lockstep import: could not write the drift report to \`${html}\` (${(e as Error).message}); check that its folder exists.`,
        ),
      );
      return 1;
    }
    (v.json ? console.error : console.log)(
      printable(`lockstep import: wrote the drift report to ${html}.`),
    );
  }
  return 0;
};

/**
 * `lockstep audit [dir]`: 0 when every language's tables agree, 1 on a difference, 2 when there is
 * nothing to audit. The folder defaults to the site's output folder.
 */
const auditCommand: Command = ({ rest, values, root, site }) => {
  const [dir = site.output ?? '_site', ...more] = rest;
  if (more.length) {
    console.error('lockstep audit: name one built site folder, such as `_site`.');
    return 2;
  }
  let result;
  try {
    result = audit(resolve(root, dir), { reference: values.reference as string, cwd: root });
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
};

/**
 * `lockstep merge [dir]`: the summary status page of a site built in shards, completed from each
 * language's own status page; 1 when a language's page is missing.
 */
const mergeCommand: Command = ({ rest, root, site }) => {
  const [dir = site.output ?? '_site', ...more] = rest;
  if (more.length) {
    console.error('lockstep merge: name one merged site folder, such as `_site`.');
    return 2;
  }
  const { merged, problems } = mergeStatus(resolve(root, dir), root);
  if (problems.length) {
    report(problems);
    console.error('lockstep merge: nothing was written.');
    return 1;
  }
  console.log(
    `lockstep merge: ${merged.length ? `filled in ${count(merged.length, 'language')} of the summary status page` : 'nothing to fill in (no status page, or none pending)'}.`,
  );
  return 0;
};

/** `lockstep export`: translators' files (see `cli-exchange.ts`). */
const exportStrings: Command = (ctx) => {
  const { site, problems, options: o } = load(ctx);
  if (!site) {
    report(problems);
    console.error('lockstep: fix the site first; nothing was exported.');
    return 1;
  }
  return exportCommand(ctx.root, site, o.localesDir, ctx.values);
};

const newCommand: Command = (ctx) => {
  const { written, error } = newArticle(ctx.root, options(ctx).options, ctx.rest[0]);
  if (error) {
    console.error(`lockstep new: ${printable(error)}`);
    return 2;
  }
  console.log(`lockstep new: wrote ${written.map((f) => printable(f)).join(', ')}.`);
  return 0;
};

/** Every command by name; adding one is a line here and its lines in the usage. */
export const COMMANDS: Record<string, Command> = {
  check,
  status,
  accept,
  import: importCommand,
  export: exportStrings,
  audit: auditCommand,
  merge: mergeCommand,
  new: newCommand,
  schema: schemaCommand,
};
