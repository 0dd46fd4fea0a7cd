// Entity pages: the `catwalk.openEntityPage` command, one panel per entity (revealed again when open),
// live updates from the catalog, and the serializer that restores pages after a window reload.
import * as vscode from 'vscode';
import { CatalogChange } from '../../core/index/catalogIndex';
import { normalizeEntityRef } from '../../core/model/ref';
import { ParsedEntity } from '../../core/validate/types';
import type { EntityPageState, ExtensionMessage, GraphDepth, RenderedMessage, StateMessage, WebviewMessage } from '../../../webview-ui/protocol';
import { DEFAULT_GRAPH_DEPTH, parseSavedState } from '../../../webview-ui/protocol';
import type { CatalogService } from '../catalogService';
import { ENTITY_PAGE_VIEW_TYPE, EntityPage, EntityPageHost } from './entityPage';
import { kindIcon } from './kindIcons';
import { buildEntityPageState, titleOf } from './state';

/** Command id contributed in package.json. */
export const OPEN_ENTITY_PAGE_COMMAND = 'catwalk.openEntityPage';

/** A message that went to or came from one page. */
export interface EntityPageEvent<M> {
  ref: string;
  message: M;
}

export interface OpenOptions {
  depth?: GraphDepth;
  viewColumn?: vscode.ViewColumn;
  preserveFocus?: boolean;
}

/** What other extensions and the integration tests can see of entity pages. */
export interface EntityPagesApi {
  /** Opens (or reveals) the page of a ref; resolves to the canonical ref shown. */
  open(ref: string, options?: OpenOptions): string;
  /** Canonical refs of the open pages. */
  openRefs(): string[];
  panelOf(ref: string): vscode.WebviewPanel | undefined;
  /** The last `state` message posted to a page's webview. */
  lastPosted(ref: string): StateMessage | undefined;
  /** What the page's webview last reported as drawn (revision and a summary read from its DOM). */
  lastRendered(ref: string): RenderedMessage | undefined;
  /** Fires for every message posted to a webview. */
  readonly onDidPost: vscode.Event<EntityPageEvent<ExtensionMessage>>;
  /** Fires for every message a webview sent (or a test simulated). */
  readonly onDidReceive: vscode.Event<EntityPageEvent<WebviewMessage>>;
  /** Handles `message` as if the page's webview had sent it. */
  simulate(ref: string, message: WebviewMessage): Promise<void>;
}

/** Registers the command, the serializer and the catalog listener; everything goes into the context's subscriptions. */
export function registerEntityPages(context: vscode.ExtensionContext, catalog: CatalogService, log: vscode.LogOutputChannel): EntityPagesApi {
  const pages = new EntityPages(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), catalog, log);
  context.subscriptions.push(
    pages,
    vscode.commands.registerCommand(OPEN_ENTITY_PAGE_COMMAND, (arg?: unknown) => pages.openCommand(arg)),
    vscode.window.registerWebviewPanelSerializer(ENTITY_PAGE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => pages.restore(panel, state),
    }),
    catalog.onDidChange(change => pages.catalogChanged(change)),
    catalog.onDidChangeState(state => state === 'ready' && pages.refreshAll()),
  );
  return pages;
}

/** The open entity pages, by canonical ref. */
class EntityPages implements EntityPagesApi, vscode.Disposable {
  private readonly pages = new Map<string, EntityPage>();
  private readonly postEmitter = new vscode.EventEmitter<EntityPageEvent<ExtensionMessage>>();
  private readonly receiveEmitter = new vscode.EventEmitter<EntityPageEvent<WebviewMessage>>();
  private readonly lastMessages = new Map<string, StateMessage>();
  readonly onDidPost = this.postEmitter.event;
  readonly onDidReceive = this.receiveEmitter.event;
  private readonly host: EntityPageHost;

  constructor(
    webviewRoot: vscode.Uri,
    private readonly catalog: CatalogService,
    log: vscode.LogOutputChannel,
  ) {
    this.host = {
      log,
      webviewRoot,
      buildState: (ref, depth, previous) => this.buildState(ref, depth, previous),
      fileOf: ref => this.catalog.index.get(ref)?.file,
      openEntity: (ref, from) => void this.open(ref, { viewColumn: from.panel.viewColumn }),
      posted: (page, message) => this.posted(page, message),
      received: (page, message) => this.receiveEmitter.fire({ ref: page.ref, message }),
      disposed: page => this.forget(page),
    };
  }

  open(ref: string, options: OpenOptions = {}): string {
    const canonical = this.canonical(ref);
    const existing = this.pages.get(canonical);
    if (existing) {
      existing.panel.reveal(options.viewColumn ?? existing.panel.viewColumn, options.preserveFocus);
      return canonical;
    }
    const panel = vscode.window.createWebviewPanel(
      ENTITY_PAGE_VIEW_TYPE,
      canonical,
      { viewColumn: options.viewColumn ?? vscode.ViewColumn.Active, preserveFocus: options.preserveFocus },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [this.host.webviewRoot] },
    );
    this.adopt(panel, canonical, options.depth ?? DEFAULT_GRAPH_DEPTH);
    return canonical;
  }

  /** The command: a ref argument, else the entity under the cursor, else a quick pick. */
  async openCommand(arg: unknown): Promise<void> {
    const ref = refArgument(arg) ?? this.entityAtCursor() ?? (await this.pickEntity());
    if (ref) this.open(ref);
  }

  /** Re-opens a page after a window reload from what its webview saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = parseSavedState(state);
    if (!saved || this.pages.has(this.canonical(saved.ref))) {
      panel.dispose();
      return;
    }
    this.adopt(panel, this.canonical(saved.ref), saved.depth);
  }

  /**
   * Updates the pages a catalog change touches: their entity, a neighbour in their graph, or their file.
   * A hidden page waits: its webview is rebuilt when shown and asks for the state then (`ready`); only the
   * entity coming or going updates it at once, for its tab's title.
   */
  catalogChanged(change: CatalogChange): void {
    const refs = [...change.added, ...change.removed, ...change.updated];
    for (const page of this.pages.values()) {
      if (!page.affectedBy(refs, change.files)) continue;
      if (page.panel.visible || change.added.includes(page.ref) || change.removed.includes(page.ref)) page.refresh();
    }
  }

  refreshAll(): void {
    for (const page of this.pages.values()) page.refresh();
  }

  openRefs(): string[] {
    return [...this.pages.keys()];
  }

  panelOf(ref: string): vscode.WebviewPanel | undefined {
    return this.pages.get(this.canonical(ref))?.panel;
  }

  lastPosted(ref: string): StateMessage | undefined {
    return this.lastMessages.get(this.canonical(ref));
  }

  lastRendered(ref: string): RenderedMessage | undefined {
    return this.pages.get(this.canonical(ref))?.rendered;
  }

  async simulate(ref: string, message: WebviewMessage): Promise<void> {
    const page = this.pages.get(this.canonical(ref));
    if (!page) throw new Error(`No entity page is open for ${ref}`);
    await page.handle(message);
  }

  dispose(): void {
    for (const page of [...this.pages.values()]) page.dispose();
    this.postEmitter.dispose();
    this.receiveEmitter.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, ref: string, depth: GraphDepth): void {
    this.pages.set(ref, new EntityPage(panel, ref, depth, this.host));
  }

  private buildState(ref: string, depth: GraphDepth, previous: EntityPageState | undefined): EntityPageState {
    const index = this.catalog.index;
    // A page restored at start-up comes before the catalog: "not found" would be a lie until it is read.
    if (!index.has(ref) && this.catalog.state !== 'ready') return { status: 'loading', ref };
    return buildEntityPageState(index, ref, depth, { previous, describeFile: f => vscode.workspace.asRelativePath(f) });
  }

  private posted(page: EntityPage, message: ExtensionMessage): void {
    this.lastMessages.set(page.ref, message);
    this.postEmitter.fire({ ref: page.ref, message });
  }

  private forget(page: EntityPage): void {
    if (this.pages.get(page.ref) !== page) return;
    this.pages.delete(page.ref);
    this.lastMessages.delete(page.ref);
  }

  /** The canonical ref of what was asked for: the catalog's spelling when it knows the entity. */
  private canonical(ref: string): string {
    return this.catalog.index.get(ref)?.ref ?? normalizeEntityRef(ref) ?? ref.toLowerCase();
  }

  private entityAtCursor(): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file') return undefined;
    const line = editor.selection.active.line;
    const entities = this.catalog.index.entitiesOfFile(editor.document.uri.fsPath);
    return entities.find(e => e.range.start.line <= line && line <= e.range.end.line)?.ref;
  }

  private async pickEntity(): Promise<string | undefined> {
    const items = this.catalog.index
      .allEntities()
      .map(toPickItem)
      .sort((a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Open the page of an entity', matchOnDescription: true });
    return picked?.ref;
  }
}

function toPickItem(p: ParsedEntity): vscode.QuickPickItem & { ref: string; title: string } {
  const title = titleOf(p.entity);
  return { label: `$(${kindIcon(p.entity.kind)}) ${title}`, description: p.ref, ref: p.ref, title };
}

/** The ref in a command argument: a string, or an object with a `ref` (a tree item, a test). */
function refArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { ref?: unknown }).ref === 'string') return (arg as { ref: string }).ref;
  return undefined;
}
