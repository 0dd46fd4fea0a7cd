import * as jsyaml from 'js-yaml';
import { Range } from '../diagnostics';
import { YAML12_CORE_SCHEMA } from './coreSchema';

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
const INDICATORS = /[!&*]/;
const DOCUMENT_END_OR_DIRECTIVE = /^(?:%|\.\.\.(?:\s|$))/m;

function needsFullParse(text: string): boolean {
  // Cheap scans first: the costly pattern only runs on files that hold an indicator at all.
  if (text.includes('\t')) return true;
  if ((text.includes('\n%') || text.includes('\n...') || /^(?:%|\.\.\.)/.test(text)) && DOCUMENT_END_OR_DIRECTIVE.test(text)) return true;
  return INDICATORS.test(text) && NODE_PROPERTY.test(text);
}

/**
 * Reads all documents fast (js-yaml with the same core schema as the `yaml`
 * package), or returns undefined when the file needs the position-aware parser.
 */
export function parseFast(text: string): FastDocument[] | undefined {
  if (needsFullParse(text)) return undefined;
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, { schema: YAML12_CORE_SCHEMA }) as unknown[];
  } catch {
    return undefined;
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
    const content = text.charCodeAt(end - 1) === 13 ? text.slice(offset, end - 1) : text.slice(offset, end);
    offset = end + 1;
    if (content.startsWith('---') && (content.length === 3 || content[3] === ' ' || content[3] === '\t')) {
      close();
      open = true;
      separator = line;
      const rest = content.slice(3).trim();
      first = rest && !rest.startsWith('#') ? line : -1;
      last = first;
      lastLength = content.length;
      continue;
    }
    const trimmed = content.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (first === -1) first = line;
    last = line;
    lastLength = content.length;
  }
  close();
  return ranges;
}
