// The Catalog view in a real VS Code, over test/fixtures/workspace: grouping,
// items, markers, filter, reveal, and the watcher keeping the tree current.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CatwalkApi } from '../../../src/extension/extension';
import { catwalkApi, componentYaml, inWorkspace, labelOf, labels, nextChange, readText, rootGroup, workspaceRoot, writeText } from './catalogTestKit';

const SERVICE = 'component:default/catwalk-fixture-service';

describe('Catalog view', () => {
  let api: CatwalkApi;

  before(async () => {
    api = await catwalkApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('catwalk.tree.clearFilter');
    await vscode.commands.executeCommand('catwalk.tree.groupByKind');
  });

  it('groups by kind by default, built-in kinds first, each group with its count', () => {
    const roots = labels(api, api.tree.getChildren());
    assert.deepStrictEqual(roots.slice(0, 7), ['Components', 'APIs', 'Resources', 'Systems', 'Domains', 'Groups', 'Users']);
    const components = api.tree.getTreeItem(rootGroup(api, 'Components'));
    assert.strictEqual(components.description, String(api.catalog.index.byKind('Component').length));
    assert.strictEqual(components.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const children = api.tree.getChildren(rootGroup(api, 'Components'));
    assert.ok(children.includes(SERVICE), 'the fixture service is a Component');
    assert.strictEqual(children.length, api.catalog.index.byKind('Component').length);
  });

  it('shows an entity with its kind icon, title, type · lifecycle, ref as id and a click action', () => {
    const item = api.tree.getTreeItem(SERVICE);
    assert.strictEqual(item.id, SERVICE);
    assert.strictEqual(labelOf(item), 'Catwalk Fixture Service');
    assert.strictEqual(item.description, 'service · experimental');
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'package');
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).color, undefined, 'no problem marker');
    assert.strictEqual(item.contextValue, 'entity docs');
    assert.deepStrictEqual(item.command && [item.command.command, item.command.arguments], ['catwalk.openEntity', [SERVICE]]);
    assert.strictEqual((api.tree.getTreeItem('api:default/fixture-api').iconPath as vscode.ThemeIcon).id, 'plug');
    assert.strictEqual(api.tree.getTreeItem('user:default/linus').contextValue, 'entity');
  });

  it('gives entities a Markdown tooltip: title, description, owner and file', () => {
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(SERVICE), SERVICE);
    const tip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /\*\*Catwalk Fixture Service\*\*/);
    assert.match(tip, /A minimal Component/);
    assert.match(tip, /Owner: group:default\/platform\\-team/);
    assert.match(tip, /File: catalog\\-info\\\.yaml:2/);
  });

  it('marks entities with errors and warnings', () => {
    // ThemeColor's id is public at run time though the typings of the oldest supported VS Code leave it out.
    const color = (ref: string) => ((api.tree.getTreeItem(ref).iconPath as vscode.ThemeIcon).color as { id?: string } | undefined)?.id;
    assert.strictEqual(color('component:default/legacy-cron'), 'problemsErrorIcon.foreground');
    assert.strictEqual(color('component:default/legacy-job'), 'problemsWarningIcon.foreground');
    assert.strictEqual(color('component:default/fixture-web'), undefined);
    const tip = (api.tree.resolveTreeItem(api.tree.getTreeItem('component:default/legacy-job'), 'component:default/legacy-job').tooltip as vscode.MarkdownString).value;
    assert.match(tip, /\$\(warning\) .*team\\-ghost/);
  });

  it('groups by owner from the view title command, and remembers it in the settings', async () => {
    await vscode.commands.executeCommand('catwalk.tree.groupByOwner');
    assert.strictEqual(vscode.workspace.getConfiguration('catwalk').get('tree.groupBy'), 'owner');
    const roots = labels(api, api.tree.getChildren());
    for (const owner of ['Platform Team', 'Data Team', 'team-ghost', 'No owner']) assert.ok(roots.includes(owner), `${owner} in ${roots.join(', ')}`);
    const platform = rootGroup(api, 'Platform Team');
    assert.ok(api.tree.getChildren(platform).includes(SERVICE));
    assert.strictEqual(api.tree.getTreeItem(platform).contextValue, 'group entity', 'an owner group offers the entity menu');
    assert.ok(api.tree.getChildren(rootGroup(api, 'No owner')).includes('user:default/linus'));
  });

  it('groups by domain and system', async () => {
    await vscode.commands.executeCommand('catwalk.tree.groupBySystem');
    const domain = rootGroup(api, 'Fixture Domain');
    const [system] = api.tree.getChildren(domain);
    assert.strictEqual(labelOf(api.tree.getTreeItem(system)), 'Fixture System');
    const parts = api.tree.getChildren(system);
    for (const ref of [SERVICE, 'component:default/fixture-web', 'api:default/fixture-api', 'resource:default/fixture-db']) assert.ok(parts.includes(ref), ref);
    assert.strictEqual(api.tree.getTreeItem(system).description, String(parts.length));
    assert.strictEqual(api.tree.getParent?.(SERVICE), system);
    assert.ok(api.tree.getChildren(rootGroup(api, 'Not in a system')).includes('component:default/legacy-job'));
  });

  it('groups by namespace', async () => {
    await vscode.commands.executeCommand('catwalk.tree.groupByNamespace');
    assert.deepStrictEqual(labels(api, api.tree.getChildren()), ['default']);
    assert.strictEqual(api.tree.getTreeItem(api.tree.getChildren()[0]).description, String(api.catalog.index.size));
  });

  it('filters from the view title, shows the filter while active, and clears it', async () => {
    await vscode.commands.executeCommand('catwalk.tree.filter', 'fixture-web');
    assert.deepStrictEqual(labels(api, api.tree.getChildren()), ['Components']);
    const [components] = api.tree.getChildren();
    assert.strictEqual(api.tree.getTreeItem(components).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.deepStrictEqual(api.tree.getChildren(components), ['component:default/fixture-web']);
    assert.match(api.treeView.message ?? '', /Showing 1 of \d+ entities matching “fixture-web”/);
    assert.strictEqual(api.treeView.description, '“fixture-web”');
    await vscode.commands.executeCommand('catwalk.tree.clearFilter');
    assert.strictEqual(api.treeView.message, undefined);
    assert.ok(labels(api, api.tree.getChildren()).length > 1);
  });

  it('reveals and selects an entity by its ref', async () => {
    await api.treeView.reveal('component:default/fixture-web', { select: true, focus: false, expand: true });
    assert.deepStrictEqual(api.treeView.selection, ['component:default/fixture-web']);
    assert.ok(api.treeView.visible, 'the Catalog view is open');
  });

  it('says "Indexing…" while indexing and never waits for it', async () => {
    const loading = api.catalog.refresh();
    assert.match(api.treeView.message ?? '', /Indexing the catalog/);
    assert.match(api.statusBar.text, /^\$\(sync~spin\)/);
    assert.ok(api.tree.getChildren().length > 0, 'the tree still answers from the index');
    await loading;
    assert.strictEqual(api.treeView.message, undefined);
    assert.match(api.statusBar.text, /^\$\(book\) \d+/);
  });

  it('updates an entity after its file is edited', async () => {
    const file = 'web/catalog-info.yaml';
    const original = await readText(file);
    const ref = 'component:default/fixture-web';
    let changed = nextChange(api, c => c.updated.includes(ref), 'fixture-web updated');
    await writeText(file, original.replace('title: Fixture Web', 'title: Fixture Web Renamed'));
    await changed;
    assert.strictEqual(labelOf(api.tree.getTreeItem(ref)), 'Fixture Web Renamed');
    changed = nextChange(api, c => c.updated.includes(ref), 'fixture-web restored');
    await writeText(file, original);
    await changed;
    assert.strictEqual(labelOf(api.tree.getTreeItem(ref)), 'Fixture Web');
  });

  it('shows a created file and drops it once deleted', async () => {
    const ref = 'component:default/created-service';
    const added = nextChange(api, c => c.added.includes(ref), 'created-service added');
    const uri = await writeText('created/catalog-info.yaml', componentYaml('created-service'));
    await added;
    assert.ok(api.tree.getChildren(rootGroup(api, 'Components')).includes(ref));
    const removed = nextChange(api, c => c.removed.includes(ref), 'created-service removed');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    await removed;
    assert.ok(!api.tree.getChildren(rootGroup(api, 'Components')).includes(ref));
  });

  it('drops every entity of a deleted folder (one event for the folder)', async () => {
    const refs = ['component:default/folder-one', 'component:default/folder-two'];
    const added = nextChange(api, c => refs.every(r => api.catalog.index.has(r)) && c.added.length > 0, 'both added');
    await writeText('doomed/one/catalog-info.yaml', componentYaml('folder-one'));
    await writeText('doomed/two/service.yaml', componentYaml('folder-two'));
    await added;
    const removed = nextChange(api, () => refs.every(r => !api.catalog.index.has(r)), 'both removed');
    await vscode.workspace.fs.delete(inWorkspace('doomed'), { recursive: true });
    await removed;
  });

  it('reads a folder moved into the workspace', async () => {
    const ref = 'component:default/moved-in';
    // Beside the workspace, on the same disk, so the move is a rename.
    const outside = vscode.Uri.joinPath(workspaceRoot(), '..', `catwalk-moved-${Date.now()}`);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outside, 'catalog-info.yaml'), new TextEncoder().encode(componentYaml('moved-in')));
    const added = nextChange(api, c => c.added.includes(ref), 'moved-in added');
    await vscode.workspace.fs.rename(outside, inWorkspace('moved'));
    await added;
    const removed = nextChange(api, c => c.removed.includes(ref), 'moved-in removed');
    await vscode.workspace.fs.delete(inWorkspace('moved'), { recursive: true });
    await removed;
  });
});
