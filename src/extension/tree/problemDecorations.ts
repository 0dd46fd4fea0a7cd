// Error and warning markers on entity nodes, the way the Explorer marks files:
// a colored label and a problem-count badge. Entity nodes carry a
// `catwalk-entity:` resource URI that only this provider decorates.
import * as vscode from 'vscode';
import { CatalogService } from '../catalogService';
import { problemsOf, worstSeverity } from './problems';

const SCHEME = 'catwalk-entity';

/** The URI an entity node carries so its problems decorate it. */
export function entityDecorationUri(ref: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/${ref}` });
}

/** Colors and badges entity nodes that have errors or warnings. */
export class ProblemDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [this.emitter];

  constructor(private readonly catalog: CatalogService) {
    // Any change can settle or raise a dangling ref or a duplicate elsewhere; the view asks again only for the rows it shows.
    // While indexing, the rows the view draws ask for themselves: all are asked again once the index is complete.
    this.subscriptions.push(
      catalog.onDidChange(() => catalog.state !== 'indexing' && this.emitter.fire(undefined)),
      catalog.onDidChangeState(state => state === 'ready' && this.emitter.fire(undefined)),
    );
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== SCHEME) return undefined;
    const parsed = this.catalog.index.get(uri.path.slice(1));
    if (!parsed) return undefined;
    const problems = problemsOf(this.catalog.index, parsed);
    const severity = worstSeverity(problems);
    if (!severity) return undefined;
    const count = problems.errors + problems.warnings;
    const tooltip = `${problems.errors} error(s), ${problems.warnings} warning(s)`;
    const color = new vscode.ThemeColor(severity === 'error' ? 'list.errorForeground' : 'list.warningForeground');
    return new vscode.FileDecoration(count > 9 ? '9+' : String(count), tooltip, color);
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
