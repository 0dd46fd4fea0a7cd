// Every question a Catwalk command asks goes through a Prompter, so tests can
// answer quick picks and input boxes without a person at the keyboard.
import * as vscode from 'vscode';

/** The questions commands ask. */
export interface Prompter {
  /** A quick pick; undefined when dismissed. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  /** An input box; undefined when dismissed. */
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal question; the chosen action, or undefined when cancelled. */
  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined>;
}

/** The Prompter that asks through the editor's own UI. */
export const windowPrompter: Prompter = {
  pick: (items, options) => Promise.resolve(vscode.window.showQuickPick(items, options)),
  input: options => Promise.resolve(vscode.window.showInputBox(options)),
  confirm: (message, detail, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions)),
};

/** Holds the Prompter commands use; tests swap it for a scripted one. */
export class PrompterSlot {
  current: Prompter = windowPrompter;

  /** Uses `prompter` until the returned registration is disposed. */
  use(prompter: Prompter): vscode.Disposable {
    this.current = prompter;
    return new vscode.Disposable(() => {
      if (this.current === prompter) this.current = windowPrompter;
    });
  }
}
