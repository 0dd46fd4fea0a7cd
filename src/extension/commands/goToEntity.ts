// Go to Entity...: a quick pick over every entity of the catalog (name, title
// and ref match; kind icon, owner alongside), opening the pick as a click would.
import * as vscode from 'vscode';
import { CatalogService } from '../catalogService';
import { entityPicks, EntityPick } from './entityPicks';
import { openEntity } from './entityCommands';
import { CatalogCommands } from './ids';
import { PrompterSlot } from './prompter';

type PickItem = vscode.QuickPickItem & Pick<EntityPick, 'ref'>;

/** Registers catwalk.goToEntity. */
export function registerGoToEntity(context: vscode.ExtensionContext, catalog: CatalogService, log: vscode.LogOutputChannel, prompter: PrompterSlot): void {
  context.subscriptions.push(vscode.commands.registerCommand(CatalogCommands.goToEntity, () => goToEntity(catalog, log, prompter)));
}

/** Asks for an entity and opens it; resolves to its ref, or undefined when dismissed. */
export async function goToEntity(catalog: CatalogService, log: vscode.LogOutputChannel, prompter: PrompterSlot): Promise<string | undefined> {
  if (catalog.state === 'indexing' && catalog.index.size === 0) await catalog.whenReady();
  const items: PickItem[] = entityPicks(catalog.index.allEntities());
  const picked = await prompter.current.pick(items, {
    title: 'Go to Entity',
    placeHolder: items.length === 0 ? 'The catalog is empty' : 'Type a name, title or ref',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  await openEntity({ catalog, log }, picked.ref);
  return picked.ref;
}
