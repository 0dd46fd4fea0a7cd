// Runs inside the VS Code extension host, with test/fixtures/workspace open: the
// language server as a person meets it, through VS Code's own commands
// (completion, hover, definition, Problems, quick fix, rename). Fixtures: lsp/.
import * as assert from 'assert';
import * as vscode from 'vscode';

const LANGUAGE = 'backstage-catalog';

function uriOf(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Resolves when `probe` answers, re-checked on each diagnostics change (the limit only turns a hang into a failure). */
function whenDiagnostics<T>(what: string, probe: () => T | undefined, timeoutMs = 30000): Promise<T> {
  const now = probe();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      const value = probe();
      if (value === undefined) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
  });
}

function catwalkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'catwalk');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The position just after `needle` (or at its `|`) in a document. */
function positionOf(doc: vscode.TextDocument, needle: string): vscode.Position {
  const bar = needle.indexOf('|');
  const plain = needle.replace('|', '');
  const at = doc.getText().indexOf(plain);
  assert.ok(at >= 0, `"${plain}" is in ${doc.uri.path}`);
  return doc.positionAt(at + (bar >= 0 ? bar : plain.length));
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uriOf(relative));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Waits until the server answers for a document (its diagnostics were published once it opened). */
async function ready(doc: vscode.TextDocument): Promise<void> {
  await whenDiagnostics('the server to index the workspace', () => (catwalkDiagnostics(uriOf('lsp/problems.catalog-info.yaml')).length > 0 ? true : undefined));
  for (let i = 0; i < 100; i++) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'kind: |'));
    if (list.items.some(item => item.label === 'Component')) return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  assert.fail(`the language server does not answer for ${doc.uri.path}`);
}

async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('language server in VS Code', function () {
  this.timeout(60000);
  after(revertAll);

  it('gives catalog files the catalog language, also YAML files that declare a Backstage apiVersion', async () => {
    assert.strictEqual((await open('lsp/catalog-info.yaml')).languageId, LANGUAGE);
    assert.strictEqual((await open('lsp/problems.catalog-info.yaml')).languageId, LANGUAGE);
    const shop = await vscode.workspace.openTextDocument(uriOf('lsp/shop.yaml'));
    for (let i = 0; i < 50 && vscode.workspace.textDocuments.find(d => d.uri.toString() === shop.uri.toString())?.languageId !== LANGUAGE; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    assert.strictEqual(vscode.workspace.textDocuments.find(d => d.uri.toString() === shop.uri.toString())?.languageId, LANGUAGE);
  });

  it('shows the validator\'s diagnostics in the Problems panel for files that are not open', async () => {
    const uri = uriOf('legacy/catalog-info.yaml');
    const found = await whenDiagnostics('diagnostics of legacy/catalog-info.yaml', () => {
      const list = catwalkDiagnostics(uri);
      return list.length >= 2 ? list : undefined;
    });
    const summary = found.map(d => `${d.range.start.line}:${d.range.start.character} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}`).sort();
    assert.deepStrictEqual(summary, ['16:6 Error invalid-tag', '9:9 Warning dangling-ref']);
    assert.match(found.find(d => codeOf(d) === 'invalid-tag')!.message, /^"tags\.0" is not valid; .* but found "Cron"\. Did you mean "cron"\?$/);
  });

  it('completes entity refs at a position, with titles', async () => {
    const doc = await open('lsp/catalog-info.yaml');
    await ready(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'owner: lsp-|team'));
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('lsp-team') && labels.includes('lsp-ops') && labels.includes('user:lsp-ada'), labels.join(', '));
    assert.strictEqual(list.items.find(i => i.label === 'lsp-team')?.detail, 'Group · LSP Team');
  });

  it('completes keys in an unsaved document, required first, with the indentation they insert kept as is', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE, content: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: draft\nspec:\n  type: service\n  \n' });
    await vscode.window.showTextDocument(doc);
    const position = new vscode.Position(6, 2);
    let list: vscode.CompletionList | undefined;
    for (let i = 0; i < 100 && !list?.items.some(item => item.label === 'lifecycle'); i++) {
      list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      if (!list.items.some(item => item.label === 'lifecycle')) await new Promise(resolve => setTimeout(resolve, 100));
    }
    const labels = list!.items.filter(i => i.kind === vscode.CompletionItemKind.Property).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map(i => String(i.label));
    assert.deepStrictEqual(labels.slice(0, 2), ['lifecycle', 'owner']);
    const provides = list!.items.find(i => i.label === 'providesApis')!;
    assert.strictEqual((provides.insertText as vscode.SnippetString).value, 'providesApis:\n    - $0');
    assert.strictEqual(provides.keepWhitespace, true);
  });

  it('hovers a ref with the target\'s card', async () => {
    const doc = await open('lsp/catalog-info.yaml');
    await ready(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '- lsp-ord|ers-api'));
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Orders API\*\* · API `api:default\/lsp-orders-api`/);
    assert.match(text, /Places and lists orders\./);
  });

  it('goes to the definition of a ref', async () => {
    const doc = await open('lsp/catalog-info.yaml');
    await ready(doc);
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, 'system: lsp-s|hop'));
    assert.strictEqual(found.length, 1);
    const target = 'targetUri' in found[0] ? { uri: found[0].targetUri, range: found[0].targetRange } : found[0];
    assert.strictEqual(target.uri.path, uriOf('lsp/shop.yaml').path);
    assert.strictEqual(target.range.start.line, 4);
  });

  it('applies a quick fix: the tag the catalog rejects becomes lower-case', async () => {
    const doc = await open('lsp/problems.catalog-info.yaml');
    await ready(doc);
    const tag = await whenDiagnostics('the invalid-tag error', () => catwalkDiagnostics(doc.uri).find(d => codeOf(d) === 'invalid-tag'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, tag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === 'Change tag to "billing"');
    assert.ok(fix?.edit, actions.map(a => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /- billing\n/);
    await whenDiagnostics('the invalid-tag error to go', () => (catwalkDiagnostics(doc.uri).some(d => codeOf(d) === 'invalid-tag') ? undefined : true));
    assert.deepStrictEqual(catwalkDiagnostics(doc.uri).map(codeOf).sort(), ['dangling-ref', 'dangling-ref']);
  });

  it('renames an entity and every ref to it across the workspace', async () => {
    const org = await open('lsp/org.yaml');
    await ready(org);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', org.uri, positionOf(org, 'name: lsp-o|ps'), 'lsp-operations');
    const files = edit.entries().map(([uri]) => uri.path.split('/lsp/')[1]).sort();
    assert.deepStrictEqual(files, ['org.yaml', 'shop.yaml']);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(org.getText(), /name: lsp-operations\n/);
    const shop = await vscode.workspace.openTextDocument(uriOf('lsp/shop.yaml'));
    assert.match(shop.getText(), /owner: lsp-operations\n/);
    assert.doesNotMatch(shop.getText(), /lsp-ops\b/);
  });
});
