// Runs inside the VS Code extension host, with test/fixtures/workspace open.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'catwalk.catwalk';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function catwalk(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

describe('Catwalk in the VS Code extension host', () => {
  it('runs in a real VS Code with the fixture workspace open', async () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, 'one workspace folder');
    const found = await vscode.workspace.findFiles('catalog-info.yaml');
    assert.deepStrictEqual(found.map((u) => u.path.split('/').pop()), ['catalog-info.yaml'], 'a catalog-info.yaml at the root');
  });

  it('activates by itself in a workspace with a catalog-info.yaml', async () => {
    const ext = catwalk();
    await waitFor('the extension to activate', () => ext.isActive);
    assert.strictEqual(ext.packageJSON.name, 'catwalk');
  });

  it('registers catwalk.showLog under the "Catwalk" category', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('catwalk.showLog'), 'catwalk.showLog is registered');
    const contributed = (catwalk().packageJSON.contributes?.commands ?? []) as ContributedCommand[];
    const entry = contributed.find((c) => c.command === 'catwalk.showLog');
    assert.deepStrictEqual(entry, { command: 'catwalk.showLog', title: 'Show Log', category: 'Catwalk' });
  });

  it('catwalk.showLog runs and shows the "Catwalk" log', async () => {
    await vscode.commands.executeCommand('catwalk.showLog');
    const doc = await waitFor('the Catwalk output document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.uri.path.includes('Catwalk')),
    );
    await waitFor('the activation line in the log', () => /Catwalk .* activated/.test(doc.getText()));
  });
});
