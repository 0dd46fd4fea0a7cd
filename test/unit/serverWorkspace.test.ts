import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CatalogWorkspace } from '../../src/server/catalogWorkspace';
import { rootsOf } from '../../src/server/catalogServer';
import { fileToUri, uriToFile } from '../../src/server/convert';

const group = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;
const component = (owner: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: app\nspec:\n  type: service\n  lifecycle: production\n  owner: ${owner}\n`;

describe('server: the catalog workspace (disk with open documents in front)', () => {
  let dir: string;
  let workspace: CatalogWorkspace;
  const at = (rel: string) => path.join(dir, rel);
  const codes = (rel: string) => workspace.index.diagnosticsOf(at(rel)).map(d => d.code);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-ws-'));
    fs.writeFileSync(at('org.yaml'), group('team-a'));
    fs.writeFileSync(at('catalog-info.yaml'), component('team-a'));
    fs.writeFileSync(at('notes.yaml'), 'just: yaml\n');
    workspace = new CatalogWorkspace([dir]);
    await workspace.load();
  });

  afterEach(() => {
    workspace.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the workspace folders with the discovery rules', () => {
    assert.deepStrictEqual(workspace.index.files().map(f => path.basename(f)).sort(), ['catalog-info.yaml', 'org.yaml']);
    assert.deepStrictEqual(codes('catalog-info.yaml'), []);
  });

  it('lets unsaved text win over the disk, and gives the disk back when the document closes', () => {
    workspace.setOpenText(at('catalog-info.yaml'), component('team-b'));
    assert.deepStrictEqual(codes('catalog-info.yaml'), ['dangling-ref']);
    fs.writeFileSync(at('catalog-info.yaml'), component('team-c'));
    workspace.fileChanged(at('catalog-info.yaml'));
    assert.match(workspace.index.diagnosticsOf(at('catalog-info.yaml'))[0].message, /"team-b"/, 'the open text still wins');
    workspace.close(at('catalog-info.yaml'));
    assert.match(workspace.index.diagnosticsOf(at('catalog-info.yaml'))[0].message, /"team-c"/);
  });

  it('follows refs into unsaved documents: a Group typed in an open file resolves refs elsewhere', () => {
    fs.writeFileSync(at('catalog-info.yaml'), component('team-new'));
    workspace.fileChanged(at('catalog-info.yaml'));
    assert.deepStrictEqual(codes('catalog-info.yaml'), ['dangling-ref']);
    workspace.setOpenText(at('new.catalog-info.yaml'), group('team-new'));
    assert.deepStrictEqual(codes('catalog-info.yaml'), []);
    workspace.close(at('new.catalog-info.yaml'));
    assert.deepStrictEqual(codes('catalog-info.yaml'), ['dangling-ref'], 'a never-saved document leaves with its editor');
  });

  it('takes in YAML files that start declaring a Backstage apiVersion, and drops deleted files and folders', () => {
    assert.strictEqual(workspace.isCatalogFile(at('notes.yaml')), false);
    workspace.setOpenText(at('notes.yaml'), group('team-notes'));
    assert.ok(workspace.index.has('group:default/team-notes'));
    fs.mkdirSync(at('sub'));
    fs.writeFileSync(at('sub/catalog-info.yaml'), group('team-sub'));
    workspace.fileChanged(at('sub/catalog-info.yaml'));
    assert.ok(workspace.index.has('group:default/team-sub'));
    fs.rmSync(at('sub'), { recursive: true });
    workspace.folderDeleted(at('sub'));
    assert.ok(!workspace.index.has('group:default/team-sub'));
    fs.rmSync(at('org.yaml'));
    workspace.fileChanged(at('org.yaml'));
    assert.deepStrictEqual(codes('catalog-info.yaml'), ['dangling-ref']);
  });

  it('reads workspace folders and URIs from initialize', () => {
    assert.deepStrictEqual(rootsOf({ processId: null, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: fileToUri(dir), name: 'x' }] }), [dir]);
    assert.deepStrictEqual(rootsOf({ processId: null, rootUri: fileToUri(dir), capabilities: {} }), [dir]);
    assert.strictEqual(uriToFile(fileToUri(at('a b.yaml'))), at('a b.yaml'));
    assert.strictEqual(uriToFile('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});
