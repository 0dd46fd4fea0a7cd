// The Catalog view's data: node ids (entity refs and group ids) in, TreeItems
// out. It holds no entity objects: items are built from the index when the view
// asks, the grouping is rebuilt lazily after a change, tooltips on hover.
import * as path from 'path';
import * as vscode from 'vscode';
import type { CatalogChange } from '../../core/index/catalogIndex';
import { CatalogService } from '../catalogService';
import { ParsedEntity } from '../../core/validate/types';
import { docsTargetOf } from '../commands/docsTarget';
import { EntityCommands } from '../commands/ids';
import { entityDescription, entityLabel, entityTooltip, filterTerms, kindIcon } from './entityView';
import { buildGrouping, GroupBy, Grouping, GroupNode, isGroupId } from './grouping';
import { problemsOf, worstSeverity } from './problems';
import { entityDecorationUri } from './problemDecorations';


/** While filtering, groups open by themselves unless more entities than this match. */
const EXPAND_FILTERED_UP_TO = 500;
/**
 * While indexing, the view redraws at most this often: each redraw is work for a workbench that is
 * often still starting, and the status bar counts the entities read meanwhile.
 */
const INDEXING_REDRAW_MS = 1000;
/**
 * VS Code sends a tree's changes one at a time, each once the workbench has drawn the one before,
 * and holds back a change that comes within 200 ms of another: a redraw this close to the end of
 * indexing would delay the complete tree, so none is made then.
 */
const FINAL_STRETCH_MS = 1000;
/**
 * While indexing, no redraw for this long after the view asked for the top level. While the
 * workbench starts, a change sent soon after the view asked was seen to wait there until the end
 * of indexing, holding back the complete tree behind it (VS Code sends a tree's changes one at a
 * time, each once the workbench has finished with the one before).
 */
const VIEW_SETTLE_MS = 1000;
/** After a redraw, the grouping is built this much later (see redraw). */
const PREBUILD_DELAY_MS = 10;

/** The Catalog view's TreeDataProvider over the catalog index. */
export class CatalogTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<string | string[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly updateEmitter = new vscode.EventEmitter<void>();
  /** The tree changed, whether or not the view was told (a view yet to ask for the top level is not). */
  readonly onDidUpdate = this.updateEmitter.event;
  private grouping: Grouping | undefined;
  private filterText = '';
  private redrawTimer: ReturnType<typeof setTimeout> | undefined;
  private prebuildTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The top-level nodes the view was last given, until the next full redraw: the extension host
   * knows these nodes, so new items for them can be sent without the view asking again. Undefined
   * while the view has yet to ask: it has drawn nothing, or a full redraw is on its way to it.
   */
  private viewRoots: readonly string[] | undefined;
  private viewAskedAt = -Infinity;
  private readonly subscriptions: vscode.Disposable[] = [this.changeEmitter, this.updateEmitter];

  constructor(
    private readonly catalog: CatalogService,
    private groupByMode: GroupBy,
  ) {
    this.subscriptions.push(catalog.onDidChange(change => this.onCatalogChange(change)), catalog.onDidChangeState(() => this.refresh()));
  }

  get groupBy(): GroupBy {
    return this.groupByMode;
  }

  get filter(): string {
    return this.filterText;
  }

  /** Regroups the tree. */
  setGroupBy(by: GroupBy): void {
    if (by === this.groupByMode) return;
    this.groupByMode = by;
    this.refresh();
  }

  /** Shows only entities matching the text ('' clears). */
  setFilter(text: string): void {
    const trimmed = text.trim();
    if (trimmed === this.filterText) return;
    this.filterText = trimmed;
    this.refresh();
  }

  /**
   * An edit that leaves every entity in its group redraws just those entities
   * (an edited file shows at once, even beside a 1,000-entity group); anything
   * else regroups the whole tree.
   */
  private onCatalogChange(change: CatalogChange): void {
    const before = this.grouping;
    if (!before || change.added.length > 0 || change.removed.length > 0 || this.catalog.state === 'indexing') return this.refresh();
    const touched = new Set(change.updated);
    for (const file of change.files) for (const entity of this.catalog.index.entitiesOfFile(file)) touched.add(entity.ref);
    const after = this.build();
    if ([...touched].some(ref => before.parentOf(ref) !== after.parentOf(ref))) {
      this.grouping = after;
      return this.redraw();
    }
    this.grouping = after;
    const shown = [...touched].filter(ref => after.parentOf(ref) !== undefined);
    if (shown.length > 0) this.tell(shown);
  }

  /** Drops the grouping and redraws: at once when the index is settled, throttled while indexing. */
  refresh(): void {
    this.grouping = undefined;
    if (this.catalog.state !== 'indexing') return this.redraw();
    const later = (ms: number) => {
      this.redrawTimer = setTimeout(() => {
        this.redrawTimer = undefined;
        if (this.catalog.state !== 'indexing') return;
        const left = this.catalog.timeLeft();
        if (left !== undefined && left < FINAL_STRETCH_MS) return;
        const sinceAsked = performance.now() - this.viewAskedAt;
        if (sinceAsked < VIEW_SETTLE_MS) return later(VIEW_SETTLE_MS - sinceAsked);
        this.redraw();
      }, ms);
    };
    if (!this.redrawTimer) later(INDEXING_REDRAW_MS);
  }

  /** The current grouping, built on first use after a change. */
  currentGrouping(): Grouping {
    this.grouping ??= this.build();
    return this.grouping;
  }

  getChildren(element?: string): string[] {
    if (element === undefined) {
      const roots = this.currentGrouping().roots();
      this.viewRoots = roots;
      this.viewAskedAt = performance.now();
      return roots;
    }
    return isGroupId(element) ? this.currentGrouping().childrenOf(element) : [];
  }

  getParent(element: string): string | undefined {
    return this.currentGrouping().parentOf(element);
  }

  getTreeItem(element: string): vscode.TreeItem {
    if (isGroupId(element)) {
      const group = this.currentGrouping().group(element);
      if (group) return this.groupItem(group);
    }
    return this.entityItem(element);
  }

  /** Tooltips are built only when hovered. */
  resolveTreeItem(item: vscode.TreeItem, element: string): vscode.TreeItem {
    const parsed = isGroupId(element) ? undefined : this.catalog.index.get(element);
    if (parsed) item.tooltip = this.tooltipOf(element) ?? item.tooltip;
    return item;
  }

  /** The entity behind a node: the ref itself, or the entity a group stands for. */
  entityRefOf(element: string): string | undefined {
    if (!isGroupId(element)) return this.catalog.index.has(element) ? element : undefined;
    return this.currentGrouping().group(element)?.entityRef;
  }

  /** The Markdown tooltip of an entity node. */
  tooltipOf(ref: string): vscode.MarkdownString | undefined {
    const parsed = this.catalog.index.get(ref);
    if (!parsed) return undefined;
    const text = entityTooltip(parsed, problemsOf(this.catalog.index, parsed), displayPath(parsed.file));
    const markdown = new vscode.MarkdownString(text, true);
    markdown.supportHtml = false;
    return markdown;
  }

  dispose(): void {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    if (this.prebuildTimer) clearTimeout(this.prebuildTimer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  /**
   * Tells the view the tree changed. When the top level has the same nodes as the view shows (a
   * count changed while indexing or at its end, an edit moved an entity), their new items are sent
   * straight away: one message to the workbench instead of a change notice, the view's request for
   * the top level and the answer. Open groups fetch their children again; closed ones when opened.
   * A view that is yet to ask for the top level is not told at all: it gets the latest when it
   * asks, and a notice meanwhile would only wait in the workbench behind that request (VS Code sends
   * a tree's changes one at a time, each once the one before is drawn).
   */
  private redraw(): void {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.redrawTimer = undefined;
    if (this.prebuildTimer) clearTimeout(this.prebuildTimer);
    this.prebuildTimer = undefined;
    const shown = this.viewRoots;
    if (shown === undefined) this.updateEmitter.fire();
    else {
      const roots = this.currentGrouping().roots();
      if (roots.length > 0 && sameNodes(roots, shown)) return this.tell([...roots]);
      this.viewRoots = undefined;
      this.tell(undefined);
    }
    // The grouping is built while the change travels to the workbench, ready when the view asks
    // (not while indexing: the next chunk would make it stale). Not on the next turn: the extension
    // host writes the change out on a timer of its own, which must go first.
    if (this.catalog.state === 'indexing') return;
    this.prebuildTimer = setTimeout(() => {
      this.prebuildTimer = undefined;
      this.currentGrouping();
    }, PREBUILD_DELAY_MS);
  }

  private tell(nodes: string[] | undefined): void {
    this.changeEmitter.fire(nodes);
    this.updateEmitter.fire();
  }

  private build(): Grouping {
    const index = this.catalog.index;
    const terms = filterTerms(this.filterText);
    const entities = index.allEntities();
    const lookup = (ref: string) => index.get(ref);
    const grouping = buildGrouping(entities, this.groupByMode, lookup, { terms });
    if (terms.length === 0 || grouping.shown > EXPAND_FILTERED_UP_TO) return grouping;
    // Fresh group ids make the view open every group of a narrow filter.
    return buildGrouping(entities, this.groupByMode, lookup, { terms, idTag: '~filtered' });
  }

  private groupItem(group: GroupNode): vscode.TreeItem {
    const expand = group.id.endsWith('~filtered');
    const hasChildren = this.currentGrouping().hasChildren(group.id);
    const state = !hasChildren ? vscode.TreeItemCollapsibleState.None : expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(group.label, state);
    item.id = group.id;
    item.description = String(group.count);
    item.iconPath = new vscode.ThemeIcon(group.icon);
    item.tooltip = `${group.label}: ${group.count} ${group.count === 1 ? 'entity' : 'entities'}`;
    const parsed = group.entityRef ? this.catalog.index.get(group.entityRef) : undefined;
    item.contextValue = parsed ? `group ${entityContext(parsed)}` : 'group';
    return item;
  }

  private entityItem(ref: string): vscode.TreeItem {
    const parsed = this.catalog.index.get(ref);
    const item = new vscode.TreeItem(parsed ? entityLabel(parsed.entity) : ref, vscode.TreeItemCollapsibleState.None);
    item.id = ref;
    if (!parsed) return item;
    const severity = worstSeverity(problemsOf(this.catalog.index, parsed));
    const color = severity && new vscode.ThemeColor(severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground');
    item.iconPath = new vscode.ThemeIcon(kindIcon(parsed.entity.kind), color);
    item.description = entityDescription(parsed.entity);
    item.resourceUri = entityDecorationUri(ref);
    item.contextValue = entityContext(parsed);
    // A click opens what catwalk.tree.clickAction says.
    item.command = { command: EntityCommands.open, title: 'Open', arguments: [ref] };
    return item;
  }
}

function sameNodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Context value of an entity node: `entity`, plus `docs` when it has TechDocs. */
function entityContext(parsed: ParsedEntity): string {
  return docsTargetOf(parsed) ? 'entity docs' : 'entity';
}

/** A file as people read it: relative to its workspace folder. */
export function displayPath(file: string): string {
  const uri = vscode.Uri.file(file);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.relative(folder.uri.fsPath, file) : file;
}
