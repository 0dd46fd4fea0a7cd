// One docs preview: a webview panel showing one page of one TechDocs site, rendered by the core
// renderer in the extension host (the webview never reads files), kept current while the user
// types, and answering the webview's navigation, edit, search and external-link requests.
import * as path from 'path';
import * as vscode from 'vscode';
import { FileSystemHost } from '../../core/host';
// Light modules only: the renderer (markdown-it, highlight.js, sanitize-html) loads with the first preview.
import { navTitle, neighbours } from '../../core/techdocs/nav';
import type { PageRenderer } from '../../core/techdocs/renderPage';
import { searchEntries } from '../../core/techdocs/search';
import { loadSite } from '../../core/techdocs/site';
import type { DocsProblem, RenderedPage, SearchEntry, TechDocsSite, UrlMapper } from '../../core/techdocs/types';
import type { ExtensionMessage, PageView, ProblemView, SearchResultView, WebviewMessage } from '../../../webview-ui/techdocs/protocol';
import { pageHref, parseWebviewMessage } from '../../../webview-ui/techdocs/protocol';
import { docsPreviewHtml } from './html';

/** The view type of docs previews (package.json `onWebviewPanel:catwalk.docsPreview`). */
export const DOCS_PREVIEW_VIEW_TYPE = 'catwalk.docsPreview';

/** What a panel needs from the rest of the extension. */
export interface DocsPanelHost {
  host: FileSystemHost;
  /** The page renderer, created on first use. */
  renderer(): PageRenderer;
  /** Unsaved text of open documents, by file path. */
  overrides(): Map<string, string>;
  /** dist/webview: the scripts' resource root. */
  webviewRoot: vscode.Uri;
  /** Which iframes the preview shows (the `catwalk.techdocs.allowedIframeHosts` setting). */
  iframes(): 'none' | 'all' | string[];
  log: vscode.LogOutputChannel;
  posted(panel: DocsPanel, message: ExtensionMessage): void;
  received(panel: DocsPanel, message: WebviewMessage): void;
  disposed(panel: DocsPanel): void;
}

/** One preview panel. */
export class DocsPanel implements vscode.Disposable {
  private siteValue: TechDocsSite;
  private pageIdValue: string;
  private revision = 0;
  private lastRenderedValue: Extract<WebviewMessage, { type: 'rendered' }> | undefined;
  private searchIndex: SearchEntry[] | undefined;
  private readonly urls: UrlMapper;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(readonly panel: vscode.WebviewPanel, readonly siteDir: string, pageId: string | undefined, private readonly host: DocsPanelHost) {
    this.siteValue = this.load();
    this.pageIdValue = this.pickPage(pageId);
    this.urls = {
      page: (id, _from, anchor) => pageHref(id, anchor),
      // The asset's own file: an included (monorepo) site keeps its files in its own docs folder.
      asset: (asset, _from, file) => panel.webview.asWebviewUri(vscode.Uri.file(file || path.join(this.siteValue.docsDir, ...asset.split('/')))).toString(),
    };
    this.configureWebview();
    this.disposables.push(panel.webview.onDidReceiveMessage(data => void this.receive(data)), panel.onDidDispose(() => this.dispose()));
  }

  get site(): TechDocsSite {
    return this.siteValue;
  }

  get pageId(): string {
    return this.pageIdValue;
  }

  /** What the webview last reported as drawn. */
  get lastRendered(): Extract<WebviewMessage, { type: 'rendered' }> | undefined {
    return this.lastRenderedValue;
  }

  /** True when `file` is part of this site (its config, a page, a snippet or an asset). */
  contains(file: string): boolean {
    const rel = path.relative(this.siteDir, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** Shows a page (by id), at an anchor. */
  show(pageId: string, anchor?: string): void {
    this.pageIdValue = this.pickPage(pageId);
    this.render(false, anchor);
  }

  /** Re-renders the current page with the latest text (typing). */
  rerender(): void {
    this.render(true);
  }

  /** Reads the site again (config, files, nav), then re-renders (save, create, delete). */
  reload(): void {
    this.siteValue = this.load();
    this.searchIndex = undefined;
    this.pageIdValue = this.pickPage(this.pageIdValue);
    this.configureWebview(false);
    this.render(true);
  }

  /** Handles a message as if the webview had sent it. */
  async handle(message: WebviewMessage): Promise<void> {
    this.host.received(this, message);
    switch (message.type) {
      case 'ready':
        return this.render(false);
      case 'navigate':
        return this.show(message.pageId, message.anchor);
      case 'openExternal':
        if (/^(https?|mailto):/i.test(message.url)) await vscode.env.openExternal(vscode.Uri.parse(message.url));
        return;
      case 'edit':
        return this.edit(message.pageId, message.line);
      case 'search':
        return this.search(message.query);
      case 'rendered':
        this.lastRenderedValue = message;
        return;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host.disposed(this);
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }

  private load(): TechDocsSite {
    return loadSite(this.host.host, this.siteDir, { overrides: this.host.overrides() });
  }

  /** The page to show: the one asked for if it exists, else the home page, else the first. */
  private pickPage(pageId: string | undefined): string {
    const pages = this.siteValue.pages;
    if (pageId && pages.has(pageId)) return pageId;
    return ['index.md', 'README.md'].find(id => pages.has(id)) ?? this.siteValue.readingOrder[0] ?? pages.keys().next().value ?? pageId ?? 'index.md';
  }

  private configureWebview(setHtml = true): void {
    const webview = this.panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: [this.host.webviewRoot, vscode.Uri.file(this.siteDir)] };
    if (!setHtml) return;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.webviewRoot, name)).toString();
    webview.html = docsPreviewHtml({ cspSource: webview.cspSource, script: asset('techdocs.js'), mermaid: asset('mermaid.js') }, this.siteValue.config.siteName, this.host.iframes() !== 'none');
  }

  private render(sameScroll: boolean, anchor?: string): void {
    const site = this.siteValue;
    if (!site.pages.has(this.pageIdValue)) {
      const reason = site.problems.find(p => p.severity === 'error')?.message ?? `No Markdown pages in ${site.docsDir}.`;
      return this.post({ type: 'error', revision: ++this.revision, message: reason });
    }
    const page = this.host.renderer().render(site, this.pageIdValue, {
      urls: this.urls, sourceLines: true, iframes: this.host.iframes(), overrides: this.host.overrides(),
      text: this.host.overrides().get(site.pages.get(this.pageIdValue)?.file ?? ''),
    });
    this.panel.title = `${page.title} · ${site.config.siteName}`;
    this.post({ type: 'page', revision: ++this.revision, page: this.pageView(page), anchor, sameScroll });
  }

  private pageView(page: RenderedPage): PageView {
    const site = this.siteValue;
    const { previous, next } = neighbours(site.readingOrder, page.id);
    const link = (id: string | undefined) => (id ? { pageId: id, title: navTitle(site.nav, id) ?? id } : undefined);
    const file = site.pages.get(page.id)?.file ?? '';
    const dirty = vscode.workspace.textDocuments.some(d => d.isDirty && d.uri.fsPath === file);
    return {
      siteDir: this.siteDir, siteName: site.config.siteName, nav: site.nav, pageId: page.id, title: page.title, html: page.html,
      toc: page.toc, previous: link(previous), next: link(next), hasMermaid: page.hasMermaid,
      problems: [...site.problems, ...page.problems].filter(p => p.severity !== 'info' || p.code === 'mkdocs-default-config').map(p => this.problemView(p)),
      notice: dirty ? 'Showing unsaved changes.' : undefined,
    };
  }

  private problemView(p: DocsProblem): ProblemView {
    const where = p.file ? `${vscode.workspace.asRelativePath(p.file)}${p.line !== undefined ? `:${p.line + 1}` : ''}` : undefined;
    return { severity: p.severity, code: p.code, message: p.message, where };
  }

  private async edit(pageId: string, line: number): Promise<void> {
    const file = this.siteValue.pages.get(pageId)?.file;
    if (!file) return;
    const position = new vscode.Position(Math.max(0, line), 0);
    // Beside the preview, never in its place: an editor already showing the file, else another column.
    const column = vscode.window.visibleTextEditors.find(e => e.document.uri.fsPath === file)?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: column, selection: new vscode.Range(position, position) });
  }

  private search(query: string): void {
    const site = this.siteValue;
    // Built on the first search of a site version: every page rendered once for its text.
    this.searchIndex ??= [...site.pages.keys()].flatMap(id => this.host.renderer().render(site, id, { overrides: this.host.overrides() }).search);
    const results: SearchResultView[] = searchEntries(this.searchIndex, query).map(hit => ({
      pageId: hit.entry.pageId, anchor: hit.entry.anchor, title: hit.entry.title,
      pageTitle: navTitle(site.nav, hit.entry.pageId) ?? hit.entry.pageId, snippet: hit.snippet,
    }));
    this.post({ type: 'searchResults', query, results });
  }

  private async receive(data: unknown): Promise<void> {
    const message = parseWebviewMessage(data);
    if (!message) return void this.host.log.warn(`docs preview: ignored a malformed message from the webview`);
    await this.handle(message);
  }

  private post(message: ExtensionMessage): void {
    this.host.posted(this, message);
    void this.panel.webview.postMessage(message);
  }
}
