// Commands on one entity: open it (per catwalk.tree.clickAction), open its
// source at its line, open its docs, copy its ref, reveal its file. Each takes
// a ref or a tree node; without one (a keybinding) it uses the view's selection.
import * as vscode from 'vscode';
import { CatalogService } from '../catalogService';
import { readSettings } from '../settings';
import { docsEntryCandidates, docsTargetOf } from './docsTarget';
import { EntityCommands } from './ids';

/** What the entity commands need. */
export interface EntityCommandDeps {
  catalog: CatalogService;
  log: vscode.LogOutputChannel;
  /** The entity ref behind a command argument (a ref or a tree node), or the selected one. */
  resolveRef(arg: unknown): string | undefined;
}

/** Registers the entity commands. */
export function registerEntityCommands(context: vscode.ExtensionContext, deps: EntityCommandDeps): void {
  const withRef = (run: (ref: string) => unknown) => (arg?: unknown) => {
    const ref = deps.resolveRef(arg);
    if (ref) return run(ref);
    void vscode.window.showInformationMessage('Select an entity in the Catalog view first.');
    return undefined;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(EntityCommands.open, withRef(ref => openEntity(deps, ref))),
    vscode.commands.registerCommand(EntityCommands.openSource, withRef(ref => openSource(deps.catalog, ref))),
    vscode.commands.registerCommand(EntityCommands.openDocs, withRef(ref => openDocs(deps.catalog, ref))),
    vscode.commands.registerCommand(EntityCommands.copyEntityRef, withRef(ref => copyEntityRef(ref))),
    vscode.commands.registerCommand(EntityCommands.revealInExplorer, withRef(ref => revealInExplorer(deps.catalog, ref))),
  );
}

/** Opens the entity page or the source, as catwalk.tree.clickAction says. */
export async function openEntity(deps: Pick<EntityCommandDeps, 'catalog' | 'log'>, ref: string): Promise<void> {
  if (readSettings().clickAction === 'source') {
    await openSource(deps.catalog, ref);
    return;
  }
  try {
    await vscode.commands.executeCommand(EntityCommands.openEntityPage, ref);
  } catch (e) {
    // Without a working entity page the source is the next best thing.
    deps.log.warn(`Cannot open the entity page of ${ref}: ${e instanceof Error ? e.message : String(e)}`);
    await openSource(deps.catalog, ref);
  }
}

/** Opens the entity's file with the cursor on its first line. */
export async function openSource(catalog: CatalogService, ref: string): Promise<vscode.TextEditor | undefined> {
  const parsed = catalog.index.get(ref);
  if (!parsed) return notInCatalog(ref);
  const start = new vscode.Position(parsed.range.start.line, parsed.range.start.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(parsed.file), { selection: new vscode.Range(start, start) });
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
  return editor;
}

/** Opens the TechDocs preview of a `dir:` techdocs-ref (its home page if the preview cannot), or the `url:` in the browser. */
export async function openDocs(catalog: CatalogService, ref: string): Promise<void> {
  const parsed = catalog.index.get(ref);
  if (!parsed) return void notInCatalog(ref);
  const target = docsTargetOf(parsed);
  if (!target) return void vscode.window.showInformationMessage(`${ref} has no backstage.io/techdocs-ref annotation.`);
  if (target.type === 'url') return void vscode.env.openExternal(vscode.Uri.parse(target.url));
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(OPEN_DOCS_PREVIEW)) return void (await vscode.commands.executeCommand(OPEN_DOCS_PREVIEW, { ref }));
  for (const candidate of docsEntryCandidates(target.folder)) {
    const uri = vscode.Uri.file(candidate);
    if (await exists(uri)) return void (await vscode.window.showTextDocument(uri));
  }
  void vscode.window.showWarningMessage(`No docs found for ${ref} in ${target.folder} (expected docs/index.md or mkdocs.yml).`);
}

// The TechDocs preview's command (src/extension/techdocs), called by id to keep the two features apart.
const OPEN_DOCS_PREVIEW = 'catwalk.techdocs.openPreview';

/** Copies the canonical ref (`kind:namespace/name`). */
export async function copyEntityRef(ref: string): Promise<void> {
  await vscode.env.clipboard.writeText(ref);
  vscode.window.setStatusBarMessage(`$(copy) Copied ${ref}`, 3000);
}

/** Shows the entity's file in the Explorer. */
export async function revealInExplorer(catalog: CatalogService, ref: string): Promise<void> {
  const parsed = catalog.index.get(ref);
  if (!parsed) return void notInCatalog(ref);
  await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(parsed.file));
}

function notInCatalog(ref: string): undefined {
  void vscode.window.showWarningMessage(`${ref} is no longer in the catalog.`);
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}
