// GitHub alerts (`> [!NOTE]` as the first line of a blockquote), which techdocs-core turns
// into admonitions through its gh-admonitions plugin: rendered as `admonition note` blocks.
import MarkdownIt from 'markdown-it';
import { StateCore, Token } from './env';

const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

/** Index of the token closing the block opened at `open`. */
function closingIndex(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i].nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

function convert(state: StateCore, at: number): void {
  const tokens = state.tokens;
  const inline = tokens[at + 2];
  const m = ALERT.exec(inline.content) as RegExpExecArray;
  const type = m[1].toLowerCase();
  const close = closingIndex(tokens, at);
  Object.assign(tokens[at], { type: 'admonition_open', tag: 'div', markup: '' });
  tokens[at].attrSet('class', `admonition ${type}`);
  Object.assign(tokens[close], { type: 'admonition_close', tag: 'div', markup: '' });
  inline.content = inline.content.slice(m[0].length);
  const title = [new state.Token('admonition_title_open', 'p', 1), new state.Token('inline', '', 0), new state.Token('admonition_title_close', 'p', -1)];
  title[0].attrSet('class', 'admonition-title');
  title[1].content = type[0].toUpperCase() + type.slice(1);
  title[1].children = [];
  title[0].map = tokens[at].map;
  title[0].block = true;
  title[2].block = true;
  // The marker alone made up the paragraph: drop the empty paragraph.
  const removed = inline.content.trim() === '' ? 3 : 0;
  tokens.splice(at + 1, removed, ...title);
}

/** Turns `> [!TYPE]` blockquotes into admonitions (before inline parsing). */
export function githubAlertsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('block', 'github_alerts', state => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length - 2; i++) {
      if (tokens[i].type === 'blockquote_open' && tokens[i + 1].type === 'paragraph_open' && ALERT.test(tokens[i + 2].content)) convert(state, i);
    }
  });
}
