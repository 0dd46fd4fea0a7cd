import { Diagnostic } from '../diagnostics';
import { FileResult } from '../validate/types';

// Every place entities come from (workspace files, a file watcher, shared git
// repositories, a Backstage REST API) is a CatalogSource writing FileResults
// into a CatalogSink. The index is the sink; sources never read from it, so a
// new source never needs a change to the index.

/** Something that holds resources or a registration until disposed. */
export interface Disposable {
  dispose(): void;
}

/** Cooperative cancellation, structurally compatible with the editor's token. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

/** Progress of a long load: counts so far and an optional message for people. */
export interface ProgressReport {
  message?: string;
  done?: number;
  total?: number;
}

export type ProgressReporter = (report: ProgressReport) => void;

/**
 * Where a source writes. A "file" is the unit of replacement: upserting a file
 * replaces all of its previous entities at once. Sources that are not files
 * (a REST API) use stable pseudo-paths such as `backstage://host/component:default/x`.
 */
export interface CatalogSink {
  upsertFile(result: FileResult): void;
  removeFile(file: string): void;
  /** Groups many writes so listeners hear about them once (optional). */
  batch?<T>(fn: () => T): T;
}

/** What one load found, beyond the files it reported to the sink. */
export interface SourceLoadResult {
  /** Files reported to the sink by this load. */
  files: number;
  /** Entities in those files. */
  entities: number;
  /** Problems that belong to no reported file (unreadable roots, network errors). */
  errors: Diagnostic[];
  /** True when the token stopped the load before it finished. */
  cancelled: boolean;
}

/** A provider of catalog files. */
export interface CatalogSource extends Disposable {
  /** Stable id, used to tag the files it reports (e.g. `workspace`, `git:<url>`). */
  readonly id: string;
  /** Name shown to people. */
  readonly label: string;
  /**
   * Reads everything and reports it to the sink; files reported by an earlier
   * load that no longer exist are reported as removed.
   */
  load(sink: CatalogSink, token?: CancellationToken, progress?: ProgressReporter): Promise<SourceLoadResult>;
  /** Keeps the sink current until the returned registration is disposed (optional). */
  watch?(sink: CatalogSink): Disposable;
}
