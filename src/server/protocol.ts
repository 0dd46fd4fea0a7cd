// The messages Catwalk's language server and its clients exchange beyond LSP.
// Plain names and shapes, so the server, the VS Code client and tests share them
// without depending on either side's library.

/** The language id of catalog descriptor files in VS Code (Red Hat's YAML extension does not claim it). */
export const CATALOG_LANGUAGE_ID = 'backstage-catalog';

/** `initializationOptions` the client may send; they mirror the `catwalk.catalog.*` settings. */
export interface InitializationOptions {
  /** Extra globs of catalog files, relative to each workspace folder. */
  globs?: string[];
  /** Globs of files and folders never read. */
  exclude?: string[];
}

/**
 * Server → client notification: indexing started or finished. Sent after
 * `initialized` (state `indexing`) and when the first load is done (`ready`).
 */
export const STATUS_NOTIFICATION = 'catwalk/status';

export interface StatusParams {
  state: 'indexing' | 'ready';
  files: number;
  entities: number;
  /** Milliseconds the load took (with `ready`). */
  ms?: number;
}
