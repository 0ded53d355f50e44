import type { Finding } from '../check/quality.js';

/**
 * Findings of one kind told once: the same code and message (say, 77 strings imported from the same
 * outdated copy), with how many strings and articles they concern. A status page or the terminal
 * shows the group, and lists its findings only when asked.
 */
export interface FindingGroup {
  code: string;
  message: string;
  count: number;
  /** The namespaces (articles, or `common`) the findings are in, in order of first appearance. */
  namespaces: string[];
  findings: Finding[];
}

/** Groups in order of first appearance, so the source's order (and the checks' order) is kept. */
export function groupFindings(findings: Iterable<Finding>): FindingGroup[] {
  type Group = FindingGroup & { seen: Set<string> };
  // By code, then by message: a key joined per finding would be built and hashed anew each time.
  const byCode = new Map<string, Map<string, Group>>();
  const groups: Group[] = [];
  for (const f of findings) {
    let mine = byCode.get(f.code);
    if (!mine) byCode.set(f.code, (mine = new Map()));
    let g = mine.get(f.message);
    if (!g) {
      g = {
        code: f.code,
        message: f.message,
        count: 0,
        namespaces: [],
        findings: [],
        seen: new Set(),
      };
      mine.set(f.message, g);
      groups.push(g);
    }
    g.count++;
    g.findings.push(f);
    if (!g.seen.has(f.ns)) {
      g.seen.add(f.ns);
      g.namespaces.push(f.ns);
    }
  }
  return groups.map(({ seen: _, ...g }) => g);
}

/** Findings by namespace, in order of first appearance. */
export function byNamespace(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.ns);
    if (list) list.push(f);
    else out.set(f.ns, [f]);
  }
  return out;
}

/** Where a finding is, as `file:line:col` (the file alone for a problem with a whole file). */
export const where = (f: Finding): string => (f.line ? `${f.file}:${f.line}:${f.col}` : f.file);
