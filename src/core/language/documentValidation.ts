import { Diagnostic, Range } from '../diagnostics';
import { IssueLocator } from '../index/catalogIndex';
import { parseYamlFile, PositionedFile } from '../parse/yamlFile';
import { DEFAULT_MAX_FILE_SIZE, validateText } from '../validate/validateFile';
import { FileResult, ValidateOptions } from '../validate/types';
import { documentSpans } from './outline';

// An editor re-validates a file on every pause in typing. In a file of 1,000
// entities one edit touches one document, and YAML documents are independent,
// so each document is validated on its own (by the one validator, validateText)
// and its result reused while its text is unchanged. Positions are shifted by
// the document's first line: the same diagnostics, ranges included, as
// validating the whole file at once.

/** Files that hold these are validated whole: directives and `...` cross document boundaries. */
const WHOLE_FILE_ONLY = /^(?:%|\.\.\.(?:\s|$))/;
/** Documents whose verdict depends on other files are not reused. */
const READS_OTHER_FILES = /\$(?:text|json|yaml)\b|^kind:\s*Location\b/m;

/** A file split into document chunks, or undefined when it must be read whole. */
function chunksOf(text: string): { text: string; line: number }[] | undefined {
  if (text.length > DEFAULT_MAX_FILE_SIZE || text.includes('\u0000')) return undefined;
  const lines = text.split('\n');
  const spans = documentSpans(lines);
  if (spans.length < 2) return undefined;
  const offsets = [0];
  for (const line of lines) {
    // `%` and `.` start few lines: test the pattern only on those.
    const first = line.charCodeAt(0);
    if ((first === 37 || first === 46) && WHOLE_FILE_ONLY.test(line)) return undefined;
    offsets.push(offsets[offsets.length - 1] + line.length + 1);
  }
  // Each chunk keeps its final line break; the last one ends where the text ends.
  return spans.map(([start, end]) => ({ text: text.slice(offsets[start], Math.min(offsets[end], text.length)), line: start }));
}

/**
 * validateText, one document at a time, with each document's result kept
 * while its text does not change. Keeps the documents of the last text of
 * each file only.
 */
export class DocumentValidationCache {
  /** Per file: chunk text -> its result as placed last time (same objects while the place is the same). */
  private readonly byFile = new Map<string, Map<string, PlacedResult>>();

  /** The file's result: identical to `validateText(text, file, options)`. */
  validate(text: string, file: string, options: ValidateOptions = {}): FileResult {
    const chunks = chunksOf(text);
    if (!chunks) {
      this.byFile.delete(file);
      return validateText(text, file, options);
    }
    const previous = this.byFile.get(file) ?? new Map<string, PlacedResult>();
    const next = new Map<string, PlacedResult>();
    const result: FileResult = { file, entities: [], diagnostics: [] };
    for (const [index, chunk] of chunks.entries()) {
      const kept = previous.get(chunk.text) ?? next.get(chunk.text);
      const own = kept?.own ?? validateText(chunk.text, file, options);
      if (own.entities.some(e => e.documentIndex !== 0)) return this.whole(text, file, options);
      const placed = place(kept, own, chunk.line, index);
      // A kept result was checked when it was first kept.
      if (kept || !READS_OTHER_FILES.test(chunk.text)) next.set(chunk.text, placed);
      result.entities.push(...placed.entities);
      result.diagnostics.push(...placed.diagnostics);
    }
    this.byFile.set(file, next);
    return result;
  }

  /** Forgets every kept result (files elsewhere changed: placeholder targets may have appeared). */
  clear(file?: string): void {
    if (file === undefined) this.byFile.clear();
    else this.byFile.delete(file);
  }

  private whole(text: string, file: string, options: ValidateOptions): FileResult {
    this.byFile.delete(file);
    return validateText(text, file, options);
  }
}

/** A document's own result and the same result placed at a line and document index. */
interface PlacedResult {
  own: FileResult;
  line: number;
  index: number;
  entities: FileResult['entities'];
  diagnostics: Diagnostic[];
}

/**
 * The result moved to its place; the last placement is reused when the place
 * did not change, so the index sees the very same entity objects (and skips them).
 */
function place(last: PlacedResult | undefined, own: FileResult, line: number, index: number): PlacedResult {
  if (last && last.own === own && last.line === line && last.index === index) return last;
  return {
    own,
    line,
    index,
    entities: own.entities.map(e => ({ ...e, documentIndex: index, range: shift(e.range, line) })),
    diagnostics: own.diagnostics.map(d => shiftDiagnostic(d, line)),
  };
}

function shiftDiagnostic(d: Diagnostic, line: number): Diagnostic {
  return { ...d, range: shift(d.range, line) };
}

function shift(range: Range, line: number): Range {
  if (line === 0) return range;
  return { start: { line: range.start.line + line, character: range.start.character }, end: { line: range.end.line + line, character: range.end.character } };
}

/** Parsed documents kept for locating issues. */
const LOCATOR_CACHE_SIZE = 256;

/**
 * An IssueLocator that parses only the entity's own document (with positions)
 * instead of the whole file: the same ranges, for a fraction of the work.
 */
export function documentLocator(readText: (file: string) => string | undefined): IssueLocator {
  const parsed = new Map<string, PositionedFile>();
  let last: { file: string; text: string | undefined; chunks: ReturnType<typeof chunksOf> } | undefined;
  const parse = (text: string) => {
    let file = parsed.get(text);
    if (!file) {
      if (parsed.size >= LOCATOR_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
      file = parseYamlFile(text);
      parsed.set(text, file);
    }
    return file;
  };
  return (entity, issue) => {
    const text = readText(entity.file);
    if (text === undefined) return undefined;
    if (last?.file !== entity.file || last.text !== text) last = { file: entity.file, text, chunks: chunksOf(text) };
    const chunk = last.chunks?.[entity.documentIndex];
    if (!chunk) return parse(text).locate(entity.documentIndex, issue.path, issue.part);
    return shift(parse(chunk.text).locate(0, issue.path, issue.part), chunk.line);
  };
}
