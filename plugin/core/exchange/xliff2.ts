import { tokenize, type Token } from './inline.js';
import { codeFaults, termFaults, xliffRoot, type Incoming, type IncomingFile } from './incoming.js';
import type { Unit } from './units.js';
import { esc, kids, local, textOf, type El } from './xml.js';

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Our own attributes (digests at export), in a namespace XLIFF allows on units. */
export const LOCKSTEP_NS = 'urn:lockstep:exchange:1';

const STATE = { missing: 'initial', outdated: 'initial', current: 'translated' } as const;

/** One XLIFF 2.0 document for one namespace of one locale. */
export function writeXliff2(units: Unit[], ns: string, srcLang: string, trgLang: string): string {
  const body = units.map(unitXml).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="${XLIFF2_NS}" xmlns:ls="${LOCKSTEP_NS}" version="2.0" srcLang="${esc(srcLang)}" trgLang="${esc(trgLang)}">
  <file id="${esc(ns)}" original="${esc(ns)}.yaml">
${body}  </file>
</xliff>
`;
}

function unitXml(u: Unit): string {
  const data = new Map<string, string>();
  const ids = { c: 0, m: 0 };
  const registry = new Map<string, string[]>();
  const source = inline(tokenize(u.source, u.terms), data, ids, registry, true);
  const target =
    u.translation === undefined
      ? ''
      : `<target>${inline(tokenize(u.translation, u.terms), data, ids, registry, false)}</target>`;
  const notes = u.notes.map((n) => `<note category="lockstep">${esc(n)}</note>`).join('');
  const original = [...data].map(([code, id]) => `<data id="${id}">${esc(code)}</data>`).join('');
  const sub = u.state === 'outdated' ? ' subState="lockstep:outdated"' : '';
  return `    <unit id="${esc(u.id)}" ls:source="${u.sourceDigest}" ls:translation="${u.translationDigest}">
      <notes>${notes}</notes>
${original ? `      <originalData>${original}</originalData>\n` : ''}      <segment state="${STATE[u.state]}"${sub}><source>${source}</source>${target}</segment>
    </unit>
`;
}

/**
 * Inline markup: codes as `<ph>`, links as `<pc>` (their markup in `originalData`), terms as
 * `<mrk translate="no">`. A target reuses the ids of the source's codes; a code the source lacks
 * stays plain text.
 */
function inline(
  tokens: Token[],
  data: Map<string, string>,
  ids: { c: number; m: number },
  registry: Map<string, string[]>,
  isSource: boolean,
): string {
  const ref = (code: string) => {
    let d = data.get(code);
    if (!d) data.set(code, (d = `d${data.size + 1}`));
    return d;
  };
  const id = (kind: string, key: string) => {
    if (isSource) {
      const made = `${kind}${++ids[kind as 'c' | 'm']}`;
      registry.set(kind + key, [...(registry.get(kind + key) ?? []), made]);
      return made;
    }
    return registry.get(kind + key)?.shift();
  };
  return tokens
    .map((t) => {
      if (t.kind === 'text') return esc(t.text);
      if (t.kind === 'term') {
        const m = id('m', t.text);
        return m ? `<mrk id="${m}" translate="no">${esc(t.text)}</mrk>` : esc(t.text);
      }
      if (t.kind === 'code') {
        const c = id('c', t.code);
        return c ? `<ph id="${c}" dataRef="${ref(t.code)}"/>` : esc(t.code);
      }
      const c = id('c', t.open + t.close);
      const inner = inline(t.inner, data, ids, registry, isSource);
      return c
        ? `<pc id="${c}" dataRefStart="${ref(t.open)}" dataRefEnd="${ref(t.close)}">${inner}</pc>`
        : esc(t.open) + inner + esc(t.close);
    })
    .join('');
}

/** The units of an XLIFF 2.0 document, their targets turned back into text. */
export function readXliff2(text: string): IncomingFile {
  const read = xliffRoot(text, '2.0');
  if ('problem' in read) return { units: [], problem: read.problem };
  const { root } = read;
  const units: Incoming[] = [];
  for (const file of kids(root, 'file'))
    for (const unit of descendants(file, 'unit')) units.push(readUnit(unit));
  const tag = root.attrs.trgLang;
  return { locale: tag ? { tag, pos: root.pos } : undefined, units };
}

function descendants(el: El, name: string): El[] {
  return el.children.flatMap((c) =>
    typeof c === 'string' ? [] : local(c.name) === name ? [c] : descendants(c, name),
  );
}

function readUnit(unit: El): Incoming {
  const data = new Map<string, string>();
  for (const od of kids(unit, 'originalData'))
    for (const d of kids(od, 'data')) data.set(d.attrs.id ?? '', textOf(d));
  const id = unit.attrs.id ?? '';
  const src = { codes: [] as string[], terms: [] as string[] };
  const trg = { codes: [] as string[], terms: [] as string[] };
  let target = '';
  let done = false;
  let hasTarget = false;
  for (const seg of kids(unit, 'segment').concat(kids(unit, 'ignorable'))) {
    const s = kids(seg, 'source')[0];
    const t = kids(seg, 'target')[0];
    if (s) flatten(s, data, src);
    if (t) {
      hasTarget = true;
      target += flatten(t, data, trg);
    }
    if (['translated', 'reviewed', 'final'].includes(seg.attrs.state ?? '')) done = true;
  }
  const attr = (name: string) =>
    Object.entries(unit.attrs).find(([k]) => k.includes(':') && local(k) === name)?.[1];
  return {
    id,
    target,
    // An empty target is not a translation, whatever its state says.
    done: done && hasTarget && target.trim() !== '',
    sourceDigest: attr('source'),
    translationDigest: attr('translation'),
    pos: unit.pos,
    faults: done
      ? [...codeFaults(src.codes, trg.codes, id), ...termFaults(src.terms, trg.terms, id)]
      : [],
  };
}

/** The text of a source or target, codes replaced by their original data. */
function flatten(el: El, data: Map<string, string>, seen: { codes: string[]; terms: string[] }) {
  return el.children
    .map((c): string => {
      if (typeof c === 'string') return c;
      const name = local(c.name);
      if (name === 'ph') {
        seen.codes.push(c.attrs.id ?? '');
        return data.get(c.attrs.dataRef ?? '') ?? '';
      }
      if (name === 'pc') {
        seen.codes.push(c.attrs.id ?? '');
        const start = data.get(c.attrs.dataRefStart ?? '') ?? '';
        return start + flatten(c, data, seen) + (data.get(c.attrs.dataRefEnd ?? '') ?? '');
      }
      const inner = flatten(c, data, seen);
      if (name === 'mrk' && c.attrs.translate === 'no') seen.terms.push(inner);
      return inner;
    })
    .join('');
}
