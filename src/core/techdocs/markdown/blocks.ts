// pymdownx.blocks' admonition, details and tab (`/// note | Title` ... `///`), which
// techdocs-core enables with `use_pymdownx_blocks: true`. A block opens with three or more
// slashes and a name, an optional `| argument`, then options as YAML lines indented by four
// spaces; it ends at a line of as many slashes (or with its container). The output is the
// same markup the `!!!`, `???` and `===` plugins write, so the theme and scripts apply alike.
import MarkdownIt from 'markdown-it';
import * as YAML from 'yaml';
import { lineText, tokenizeIndented } from './containers';
import { addProblem, featuresOf, RenderEnv, StateBlock } from './env';
import { BlockType } from './features';
import { safeStyle } from './sanitize';
import { pushTabSet, TabSource } from './tabs';

const HEADER = /^(\/{3,})[ ]*([\p{L}\p{N}_-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?$/u;
const END = /^(\/{3,})[ ]*$/;
const FENCE = /^(`{3,}|~{3,})/;
/** An HTML identifier as pymdownx.blocks checks one (class names, ids, `type`). */
const IDENTIFIER = /^(?:-?[_a-zA-Z\u00a0-\uffff]|--)[-_a-zA-Z0-9\u00a0-\uffff]*$/;
/** Attributes `attrs` may set here; event handlers and the like are never written. */
const SAFE_ATTRIBUTE = /^(?:id|class|title|lang|dir|style|data-[\w-]+)$/;

type Kind = 'admonition' | 'details' | 'tab';

interface Header {
  length: number;
  kind: Kind;
  type?: BlockType;
  /** The `| argument`; undefined without a bar, '' with an empty one. */
  argument?: string;
}

interface Block extends Header {
  /** The header line. */
  start: number;
  options: Options;
  /** First content line, end fence line (or the container's end) and the line after the block. */
  contentStart: number;
  contentEnd: number;
  next: number;
}

interface Options {
  type?: string;
  open: boolean;
  new: boolean;
  select: boolean;
  attrs: [string, string][];
}

type OptionSpec = Record<string, (value: unknown, options: Options) => boolean>;

const bool = (key: 'open' | 'new' | 'select') => (value: unknown, options: Options) => typeof value === 'boolean' && ((options[key] = value), true);
const typeOption = (value: unknown, options: Options) => typeof value === 'string' && IDENTIFIER.test(value) && ((options.type = value), true);

const SPECS: Record<string, OptionSpec> = {
  admonition: { type: typeOption, attrs: parseAttrs },
  namedAdmonition: { attrs: parseAttrs },
  details: { open: bool('open'), type: typeOption, attrs: parseAttrs },
  namedDetails: { open: bool('open'), attrs: parseAttrs },
  tab: { new: bool('new'), select: bool('select'), attrs: parseAttrs },
};

/** The built-in `attrs` option: a map of attribute names to values (`class` may list several). */
function parseAttrs(value: unknown, options: Options): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const [key, raw] of Object.entries(value)) {
    if (!IDENTIFIER.test(key) || typeof raw !== 'string') return false;
    const name = key.toLowerCase();
    if (name === 'class' && !raw.split(' ').filter(Boolean).every(c => IDENTIFIER.test(c))) return false;
    if (name === 'id' && !IDENTIFIER.test(raw)) return false;
    if (!SAFE_ATTRIBUTE.test(name)) continue;
    const safe = name === 'style' ? safeStyle(raw) : raw;
    if (safe !== undefined) options.attrs.push([name, safe]);
  }
  return true;
}

/** The block header at a line: its parts, or 'unknown' for a header naming no enabled block. */
function headerAt(state: StateBlock, line: number): Header | 'unknown' | undefined {
  if (line >= state.lineMax || state.sCount[line] < state.blkIndent || state.sCount[line] - state.blkIndent >= 4) return undefined;
  if (state.src.charCodeAt(state.bMarks[line] + state.tShift[line]) !== 0x2f /* / */) return undefined;
  const features = featuresOf(state.env as RenderEnv);
  if (!features.blockAdmonitions && !features.blockDetails && !features.blockTabs) return undefined;
  const m = HEADER.exec(lineText(state, line));
  if (!m) return undefined;
  const name = m[2].toLowerCase();
  const base = { length: m[1].length, argument: m[3] };
  if (features.blockTabs && name === 'tab') return { ...base, kind: 'tab' };
  if (features.blockAdmonitions && name === 'admonition') return { ...base, kind: 'admonition' };
  if (features.blockDetails && name === 'details') return { ...base, kind: 'details' };
  const admonition = features.blockAdmonitions?.find(t => t.name === name);
  if (admonition) return { ...base, kind: 'admonition', type: admonition };
  const details = features.blockDetails?.find(t => t.name === name);
  return details ? { ...base, kind: 'details', type: details } : 'unknown';
}

/** The block names a site knows, for the warning about an unknown one. */
function knownNames(state: StateBlock): string {
  const features = featuresOf(state.env as RenderEnv);
  const names = [
    ...(features.blockAdmonitions ? ['admonition', ...features.blockAdmonitions.map(t => t.name)] : []),
    ...(features.blockDetails ? ['details', ...features.blockDetails.map(t => t.name)] : []),
    ...(features.blockTabs ? ['tab'] : []),
  ];
  return names.join(', ');
}

/** The option lines under a header (indented four or more), parsed; undefined with the reason when invalid. */
function readOptions(state: StateBlock, header: Header, line: number, endLine: number): { options?: Options; reason?: string; next: number } {
  const options: Options = { open: false, new: false, select: false, attrs: [] };
  let next = line;
  const yaml: string[] = [];
  while (next < endLine && !state.isEmpty(next) && state.sCount[next] - state.blkIndent >= 4) yaml.push(lineText(state, next++));
  if (yaml.length === 0) return { options, next };
  let value: unknown;
  try {
    value = YAML.parse(yaml.join('\n'), { version: '1.1' }) ?? {};
  } catch {
    return { reason: 'its option lines are not valid YAML', next };
  }
  if (typeof value !== 'object' || Array.isArray(value)) return { reason: 'its option lines must be "key: value" pairs', next };
  const spec = SPECS[header.type ? (header.kind === 'admonition' ? 'namedAdmonition' : 'namedDetails') : header.kind];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!spec[key]) return { reason: `it has no option "${key}" (it takes ${Object.keys(spec).join(', ')})`, next };
    if (!spec[key](v, options)) return { reason: `the value of "${key}" is not valid`, next };
  }
  return { options, next };
}

/** The line of the end fence (as many slashes as the header), skipping fenced code; undefined when there is none. */
function endFence(state: StateBlock, from: number, endLine: number, length: number): number | undefined {
  let fence: string | undefined;
  for (let line = from; line < endLine; line++) {
    if (state.isEmpty(line) || state.sCount[line] < state.blkIndent) continue;
    const text = lineText(state, line);
    const opener = FENCE.exec(text);
    if (fence) {
      if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length && text.trim() === opener[1]) fence = undefined;
      continue;
    }
    if (opener) fence = opener[1];
    else if (state.sCount[line] - state.blkIndent < 4 && END.exec(text)?.[1].length === length) return line;
  }
  return undefined;
}

/** Reads the block whose header is at `line`; undefined (with a warning unless silent) when it is not valid. */
function readBlock(state: StateBlock, line: number, endLine: number, silent: boolean): Block | undefined {
  const header = headerAt(state, line);
  if (header === 'unknown' && !silent) {
    addProblem(state.env as RenderEnv, 'warning', 'block-unknown', `"${lineText(state, line)}" names no block this site enables (${knownNames(state)}); pymdownx.blocks leaves it as plain text.`, line);
  }
  if (!header || header === 'unknown') return undefined;
  const { options, reason, next } = readOptions(state, header, line + 1, endLine);
  const invalid = reason ?? (header.kind === 'tab' && !header.argument ? 'a tab needs a title ("/// tab | Title")' : undefined);
  if (!options || invalid) {
    if (!silent) addProblem(state.env as RenderEnv, 'warning', 'block-invalid', `This "${'/'.repeat(header.length)}" block is not recognised because ${invalid}; pymdownx.blocks leaves it as plain text.`, line);
    return undefined;
  }
  const end = endFence(state, next, endLine, header.length);
  return { ...header, start: line, options, contentStart: next, contentEnd: end ?? endLine, next: end === undefined ? endLine : end + 1 };
}

/** The block's classes (its own, then those of `attrs`), then the other `attrs`. */
function setAttrs(token: ReturnType<StateBlock['push']>, classes: string[], options: Options): void {
  const all = [...classes, ...options.attrs.filter(([name]) => name === 'class').flatMap(([, value]) => value.split(' ').filter(Boolean))];
  if (all.length > 0) token.attrSet('class', all.join(' '));
  for (const [name, value] of options.attrs) if (name !== 'class') token.attrSet(name, value);
}

/** Python's str.capitalize(): the first letter upper case, the rest lower. */
function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1).toLowerCase() : text;
}

/** The title of an admonition or the summary of a details block, as pymdownx.blocks picks it. */
function titleOf(block: Block, type: string | undefined): string | undefined {
  if (block.argument !== undefined) return block.argument || undefined;
  if (block.type?.title) return block.type.title;
  return type ? capitalize(type) : undefined;
}

function pushContainer(state: StateBlock, block: Block): void {
  const line = block.start;
  const details = block.kind === 'details';
  const type = block.type?.className ?? block.options.type;
  const open = state.push(details ? 'details_open' : 'admonition_open', details ? 'details' : 'div', 1);
  open.block = true;
  open.map = [line, block.next];
  setAttrs(open, details ? (type ? [type] : []) : ['admonition', ...(type && type !== 'admonition' ? [type] : [])], block.options);
  if (details && block.options.open) open.attrSet('open', '');
  const title = titleOf(block, type);
  if (title !== undefined) {
    const titleOpen = state.push(details ? 'details_summary_open' : 'admonition_title_open', details ? 'summary' : 'p', 1);
    if (!details) titleOpen.attrSet('class', 'admonition-title');
    titleOpen.map = [line, line + 1];
    const inline = state.push('inline', '', 0);
    inline.content = title;
    inline.map = [line, line + 1];
    inline.children = [];
    state.push(details ? 'details_summary_close' : 'admonition_title_close', details ? 'summary' : 'p', -1);
  }
  tokenizeIndented(state, block.contentStart, block.contentEnd, state.blkIndent);
  state.push(details ? 'details_close' : 'admonition_close', details ? 'details' : 'div', -1).block = true;
}

/** The next tab of the same set after `line` (blank lines between are fine; `new: true` starts another set). */
function nextTab(state: StateBlock, line: number, endLine: number): Block | undefined {
  let next = line;
  while (next < endLine && state.isEmpty(next)) next++;
  const header = headerAt(state, next);
  if (!header || header === 'unknown' || header.kind !== 'tab') return undefined;
  const block = readBlock(state, next, endLine, true);
  return block && !block.options.new ? block : undefined;
}

/** A tab set of consecutive tabs; attrs of a tab are not written (the set's markup is fixed). */
function pushTabs(state: StateBlock, first: Block, endLine: number): number {
  const tabOf = (block: Block): TabSource => ({
    title: block.argument as string,
    selected: block.options.select,
    start: block.start,
    end: block.next,
    contentStart: block.contentStart,
    contentEnd: block.contentEnd,
    indent: state.blkIndent,
  });
  return pushTabSet(state, tabOf(first), end => {
    const block = nextTab(state, end, endLine);
    return block && tabOf(block);
  });
}

function blocksRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const block = readBlock(state, startLine, endLine, silent);
  if (!block) return false;
  if (silent) return true;
  if (block.kind === 'tab') state.line = pushTabs(state, block, endLine);
  else {
    pushContainer(state, block);
    state.line = block.next;
  }
  return true;
}

/** Adds `/// name | argument` ... `///` blocks (only for sites that enable them). */
export function blocksPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'pymdownx_blocks', blocksRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
