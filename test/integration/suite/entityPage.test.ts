// Entity pages inside the VS Code extension host, with test/fixtures/workspace open. The webviews really render
// (in the workbench's browser): the tests watch what the extension posted and what each webview reported drawn.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CatwalkApi } from '../../../src/extension/extension';
import type { EntityPageState, EntityView, RenderedMessage, StateMessage, WebviewMessage } from '../../../webview-ui/protocol';

const WEB = 'component:default/storefront-web';
const CART = 'component:default/cart-service';
const API = 'api:default/cart-api';
const SCRATCH_FILE = 'entity-page/scratch.yaml';
const SCRATCH = 'component:default/entity-page-scratch';

/** Resolves when `probe` returns a value, probing again whenever one of `events` fires (no fixed sleeps). */
function until<T>(what: string, probe: () => T | undefined | false, events: vscode.Event<unknown>[], timeoutMs = 20000): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (error?: Error, value?: T) => {
      clearTimeout(timer);
      subscriptions.forEach(s => s.dispose());
      if (error) reject(error);
      else resolve(value as T);
    };
    const check = () => {
      try {
        const value = probe();
        if (value) finish(undefined, value);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    };
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), timeoutMs);
    for (const event of events) subscriptions.push(event(check));
    check();
  });
}

/** The state last posted to a page, once its webview has reported drawing that very state, and `accept` agrees. */
function drawn(api: CatwalkApi, ref: string, accept: (state: EntityPageState) => boolean = () => true): Promise<{ posted: StateMessage; rendered: RenderedMessage }> {
  const pages = api.entityPages;
  return until(
    `the page of ${ref} to draw the expected state`,
    () => {
      const posted = pages.lastPosted(ref);
      const rendered = pages.lastRendered(ref);
      return posted && rendered && rendered.revision >= posted.revision && accept(posted.state) && { posted, rendered };
    },
    [pages.onDidPost, pages.onDidReceive],
  );
}

function entityView(state: EntityPageState): EntityView {
  assert.strictEqual(state.status, 'entity');
  return state as EntityView;
}

/** Tabs of entity pages (the tab's view type carries a prefix the workbench adds). */
function entityPageTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap(g => g.tabs)
    .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('catwalk.entityPage'));
}

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function scratchYaml(title: string): string {
  return ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: entity-page-scratch', `  title: ${title}`, 'spec:', '  type: service', '  lifecycle: experimental', '  owner: web-team', ''].join('\n');
}

async function writeScratch(api: CatwalkApi, title: string, exists: (state: boolean) => boolean): Promise<void> {
  const indexed = until(`the index to take ${SCRATCH_FILE} in`, () => exists(api.catalog.index.has(SCRATCH)) && api.catalog.index.get(SCRATCH)?.entity.metadata.title === title, [api.catalog.onDidChange]);
  await vscode.workspace.fs.writeFile(workspaceUri(SCRATCH_FILE), new TextEncoder().encode(scratchYaml(title)));
  await indexed;
}

describe('Entity page', () => {
  let api: CatwalkApi;
  const pageErrors: string[] = [];

  before(async () => {
    const ext = vscode.extensions.getExtension<CatwalkApi>('catwalk.catwalk');
    assert.ok(ext, 'the Catwalk extension is loaded');
    api = await ext.activate();
    await api.catalog.whenReady();
    await until(`${WEB} in the index`, () => api.catalog.index.has(WEB), [api.catalog.onDidChange]);
    // Pages other suites left open would make the tab counts below wrong.
    for (const ref of api.entityPages.openRefs()) api.entityPages.panelOf(ref)?.dispose();
    api.entityPages.onDidReceive(({ ref, message }) => {
      if (message.type === 'reportError') pageErrors.push(`${ref}: ${message.message}`);
    });
  });

  after(async () => {
    for (const ref of api.entityPages.openRefs()) api.entityPages.panelOf(ref)?.dispose();
    await vscode.workspace.fs.delete(workspaceUri(SCRATCH_FILE)).then(undefined, () => undefined);
  });

  it('opens one panel per entity, and a second open reveals the same panel', async () => {
    await vscode.commands.executeCommand('catwalk.openEntityPage', WEB);
    const panel = api.entityPages.panelOf(WEB);
    assert.ok(panel, 'a panel for the entity');
    assert.strictEqual(panel.viewType, 'catwalk.entityPage');
    await drawn(api, WEB);
    assert.strictEqual(panel.title, 'Storefront Web');

    await vscode.commands.executeCommand('catwalk.openEntityPage', API);
    await drawn(api, API);
    assert.strictEqual(api.entityPages.panelOf(WEB)?.active, false, 'the first page is behind the second');

    await vscode.commands.executeCommand('catwalk.openEntityPage', 'Component:default/Storefront-Web');
    await until('the first page to come to the front', () => panel.active, [panel.onDidChangeViewState]);
    assert.strictEqual(api.entityPages.panelOf(WEB), panel, 'the same panel');
    assert.deepStrictEqual(api.entityPages.openRefs().sort(), [API, WEB]);
    assert.deepStrictEqual(entityPageTabs().map(t => t.label).sort(), ['Cart API', 'Storefront Web']);
  });

  it('posts the entity state to the webview, which reports what it drew', async () => {
    const { posted, rendered } = await drawn(api, WEB);
    const page = entityView(posted.state);
    assert.strictEqual(posted.depth, 1);
    assert.strictEqual(page.title, 'Storefront Web');
    assert.strictEqual(page.kind, 'Component');
    assert.deepStrictEqual(page.tags, ['typescript', 'react', 'web']);
    assert.deepStrictEqual(page.about.map(r => `${r.label}: ${r.targets.map(t => t.label).join()}`), ['Owner: Web Team', 'System: Storefront', 'Domain: Commerce']);
    assert.deepStrictEqual(page.relations.map(g => g.title), ['owned by', 'part of', 'consumes API', 'depends on']);
    assert.strictEqual(page.relations.find(g => g.type === 'dependsOn')?.targets.find(t => !t.exists)?.ref, 'resource:default/legacy-cache');
    assert.deepStrictEqual(page.problems.map(p => p.code), ['dangling-ref']);
    assert.strictEqual(page.source.path, 'entity-page/shop.yaml');
    assert.deepStrictEqual(page.graph.nodes.filter(n => n.current).map(n => n.ref), [WEB]);
    // The webview's own account of its DOM after drawing that revision.
    assert.deepStrictEqual(rendered.drawn, { status: 'entity', heading: 'Storefront Web', graphNodes: page.graph.nodes.length });
  });

  it('opens the page of a related entity when one is clicked', async () => {
    const click: WebviewMessage = { type: 'openEntity', ref: CART };
    await api.entityPages.simulate(WEB, click);
    const { rendered } = await drawn(api, CART);
    assert.strictEqual(rendered.drawn.heading, 'Cart service');
    assert.strictEqual(api.entityPages.panelOf(CART)?.active, true);
  });

  it('redraws the graph at the depth picked', async () => {
    // A hidden webview draws nothing: bring the page to the front first.
    await vscode.commands.executeCommand('catwalk.openEntityPage', WEB);
    const before = entityView((await drawn(api, WEB)).posted.state).graph.nodes.length;
    await api.entityPages.simulate(WEB, { type: 'setDepth', depth: 2 });
    const { posted, rendered } = await drawn(api, WEB, s => s.status === 'entity' && s.graph.depth === 2);
    const nodes = entityView(posted.state).graph.nodes.map(n => n.ref);
    assert.ok(nodes.length > before, 'more entities two hops out');
    assert.ok(nodes.includes('resource:default/cart-db'));
    assert.strictEqual(rendered.drawn.graphNodes, nodes.length);
  });

  it("opens the entity's file at a problem's line", async () => {
    const problem = entityView((await drawn(api, WEB)).posted.state).problems[0];
    const opened = until(
      'the file to open at the problem',
      () => {
        const editor = vscode.window.activeTextEditor;
        return editor?.document.uri.path.endsWith('/entity-page/shop.yaml') && editor.selection.start.line === problem.range.start.line && editor;
      },
      [vscode.window.onDidChangeActiveTextEditor, vscode.window.onDidChangeTextEditorSelection],
    );
    await api.entityPages.simulate(WEB, { type: 'openSource', range: problem.range });
    const editor = await opened;
    assert.match(editor.document.lineAt(problem.range.start.line).text, /legacy-cache/);
  });

  it('copies the entity ref to the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await api.entityPages.simulate(WEB, { type: 'copyRef' });
    assert.strictEqual(await vscode.env.clipboard.readText(), WEB);
  });

  it('updates the page when its file changes', async () => {
    await writeScratch(api, 'Scratch One', exists => exists);
    await vscode.commands.executeCommand('catwalk.openEntityPage', SCRATCH);
    await drawn(api, SCRATCH, s => s.status === 'entity' && s.title === 'Scratch One');

    await writeScratch(api, 'Scratch Two', exists => exists);
    const { rendered } = await drawn(api, SCRATCH, s => s.status === 'entity' && s.title === 'Scratch Two');
    assert.strictEqual(rendered.drawn.heading, 'Scratch Two');
    assert.strictEqual(api.entityPages.panelOf(SCRATCH)?.title, 'Scratch Two');
  });

  it('shows the deleted state, with the file the entity was in, when the entity is removed', async () => {
    await vscode.workspace.fs.delete(workspaceUri(SCRATCH_FILE));
    const { posted, rendered } = await drawn(api, SCRATCH, s => s.status === 'missing');
    assert.deepStrictEqual(posted.state, {
      status: 'missing',
      ref: SCRATCH,
      kind: 'Component',
      title: 'Scratch Two',
      icon: 'package',
      lastSource: { path: SCRATCH_FILE, line: 0 },
    });
    assert.deepStrictEqual(rendered.drawn, { status: 'missing', heading: 'This entity no longer exists in the catalog', graphNodes: 0 });
    assert.strictEqual(api.entityPages.panelOf(SCRATCH)?.title, 'Scratch Two (deleted)');
  });

  it('comes back when the entity is defined again', async () => {
    await writeScratch(api, 'Scratch Three', exists => exists);
    const { rendered } = await drawn(api, SCRATCH, s => s.status === 'entity' && s.title === 'Scratch Three');
    assert.strictEqual(rendered.drawn.heading, 'Scratch Three');
  });

  it('closing a page forgets it, and opening it again makes a new panel', async () => {
    const panel = api.entityPages.panelOf(CART);
    assert.ok(panel);
    panel.dispose();
    assert.ok(!api.entityPages.openRefs().includes(CART));
    await vscode.commands.executeCommand('catwalk.openEntityPage', CART);
    assert.notStrictEqual(api.entityPages.panelOf(CART), panel);
    await drawn(api, CART);
  });

  it('ran without script errors or CSP violations in any page', () => {
    assert.deepStrictEqual(pageErrors, []);
  });
});
