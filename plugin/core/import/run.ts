import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { LoadedDataset } from '../load/dataset.js';
import { canonicalTag, invalidTagProblem, parseNamespace } from '../load/locales.js';
import { formatLock, hash, LOCK_FILE, readLock, readLockText, type Lock } from '../load/lock.js';
import { historyWrite, locksAfter } from '../load/history.js';
import { LockstepError, printable, problem, q, type Problem } from '../problems.js';
import { errorCode, NOT_WRITABLE, reason } from '../write.js';
import { writeAll } from '../write-all.js';
import type { Site } from '../load/site.js';
import { alignSeed, type ImportResult } from './align.js';
import { driftOf, type Drift } from './drift.js';
import { parseSeed, type Seed } from './seed.js';
import { projectBounds } from '../load/bounds.js';
import { readInput } from '../load/read.js';
import { mergeStrings, toYaml, updateYaml, type Merge } from './write.js';

export interface ImportOptions {
  locale?: string;
  article?: string;
  force?: boolean;
  dryRun?: boolean;
}

export interface ImportedFile {
  file: string;
  locale: string;
  article: string;
  target: string;
  seed: Seed;
  result: ImportResult;
  merge: Merge;
  /**
   * How the copy differs from the article's dataset; computed whether or not anything is written.
   */
  drift: Drift;
  written: boolean;
}

/**
 * Import localized copies into the site's locale files. Every file is read and aligned first; if
 * any of them has a problem, nothing is written.
 */
export function importFiles(
  root: string,
  site: Site,
  files: string[],
  opts: ImportOptions,
): { imported: ImportedFile[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const planned: Omit<ImportedFile, 'written'>[] = [];
  const rel = (p: string) => relative(root, p) || p;
  for (const path of files) {
    const file = rel(resolve(root, path));
    // A folder, a device or a huge file is refused before a byte is read.
    const read = readInput(resolve(root, path), 'copy', { shown: file });
    if (read.problem) {
      problems.push(read.problem);
      continue;
    }
    const { seed, problems: found } = parseSeed(read.text, file);
    problems.push(...found);
    if (!seed) continue;
    const wanted = opts.locale ?? seed.locale;
    if (!wanted) {
      problems.push(
        problem(
          'NO_LOCALE',
          'The front matter has no `ms.contentlocale`; pass `--locale <tag>` to say which language this is.',
          file,
          { line: 1, col: 1 },
        ),
      );
      continue;
    }
    const locale = canonicalTag(wanted);
    if (!locale) {
      problems.push(invalidTagProblem(wanted, file));
      continue;
    }
    if (locale === site.source.tag) {
      problems.push(
        problem(
          'SOURCE_LOCALE',
          `This copy is in ${q(locale)}, the source language; import translations only. The source strings are written by hand.`,
          file,
        ),
      );
      continue;
    }
    const article = pickArticle(seed, site.articles, opts.article);
    if (!article) {
      const known = site.articles.map((a) => q(a.article)).join(', ');
      problems.push(
        problem(
          'OTHER_ARTICLE',
          opts.article
            ? `No article ${q(opts.article)} in this site; the articles are ${known}.`
            : `None of this file's section anchors belong to an article of this site (${known}); it is probably a copy of another article. Pass \`--article <id>\` to force one.`,
          file,
        ),
      );
      continue;
    }
    const source = site.source.namespaces.get(article.article)!.strings;
    const result = alignSeed(seed, article.data, source);
    // Into the locale's folder as named on disk (`fr-fr`), never a second folder for the same tag.
    const folder = site.locales.find((l) => l.tag === locale)?.folder ?? locale;
    const target = join(resolve(root, site.config.localesDir), folder, `${article.article}.yaml`);
    let existing;
    const current = readInput(target, 'locale', {
      shown: rel(target),
      bounds: projectBounds(root, [site.config.localesDir]),
    });
    if (current.problem && !current.missing) problems.push(current.problem);
    if (current.text !== undefined) {
      const parsed = parseNamespace(current.text, rel(target));
      problems.push(...parsed.problems);
      existing = parsed.ns;
    }
    if (planned.some((p) => p.target === target))
      problems.push(
        problem(
          'DUPLICATE_IMPORT',
          `Another file given also imports ${q(locale)} for ${q(article.article)}; import one copy per language.`,
          file,
        ),
      );
    const merge = mergeStrings(result.strings, existing, !!opts.force);
    const drift = driftOf({
      seed,
      data: article.data,
      result,
      locale,
      article: article.article,
      source,
    });
    planned.push({ file, locale, article: article.article, target, seed, result, merge, drift });
  }
  if (problems.length) return { imported: [], problems };
  // Everything to write, worked out before anything is written: the locale files, then each lock
  // once.
  const writes: { file: string; text: string }[] = [];
  const locks = new Map<string, Lock>();
  const changes = planned.map((p) => p.merge.added.length + p.merge.replaced.length > 0);
  planned.forEach((p, k) => {
    if (!changes[k]) return;
    writes.push({
      file: p.target,
      text: existsSync(p.target)
        ? updateYaml(readFileSync(p.target, 'utf8'), p.merge)
        : toYaml(p.merge.strings, header(p.seed, p.file)),
    });
    const lockFile = join(p.target, '..', LOCK_FILE);
    try {
      if (!locks.has(lockFile)) locks.set(lockFile, readLock(lockFile, rel(lockFile)));
    } catch (e) {
      if (!(e instanceof LockstepError)) throw e;
      problems.push(...e.problems);
      return;
    }
    recordProvenance(p, site, locks.get(lockFile)!);
  });
  for (const [file, lock] of locks) {
    const text = formatLock(lock);
    if (readLockText(file) !== text) writes.push({ file, text });
  }
  const localesRoot = resolve(root, site.config.localesDir);
  const history = historyWrite(localesRoot, site, locksAfter(localesRoot, site, locks));
  if (history) writes.push(history);
  if (!problems.length && !opts.dryRun) {
    try {
      writeAll(writes, root);
    } catch (e) {
      problems.push(
        notWritten(
          e,
          writes.map((w) => rel(w.file)),
        ),
      );
    }
  }
  if (problems.length) return { imported: [], problems };
  const imported = planned.map((p, k) => ({
    ...p,
    target: rel(p.target),
    written: changes[k]! && !opts.dryRun,
  }));
  return { imported, problems };
}

/**
 * The import could not be written: every file it had replaced was put back (or names those that
 * could not be).
 */
function notWritten(e: unknown, files: string[]): Problem {
  const failed = ((e as { restoreFailed?: string[] }).restoreFailed ?? []).map(q);
  const fix = NOT_WRITABLE.has(errorCode(e) ?? '')
    ? 'Make the locale folders and their files writable'
    : 'Fix the cause (such as a full disk)';
  const kept = failed.length
    ? `Could not put back ${failed.join(', ')}: restore ${failed.length === 1 ? 'it' : 'them'} from git.`
    : 'Nothing was changed: every file is as it was.';
  return problem(
    'IMPORT_NOT_WRITTEN',
    `Could not write the import (${reason(e)}). ${kept} ${fix}, then import again.`,
    files[0] ?? '.',
    { line: 1, col: 1 },
  );
}

/**
 * Note in the lock where each written string came from. A copy made from the article's current
 * source version is current; an older copy's strings stay stale until someone updates or confirms
 * them.
 */
function recordProvenance(p: Omit<ImportedFile, 'written'>, site: Site, lock: Lock) {
  const entries = (lock[p.article] ??= {});
  const dataset = site.articles.find((a) => a.article === p.article)!.data;
  const source = site.source.namespaces.get(p.article)!.strings;
  const current =
    !!p.seed.commit && !!dataset.source?.commit && p.seed.commit === dataset.source.commit;
  const imported = [
    p.seed.handoff ?? 'unknown-date',
    p.seed.commit?.slice(0, 8),
    p.seed.translation,
  ]
    .filter(Boolean)
    .join(' ');
  for (const key of [...p.merge.added, ...p.merge.replaced]) {
    const translation = hash(p.merge.strings.get(key)!);
    entries[key] = current
      ? { source: hash(source.get(key) ?? ''), translation }
      : { translation, imported };
  }
}

/** The article whose current or former anchors the copy shares most. */
function pickArticle(
  seed: Seed,
  articles: LoadedDataset[],
  wanted?: string,
): LoadedDataset | undefined {
  if (wanted) return articles.find((a) => a.article === wanted);
  const anchors = new Set(seed.sections.map((s) => s.anchor));
  let best: LoadedDataset | undefined;
  let bestScore = 0;
  for (const a of articles) {
    const score = a.data.sections.filter((s) =>
      [s.anchor ?? s.id, ...(s.formerly ?? [])].some((x) => anchors.has(x)),
    ).length;
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  // A copy with plain headings has no anchor to match: a site of one article can only mean that
  // one. Written anchors that match nothing are another article's.
  const plain = !seed.sections.some((s) => s.anchored);
  return best ?? (plain && articles.length === 1 ? articles[0] : undefined);
}

function header(seed: Seed, file: string): string[] {
  const from = [
    seed.handoff && `handed off ${seed.handoff}`,
    seed.commit && `source commit ${seed.commit.slice(0, 12)}`,
    seed.translation === 'MT'
      ? 'machine translation'
      : seed.translation && `translation type ${seed.translation}`,
  ].filter(Boolean);
  return [
    `Imported by \`lockstep import\` from ${basename(file)}${from.length ? ` (${from.join(', ')})` : ''}.`,
    'Edit freely: a later import keeps what you change here unless run with --force.',
  ];
}

/** A readable account of one import, for the terminal. */
export function describeImport(i: ImportedFile): string {
  const r = i.result;
  const lines = [
    `${i.file} -> ${i.target} (${i.locale}, article ${i.article})${i.written ? '' : ' [nothing to write]'}`,
    `  strings: ${r.strings.size} imported, ${i.merge.added.length} new, ${i.merge.replaced.length} replaced, ${i.merge.kept.length} kept as edited by hand`,
  ];
  if (r.missingSections.length)
    lines.push(
      `  sections the copy lacks (left to the source language): ${r.missingSections.join(', ')}`,
    );
  for (const s of r.extraSections)
    lines.push(`  skipped section #${s.anchor} (line ${s.line}): the article no longer has it`);
  for (const b of r.droppedBlocks)
    lines.push(
      `  skipped text at line ${b.line} in #${b.anchor}: matches nothing in the article: "${short(b.text)}"`,
    );
  for (const l of r.unknownLinks)
    lines.push(
      `  kept unknown link target ${l.url} in ${l.key}; add it to the dataset's links if it belongs there`,
    );
  if (r.missingKeys.length)
    lines.push(
      `  still missing: ${r.missingKeys.length} keys (${r.missingKeys.slice(0, 5).join(', ')}${r.missingKeys.length > 5 ? ', ...' : ''})`,
    );
  for (const k of i.merge.kept)
    lines.push(`  kept your edit of ${k} (use --force to replace it with the import)`);
  // Text from the copy is quoted: each line stays one line on the terminal.
  return lines.map(printable).join('\n');
}

function short(text: string): string {
  return text.length > 70 ? text.slice(0, 67) + '...' : text;
}
