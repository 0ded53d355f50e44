import { cellText } from './seed.js';

// How a copy writes a name or an address, and how alike two names are: what the drift of a named
// collection (partners, vendors...) compares.

/** Quotation marks translators wrap names in; a name inside them is decorated, not renamed. */
const QUOTES: [string, string][] = [
  ['«', '»'],
  ['»', '«'],
  ['“', '”'],
  ['„', '“'],
  ['”', '”'],
  ['"', '"'],
  ["'", "'"],
  ['‘', '’'],
  ['‚', '‘'],
  ['‹', '›'],
  ['「', '」'],
  ['『', '』'],
];

/**
 * A partner cell: formatting (`code`, **bold**, a link) is not a change; quotation marks are
 * recorded.
 */
export function readName(cell: string): { written: string; name: string; quoted: boolean } {
  const written = cellText(cell).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  let name = unformat(written);
  let quoted = false;
  for (const [open, close] of QUOTES)
    if (name.length > 2 && name.startsWith(open) && name.endsWith(close)) {
      name = unformat(name.slice(open.length, -close.length));
      quoted = true;
      break;
    }
  return { written, name, quoted };
}

function unformat(text: string): string {
  let t = text.trim();
  for (let before = ''; before !== t;) {
    before = t;
    t = t.replace(/^(\*\*|__|\*|_|`)(.+)\1$/, '$2').trim();
  }
  return t;
}

/** The address in a cell: a bare URL, `<url>`, `[text](url)`, or a schemeless `www.example.com`. */
export function readUrl(cell: string): string {
  // An autolink `<https://…>` looks like a tag to cellText: read it first.
  const auto = /^\s*<((?:https?|mailto):[^>\s]+)>\s*$/i.exec(cell)?.[1];
  if (auto) return auto;
  const text = cellText(cell).trim();
  return (/\]\(([^)\s]+)\)/.exec(text)?.[1] ?? unformat(text)).trim();
}

/**
 * A URL's identity: host without `www.`, path without a final `/`, query. Schemeless addresses
 * count as https.
 */
export function urlKey(
  value: string,
): { key: string; host: string; scheme: string; schemeless: boolean } | undefined {
  const schemeless = !/^[a-z][a-z0-9+.-]*:/i.test(value);
  if (schemeless && !/^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(value)) return undefined;
  try {
    const u = new URL(schemeless ? `https://${value}` : value);
    const host = u.hostname.replace(/^www\./, '');
    return {
      key: host + u.pathname.replace(/\/$/, '') + u.search,
      host,
      scheme: u.protocol,
      schemeless,
    };
  } catch {
    return undefined;
  }
}

/** Case-, space- and accent-insensitive form of a name. */
export function fold(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * How alike two names are, 0..1, whatever the word order ("Tecnologias Landis", "Landis
 * Technologies"): each word is paired with its most alike word of the other name (Dice coefficient
 * of letter pairs).
 */
export function nameSimilarity(a: string, b: string): number {
  const words = (s: string) =>
    fold(s)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const best = (from: string[], to: string[]) =>
    from.reduce((sum, w) => sum + Math.max(...to.map((x) => dice(w, x))), 0) / from.length;
  return Math.min(best(wa, wb), best(wb, wa));
}

function dice(a: string, b: string): number {
  if (a === b) return 1;
  const pairs = (s: string) =>
    Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2));
  const pa = pairs(a);
  const pb = pairs(b);
  if (!pa.length || !pb.length) return 0;
  const rest = [...pb];
  let common = 0;
  for (const p of pa) {
    const i = rest.indexOf(p);
    if (i >= 0) {
      rest.splice(i, 1);
      common++;
    }
  }
  return (2 * common) / (pa.length + pb.length);
}
