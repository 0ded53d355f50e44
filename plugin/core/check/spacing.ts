import { q } from '../problems.js';
import type { Check } from './types.js';

/**
 * A Markdown link, inline `[text](url "title")` or by reference `[text][id]`, with one level of
 * brackets in its text and of parentheses in its address.
 */
const LINK =
  /\[((?:[^[\]\n]|\[[^[\]\n]*\])*)\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"\n]*")?\)|\[[^[\]\n]*\])/gu;
const LETTER = /\p{L}/u;
/** Scripts written without spaces between words, or whose particles join the word before them. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/** A letter that, next to a link, joins the link's words to another word on the page. */
const joins = (c: string | undefined) => !!c && LETTER.test(c) && !UNSPACED.test(c);

const NONE: string[] = [];

/** The links whose words run into the word before or after them, as the page would show it. */
function glued(text: string): string[] {
  if (!text.includes('](') && !text.includes('][')) return NONE;
  const out: string[] = [];
  for (const m of text.matchAll(LINK)) {
    const at = m.index;
    // An image is not words on the page.
    if (text[at - 1] === '!') continue;
    // Both sides of the edge count: `Teams[的雲端]` is how Chinese sets a Latin word beside its own.
    const words = [...m[1]!];
    const before = joins(text[at - 1]) && !UNSPACED.test(words[0] ?? '') ? text[at - 1] : '';
    const after =
      joins(text[at + m[0].length]) && !UNSPACED.test(words.at(-1) ?? '')
        ? text[at + m[0].length]
        : '';
    if (before || after) out.push(`${before}[${m[1]}]…${after}`);
  }
  return out;
}

/**
 * A link glued to the next or the previous word (`[cloud][voice]de` shows as "cloudde"), where the
 * source keeps its links apart: machine translation often drops the space beside a link.
 */
export const linkSpacing: Check = (source, translation, _ctx, out = []) => {
  const found = glued(translation);
  if (found.length && found.length > glued(source).length)
    out.push({
      code: 'LINK_SPACING',
      message: `A link runs into the word beside it (${found.map(q).join(', ')}), so the page shows the two words as one; put a space between the link and the word.`,
    });
  return out;
};
