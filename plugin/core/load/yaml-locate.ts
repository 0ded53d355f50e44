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
  // The root mapping starts at the first line that is neither blank nor a comment.
  let map = content(text, 0, work);
  if (!map) return undefined;
  for (let k = 0; k < path.length; k++) {
    const found = entry(text, map, String(path[k]), work);
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
    const next = content(text, found.end + 1, work);
    if (!next) return undefined;
    if (last) return next.at;
    if (text[next.at] === '-' && (next.at + 1 === next.end || text[next.at + 1] === ' '))
      return typeof path[k + 1] === 'number' ? undefined : next.at;
    map = next;
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

/** The first line from `ls` (a line start) that is neither blank nor a comment. */
function content(text: string, ls: number, work: Work): Line | undefined {
  while (ls <= text.length) {
    let end = text.indexOf('\n', ls);
    if (end < 0) end = text.length;
    work.scanned += end - ls + 1;
    const at = spaces(text, ls);
    if (at !== end && text[at] !== '#') return { start: ls, at, end };
    ls = end + 1;
  }
  return undefined;
}

/**
 * The line of `name` in the mapping whose first line is `map`, and its key's colon; undefined when
 * the mapping ends without it; `BAIL` on a line the scan does not read as the reader does.
 */
function entry(
  text: string,
  map: Line,
  name: string,
  work: Work,
): { at: number; colon: number; end: number } | undefined | typeof BAIL {
  const indent = map.at - map.start;
  for (let line: Line | undefined = map; line; line = content(text, line.end + 1, work)) {
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
