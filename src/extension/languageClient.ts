// Starts Catwalk's language server (dist/server.js, its own process, node IPC)
// for catalog files. Catalog files get their own language id, so Red Hat's
// YAML extension (which serves the `yaml` language with SchemaStore's
// catalog-info schema) never sees them: one set of diagnostics and completions.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { declaresCatalogApiVersion } from '../core/sources/discovery';
import { CATALOG_LANGUAGE_ID } from '../server/protocol';

/** How long after the catalog is indexed the server starts when no catalog file is open. */
const START_AFTER_READY_MS = 1000;

/**
 * Starts the client and its server a moment after the extension's own catalog
 * index is ready, or at once when a catalog file is open in an editor: on a
 * machine with few cores, two processes indexing a large workspace side by side
 * slow the workbench while it starts, and the Catalog view's complete first
 * level goes out before the client library loads. Content-detected catalog
 * files get the catalog language.
 */
export function registerLanguageClient(context: vscode.ExtensionContext, catalogReady: Promise<void>): void {
  const slot: { client?: LanguageClient; disposed?: boolean } = {};
  const start = () => {
    if (slot.client || slot.disposed) return;
    slot.client = startClient(context);
  };
  const whenCatalogDocument = (doc: vscode.TextDocument) => doc.languageId === CATALOG_LANGUAGE_ID && start();
  context.subscriptions.push({
    dispose: () => {
      slot.disposed = true;
      void slot.client?.dispose();
    },
  });
  const restart = () => {
    if (slot.client?.isRunning()) void slot.client.restart();
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(whenCatalogDocument),
    // Which files are catalog files changed: the server reads the workspace again.
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('catwalk.catalog') && restart()),
    vscode.workspace.onDidChangeWorkspaceFolders(restart),
  );
  adoptCatalogYaml(context);
  // Never inside activate(): loading the client library and spawning the server come after it.
  setTimeout(() => {
    if (vscode.workspace.textDocuments.some(doc => doc.languageId === CATALOG_LANGUAGE_ID)) start();
    else void catalogReady.then(() => setTimeout(start, START_AFTER_READY_MS), start);
  }, 0);
}

/** The bundle of the client beside dist/extension.js (esbuild.js builds it from languageClientStart.ts). */
export const CLIENT_BUNDLE = 'language-client.js';

/**
 * vscode-languageclient and the protocol types are most of a megabyte: they load from their own
 * bundle after activation, never with the extension's code. The path is computed so the
 * extension's bundle does not take them in.
 */
function startClient(context: vscode.ExtensionContext): LanguageClient {
  const bundle = path.join(__dirname, CLIENT_BUNDLE);
  const { startLanguageClient } = require(bundle) as typeof import('./languageClientStart');
  return startLanguageClient(context);
}

/**
 * YAML files whose name says nothing (`org.yaml`, `template.yaml`) are catalog
 * files when they declare a Backstage apiVersion, as `catwalk validate` reads
 * them: give them the catalog language when they open.
 */
function adoptCatalogYaml(context: vscode.ExtensionContext): void {
  const adopt = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'yaml' || (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled')) return;
    if (/[\\/](node_modules|\.git)[\\/]/.test(doc.uri.fsPath) || !declaresCatalogApiVersion(doc.getText())) return;
    void vscode.languages.setTextDocumentLanguage(doc, CATALOG_LANGUAGE_ID);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
  vscode.workspace.textDocuments.forEach(adopt);
}
