import { Connection } from 'vscode-languageserver';
import { compareDiagnostics, Diagnostic } from '../core/diagnostics';
import { Disposable } from '../core/sources/catalogSource';
import { templateDiagnostics } from '../core/language/templates';
import { CatalogWorkspace } from './catalogWorkspace';
import { toLspDiagnostic } from './convert';

/**
 * Publishes diagnostics for every catalog file whose verdict may have changed:
 * the core validator's and the index's cross-file ones (exactly what
 * `catwalk validate` prints), plus the template checks. Each file's set
 * replaces the last one, so nothing is reported twice.
 */
export class DiagnosticsPublisher implements Disposable {
  private readonly pending = new Set<string>();
  private readonly published = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: Disposable;
  /** While the first load runs, refs point at files not read yet: publishing waits for the end. */
  private held = false;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: CatalogWorkspace,
    private readonly uriOf: (file: string) => string,
  ) {
    this.subscription = workspace.onDidChange(change => this.schedule(change.files));
  }

  /** Queues files; one flush sends them all (a load reports hundreds of files at once). */
  schedule(files: Iterable<string>): void {
    for (const f of files) this.pending.add(f);
    if (this.pending.size > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), 0);
  }

  /** Holds publishing until `release` (open documents still get theirs). */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.schedule([]);
  }

  /** Every diagnostic of a file, sorted: the core's and the template checks'. */
  diagnosticsOf(file: string): Diagnostic[] {
    const index = this.workspace.index;
    if (!index.fileResult(file)) return [];
    const out = index.diagnosticsOf(file);
    const text = index.entitiesOfFile(file).some(e => e.entity.kind === 'Template') ? this.workspace.readText(file) : undefined;
    if (text !== undefined) out.push(...templateDiagnostics({ file, text }));
    return out.sort(compareDiagnostics);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }

  private flush(): void {
    this.timer = undefined;
    const files = [...this.pending];
    this.pending.clear();
    for (const file of files) {
      if (this.held && !this.workspace.isOpen(file)) {
        this.pending.add(file);
        continue;
      }
      const diagnostics = this.diagnosticsOf(file);
      // A closed file that never had diagnostics and still has none needs no message.
      if (diagnostics.length === 0 && !this.published.has(file) && !this.workspace.isOpen(file)) continue;
      if (diagnostics.length > 0) this.published.add(file);
      else this.published.delete(file);
      void this.connection.sendDiagnostics({ uri: this.uriOf(file), diagnostics: diagnostics.map(toLspDiagnostic) });
    }
  }
}
