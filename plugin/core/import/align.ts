import type { Dataset, Section } from '../load/dataset.js';
import { collectionKeys, literalOf, requiredKeys } from '../load/dataset.js';
import { blockCollection, collectionsOf } from '../load/collections.js';
import { cellText, type Seed, type SeedBlock, type SeedSection } from './seed.js';

type Unit = { kind: 'p' | 'li'; key: string; at: number };
/** A text block of the copy, with its relative position in its section (0..1). */
type SeedUnit = Extract<SeedBlock, { kind: 'p' | 'li' }> & { at: number };

export interface ImportResult {
  /** Dotted key -> imported text, in the dataset's order. */
  strings: Map<string, string>;
  /** Dataset sections the copy has (by current or former anchor), and those it lacks. */
  matchedSections: { id: string; anchor: string }[];
  missingSections: string[];
  /** Sections of the copy the article no longer has: skipped. */
  extraSections: { anchor: string; line: number }[];
  /** Blocks of the copy that match nothing in the current article. */
  droppedBlocks: { anchor: string; line: number; text: string }[];
  /** Keys the article needs that the copy could not provide. */
  missingKeys: string[];
  /** Links whose target the dataset does not know; kept as written. */
  unknownLinks: { key: string; url: string }[];
}

/**
 * Align a localized copy to the article: sections by anchor (current or former), then the text
 * blocks inside each section by kind and by what survives translation (link targets, product names,
 * numbers, relative length), so a bullet the copy has and the article dropped does not shift every
 * later one.
 */
export function alignSeed(seed: Seed, data: Dataset, source: Map<string, string>): ImportResult {
  const strings = new Map<string, string>();
  const unknownLinks: ImportResult['unknownLinks'] = [];
  const put = (key: string, raw: string) => {
    const { text, unknown } = toLocaleMarkdown(raw, data.links ?? {});
    if (!text) return;
    strings.set(key, text);
    unknownLinks.push(...unknown.map((url) => ({ key, url })));
  };
  const str = (k: string) =>
    typeof seed.front[k] === 'string' ? (seed.front[k] as string).trim() : '';
  if (str('title')) put('title', str('title'));
  if (str('description')) put('description', str('description'));

  const byAnchor = new Map(seed.sections.map((s) => [s.anchor, s]));
  const used = new Set<SeedSection>();
  const matchedSections: ImportResult['matchedSections'] = [];
  const missingSections: string[] = [];
  const pairs: { section: Section; seed?: SeedSection }[] = data.sections.map((section) => {
    const found = [section.anchor ?? section.id, ...(section.formerly ?? [])]
      .map((a) => byAnchor.get(a))
      .find((s) => s && !used.has(s));
    if (found) {
      used.add(found);
      matchedSections.push({ id: section.id, anchor: found.anchor });
    } else missingSections.push(section.id);
    return { section, seed: found };
  });

  byPosition(pairs, seed.sections, used);
  // Both lists in the article's order, with the sections found by position.
  matchedSections.splice(
    0,
    Infinity,
    ...pairs.flatMap((p) => (p.seed ? [{ id: p.section.id, anchor: p.seed.anchor }] : [])),
  );
  missingSections.splice(0, Infinity, ...pairs.filter((p) => !p.seed).map((p) => p.section.id));
  const ratio = lengthRatio(pairs, source);
  const leftovers = new Map<SeedSection, SeedUnit[]>();
  let previous: SeedSection | undefined;
  for (const { section, seed: seedSection } of pairs) {
    // A section the copy lacks may have been split out of the one before it: look for its text
    // there.
    const from = seedSection ?? previous;
    if (seedSection) put(`sections.${section.id}.heading`, seedSection.heading);
    if (from) {
      const pool = leftovers.get(from) ?? seedUnits(from);
      const units = textUnits(section);
      const matches = align(
        units,
        pool,
        (u, b) =>
          similarity(source.get(u.key) ?? '', b.text, ratio, data) * 0.8 +
          0.2 * (1 - Math.abs(u.at - b.at)),
      );
      for (const [ui, bi] of matches) put(units[ui]!.key, pool[bi]!.text);
      const taken = new Set(matches.map(([, bi]) => bi));
      leftovers.set(
        from,
        pool.filter((_, i) => !taken.has(i)),
      );
      importTables(section, from, data, put);
    }
    if (seedSection) previous = seedSection;
  }

  const droppedBlocks = [...leftovers].flatMap(([s, units]) =>
    units.map((u) => ({ anchor: s.anchor, line: u.line, text: u.text })),
  );
  const extraSections = seed.sections
    .filter((s) => !used.has(s))
    .map((s) => ({ anchor: s.anchor, line: s.line }));
  const ordered = new Map<string, string>();
  const required = requiredKeys(data);
  for (const k of required) if (strings.has(k)) ordered.set(k, strings.get(k)!);
  return {
    strings: ordered,
    matchedSections,
    missingSections,
    extraSections,
    droppedBlocks,
    missingKeys: required.filter((k) => !ordered.has(k)),
    unknownLinks,
  };
}

/** The section's text blocks; tables count for position, so text after a table stays after it. */
function textUnits(section: Section): Unit[] {
  const all = section.blocks.flatMap((b): Omit<Unit, 'at'>[] | [null] => {
    if ('p' in b) return [{ kind: 'p', key: `sections.${section.id}.${b.p}` }];
    if ('ul' in b)
      return b.ul.map((k) => ({ kind: 'li' as const, key: `sections.${section.id}.${k}` }));
    if ('ol' in b)
      return b.ol.map((k) => ({ kind: 'li' as const, key: `sections.${section.id}.${k}` }));
    return [null];
  });
  return all.flatMap((u, i) => (u ? [{ ...u, at: (i + 0.5) / all.length }] : []));
}

function seedUnits(section: SeedSection): SeedUnit[] {
  const n = section.blocks.length;
  return section.blocks.flatMap((b, i) =>
    b.kind === 'p' || b.kind === 'li' ? [{ ...b, at: (i + 0.5) / n }] : [],
  );
}

/**
 * Partner table headers and comparison table labels, by position. Values take the label most cells
 * agree on.
 */
function importTables(
  section: Section,
  from: SeedSection,
  data: Dataset,
  put: (k: string, v: string) => void,
) {
  const tables = from.blocks.filter(
    (b): b is Extract<SeedBlock, { kind: 'table' }> => b.kind === 'table',
  );
  for (const b of section.blocks) {
    const ref = blockCollection(b);
    const coll = ref && collectionsOf(data)[ref.id];
    if (ref && coll) {
      // The copy's table headers become the collection's column headers, by position.
      const keys = collectionKeys(ref.id, coll, ref.group, 'partners' in b).filter(
        (k) => !k.includes('.groups.'),
      );
      const t = tables.find((t) => t.header.length === keys.length);
      if (t) keys.forEach((k, i) => put(k, stripEmphasis(t.header[i]!)));
    }
    if ('table' in b) {
      const def = data.tables?.[b.table];
      const t = tables.find((t) => t.header.length === (def?.columns.length ?? 0) + 1);
      if (!def || !t) continue;
      def.columns.forEach((c, i) =>
        put(`tables.${b.table}.columns.${c}`, stripEmphasis(t.header[i + 1] ?? '')),
      );
      const votes = new Map<string, Map<string, number>>();
      const vote = (id: string, label: string) => {
        const m = votes.get(id) ?? new Map<string, number>();
        m.set(label, (m.get(label) ?? 0) + 1);
        votes.set(id, m);
      };
      def.rows.forEach((row, ri) => {
        const cells = t.rows[ri];
        if (!cells) return;
        if (row.item === undefined)
          put(`tables.${b.table}.rows.${row.id}`, stripEmphasis(cells[0] ?? ''));
        def.columns.forEach((c, ci) => {
          const cell = row.cells[c]!;
          if (literalOf(cell)) return; // a literal has no words to import
          const ids = [cell as string | string[]].flat();
          const text = stripEmphasis(cells[ci + 1] ?? '');
          if (ids.length === 1) return vote(ids[0]!, text);
          const parts = text.split(/\s*[,、，;]\s*/).filter(Boolean);
          if (parts.length === ids.length) ids.forEach((id, k) => vote(id, parts[k]!));
        });
      });
      for (const [id, m] of votes) put(`values.${id}`, [...m].sort((a, b) => b[1] - a[1])[0]![0]);
    }
  }
}

/** Best monotone alignment of `units` to `pool` (kinds must agree), maximizing total similarity. */
function align<U extends { kind: string }, B extends { kind: string }>(
  units: U[],
  pool: B[],
  sim: (u: U, b: B) => number,
): [number, number][] {
  const n = units.length;
  const m = pool.length;
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const s = units[i]!.kind === pool[j]!.kind ? sim(units[i]!, pool[j]!) : -1;
      score[i]![j] = Math.max(
        score[i + 1]![j]!,
        score[i]![j + 1]!,
        s >= MIN_SIMILARITY ? s + score[i + 1]![j + 1]! : -Infinity,
      );
    }
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    const s = units[i]!.kind === pool[j]!.kind ? sim(units[i]!, pool[j]!) : -1;
    if (s >= MIN_SIMILARITY && score[i]![j] === s + score[i + 1]![j + 1]!) {
      out.push([i, j]);
      i++;
      j++;
    } else if (score[i]![j] === score[i + 1]![j]) i++;
    else j++;
  }
  return out;
}

const MIN_SIMILARITY = 0.2;

/**
 * How alike a source string and a translation are, from what translation leaves alone and from
 * length.
 */
function similarity(source: string, translation: string, ratio: number, data: Dataset): number {
  const expected = Math.max(1, source.length * ratio);
  const lengthScore = Math.exp(-2 * Math.abs(Math.log(Math.max(1, translation.length) / expected)));
  const a = invariants(source, data);
  const b = invariants(toLocaleMarkdown(translation, data.links ?? {}).text, data);
  // Nothing invariant on either side says nothing either way: a neutral half.
  const tokens =
    !a.size && !b.size ? 0.5 : [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size;
  return 0.5 * lengthScore + 0.5 * tokens;
}

function invariants(text: string, data: Dataset): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\]\[([^\]]+)\]/g)) out.add('link:' + m[1]);
  for (const m of text.matchAll(/\b[A-Za-z]*[A-Z][a-z]*[A-Z][A-Za-z]*\b|\b\d+\b/g))
    out.add(m[0].replace(/s$/, '').toLowerCase());
  const lower = text.toLowerCase();
  for (const term of data.glossary ?? [])
    if (lower.includes(term.toLowerCase())) out.add(term.toLowerCase());
  return out;
}

/**
 * Characters per source character, from the sections both sides have, to compare lengths across
 * scripts.
 */
function lengthRatio(
  pairs: { section: Section; seed?: SeedSection }[],
  source: Map<string, string>,
): number {
  let src = 0;
  let tr = 0;
  for (const { section, seed } of pairs) {
    if (!seed) continue;
    for (const u of textUnits(section)) src += source.get(u.key)?.length ?? 0;
    for (const b of seed.blocks) if (b.kind === 'p' || b.kind === 'li') tr += b.text.length;
  }
  return src && tr ? tr / src : 1;
}

/**
 * Turn a copy's Markdown into ours: links whose target the dataset knows become `[text][id]`,
 * inline HTML wrappers (`<span class="underline">`) go, white space is folded.
 */
export function toLocaleMarkdown(
  raw: string,
  links: Record<string, string>,
): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const idFor = (url: string) => linkId(url, links);
  let text = raw
    .replace(/<\/?span[^>]*>/g, '')
    .replace(/<([^>\s]+@[^>\s]+|https?:\/\/[^>\s]+)>/g, (all, target: string) => {
      const id = idFor(
        target.includes('@') && !target.startsWith('mailto:') ? 'mailto:' + target : target,
      );
      return id ? `[${target}][${id}]` : all;
    })
    .replace(/\[((?:[^[\]]|\[[^\]]*\])*)\]\(([^)\s]*)\)/g, (all, label: string, url: string) => {
      const id = idFor(url);
      if (id) return `[${label.trim()}][${id}]`;
      unknown.push(url);
      return all;
    });
  text = text
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return { text, unknown };
}

/**
 * The dataset link a copy's URL means: same target once scheme, host, case, `./` and `.md` are set
 * aside.
 */
function linkId(url: string, links: Record<string, string>): string | undefined {
  const norm = (u: string) =>
    u
      .toLowerCase()
      .replace(/^mailto:/, 'mailto/')
      .replace(/^https?:\/\/[^/]+/, '')
      .replace(/^\.?\//, '')
      .replace(/\.md(?=$|[?#])/, '')
      .replace(/\/$/, '');
  const want = norm(url);
  if (!want) return undefined;
  for (const [id, target] of Object.entries(links)) {
    const have = norm(target);
    if (have === want || have.endsWith('/' + want)) return id;
  }
  return undefined;
}

function stripEmphasis(text: string): string {
  return cellText(text)
    .replace(/^\*\*(.*)\*\*$/, '$1')
    .replace(/^`(.*)`$/, '$1')
    .trim();
}

/**
 * Sections no anchor matched (a copy with plain `## Überschrift` headings): each is paired with
 * the copy's first unmatched section between the same matched neighbours, at the same level, and
 * holding a table when the article's section does. Order and content stand in for the anchor.
 */
function byPosition(
  pairs: { section: Section; seed?: SeedSection }[],
  sections: SeedSection[],
  used: Set<SeedSection>,
): void {
  const index = new Map(sections.map((s, k) => [s, k]));
  for (let k = 0; k < pairs.length; k++) {
    const pair = pairs[k]!;
    if (pair.seed) continue;
    const before = pairs
      .slice(0, k)
      .reverse()
      .find((p) => p.seed)?.seed;
    const after = pairs.slice(k + 1).find((p) => p.seed)?.seed;
    const from = before ? index.get(before)! + 1 : 0;
    const to = after ? index.get(after)! : sections.length;
    const wantsTable = pair.section.blocks.some((b) => 'table' in b);
    const found = sections
      .slice(from, to)
      .find(
        (s) =>
          !used.has(s) &&
          s.level === (pair.section.level ?? 2) &&
          (!wantsTable || s.blocks.some((b) => b.kind === 'table')),
      );
    if (!found) continue;
    used.add(found);
    pair.seed = found;
  }
}
