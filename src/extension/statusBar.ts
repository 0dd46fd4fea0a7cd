// The status bar entry: `$(book) 56 $(error) 1 $(warning) 2` once indexed, a
// spinner while indexing; a click runs Go to Entity.
import * as vscode from 'vscode';
import { CatalogService } from './catalogService';
import { CatalogCommands } from './commands/ids';
import { countProblems } from './tree/problems';

/** What the entry says for a catalog state and its counts. Pure, for tests. */
export function statusText(state: 'idle' | 'indexing' | 'ready', entities: number, errors: number, warnings: number): string {
  if (state === 'indexing') return `$(sync~spin) ${entities}`;
  const parts = [`$(book) ${entities}`];
  if (errors > 0) parts.push(`$(error) ${errors}`);
  if (warnings > 0) parts.push(`$(warning) ${warnings}`);
  return parts.join(' ');
}

/** How long after a change the problems are counted. */
const COUNT_DELAY_MS = 50;
/** While indexing, the entity count so far is shown at most this often. */
const INDEXING_UPDATE_MS = 250;

/** The status bar entry, kept current with the catalog. */
export class CatalogStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('catwalk.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [this.item];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDelay = 0;

  constructor(private readonly catalog: CatalogService) {
    this.item.name = 'Catwalk Catalog';
    this.item.command = CatalogCommands.goToEntity;
    this.subscriptions.push(
      catalog.onDidChange(() => this.schedule()),
      catalog.onDidChangeState(() => this.schedule()),
      { dispose: () => clearTimeout(this.timer) },
    );
    this.update();
    this.item.show();
  }

  /** The entry's current text (for tests): a pending update is made first. */
  get text(): string {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.update();
    }
    return this.item.text;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  /**
   * Counting problems reads every file's cross-file checks: done a moment later, once per burst of
   * changes, so what the views that listen to the same change (the tree) send to the workbench goes
   * out first (the extension host writes its messages on a timer of its own). While indexing the
   * entry only shows the count so far, a few times a second: a message for every chunk read would
   * keep the workbench busy while it starts.
   */
  private schedule(): void {
    const delay = this.catalog.state === 'indexing' ? INDEXING_UPDATE_MS : COUNT_DELAY_MS;
    if (this.timer && this.timerDelay <= delay) return;
    clearTimeout(this.timer);
    this.timerDelay = delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, delay);
  }

  private update(): void {
    const index = this.catalog.index;
    if (this.catalog.state === 'indexing') {
      // Counting problems mid-load would redo work the next chunk undoes.
      this.item.text = statusText('indexing', index.size, 0, 0);
      this.item.tooltip = `Catwalk: indexing the catalog… ${index.size} entities so far`;
      return;
    }
    const { errors, warnings } = countProblems(index);
    this.item.text = statusText(this.catalog.state, index.size, errors, warnings);
    this.item.tooltip = `Catwalk: ${index.size} entities in ${index.files().length} files, ${errors} errors, ${warnings} warnings. Click to go to an entity.`;
  }
}
