import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { problem, q, type Problem } from '../problems.js';
import { writeFileAtomic } from '../write.js';

/** The summary, from the output folder. */
const SUMMARY = join('translation-status', 'index.html');
const PENDING_ROW = /<tr data-locale="([^"]+)" data-lockstep-pending>[\s\S]*?<\/tr>/g;
// One line of heading: a match across lines ran from a filled section into a pending one.
const PENDING_GROUPS =
  /(<section id="status-([^"]+)">\n<h2>[^\n]*<\/h2>)\n<p data-lockstep-pending>[\s\S]*?<\/p>/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface MergeResult {
  /** The languages whose row was filled in. */
  merged: string[];
  problems: Problem[];
}

/**
 * A site built in shards: each shard's summary status page leaves the languages of the others
 * pending. Fill them in from each language's own status page (written by its shard, with the same
 * row and the same list of kinds of findings), so the summary reads as a single build's does.
 * Nothing is written when a language's page is missing or not of this version.
 */
export function mergeStatus(dir: string, cwd = process.cwd()): MergeResult {
  const file = join(dir, SUMMARY);
  const shown = (f: string) => relative(cwd, f) || f;
  // A site without the `status` output: nothing to fill in.
  if (!existsSync(file)) return { merged: [], problems: [] };
  const summary = readFileSync(file, 'utf8');
  const problems: Problem[] = [];
  const parts = new Map<string, { row: string; groups: string }>();
  const part = (tag: string) => {
    if (parts.has(tag)) return parts.get(tag);
    const page = join(dir, 'translation-status', tag.toLowerCase(), 'index.html');
    const html = existsSync(page) ? readFileSync(page, 'utf8') : undefined;
    const row = html?.match(new RegExp(`<tr data-locale="${escape(tag)}">[\\s\\S]*?</tr>`))?.[0];
    const groups = html?.match(
      /<\/table>\n(<p>Every string[^<]*<\/p>|<ul class="groups">[\s\S]*?<\/ul>)/,
    )?.[1];
    if (!row || !groups) {
      problems.push(
        problem(
          'STATUS_PART_MISSING',
          html
            ? `\`${shown(page)}\` is not the status page of ${q(tag)} this version of Lockstep writes; build every shard with the same version.`
            : `The status page of ${q(tag)} is missing (\`${shown(page)}\`): the shard that builds ${q(tag)} is not in the merged folder. Merge every shard's output, then run \`lockstep merge\` again.`,
          shown(html ? page : file),
        ),
      );
      parts.set(tag, undefined!);
      return undefined;
    }
    const found = { row, groups };
    parts.set(tag, found);
    return found;
  };
  const merged = new Set<string>();
  const text = summary
    .replace(PENDING_ROW, (all, tag: string) => {
      const p = part(tag);
      if (p) merged.add(tag);
      return p?.row ?? all;
    })
    .replace(PENDING_GROUPS, (all, head: string, tag: string) => {
      const p = part(tag);
      return p ? `${head}\n${p.groups}` : all;
    });
  if (problems.length) return { merged: [], problems };
  if (text !== summary) writeFileAtomic(file, text);
  return { merged: [...merged], problems };
}
