// Create catalog-info.yaml: pick a kind, name it, pick its owner from the
// catalog's Groups, and get a valid descriptor next to the active file (or the
// folder the command was run on). An existing file is never overwritten unasked.
import * as path from 'path';
import * as vscode from 'vscode';
import { normalizeEntityRef } from '../../core/model/ref';
import { CatalogService } from '../catalogService';
import { entityLabel, humanizeRef, kindIcon } from '../tree/entityView';
import { CatalogCommands } from './ids';
import { PrompterSlot, Prompter } from './prompter';
import { catalogSkeleton, CREATABLE_KINDS, CreatableKind, nameProblem } from './skeleton';

const FILE_NAME = 'catalog-info.yaml';
const APPEND = 'Add as Another Document';
const OVERWRITE = 'Overwrite';

/** Registers catwalk.createCatalogInfo (also offered on folders in the Explorer). */
export function registerCreateCatalogInfo(context: vscode.ExtensionContext, catalog: CatalogService, prompter: PrompterSlot): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CatalogCommands.createCatalogInfo, (target?: unknown) =>
      createCatalogInfo(catalog, prompter.current, target instanceof vscode.Uri ? target : undefined),
    ),
  );
}

/** Runs the whole flow; resolves to the written file, or undefined when cancelled. */
export async function createCatalogInfo(catalog: CatalogService, prompter: Prompter, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = await targetFolder(target);
  if (!folder) return void vscode.window.showWarningMessage('Open a folder first: Catwalk writes catalog-info.yaml into it.');
  const kind = await pickKind(prompter);
  if (!kind) return undefined;
  const name = await prompter.input({
    title: `New ${kind.kind}: name`,
    prompt: 'metadata.name, unique among entities of this kind',
    value: suggestedName(folder),
    validateInput: value => nameProblem(value.trim()),
  });
  if (!name) return undefined;
  const group = kind.groupField ? await pickGroup(catalog, prompter, kind) : undefined;
  if (group === null) return undefined;
  const text = catalogSkeleton({ kind: kind.kind, name: name.trim(), group });
  const file = vscode.Uri.joinPath(folder, FILE_NAME);
  const written = await writeDescriptor(file, text, prompter);
  if (written) await vscode.window.showTextDocument(file);
  return written ? file : undefined;
}

/** The folder to write into: the command's folder, the active file's folder, or the first workspace folder. */
async function targetFolder(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target) return (await isFolder(target)) ? target : vscode.Uri.joinPath(target, '..');
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function pickKind(prompter: Prompter): Promise<CreatableKind | undefined> {
  const items = CREATABLE_KINDS.map(k => ({ label: `$(${kindIcon(k.kind)}) ${k.kind}`, description: k.description, creatable: k }));
  const picked = await prompter.pick(items, { title: 'Create catalog-info.yaml: kind', placeHolder: 'What does this descriptor describe?' });
  return picked?.creatable;
}

/** The owner (or, for a User, the group it belongs to): a known Group, or a ref typed in. Null when cancelled. */
async function pickGroup(catalog: CatalogService, prompter: Prompter, kind: CreatableKind): Promise<string | undefined | null> {
  const what = kind.groupField === 'memberOf' ? 'member of' : 'owner';
  const groups = catalog.index.byKind('Group').map(g => ({ label: `$(organization) ${entityLabel(g.entity)}`, description: humanizeRef(g.ref, 'group'), ref: g.ref as string | undefined }));
  groups.sort((a, b) => a.label.localeCompare(b.label));
  const other = { label: '$(edit) Another owner…', description: 'type a group or user ref', ref: undefined };
  const picked = groups.length === 0 ? other : await prompter.pick([...groups, other], { title: `New ${kind.kind}: ${what}`, placeHolder: 'Groups of the catalog' });
  if (!picked) return null;
  if (picked.ref) return picked.ref;
  const typed = await prompter.input({
    title: `New ${kind.kind}: ${what}`,
    prompt: 'A group or user, e.g. team-a or user:jane',
    validateInput: v => (typedRef(v) ? undefined : 'Write [kind:][namespace/]name'),
  });
  return (typed && typedRef(typed)) || null;
}

/** `team-a` → `group:default/team-a`, `user:jane` → `user:default/jane`. */
function typedRef(text: string): string | undefined {
  return text.trim() ? normalizeEntityRef(text.trim(), { defaultKind: 'Group' }) : undefined;
}

/** Writes the file, asking first when one is there; true when something was written. */
async function writeDescriptor(file: vscode.Uri, text: string, prompter: Prompter): Promise<boolean> {
  const existing = await readText(file);
  let content = text;
  if (existing !== undefined) {
    const detail = `Add the new entity as another YAML document of ${FILE_NAME}, or replace the file.`;
    const choice = await prompter.confirm(`${path.basename(path.dirname(file.fsPath))}/${FILE_NAME} already exists.`, detail, APPEND, OVERWRITE);
    if (choice === undefined) return false;
    if (choice === APPEND) content = `${existing}${existing.endsWith('\n') || existing === '' ? '' : '\n'}---\n${text}`;
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(content));
  return true;
}

function suggestedName(folder: vscode.Uri): string {
  const base = path.basename(folder.fsPath).toLowerCase().replace(/[^a-z0-9-_.]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return nameProblem(base) ? '' : base;
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
  } catch {
    return false;
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
