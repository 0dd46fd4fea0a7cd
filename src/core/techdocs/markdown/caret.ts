// `^^insert^^` (pymdownx.caret) as <ins>. markdown-it-sup keeps `^sup^`; this rule runs first
// and only takes doubled carets, with the same delimiter pairing markdown-it uses for `~~`.
import MarkdownIt from 'markdown-it';
import { StateInline } from './env';

const CARET = 0x5e;

function tokenize(state: StateInline, silent: boolean): boolean {
  if (silent || state.src.charCodeAt(state.pos) !== CARET) return false;
  const scanned = state.scanDelims(state.pos, true);
  let len = scanned.length;
  if (len < 2) return false;
  if (len % 2) {
    state.push('text', '', 0).content = '^';
    len--;
  }
  for (let i = 0; i < len; i += 2) {
    state.push('text', '', 0).content = '^^';
    state.delimiters.push({ marker: CARET, length: 0, token: state.tokens.length - 1, end: -1, open: scanned.can_open, close: scanned.can_close });
  }
  state.pos += scanned.length;
  return true;
}

type Delimiter = StateInline['delimiters'][number];

function pair(state: StateInline, delimiters: Delimiter[]): void {
  for (const start of delimiters) {
    if (start.marker !== CARET || start.end === -1) continue;
    const end = delimiters[start.end];
    Object.assign(state.tokens[start.token], { type: 'ins_open', tag: 'ins', nesting: 1, markup: '^^', content: '' });
    Object.assign(state.tokens[end.token], { type: 'ins_close', tag: 'ins', nesting: -1, markup: '^^', content: '' });
  }
}

function postProcess(state: StateInline): boolean {
  pair(state, state.delimiters);
  for (const meta of state.tokens_meta) if (meta?.delimiters) pair(state, meta.delimiters);
  return false;
}

/** Adds `^^insert^^`. */
export function caretPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'caret_insert', tokenize);
  md.inline.ruler2.before('emphasis', 'caret_insert', postProcess);
}
