import { Position, Range } from '../diagnostics';
import { JsonPath } from '../model/entity';
import {
  documentAtLine,
  DocumentOutline,
  FileOutline,
  LineScanner,
  lineRange,
  openItem,
  pathOf,
  popWhile,
  splitLine,
  stripComment,
} from './outline';

/** Where the cursor is, in YAML terms, and what has been typed there so far. */
export interface CursorContext {
  outline: FileOutline;
  document: DocumentOutline;
  /**
   * `key`: a key is being written under `path`; `value`: the scalar value of
   * `path`; `item`: a sequence item at `path` (last segment its index), either a
   * scalar or the first key of a mapping.
   */
  mode: 'key' | 'value' | 'item';
  path: JsonPath;
  /** What is typed from the start of the token to the cursor (quotes removed). */
  prefix: string;
  /** The whole token under the cursor: what a completion replaces. */
  range: Range;
  /** Text an inserted value needs before it (a blank right after `key:`). */
  lead: string;
  /** Column where the key or item content starts. */
  column: number;
  /** True inside `[a, b]`. */
  inFlow: boolean;
}

/** Reads the cursor's place; undefined inside comments and block scalars. */
export function cursorContext(outline: FileOutline, pos: Position): CursorContext | undefined {
  const document = documentAtLine(outline, pos.line);
  if (!document) return undefined;
  const scanner = new LineScanner();
  for (let line = document.startLine; line < pos.line; line++) scanner.feed(outline.lines[line], line);
  const full = outline.lines[pos.line] ?? '';
  if (scanner.inBlockScalar(full) && full.trim() !== '') return undefined;
  const before = full.slice(0, pos.character);
  if (stripComment(before) !== before || /^(---|\.\.\.)(\s|$)/.test(before)) return undefined;
  const parts = splitLine(before);
  const stack = scanner.stack;
  for (const dash of parts.dashes) openItem(stack, dash);
  const base = { outline, document };
  if (parts.key) {
    popWhile(stack, f => f.col >= parts.key!.start);
    const path = [...pathOf(stack), parts.key.text];
    return { ...base, ...valueToken(full, pos, parts.value?.start ?? pos.character, path), column: parts.key.start };
  }
  const start = parts.value?.start ?? pos.character;
  const typed = before.slice(start);
  const end = keyTokenEnd(full, pos.character);
  if (parts.dashes.length > 0) {
    const token = quoted(typed, start);
    return { ...base, mode: 'item', path: pathOf(stack), prefix: token.text, range: lineRange(pos.line, token.start, end), lead: '', column: start, inFlow: false };
  }
  popWhile(stack, f => f.col >= start);
  return { ...base, mode: 'key', path: pathOf(stack), prefix: typed, range: lineRange(pos.line, start, end), lead: '', column: start, inFlow: false };
}

/** The value being typed after `key:`, plain, quoted or inside a flow sequence. */
function valueToken(full: string, pos: Position, valueStart: number, path: JsonPath) {
  const typed = full.slice(valueStart, pos.character);
  const lead = valueStart === pos.character && full[pos.character - 1] === ':' ? ' ' : '';
  if (typed.startsWith('[')) {
    const lastSep = Math.max(typed.lastIndexOf('['), typed.lastIndexOf(','));
    const index = (typed.slice(1).match(/,/g) ?? []).length;
    const rawStart = valueStart + lastSep + 1;
    const text = full.slice(rawStart, pos.character);
    const skip = text.length - text.trimStart().length;
    const token = quoted(text.trimStart(), rawStart + skip);
    const end = flowTokenEnd(full, pos.character);
    return { mode: 'value' as const, path: [...path, index], prefix: token.text, range: lineRange(pos.line, token.start, end), lead: '', inFlow: true };
  }
  const token = quoted(typed, valueStart);
  const valueEnd = stripComment(full).trimEnd().length;
  // Inside quotes the closing quote stays.
  const closing = token.start > valueStart && valueEnd - 1 >= pos.character && full[valueEnd - 1] === typed[0] ? 1 : 0;
  const end = Math.max(pos.character, valueEnd - closing);
  return { mode: 'value' as const, path, prefix: token.text, range: lineRange(pos.line, token.start, end), lead, inFlow: false };
}

/** Skips an opening quote: completions replace the text inside it. */
function quoted(text: string, start: number): { text: string; start: number } {
  if (text.startsWith('"') || text.startsWith("'")) return { text: text.slice(1), start: start + 1 };
  return { text, start };
}

function keyTokenEnd(full: string, from: number): number {
  let end = from;
  while (end < full.length && full[end] !== ':' && full[end] !== '#' && !/\s/.test(full[end])) end++;
  return end;
}

function flowTokenEnd(full: string, from: number): number {
  let end = from;
  while (end < full.length && full[end] !== ',' && full[end] !== ']' && full[end] !== '"' && full[end] !== "'" && !/\s/.test(full[end])) end++;
  return end;
}
