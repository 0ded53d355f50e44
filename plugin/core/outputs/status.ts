import { printable } from '../problems.js';
import {
  findingsByLocale,
  type Finding,
  type LocaleStatus,
  type Quality,
} from '../check/quality.js';
import type { Site } from '../load/site.js';
import { previousSources, type PreviousSource } from '../check/previous.js';
import { nativeName, type Head } from '../render/view.js';

/**
 * What `/translation-status/` shows: a bar per language, then its problems with the source beside.
 */
export interface StatusView {
  head: Head;
  locales: (LocaleStatus & {
    name: string;
    /** The counts and the percentage written the way the source language writes numbers. */
    text: Record<
      'total' | 'translated' | 'missing' | 'stale' | 'failed' | 'complete' | 'outdated',
      string
    >;
    dir: 'ltr' | 'rtl';
    /** What to fix first: missing strings and failed checks. */
    findings: (Finding & { where: string })[];
    /**
     * Outdated strings, listed apart: often many, each needing a review rather than a fix; with
     * the source they were translated from when the source history has it.
     */
    outdated: (Finding & { where: string; previous?: string })[];
    byCode: { code: string; count: number; text: string }[];
  })[];
}

export function statusView(site: Site, quality: Quality): StatusView {
  const number = new Intl.NumberFormat(site.source.tag);
  const percent = new Intl.NumberFormat(site.source.tag, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const byLocale = findingsByLocale(quality);
  // The history only: a build does not search git (see `previousSources`).
  const { previous } = previousSources('', site, quality);
  return {
    // A page for the people who translate, not for readers arriving from a search engine.
    head: {
      lang: site.source.tag,
      dir: site.source.dir,
      title: 'Translation status',
      description: 'How complete and current each language is, and what to fix.',
      alternates: [],
      noindex: true,
    },
    locales: quality.status.map((s) => {
      const locale = site.locales.find((l) => l.tag === s.locale)!;
      const findings = (byLocale.get(s.locale) ?? []).map((f) => ({
        ...f,
        where: f.line ? `${f.file}:${f.line}:${f.col}` : f.file,
      }));
      const counts = new Map<string, number>();
      for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
      const outdated = findings
        .filter((f) => f.code === 'STALE')
        .map((f) => ({ ...f, previous: previous(f.locale, f.ns, f.key) }));
      return {
        ...s,
        name: nativeName(site, s.locale),
        dir: locale.dir,
        text: {
          total: number.format(s.total),
          translated: number.format(s.translated),
          missing: number.format(s.missing),
          stale: number.format(s.stale),
          failed: number.format(s.failed),
          complete: percent.format(s.complete / 100),
          outdated: number.format(outdated.length),
        },
        findings: findings.filter((f) => f.code !== 'STALE'),
        outdated,
        byCode: [...counts].map(([code, count]) => ({ code, count, text: number.format(count) })),
      };
    }),
  };
}

/** The terminal table of `lockstep status`. */
export function statusTable(status: LocaleStatus[]): string {
  const head = ['locale', 'keys', 'translated', 'missing', 'stale', 'failed checks', 'complete'];
  const rows = status.map((s) =>
    [s.locale, s.total, s.translated, s.missing, s.stale, s.failed, `${s.complete}%`].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * `lockstep status`: the report for a terminal or, with `json`, for machines; `strict` fails on any
 * finding.
 */
export function statusReport(
  site: Site,
  quality: Quality,
  opts: { json?: boolean; strict?: boolean; previous?: PreviousSource },
): { text: string; code: number } {
  const code = opts.strict && quality.findings.length ? 1 : 0;
  const was = (f: Finding) =>
    f.code === 'STALE' ? opts.previous?.(f.locale, f.ns, f.key) : undefined;
  if (opts.json) {
    const findings = quality.findings.map(({ severity: _, ...f }) => {
      const previous = was(f as Finding);
      return previous === undefined ? f : { ...f, previous };
    });
    return {
      text: JSON.stringify(
        { sourceLocale: site.source.tag, locales: quality.status, findings },
        null,
        2,
      ),
      code,
    };
  }
  const lines = [statusTable(quality.status), ''];
  const byLocale = findingsByLocale(quality);
  for (const s of quality.status) {
    const mine = byLocale.get(s.locale) ?? [];
    if (!mine.length) continue;
    lines.push(`${s.locale}:`);
    for (const f of mine) {
      lines.push(
        printable(
          `  ${f.line ? `${f.file}:${f.line}:${f.col}` : f.file}  ${f.key}  ${f.message}  [${f.code}]`,
        ),
      );
      // One line, quoted: the old text's line breaks must not look like more findings.
      const previous = was(f);
      if (previous !== undefined) lines.push(printable(`      was: ${JSON.stringify(previous)}`));
    }
  }
  if (opts.strict && code)
    lines.push(
      '',
      `lockstep status: ${quality.findings.length} finding(s); failing because of --strict.`,
    );
  return { text: lines.join('\n'), code };
}
