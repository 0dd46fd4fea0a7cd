import * as vscode from 'vscode';

export type GroupBy = 'kind' | 'owner' | 'system' | 'namespace';
export type ClickAction = 'entityPage' | 'source';

/** Catwalk's settings (`contributes.configuration` in package.json), read in one place. */
export interface Settings {
  globs: string[];
  exclude: string[];
  groupBy: GroupBy;
  clickAction: ClickAction;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('catwalk');
  return {
    globs: config.get<string[]>('catalog.globs', []),
    exclude: config.get<string[]>('catalog.exclude', []),
    groupBy: config.get<GroupBy>('tree.groupBy', 'kind'),
    clickAction: config.get<ClickAction>('tree.clickAction', 'entityPage'),
  };
}
