// Starts Catwalk's language server (dist/server.js, its own process, node IPC)
// for catalog files. Catalog files get their own language id, so Red Hat's
// YAML extension (which serves the `yaml` language with SchemaStore's
// catalog-info schema) never sees them: one set of diagnostics and completions.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { declaresCatalogApiVersion } from '../core/sources/discovery';
import { CATALOG_LANGUAGE_ID, InitializationOptions, STATUS_NOTIFICATION, StatusParams } from '../server/protocol';
import { readSettings } from './settings';

/**
 * Starts the client and the server right after activation (loading the client
 * library and spawning the server never delay activation), and switches
 * content-detected catalog files to the catalog language.
 */
export function registerLanguageClient(context: vscode.ExtensionContext): void {
  const slot: { client?: LanguageClient } = {};
  const timer = setTimeout(() => (slot.client = startClient(context)), 0);
  context.subscriptions.push({
    dispose: () => {
      clearTimeout(timer);
      void slot.client?.dispose();
    },
  });
  const restart = () => {
    if (slot.client?.isRunning()) void slot.client.restart();
  };
  context.subscriptions.push(
    // Which files are catalog files changed: the server reads the workspace again.
    vscode.workspace.onDidChangeConfiguration(e => e.affectsConfiguration('catwalk.catalog') && restart()),
    vscode.workspace.onDidChangeWorkspaceFolders(restart),
  );
  adoptCatalogYaml(context);
}

function startClient(context: vscode.ExtensionContext): LanguageClient {
  const lsp = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: lsp.TransportKind.ipc },
    debug: { module, transport: lsp.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: CATALOG_LANGUAGE_ID },
      { scheme: 'untitled', language: CATALOG_LANGUAGE_ID },
    ],
    // Read at every (re)start, so a restart picks up changed settings.
    initializationOptions: (): InitializationOptions => {
      const settings = readSettings();
      return { globs: settings.globs, exclude: settings.exclude };
    },
  };
  const client = new lsp.LanguageClient('catwalk', 'Catwalk Language Server', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
    if (status.state === 'ready') client.info(`Indexed ${status.entities} entities from ${status.files} files in ${status.ms} ms`);
  });
  void client.start();
  return client;
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
