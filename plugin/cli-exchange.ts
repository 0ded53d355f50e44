import { join, relative, resolve } from 'node:path';
import { assess } from './core/check/quality.js';
import { exportFiles, FORMATS, type Format } from './core/exchange/export.js';
import { importExchange } from './core/exchange/import-back.js';
import { readInput } from './core/load/read.js';
import type { Site } from './core/load/site.js';
import { count, LockstepError, printable, type Problem } from './core/problems.js';
import { previousSources } from './core/check/previous.js';
import { saveHistory } from './core/load/history.js';
import { writeAll } from './core/write-all.js';

/** Whether `lockstep import` was given translators' files rather than Markdown copies. */
export const isExchangeImport = (files: string[], format?: string) =>
  !!format || files.some((f) => /\.(xlf|xliff|po)$/i.test(f));

const badFormat = (format: string | undefined) =>
  format !== undefined && !FORMATS.includes(format as Format);

/** `lockstep export`: one file per locale and namespace, into `out` (default `translations/`). */
export function exportCommand(
  root: string,
  site: Site,
  localesDir: string,
  values: { format?: string; locale?: string; out?: string; all?: boolean },
): number {
  if (!values.format || badFormat(values.format)) {
    console.error(
      `lockstep export: give \`--format\` ${FORMATS.map((f) => `\`${f}\``).join(', ')}${values.format ? ` (found ${printable(JSON.stringify(values.format))})` : ''}.`,
    );
    return 2;
  }
  const locales = values.locale?.split(',').map((t) => t.trim());
  const unknown = locales?.filter(
    (t) => !site.locales.some((l) => l.tag === t && l !== site.source),
  );
  if (unknown?.length) {
    console.error(
      printable(
        `lockstep export: ${unknown.map((t) => `\`${t}\``).join(', ')} is not a translated locale of this site (${site.locales
          .filter((l) => l !== site.source)
          .map((l) => l.tag)
          .join(', ')}).`,
      ),
    );
    return 2;
  }
  const quality = assess(site, resolve(root, localesDir));
  const { previous, found } = previousSources(root, site, quality, { git: true, locales });
  const files = exportFiles(site, quality, {
    format: values.format as Format,
    locales,
    all: values.all,
    previous,
  });
  const out = resolve(root, values.out ?? 'translations');
  writeAll(
    files.map((f) => ({ file: join(out, f.name), text: f.text })),
    root,
  );
  // Texts git gave are kept, so the next export need not look again.
  if (found.size && site.config.writeLock) {
    try {
      saveHistory(
        resolve(root, localesDir),
        site,
        quality.locks.map((l) => l.lock),
        found,
      );
    } catch (e) {
      if (!(e instanceof LockstepError)) throw e;
      console.error(printable(`lockstep export: ${e.problems[0]!.message}`));
    }
  }
  for (const f of files)
    console.log(
      printable(
        `lockstep export: ${relative(root, join(out, f.name))} (${count(f.units, 'string')})`,
      ),
    );
  if (!files.length)
    console.log('lockstep export: nothing to translate (use `--all` for every string).');
  return 0;
}

/** `lockstep import <file.xlf|.po>...`: every file checked first; nothing written on a problem. */
export function importExchangeCommand(
  root: string,
  site: Site,
  localesDir: string,
  files: string[],
  values: { format?: string; force?: boolean; 'dry-run'?: boolean },
  report: (problems: Problem[]) => void,
): number {
  if (badFormat(values.format)) {
    console.error(
      `lockstep import: \`--format\` takes ${FORMATS.map((f) => `\`${f}\``).join(', ')}.`,
    );
    return 2;
  }
  // Read as every input is (a regular file, a size limit, strict UTF-8); all problems at once.
  const inputs = [];
  const unread: Problem[] = [];
  for (const f of files) {
    const read = readInput(resolve(root, f), 'exchange', { shown: f });
    if (read.problem) unread.push(read.problem);
    else inputs.push({ shown: f, text: read.text, format: values.format as Format | undefined });
  }
  if (unread.length) {
    report(unread);
    console.error('lockstep import: nothing was written.');
    return 1;
  }
  const applied = importExchange(site, resolve(root, localesDir), inputs, values.force);
  if (applied.problems.length) {
    report(applied.problems);
    console.error('lockstep import: nothing was written.');
    return 1;
  }
  for (const f of applied.forced)
    console.log(
      printable(`lockstep import: replaced ${f}, which was edited since the export (--force).`),
    );
  if (!values['dry-run']) writeAll(applied.writes, root);
  for (const c of applied.changed)
    console.log(
      printable(
        `lockstep import: ${c.locale}: ${count(c.keys.length, 'string')} ${values['dry-run'] ? 'would be ' : ''}written.`,
      ),
    );
  return 0;
}
