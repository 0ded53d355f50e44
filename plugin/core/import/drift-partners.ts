import type { Dataset } from '../load/dataset.js';
import {
  blockCollection,
  collectionsOf,
  columnsOf,
  groupsOf,
  namedItems,
  type NamedItem,
} from '../load/collections.js';
import {
  MATCHED_BY,
  sectionStatus,
  type AddFinding,
  type DriftFinding,
  type PlacedSection,
  type SeedTable,
} from './drift-types.js';
import { fold, nameSimilarity, readName, readUrl, urlKey } from './drift-names.js';

/** How alike two names must be (`nameSimilarity`) for a row to be the same partner renamed. */
const SIMILAR = 0.6;

/** A row of one of the copy's partner tables. */
interface CopyPartner {
  /** The cell as written, and the name once formatting and quotation marks are set aside. */
  written: string;
  name: string;
  quoted: boolean;
  url: string;
  line: number;
  /**
   * The status of the dataset section the table stands in, if that section shows a partner table.
   */
  status?: string;
  table: number;
}

/**
 * Partners missing, extra, renamed or decorated, their URLs and statuses. A row of the copy is
 * matched to the dataset by identical name first (the strongest evidence), then by URL, then by the
 * site the URL is on, then by name similarity; each canonical partner is matched once. Returns how
 * many partners the copy lists.
 */
export function partnerDrift(
  placed: PlacedSection[],
  data: Dataset,
  add: AddFinding,
  collection = 'partners',
): number {
  const c = collectionsOf(data)[collection];
  if (!c) return 0;
  const partners = namedItems(data, collection);
  // The copy's tables of this collection have its columns; the address is read from the URL
  // column, or from the name's link when the name links to it.
  const columns = columnsOf(c);
  const urlColumn = columns.findIndex((f) => f === c.link || c.fields[f]?.type === 'url');
  const tables: { table: SeedTable; status?: string }[] = [];
  // A section showing every group has one table per group, in the groups' order.
  const groups = groupsOf(c).map((g) => g.value);
  const whole = (section?: string) =>
    data.sections
      .find((s) => s.id === section)
      ?.blocks.some((b) => {
        const ref = blockCollection(b);
        return ref?.id === collection && ref.group === undefined;
      });
  for (const p of placed) {
    let k = 0;
    for (const b of p.seed.blocks)
      if (b.kind === 'table' && b.header.length === columns.length)
        tables.push({
          table: b,
          status:
            sectionStatus(data, p.section, collection) ??
            (whole(p.section) ? groups[k++] : undefined),
        });
  }
  const rows: CopyPartner[] = tables.flatMap(({ table, status }, ti) =>
    table.rows
      .filter((r) => r[0] || (urlColumn > 0 && r[urlColumn]))
      .map((r, ri) => ({
        ...readName(r[0] ?? ''),
        // Without a URL column, only a link on the name gives an address.
        url:
          urlColumn >= 0
            ? readUrl(r[urlColumn] ?? '')
            : (r[0] ?? '').includes('](')
              ? readUrl(r[0]!)
              : '',
        line: table.cellLines?.[ri]?.[0] ?? table.line,
        status,
        table: ti,
      })),
  );
  if (!partners.length && !rows.length) return 0;

  const match = new Map<
    CopyPartner,
    { partner: NamedItem; by: NonNullable<DriftFinding['matchedBy']> }
  >();
  const claimed = new Set<NamedItem>();
  const duplicates: CopyPartner[] = [];
  const pass = (
    by: NonNullable<DriftFinding['matchedBy']>,
    test: (row: CopyPartner, p: NamedItem) => boolean,
  ) => {
    for (const row of rows) {
      if (match.has(row) || duplicates.includes(row)) continue;
      const hits = partners.filter((p) => test(row, p));
      const free = hits.filter((p) => !claimed.has(p));
      if (by === 'name' && hits.length && !free.length) duplicates.push(row);
      if (free.length === 1 || (by === 'name' && free.length)) {
        match.set(row, { partner: free[0]!, by });
        claimed.add(free[0]!);
      }
    }
  };
  pass('name', (r, p) => fold(r.name) === fold(p.name));
  pass('url', (r, p) => !!urlKey(r.url) && urlKey(r.url)?.key === urlKey(p.url)?.key);
  pass(
    'host',
    (r, p) =>
      !!urlKey(r.url) &&
      urlKey(r.url)?.host === urlKey(p.url)?.host &&
      partners.filter((x) => urlKey(x.url)?.host === urlKey(p.url)?.host).length === 1,
  );
  // Best pairs first, so one close name does not take the partner a closer one needs.
  const pairs = rows
    .filter((r) => !match.has(r) && !duplicates.includes(r))
    .flatMap((r) =>
      partners
        .filter((p) => !claimed.has(p))
        .map((p) => ({ r, p, score: nameSimilarity(r.name, p.name) })),
    )
    .filter((x) => x.score >= SIMILAR)
    .sort((a, b) => b.score - a.score);
  for (const { r, p } of pairs)
    if (!match.has(r) && !claimed.has(p)) {
      match.set(r, { partner: p, by: 'similarity' });
      claimed.add(p);
    }

  const tableFor = (status: string | undefined) =>
    tables.find((t) => t.status === status)?.table ?? tables[0]?.table;
  for (const p of partners.filter((p) => !claimed.has(p)))
    add({
      kind: 'partner-missing',
      id: p.id,
      expected: p.name,
      found: null,
      line: tableFor(p.status)?.line ?? null,
      message: `\`${p.id}\` (${p.name}, ${p.status}) is in the dataset but not in the copy, so its readers were not shown it. The built page lists it; nothing to do.`,
    });
  for (const row of duplicates)
    add({
      kind: 'partner-duplicate',
      id: row.name,
      expected: null,
      found: row.written,
      line: row.line,
      message: `"${row.written}" is listed a second time; the built page lists each partner once.`,
    });
  for (const row of rows.filter((r) => !match.has(r) && !duplicates.includes(r)))
    add({
      kind: 'partner-extra',
      id: row.name,
      expected: null,
      found: row.written,
      line: row.line,
      message: `"${row.written}" (${row.url || 'no address'}) matches no partner of the dataset by name, address or similarity. If it belongs in the article, add it under \`${collection === 'partners' ? 'partners' : `collections.${collection}.items`}\` in the dataset; otherwise the built page leaves it out.`,
    });

  const statuses = [...new Set(partners.map((p) => p.status))];
  const shown = new Set(tables.map((t) => t.status));
  const compareStatus = statuses.every((s) => shown.has(s));
  if (!compareStatus && rows.length) {
    const each = statuses.map((s) => `${s} (${partners.filter((p) => p.status === s).length})`);
    const expected = each.join(', ');
    add({
      kind: 'status-not-compared',
      id: 'partners',
      expected: `one table per status: ${expected}`,
      found: `${tables.length} table${tables.length === 1 ? '' : 's'} of ${rows.length} partners`,
      line: tables[0]!.table.line,
      message: `The copy lists its ${rows.length} partners in ${tables.length === 1 ? 'one table' : `${tables.length} tables`}, where the dataset separates ${each.slice(0, -1).join(', ')}${each.length > 1 ? ' and ' : ''}${each[each.length - 1]}, so its readers cannot tell which partners are certified. Status is not compared partner by partner; the built page shows each partner under its status.`,
    });
  }

  for (const row of rows) {
    const m = match.get(row);
    if (!m) continue;
    const { partner: p, by } = m;
    if (row.name.replace(/\s+/g, ' ') !== p.name)
      add({
        kind: 'partner-renamed',
        id: p.id,
        expected: p.name,
        found: row.written,
        line: row.line,
        matchedBy: by,
        message: `"${row.written}" is \`${p.id}\` (matched by ${MATCHED_BY[by]}), whose name is "${p.name}": the translation changed a proper noun. The built page shows the dataset's name, marked \`translate="no"\`; nothing to do.`,
      });
    else if (row.quoted)
      add({
        kind: 'partner-decorated',
        id: p.id,
        expected: p.name,
        found: row.written,
        line: row.line,
        matchedBy: by,
        message: `"${row.written}" is \`${p.id}\` with quotation marks added by the translation. The built page shows the plain name; nothing to do.`,
      });
    const want = urlKey(p.url);
    const have = urlKey(row.url);
    // An item without an address, listed without one, has no address to compare.
    const hasUrl = Boolean(p.url || row.url);
    if (hasUrl && want && have?.key === want.key && have.schemeless)
      add({
        kind: 'url-schemeless',
        id: p.id,
        expected: p.url,
        found: row.url,
        line: row.line,
        message: `The address of \`${p.id}\` is written without \`${want.scheme}//\`, so readers of the copy get text, not a link. The built page links to ${p.url}; nothing to do.`,
      });
    else if (hasUrl && (!want || !have || have.key !== want.key || have.scheme !== want.scheme))
      add({
        kind: 'url-changed',
        id: p.id,
        expected: p.url,
        found: row.url || null,
        line: row.line,
        message: `\`${p.id}\` links to ${row.url || 'nothing'} in the copy and to ${p.url} in the dataset. If the copy's address is the newer one, update \`url\` of \`${p.id}\` in the dataset; the built page uses the dataset's.`,
      });
    if (compareStatus && row.status && row.status !== p.status)
      add({
        kind: 'status-changed',
        id: p.id,
        expected: p.status ?? null,
        found: row.status,
        line: row.line,
        message: `\`${p.id}\` is listed among the ${row.status} partners where the dataset says ${p.status}. If the copy is right, change \`status\` of \`${p.id}\` in the dataset; the built page uses the dataset's.`,
      });
  }
  return rows.length;
}
