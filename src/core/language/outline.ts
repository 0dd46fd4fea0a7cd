import { Position, Range } from '../diagnostics';
import { JsonPath } from '../model/entity';

// Editors ask about half-typed files: `owner: te`, a key without its colon, an
// empty line where a key will go. A YAML parser gives up or guesses there, so
// the language features read block YAML line by line, the way a person does:
// indentation says which key a line belongs to.

/** One key or sequence item written on a line, with where its parts are. */
export interface OutlineEntry {
  line: number;
  /** Path of the node the line names: parent path + key, or parent path + item index. */
  path: JsonPath;
  /** The key, for `key: value` lines. */
  key?: string;
  keyRange?: Range;
  /** The inline scalar as read (quotes removed); undefined for no value, a block or a flow collection. */
  value?: string;
  /** The scalar as written, quotes included. */
  valueRange?: Range;
  /** Items of an inline flow sequence `[a, b]`. */
  flowItems?: FlowItem[];
  /** True when the value is a block scalar (`|`, `>`). */
  blockScalar?: boolean;
}

export interface FlowItem {
  value: string;
  range: Range;
}

/** The lines of one YAML document. */
export interface DocumentOutline {
  /** Zero-based document index, as the catalog parser numbers them. */
  index: number;
  startLine: number;
  /** First line after the document. */
  endLine: number;
  entries: OutlineEntry[];
}

/** A whole file read as outlines, one per document. */
export interface FileOutline {
  lines: string[];
  documents: DocumentOutline[];
}

/** A position inside the nesting: a key (`key`) or an item of a sequence (`item`). */
export interface Frame {
  col: number;
  type: 'key' | 'item';
  key?: string;
  index?: number;
}

/** What one line holds, split into its parts. */
export interface LineParts {
  /** Columns of the `-` item markers, outermost first. */
  dashes: number[];
  /** Column where the key or scalar starts. */
  contentCol: number;
  key?: { text: string; start: number; end: number };
  /** The value text after `key:` (or the item scalar), comment removed, trimmed, and where it starts. */
  value?: { text: string; start: number };
}

const DOCUMENT_START = /^---(?:\s|$)/;
const DOCUMENT_END = /^\.\.\.(?:\s|$)/;
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|(?:[^\s:#]|:(?=\S)|[ \t]+(?=[^\s#:]))+)[ \t]*:(?=[ \t]|$)/;
const BLOCK_SCALAR = /^[|>][-+0-9]*$/;

/** Splits a file into documents and reads every key and item line. */
export function outlineFile(text: string): FileOutline {
  const lines = text.split(/\r?\n/);
  const documents: DocumentOutline[] = [];
  for (const [start, end] of documentSpans(lines)) {
    documents.push({ index: documents.length, startLine: start, endLine: end, entries: scanLines(lines, start, end) });
  }
  return { lines, documents };
}

/**
 * Line spans of the documents, numbered as the `yaml` package numbers them: a
 * leading `---` does not open an empty document before it; every `---` opens one.
 */
export function documentSpans(lines: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  let markerSeen = false;
  let contentBefore = false;
  lines.forEach((line, i) => {
    if (DOCUMENT_START.test(line)) {
      // Comments and directives before the first marker belong to the first document.
      if (markerSeen || contentBefore) spans.push([start, i]);
      start = i;
      markerSeen = true;
    } else if (!markerSeen && isContent(line) && !line.startsWith('%')) contentBefore = true;
  });
  spans.push([start, lines.length]);
  return spans;
}

function isContent(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

/** The document holding a line. */
export function documentAtLine(outline: FileOutline, line: number): DocumentOutline | undefined {
  return outline.documents.find(d => line >= d.startLine && line < d.endLine) ?? outline.documents[outline.documents.length - 1];
}

/** Reads the key/item structure of lines [start, end). */
function scanLines(lines: readonly string[], start: number, end: number): OutlineEntry[] {
  const scanner = new LineScanner();
  const entries: OutlineEntry[] = [];
  for (let line = start; line < end; line++) {
    if (DOCUMENT_END.test(lines[line])) break;
    const entry = scanner.feed(lines[line], line);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The nesting of keys and items, fed one line at a time. */
export class LineScanner {
  readonly stack: Frame[] = [];
  /** Lines indented deeper than this belong to a block scalar. */
  private blockCol = -1;

  /** True when a line with this text would be block-scalar content. */
  inBlockScalar(text: string): boolean {
    const indent = text.length - text.trimStart().length;
    return this.blockCol >= 0 && (indent > this.blockCol || !isContent(text));
  }

  /** Reads one line; returns what it names. */
  feed(text: string, line: number): OutlineEntry | undefined {
    if (DOCUMENT_START.test(text) || !isContent(text)) return undefined;
    if (this.inBlockScalar(text)) return undefined;
    this.blockCol = -1;
    const parts = splitLine(text);
    const entry = applyLine(this.stack, parts, line);
    if (entry?.blockScalar) this.blockCol = parts.key ? parts.key.start : (parts.dashes[parts.dashes.length - 1] ?? parts.contentCol);
    return entry;
  }
}

/** Updates the nesting for one line and returns what the line names. */
function applyLine(stack: Frame[], parts: LineParts, line: number): OutlineEntry | undefined {
  for (const dash of parts.dashes) openItem(stack, dash);
  if (parts.key) {
    popWhile(stack, f => f.col >= parts.key!.start);
    stack.push({ col: parts.key.start, type: 'key', key: parts.key.text });
    const entry: OutlineEntry = { line, path: pathOf(stack), key: parts.key.text, keyRange: lineRange(line, parts.key.start, parts.key.end) };
    if (parts.value) describeValue(entry, parts.value, line);
    return entry;
  }
  if (parts.dashes.length === 0 || !parts.value) return undefined;
  const entry: OutlineEntry = { line, path: pathOf(stack) };
  describeValue(entry, parts.value, line);
  return entry;
}

/** A `-` at `col`: the next item of the sequence there, or its first item. */
export function openItem(stack: Frame[], col: number): void {
  popWhile(stack, f => f.col > col);
  let index = 0;
  const top = stack[stack.length - 1];
  if (top && top.col === col && top.type === 'item') {
    index = (top.index ?? 0) + 1;
    stack.pop();
  }
  stack.push({ col, type: 'item', index });
}

export function popWhile(stack: Frame[], test: (f: Frame) => boolean): void {
  while (stack.length > 0 && test(stack[stack.length - 1])) stack.pop();
}

export function pathOf(stack: readonly Frame[]): JsonPath {
  return stack.map(f => (f.type === 'key' ? f.key! : f.index!));
}

function describeValue(entry: OutlineEntry, value: { text: string; start: number }, line: number): void {
  const { text, start } = value;
  if (text === '') return;
  if (BLOCK_SCALAR.test(text)) {
    entry.blockScalar = true;
    return;
  }
  if (text.startsWith('[')) {
    entry.flowItems = flowItems(text, start, line);
    return;
  }
  if (text.startsWith('{')) return;
  entry.value = unquote(text);
  entry.valueRange = lineRange(line, start, start + text.length);
}

/** The items of a one-line flow sequence, each with its range. */
function flowItems(text: string, start: number, line: number): FlowItem[] {
  const items: FlowItem[] = [];
  const close = text.lastIndexOf(']');
  const inner = text.slice(1, close === -1 ? text.length : close);
  let offset = 1;
  for (const raw of splitFlow(inner)) {
    const lead = raw.length - raw.trimStart().length;
    const item = raw.trim();
    if (item !== '') items.push({ value: unquote(item), range: lineRange(line, start + offset + lead, start + offset + lead + item.length) });
    offset += raw.length + 1;
  }
  return items;
}

/** Splits on commas outside quotes. */
function splitFlow(text: string): string[] {
  const out: string[] = [];
  let quote = '';
  let current = '';
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current);
  return out;
}

/** Splits one line into item markers, key and value (comment removed). */
export function splitLine(text: string): LineParts {
  const body = stripComment(text);
  const dashes: number[] = [];
  let col = body.length - body.trimStart().length;
  while (body[col] === '-' && (col + 1 === body.length || body[col + 1] === ' ' || body[col + 1] === '\t')) {
    dashes.push(col);
    col++;
    while (body[col] === ' ' || body[col] === '\t') col++;
  }
  const rest = body.slice(col);
  const key = KEY.exec(rest);
  if (!key) {
    const value = rest.trimEnd();
    return { dashes, contentCol: col, value: value ? { text: value, start: col } : undefined };
  }
  const keyText = unquote(key[1].trimEnd());
  const after = col + key[0].length;
  const valueText = body.slice(after);
  const lead = valueText.length - valueText.trimStart().length;
  return {
    dashes,
    contentCol: col,
    key: { text: keyText, start: col, end: col + key[1].trimEnd().length },
    value: { text: valueText.trim(), start: after + lead },
  };
}

/** The line without its `#` comment (a `#` after a blank, outside quotes). */
export function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s:[,{-]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return text.slice(0, i);
  }
  return text;
}

/** A quoted scalar's text; plain scalars as they are. */
export function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text.slice(1, -1);
    }
  }
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** True when `a` and `b` name the same path. */
export function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
}

/** True when `path` starts with `prefix`. */
export function startsWithPath(path: JsonPath, prefix: JsonPath): boolean {
  return path.length >= prefix.length && prefix.every((s, i) => String(s) === String(path[i]));
}

/** The inline scalar at `path` in a document, if written. */
export function scalarAt(doc: DocumentOutline, path: JsonPath): string | undefined {
  return doc.entries.find(e => e.value !== undefined && samePath(e.path, path))?.value;
}

/** Keys written directly under `path`. */
export function keysUnder(doc: DocumentOutline, path: JsonPath, exceptLine = -1): string[] {
  const out: string[] = [];
  for (const e of doc.entries) {
    if (e.key !== undefined && e.line !== exceptLine && e.path.length === path.length + 1 && startsWithPath(e.path, path)) out.push(e.key);
  }
  return out;
}

/** True when a position lies inside a range (end inclusive, as a cursor after the last letter is still on it). */
export function contains(range: Range, pos: Position): boolean {
  const afterStart = pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}
