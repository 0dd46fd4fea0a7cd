import { Diagnostic, Range, ZERO_RANGE } from '../diagnostics';
import { FastDocument, parseFast } from '../parse/fastYaml';
import { parseYamlFile, PositionedFile } from '../parse/yamlFile';
import { EntityVerdict, validateEntity } from './validateEntity';
import { FileResult, Issue, ParsedEntity, ValidateOptions } from './types';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

const SKELETON_MESSAGE =
  'Not validated: this entity holds template expressions (${{ }}), so it is a Software Template skeleton that becomes a valid descriptor only once rendered';

/** A non-Template document with `${{ }}` in its values: a skeleton file, not a descriptor yet. */
function isTemplateSkeleton(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind === 'Template') return false;
  const hasExpression = (v: unknown): boolean =>
    typeof v === 'string' ? v.includes('${{') : typeof v === 'object' && v !== null ? Object.values(v).some(hasExpression) : false;
  return hasExpression(value);
}

/** An issue that belongs to one document of a file. */
export interface DocumentIssue {
  documentIndex: number;
  entityRef?: string;
  issue: Issue;
}

/**
 * Reads and validates every document of one catalog file in isolation. Never
 * throws: YAML errors, oversized and binary files become diagnostics.
 */
export function validateText(text: string, file: string, options: ValidateOptions = {}): FileResult {
  const guard = guardFile(text, file, options);
  if (guard) return { file, entities: [], diagnostics: [guard] };
  try {
    if (options.mode !== 'full') {
      const fast = validateFast(text, file, options);
      if (fast) return fast;
    }
    return validateFull(text, file, options);
  } catch (e) {
    const message = `Catwalk could not read this file: ${e instanceof Error ? e.message : String(e)}`;
    return { file, entities: [], diagnostics: [{ file, range: ZERO_RANGE, severity: 'error', code: 'unreadable', message }] };
  }
}

function guardFile(text: string, file: string, options: ValidateOptions): Diagnostic | undefined {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return { file, range: ZERO_RANGE, severity: 'warning', code: 'file-too-large', message: `Skipped: the file is ${mb(text.length)}, over the ${mb(max)} limit for catalog files` };
  }
  if (text.slice(0, 8192).includes('\u0000')) {
    return { file, range: ZERO_RANGE, severity: 'error', code: 'binary-file', message: 'Not a text file: it contains NUL bytes, so it cannot be a YAML catalog descriptor' };
  }
  return undefined;
}

/** The fast path: only when every document is clean; undefined sends the file to the full path. */
function validateFast(text: string, file: string, options: ValidateOptions): FileResult | undefined {
  const docs = parseFast(text);
  if (!docs) return undefined;
  const entities: ParsedEntity[] = [];
  const templated = text.includes('${{');
  for (const doc of docs) {
    if (doc.value === null || doc.value === undefined) continue;
    if (templated && isTemplateSkeleton(doc.value)) return undefined;
    const verdict = validateEntity(doc.value, file, options);
    if (verdict.issues.length > 0) return undefined;
    pushEntity(entities, verdict, file, doc);
  }
  return { file, entities, diagnostics: [] };
}

function validateFull(text: string, file: string, options: ValidateOptions): FileResult {
  const parsed = parseYamlFile(text);
  const entities: ParsedEntity[] = [];
  const diagnostics: Diagnostic[] = parsed.problems.map(p => ({ file, range: p.range, severity: 'error' as const, code: p.code, message: p.message }));
  const templated = text.includes('${{');
  for (const doc of parsed.documents) {
    if (doc.hasErrors || doc.value === null || doc.value === undefined) continue;
    if (templated && isTemplateSkeleton(doc.value)) {
      diagnostics.push({ file, range: doc.range, severity: 'info', code: 'template-skeleton', message: SKELETON_MESSAGE });
      continue;
    }
    const verdict = validateEntity(doc.value, file, options);
    pushEntity(entities, verdict, file, doc);
    for (const issue of verdict.issues) diagnostics.push(toDiagnostic(parsed, file, { documentIndex: doc.index, entityRef: verdict.ref, issue }));
  }
  return { file, entities, diagnostics };
}

function pushEntity(entities: ParsedEntity[], verdict: EntityVerdict, file: string, doc: { index: number; range: Range } | FastDocument): void {
  if (!verdict.entity || !verdict.ref) return;
  entities.push({ entity: verdict.entity, ref: verdict.ref, file, documentIndex: doc.index, range: doc.range, rejected: verdict.rejected });
}

function toDiagnostic(parsed: PositionedFile, file: string, d: DocumentIssue): Diagnostic {
  const range = parsed.locate(d.documentIndex, d.issue.path, d.issue.part);
  const diagnostic: Diagnostic = { file, range, severity: d.issue.severity, code: d.issue.code, message: d.issue.message };
  if (d.entityRef) diagnostic.entityRef = d.entityRef;
  return diagnostic;
}

/** Gives issues found outside the file (duplicates, dangling refs) their place in it. */
export function positionIssues(text: string, file: string, issues: readonly DocumentIssue[]): Diagnostic[] {
  if (issues.length === 0) return [];
  const parsed = parseYamlFile(text);
  return issues.map(d => toDiagnostic(parsed, file, d));
}
