import * as jsyaml from 'js-yaml';
import { Range } from '../diagnostics';
import { YAML12_CORE_SCHEMA } from './coreSchema';
import { parseSimpleYaml } from './simpleYaml';

/** A document read without node positions. */
export interface FastDocument {
  index: number;
  value: unknown;
  /** Lines of the document's content (first to last non-blank, non-comment line). */
  range: Range;
}

// Anything beyond plain block/flow YAML goes to the position-aware parser, which
// is the reference: tabs, anchors/aliases/tags (alias limits), directives (YAML
// 1.1 switches), explicit document ends.
const NODE_PROPERTY = /(?:^[ ]*|[:\-?,[{][ ]+|[[{,])[!&*]/m;
const DOCUMENT_END_OR_DIRECTIVE = /^(?:%|\.\.\.(?:\s|$))/m;
// One scan finds every character that could need the full parser; most files have none.
const ANY_SUSPECT = /[\t!&*%]|^\.\.\./m;

function needsFullParse(text: string): boolean {
  if (!ANY_SUSPECT.test(text)) return false;
  return text.includes('\t') || DOCUMENT_END_OR_DIRECTIVE.test(text) || NODE_PROPERTY.test(text);
}

/**
 * Reads all documents fast (js-yaml with the same core schema as the `yaml`
 * package), or returns undefined when the file needs the position-aware parser.
 */
export function parseFast(text: string): FastDocument[] | undefined {
  // The simple reader covers what catalog files are usually written in; js-yaml the rest of plain YAML.
  let values = parseSimpleYaml(text);
  if (!values) {
    if (needsFullParse(text)) return undefined;
    try {
      values = jsyaml.loadAll(text, undefined, { schema: YAML12_CORE_SCHEMA }) as unknown[];
    } catch {
      return undefined;
    }
  }
  const ranges = documentLineRanges(text);
  // js-yaml reads a file of only comments as one empty document; the catalog reads none.
  if (ranges.length === 0 && values.every(v => v === null || v === undefined)) return [];
  if (ranges.length !== values.length) return undefined;
  return values.map((value, index) => ({ index, value, range: ranges[index] }));
}

/** Line ranges of the documents of a file, split at `---` lines. */
export function documentLineRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let first = -1;
  let last = -1;
  let lastLength = 0;
  let open = false;
  let separator = 0;
  const close = () => {
    if (!open && first === -1) return;
    const start = first === -1 ? separator : first;
    ranges.push({ start: { line: start, character: 0 }, end: { line: last === -1 ? start : last, character: last === -1 ? 0 : lastLength } });
  };
  for (let offset = 0, line = 0; offset <= text.length; line++) {
    const nl = text.indexOf('\n', offset);
    const end = nl === -1 ? text.length : nl;
    const length = (text.charCodeAt(end - 1) === 13 ? end - 1 : end) - offset;
    if (text.startsWith('---', offset) && (length === 3 || isBlank(text.charCodeAt(offset + 3)))) {
      close();
      open = true;
      separator = line;
      first = hasContent(text, offset + 3, offset + length) ? line : -1;
      last = first;
      lastLength = length;
    } else if (hasContent(text, offset, offset + length)) {
      if (first === -1) first = line;
      last = line;
      lastLength = length;
    }
    offset = end + 1;
  }
  close();
  return ranges;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** True when the slice holds something besides blanks and a comment. */
function hasContent(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  return i < to && text.charCodeAt(i) !== 35;
}
