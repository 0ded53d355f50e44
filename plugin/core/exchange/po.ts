import { po, type PoEntry } from 'gettext-parser';
import { termFaults, type Incoming, type IncomingFile } from './incoming.js';
import { PREVIOUS_NOTE, type Unit } from './units.js';

const DIGESTS = /^lockstep: source=(\w*) translation=(\w*)$/m;
const TERMS = /^Do not translate: (.*)$/m;

/** gettext writes `fr_FR`; Lockstep's tags are BCP 47 (`fr-FR`). */
const poLanguage = (tag: string) => tag.replace(/-/g, '_');

/**
 * One PO file for one namespace of one locale. Each unit is an entry whose `msgctxt` is its id;
 * plural forms are separate entries (one per CLDR category), since gettext's plural formulas do
 * not map onto CLDR's categories. Outdated strings are `fuzzy`, with the old translation and, when
 * the history has it, the source it was made from (`#| msgid`).
 */
export function writePo(units: Unit[], ns: string, srcLang: string, trgLang: string): string {
  const entries: Record<string, Record<string, PoEntry>> = {};
  for (const u of units) {
    const extracted = [
      ...u.notes.filter((n) => !n.startsWith(PREVIOUS_NOTE)),
      ...(u.terms.length ? [`Do not translate: ${u.terms.join(' | ')}`] : []),
      ...codesOf(u.source),
      `lockstep: source=${u.sourceDigest} translation=${u.translationDigest}`,
    ];
    entries[u.id] = {
      [u.source]: {
        msgctxt: u.id,
        msgid: u.source,
        msgstr: [u.translation ?? ''],
        comments: {
          extracted: extracted.join('\n'),
          reference: `locales/${srcLang}/${ns}.yaml`,
          ...(u.state === 'outdated' ? { flag: 'fuzzy' } : {}),
          // What msgmerge writes for a fuzzy entry: the msgid it was translated from.
          ...(u.previous !== undefined ? { previous: `msgid ${poString(u.previous)}` } : {}),
        },
      },
    };
  }
  return po
    .compile(
      { charset: 'utf-8', headers: header(ns, trgLang), translations: entries },
      { foldLength: 0 },
    )
    .toString('utf8');
}

/** A PO string literal on one line: a text's line breaks cannot start a new PO line. */
export const poString = (text: string): string =>
  `"${text.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]!)}"`;
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function header(ns: string, tag: string): Record<string, string> {
  return {
    'Project-Id-Version': `lockstep ${ns}`,
    'PO-Revision-Date': new Date().toISOString().slice(0, 16).replace('T', ' ') + '+0000',
    'Last-Translator': '',
    'Language-Team': '',
    Language: poLanguage(tag),
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': '8bit',
    'X-Lockstep-Namespace': ns,
  };
}

function codesOf(source: string): string[] {
  const codes = [
    ...source.matchAll(/\{\{[^}]*\}\}|\$t\([^)]*\)|`[^`\n]+`|\]\([^)\s]*\)|\]\[[^\]]*\]/g),
  ];
  return codes.length
    ? [`Keep as written: ${[...new Set(codes.map((m) => m[0]))].join(' | ')}`]
    : [];
}

/** The entries of a PO file; a file gettext-parser cannot read is reported with its line. */
export function readPo(text: string): IncomingFile {
  let table;
  try {
    table = po.parse(text);
  } catch (e) {
    const line = (e as { lineNumber?: number }).lineNumber ?? 1;
    return {
      units: [],
      problem: {
        code: 'EXCHANGE_MALFORMED',
        message: `The PO file does not parse: ${(e as Error).message.replace(/^Error parsing PO data: /, '')}`,
        pos: { line, col: 1 },
      },
    };
  }
  // The line of each entry's `msgctxt` (and of the `Language` header), found once.
  const lines = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const key = l.startsWith('msgctxt ') ? l : l.startsWith('"Language:') ? '"Language:' : '';
    if (key && !lines.has(key)) lines.set(key, i + 1);
  });
  const lineOf = (needle: string) => ({ line: lines.get(needle) ?? 1, col: 1 });
  const units: Incoming[] = [];
  for (const [ctx, byId] of Object.entries(table.translations)) {
    if (!ctx) continue;
    for (const entry of Object.values(byId)) {
      const extracted = entry.comments?.extracted ?? '';
      const digests = DIGESTS.exec(extracted);
      const terms = TERMS.exec(extracted)?.[1]?.split(' | ') ?? [];
      const target = entry.msgstr[0] ?? '';
      const fuzzy = /\bfuzzy\b/.test(entry.comments?.flag ?? '');
      const done = !fuzzy && target.trim() !== '';
      units.push({
        id: ctx,
        target,
        done,
        sourceDigest: digests?.[1],
        translationDigest: digests?.[2],
        pos: lineOf(`msgctxt ${JSON.stringify(ctx)}`),
        // PO has no inline markup: a do-not-translate term must appear in the target as written.
        faults: done
          ? termFaults(
              terms,
              terms.filter((t) => target.includes(t)),
              ctx,
            )
          : [],
      });
    }
  }
  const language = /^Language: *(.*)$/m.exec(table.translations['']?.['']?.msgstr[0] ?? '')?.[1];
  return {
    locale: language
      ? { tag: language.trim().replace(/_/g, '-'), pos: lineOf('"Language:') }
      : undefined,
    units,
  };
}
