// Catwalk's catalog commands, workspace symbols and status bar in a real VS Code.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { countProblems } from '../../../src/extension/tree/problems';
import type { CatwalkApi } from '../../../src/extension/extension';
import { catwalkApi, inWorkspace, nextChange, readText, rootGroup, ScriptedPrompter, waitFor } from './catalogTestKit';

const SERVICE = 'component:default/catwalk-fixture-service';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}

function activeFile(): string | undefined {
  return vscode.window.activeTextEditor && vscode.workspace.asRelativePath(vscode.window.activeTextEditor.document.uri);
}

describe('Catalog commands', () => {
  let api: CatwalkApi;
  let packageJSON: { contributes: { commands: ContributedCommand[]; menus: Record<string, { command?: string; when?: string }[]> } };

  before(async () => {
    api = await catwalkApi();
    packageJSON = vscode.extensions.getExtension('catwalk.catwalk')!.packageJSON;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('catwalk').update('tree.clickAction', undefined, vscode.ConfigurationTarget.Global);
  });

  it('contributes the catalog commands with titles under the "Catwalk" category, and registers them', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const ids = [
      'catwalk.goToEntity', 'catwalk.refresh', 'catwalk.createCatalogInfo', 'catwalk.openCatalogFolder', 'catwalk.openEntity', 'catwalk.openSource',
      'catwalk.openDocs', 'catwalk.copyEntityRef', 'catwalk.revealInExplorer', 'catwalk.tree.filter', 'catwalk.tree.clearFilter',
      ...['Kind', 'Owner', 'System', 'Namespace'].flatMap(mode => [`catwalk.tree.groupBy${mode}`, `catwalk.tree.groupBy${mode}.checked`]),
    ];
    for (const id of ids) {
      const c = packageJSON.contributes.commands.find(x => x.command === id);
      assert.ok(c?.title && c.category === 'Catwalk', `${id} is contributed with a title and the Catwalk category`);
      assert.ok(registered.has(id), `${id} is registered`);
    }
  });

  it('hides the commands that need an entity from the command palette', () => {
    const hidden = packageJSON.contributes.menus.commandPalette.filter(m => m.when === 'false').map(m => m.command);
    for (const id of ['catwalk.openSource', 'catwalk.copyEntityRef', 'catwalk.revealInExplorer', 'catwalk.openDocs', 'catwalk.openEntity']) assert.ok(hidden.includes(id), id);
  });

  it('Open Source opens the entity\'s file at its line', async () => {
    await vscode.commands.executeCommand('catwalk.openSource', 'component:default/legacy-cron');
    assert.strictEqual(activeFile(), 'legacy/catalog-info.yaml');
    const expected = api.catalog.index.get('component:default/legacy-cron')!.range.start.line;
    assert.strictEqual(vscode.window.activeTextEditor!.selection.active.line, expected);
    assert.ok(expected > 5, 'the second document of the file');
  });

  it('a click opens the source when catwalk.tree.clickAction says so', async () => {
    await vscode.workspace.getConfiguration('catwalk').update('tree.clickAction', 'source', vscode.ConfigurationTarget.Global);
    const click = api.tree.getTreeItem('api:default/fixture-api').command!;
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    assert.strictEqual(activeFile(), 'apis/fixture-api.yaml');
  });

  it('Open Docs opens the TechDocs preview of a dir: techdocs-ref', async () => {
    await vscode.commands.executeCommand('catwalk.openDocs', SERVICE);
    // The preview opens beside the editor; the tab model reaches the extension host by event.
    const previewOpen = () => vscode.window.tabGroups.all
      .flatMap(group => group.tabs)
      .some(tab => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('catwalk.docsPreview'));
    if (!previewOpen()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => (listener.dispose(), reject(new Error('no docs preview tab opened'))), 10000);
        const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
          if (!previewOpen()) return;
          clearTimeout(timer);
          listener.dispose();
          resolve();
        });
      });
    }
    assert.ok(previewOpen());
  });

  it('Copy Entity Ref copies the canonical ref, also from a group that stands for an entity', async () => {
    await vscode.commands.executeCommand('catwalk.copyEntityRef', 'api:default/fixture-api');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'api:default/fixture-api');
    await vscode.commands.executeCommand('catwalk.tree.groupByOwner');
    try {
      await vscode.commands.executeCommand('catwalk.copyEntityRef', rootGroup(api, 'Platform Team'));
      assert.strictEqual(await vscode.env.clipboard.readText(), 'group:default/platform-team');
    } finally {
      await vscode.commands.executeCommand('catwalk.tree.groupByKind');
    }
  });

  it('Reveal in Explorer runs on an entity', async () => {
    await vscode.commands.executeCommand('catwalk.revealInExplorer', 'resource:default/fixture-db');
  });

  it('Refresh Catalog re-reads the workspace', async () => {
    const size = api.catalog.index.size;
    await vscode.commands.executeCommand('catwalk.refresh');
    assert.strictEqual(api.catalog.state, 'ready');
    assert.strictEqual(api.catalog.index.size, size);
  });

  it('Go to Entity lists every entity with its icon and owner, and opens the pick', async () => {
    await vscode.workspace.getConfiguration('catwalk').update('tree.clickAction', 'source', vscode.ConfigurationTarget.Global);
    const prompter = new ScriptedPrompter([{ pick: 'Fixture Web' }]);
    const using = api.usePrompter(prompter);
    try {
      await vscode.commands.executeCommand('catwalk.goToEntity');
    } finally {
      using.dispose();
    }
    const items = prompter.asked[0].items as (vscode.QuickPickItem & { ref: string })[];
    assert.strictEqual(items.length, api.catalog.index.size);
    const web = items.find(i => i.ref === 'component:default/fixture-web')!;
    assert.deepStrictEqual([web.label, web.description, web.detail], ['$(package) Fixture Web', 'data-team', 'component:default/fixture-web']);
    assert.strictEqual(activeFile(), 'web/catalog-info.yaml');
  });

  it('workspace symbols find entities by name, title and ref, at their line', async () => {
    const find = (q: string) => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', q);
    const byName = (await find('fixture-api')).find(s => s.containerName === 'api:default/fixture-api');
    assert.ok(byName, 'found by name');
    assert.strictEqual(byName.name, 'Fixture API (fixture-api)');
    assert.strictEqual(byName.kind, vscode.SymbolKind.Interface);
    assert.strictEqual(vscode.workspace.asRelativePath(byName.location.uri), 'apis/fixture-api.yaml');
    assert.strictEqual(byName.location.range.start.line, api.catalog.index.get('api:default/fixture-api')!.range.start.line);
    assert.ok((await find('Platform Team')).some(s => s.containerName === 'group:default/platform-team'), 'found by title');
    assert.ok((await find('resource:default/fixture')).some(s => s.containerName === 'resource:default/fixture-db'), 'found by ref');
  });

  it('the status bar shows entity and problem counts', () => {
    const { errors, warnings } = countProblems(api.catalog.index);
    assert.ok(errors >= 1 && warnings >= 1, 'the fixture has an error and a warning');
    assert.strictEqual(api.statusBar.text, `$(book) ${api.catalog.index.size} $(error) ${errors} $(warning) ${warnings}`);
  });

  it('Create catalog-info.yaml writes a skeleton Catwalk accepts, owned by a known group, and opens it', async () => {
    const folder = inWorkspace('scripted');
    await vscode.workspace.fs.createDirectory(folder);
    const ref = 'component:default/scripted-service';
    const prompter = new ScriptedPrompter([{ pick: 'Component' }, { input: 'scripted-service' }, { pick: 'Platform Team' }]);
    const using = api.usePrompter(prompter);
    const added = nextChange(api, c => c.added.includes(ref), 'scripted-service added');
    try {
      await vscode.commands.executeCommand('catwalk.createCatalogInfo', folder);
      await added;
    } finally {
      using.dispose();
    }
    assert.ok(prompter.done, 'every question was asked');
    assert.strictEqual(activeFile(), 'scripted/catalog-info.yaml');
    assert.match(await readText('scripted/catalog-info.yaml'), /owner: platform-team/);
    const file = api.catalog.index.get(ref)!.file;
    assert.deepStrictEqual(api.catalog.index.diagnosticsOf(file).filter(d => d.severity !== 'info'), []);
  });

  it('Create catalog-info.yaml asks before touching an existing file, and can add a document to it', async () => {
    const ref = 'api:default/scripted-api';
    const prompter = new ScriptedPrompter([{ pick: 'API' }, { input: 'scripted-api' }, { pick: 'Data Team' }, { confirm: 'Add as Another Document' }]);
    const using = api.usePrompter(prompter);
    const added = nextChange(api, c => c.added.includes(ref), 'scripted-api added');
    try {
      await vscode.commands.executeCommand('catwalk.createCatalogInfo', inWorkspace('scripted/catalog-info.yaml'));
      await added;
    } finally {
      using.dispose();
    }
    assert.match(prompter.asked[3].title ?? '', /already exists/);
    const file = api.catalog.index.get(ref)!.file;
    assert.deepStrictEqual(api.catalog.index.entitiesOfFile(file).map(e => e.ref), ['component:default/scripted-service', ref]);
    assert.deepStrictEqual(api.catalog.index.diagnosticsOf(file).filter(d => d.severity !== 'info'), []);
    const removed = nextChange(api, c => c.removed.includes(ref), 'scripted file removed');
    await vscode.workspace.fs.delete(inWorkspace('scripted'), { recursive: true });
    await removed;
  });

  it('activates in under 150 ms, code loading included (as logged)', async () => {
    await vscode.commands.executeCommand('catwalk.showLog');
    const match = await waitFor('the activation line in the log', () => {
      const doc = vscode.workspace.textDocuments.find(d => d.uri.scheme === 'output' && d.uri.path.includes('Catwalk'));
      return (doc && /Catwalk .* activated .* in (\d+) ms \(code loaded in (\d+) ms\)/.exec(doc.getText())) || undefined;
    });
    const [activate, load] = [Number(match[1]), Number(match[2])];
    console.log(`      activation: ${activate} ms in activate(), ${load} ms loading the code`);
    assert.ok(activate + load < 150, `activation took ${activate} + ${load} ms`);
  });
});
