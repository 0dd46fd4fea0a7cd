// The Catalog view: its tree, the title-bar actions (group by, filter,
// refresh), the context keys menus and the welcome view read, and the message
// shown while indexing or filtering.
import * as vscode from 'vscode';
import { CatalogService } from '../catalogService';
import { readSettings } from '../settings';
import { CATALOG_VIEW, CatalogCommands, TreeCommands } from '../commands/ids';
import { PrompterSlot } from '../commands/prompter';
import { CatalogTreeProvider } from './catalogTreeProvider';
import { GroupBy, isGroupId } from './grouping';
import { ProblemDecorations } from './problemDecorations';

/** Context keys set by the view (menus and viewsWelcome read them). */
export const ContextKeys = {
  groupBy: 'catwalk.tree.groupBy',
  filtered: 'catwalk.tree.filtered',
  /** 'indexing', 'ready' or 'empty' (indexed, nothing found: the welcome view shows). */
  catalogState: 'catwalk.catalogState',
} as const;

const GROUP_COMMANDS: Readonly<Record<GroupBy, string>> = {
  kind: TreeCommands.groupByKind,
  owner: TreeCommands.groupByOwner,
  system: TreeCommands.groupBySystem,
  namespace: TreeCommands.groupByNamespace,
};

/** The registered view and what commands need from it. */
export interface CatalogView {
  provider: CatalogTreeProvider;
  view: vscode.TreeView<string>;
  /** The entity ref behind a command argument (a ref or a node), or the view's selected entity. */
  resolveRef(arg: unknown): string | undefined;
}

/** Creates the view and registers its commands. */
export function registerCatalogView(context: vscode.ExtensionContext, catalog: CatalogService, prompter: PrompterSlot): CatalogView {
  const provider = new CatalogTreeProvider(catalog, readSettings().groupBy);
  const view = vscode.window.createTreeView(CATALOG_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const decorations = new ProblemDecorations(catalog);
  context.subscriptions.push(provider, view, decorations, vscode.window.registerFileDecorationProvider(decorations));

  const update = () => updateViewState(view, provider, catalog);
  context.subscriptions.push(
    catalog.onDidChangeState(update),
    provider.onDidUpdate(update),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('catwalk.tree.groupBy')) provider.setGroupBy(readSettings().groupBy);
    }),
  );
  registerViewCommands(context, provider, catalog, prompter);
  update();

  const resolveRef = (arg: unknown) => {
    if (typeof arg === 'string') return isGroupId(arg) ? provider.entityRefOf(arg) : catalog.index.has(arg) ? catalog.index.get(arg)?.ref : undefined;
    const selected = view.selection[0];
    return selected === undefined ? undefined : provider.entityRefOf(selected);
  };
  return { provider, view, resolveRef };
}

function registerViewCommands(context: vscode.ExtensionContext, provider: CatalogTreeProvider, catalog: CatalogService, prompter: PrompterSlot): void {
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  for (const [by, id] of Object.entries(GROUP_COMMANDS) as [GroupBy, string][]) {
    register(id, () => setGroupBy(provider, by));
    // The checked twin the Group By menu shows for the current mode.
    register(`${id}.checked`, () => setGroupBy(provider, by));
  }
  register(TreeCommands.filter, (text?: string) => editFilter(provider, prompter, text));
  register(TreeCommands.clearFilter, () => provider.setFilter(''));
  register(CatalogCommands.refresh, () => catalog.refresh());
  register(CatalogCommands.openCatalogFolder, openCatalogFolder);
}

/** Regroups at once and remembers the choice in catwalk.tree.groupBy. */
async function setGroupBy(provider: CatalogTreeProvider, by: GroupBy): Promise<void> {
  provider.setGroupBy(by);
  const config = vscode.workspace.getConfiguration('catwalk');
  if (config.get('tree.groupBy') === by) return;
  // Keep the choice where it was made: the workspace when it set one, the user settings otherwise.
  const inspected = config.inspect('tree.groupBy');
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('tree.groupBy', by, target);
}

/** Sets the filter from an argument, or asks for it (the current one prefilled). */
async function editFilter(provider: CatalogTreeProvider, prompter: PrompterSlot, text?: string): Promise<void> {
  const value =
    typeof text === 'string'
      ? text
      : await prompter.current.input({
          title: 'Filter the Catalog',
          prompt: 'Entities whose name, title, ref, type, lifecycle, owner or tags contain every word',
          placeHolder: 'e.g. payments production',
          value: provider.filter,
        });
  if (value !== undefined) provider.setFilter(value);
}

/** Opens a folder to look for a catalog in (from the welcome view). */
async function openCatalogFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Open Catalog Folder' });
  if (picked?.[0]) await vscode.commands.executeCommand('vscode.openFolder', picked[0]);
}

/** Context keys, the view's message (indexing, filter) and its description. */
function updateViewState(view: vscode.TreeView<string>, provider: CatalogTreeProvider, catalog: CatalogService): void {
  const indexing = catalog.state !== 'ready';
  const empty = !indexing && catalog.index.size === 0;
  void vscode.commands.executeCommand('setContext', ContextKeys.catalogState, indexing ? 'indexing' : empty ? 'empty' : 'ready');
  void vscode.commands.executeCommand('setContext', ContextKeys.groupBy, provider.groupBy);
  void vscode.commands.executeCommand('setContext', ContextKeys.filtered, provider.filter !== '');
  view.description = provider.filter ? `“${provider.filter}”` : undefined;
  view.message = viewMessage(provider, catalog, indexing);
}

function viewMessage(provider: CatalogTreeProvider, catalog: CatalogService, indexing: boolean): string | undefined {
  if (indexing) return catalog.index.size === 0 ? 'Indexing the catalog…' : `Indexing the catalog… ${catalog.index.size} entities so far`;
  if (!provider.filter) return undefined;
  const grouping = provider.currentGrouping();
  return grouping.shown === 0
    ? `No entity matches “${provider.filter}”.`
    : `Showing ${grouping.shown} of ${grouping.total} entities matching “${provider.filter}”.`;
}
