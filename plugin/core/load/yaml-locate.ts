import type { PathPart } from './yaml-fast.js';

/**
 * Where a path is in YAML text that `readSimpleYaml` reads, found without reading the whole file:
 * the offset its `pos(path, key)` would give, by scanning only the lines of the mappings along the
 * path. A build asks a position of most locale files only for a few findings (a missing key, one
 * failed check); reading the file's tree for them cost a tenth of the checks.
 *
 * Undefined where this scan does not follow the reader step by step (a quoted key, a sequence
 * entered by index, a flow collection, a CR): the caller reads the tree then. Only for a text the
 * fast reader read: it relies on what the reader checked (no duplicate keys, no tabs, no
 * multi-line plain or quoted scalars, block scalars more indented than their key).
 */
export function locate(
  text: string,
  path: PathPart[],
  key: boolean,
  work: Work = { scanned: 0 },
): number | undefined {
  if (text.includes('\r')) return undefined;
  // The root mapping starts at the first line that is neither blank nor a comment. One line
  // object, moved along (a scan visits most lines of a file).
  const map: Line = { start: 0, at: 0, end: 0 };
  if (!content(text, 0, work, map)) return undefined;
  for (let k = 0; k < path.length; k++) {
    const found = entry(text, { ...map }, String(path[k]), work);
    if (found === BAIL) return undefined;
    // Not in this mapping: the reader gives the mapping's position.
    if (!found) return map.at;
    const last = k === path.length - 1;
    if (last && key) return found.at;
    const col = spaces(text, found.colon + 1);
    if (col < found.end && text[col] !== '#') {
      // A value on the key's line: a scalar (or a block scalar's header), where every path ends.
      if (text[col] === '[' || text[col] === '{') return undefined;
      return col;
    }
    // A mapping or a sequence on the following lines, at the first of them.
    if (!content(text, found.end + 1, work, map)) return undefined;
    if (last) return map.at;
    if (text[map.at] === '-' && (map.at + 1 === map.end || text[map.at + 1] === ' '))
      return typeof path[k + 1] === 'number' ? undefined : map.at;
  }
  return map.at;
}

/** What scans of one text have cost: the characters of the lines they visited. */
export interface Work {
  scanned: number;
}

/** A line: where it starts, its first non-space character, where it ends. */
interface Line {
  start: number;
  at: number;
  end: number;
}
const BAIL = 0;

/** The first line from `ls` (a line start) that is neither blank nor a comment, into `line`. */
function content(text: string, ls: number, work: Work, line: Line): boolean {
  while (ls <= text.length) {
    let end = text.indexOf('\n', ls);
    if (end < 0) end = text.length;
    work.scanned += end - ls + 1;
    const at = spaces(text, ls);
    if (at !== end && text[at] !== '#') {
      line.start = ls;
      line.at = at;
      line.end = end;
      return true;
    }
    ls = end + 1;
  }
  return false;
}

/**
 * The line of `name` in the mapping whose first line is `map` (moved along the lines it reads: pass
 * a copy), and its key's colon; undefined when the mapping ends without it; `BAIL` on a line the
 * scan does not read as the reader does.
 */
function entry(
  text: string,
  map: Line,
  name: string,
  work: Work,
): { at: number; colon: number; end: number } | undefined | typeof BAIL {
  const indent = map.at - map.start;
  const line = map;
  for (let more = true; more; more = content(text, line.end + 1, work, line)) {
    const depth = line.at - line.start;
    if (depth < indent) return undefined;
    // Deeper lines are the values of this mapping's keys (nested entries, block scalars' text).
    if (depth > indent) continue;
    const c = text[line.at];
    if (c === '"' || c === "'" || c === '-') return BAIL;
    // As the reader finds a plain key's colon: the first one followed by a space or the line's end.
    let colon = text.indexOf(':', line.at);
    while (colon >= 0 && colon + 1 < line.end && text[colon + 1] !== ' ')
      colon = text.indexOf(':', colon + 1);
    if (colon < 0 || colon >= line.end) return BAIL;
    let end = colon;
    while (end > line.at && text.charCodeAt(end - 1) === 32) end--;
    if (end - line.at === name.length && text.startsWith(name, line.at))
      return { at: line.at, colon, end: line.end };
  }
  return undefined;
}

function spaces(s: string, k: number): number {
  while (s.charCodeAt(k) === 32) k++;
  return k;
}
