import { Diagnostic } from '../core/diagnostics';
import { CatalogRefs, EntityDefinition } from '../core/index/crossFile';
import { FileSummary } from '../core/validate/validateCatalog';
import { ParsedEntity } from '../core/validate/types';

// What crosses between the main thread and the worker threads, as compact as
// JSON allows: one string per message (far cheaper to pass than an object
// graph), no repeated file names or keys (100k definitions per run).

/** A file's definitions, flattened: ref, documentIndex and kind of each in turn. */
type DefinitionsTuple = (string | number)[];
type SummaryTuple = [file: string, skipped: 0 | 1, diagnostics: Diagnostic[], definitions: DefinitionsTuple, locations: ParsedEntity[]];
type CatalogTuple = [refs: string[], kindTitles: [lowerKind: string, title: string][]];

/** Serialises a batch of file summaries for the trip from a worker thread. */
export function encodeSummaries(summaries: FileSummary[]): string {
  return JSON.stringify(summaries.map(encodeSummary));
}

/** The inverse of encodeSummaries. */
export function decodeSummaries(json: string): FileSummary[] {
  return (JSON.parse(json) as SummaryTuple[]).map(decodeSummary);
}

function encodeSummary(summary: FileSummary): SummaryTuple {
  const definitions: DefinitionsTuple = [];
  for (const d of summary.definitions) definitions.push(d.ref, d.documentIndex, d.kind);
  return [summary.file, summary.skipped ? 1 : 0, summary.diagnostics, definitions, summary.locations];
}

function decodeSummary([file, skipped, diagnostics, flat, locations]: SummaryTuple): FileSummary {
  const definitions: EntityDefinition[] = [];
  for (let i = 0; i < flat.length; i += 3) {
    definitions.push({ ref: flat[i] as string, file, documentIndex: flat[i + 1] as number, kind: flat[i + 2] as string });
  }
  return { file, ...(skipped ? { skipped: true } : {}), diagnostics, definitions, locations };
}

/** Serialises the catalog's refs for the trip to every worker thread. */
export function encodeCatalogRefs(catalog: CatalogRefs): string {
  const tuple: CatalogTuple = [[...catalog.refs], [...catalog.kindTitles]];
  return JSON.stringify(tuple);
}

/** The inverse of encodeCatalogRefs. */
export function decodeCatalogRefs(json: string): CatalogRefs {
  const [refs, kindTitles] = JSON.parse(json) as CatalogTuple;
  return { refs: new Set(refs), kindTitles: new Map(kindTitles) };
}

/** Serialises the positioned warnings a worker found (few: only refs that dangle). */
export function encodeDiagnostics(diagnostics: Diagnostic[]): string {
  return JSON.stringify(diagnostics);
}

/** The inverse of encodeDiagnostics. */
export function decodeDiagnostics(json: string): Diagnostic[] {
  return JSON.parse(json) as Diagnostic[];
}
