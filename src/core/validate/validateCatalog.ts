import { compareDiagnostics, Diagnostic, ZERO_RANGE } from '../diagnostics';
import { FileSystemHost } from '../host';
import { checkCrossFile, CrossFileIssue, EntityRecordLite, toLite } from '../index/crossFile';
import { declaresCatalogApiVersion, discoverCatalogFiles, followLocations, LocationGraph } from '../sources/discovery';
import { templateDiagnostics } from '../language/templates';
import { FileResult, ParsedEntity, ValidateOptions } from './types';
import { positionIssues, validateText } from './validateFile';

/** What validating one file yields, small enough to pass between threads. */
export interface FileOutcome {
  file: string;
  /** A candidate that turned out not to be a catalog file. */
  skipped?: boolean;
  diagnostics: Diagnostic[];
  records: EntityRecordLite[];
  /** Location entities, kept whole so their targets can be followed. */
  locations: ParsedEntity[];
}

/**
 * Validates a batch of files (in this thread or in workers). With `candidates`,
 * each file is kept only if it declares a catalog apiVersion.
 */
export type ValidateFiles = (files: string[], candidates?: boolean) => Promise<FileOutcome[]>;

export interface CatalogValidation {
  files: string[];
  entities: number;
  diagnostics: Diagnostic[];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ValidateCatalogOptions {
  globs?: string[];
  exclude?: string[];
  knownApiVersion?: (apiVersion: string) => boolean;
}

/** Reads and validates one file into the compact outcome; a candidate without a catalog apiVersion is skipped. */
export function fileOutcome(file: string, host: FileSystemHost, options: ValidateOptions, candidate = false): FileOutcome {
  const result = readAndValidate(file, host, options, candidate);
  if (!result) return { file, skipped: true, diagnostics: [], records: [], locations: [] };
  return {
    file,
    diagnostics: result.diagnostics,
    records: result.entities.map(toLite),
    locations: result.entities.filter(e => e.entity.kind === 'Location'),
  };
}

/** Reads a file through the host and validates it; an unreadable file is a diagnostic. */
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions): FileResult;
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions, candidate: boolean): FileResult | undefined;
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions, candidate = false): FileResult | undefined {
  const bytes = host.readFile(file);
  if (bytes === undefined) {
    if (candidate) return undefined;
    return { file, entities: [], diagnostics: [{ file, range: ZERO_RANGE, severity: 'error', code: 'unreadable', message: `Cannot read ${file}` }] };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  if (candidate && !declaresCatalogApiVersion(text, options.knownApiVersion)) return undefined;
  return validateText(text, file, options);
}

/**
 * Validates everything under `roots` as the catalog would: discovery, every
 * file on its own, Location targets followed, then the cross-file rules
 * (duplicates, dangling refs) over all of it.
 */
export async function validateCatalog(roots: string[], host: FileSystemHost, validateFiles: ValidateFiles, options: ValidateCatalogOptions = {}): Promise<CatalogValidation> {
  const discovery = discoverCatalogFiles(roots, host, { ...options, deferContentCheck: true });
  const diagnostics: Diagnostic[] = discovery.errors.map(e => ({ file: e.path, range: ZERO_RANGE, severity: 'error' as const, code: 'unreadable', message: e.message }));
  const outcomes = new Map<string, FileOutcome>();
  const extra: CrossFileIssue[] = [];
  const graph = new LocationGraph();
  discovery.files.forEach(f => graph.markSeen(f));
  // Named files and content candidates are read side by side; the order of the
  // catalog is the sorted union, as if discovery had read every candidate itself.
  const first = (await Promise.all([validateFiles(discovery.files), validateFiles(discovery.candidates, true)])).flat();
  const kept = first.filter(o => !o.skipped);
  const order = kept.map(o => o.file).sort(compareStrings);
  kept.forEach(o => graph.markSeen(o.file));
  let batch = kept;
  while (batch.length > 0) {
    const next: string[] = [];
    for (const outcome of batch) {
      outcomes.set(outcome.file, outcome);
      const followed = followLocations(outcome.file, outcome.locations, host, graph);
      extra.push(...followed.issues);
      next.push(...followed.files);
    }
    order.push(...next);
    batch = next.length > 0 ? await validateFiles(next) : [];
  }
  const records = order.flatMap(f => outcomes.get(f)?.records ?? []);
  const crossFile = [...extra, ...checkCrossFile(records)];
  for (const f of order) diagnostics.push(...(outcomes.get(f)?.diagnostics ?? []));
  diagnostics.push(...positionCrossFile(crossFile, host));
  diagnostics.push(...templateChecks(order, outcomes, host));
  diagnostics.sort(compareDiagnostics);
  return { files: order, entities: records.length, diagnostics };
}

/** The editor's template checks (actions, inputs, expressions) for files that hold a Template: one verdict in both. */
function templateChecks(files: string[], outcomes: Map<string, FileOutcome>, host: FileSystemHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    if (!outcomes.get(file)?.records.some(r => r.kind === 'Template')) continue;
    const bytes = host.readFile(file);
    if (bytes) out.push(...templateDiagnostics({ file, text: new TextDecoder('utf-8').decode(bytes) }));
  }
  return out;
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
