// Starts the language client: its own bundle (dist/language-client.js), which
// the extension loads right after activation (see languageClient.ts).
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CATALOG_LANGUAGE_ID, InitializationOptions, STATUS_NOTIFICATION, StatusParams } from '../server/protocol';
import { readSettings } from './settings';

/** Starts Catwalk's language server (dist/server.js) and its client. */
export function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
  const client = new LanguageClient('catwalk', 'Catwalk Language Server', serverOptions, clientOptions);
  client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
    if (status.state === 'ready') client.info(`Indexed ${status.entities} entities from ${status.files} files in ${status.ms} ms`);
  });
  void client.start();
  return client;
}
