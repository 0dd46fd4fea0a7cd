// Entry point of the Catwalk VS Code extension.
import * as vscode from 'vscode';

declare const CATWALK_VERSION: string | undefined;

/** Command ids contributed in package.json (`contributes.commands`). */
export const Commands = {
  showLog: 'catwalk.showLog',
} as const;

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Catwalk', { log: true });
  context.subscriptions.push(log);

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showLog, () => {
      log.show(true);
    }),
  );

  const version = typeof CATWALK_VERSION === 'string' ? CATWALK_VERSION : 'dev';
  const mode = vscode.ExtensionMode[context.extensionMode].toLowerCase();
  log.info(`Catwalk ${version} activated in ${vscode.env.appName} ${vscode.version} (${mode} mode)`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
