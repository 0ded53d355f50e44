import { local, parseXml, XmlError, type El, type Pos } from './xml.js';

/** One string as it comes back from a translator, whatever the format. */
export interface Incoming {
  id: string;
  /** The translation, with its protected codes put back as text. */
  target: string;
  /** False when the translator left it untranslated or unconfirmed (new, initial, fuzzy). */
  done: boolean;
  sourceDigest?: string;
  translationDigest?: string;
  pos: Pos;
  /** What is wrong with its inline codes or protected terms, already worded for users. */
  faults: { code: 'EXCHANGE_CODES' | 'EXCHANGE_TERM'; message: string }[];
}

/** A file read back: the locale it claims and its strings, or why it cannot be read. */
export interface IncomingFile {
  locale?: { tag: string; pos: Pos };
  units: Incoming[];
  problem?: { code: 'EXCHANGE_MALFORMED'; message: string; pos: Pos };
}

/** The codes a target lost or added, compared with its source (by id). */
export function codeFaults(source: string[], target: string[], id: string): Incoming['faults'] {
  const left = [...target];
  const lost: string[] = [];
  for (const c of source) {
    const at = left.indexOf(c);
    if (at < 0) lost.push(c);
    else left.splice(at, 1);
  }
  if (!lost.length && !left.length) return [];
  const what = [
    lost.length ? `lost ${lost.map((c) => `\`${c}\``).join(', ')}` : '',
    left.length ? `has codes the source lacks (${left.map((c) => `\`${c}\``).join(', ')})` : '',
  ].filter(Boolean);
  return [
    {
      code: 'EXCHANGE_CODES',
      message: `The target of \`${id}\` ${what.join(' and ')}: placeholders, links and code are protected inline codes; keep each one of the source in the target.`,
    },
  ];
}

export function termFaults(source: string[], target: string[], id: string): Incoming['faults'] {
  const lost = source.filter((t) => !target.includes(t));
  return lost.length
    ? [
        {
          code: 'EXCHANGE_TERM',
          message: `The target of \`${id}\` lost the do-not-translate span${lost.length > 1 ? 's' : ''} ${lost.map((t) => `\`${t}\``).join(', ')}; keep ${lost.length > 1 ? 'them' : 'it'} (marked \`translate="no"\`) as written.`,
        },
      ]
    : [];
}

/** The root of an XLIFF document of this version, or why the file is not one. */
export function xliffRoot(
  text: string,
  version: '1.2' | '2.0',
): { root: El } | { problem: NonNullable<IncomingFile['problem']> } {
  let root: El;
  try {
    root = parseXml(text);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    return { problem: { code: 'EXCHANGE_MALFORMED', message: e.message, pos: e.pos } };
  }
  if (local(root.name) !== 'xliff' || root.attrs.version !== version)
    return {
      problem: {
        code: 'EXCHANGE_MALFORMED',
        message: `This is not an XLIFF ${version} document (\`<xliff version="${version}">\`).`,
        pos: root.pos,
      },
    };
  return { root };
}
