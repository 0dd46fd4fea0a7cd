import { Diagnostic, ZERO_RANGE } from '../diagnostics';
import { FileSystemHost } from '../host';
import { positionIssues, validateText } from '../validate/validateFile';
import { FileResult, ValidateOptions } from '../validate/types';
import { CancellationToken, CatalogSink, CatalogSource, ProgressReporter, SourceLoadResult } from './catalogSource';
import { discoverCatalogFiles, DiscoveryOptions, followLocations, LocationGraph } from './discovery';

/** Options of a file-system source. */
export interface FileSystemSourceOptions extends Omit<DiscoveryOptions, 'token'> {
  id?: string;
  label?: string;
  /** Follow Location entities to files discovery did not find (default true). */
  followLocations?: boolean;
  validateOptions?: ValidateOptions;
  /** At most this many files are read between two yields to the event loop (and per sink batch). */
  chunkSize?: number;
  /**
   * Time in ms after which a load yields to the event loop, even inside a chunk: a host that also
   * answers a UI (the extension host) never stalls for longer than this and one file.
   */
  sliceMs?: number;
}

const DEFAULT_CHUNK_SIZE = 200;
const DEFAULT_SLICE_MS = 20;

/** What reading one file gave: its result and the files its Locations lead to. */
export interface FileReadResult {
  result: FileResult;
  /** Location targets not read yet. */
  next: string[];
}

/**
 * Catalog files under some roots of a FileSystemHost: discovered, read,
 * validated, their Locations followed, and reported to the sink.
 */
export class FileSystemSource implements CatalogSource {
  readonly id: string;
  readonly label: string;
  private reported = new Set<string>();
  // Kept between loads so single-file refreshes follow Locations incrementally.
  private graph = new LocationGraph();
  private disposed = false;

  constructor(
    private readonly host: FileSystemHost,
    private readonly roots: string[],
    private readonly options: FileSystemSourceOptions = {},
  ) {
    this.id = options.id ?? 'files';
    this.label = options.label ?? 'Workspace files';
  }

  /** Discovers and reads every file; files gone since the last load are reported removed. */
  async load(sink: CatalogSink, token?: CancellationToken, progress?: ProgressReporter): Promise<SourceLoadResult> {
    const discovery = discoverCatalogFiles(this.roots, this.host, { ...this.options, token });
    const errors = discovery.errors.map(e => rootError(e.path, e.message));
    this.graph = new LocationGraph();
    for (const f of discovery.files) this.graph.markSeen(f);
    const queue = [...discovery.files];
    const loaded = new Set<string>();
    let entities = 0;
    const chunkSize = Math.max(1, this.options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    const sliceMs = this.options.sliceMs ?? DEFAULT_SLICE_MS;
    await yieldToEventLoop();
    for (let i = 0; i < queue.length && !this.stopped(token); ) {
      const end = Math.min(i + chunkSize, queue.length);
      const deadline = Date.now() + sliceMs;
      runBatch(sink, () => {
        do entities += this.report(sink, queue[i], queue, loaded);
        while (++i < end && Date.now() < deadline);
      });
      progress?.({ message: `Read ${i} of ${queue.length} catalog files`, done: i, total: queue.length });
      await yieldToEventLoop();
    }
    const cancelled = this.stopped(token);
    if (cancelled) loaded.forEach(f => this.reported.add(f));
    else this.removeMissing(sink, loaded);
    return { files: loaded.size, entities, errors, cancelled };
  }

  /** Re-reads one file (after a save or a watcher event); reports removal when it is gone. */
  refreshFile(sink: CatalogSink, file: string): FileReadResult | undefined {
    if (this.host.stat(file) !== 'file') {
      this.graph.removeFile(file);
      if (this.reported.delete(file)) sink.removeFile(file);
      return undefined;
    }
    const read = this.readFile(file, this.graph);
    runBatch(sink, () => {
      sink.upsertFile(read.result);
      this.reported.add(file);
      for (const next of read.next) this.report(sink, next, undefined, this.reported);
    });
    return read;
  }

  /** Reads, validates and follows one file without reporting it. */
  readFile(file: string, graph: LocationGraph = this.graph): FileReadResult {
    const bytes = this.host.readFile(file);
    if (bytes === undefined) return { result: unreadable(file), next: [] };
    const text = new TextDecoder('utf-8').decode(bytes);
    const result = validateText(text, file, this.options.validateOptions);
    if (this.options.followLocations === false || !result.entities.some(e => e.entity.kind === 'Location')) {
      graph.markSeen(file);
      return { result, next: [] };
    }
    const followed = followLocations(file, result.entities, this.host, graph);
    const extra = positionIssues(text, file, followed.issues);
    return { result: { ...result, diagnostics: [...result.diagnostics, ...extra] }, next: followed.files };
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Reads and reports one file; queues its Location targets (or reports them at once without a queue). */
  private report(sink: CatalogSink, file: string, queue: string[] | undefined, loaded: Set<string>): number {
    const read = this.readFile(file);
    sink.upsertFile(read.result);
    loaded.add(file);
    let count = read.result.entities.length;
    if (queue) queue.push(...read.next);
    else for (const next of read.next) count += this.report(sink, next, undefined, loaded);
    return count;
  }

  private removeMissing(sink: CatalogSink, loaded: Set<string>): void {
    const gone = [...this.reported].filter(f => !loaded.has(f));
    runBatch(sink, () => gone.forEach(f => sink.removeFile(f)));
    this.reported = loaded;
  }

  private stopped(token: CancellationToken | undefined): boolean {
    return this.disposed || token?.isCancellationRequested === true;
  }
}

function runBatch(sink: CatalogSink, fn: () => void): void {
  if (sink.batch) sink.batch(fn);
  else fn();
}

/** Lets timers and pending I/O (a UI's messages) run; setImmediate skips the 1 ms clamp of a timer where it exists. */
function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

function unreadable(file: string): FileResult {
  const diagnostic: Diagnostic = { file, range: ZERO_RANGE, severity: 'error', code: 'unreadable', message: `Cannot read ${file}` };
  return { file, entities: [], diagnostics: [diagnostic] };
}

function rootError(path: string, message: string): Diagnostic {
  return { file: path, range: ZERO_RANGE, severity: 'error', code: 'root-not-found', message };
}
