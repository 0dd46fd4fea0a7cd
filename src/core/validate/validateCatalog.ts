import { compareDiagnostics, Diagnostic, ZERO_RANGE } from '../diagnostics';
import { FileSystemHost } from '../host';
import {
  catalogLookup,
  CatalogRefs,
  checkDefinitions,
  CrossFileIssue,
  danglingRefIssues,
  EntityDefinition,
  targetRefsOf,
  toLite,
} from '../index/crossFile';
import { declaresCatalogApiVersion, discoverCatalogFiles, followLocations, LocationGraph } from '../sources/discovery';
import { templateDiagnostics } from '../language/templates';
import { FileResult, ParsedEntity, ValidateOptions } from './types';
import { positionIssues, validateText } from './validateFile';

/**
 * What the catalog-wide pass needs of one file: its diagnostics and
 * definitions without the relation refs, which stay where the file was read
 * (small enough to pass between threads).
 */
export interface FileSummary {
  file: string;
  skipped?: boolean;
  diagnostics: Diagnostic[];
  /** The entities the file defines, in document order. */
  definitions: EntityDefinition[];
  locations: ParsedEntity[];
}

/**
 * Validates the files of a catalog in two steps: each file on its own, then,
 * once every ref of the catalog is known, the relations of every file read so
 * far. The relations stay wherever the files were read (this thread or worker
 * threads), so only definitions and verdicts travel.
 */
export interface CatalogFileValidator {
  /** Validates a batch of files. With `candidates`, each file is kept only if it declares a catalog apiVersion. */
  validate(files: string[], candidates?: boolean): Promise<FileSummary[]>;
  /** Positioned `dangling-ref` warnings of every file validated so far, each file's in document order. */
  danglingDiagnostics(catalog: CatalogRefs): Promise<Diagnostic[]>;
}

/**
 * Validates files one at a time in the thread it lives in (the main thread or
 * a worker) and keeps what the dangling-ref pass needs of them. Only the target
 * refs are kept (a few small strings per entity): a file whose targets all
 * resolve needs nothing more, and one with a dangling target is read again,
 * since its warnings need positions anyway.
 */
export class ThreadFileValidator {
  private readonly targets = new Map<string, string[]>();

  constructor(private readonly host: FileSystemHost, private readonly options: ValidateOptions) {}

  /** Reads and validates one file; a candidate without a catalog apiVersion is skipped. */
  validate(file: string, candidate = false): FileSummary {
    const result = readAndValidate(file, this.host, this.options, candidate);
    if (!result) return { file, skipped: true, diagnostics: [], definitions: [], locations: [] };
    const targets = result.entities.flatMap(targetRefsOf);
    if (targets.length > 0) this.targets.set(file, targets);
    return {
      file,
      diagnostics: result.diagnostics,
      definitions: result.entities.map(e => ({ ref: e.ref, file, documentIndex: e.documentIndex, kind: e.entity.kind })),
      locations: result.entities.filter(e => e.entity.kind === 'Location'),
    };
  }

  /** Positioned `dangling-ref` warnings of every file validated here, file by file. */
  danglingDiagnostics(catalog: CatalogRefs): Diagnostic[] {
    const known = catalogLookup(catalog);
    const out: Diagnostic[] = [];
    for (const [file, targets] of this.targets) {
      if (targets.every(t => catalog.refs.has(t))) continue;
      const text = readText(file, this.host);
      if (text === undefined) continue;
      const records = validateText(text, file, this.options).entities.map(toLite);
      out.push(...positionIssues(text, file, danglingRefIssues(records, known)));
    }
    return out;
  }
}

/** A catalog validator that reads every file in this thread. */
export function inThreadValidator(host: FileSystemHost, options: ValidateOptions): CatalogFileValidator {
  const thread = new ThreadFileValidator(host, options);
  return {
    validate: async (files, candidates) => files.map(f => thread.validate(f, candidates)),
    danglingDiagnostics: async catalog => thread.danglingDiagnostics(catalog),
  };
}

function readText(file: string, host: FileSystemHost): string | undefined {
  const bytes = host.readFile(file);
  return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
}

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

/** Reads a file through the host and validates it; an unreadable file is a diagnostic. */
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions): FileResult;
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions, candidate: boolean): FileResult | undefined;
export function readAndValidate(file: string, host: FileSystemHost, options: ValidateOptions, candidate = false): FileResult | undefined {
  const text = readText(file, host);
  if (text === undefined) {
    if (candidate) return undefined;
    return { file, entities: [], diagnostics: [{ file, range: ZERO_RANGE, severity: 'error', code: 'unreadable', message: `Cannot read ${file}` }] };
  }
  if (candidate && !declaresCatalogApiVersion(text, options.knownApiVersion)) return undefined;
  return validateText(text, file, options);
}

/**
 * Validates everything under `roots` as the catalog would: discovery, every
 * file on its own, Location targets followed, then the cross-file rules
 * (duplicates, dangling refs) over all of it.
 */
export async function validateCatalog(
  roots: string[],
  host: FileSystemHost,
  files: CatalogFileValidator,
  options: ValidateCatalogOptions = {},
): Promise<CatalogValidation> {
  const discovery = discoverCatalogFiles(roots, host, { ...options, deferContentCheck: true });
  const diagnostics: Diagnostic[] = discovery.errors.map(e => ({ file: e.path, range: ZERO_RANGE, severity: 'error' as const, code: 'unreadable', message: e.message }));
  const summaries = new Map<string, FileSummary>();
  const extra: CrossFileIssue[] = [];
  const graph = new LocationGraph();
  discovery.files.forEach(f => graph.markSeen(f));
  // Named files and content candidates are read side by side; the order of the
  // catalog is the sorted union, as if discovery had read every candidate itself.
  const first = (await Promise.all([files.validate(discovery.files), files.validate(discovery.candidates, true)])).flat();
  const kept = first.filter(o => !o.skipped);
  const order = kept.map(o => o.file).sort(compareStrings);
  kept.forEach(o => graph.markSeen(o.file));
  let batch = kept;
  while (batch.length > 0) {
    const next: string[] = [];
    for (const summary of batch) {
      summaries.set(summary.file, summary);
      const followed = followLocations(summary.file, summary.locations, host, graph);
      extra.push(...followed.issues);
      next.push(...followed.files);
    }
    order.push(...next);
    batch = next.length > 0 ? await files.validate(next) : [];
  }
  const definitions: EntityDefinition[] = [];
  for (const f of order) definitions.push(...(summaries.get(f)?.definitions ?? []));
  const { duplicates, catalog } = checkDefinitions(definitions);
  const dangling = await files.danglingDiagnostics(catalog);
  for (const f of order) diagnostics.push(...(summaries.get(f)?.diagnostics ?? []));
  diagnostics.push(...positionCrossFile([...extra, ...duplicates], host));
  // These come positioned from wherever their files were read. No other rule has their code, so the
  // stable sort below leaves them where one positioning pass over all cross-file issues would.
  diagnostics.push(...inFileOrder(dangling, order));
  diagnostics.push(...templateChecks(order, summaries, host));
  diagnostics.sort(compareDiagnostics);
  return { files: order, entities: definitions.length, diagnostics };
}

/** Items ordered by file as `order` lists them, each file's kept in the order given. */
function inFileOrder<T extends { file: string }>(items: T[], order: string[]): T[] {
  const byFile = groupByFile(items);
  return order.flatMap(f => byFile.get(f) ?? []);
}

function groupByFile<T extends { file: string }>(items: T[]): Map<string, T[]> {
  const byFile = new Map<string, T[]>();
  for (const item of items) {
    const list = byFile.get(item.file) ?? [];
    list.push(item);
    byFile.set(item.file, list);
  }
  return byFile;
}

/** The editor's template checks (actions, inputs, expressions) for files that hold a Template: one verdict in both. */
function templateChecks(files: string[], summaries: Map<string, FileSummary>, host: FileSystemHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    if (!summaries.get(file)?.definitions.some(d => d.kind === 'Template')) continue;
    const text = readText(file, host);
    if (text !== undefined) out.push(...templateDiagnostics({ file, text }));
  }
  return out;
}

function positionCrossFile(issues: CrossFileIssue[], host: FileSystemHost): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [file, list] of groupByFile(issues)) {
    out.push(...positionIssues(readText(file, host) ?? '', file, list));
  }
  return out;
}
