import { eastAsianWidth } from 'get-east-asian-width';
import { printable, type Problem } from '../problems.js';
import { DRIFT_KINDS, type Drift, type DriftKind } from './drift.js';
import type { ImportedFile } from './run.js';

/** The drift of one copy as a table for the terminal: one line per finding, columns aligned. */
export function describeDrift(d: Drift): string {
  const head = printable(
    `  drift from the dataset: ${d.partners.copy} of ${d.partners.dataset} partners listed; ${summary(d)}`,
  );
  if (!d.findings.length) return head;
  const rows = [
    ['line', 'kind', 'id', 'dataset', 'copy'],
    ...d.findings.map((f) => [
      f.line ? String(f.line) : '-',
      f.kind,
      f.id,
      f.expected ?? '-',
      f.found ?? '-',
    ]),
  ];
  // Cells quote the copy: escaped first, so no cell can break or recolour the table.
  const cut = rows.map((r) =>
    r.map((c, i) => clip(printable(c.replace(/\s+/g, ' ')), i < 2 ? 24 : 44)),
  );
  const widths = cut[0]!.map((_, i) => Math.max(...cut.map((r) => width(r[i]!))));
  return [
    head,
    ...cut.map(
      (r) =>
        '    ' +
        r
          .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
          .join('  '),
    ),
  ].join('\n');
}

/** `6 partner-missing, 2 partner-renamed`, or that nothing differs. */
export function summary(d: Drift): string {
  const parts = (Object.keys(DRIFT_KINDS) as DriftKind[])
    .filter((k) => d.counts[k])
    .map((k) => `${d.counts[k]} ${k}`);
  return parts.length ? parts.join(', ') : 'no differences';
}

/** The whole report of `lockstep import --json`: what was imported, and how every copy drifted. */
export function importReport(imported: ImportedFile[], problems: Problem[], dryRun: boolean) {
  return {
    dryRun,
    problems,
    imports: imported.map((i) => ({
      file: i.file,
      locale: i.locale,
      article: i.article,
      target: i.target,
      written: i.written,
      strings: {
        imported: i.result.strings.size,
        added: i.merge.added,
        replaced: i.merge.replaced,
        kept: i.merge.kept,
      },
      missingSections: i.result.missingSections,
      extraSections: i.result.extraSections,
      droppedBlocks: i.result.droppedBlocks,
      unknownLinks: i.result.unknownLinks,
      missingKeys: i.result.missingKeys,
      drift: i.drift,
    })),
  };
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ');
  if (width(t) <= max) return t;
  let out = '';
  for (const ch of t) {
    if (width(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

/**
 * Columns a string takes in a terminal: wide and fullwidth characters (Unicode's East Asian Width)
 * take two.
 */
export function width(text: string): number {
  let n = 0;
  for (const ch of text) n += eastAsianWidth(ch.codePointAt(0)!);
  return n;
}
