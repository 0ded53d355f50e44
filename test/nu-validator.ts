import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The Nu Html Checker (the W3C validator) shipped by the `vnu-jar` package, run with the machine's
 * Java.
 */
export const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

export interface NuMessage {
  file: string;
  line?: number;
  col?: number;
  message: string;
  extract?: string;
}

/** `java -version` works, or a sentence saying how to get Java; vnu.jar needs Java 11 or later. */
export function javaMissing(): string | undefined {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    return 'Java is not installed, so the Nu Html Checker cannot run. Install Java 11 or later: `apt-get install default-jre-headless`.';
  return undefined;
}

/**
 * Validate every file in one JVM (starting Java is most of the cost) and return the errors.
 * Warnings are not returned; a file vnu cannot read is an error.
 */
export function validateHtml(files: string[]): NuMessage[] {
  if (files.length === 0) throw new Error('Internal error: no HTML files to validate.');
  const r = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--errors-only', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  // vnu writes its JSON report to stderr and exits 1 when it found errors.
  let report: {
    messages: {
      type: string;
      url?: string;
      firstLine?: number;
      lastLine?: number;
      firstColumn?: number;
      lastColumn?: number;
      message: string;
      extract?: string;
    }[];
  };
  try {
    report = JSON.parse(r.stderr);
  } catch {
    throw new Error(
      `vnu.jar did not print a JSON report (exit ${r.status}):\n${r.stderr}${r.stdout}`,
    );
  }
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => ({
      file: m.url ? fileURLToPath(m.url) : '(no file)',
      line: m.firstLine ?? m.lastLine,
      col: m.firstColumn ?? m.lastColumn,
      message: m.message,
      extract: m.extract,
    }));
}

/**
 * `file:line:col  message`, then the offending source on the next line, as an editor's problem list
 * would show it.
 */
export const describeNu = (m: NuMessage) =>
  `${m.file}:${m.line ?? 0}:${m.col ?? 0}  ${m.message}${m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim()}` : ''}`;
