// Admonitions (`!!! note "Title"`) and collapsible details (`??? note`, `???+ note` open),
// as Python-Markdown's admonition and pymdownx.details write them, so Material's CSS classes
// (`admonition note`, `details.note`) apply.
import MarkdownIt from 'markdown-it';
import { indentedBodyEnd, lineText, tokenizeIndented } from './containers';
import { addProblem, featuresOf, RenderEnv, StateBlock } from './env';

const MARKER = /^(!!!|\?\?\?\+?)(?:[ \t]+([\w-]+(?:[ \t]+[\w-]+)*))?(?:[ \t]+"(.*?)")?[ \t]*$/;

interface Marker {
  kind: 'admonition' | 'details';
  open: boolean;
  classes: string[];
  title: string | undefined;
}

/** Parses a marker line; undefined when the line is not one. */
export function parseMarker(text: string): Marker | undefined {
  const m = MARKER.exec(text);
  if (!m || (!m[2] && m[3] === undefined)) return undefined;
  const classes = (m[2] ?? '').split(/[ \t]+/).filter(Boolean);
  // Without a quoted title the first class, capitalised, is the title; `""` means no title.
  const title = m[3] !== undefined ? m[3] : classes[0] ? classes[0][0].toUpperCase() + classes[0].slice(1).toLowerCase() : undefined;
  return { kind: m[1] === '!!!' ? 'admonition' : 'details', open: m[1] === '???+', classes, title };
}

function admonitionRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const marker = parseMarker(lineText(state, startLine));
  if (!marker) return false;
  const env = state.env as RenderEnv;
  if (!featuresOf(env)[marker.kind === 'admonition' ? 'admonition' : 'details']) {
    if (!silent) syntaxOff(env, marker.kind === 'admonition' ? '!!!' : '???', marker.kind === 'admonition' ? '/// note | Title' : '/// details | Summary', startLine);
    return false;
  }
  if (silent) return true;
  const indent = state.sCount[startLine] + 4;
  const end = indentedBodyEnd(state, startLine, endLine, indent);
  const details = marker.kind === 'details';
  const open = state.push(`${marker.kind}_open`, details ? 'details' : 'div', 1);
  open.block = true;
  open.map = [startLine, end];
  open.attrSet('class', details ? marker.classes.join(' ') : ['admonition', ...marker.classes].join(' '));
  if (!open.attrGet('class')) open.attrs = null;
  if (marker.open) open.attrSet('open', '');
  pushTitle(state, marker, details, startLine);
  tokenizeIndented(state, startLine + 1, end, indent);
  state.push(`${marker.kind}_close`, details ? 'details' : 'div', -1).block = true;
  state.line = end;
  return true;
}

function pushTitle(state: StateBlock, marker: Marker, details: boolean, line: number): void {
  if (marker.title === undefined || (marker.title === '' && !details)) return;
  const open = state.push(details ? 'details_summary_open' : 'admonition_title_open', details ? 'summary' : 'p', 1);
  if (!details) open.attrSet('class', 'admonition-title');
  open.map = [line, line + 1];
  const inline = state.push('inline', '', 0);
  inline.content = marker.title || (marker.classes[0] ?? 'Details');
  inline.map = [line, line + 1];
  inline.children = [];
  state.push(details ? 'details_summary_close' : 'admonition_title_close', details ? 'summary' : 'p', -1);
}

/** Warns that a container syntax is off for this site (use_pymdownx_blocks turns on the `///` ones instead). */
export function syntaxOff(env: RenderEnv, written: string, instead: string, line: number): void {
  addProblem(env, 'warning', 'syntax-not-enabled', `"${written}" blocks are not enabled for this site: with use_pymdownx_blocks, techdocs-core enables pymdownx.blocks instead, so Backstage shows this as plain text. Write "${instead}" ... "///".`, line);
}

/** Adds `!!!`, `???` and `???+` blocks. */
export function admonitionsPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'admonition', admonitionRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
