// The messages between `catwalk validate` and its worker threads. A run has
// two phases: workers validate batches of files and keep each file's relation
// targets; once every file is read, the main thread sends every worker the
// refs of the whole catalog and gets back only the dangling-ref warnings.

/** What every worker is started with. */
export interface ValidateWorkerData {
  /** Absolute paths of the `--schema` files. */
  schemas: string[];
}

/** Main thread → worker: validate these files and keep their relation targets. Answered with the summaries (encodeSummaries). */
export interface ValidateFilesRequest {
  type: 'validateFiles';
  files: string[];
  /** Keep each file only if it declares a catalog apiVersion. */
  candidates: boolean;
}

/**
 * Main thread → every worker, after the last batch: the catalog
 * (encodeCatalogRefs) to check the kept targets against. Answered with the
 * positioned warnings (encodeDiagnostics).
 */
export interface CheckRelationsRequest {
  type: 'checkRelations';
  catalog: string;
}

export type ValidateWorkerRequest = ValidateFilesRequest | CheckRelationsRequest;
