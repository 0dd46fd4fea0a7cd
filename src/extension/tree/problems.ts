// The problems of an entity and of the whole catalog, read from the index
// without touching the disk: a file's own diagnostics plus its cross-file issues
// (dangling refs, duplicates), which carry the entity they belong to. Pure.
import { CatalogIndex } from '../../core/index/catalogIndex';
import { Severity } from '../../core/diagnostics';
import { ParsedEntity } from '../../core/validate/types';

/** One error or warning of an entity; `line` is zero-based. */
export interface EntityProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  line: number;
}

/** An entity's errors and warnings, counted and listed. */
export interface EntityProblems {
  errors: number;
  warnings: number;
  /** Errors first, then warnings, each in line order. */
  items: EntityProblem[];
}

/** Errors and warnings of one entity definition (infos are not problems). */
export function problemsOf(index: CatalogIndex, parsed: ParsedEntity): EntityProblems {
  const items: EntityProblem[] = [];
  const { start, end } = parsed.range;
  for (const d of index.fileResult(parsed.file)?.diagnostics ?? []) {
    if (!isProblem(d.severity)) continue;
    if (d.entityRef !== undefined && d.entityRef !== parsed.ref) continue;
    if (d.range.start.line < start.line || d.range.start.line > end.line) continue;
    items.push({ severity: d.severity, code: d.code, message: d.message, line: d.range.start.line });
  }
  for (const c of index.crossFileIssuesOf(parsed.file)) {
    if (c.entityRef !== parsed.ref || c.documentIndex !== parsed.documentIndex || !isProblem(c.issue.severity)) continue;
    items.push({ severity: c.issue.severity, code: c.issue.code, message: c.issue.message, line: start.line });
  }
  items.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.line - b.line);
  const errors = items.filter(p => p.severity === 'error').length;
  return { errors, warnings: items.length - errors, items };
}

/** The worst severity among the problems, if any. */
export function worstSeverity(problems: EntityProblems): 'error' | 'warning' | undefined {
  if (problems.errors > 0) return 'error';
  return problems.warnings > 0 ? 'warning' : undefined;
}

/** Errors and warnings over every indexed file, counted as the Problems panel counts them. */
export function countProblems(index: CatalogIndex): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  const count = (severity: Severity) => {
    if (severity === 'error') errors++;
    else if (severity === 'warning') warnings++;
  };
  for (const file of index.files()) {
    for (const d of index.fileResult(file)?.diagnostics ?? []) count(d.severity);
    for (const c of index.crossFileIssuesOf(file)) count(c.issue.severity);
  }
  return { errors, warnings };
}

function isProblem(severity: Severity): severity is 'error' | 'warning' {
  return severity === 'error' || severity === 'warning';
}

function severityRank(severity: 'error' | 'warning'): number {
  return severity === 'error' ? 0 : 1;
}
