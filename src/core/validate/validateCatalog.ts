import { compareDiagnostics, Diagnostic, ZERO_RANGE } from '../diagnostics';
import { FileSystemHost } from '../host';
import { checkCrossFile, CrossFileIssue, EntityRecordLite, toLite } from '../index/crossFile';
import { discoverCatalogFiles, followLocations, LocationGraph } from '../sources/discovery';
import { FileResult, ParsedEntity, ValidateOptions } from './types';
import { positionIssues, validateText } from './validateFile';

/** What validating one file yields, small enough to pass between threads. */
export interface FileOutcome {
  file: string;
  diagnostics: Diagnostic[];
  records: EntityRecordLite[];
  /** Location entities, kept whole so their targets can be followed. */
  locations: ParsedEntity[];
}

/** Validates a batch of files (in this thread or in workers). */
export type ValidateFiles = (files: string[]) => Promise<FileOutcome[]>;

export interface CatalogValidation {
  files: string[];
  entities: number;
  diagnostics: Diagnostic[];
}

export interface ValidateCatalogOptions {
  globs?: string[];
  exclude?: string[];
  knownApiVersion?: (apiVersion: string) => boolean;
}

/** Reads and validates one file into the compact outcome. */
export function fileOutcome(file: string, host: FileSystemHost, options: ValidateOptions): FileOutcome {
  const result = readAndValidate(file, host, options);
  return {
    file,
    diagnostics: result.diagnostics,
    records: result.entities.map(toLite),
    locations: result.entities.filter(e => e.entity.kind === 'Location'),
  };
}

/** Reads a file through the host and validates it; an unreadable file is a diagnostic. */
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions): FileResult {
  const bytes = host.readFile(file);
  if (bytes === undefined) {
    return { file, entities: [], diagnostics: [{ file, range: ZERO_RANGE, severity: 'error', code: 'unreadable', message: `Cannot read ${file}` }] };
  }
  return validateText(new TextDecoder('utf-8').decode(bytes), file, options);
}

/**
 * Validates everything under `roots` as the catalog would: discovery, every
 * file on its own, Location targets followed, then the cross-file rules
 * (duplicates, dangling refs) over all of it.
 */
export async function validateCatalog(roots: string[], host: FileSystemHost, validateFiles: ValidateFiles, options: ValidateCatalogOptions = {}): Promise<CatalogValidation> {
  const discovery = discoverCatalogFiles(roots, host, options);
  const diagnostics: Diagnostic[] = discovery.errors.map(e => ({ file: e.path, range: ZERO_RANGE, severity: 'error' as const, code: 'unreadable', message: e.message }));
  const order: string[] = [];
  const outcomes = new Map<string, FileOutcome>();
  const extra: CrossFileIssue[] = [];
  const graph = new LocationGraph();
  discovery.files.forEach(f => graph.markSeen(f));
  let next = discovery.files;
  while (next.length > 0) {
    order.push(...next);
    const batch = await validateFiles(next);
    next = [];
    for (const outcome of batch) {
      outcomes.set(outcome.file, outcome);
      const followed = followLocations(outcome.file, outcome.locations, host, graph);
      extra.push(...followed.issues);
      next.push(...followed.files);
    }
  }
  const records = order.flatMap(f => outcomes.get(f)?.records ?? []);
  const crossFile = [...extra, ...checkCrossFile(records)];
  for (const f of order) diagnostics.push(...(outcomes.get(f)?.diagnostics ?? []));
  diagnostics.push(...positionCrossFile(crossFile, host));
  diagnostics.sort(compareDiagnostics);
  return { files: order, entities: records.length, diagnostics };
}

function positionCrossFile(issues: CrossFileIssue[], host: FileSystemHost): Diagnostic[] {
  const byFile = new Map<string, CrossFileIssue[]>();
  for (const issue of issues) {
    const list = byFile.get(issue.file) ?? [];
    list.push(issue);
    byFile.set(issue.file, list);
  }
  const out: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const bytes = host.readFile(file);
    const text = bytes ? new TextDecoder('utf-8').decode(bytes) : '';
    out.push(...positionIssues(text, file, list));
  }
  return out;
}
