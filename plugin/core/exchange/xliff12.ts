import { tokenize, type Token } from './inline.js';
import { codeFaults, termFaults, xliffRoot, type Incoming, type IncomingFile } from './incoming.js';
import { LOCKSTEP_NS } from './xliff2.js';
import type { Unit } from './units.js';
import { esc, kids, local, textOf, type El } from './xml.js';

const STATE = { missing: 'new', outdated: 'needs-translation', current: 'translated' } as const;
const DONE = new Set(['translated', 'signed-off', 'final', 'needs-review-translation']);

/** One XLIFF 1.2 document for one namespace of one locale. */
export function writeXliff12(units: Unit[], ns: string, srcLang: string, trgLang: string): string {
  const body = units.map(unitXml).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:ls="${LOCKSTEP_NS}" version="1.2">
  <file original="${esc(ns)}.yaml" source-language="${esc(srcLang)}" target-language="${esc(trgLang)}" datatype="plaintext">
    <body>
${body}    </body>
  </file>
</xliff>
`;
}

function unitXml(u: Unit): string {
  const registry = new Map<string, string[]>();
  const n = { id: 0 };
  const source = inline(tokenize(u.source, u.terms), registry, n, true);
  const target =
    u.translation === undefined ? '' : inline(tokenize(u.translation, u.terms), registry, n, false);
  const notes = u.notes.map((t) => `<note from="lockstep">${esc(t)}</note>`).join('');
  return `      <trans-unit id="${esc(u.id)}" ls:source="${u.sourceDigest}" ls:translation="${u.translationDigest}">
        <source>${source}</source><target state="${STATE[u.state]}">${target}</target>
        ${notes}
      </trans-unit>
`;
}

/**
 * Codes as `<ph>` and links as `<bpt>`/`<ept>`, each holding its native markup; terms as
 * `<mrk mtype="protected">`. A target reuses the source's ids.
 */
function inline(
  tokens: Token[],
  registry: Map<string, string[]>,
  n: { id: number },
  isSource: boolean,
): string {
  const id = (key: string) => {
    if (!isSource) return registry.get(key)?.shift();
    const made = String(++n.id);
    registry.set(key, [...(registry.get(key) ?? []), made]);
    return made;
  };
  return tokens
    .map((t) => {
      if (t.kind === 'text') return esc(t.text);
      if (t.kind === 'term') return `<mrk mtype="protected">${esc(t.text)}</mrk>`;
      if (t.kind === 'code') {
        const c = id(t.code);
        return c ? `<ph id="${c}">${esc(t.code)}</ph>` : esc(t.code);
      }
      const c = id(t.open + t.close);
      const inner = inline(t.inner, registry, n, isSource);
      return c
        ? `<bpt id="${c}">${esc(t.open)}</bpt>${inner}<ept id="${c}">${esc(t.close)}</ept>`
        : esc(t.open) + inner + esc(t.close);
    })
    .join('');
}

/** The units of an XLIFF 1.2 document, their targets turned back into text. */
export function readXliff12(text: string): IncomingFile {
  const read = xliffRoot(text, '1.2');
  if ('problem' in read) return { units: [], problem: read.problem };
  const { root } = read;
  const units: Incoming[] = [];
  let locale: IncomingFile['locale'];
  for (const file of kids(root, 'file')) {
    const tag = file.attrs['target-language'];
    if (tag && !locale) locale = { tag, pos: file.pos };
    for (const body of kids(file, 'body')) for (const u of units12(body)) units.push(readUnit(u));
  }
  return { locale, units };
}

const units12 = (el: El): El[] =>
  el.children.flatMap((c) =>
    typeof c === 'string'
      ? []
      : local(c.name) === 'trans-unit'
        ? [c]
        : local(c.name) === 'group'
          ? units12(c)
          : [],
  );

function readUnit(unit: El): Incoming {
  const id = unit.attrs.id ?? '';
  const src = { codes: [] as string[], terms: [] as string[] };
  const trg = { codes: [] as string[], terms: [] as string[] };
  const s = kids(unit, 'source')[0];
  const t = kids(unit, 'target')[0];
  if (s) flatten(s, src);
  const target = t ? flatten(t, trg) : '';
  const done = !!t && DONE.has(t.attrs.state ?? 'translated') && target.trim() !== '';
  const attr = (name: string) =>
    Object.entries(unit.attrs).find(([k]) => k.includes(':') && local(k) === name)?.[1];
  return {
    id,
    target,
    done,
    sourceDigest: attr('source'),
    translationDigest: attr('translation'),
    pos: unit.pos,
    faults: done
      ? [...codeFaults(src.codes, trg.codes, id), ...termFaults(src.terms, trg.terms, id)]
      : [],
  };
}

function flatten(el: El, seen: { codes: string[]; terms: string[] }): string {
  return el.children
    .map((c): string => {
      if (typeof c === 'string') return c;
      const name = local(c.name);
      if (name === 'ph' || name === 'bpt') seen.codes.push(name + (c.attrs.id ?? ''));
      if (name === 'ept') seen.codes.push('ept' + (c.attrs.id ?? ''));
      if (['ph', 'bpt', 'ept', 'it'].includes(name)) return textOf(c);
      const inner = flatten(c, seen);
      if (name === 'mrk' && c.attrs.mtype === 'protected') seen.terms.push(inner);
      return inner;
    })
    .join('');
}
