// The docs preview inside the VS Code extension host, with test/fixtures/workspace open: a small
// TechDocs site is written into the workspace, previewed for its entity, and the webview (drawn
// by the workbench's browser) reports what it drew, Mermaid diagrams included.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DocsPreviewHandle } from '../../../src/extension/techdocs/docsPreviews';
import type { ExtensionMessage, ShowPageMessage, WebviewMessage } from '../../../webview-ui/techdocs/protocol';
import { catwalkApi, inWorkspace, nextChange, writeText } from './catalogTestKit';

const SITE = 'techdocs-preview';
const REF = 'component:default/techdocs-preview-site';
type Rendered = Extract<WebviewMessage, { type: 'rendered' }>;

const FILES: Record<string, string> = {
  'mkdocs.yml': 'site_name: Preview Test Site\nnav:\n  - Home: index.md\n  - Guide: guide.md\nplugins:\n  - techdocs-core\n',
  'docs/index.md': [
    '# Preview home', '', '!!! warning "Idempotency"', '    Never retry without the key.', '',
    '```python', 'def charge(order):', '    return gateway.charge(order.id)', '```', '',
    '| State | Next |', '|---|---|', '| placed | paid |', '',
    '```mermaid', 'graph LR', '  A[Placed] --> B[Paid]', '```', '',
    'Read the [install steps](guide.md#install).', '',
  ].join('\n'),
  'docs/guide.md': '# Guide\n\nIntro text.\n\n## Install\n\nRun the installer.\n',
  'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: techdocs-preview-site\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: website\n  lifecycle: experimental\n  owner: web-team\n',
};

/** Resolves with the first message `accept` takes from `event`, checking `current` first (no fixed sleeps). */
function next<T>(what: string, event: vscode.Event<T>, accept: (value: T) => boolean, timeoutMs = 30000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const listener = event(value => {
      if (!accept(value)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
  });
}

/** The next page posted to the preview, and the webview's report of drawing it. */
async function pageDrawn(handle: DocsPreviewHandle, accept: (m: ShowPageMessage) => boolean, action: () => Thenable<unknown> | void): Promise<{ posted: ShowPageMessage; rendered: Rendered }> {
  let posted: ShowPageMessage | undefined;
  const postedPromise = next('a page to be posted', handle.onDidPost, (m: ExtensionMessage) => m.type === 'page' && accept(m)).then(m => (posted = m as ShowPageMessage));
  const renderedPromise = next('the webview to draw it', handle.onDidReceive, (m: WebviewMessage) => m.type === 'rendered' && posted !== undefined && m.revision >= posted.revision);
  await action();
  await postedPromise;
  const rendered = (await renderedPromise) as Rendered;
  return { posted: posted as ShowPageMessage, rendered };
}

describe('Docs preview', () => {
  let handle: DocsPreviewHandle;

  before(async function () {
    this.timeout(60000);
    const api = await catwalkApi();
    const indexed = nextChange(api, c => c.added.includes(REF) || c.updated.includes(REF), `${REF} to be indexed`);
    for (const [rel, text] of Object.entries(FILES)) await writeText(`${SITE}/${rel}`, text);
    await indexed;
  });

  after(async () => {
    handle?.panel.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(inWorkspace(SITE), { recursive: true });
  });

  it('opens beside the editor for an entity and draws the page, Mermaid included', async function () {
    this.timeout(60000);
    let opened: DocsPreviewHandle | undefined;
    // The first render happens when the webview says it is ready; listen before it can.
    const commandPromise = vscode.commands.executeCommand<DocsPreviewHandle>('catwalk.techdocs.openPreview', REF).then(h => (opened = h));
    await commandPromise;
    assert.ok(opened, 'the command returns the preview');
    handle = opened;
    const rendered = handle.lastRendered && handle.lastRendered.pageId === 'index.md' && handle.lastRendered.mermaidDiagrams > 0
      ? handle.lastRendered
      : await next('the home page with its diagram', handle.onDidReceive, (m: WebviewMessage) => m.type === 'rendered' && m.pageId === 'index.md' && m.mermaidDiagrams > 0, 45000) as Rendered;
    assert.strictEqual(handle.pageId, 'index.md');
    assert.match(rendered.text, /Never retry without the key/);
    assert.strictEqual(rendered.mermaidDiagrams, 1, 'Mermaid drew the diagram in the webview');
    assert.strictEqual(handle.panel.title, 'Home · Preview Test Site', 'the nav title and the site name');
  });

  it('follows a link to another page and its anchor', async function () {
    this.timeout(30000);
    const { posted, rendered } = await pageDrawn(handle, m => m.page.pageId === 'guide.md', () => handle.simulate({ type: 'navigate', pageId: 'guide.md', anchor: 'install' }));
    assert.strictEqual(posted.anchor, 'install');
    assert.strictEqual(posted.sameScroll, false);
    assert.deepStrictEqual(posted.page.previous, { pageId: 'index.md', title: 'Home' });
    assert.match(rendered.text, /Run the installer/);
  });

  it('re-renders while the Markdown is edited, before it is saved', async function () {
    this.timeout(30000);
    const doc = await vscode.workspace.openTextDocument(inWorkspace(`${SITE}/docs/guide.md`));
    // In another column than the preview, so both stay visible.
    const column = handle.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    const { posted, rendered } = await pageDrawn(handle, m => m.page.html.includes('Edited live'), () =>
      editor.edit(b => b.insert(new vscode.Position(2, 0), 'Edited live. ')),
    );
    assert.strictEqual(posted.sameScroll, true, 'the scroll position is kept');
    assert.strictEqual(posted.page.notice, 'Showing unsaved changes.');
    assert.match(rendered.text, /Edited live/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opens the Markdown at the line of the part shown when Edit is clicked', async () => {
    const opened = next('an editor on guide.md', vscode.window.onDidChangeActiveTextEditor, e => !!e && e.document.uri.fsPath.endsWith('guide.md'));
    await handle.simulate({ type: 'edit', pageId: 'guide.md', line: 4 });
    const editor = vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('guide.md') ? vscode.window.activeTextEditor : await opened;
    assert.strictEqual(editor?.selection.active.line, 4);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('searches across the pages of the site', async () => {
    const results = next('search results', handle.onDidPost, (m: ExtensionMessage) => m.type === 'searchResults');
    await handle.simulate({ type: 'search', query: 'installer' });
    const message = await results;
    assert.ok(message.type === 'searchResults' && message.results.some(r => r.pageId === 'guide.md' && r.anchor === 'install'), JSON.stringify(message));
  });

  it('opens the same preview from a Markdown file of the site, on that page', async function () {
    this.timeout(30000);
    const { posted } = await pageDrawn(handle, m => m.page.pageId === 'index.md', async () => {
      const again = await vscode.commands.executeCommand<DocsPreviewHandle>('catwalk.techdocs.openPreview', inWorkspace(`${SITE}/docs/index.md`));
      assert.strictEqual(again?.panel, handle.panel, 'one preview per site');
    });
    assert.strictEqual(posted.page.siteName, 'Preview Test Site');
  });
});
