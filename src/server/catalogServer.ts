import * as path from 'path';
import {
  CodeActionKind,
  Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  ResponseError,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Logger } from '../core/host';
import { quickFixes } from '../core/language/codeActions';
import { complete } from '../core/language/complete';
import { documentLinks } from '../core/language/documentLinks';
import { hover } from '../core/language/hover';
import { outlineFile } from '../core/language/outline';
import { definition, prepareRename, references, rename } from '../core/language/refs';
import { FileLocation, LanguageDocument, LanguageHost } from '../core/language/types';
import { CatalogWorkspace } from './catalogWorkspace';
import { fileToUri, fromLspDiagnostic, toCodeAction, toCompletionList, toWorkspaceEdit, uriToFile } from './convert';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { InitializationOptions, STATUS_NOTIFICATION, StatusParams } from './protocol';
import { YamlService } from './yamlService';

/** Edits arriving faster than this are validated once (completion reads the live text meanwhile). */
const REVALIDATE_DELAY_MS = 30;

/** Wires a connection: initialize, documents, and every feature. Call once per process. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const state: { server?: CatalogServer } = {};
  connection.onInitialize(params => {
    state.server = new CatalogServer(connection, documents, params);
    return state.server.initializeResult();
  });
  connection.onInitialized(() => void state.server?.start());
  connection.onShutdown(() => state.server?.dispose());
  documents.listen(connection);
  connection.listen();
}

/** The workspace folders of an initialize request, as file paths. */
export function rootsOf(params: InitializeParams): string[] {
  const folders = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = folders.filter(u => u.startsWith('file:')).map(uriToFile);
  if (roots.length === 0 && params.rootPath) roots.push(params.rootPath);
  return roots;
}

/** The server for one client connection: the catalog workspace and the handlers reading it. */
class CatalogServer {
  private readonly workspace: CatalogWorkspace;
  private readonly publisher: DiagnosticsPublisher;
  private readonly yaml = new YamlService();
  private readonly host: LanguageHost;
  private readonly uris = new Map<string, string>();
  private readonly outlines = new Map<string, { version: number; doc: LanguageDocument }>();
  private readonly pendingText = new Map<string, string>();
  private revalidateTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly params: InitializeParams,
  ) {
    this.log = { info: m => connection.console.info(m), warn: m => connection.console.warn(m), error: m => connection.console.error(m) };
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    this.workspace = new CatalogWorkspace(rootsOf(params), { globs: options.globs, exclude: options.exclude }, this.log);
    this.publisher = new DiagnosticsPublisher(connection, this.workspace, file => this.uriOf(file));
    this.host = {
      index: this.workspace.index,
      readText: file => this.workspace.readText(file),
      fs: this.workspace.host,
      linkTo: (file, line) => `${this.uriOf(file)}#L${line + 1}`,
      displayPath: file => this.displayPath(file),
    };
    this.registerDocuments();
    this.registerFeatures();
  }

  initializeResult(): InitializeResult {
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '.', '/'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'catwalk-language-server' },
    };
  }

  /** Indexes the workspace folders and starts watching them. */
  async start(): Promise<void> {
    await this.watchFiles();
    this.status({ state: 'indexing', files: 0, entities: 0 });
    const started = Date.now();
    this.publisher.hold();
    const result = await this.workspace.load().finally(() => this.publisher.release());
    this.log.info(`Indexed ${result.entities} entities from ${result.files} files in ${Date.now() - started} ms`);
    this.status({ state: 'ready', files: result.files, entities: this.workspace.index.size, ms: Date.now() - started });
  }

  dispose(): void {
    if (this.revalidateTimer) clearTimeout(this.revalidateTimer);
    this.publisher.dispose();
    this.workspace.dispose();
  }

  private status(params: StatusParams): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  private async watchFiles(): Promise<void> {
    if (!this.params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
    });
  }

  private registerDocuments(): void {
    this.documents.onDidOpen(e => {
      const file = uriToFile(e.document.uri);
      this.uris.set(file, e.document.uri);
      this.workspace.setOpenText(file, e.document.getText());
      // An open document gets an answer even when it has nothing to report.
      this.publisher.schedule([file]);
    });
    this.documents.onDidChangeContent(e => this.queueRevalidate(uriToFile(e.document.uri), e.document.getText()));
    this.documents.onDidClose(e => {
      const file = uriToFile(e.document.uri);
      this.pendingText.delete(file);
      this.outlines.delete(e.document.uri);
      this.workspace.close(file);
      this.publisher.schedule([file]);
    });
    this.connection.onDidChangeWatchedFiles(p => {
      this.workspace.index.batch(() => {
        for (const change of p.changes) {
          const file = uriToFile(change.uri);
          if (change.type === FileChangeType.Deleted && !/\.ya?ml$/i.test(file)) this.workspace.folderDeleted(file);
          else this.workspace.fileChanged(file);
        }
      });
    });
  }

  /** Validates an edited document once the typing pauses. */
  private queueRevalidate(file: string, text: string): void {
    // Opening a document also reports its content: already read by onDidOpen.
    if (!this.workspace.isOpen(file) || (!this.pendingText.has(file) && this.workspace.readText(file) === text)) return;
    this.pendingText.set(file, text);
    if (this.revalidateTimer) return;
    this.revalidateTimer = setTimeout(() => {
      this.revalidateTimer = undefined;
      const batch = [...this.pendingText];
      this.pendingText.clear();
      this.workspace.index.batch(() => batch.forEach(([f, t]) => this.workspace.setOpenText(f, t)));
    }, REVALIDATE_DELAY_MS);
  }

  private registerFeatures(): void {
    const c = this.connection;
    c.onCompletion(async p => {
      const doc = this.languageDocument(p.textDocument.uri);
      if (!doc) return null;
      const result = complete(doc, p.position, this.host);
      return result ? toCompletionList(result) : this.yaml.complete(this.documents.get(p.textDocument.uri)!, p.position);
    });
    c.onHover(async p => {
      const doc = this.languageDocument(p.textDocument.uri);
      if (!doc) return null;
      const result = hover(doc, p.position, this.host);
      if (result) return { contents: { kind: 'markdown', value: result.markdown }, range: result.range };
      return this.yaml.hover(this.documents.get(p.textDocument.uri)!, p.position);
    });
    c.onDefinition(p => this.withDocument(p.textDocument.uri, doc => this.locations(definition(doc, p.position, this.host))));
    c.onReferences(p => this.withDocument(p.textDocument.uri, doc => this.locations(references(doc, p.position, this.host, p.context.includeDeclaration))));
    this.registerRename();
    this.registerEditingFeatures();
  }

  private registerRename(): void {
    this.connection.onPrepareRename(p =>
      this.withDocument(p.textDocument.uri, doc => {
        const result = prepareRename(doc, p.position, this.host);
        if (result && 'error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
        return result ?? null;
      }),
    );
    this.connection.onRenameRequest(p =>
      this.withDocument(p.textDocument.uri, doc => {
        const result = rename(doc, p.position, p.newName, this.host);
        if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, String(result.error));
        return toWorkspaceEdit(result);
      }),
    );
  }

  private registerEditingFeatures(): void {
    const c = this.connection;
    c.onCodeAction(p =>
      this.withDocument(p.textDocument.uri, doc => {
        const file = uriToFile(p.textDocument.uri);
        const diagnostics = p.context.diagnostics.filter(d => d.source === 'catwalk').map(d => fromLspDiagnostic(d, file));
        return quickFixes(doc, diagnostics, this.host).map(toCodeAction);
      }),
    );
    c.onDocumentLinks(p =>
      this.withDocument(p.textDocument.uri, doc =>
        documentLinks(doc, this.host).map(l => ({ range: l.range, target: l.kind === 'file' ? fileToUri(l.target) : l.target, tooltip: l.tooltip })),
      ),
    );
    c.onDocumentFormatting(async p => {
      const document = this.documents.get(p.textDocument.uri);
      return document ? this.yaml.format(document, p.options) : null;
    });
    c.onDocumentSymbol(p => this.withTextDocument(p.textDocument.uri, d => this.yaml.symbols(d)));
    c.onFoldingRanges(p => this.withTextDocument(p.textDocument.uri, d => this.yaml.folding(d)));
  }

  private withDocument<T>(uri: string, fn: (doc: LanguageDocument) => T): T | null {
    const doc = this.languageDocument(uri);
    return doc ? fn(doc) : null;
  }

  private withTextDocument<T>(uri: string, fn: (doc: TextDocument) => T): T | null {
    const document = this.documents.get(uri);
    return document && this.workspace.isCatalogFile(uriToFile(uri), document.getText()) ? fn(document) : null;
  }

  /** The open document as the language features take it, its outline kept per version; undefined for non-catalog files. */
  private languageDocument(uri: string): LanguageDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.outlines.get(uri);
    if (cached?.version === document.version) return cached.doc;
    const file = uriToFile(uri);
    const text = document.getText();
    if (!this.workspace.isCatalogFile(file, text)) return undefined;
    const doc: LanguageDocument = { file, text, outline: outlineFile(text) };
    this.outlines.set(uri, { version: document.version, doc });
    return doc;
  }

  private locations(list: FileLocation[]) {
    return list.map(l => ({ uri: this.uriOf(l.file), range: l.range }));
  }

  /** The URI the client uses for a file (its own spelling for open documents). */
  private uriOf(file: string): string {
    return this.uris.get(file) ?? fileToUri(file);
  }

  private displayPath(file: string): string {
    const root = this.workspace.roots.find(r => file.startsWith(r + path.sep));
    return root ? path.relative(root, file).split(path.sep).join('/') : file;
  }
}
