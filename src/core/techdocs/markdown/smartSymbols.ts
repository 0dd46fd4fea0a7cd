// pymdownx.smartsymbols: (tm) (c) (r) c/o +/- =/= arrows, fractions and ordinal numbers
// (1st → 1<sup>st</sup>), applied to text only (never inside code). markdown-it's typographer
// is left off because MkDocs does not replace quotes or dashes.
import MarkdownIt from 'markdown-it';
import { StateCore, Token } from './env';

const FRACTIONS: Record<string, string> = {
  '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘',
  '1/6': '⅙', '5/6': '⅚', '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞',
};
const SYMBOLS: Record<string, string> = { '(tm)': '™', '(c)': '©', '(r)': '®', 'c/o': '℅', '+/-': '±', '=/=': '≠', '<-->': '↔', '-->': '→', '<--': '←' };
// One pass over the text: longer arrows first, fractions and c/o only as whole words.
const SYMBOL = /\(tm\)|\(c\)|\(r\)|\+\/-|=\/=|<-->|-->|<--|(?<![\w/])(?:c\/o|[1-7]\/[2-8])(?![\w/])/g;
const ORDINAL = /(?<![\w])(\d+)(st|nd|rd|th)(?!\w)/g;

/** Replaces smart symbols in a piece of text. */
export function smartSymbols(text: string): string {
  return text.replace(SYMBOL, m => SYMBOLS[m] ?? FRACTIONS[m] ?? m);
}

function ordinalSuffixFits(n: string, suffix: string): boolean {
  const last = n[n.length - 1];
  const teen = n.length > 1 && n[n.length - 2] === '1';
  const expected = teen ? 'th' : last === '1' ? 'st' : last === '2' ? 'nd' : last === '3' ? 'rd' : 'th';
  return suffix === expected;
}

/** Splits a text token around ordinal numbers into text and <sup> tokens. */
function withOrdinals(state: StateCore, token: Token): Token[] {
  const out: Token[] = [];
  let last = 0;
  const text = token.content;
  const push = (type: string, tag: string, nesting: -1 | 0 | 1, content = '') => {
    const t = new state.Token(type, tag, nesting);
    t.content = content;
    out.push(t);
  };
  for (const m of text.matchAll(ORDINAL)) {
    if (!ordinalSuffixFits(m[1], m[2])) continue;
    const at = m.index ?? 0;
    push('text', '', 0, text.slice(last, at) + m[1]);
    push('sup_open', 'sup', 1);
    push('text', '', 0, m[2]);
    push('sup_close', 'sup', -1);
    last = at + m[0].length;
  }
  if (out.length === 0) return [token];
  push('text', '', 0, text.slice(last));
  return out;
}

const ORDINAL_PROBE = /\d(?:st|nd|rd|th)/;

/** Replaces symbols in the text children of one inline token; children are copied only when ordinals split one. */
function replaceInChildren(state: StateCore, children: Token[]): Token[] | undefined {
  let out: Token[] | undefined;
  let inLink = 0;
  let inAutolink = false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'link_open') {
      inLink++;
      inAutolink = child.markup === 'linkify' || child.markup === 'autolink';
    } else if (child.type === 'link_close') {
      inLink--;
      inAutolink = false;
    } else if (child.type === 'text' && !inAutolink) {
      child.content = smartSymbols(child.content);
      if (inLink === 0 && ORDINAL_PROBE.test(child.content)) {
        const parts = withOrdinals(state, child);
        if (parts.length > 1) {
          out ??= children.slice(0, i);
          out.push(...parts);
          continue;
        }
      }
    }
    out?.push(child);
  }
  return out;
}

/** Adds smart symbols over inline text. */
export function smartSymbolsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('smart_symbols', state => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const replaced = replaceInChildren(state, block.children);
      if (replaced) block.children = replaced;
    }
  });
}
