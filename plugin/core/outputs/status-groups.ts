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
  const groups = new Map<string, FindingGroup & { seen: Set<string> }>();
  for (const f of findings) {
    const id = `${f.code}\0${f.message}`;
    let g = groups.get(id);
    if (!g) {
      g = {
        code: f.code,
        message: f.message,
        count: 0,
        namespaces: [],
        findings: [],
        seen: new Set(),
      };
      groups.set(id, g);
    }
    g.count++;
    g.findings.push(f);
    if (!g.seen.has(f.ns)) {
      g.seen.add(f.ns);
      g.namespaces.push(f.ns);
    }
  }
  return [...groups.values()].map(({ seen: _, ...g }) => g);
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
