import { isMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments, Document, YAMLError } from 'yaml';
import { Range } from '../diagnostics';
import { JsonPath } from '../model/entity';
import { LineIndex } from './lines';

/** A YAML syntax problem, positioned. */
export interface YamlProblem {
  documentIndex: number;
  range: Range;
  code: string;
  message: string;
}

/** One document of a file as Backstage reads it. */
export interface YamlDocument {
  index: number;
  /** The JS value (`toJSON()`), undefined when the document has errors. */
  value: unknown;
  /** Range of the document's contents. */
  range: Range;
  hasErrors: boolean;
}

/** A file parsed with source positions for every node. */
export interface PositionedFile {
  documents: YamlDocument[];
  problems: YamlProblem[];
  lines: LineIndex;
  /** The range of the node at `path` in a document (its key with part 'key'). */
  locate(documentIndex: number, path: JsonPath, part?: 'key' | 'value'): Range;
}

/** Backstage's alias limit: `toJSON()` throws beyond it (billion laughs). */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses every document with positions, exactly as the Backstage catalog parses
 * (the `yaml` package, merge keys off). Never throws: problems are returned.
 */
export function parseYamlFile(text: string): PositionedFile {
  const lines = new LineIndex(text);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  list.forEach((doc, index) => {
    const range = documentRange(doc, lines);
    for (const error of doc.errors) problems.push(toProblem(error, index, lines));
    let value: unknown;
    let hasErrors = doc.errors.length > 0;
    if (!hasErrors) {
      try {
        value = doc.toJSON(undefined, undefined);
      } catch (e) {
        hasErrors = true;
        problems.push({ documentIndex: index, range, code: 'yaml-alias-limit', message: aliasMessage(e) });
      }
    }
    documents.push({ index, value, range, hasErrors });
  });
  return {
    documents,
    problems,
    lines,
    locate: (documentIndex, path, part) => locateIn(list[documentIndex], path, part ?? 'value', lines),
  };
}

function aliasMessage(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  return `YAML error: ${detail} (more than ${MAX_ALIAS_COUNT} alias expansions are refused)`;
}

function toProblem(error: YAMLError, documentIndex: number, lines: LineIndex): YamlProblem {
  const [start, end] = error.pos;
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {
    documentIndex,
    range: lines.rangeOf(start, Math.max(end, start + 1)),
    code: `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
    message: `YAML error: ${message}`,
  };
}

function documentRange(doc: Document.Parsed, lines: LineIndex): Range {
  const node = doc.contents as Node | null;
  if (node?.range) return lines.rangeOf(node.range[0], node.range[1]);
  return lines.rangeOf(doc.range[0], doc.range[1]);
}

function nodeRange(node: unknown): [number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Walks `path` down the document's nodes; stops at the deepest node that exists. */
function locateIn(doc: Document.Parsed | undefined, path: JsonPath, part: 'key' | 'value', lines: LineIndex): Range {
  if (!doc) return lines.rangeOf(0, 0);
  let node: unknown = doc.contents;
  let keyNode: unknown;
  let best = nodeRange(node) ?? [doc.range[0], doc.range[1]];
  for (const segment of path) {
    const next = childOf(node, segment);
    // A missing child is shown at its parent's key, where a person would add it.
    if (!next) return lines.rangeOf(...(nodeRange(keyNode) ?? best));
    node = next.value;
    keyNode = next.key;
    best = nodeRange(next.key) ?? nodeRange(next.value) ?? best;
    if (part === 'value' || segment !== path[path.length - 1]) {
      const vr = nodeRange(next.value);
      if (vr && vr[1] > vr[0]) best = vr;
    }
  }
  if (part === 'key' && keyNode) best = nodeRange(keyNode) ?? best;
  return lines.rangeOf(...best);
}

function childOf(node: unknown, segment: string | number): { key?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (key === String(segment)) return { key: item.key, value: item.value };
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value === undefined ? undefined : { value };
  }
  return undefined;
}
