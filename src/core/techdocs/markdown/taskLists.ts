// Task lists (`- [x] done`), written as pymdownx.tasklist with custom_checkbox (as
// techdocs-core sets it), so Material's checkbox styling applies. Checkboxes are read-only.
import MarkdownIt from 'markdown-it';
import { StateCore, Token } from './env';

const BOX = /^\[([ xX])\][ \t]+/;

function parentList(tokens: Token[], itemIndex: number): Token | undefined {
  for (let i = itemIndex - 1; i >= 0; i--) if (tokens[i].level === tokens[itemIndex].level - 1) return tokens[i];
  return undefined;
}

function markItem(state: StateCore, tokens: Token[], at: number): void {
  const inline = tokens[at];
  const m = BOX.exec(inline.content) as RegExpExecArray;
  const first = inline.children?.[0];
  if (!first || first.type !== 'text' || !BOX.test(first.content)) return;
  first.content = first.content.replace(BOX, '');
  inline.content = inline.content.slice(m[0].length);
  const box = new state.Token('html_inline', '', 0);
  box.content = `<label class="task-list-control"><input type="checkbox" disabled${m[1] === ' ' ? '' : ' checked'}><span class="task-list-indicator"></span></label> `;
  inline.children?.unshift(box);
  tokens[at - 2].attrJoin('class', 'task-list-item');
  const list = parentList(tokens, at - 2);
  if (list && !(list.attrGet('class') ?? '').includes('task-list')) list.attrJoin('class', 'task-list');
}

/** Adds `[ ]` and `[x]` list items. */
export function taskListsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'task_lists', state => {
    const tokens = state.tokens;
    for (let i = 2; i < tokens.length; i++) {
      if (tokens[i].type === 'inline' && tokens[i - 1].type === 'paragraph_open' && tokens[i - 2].type === 'list_item_open' && BOX.test(tokens[i].content)) markItem(state, tokens, i);
    }
  });
}
