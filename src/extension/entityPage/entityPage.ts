// One entity page: a webview panel showing one entity, kept current, answering its webview's messages.
import * as vscode from 'vscode';
import type { EntityPageState, ExtensionMessage, GraphDepth, RenderedMessage, TextRange, WebviewMessage } from '../../../webview-ui/protocol';
import { parseWebviewMessage } from '../../../webview-ui/protocol';
import { entityPageHtml } from './html';

/** The view type of entity pages (package.json `onWebviewPanel:catwalk.entityPage`). */
export const ENTITY_PAGE_VIEW_TYPE = 'catwalk.entityPage';

/** What a page needs from the rest of the extension. */
export interface EntityPageHost {
  /** The state of `ref` now; `previous` lets a deleted entity keep its title and file. */
  buildState(ref: string, depth: GraphDepth, previous: EntityPageState | undefined): EntityPageState;
  /** The file the entity is defined in now, if it exists. */
  fileOf(ref: string): string | undefined;
  openEntity(ref: string, from: EntityPage): void;
  posted(page: EntityPage, message: ExtensionMessage): void;
  received(page: EntityPage, message: WebviewMessage): void;
  disposed(page: EntityPage): void;
  log: vscode.LogOutputChannel;
  /** dist/webview: the page's only local resource root. */
  webviewRoot: vscode.Uri;
}

/** One entity's webview panel. */
export class EntityPage implements vscode.Disposable {
  private revision = 0;
  private lastState: EntityPageState | undefined;
  private lastJson: string | undefined;
  private lastFile: string | undefined;
  private lastRendered: RenderedMessage | undefined;
  /** Refs whose change can change this page: the entity and its graph's nodes. */
  private watched = new Set<string>();
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly ref: string,
    private depthValue: GraphDepth,
    private readonly host: EntityPageHost,
  ) {
    panel.webview.options = { enableScripts: true, localResourceRoots: [host.webviewRoot] };
    panel.webview.html = entityPageHtml(assetsOf(panel.webview, host.webviewRoot), ref);
    this.disposables.push(
      panel.webview.onDidReceiveMessage(data => this.receive(data)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.refresh();
  }

  get depth(): GraphDepth {
    return this.depthValue;
  }

  /** The state last posted to the webview. */
  get state(): EntityPageState | undefined {
    return this.lastState;
  }

  /** What the webview last reported as drawn. */
  get rendered(): RenderedMessage | undefined {
    return this.lastRendered;
  }

  /** Rebuilds the state; posts it when it changed (or always, when `force`). */
  refresh(force = false): void {
    const state = this.host.buildState(this.ref, this.depthValue, this.lastState);
    const json = JSON.stringify(state);
    if (!force && json === this.lastJson) return;
    this.lastState = state;
    this.lastJson = json;
    this.lastFile = this.host.fileOf(this.ref) ?? this.lastFile;
    this.watched = new Set([this.ref, ...(state.status === 'entity' ? state.graph.nodes.map(n => n.ref) : [])]);
    this.updatePanel(state);
    this.post({ type: 'state', revision: ++this.revision, depth: this.depthValue, state });
  }

  /** True when a catalog change names the entity, one of its graph's nodes, or the entity's file. */
  affectedBy(refs: readonly string[], files: readonly string[]): boolean {
    return refs.some(r => this.watched.has(r)) || (this.lastFile !== undefined && files.includes(this.lastFile));
  }

  /** Handles one message from the webview; also how tests simulate clicks. */
  async handle(message: WebviewMessage): Promise<void> {
    try {
      await this.dispatch(message);
    } finally {
      // Announced once handled, so that listeners see its effect (e.g. the rendered revision).
      this.host.received(this, message);
    }
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.refresh(true);
      case 'rendered':
        if (!this.lastRendered || message.revision >= this.lastRendered.revision) this.lastRendered = message;
        return;
      case 'openEntity':
        return this.host.openEntity(message.ref, this);
      case 'openLink':
        return this.openLink(message.url);
      case 'openSource':
        return this.openSource(message.range);
      case 'setDepth':
        this.depthValue = message.depth;
        return this.refresh(true);
      case 'copyRef':
        await vscode.env.clipboard.writeText(this.ref);
        vscode.window.setStatusBarMessage(`Copied ${this.ref}`, 3000);
        return;
      case 'reportError':
        this.host.log.warn(`Entity page ${this.ref}: ${message.message}`);
        return;
      default:
        return assertNever(message);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
    this.panel.dispose();
    this.host.disposed(this);
  }

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.host.log.warn(`Entity page ${this.ref}: ignored a malformed message`);
      return;
    }
    this.handle(message).catch(e => this.host.log.error(`Entity page ${this.ref}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private post(message: ExtensionMessage): void {
    this.host.posted(this, message);
    void this.panel.webview.postMessage(message);
  }

  private updatePanel(state: EntityPageState): void {
    const base = state.status === 'loading' ? state.ref : state.title;
    this.panel.title = state.status === 'missing' ? `${base} (deleted)` : base;
    const icon = state.status === 'loading' ? 'symbol-misc' : state.icon;
    this.panel.iconPath = {
      light: vscode.Uri.joinPath(this.host.webviewRoot, 'icons', `${icon}-light.svg`),
      dark: vscode.Uri.joinPath(this.host.webviewRoot, 'icons', `${icon}-dark.svg`),
    };
  }

  /** Opens one of the entity's own links: anything else the webview asks for is refused. */
  private async openLink(url: string): Promise<void> {
    const state = this.lastState;
    const known = state?.status === 'entity' && state.links.some(l => l.url === url);
    if (!known || !/^(https?|mailto):/i.test(url)) {
      this.host.log.warn(`Entity page ${this.ref}: refused to open ${url}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  /** Opens the entity's file beside the page, at a problem's range or at the entity's first line. */
  private async openSource(range: TextRange | undefined): Promise<void> {
    const file = this.host.fileOf(this.ref) ?? this.lastFile;
    if (!file) return;
    const state = this.lastState;
    const line = state?.status === 'entity' ? state.source.line : 0;
    const target = range ?? { start: { line, character: 0 }, end: { line, character: 0 } };
    const selection = new vscode.Range(target.start.line, target.start.character, target.end.line, target.end.character);
    await vscode.window.showTextDocument(vscode.Uri.file(file), { selection, viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
}

/** The webview URIs of the page's bundle, stylesheet and codicon font. */
function assetsOf(webview: vscode.Webview, root: vscode.Uri) {
  const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...parts)).toString();
  return { cspSource: webview.cspSource, script: uri('entity.js'), stylesheet: uri('entity.css'), codicons: uri('codicons', 'codicon.css') };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled entity page message ${JSON.stringify(value)}`);
}
