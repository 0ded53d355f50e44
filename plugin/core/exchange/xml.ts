import { positions } from '../problems.js';

/**
 * A strict reader for the XML Lockstep exchanges (XLIFF): elements, attributes, text, comments,
 * CDATA and the five entities plus character references. A DOCTYPE is refused (no entity expansion
 * from files that come back from outside); anything not well formed is an error with its position.
 */
export interface Pos {
  line: number;
  col: number;
}
export interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  pos: Pos;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(text: string): El {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const posAt = positions(text);
  const fail = (message: string, at = i): never => {
    throw new XmlError(message, posAt(at));
  };
  const decode = (raw: string, at: number) =>
    raw.replace(/&([^;&\s]{0,10});?/g, (m, name: string, off: number) => {
      if (!m.endsWith(';')) fail('A bare `&`: write `&amp;`.', at + off);
      if (name in ENTITIES) return ENTITIES[name]!;
      const code = /^#x([0-9a-f]+)$/i.exec(name)
        ? parseInt(name.slice(2), 16)
        : /^#\d+$/.test(name)
          ? Number(name.slice(1))
          : NaN;
      if (!(code > 0 && code <= 0x10ffff)) fail(`Unknown entity \`&${name};\`.`, at + off);
      return String.fromCodePoint(code);
    });
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(text) ?? fail('Expected a name here.');
    i += m[0].length;
    return m[0];
  };
  const space = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const skipMisc = () => {
    for (;;) {
      space();
      if (text.startsWith('<?', i)) i = end('?>', 'A processing instruction');
      else if (text.startsWith('<!--', i)) i = end('-->', 'A comment');
      else if (text.startsWith('<!', i)) fail('A DOCTYPE or declaration is not allowed here.');
      else return;
    }
  };
  const end = (close: string, what: string) => {
    const at = text.indexOf(close, i);
    if (at < 0) fail(`${what} is never closed (\`${close}\`).`);
    return at + close.length;
  };
  const element = (): El => {
    const start = i;
    i++; // <
    const el: El = { name: name(), attrs: {}, children: [], pos: posAt(start) };
    for (;;) {
      space();
      if (text.startsWith('/>', i)) return ((i += 2), el);
      if (text[i] === '>') break;
      const at = i;
      const attr = name();
      space();
      if (text[i] !== '=') fail(`Attribute \`${attr}\` needs \`="value"\`.`);
      i++;
      space();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail(`The value of \`${attr}\` must be quoted.`);
      const close = text.indexOf(quote!, i + 1);
      if (close < 0) fail(`The value of \`${attr}\` is never closed.`);
      const raw = text.slice(i + 1, close);
      if (raw.includes('<')) fail(`The value of \`${attr}\` holds a \`<\`: write \`&lt;\`.`, i);
      if (attr in el.attrs) fail(`Attribute \`${attr}\` is given twice.`, at);
      el.attrs[attr] = decode(raw, i + 1);
      i = close + 1;
    }
    i++; // >
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) fail(`\`<${el.name}>\` is never closed.`, start);
      if (lt > i) el.children.push(decode(text.slice(i, lt), i));
      i = lt;
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name)
          fail(`\`</${closing}>\` closes \`<${el.name}>\` (line ${posAt(start).line}).`, lt);
        space();
        if (text[i] !== '>') fail('Expected `>`.');
        i++;
        return el;
      }
      if (text.startsWith('<!--', i)) i = end('-->', 'A comment');
      else if (text.startsWith('<![CDATA[', i)) {
        const close = end(']]>', 'A CDATA section');
        el.children.push(text.slice(i + 9, close - 3));
        i = close;
      } else if (text.startsWith('<?', i)) i = end('?>', 'A processing instruction');
      else if (text.startsWith('<!', i)) fail('A declaration is not allowed here.');
      else el.children.push(element());
    }
  };
  skipMisc();
  if (text[i] !== '<') fail('The file is not XML: expected `<` to open its root element.');
  const root = element();
  skipMisc();
  if (i < text.length) fail('Text after the root element.');
  return root;
}

/** Child elements named `name` (local name: any prefix ignored). */
export const kids = (el: El, name: string): El[] =>
  el.children.filter((c): c is El => typeof c !== 'string' && local(c.name) === name);
export const local = (name: string) => name.slice(name.indexOf(':') + 1);
/** All text inside `el`. */
export const textOf = (el: El): string =>
  el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
