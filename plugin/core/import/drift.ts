import type { ImportResult } from './align.js';
import { cellDrift } from './drift-cells.js';
import { partnerDrift } from './drift-partners.js';
import { collectionsOf, namedItems } from '../load/collections.js';
import {
  DRIFT_KINDS,
  type DriftFinding,
  type DriftInput,
  type DriftKind,
  type Drift,
  type PlacedSection,
} from './drift-types.js';
import type { Seed } from './seed.js';

export * from './drift-types.js';

/** Compare one localized copy with the article's dataset. Pure: reads nothing, writes nothing. */
export function driftOf(input: DriftInput): Drift {
  const { seed, result, locale } = input;
  const findings: DriftFinding[] = [];
  const add = (f: Omit<DriftFinding, 'locale'>) =>
    findings.push({
      kind: f.kind,
      locale,
      id: f.id,
      expected: f.expected,
      found: f.found,
      line: f.line,
      ...(f.matchedBy && { matchedBy: f.matchedBy }),
      ...(f.values && { values: f.values }),
      message: f.message,
    });

  const sections = new Map(input.data.sections.map((s) => [s.id, s]));
  for (const id of result.missingSections) {
    const s = sections.get(id)!;
    add({
      kind: 'section-missing',
      id,
      expected: s.anchor ?? s.id,
      found: null,
      line: null,
      message: `The copy has no section \`${id}\` (anchor \`${s.anchor ?? s.id}\`); its strings show in the source language until translated.`,
    });
  }
  for (const x of result.extraSections) {
    const heading =
      seed.sections.find((s) => s.anchor === x.anchor && s.line === x.line)?.heading ?? '';
    add({
      kind: 'section-extra',
      id: x.anchor,
      expected: null,
      found: heading || x.anchor,
      line: x.line,
      message: `The copy has a section \`#${x.anchor}\` that the article no longer has; its readers see text the source dropped. It was not imported; nothing to do unless the article should have it again.`,
    });
  }

  const placed = placeSections(seed, result);
  // Every collection whose items have a name or an address is matched against the copy's tables.
  const named = Object.keys(collectionsOf(input.data)).filter(
    (id) => namedItems(input.data, id).length,
  );
  const partners = named.reduce((n, id) => n + partnerDrift(placed, input.data, add, id), 0);
  cellDrift(placed, input, add);

  const counts = Object.fromEntries(Object.keys(DRIFT_KINDS).map((k) => [k, 0])) as Record<
    DriftKind,
    number
  >;
  for (const f of findings) counts[f.kind]++;
  const order = Object.keys(DRIFT_KINDS);
  findings.sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.line ?? 0) - (b.line ?? 0),
  );
  return {
    locale,
    article: input.article,
    file: seed.file,
    partners: { dataset: named.flatMap((id) => namedItems(input.data, id)).length, copy: partners },
    counts,
    findings,
  };
}

function placeSections(seed: Seed, result: ImportResult): PlacedSection[] {
  const byAnchor = new Map(result.matchedSections.map((m) => [m.anchor, m.id]));
  let current: string | undefined;
  return seed.sections.map((s) => {
    const own = byAnchor.get(s.anchor);
    if (own) current = own;
    return { seed: s, section: own ?? current, own: !!own };
  });
}
