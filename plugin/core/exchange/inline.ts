/** A string cut into what translators may change and what they must keep. */
export type Token =
  | { kind: 'text'; text: string }
  /** A placeholder, `$t()` nesting or code span: kept whole. */
  | { kind: 'code'; code: string }
  /** A Markdown link: its text is translated, its markup kept. */
  | { kind: 'link'; open: string; close: string; inner: Token[] }
  /** A glossary term or dataset name: never translated. */
  | { kind: 'term'; text: string };

const CODE = /\{\{[^}]*\}\}|\$t\([^)]*\)|`[^`\n]+`/y;
const LINK = /\[((?:[^\]\\]|\\.)*)\](\([^)\s]*\)|\[[^\]]*\])/y;

/** Tokens of `text`, terms found only in translatable text, longest first. */
export function tokenize(text: string, terms: string[]): Token[] {
  const sorted = [...terms].filter(Boolean).sort((a, b) => b.length - a.length);
  const out: Token[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(...withTerms(plain, sorted));
    plain = '';
  };
  for (let i = 0; i < text.length;) {
    CODE.lastIndex = LINK.lastIndex = i;
    const code = text[i] === '{' || text[i] === '$' || text[i] === '`' ? CODE.exec(text) : null;
    if (code) {
      flush();
      out.push({ kind: 'code', code: code[0] });
      i += code[0].length;
      continue;
    }
    const link = text[i] === '[' ? LINK.exec(text) : null;
    if (link) {
      flush();
      out.push({
        kind: 'link',
        open: '[',
        close: ']' + link[2]!,
        inner: tokenize(link[1]!, terms),
      });
      i += link[0].length;
      continue;
    }
    plain += text[i++];
  }
  flush();
  return out;
}

function withTerms(text: string, terms: string[]): Token[] {
  const out: Token[] = [];
  let rest = text;
  while (rest) {
    let best: { at: number; term: string } | undefined;
    for (const t of terms) {
      const at = findWord(rest, t);
      if (at >= 0 && (!best || at < best.at)) best = { at, term: t };
    }
    if (!best) break;
    if (best.at) out.push({ kind: 'text', text: rest.slice(0, best.at) });
    out.push({ kind: 'term', text: best.term });
    rest = rest.slice(best.at + best.term.length);
  }
  if (rest) out.push({ kind: 'text', text: rest });
  return out;
}

/** The first occurrence of `term` not inside a longer word. */
function findWord(text: string, term: string): number {
  const word = /[\p{L}\p{N}_]/u;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    const before = text[at - 1];
    const after = text[at + term.length];
    if ((!before || !word.test(before)) && (!after || !word.test(after))) return at;
  }
  return -1;
}

/** The text the tokens stand for. */
export function untokenize(tokens: Token[]): string {
  return tokens
    .map((t) =>
      t.kind === 'text' || t.kind === 'term'
        ? t.text
        : t.kind === 'code'
          ? t.code
          : t.open + untokenize(t.inner) + t.close,
    )
    .join('');
}
