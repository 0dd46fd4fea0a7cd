// Ctrl+T over the catalog: every entity is a workspace symbol at its first line.
import * as vscode from 'vscode';
import { CatalogService } from './catalogService';
import { searchEntities, symbolName } from './commands/entityPicks';
import { ParsedEntity } from '../core/validate/types';

/** Symbols returned per query: the editor's fuzzy filter narrows them further. */
const MAX_SYMBOLS = 500;

/** The symbol kind (and so the icon) of each entity kind. */
const SYMBOL_KINDS: Readonly<Record<string, vscode.SymbolKind>> = {
  component: vscode.SymbolKind.Class,
  api: vscode.SymbolKind.Interface,
  resource: vscode.SymbolKind.Struct,
  system: vscode.SymbolKind.Module,
  domain: vscode.SymbolKind.Namespace,
  group: vscode.SymbolKind.Object,
  user: vscode.SymbolKind.Field,
  location: vscode.SymbolKind.File,
  template: vscode.SymbolKind.Constructor,
};

/** Entities as workspace symbols. */
export class EntitySymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly catalog: CatalogService) {}

  provideWorkspaceSymbols(query: string): vscode.SymbolInformation[] {
    return searchEntities(this.catalog.index.allEntities(), query, MAX_SYMBOLS).map(toSymbol);
  }
}

/** Registers the provider. */
export function registerWorkspaceSymbols(context: vscode.ExtensionContext, catalog: CatalogService): void {
  context.subscriptions.push(vscode.languages.registerWorkspaceSymbolProvider(new EntitySymbolProvider(catalog)));
}

function toSymbol(e: ParsedEntity): vscode.SymbolInformation {
  const start = new vscode.Position(e.range.start.line, e.range.start.character);
  const location = new vscode.Location(vscode.Uri.file(e.file), start);
  const kind = SYMBOL_KINDS[e.entity.kind.toLowerCase()] ?? vscode.SymbolKind.Variable;
  // The ref as container: the editor matches further query words against it.
  return new vscode.SymbolInformation(symbolName(e), kind, e.ref, location);
}
