import * as path from 'path';
import * as vscode from 'vscode';
import { CatalogChange, CatalogIndex, locatorFromText } from '../core/index/catalogIndex';
import { declaresCatalogApiVersion, discoverCatalogFiles, isCatalogFileName } from '../core/sources/discovery';
import { FileSystemSource } from '../core/sources/fileSystemSource';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { readSettings, Settings } from './settings';

export type CatalogState = 'idle' | 'indexing' | 'ready';

// A burst of file events (a branch switch, a formatter over the tree) becomes one update.
const COALESCE_MS = 15;
/**
 * While indexing, the progress message goes to the workbench at most this often (the files are read
 * in slices of about 20 ms; a message for each would keep the workbench busy while it starts).
 */
const PROGRESS_REPORT_MS = 250;
const YAML_FILE = /\.ya?ml$/i;

/**
 * The extension's one catalog index: the workspace folders read in the
 * background, kept current by a file watcher. Views subscribe to its events.
 */
export class CatalogService implements vscode.Disposable {
  readonly index: CatalogIndex;
  private readonly changeEmitter = new vscode.EventEmitter<CatalogChange>();
  private readonly stateEmitter = new vscode.EventEmitter<CatalogState>();
  /** Fires after the index changed (a load, an edit, a delete). */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires when indexing starts or finishes. */
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.stateEmitter];
  private source: FileSystemSource | undefined;
  private loading: Promise<void> | undefined;
  private readonly pendingFiles = new Set<string>();
  private readonly pendingFolders = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: CatalogState = 'idle';
  private currentSince = performance.now();
  private settings: Settings;
  /** The load's progress reports of about the last second, oldest first: its recent pace. */
  private loadProgress: { at: number; done: number; total: number }[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.index = new CatalogIndex({ locate: locatorFromText(readTextSync) });
    this.settings = readSettings();
    const listener = this.index.onDidChange(change => this.changeEmitter.fire(change));
    this.disposables.push({ dispose: () => listener.dispose() });
  }

  get state(): CatalogState {
    return this.current;
  }

  /** When the current state began (the extension host's performance.now()). */
  get stateSince(): number {
    return this.currentSince;
  }

  /** Starts indexing (not awaited by activation) and watching the workspace. */
  start(): void {
    this.watch();
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (!e.affectsConfiguration('catwalk.catalog')) return;
        this.settings = readSettings();
        void this.refresh();
      }),
    );
    void this.refresh();
  }

  /** Re-reads every catalog file of the workspace, with a progress indicator. */
  refresh(): Promise<void> {
    this.loading = this.load();
    return this.loading;
  }

  /** Resolves once the current load has finished. */
  async whenReady(): Promise<void> {
    while (this.loading) {
      const loading = this.loading;
      await loading;
      if (this.loading === loading) return;
    }
  }

  /**
   * While indexing, the time the load will still take in ms, judged from its pace over the last
   * second (undefined before that can be told, and when not indexing).
   */
  timeLeft(): number | undefined {
    const first = this.loadProgress[0];
    const last = this.loadProgress[this.loadProgress.length - 1];
    if (this.current !== 'indexing' || !first || !last || last.done <= first.done) return undefined;
    return ((last.at - first.at) * (last.total - last.done)) / (last.done - first.done);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.source?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async load(): Promise<void> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
    this.source?.dispose();
    const source = new FileSystemSource(nodeFileSystemHost, roots, {
      id: 'workspace',
      label: 'Workspace',
      globs: this.settings.globs,
      exclude: this.settings.exclude,
      validateOptions: {
        fileExists: p => nodeFileSystemHost.stat(p) === 'file',
        readText: readTextSync,
      },
    });
    this.source = source;
    this.setState('indexing');
    const started = Date.now();
    try {
      // Discovery walks the folders synchronously: start it after activation, never inside it.
      await new Promise(resolve => setTimeout(resolve, 0));
      this.loadProgress = [];
      let reportedAt = 0;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Catwalk: indexing catalog' },
        progress =>
          source.load(this.index, undefined, report => {
            if (this.source === source && report.total !== undefined) this.noteProgress(report.done ?? 0, report.total);
            const at = Date.now();
            if (at - reportedAt < PROGRESS_REPORT_MS) return;
            reportedAt = at;
            progress.report({ message: report.message });
          }),
      );
      for (const error of result.errors) this.log.warn(`${error.file}: ${error.message}`);
      this.log.info(`Indexed ${result.entities} entities from ${result.files} files in ${Date.now() - started} ms`);
    } catch (e) {
      this.log.error(`Indexing failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    } finally {
      if (this.source === source) this.setState('ready');
    }
  }

  /** The first files, read while the code warms up, go slower: only the last second tells the pace. */
  private noteProgress(done: number, total: number): void {
    const at = Date.now();
    this.loadProgress.push({ at, done, total });
    while (this.loadProgress.length > 2 && at - this.loadProgress[1].at > 1000) this.loadProgress.shift();
  }

  private watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    const queue = (uri: vscode.Uri) => this.enqueue(uri, this.pendingFiles);
    // A deleted folder (a branch switch, a rename) or a folder moved in comes as one event for the folder itself.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const queueFolder = (uri: vscode.Uri) => {
      if (!YAML_FILE.test(uri.fsPath)) this.enqueue(uri, this.pendingFolders);
    };
    this.disposables.push(watcher, watcher.onDidCreate(queue), watcher.onDidChange(queue), watcher.onDidDelete(queue));
    this.disposables.push(folders, folders.onDidCreate(queueFolder), folders.onDidDelete(queueFolder));
  }

  private enqueue(uri: vscode.Uri, pending: Set<string>): void {
    if (uri.scheme !== 'file' || /[\\/](node_modules|\.git)([\\/]|$)/.test(uri.fsPath)) return;
    pending.add(uri.fsPath);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), COALESCE_MS);
  }

  /** Applies every queued file and folder event as one index update. */
  private flush(): void {
    this.timer = undefined;
    const files = new Set(this.pendingFiles);
    for (const file of this.filesOfFolders([...this.pendingFolders])) files.add(file);
    this.pendingFiles.clear();
    this.pendingFolders.clear();
    const source = this.source;
    if (!source) return;
    this.index.batch(() => {
      for (const file of files) {
        if (this.isCatalogFile(file)) source.refreshFile(this.index, file);
      }
    });
  }

  /** Indexed files under folders that changed, and catalog files in folders that appeared. */
  private filesOfFolders(folders: string[]): string[] {
    if (folders.length === 0) return [];
    const changed = new Set(folders);
    const out = this.index.files().filter(file => hasAncestorIn(file, changed));
    for (const folder of folders) {
      if (nodeFileSystemHost.stat(folder) !== 'directory') continue;
      const found = discoverCatalogFiles([folder], nodeFileSystemHost, { globs: this.settings.globs, exclude: this.settings.exclude });
      out.push(...found.files);
    }
    return out;
  }

  /** Known files, deleted files and files that now declare a Backstage apiVersion are catalog files. */
  private isCatalogFile(file: string): boolean {
    if (this.index.fileResult(file)) return true;
    if (isCatalogFileName(path.basename(file))) return true;
    const text = readTextSync(file);
    return text !== undefined && declaresCatalogApiVersion(text);
  }

  private setState(state: CatalogState): void {
    this.current = state;
    this.currentSince = performance.now();
    this.stateEmitter.fire(state);
  }
}

function readTextSync(file: string): string | undefined {
  const bytes = nodeFileSystemHost.readFile(file);
  return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
}

/** True when one of the file's parent folders is in `folders`. */
function hasAncestorIn(file: string, folders: ReadonlySet<string>): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (folders.has(dir)) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
