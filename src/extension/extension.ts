// Entry point of the Catwalk VS Code extension: wires the catalog service to
// every view. Each feature registers itself from its own module.
// First import: it notes when the code started loading.
import { CODE_LOAD_STARTED } from './activationClock';
import * as vscode from 'vscode';
import { CatalogService } from './catalogService';
import { CatalogFeaturesApi, registerCatalogFeatures } from './catalogFeatures';
import { EntityPagesApi, registerEntityPages } from './entityPage/entityPages';
import { registerLanguageClient } from './languageClient';
import { registerDocsPreview } from './techdocs/docsPreviews';

declare const CATWALK_VERSION: string | undefined;

// The entry module is evaluated last: everything Catwalk imports has loaded by now.
const CODE_LOADED = Date.now();

/** Command ids contributed in package.json (`contributes.commands`). */
export const Commands = {
  showLog: 'catwalk.showLog',
} as const;

/** What the extension exposes to other extensions and to its integration tests. */
export interface CatwalkApi extends CatalogFeaturesApi {
  catalog: CatalogService;
  entityPages: EntityPagesApi;
}

export function activate(context: vscode.ExtensionContext): CatwalkApi {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Catwalk', { log: true });
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => log.show(true)));

  const catalog = new CatalogService(log);
  context.subscriptions.push(catalog);
  // Indexing runs after activation, in the background.
  catalog.start();
  const entityPages = registerEntityPages(context, catalog, log);
  const features = registerCatalogFeatures(context, catalog, log);
  registerLanguageClient(context, catalog.whenReady());
  registerDocsPreview(context, catalog, log);

  const version = typeof CATWALK_VERSION === 'string' ? CATWALK_VERSION : 'dev';
  const mode = vscode.ExtensionMode[context.extensionMode].toLowerCase();
  const loading = CODE_LOADED - CODE_LOAD_STARTED;
  log.info(`Catwalk ${version} activated in ${vscode.env.appName} ${vscode.version} (${mode} mode) in ${Date.now() - started} ms (code loaded in ${loading} ms)`);
  return { catalog, entityPages, ...features };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
