import * as path from 'path';
import { FileSystemHost, Logger } from '../core/host';
import { CatalogChange, CatalogIndex } from '../core/index/catalogIndex';
import { DocumentValidationCache, documentLocator } from '../core/language/documentValidation';
import { Disposable } from '../core/sources/catalogSource';
import { declaresCatalogApiVersion, isCatalogFileName } from '../core/sources/discovery';
import { FileSystemSource } from '../core/sources/fileSystemSource';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { ValidateOptions } from '../core/validate/types';

/** Which files the server reads, from the client's settings (`catwalk.catalog.*`). */
export interface WorkspaceSettings {
  globs?: string[];
  exclude?: string[];
}

const SKIPPED = /[\\/](node_modules|\.git)([\\/]|$)/;
// Open files with Location entities go through the source, which follows their targets.
const DECLARES_LOCATION = /^kind:\s*Location\b/m;

/**
 * The server's catalog: the workspace folders read with the discovery rules of
 * `catwalk validate`, with the text of open documents in place of the disk's
 * (unsaved text wins), kept current by edits and watched-file events.
 */
export class CatalogWorkspace implements Disposable {
  readonly index: CatalogIndex;
  /** Reads open documents first, then the disk. */
  readonly host: FileSystemHost;
  private readonly open = new Map<string, string>();
  private readonly source: FileSystemSource;
  private readonly encoder = new TextEncoder();
  private readonly documents = new DocumentValidationCache();
  private readonly validateOptions: ValidateOptions;

  constructor(readonly roots: string[], settings: WorkspaceSettings = {}, private readonly log?: Logger) {
    this.host = this.overlayHost();
    this.index = new CatalogIndex({ locate: documentLocator(file => this.readText(file)) });
    this.validateOptions = {
      fileExists: p => this.host.stat(p) === 'file',
      readText: p => this.readText(p),
    };
    this.source = new FileSystemSource(this.host, roots, {
      id: 'workspace',
      label: 'Workspace',
      globs: settings.globs,
      exclude: settings.exclude,
      validateOptions: this.validateOptions,
    });
  }

  /** Reads every catalog file of the workspace folders. */
  async load(): Promise<{ files: number; entities: number }> {
    const result = await this.source.load(this.index);
    for (const e of result.errors) this.log?.warn(`${e.file}: ${e.message}`);
    return { files: result.files, entities: result.entities };
  }

  /** Text of a file: the open document's, else the disk's. */
  readText(file: string): string | undefined {
    const open = this.open.get(file);
    if (open !== undefined) return open;
    const bytes = nodeFileSystemHost.readFile(file);
    return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
  }

  isOpen(file: string): boolean {
    return this.open.has(file);
  }

  /** An opened or edited document: its text replaces the disk's. */
  setOpenText(file: string, text: string): void {
    this.open.set(file, text);
    if (!this.isCatalogFile(file, text)) return;
    if (DECLARES_LOCATION.test(text)) this.source.refreshFile(this.index, file);
    else this.index.upsertFile(this.documents.validate(text, file, this.validateOptions));
  }

  /** A closed document: the disk's version (or nothing) takes its place. */
  close(file: string): void {
    this.open.delete(file);
    this.documents.clear(file);
    if (!this.index.fileResult(file)) return;
    // A document never saved (or deleted meanwhile) leaves the catalog with its editor.
    if (nodeFileSystemHost.stat(file) !== 'file') this.index.removeFile(file);
    else this.source.refreshFile(this.index, file);
  }

  /** A file changed, appeared or disappeared on disk (open documents keep their text). */
  fileChanged(file: string): void {
    if (this.open.has(file) || SKIPPED.test(file)) return;
    const text = this.index.fileResult(file) ? undefined : this.readText(file);
    if (this.index.fileResult(file) || this.isCatalogFile(file, text)) this.source.refreshFile(this.index, file);
  }

  /** A folder disappeared: every indexed file under it goes. */
  folderDeleted(folder: string): void {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    this.index.batch(() => {
      for (const file of this.index.files()) if (file.startsWith(prefix) && !this.open.has(file)) this.source.refreshFile(this.index, file);
    });
  }

  /** True for files the catalog reads: known files, conventional names, YAML declaring a Backstage apiVersion. */
  isCatalogFile(file: string, text?: string): boolean {
    if (this.index.fileResult(file)) return true;
    if (SKIPPED.test(file)) return false;
    if (isCatalogFileName(path.basename(file))) return true;
    if (!/\.ya?ml$/i.test(file) && !this.open.has(file)) return false;
    const content = text ?? this.readText(file);
    return content !== undefined && declaresCatalogApiVersion(content);
  }

  /** Listens to index changes. */
  onDidChange(listener: (change: CatalogChange) => void): Disposable {
    return this.index.onDidChange(listener);
  }

  dispose(): void {
    this.source.dispose();
  }

  /** The disk, with open documents in front of it. */
  private overlayHost(): FileSystemHost {
    return {
      readFile: file => {
        const open = this.open.get(file);
        return open !== undefined ? this.encoder.encode(open) : nodeFileSystemHost.readFile(file);
      },
      stat: file => (this.open.has(file) ? 'file' : nodeFileSystemHost.stat(file)),
      readDirectory: dir => nodeFileSystemHost.readDirectory(dir),
    };
  }
}
