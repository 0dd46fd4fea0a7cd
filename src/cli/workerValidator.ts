import { Diagnostic } from '../core/diagnostics';
import { CatalogRefs } from '../core/index/crossFile';
import { CatalogFileValidator, FileSummary, ThreadFileValidator } from '../core/validate/validateCatalog';
import { decodeDiagnostics, decodeSummaries, encodeCatalogRefs } from './transport';
import { ValidateWorkerRequest } from './workerProtocol';

/** What the validator needs of its worker threads: a WorkerPool, or answers computed in this thread in tests. */
export interface ValidateWorkers {
  /** Runs one request on the next free worker. */
  run(request: ValidateWorkerRequest): Promise<string>;
  /** Sends one request to every worker; one answer per worker. */
  broadcast(request: ValidateWorkerRequest): Promise<string[]>;
  close(): Promise<void>;
}

export interface WorkerValidatorOptions {
  /** Starts the workers, once, with the first batch big enough for them. */
  startWorkers?: () => ValidateWorkers;
  /** Below this many files a batch is validated in this thread (starting threads would cost more than it saves). */
  threshold: number;
  /** Files per request to a worker. */
  batchSize: number;
}

/**
 * Validates in this thread, or in worker threads for large batches. Relations
 * stay where the files were read, so the dangling-ref pass asks this thread
 * and every worker.
 */
export class WorkerFileValidator implements CatalogFileValidator {
  private workers: ValidateWorkers | undefined;

  constructor(private readonly local: ThreadFileValidator, private readonly options: WorkerValidatorOptions) {}

  async validate(files: string[], candidates = false): Promise<FileSummary[]> {
    const { startWorkers, threshold, batchSize } = this.options;
    if (!startWorkers || files.length < threshold) return files.map(f => this.local.validate(f, candidates));
    const workers = (this.workers ??= startWorkers());
    // Each batch is decoded as it comes back, while the workers go on.
    const batches: Promise<FileSummary[]>[] = [];
    for (let i = 0; i < files.length; i += batchSize) {
      const request: ValidateWorkerRequest = { type: 'validateFiles', files: files.slice(i, i + batchSize), candidates };
      batches.push(workers.run(request).then(decodeSummaries));
    }
    return (await Promise.all(batches)).flat();
  }

  async danglingDiagnostics(catalog: CatalogRefs): Promise<Diagnostic[]> {
    // The workers check theirs while this thread checks its own.
    const remote = this.workers?.broadcast({ type: 'checkRelations', catalog: encodeCatalogRefs(catalog) }) ?? Promise.resolve([]);
    const local = this.local.danglingDiagnostics(catalog);
    return [...local, ...(await remote).flatMap(decodeDiagnostics)];
  }

  async close(): Promise<void> {
    await this.workers?.close();
  }
}
