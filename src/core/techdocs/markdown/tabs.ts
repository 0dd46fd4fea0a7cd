// Content tabs (`=== "Tab"`, pymdownx.tabbed with alternate_style as techdocs-core sets it):
// consecutive tabs form one set, `===!` starts a new set, `===+` selects a tab. The output is
// Material's radio-button markup, so tabs switch with CSS alone (no script).
import MarkdownIt from 'markdown-it';
import { syntaxOff } from './admonitions';
import { indentedBodyEnd, lineText, tokenizeIndented } from './containers';
import { escapeHtml, featuresOf, RenderEnv, StateBlock, Token } from './env';

const TAB = /^===(\+!|!\+|\+|!)?[ \t]+"(.*?)"[ \t]*$/;

export interface TabMeta {
  titles: string[];
  /** Set when a title holds raw HTML, so the chunk is sanitized. */
  rawHtml: boolean;
  selected: number;
  set: number;
}

/** One tab of a set, wherever its syntax put it. */
export interface TabSource {
  title: string;
  selected: boolean;
  /** Its first line and the line after it. */
  start: number;
  end: number;
  /** Its content: lines and indent. */
  contentStart: number;
  contentEnd: number;
  indent: number;
}

/**
 * Pushes a tab set (the same tokens for `===` tabs and `/// tab` blocks): the
 * first tab, then each one `next` finds after the end of the one before.
 * Returns the line after the set.
 */
export function pushTabSet(state: StateBlock, first: TabSource, next: (end: number) => TabSource | undefined): number {
  const env = state.env as RenderEnv;
  env.tabSets = (env.tabSets ?? 0) + 1;
  const meta: TabMeta = { titles: [], rawHtml: false, selected: 0, set: env.tabSets };
  const open = state.push('tabbed_set_open', 'div', 1);
  open.block = true;
  open.meta = meta;
  let end = first.end;
  for (let tab: TabSource | undefined = first; tab; tab = next(end)) {
    if (tab.selected) meta.selected = meta.titles.length;
    meta.titles.push(tab.title);
    meta.rawHtml ||= tab.title.includes('<');
    const block = state.push('tabbed_block_open', 'div', 1);
    block.attrSet('class', 'tabbed-block');
    block.map = [tab.start, tab.end];
    tokenizeIndented(state, tab.contentStart, tab.contentEnd, tab.indent);
    state.push('tabbed_block_close', 'div', -1);
    end = tab.end;
  }
  open.map = [first.start, end];
  state.push('tabbed_set_close', 'div', -1);
  return end;
}

function tabAt(state: StateBlock, line: number, indent: number): RegExpExecArray | null {
  if (line >= state.lineMax || state.sCount[line] !== indent) return null;
  return TAB.exec(lineText(state, line));
}

/** The next tab line of the same set after `line`, skipping blank lines. */
function nextTab(state: StateBlock, line: number, endLine: number, indent: number): number | undefined {
  let next = line;
  while (next < endLine && state.isEmpty(next)) next++;
  const m = next < endLine ? tabAt(state, next, indent) : null;
  return m && !(m[1] ?? '').includes('!') ? next : undefined;
}

function tabsRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const indent = state.sCount[startLine];
  if (!tabAt(state, startLine, indent)) return false;
  const env = state.env as RenderEnv;
  if (!featuresOf(env).tabbed) {
    if (!silent) syntaxOff(env, '===', '/// tab | Title', startLine);
    return false;
  }
  if (silent) return true;
  const tabFrom = (line: number): TabSource => {
    const m = tabAt(state, line, indent) as RegExpExecArray;
    const end = indentedBodyEnd(state, line, endLine, indent + 4);
    return { title: m[2], selected: (m[1] ?? '').includes('+'), start: line, end, contentStart: line + 1, contentEnd: end, indent: indent + 4 };
  };
  state.line = pushTabSet(state, tabFrom(startLine), end => {
    const line = nextTab(state, end, endLine, indent);
    return line === undefined ? undefined : tabFrom(line);
  });
  return true;
}

function renderSetOpen(md: MarkdownIt, tokens: Token[], idx: number): string {
  const meta = tokens[idx].meta as TabMeta;
  const id = (i: number) => `__tabbed_${meta.set}_${i + 1}`;
  const inputs = meta.titles.map((_, i) => `<input${i === meta.selected ? ' checked="checked"' : ''} id="${id(i)}" name="__tabbed_${meta.set}" type="radio">`).join('');
  const labels = meta.titles.map((t, i) => `<label for="${id(i)}">${md.renderInline(t)}</label>`).join('');
  const line = tokens[idx].attrGet('data-line');
  return `<div class="tabbed-set tabbed-alternate" data-tabs="${meta.set}:${meta.titles.length}"${line !== null ? ` data-line="${escapeHtml(line)}"` : ''}>${inputs}<div class="tabbed-labels">${labels}</div>\n<div class="tabbed-content">\n`;
}

/** Adds `=== "Tab"` content tabs. */
export function tabsPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'tabbed', tabsRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.tabbed_set_open = (tokens, idx) => renderSetOpen(md, tokens, idx);
  md.renderer.rules.tabbed_set_close = () => '</div>\n</div>\n';
}
