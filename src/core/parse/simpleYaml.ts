import { resolvePlainScalar } from './coreSchema';

// A reader for the plain subset of YAML that catalog files are written in:
// block mappings and sequences, plain and single-line quoted scalars, one-line
// flow sequences of scalars, literal and folded block scalars, comments and
// `---` separators. Anything else (anchors, tags, multi-line quotes, flow
// mappings, complex keys, tabs, directives...) makes it give up, and the file
// goes to the general parsers. It never throws and never guesses: equal output
// to the `yaml` package on everything it accepts is a tested property.

/** Thrown inside the reader to give up; never escapes. */
class GiveUp extends Error {}

const giveUp = (): never => {
  throw new GiveUp();
};

// Control characters, tabs and a byte order mark past the start: all for the general parsers.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_TAB = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f\ufeff]/;
const PLAIN_FIRST_FORBIDDEN = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

interface Line {
  indent: number;
  /** Content after the indentation, without the line break. */
  text: string;
}

/**
 * Reads every document of a file written in the plain subset, or returns
 * undefined when the file uses anything outside it.
 */
export function parseSimpleYaml(source: string): unknown[] | undefined {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (CONTROL_OR_TAB.test(text)) return undefined;
  try {
    return new Reader(text).documents();
  } catch (e) {
    if (e instanceof GiveUp || e instanceof RangeError) return undefined;
    throw e;
  }
}

class Reader {
  private readonly lines: (Line | undefined)[];
  private readonly raw: string[];
  private i = 0;

  constructor(source: string) {
    this.raw = source.split('\n').map(l => (l.endsWith('\r') ? l.slice(0, -1) : l));
    // The last line break ends the last line; it does not start an empty one.
    if (this.raw.length > 1 && this.raw[this.raw.length - 1] === '') this.raw.pop();
    this.lines = this.raw.map(toLine);
  }

  documents(): unknown[] {
    // Before the first `---`, a document exists only if it has content; after each `---` there is one.
    const docs: unknown[] = [];
    const first = this.document();
    if (first !== undefined) docs.push(first);
    while (this.i < this.lines.length) {
      if (!this.isSeparator(this.i) || !/^---\s*(#.*)?$/.test(this.raw[this.i])) giveUp();
      this.i++;
      docs.push(this.document() ?? null);
    }
    return docs;
  }

  /** One document up to the next `---` line; undefined when it holds only comments. */
  private document(): unknown {
    const first = this.nextContent();
    if (first === undefined || this.isSeparator(this.i)) return undefined;
    if (first.indent !== 0) giveUp();
    if (first.text.startsWith('...') || first.text.startsWith('%')) giveUp();
    const value = this.block(-1);
    if (this.nextContent() !== undefined && !this.isSeparator(this.i)) giveUp();
    return value;
  }

  private isSeparator(i: number): boolean {
    const raw = this.raw[i];
    return raw !== undefined && raw.startsWith('---') && (raw.length === 3 || raw[3] === ' ');
  }

  /** Skips blank and comment lines; the next line with content, not consumed. */
  private nextContent(): Line | undefined {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line && !line.text.startsWith('#')) return line;
      this.i++;
    }
    return undefined;
  }

  /** A block node more indented than `parent`: a mapping or a sequence. */
  private block(parent: number): unknown {
    const line = this.nextContent();
    if (!line || line.indent <= parent || this.isSeparator(this.i)) return null;
    if (isDash(line.text)) return this.sequence(line.indent);
    return this.mapping(line.indent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.nextContent(); line && line.indent >= indent && !this.isSeparator(this.i); line = this.nextContent()) {
      if (line.indent > indent || isDash(line.text)) {
        if (line.indent === indent) break;
        giveUp();
      }
      const { key, rest } = splitKey(line.text);
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) giveUp();
      this.i++;
      out[key] = this.value(rest, indent, true);
    }
    return out;
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.nextContent(); line && line.indent === indent && isDash(line.text) && !this.isSeparator(this.i); line = this.nextContent()) {
      const rest = line.text.slice(1).replace(/^ +/, '');
      if (rest === '' || rest.startsWith('#')) {
        if (rest.startsWith('#') && line.text[1] !== ' ') giveUp();
        this.i++;
        out.push(this.block(indent));
        continue;
      }
      if (isDash(rest)) giveUp();
      const column = indent + (line.text.length - rest.length);
      if (looksLikeKey(rest)) {
        // `- key: value` opens a mapping whose keys sit at the column after the dash.
        this.lines[this.i] = { indent: column, text: rest };
        out.push(this.mapping(column));
        continue;
      }
      this.i++;
      out.push(this.value(rest, indent, false));
    }
    const after = this.nextContent();
    if (after && after.indent > indent && !this.isSeparator(this.i)) giveUp();
    return out;
  }

  /** The value after `key:` or `- ` on a line already consumed. */
  private value(rest: string, indent: number, inMapping: boolean): unknown {
    const c = rest[0];
    if (c === '"' || c === "'") {
      const end = closingQuote(rest, 0);
      endsLine(rest.slice(end + 1));
      const text = rest.slice(0, end + 1);
      return this.single(c === '"' ? doubleQuoted(text) : singleQuoted(text), indent);
    }
    if (c === '[') {
      const end = closingBracket(rest);
      endsLine(rest.slice(end + 1));
      return this.single(flowSequence(rest.slice(0, end + 1)), indent);
    }
    const text = stripPlainComment(rest);
    if (text === '') {
      const next = this.nextContent();
      // `key:` followed by `- item` at the key's own indentation is a sequence too.
      if (inMapping && next && next.indent === indent && isDash(next.text) && !this.isSeparator(this.i)) return this.sequence(indent);
      return this.block(indent);
    }
    if (text[0] === '|' || text[0] === '>') return this.blockScalar(text, indent);
    if (text[0] === '{') return this.single(text === '{}' ? {} : giveUp(), indent);
    return this.plain(text, indent);
  }

  /** A one-line value: nothing may continue it on more indented lines. */
  private single<T>(value: T, indent: number): T {
    const next = this.nextContent();
    if (next && next.indent > indent && !this.isSeparator(this.i)) giveUp();
    return value;
  }

  /** A plain scalar, folded over more indented continuation lines. */
  private plain(first: string, indent: number): unknown {
    checkPlain(first);
    const parts = [first];
    let blanks = 0;
    let multiline = false;
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i];
      if (!line) {
        blanks++;
        continue;
      }
      if (line.indent <= indent || this.isSeparator(this.i)) break;
      if (line.text.startsWith('#')) giveUp();
      if (stripPlainComment(line.text) !== line.text) giveUp();
      const text = line.text;
      checkPlain(text);
      parts.push(blanks > 0 ? '\n'.repeat(blanks) : ' ', text);
      blanks = 0;
      multiline = true;
    }
    if (blanks > 0) this.i -= blanks;
    if (!multiline) return resolvePlainScalar(first);
    return parts.join('');
  }

  /** `|` and `>` scalars with clip, strip (`-`) or keep (`+`) chomping. */
  private blockScalar(header: string, indent: number): string {
    const match = /^([|>])([-+]?)$/.exec(stripPlainComment(header));
    if (!match) giveUp();
    const [, style, chomp] = match!;
    const body: string[] = [];
    let contentIndent = -1;
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i];
      const raw = this.raw[this.i];
      if (!line) {
        if (contentIndent === -1 && raw.length > indent + 1) giveUp();
        body.push(contentIndent === -1 ? '' : raw.slice(contentIndent));
        continue;
      }
      if (contentIndent === -1) {
        if (line.indent <= indent || this.isSeparator(this.i)) break;
        contentIndent = line.indent;
      }
      if (line.indent < contentIndent) break;
      body.push(raw.slice(contentIndent));
    }
    let trailing = 0;
    while (trailing < body.length && body[body.length - 1 - trailing] === '') trailing++;
    // Trailing blank lines belong to the scalar only under keep chomping; leave them to the caller otherwise.
    const content = body.slice(0, body.length - trailing);
    if (contentIndent === -1 || content.length === 0) return chomp === '+' ? giveUp() : '';
    const text = style === '|' ? content.join('\n') : fold(content);
    if (chomp === '-') return text;
    if (chomp === '+') return text + '\n' + '\n'.repeat(trailing);
    return text + '\n';
  }
}

function toLine(raw: string): Line | undefined {
  let indent = 0;
  while (indent < raw.length && raw.charCodeAt(indent) === 32) indent++;
  if (indent === raw.length) return undefined;
  let end = raw.length;
  while (raw.charCodeAt(end - 1) === 32) end--;
  return { indent, text: indent === 0 && end === raw.length ? raw : raw.slice(indent, end) };
}

/** Index of the first `:` followed by a space or the end of the text, or -1. */
function keyColon(text: string): number {
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    if (at + 1 === text.length || text.charCodeAt(at + 1) === 32) return at;
  }
  return -1;
}

function isDash(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Folded style for lines that are not more indented: single breaks become spaces. */
function fold(lines: string[]): string {
  let out = '';
  let blanks = 0;
  lines.forEach((line, index) => {
    if (line.startsWith(' ')) giveUp();
    if (line === '') {
      blanks++;
      return;
    }
    if (index > 0) out += blanks > 0 ? '\n'.repeat(blanks) : ' ';
    blanks = 0;
    out += line;
  });
  return out;
}

/** A plain value up to a ` #` comment (quotes inside plain text are plain characters). */
function stripPlainComment(text: string): string {
  if (text.startsWith('#')) return '';
  const at = text.indexOf(' #');
  return at < 0 ? text : text.slice(0, at).replace(/ +$/, '');
}

/** After a quoted or flow value only blanks and a comment may follow. */
function endsLine(after: string): void {
  if (after !== '' && !/^ +(#.*)?$/.test(after)) giveUp();
}

/** Index of the `]` closing a one-line flow sequence that starts at 0 (quoted items skipped whole). */
function closingBracket(text: string): number {
  let itemStart = true;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === ' ') continue;
    if (c === ']') return i;
    if (c === '[' || c === '{' || c === '}') giveUp();
    if (itemStart && (c === '"' || c === "'")) i = closingQuote(text, i);
    itemStart = c === ',';
  }
  return giveUp();
}

function looksLikeKey(text: string): boolean {
  if (text[0] === '"' || text[0] === "'") {
    const end = text.indexOf(text[0], 1);
    return end > 0 && /^:( |$)/.test(text.slice(end + 1));
  }
  return /^[^#]*?:( |$)/.test(text) && !PLAIN_FIRST_FORBIDDEN.has(text[0]);
}

/** `key: rest` with a plain or quoted key that resolves to a string. */
function splitKey(text: string): { key: string; rest: string } {
  if (text[0] === '"' || text[0] === "'") {
    const end = text.indexOf(text[0], 1);
    if (end < 0) giveUp();
    const key = text[0] === '"' ? doubleQuoted(text.slice(0, end + 1)) : singleQuoted(text.slice(0, end + 1));
    const after = text.slice(end + 1);
    if (!/^:( |$)/.test(after)) giveUp();
    return { key, rest: after.slice(1).replace(/^ +/, '') };
  }
  if (PLAIN_FIRST_FORBIDDEN.has(text[0]) || /^[-?:]( |$)/.test(text)) giveUp();
  const colon = keyColon(text);
  if (colon <= 0) giveUp();
  let end = colon;
  while (text.charCodeAt(end - 1) === 32) end--;
  const key = text.slice(0, end);
  if (key.includes(' #') || typeof resolvePlainScalar(key) !== 'string') giveUp();
  let start = colon + 1;
  while (text.charCodeAt(start) === 32) start++;
  return { key, rest: text.slice(start) };
}

/** A plain scalar in block context may not hold `: ` or start with an indicator. */
function checkPlain(text: string): void {
  if (PLAIN_FIRST_FORBIDDEN.has(text[0]) || /^[-?:]( |$)/.test(text) || keyColon(text) !== -1) giveUp();
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', ' ': ' ' };

/** A double-quoted scalar that ends on its line (only the rest of the line may be blank). */
function doubleQuoted(text: string): string {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (text.slice(i + 1).trim() !== '') giveUp();
      return out;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e in ESCAPES) out += ESCAPES[e];
    else giveUp();
  }
  return giveUp();
}

/** A single-quoted scalar that ends on its line; `''` is a quote. */
function singleQuoted(text: string): string {
  let out = '';
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") {
      out += text[i];
      continue;
    }
    if (text[i + 1] === "'") {
      out += "'";
      i++;
      continue;
    }
    if (text.slice(i + 1).trim() !== '') giveUp();
    return out;
  }
  return giveUp();
}

/** `[a, "b", 3]` on one line: scalars only. */
function flowSequence(text: string): unknown[] {
  if (!text.endsWith(']')) giveUp();
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  const items: unknown[] = [];
  let i = 0;
  while (i <= inner.length) {
    while (inner[i] === ' ') i++;
    const c = inner[i];
    let end: number;
    let value: unknown;
    if (c === '"' || c === "'") {
      end = closingQuote(inner, i);
      value = c === '"' ? doubleQuoted(inner.slice(i, end + 1)) : singleQuoted(inner.slice(i, end + 1));
      end++;
    } else {
      end = inner.indexOf(',', i);
      if (end < 0) end = inner.length;
      const plain = inner.slice(i, end).trim();
      if (plain === '' || /[[\]{}]|:( |$)| #/.test(plain) || PLAIN_FIRST_FORBIDDEN.has(plain[0]) || /^[-?:]( |$)/.test(plain)) giveUp();
      value = resolvePlainScalar(plain);
    }
    items.push(value);
    while (inner[end] === ' ') end++;
    if (end >= inner.length) break;
    if (inner[end] !== ',') giveUp();
    i = end + 1;
    if (inner.slice(i).trim() === '') giveUp();
  }
  return items;
}

function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return giveUp();
}
