// The catalog's faces around the sidebar: the Catalog view, the entity and
// catalog commands, workspace symbols and the status bar, wired in one place.
import * as vscode from 'vscode';
import { CatalogService } from './catalogService';
import { registerCreateCatalogInfo } from './commands/createCatalogInfo';
import { registerEntityCommands } from './commands/entityCommands';
import { registerGoToEntity } from './commands/goToEntity';
import { Prompter, PrompterSlot } from './commands/prompter';
import { CatalogStatusBar } from './statusBar';
import { CatalogTreeProvider } from './tree/catalogTreeProvider';
import { registerCatalogView } from './tree/catalogView';
import { registerWorkspaceSymbols } from './workspaceSymbols';

/** What the catalog features expose (integration tests drive them through it). */
export interface CatalogFeaturesApi {
  /** The Catalog view's data: node ids in, TreeItems out. */
  tree: CatalogTreeProvider;
  treeView: vscode.TreeView<string>;
  statusBar: CatalogStatusBar;
  /** Answers the commands' quick picks and input boxes with `prompter` until disposed. */
  usePrompter(prompter: Prompter): vscode.Disposable;
}

/** Registers the Catalog view, its commands, workspace symbols and the status bar. */
export function registerCatalogFeatures(context: vscode.ExtensionContext, catalog: CatalogService, log: vscode.LogOutputChannel): CatalogFeaturesApi {
  const prompter = new PrompterSlot();
  const { provider, view, resolveRef } = registerCatalogView(context, catalog, prompter);
  registerEntityCommands(context, { catalog, log, resolveRef });
  registerGoToEntity(context, catalog, log, prompter);
  registerCreateCatalogInfo(context, catalog, prompter);
  registerWorkspaceSymbols(context, catalog);
  const statusBar = new CatalogStatusBar(catalog);
  context.subscriptions.push(statusBar);
  return { tree: provider, treeView: view, statusBar, usePrompter: p => prompter.use(p) };
}
