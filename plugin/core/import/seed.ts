import { Parser } from 'htmlparser2';
import { parse as parseYamlValue } from 'yaml';
import { problem, type Problem } from '../problems.js';
import { createMarkdown } from '../render/markdown.js';
import { decodeInput } from '../load/read.js';

/** A block of a localized article, with the Markdown source of its text. */
export type SeedBlock =
  | { kind: 'p' | 'li'; text: string; line: number }
  | { kind: 'image'; line: number }
  | { kind: 'table'; header: string[]; rows: string[][]; line: number; cellLines?: number[][] };

export interface SeedSection {
  anchor: string;
  /** The anchor was written (`<a name>`, `{#id}`), not made from the heading's words. */
  anchored?: boolean;
  level: number;
  heading: string;
  line: number;
  blocks: SeedBlock[];
}

/**
 * A localized Markdown article as docs sites publish them: front matter, anchored headings, tables,
 * lists.
 */
export interface Seed {
  file: string;
  front: Record<string, unknown>;
  locale?: string;
  handoff?: string;
  commit?: string;
  translation?: string;
  sections: SeedSection[];
}

// Raw HTML on: the seeds hold anchors and HTML tables that we read, never render.
const md = createMarkdown({ html: true });

/**
 * Parse a localized article. Problems (no front matter, truncated, not text) are returned, not
 * thrown.
 */
export function parseSeed(
  input: Uint8Array | string,
  file: string,
): { seed?: Seed; problems: Problem[] } {
  // Bytes are decoded as `readInput` does (strict UTF-8, no control characters); text was decoded
  // by it.
  const decoded = typeof input === 'string' ? input : decodeInput(input, 'copy', file);
  if (typeof decoded !== 'string') return { problems: [decoded] };
  const text = decoded.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim())
    return {
      problems: [
        problem(
          'EMPTY_FILE',
          'The file is empty; expected a localized Markdown article with front matter.',
          file,
        ),
      ],
    };
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!fm) {
    const unclosed = text.startsWith('---\n');
    return {
      problems: [
        problem(
          unclosed ? 'TRUNCATED' : 'NO_FRONT_MATTER',
          unclosed
            ? 'The front matter starts with `---` but never ends; the file looks truncated. Import the complete file.'
            : 'The file has no front matter; expected a `---` block with `ms.contentlocale` (or pass `--locale`).',
          file,
          { line: 1, col: 1 },
        ),
      ],
    };
  }
  let front: Record<string, unknown>;
  try {
    const value = parseYamlValue(fm[1]!);
    front = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch (e) {
    return {
      problems: [
        problem(
          'YAML_SYNTAX',
          `The front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}.`,
          file,
          { line: 2, col: 1 },
        ),
      ],
    };
  }
  const bodyStart = fm[0].split('\n').length - 1;
  const sections = parseBody(text.slice(fm[0].length), bodyStart);
  const problems: Problem[] = [];
  const openTable = /<table[\s>]/.test(text) && !/<\/table>/.test(text);
  if (openTable)
    problems.push(
      problem(
        'TRUNCATED',
        'An HTML `<table>` is never closed; the file looks truncated. Import the complete file.',
        file,
        { line: lineOf(text, '<table'), col: 1 },
      ),
    );
  if (!sections.length)
    problems.push(
      problem(
        'NO_SECTIONS',
        'The article has no headings (`## Heading`), so nothing can be aligned to the dataset.',
        file,
        { line: bodyStart + 1, col: 1 },
      ),
    );
  if (problems.length) return { problems };
  const str = (k: string) => (typeof front[k] === 'string' ? (front[k] as string) : undefined);
  return {
    seed: {
      file,
      front,
      locale: str('ms.contentlocale'),
      handoff: handoffDate(str('ms.lasthandoff')),
      commit: str('ms.sourcegitcommit'),
      translation: str('ms.translationtype'),
      sections,
    },
    problems: [],
  };
}

function parseBody(body: string, lineOffset: number): SeedSection[] {
  const tokens = md.parse(body, {});
  const sections: SeedSection[] = [];
  let current: SeedSection | undefined;
  let listKind: 'ordered' | 'bullet' | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const line = (t.map?.[0] ?? 0) + lineOffset + 1;
    if (t.type === 'heading_open') {
      // The anchor: `<a name="id"></a>` (docs sites), `{#id}` (markdown-it-attrs, Pandoc, Hugo),
      // else the heading's slug, which the alignment does not need to match.
      const raw = tokens[i + 1]!.content;
      const attr = /\s*\{\s*#([\w-]+)[^}]*\}\s*$/.exec(raw);
      const inline = attr ? raw.slice(0, attr.index) : raw;
      const named = /<a\s+name="([^"]+)"\s*>\s*<\/a>/.exec(inline)?.[1] ?? attr?.[1];
      current = {
        anchor: named ?? slug(inline),
        anchored: named !== undefined,
        level: Number(t.tag.slice(1)),
        heading: inline.replace(/<a\s+name="[^"]*"\s*>\s*<\/a>/, '').trim(),
        line,
        blocks: [],
      };
      sections.push(current);
      i += 2;
    } else if (!current) {
      continue;
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      listKind = t.type === 'ordered_list_open' ? 'ordered' : 'bullet';
    } else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') {
      listKind = undefined;
    } else if (t.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open') {
      const text = t.content.trim();
      if (/^!\[[^\]]*\]\([^)]*\)$/.test(text)) current.blocks.push({ kind: 'image', line });
      else current.blocks.push({ kind: listKind ? 'li' : 'p', text, line });
    } else if (t.type === 'table_open') {
      const { header, rows, cellLines, end } = pipeTable(tokens, i, lineOffset);
      current.blocks.push({ kind: 'table', header, rows, line, cellLines });
      i = end;
    } else if (t.type === 'html_block' && /<table[\s>]/i.test(t.content)) {
      current.blocks.push({ kind: 'table', ...htmlTable(t.content, line), line });
    }
  }
  return sections;
}

/**
 * A pipe table's cells; `cellLines` gives the line of every body cell (a row's cells share its
 * line).
 */
function pipeTable(tokens: ReturnType<typeof md.parse>, start: number, lineOffset: number) {
  const rows: string[][] = [];
  const cellLines: number[][] = [];
  let row: string[] = [];
  let rowLine = 0;
  let header: string[] = [];
  let i = start;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const t = tokens[i]!;
    if (t.type === 'tr_open') {
      row = [];
      rowLine = (t.map?.[0] ?? 0) + lineOffset + 1;
    } else if (t.type === 'inline') row.push(t.content.trim());
    else if (t.type === 'tr_close') {
      if (header.length) {
        rows.push(row);
        cellLines.push(row.map(() => rowLine));
      } else header = row;
    }
  }
  return { header, rows, cellLines, end: i };
}

/**
 * Cells of an HTML table (htmlparser2 finds the rows and cells, closing them as browsers do), each
 * the text of its inner HTML as `cellText` reads it; the first row is the header.
 */
function htmlTable(
  html: string,
  firstLine: number,
): { header: string[]; rows: string[][]; cellLines: number[][] } {
  const lineAt = (offset: number) => firstLine + html.slice(0, offset).split('\n').length - 1;
  const rows: { text: string; line: number }[][] = [];
  let nested = 0; // tables inside a cell belong to that cell
  let cell: { start: number; line: number } | undefined;
  const parser = new Parser({
    onopentag(tag) {
      if (tag === 'table' && (rows.length || cell)) nested++;
      if (nested) return;
      if (tag === 'tr') rows.push([]);
      else if ((tag === 'td' || tag === 'th') && rows.length)
        cell = { start: parser.endIndex + 1, line: lineAt(parser.startIndex) };
    },
    onclosetag(tag) {
      if (nested) {
        if (tag === 'table') nested--;
        return;
      }
      if ((tag === 'td' || tag === 'th') && cell) {
        rows
          .at(-1)!
          .push({ text: cellText(html.slice(cell.start, parser.startIndex)), line: cell.line });
        cell = undefined;
      }
    },
  });
  parser.end(html);
  const body = rows.slice(1).filter((r) => r.length);
  return {
    header: rows[0]?.map((c) => c.text) ?? [],
    rows: body.map((r) => r.map((c) => c.text)),
    cellLines: body.map((r) => r.map((c) => c.line)),
  };
}

export function cellText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>\s*<p>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Docs front matter writes MM/DD/YYYY; we keep ISO dates. */
function handoffDate(value: string | undefined): string | undefined {
  const m = value && /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  return m ? `${m[3]}-${m[1]}-${m[2]}` : value;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
