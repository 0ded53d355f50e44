import { Document, parseDocument } from 'yaml';
import type { Namespace } from '../load/locales.js';

export interface Merge {
  /** The strings to write, in order. */
  strings: Map<string, string>;
  /** Keys whose text in the existing file differs from the import and was kept (no `--force`). */
  kept: string[];
  /** Keys whose text the import replaced (with `--force`). */
  replaced: string[];
  added: string[];
}

/**
 * Combine imported strings with a locale file that may already exist. What a person wrote is never
 * replaced without `force`; keys the import does not produce are kept as they are.
 */
export function mergeStrings(
  imported: Map<string, string>,
  existing: Namespace | undefined,
  force: boolean,
): Merge {
  const out = new Map<string, string>();
  const kept: string[] = [];
  const replaced: string[] = [];
  const added: string[] = [];
  const before = existing?.strings ?? new Map<string, string>();
  for (const [key, text] of imported) {
    const old = before.get(key);
    if (old === undefined) {
      added.push(key);
      out.set(key, text);
    } else if (old === text) out.set(key, text);
    else if (force) {
      replaced.push(key);
      out.set(key, text);
    } else {
      kept.push(key);
      out.set(key, old);
    }
  }
  for (const [key, text] of before) if (!out.has(key)) out.set(key, text);
  return { strings: out, kept, replaced, added };
}

/**
 * Apply the merge to an existing file's text, keeping its comments and order; new keys go at the
 * end of their mapping.
 */
export function updateYaml(existingText: string, merge: Merge): string {
  const doc = parseDocument(existingText);
  for (const key of [...merge.added, ...merge.replaced])
    doc.setIn(key.split('.'), merge.strings.get(key));
  return doc.toString({ lineWidth: 0 });
}

/** A new locale file: dotted keys nested back into mappings, in the given order, never folded. */
export function toYaml(strings: Map<string, string>, header: string[]): string {
  const root: Record<string, unknown> = {};
  for (const [key, text] of strings) {
    const parts = key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = text;
  }
  const doc = new Document(root);
  doc.commentBefore = header.map((l) => ' ' + l).join('\n');
  return doc.toString({ lineWidth: 0 });
}
