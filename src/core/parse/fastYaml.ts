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
const NEEDS_FULL_PARSE = /\t|^%|^\.\.\.(?:\s|$)|(?:^[ ]*|[:\-?,[{][ ]+|[[{,])[!&*]/m;

/**
 * Reads all documents fast (js-yaml with the same core schema as the `yaml`
 * package), or returns undefined when the file needs the position-aware parser.
 */
export function parseFast(text: string): FastDocument[] | undefined {
  if (NEEDS_FULL_PARSE.test(text)) return undefined;
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
  const lines = text.split('\n');
  const ranges: Range[] = [];
  let first = -1;
  let last = -1;
  let open = false;
  let separator = 0;
  const close = () => {
    if (open || first !== -1) {
      const start = first === -1 ? separator : first;
      const end = last === -1 ? start : last;
      ranges.push({ start: { line: start, character: 0 }, end: { line: end, character: lines[end]?.replace(/\r$/, '').length ?? 0 } });
    }
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (/^---(?:\s|$)/.test(line)) {
      close();
      open = true;
      separator = i;
      const rest = line.slice(3).trim();
      first = rest && !rest.startsWith('#') ? i : -1;
      last = first;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (first === -1) first = i;
    last = i;
  });
  close();
  return ranges;
}
