// Docs previews: the `catwalk.techdocs.openPreview` command (from the palette, an editor title
// button on Markdown pages of a docs folder, an entity ref or a site folder), one panel per site
// (revealed again when open), live re-rendering while typing, reloading on save, create and
// delete, and the serializer that restores previews after a window reload.
import * as path from 'path';
import * as vscode from 'vscode';
import { nodeFileSystemHost } from '../../core/sources/nodeHost';
import { findSiteForFile } from '../../core/techdocs/findSite';
import type { PageRenderer } from '../../core/techdocs/renderPage';
import { resolveTechDocsRef, TECHDOCS_REF_ANNOTATION } from '../../core/techdocs/techdocsRef';
import { isRecord } from '../../core/model/entity';
import type { ExtensionMessage, WebviewMessage } from '../../../webview-ui/techdocs/protocol';
import { parseSavedState } from '../../../webview-ui/techdocs/protocol';
import type { CatalogService } from '../catalogService';
import { DOCS_PREVIEW_VIEW_TYPE, DocsPanel, DocsPanelHost } from './docsPanel';

/** Command id contributed in package.json. */
export const OPEN_DOCS_PREVIEW_COMMAND = 'catwalk.techdocs.openPreview';
/** Context key: the active editor shows a page of a docs site (for the editor title button). */
export const DOCS_PAGE_CONTEXT = 'catwalk.techdocs.isDocsPage';
/** Quiet time after the last keystroke before the page is rendered again. */
export const TYPING_DEBOUNCE_MS = 150;

/** What the command accepts: a site folder and page, a Markdown file, an entity ref, or nothing (the active editor). */
export type DocsTarget = { siteDir: string; pageId?: string; anchor?: string } | { file: string } | { ref: string } | vscode.Uri | string | undefined;

/** What the command returns: the panel, for the integration tests and other extensions. */
export interface DocsPreviewHandle {
  readonly panel: vscode.WebviewPanel;
  readonly siteDir: string;
  readonly pageId: string;
  /** What the webview last reported as drawn. */
  readonly lastRendered: Extract<WebviewMessage, { type: 'rendered' }> | undefined;
  readonly onDidPost: vscode.Event<ExtensionMessage>;
  readonly onDidReceive: vscode.Event<WebviewMessage>;
  /** Handles `message` as if the webview had sent it. */
  simulate(message: WebviewMessage): Promise<void>;
}

/** Registers the command, the serializer, the context key and the document listeners. */
export function registerDocsPreview(context: vscode.ExtensionContext, catalog: CatalogService, log: vscode.LogOutputChannel): void {
  const previews = new DocsPreviews(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), catalog, log);
  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand(OPEN_DOCS_PREVIEW_COMMAND, (target?: DocsTarget) => previews.openCommand(target)),
    vscode.window.registerWebviewPanelSerializer(DOCS_PREVIEW_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => previews.restore(panel, state) }),
    vscode.window.onDidChangeActiveTextEditor(editor => previews.updateContext(editor)),
    vscode.workspace.onDidChangeTextDocument(e => e.contentChanges.length > 0 && previews.documentChanged(e.document.uri, false)),
    vscode.workspace.onDidSaveTextDocument(doc => previews.documentChanged(doc.uri, true)),
    vscode.workspace.onDidCloseTextDocument(doc => previews.documentChanged(doc.uri, false)),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  context.subscriptions.push(watcher, watcher.onDidCreate(uri => previews.documentChanged(uri, true)), watcher.onDidDelete(uri => previews.documentChanged(uri, true)), watcher.onDidChange(uri => previews.diskChanged(uri)));
  previews.updateContext(vscode.window.activeTextEditor);
}

class PanelEvents implements vscode.Disposable {
  readonly post = new vscode.EventEmitter<ExtensionMessage>();
  readonly receive = new vscode.EventEmitter<WebviewMessage>();
  dispose(): void {
    this.post.dispose();
    this.receive.dispose();
  }
}

/** The open previews, one per site folder. */
class DocsPreviews implements vscode.Disposable {
  private readonly panels = new Map<string, DocsPanel>();
  private readonly events = new Map<DocsPanel, PanelEvents>();
  private readonly timers = new Map<DocsPanel, NodeJS.Timeout>();
  /** Panels whose pending update must read the site again (not only re-render the page). */
  private readonly pendingReload = new Set<DocsPanel>();
  private readonly host: Omit<DocsPanelHost, 'posted' | 'received'>;
  private renderer: PageRenderer | undefined;

  constructor(webviewRoot: vscode.Uri, private readonly catalog: CatalogService, log: vscode.LogOutputChannel) {
    this.host = {
      host: nodeFileSystemHost,
      renderer: () => (this.renderer ??= loadRenderer()),
      overrides: () => new Map(vscode.workspace.textDocuments.filter(d => d.isDirty && d.uri.scheme === 'file').map(d => [d.uri.fsPath, d.getText()])),
      webviewRoot,
      iframes: () => iframePolicy(vscode.workspace.getConfiguration('catwalk.techdocs').get<string[]>('allowedIframeHosts', [])),
      log,
      disposed: panel => this.forget(panel),
    };
  }

  async openCommand(target: DocsTarget): Promise<DocsPreviewHandle | undefined> {
    const resolved = await this.resolve(target);
    if (!resolved) return undefined;
    return this.handleOf(this.open(resolved.siteDir, resolved.pageId, resolved.anchor));
  }

  /** Opens (or reveals) the preview of a site beside the editor. */
  open(siteDir: string, pageId?: string, anchor?: string): DocsPanel {
    const existing = this.panels.get(siteDir);
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, true);
      if (pageId && pageId !== existing.pageId) existing.show(pageId, anchor);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DOCS_PREVIEW_VIEW_TYPE, 'Docs', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, enableFindWidget: true, retainContextWhenHidden: false });
    return this.adopt(panel, siteDir, pageId);
  }

  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = parseSavedState(state);
    if (!saved || this.panels.has(saved.siteDir)) return void panel.dispose();
    this.adopt(panel, saved.siteDir, saved.pageId);
  }

  /** Sets the context key of the editor title button. */
  updateContext(editor: vscode.TextEditor | undefined): void {
    const file = editor?.document.uri.scheme === 'file' ? editor.document.uri.fsPath : undefined;
    const isPage = !!file && editor?.document.languageId === 'markdown' && !!findSiteForFile(nodeFileSystemHost, file, this.workspaceFolderOf(file));
    void vscode.commands.executeCommand('setContext', DOCS_PAGE_CONTEXT, isPage);
  }

  /** A document of a previewed site changed: re-render after typing stops; reload the site on save, create, delete or a config edit. */
  documentChanged(uri: vscode.Uri, structural: boolean): void {
    if (uri.scheme !== 'file') return;
    for (const panel of this.panels.values()) {
      if (!panel.contains(uri.fsPath)) continue;
      const reload = structural || /^mkdocs\.ya?ml$/.test(path.basename(uri.fsPath));
      this.schedule(panel, reload);
    }
  }

  /** A file changed on disk: ignored while it is open and dirty (the editor's text wins). */
  diskChanged(uri: vscode.Uri): void {
    if (vscode.workspace.textDocuments.some(d => d.isDirty && d.uri.fsPath === uri.fsPath)) return;
    this.documentChanged(uri, true);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  private schedule(panel: DocsPanel, reload: boolean): void {
    const pending = this.timers.get(panel);
    if (pending) clearTimeout(pending);
    if (reload) this.pendingReload.add(panel);
    const timer = setTimeout(() => {
      this.timers.delete(panel);
      if (this.pendingReload.delete(panel)) panel.reload();
      else panel.rerender();
    }, TYPING_DEBOUNCE_MS);
    this.timers.set(panel, timer);
  }

  private adopt(panel: vscode.WebviewPanel, siteDir: string, pageId: string | undefined): DocsPanel {
    const events = new PanelEvents();
    const docsPanel = new DocsPanel(panel, siteDir, pageId, {
      ...this.host,
      posted: (_panel, message) => events.post.fire(message),
      received: (_panel, message) => events.receive.fire(message),
    });
    this.events.set(docsPanel, events);
    this.panels.set(siteDir, docsPanel);
    return docsPanel;
  }

  private forget(panel: DocsPanel): void {
    if (this.panels.get(panel.siteDir) === panel) this.panels.delete(panel.siteDir);
    const timer = this.timers.get(panel);
    if (timer) clearTimeout(timer);
    this.timers.delete(panel);
    this.pendingReload.delete(panel);
    this.events.get(panel)?.dispose();
    this.events.delete(panel);
  }

  private handleOf(panel: DocsPanel): DocsPreviewHandle {
    const events = this.events.get(panel) as PanelEvents;
    return {
      panel: panel.panel,
      siteDir: panel.siteDir,
      get pageId() {
        return panel.pageId;
      },
      get lastRendered() {
        return panel.lastRendered;
      },
      onDidPost: events.post.event,
      onDidReceive: events.receive.event,
      simulate: message => panel.handle(message),
    };
  }

  /** The site folder and page a command argument names. */
  private async resolve(target: DocsTarget): Promise<{ siteDir: string; pageId?: string; anchor?: string } | undefined> {
    if (typeof target === 'object' && target !== null && 'siteDir' in target) return { siteDir: path.resolve(target.siteDir), pageId: target.pageId, anchor: target.anchor };
    if (target instanceof vscode.Uri) return this.resolveFile(target.fsPath);
    if (typeof target === 'object' && target !== null && 'file' in target) return this.resolveFile(target.file);
    if (typeof target === 'object' && target !== null && 'ref' in target && typeof target.ref === 'string') return this.resolveEntity(target.ref);
    if (typeof target === 'string' && target) return this.resolveEntity(target);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'markdown' && editor.document.uri.scheme === 'file') return this.resolveFile(editor.document.uri.fsPath);
    return this.pickEntity();
  }

  private resolveFile(file: string): { siteDir: string; pageId?: string } | undefined {
    const found = findSiteForFile(nodeFileSystemHost, file, this.workspaceFolderOf(file));
    if (!found) void vscode.window.showInformationMessage(`${path.basename(file)} is not a page of a TechDocs site (no mkdocs.yml above it whose docs_dir holds it, and no docs folder).`);
    return found;
  }

  private resolveEntity(ref: string): { siteDir: string } | undefined {
    const parsed = this.catalog.index.get(ref);
    const annotations = parsed?.entity.metadata?.annotations;
    const value = isRecord(annotations) ? annotations[TECHDOCS_REF_ANNOTATION] : undefined;
    if (!parsed || typeof value !== 'string') {
      void vscode.window.showInformationMessage(`${ref} has no ${TECHDOCS_REF_ANNOTATION} annotation.`);
      return undefined;
    }
    const resolved = resolveTechDocsRef(value, parsed.file);
    if (resolved.type === 'dir') return { siteDir: resolved.siteDir };
    void vscode.window.showWarningMessage(resolved.message);
    return undefined;
  }

  private async pickEntity(): Promise<{ siteDir: string } | undefined> {
    const items = this.catalog.index.allEntities().flatMap(p => {
      const annotations = p.entity.metadata?.annotations;
      const value = isRecord(annotations) ? annotations[TECHDOCS_REF_ANNOTATION] : undefined;
      return typeof value === 'string' ? [{ label: p.ref, description: value, ref: p.ref }] : [];
    });
    if (items.length === 0) return void vscode.window.showInformationMessage('No entity in the catalog has a backstage.io/techdocs-ref annotation. Open a Markdown page of a docs folder to preview it.');
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Open the docs of an entity' });
    return picked ? this.resolveEntity(picked.ref) : undefined;
  }

  private workspaceFolderOf(file: string): string | undefined {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
  }
}

/** The bundle of the renderer beside dist/extension.js (esbuild.js builds it). */
export const RENDERER_BUNDLE = 'techdocs-renderer.js';

/**
 * The renderer (markdown-it, highlight.js, sanitize-html: megabytes of code), loaded from its own
 * bundle with the first preview, so activation neither parses nor runs it. The path is computed so
 * the extension's bundle does not take it in.
 */
function loadRenderer(): PageRenderer {
  const bundle = path.join(__dirname, RENDERER_BUNDLE);
  const { createPageRenderer } = require(bundle) as typeof import('../../core/techdocs/renderPage');
  return createPageRenderer(nodeFileSystemHost);
}

/** The iframe policy from the setting: `["*"]` allows every https host. */
function iframePolicy(hosts: string[]): 'none' | 'all' | string[] {
  const clean = hosts.filter(h => typeof h === 'string' && h.trim() !== '').map(h => h.trim());
  if (clean.includes('*')) return 'all';
  return clean.length > 0 ? clean : 'none';
}
