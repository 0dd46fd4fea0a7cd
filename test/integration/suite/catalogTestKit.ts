// Helpers for the catalog tree and command tests: the extension's API, waits on
// index events (never fixed sleeps), files in the fixture workspace, and a
// scripted Prompter that answers quick picks and input boxes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CatalogChange } from '../../../src/core/index/catalogIndex';
import type { Prompter } from '../../../src/extension/commands/prompter';
import type { CatwalkApi } from '../../../src/extension/extension';

/** The active extension's API, once the first indexing has finished. */
export async function catwalkApi(): Promise<CatwalkApi> {
  const ext = vscode.extensions.getExtension<CatwalkApi>('catwalk.catwalk');
  assert.ok(ext, 'the Catwalk extension is loaded');
  const api = await ext.activate();
  await api.catalog.whenReady();
  return api;
}

/** The fixture workspace folder. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

/** A URI inside the workspace. */
export function inWorkspace(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/**
 * Resolves with the first index change `matches` accepts. Call it before the
 * action that causes the change; the time limit only turns a hang into a failure.
 */
export function nextChange(api: CatwalkApi, matches: (change: CatalogChange) => boolean, what: string, timeoutMs = 15000): Promise<CatalogChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no catalog change: ${what} (within ${timeoutMs} ms)`));
    }, timeoutMs);
    const listener = api.catalog.onDidChange(change => {
      if (!matches(change)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(change);
    });
  });
}

/** Writes a workspace file (folders created as needed). */
export async function writeText(relative: string, text: string): Promise<vscode.Uri> {
  const uri = inWorkspace(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Reads a workspace file. */
export async function readText(relative: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(inWorkspace(relative)));
}

/** A one-entity Component descriptor. */
export function componentYaml(name: string, extra: { title?: string; owner?: string } = {}): string {
  const title = extra.title ? `  title: ${extra.title}\n` : '';
  return `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${title}spec:\n  type: service\n  lifecycle: experimental\n  owner: ${extra.owner ?? 'platform-team'}\n`;
}

/** Labels of tree nodes, as the view shows them. */
export function labels(api: CatwalkApi, ids: readonly string[]): string[] {
  return ids.map(id => labelOf(api.tree.getTreeItem(id)));
}

/** A tree item's label as text. */
export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The root group whose label is `label`. */
export function rootGroup(api: CatwalkApi, label: string): string {
  const id = api.tree.getChildren().find(g => labelOf(api.tree.getTreeItem(g)) === label);
  assert.ok(id, `a "${label}" group among ${labels(api, api.tree.getChildren()).join(', ')}`);
  return id;
}

/** One scripted answer: picks the item whose label contains the text, or types the text. */
export type Answer = { pick: string } | { input: string } | { confirm: string };

/**
 * A Prompter that gives the scripted answers in order and records what it was
 * asked; asking more than scripted fails the test.
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: { title?: string; items?: readonly vscode.QuickPickItem[] }[] = [];
  constructor(private readonly answers: Answer[]) {}

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push({ title: options.title, items });
    const answer = this.next('pick');
    const found = items.find(i => i.label.includes(answer));
    assert.ok(found, `an item "${answer}" in ${options.title}: ${items.map(i => i.label).join(', ')}`);
    return found;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push({ title: options.title });
    const answer = this.next('input');
    const problem = await options.validateInput?.(answer);
    assert.ok(!problem, `"${answer}" accepted by ${options.title}: ${String(problem)}`);
    return answer;
  }

  async confirm(message: string): Promise<string | undefined> {
    this.asked.push({ title: message });
    return this.next('confirm');
  }

  /** True when every answer was used. */
  get done(): boolean {
    return this.answers.length === 0;
  }

  private next(kind: 'pick' | 'input' | 'confirm'): string {
    const answer = this.answers.shift();
    assert.ok(answer && kind in answer, `a scripted ${kind} answer (got ${JSON.stringify(answer)})`);
    return (answer as Record<string, string>)[kind];
  }
}

/** Polls `probe` until it returns a value (for state with no event, such as an output document). */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
