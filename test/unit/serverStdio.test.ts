// Drives `node dist/server.js --stdio` from a plain JSON-RPC client, as Neovim or
// Helix would: initialize with a workspace folder, watch diagnostics arrive for
// files that are not open, open and edit a document, ask for completion, hover
// and definition. Diagnostics must equal what `catwalk validate` reports.
import * as assert from 'assert';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { nodeValidateOptions } from '../../src/cli/validateCommand';
import { Diagnostic } from '../../src/core/diagnostics';
import { inThreadValidator, validateCatalog } from '../../src/core/validate/validateCatalog';
import { validateText } from '../../src/core/validate/validateFile';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';
import { STATUS_NOTIFICATION, StatusParams } from '../../src/server/protocol';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspace', 'lsp');

interface LspDiagnostic {
  range: Diagnostic['range'];
  severity: number;
  code: string;
  message: string;
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

/** Position of the `|` marker in a text, and the text without it. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  const at = text.indexOf('|');
  const before = text.slice(0, at).split('\n');
  return { text: text.slice(0, at) + text.slice(at + 1), position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** Builds dist/server.js when it is missing; undefined when that cannot be done. */
function ensureServer(): string | undefined {
  if (!fs.existsSync(SERVER)) spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: 'ignore' });
  return fs.existsSync(SERVER) ? SERVER : undefined;
}

/** A JSON-RPC client over the server's stdin/stdout that remembers every publishDiagnostics. */
class PlainClient {
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, LspDiagnostic[][]>();
  private readonly waiters: (() => void)[] = [];
  status: StatusParams | undefined;

  constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: LspDiagnostic[] }) => {
      this.diagnostics.set(p.uri, [...(this.diagnostics.get(p.uri) ?? []), p.diagnostics]);
      this.wake();
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      this.status = p;
      this.wake();
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** Resolves when `probe` returns something (re-checked on every notification). */
  async until<T>(what: string, probe: () => T | undefined, timeoutMs = 20000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, end - Date.now());
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostic sets published for a URI, oldest first. */
  published(uri: string): LspDiagnostic[][] {
    return this.diagnostics.get(uri) ?? [];
  }

  private wake(): void {
    this.waiters.splice(0).forEach(w => w());
  }
}

function comparable(list: readonly (LspDiagnostic | Diagnostic)[]): string[] {
  return list
    .map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${typeof d.severity === 'number' ? d.severity : SEVERITY[d.severity]} ${d.code} ${d.message}`)
    .sort();
}

describe('language server over stdio (node dist/server.js --stdio)', function () {
  this.timeout(60000);
  let client: PlainClient;
  let dir: string;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).href;

  before(async function () {
    const server = ensureServer();
    if (!server) {
      console.log('    skipped: dist/server.js is missing and could not be built (run npm run build)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-lsp-'));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    client = new PlainClient(spawn(process.execPath, [server!, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const result = await client.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'lsp' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    assert.ok(result.capabilities.completionProvider, 'completion is offered');
    await client.connection.sendNotification('initialized', {});
    await client.until('the index to be ready', () => (client.status?.state === 'ready' ? client.status : undefined));
  });

  after(async () => {
    if (!client) return;
    await client.connection.sendRequest('shutdown').catch(() => undefined);
    await client.connection.sendNotification('exit').catch(() => undefined);
    client.connection.dispose();
    client.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the workspace folder and publishes the diagnostics of files that are not open, as catwalk validate does', async () => {
    assert.strictEqual(client.status?.entities, 8);
    const file = path.join(dir, 'problems.catalog-info.yaml');
    const published = await client.until('diagnostics of problems.catalog-info.yaml', () => client.published(uri('problems.catalog-info.yaml')).at(-1));
    const cli = await validateCatalog([dir], nodeFileSystemHost, inThreadValidator(nodeFileSystemHost, nodeValidateOptions([])));
    const expected = cli.diagnostics.filter(d => d.file === file);
    assert.deepStrictEqual(comparable(published), comparable(expected));
    assert.deepStrictEqual(published.map(d => d.code).sort(), ['dangling-ref', 'dangling-ref', 'invalid-tag']);
  });

  it('publishes what validateText gives for an opened document, then for each edit', async () => {
    const file = path.join(dir, 'catalog-info.yaml');
    const text = fs.readFileSync(file, 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('catalog-info.yaml'), languageId: 'backstage-catalog', version: 1, text } });
    const opened = await client.until('diagnostics of the opened file', () => client.published(uri('catalog-info.yaml')).at(-1));
    assert.deepStrictEqual(comparable(opened), comparable(validateText(text, file).diagnostics));
    const edited = text.replace('  title: Orders service\n', '  title: Orders service\n  tags: [Orders]\n');
    const before = client.published(uri('catalog-info.yaml')).length;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('catalog-info.yaml'), version: 2 },
      contentChanges: [{ text: edited }],
    });
    const after = await client.until('diagnostics after the edit', () => client.published(uri('catalog-info.yaml'))[before]);
    const expected = validateText(edited, file, nodeValidateOptions([])).diagnostics;
    assert.ok(expected.some(d => d.code === 'invalid-tag'));
    assert.deepStrictEqual(comparable(after), comparable(expected));
  });

  it('completes a ref field from the index, written the way the field expects', async () => {
    const { text, position } = marked('apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: lsp-new\nspec:\n  owner: lsp-|\n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('new.catalog-info.yaml'), languageId: 'backstage-catalog', version: 1, text } });
    const list = await client.connection.sendRequest<{ items: { label: string; detail?: string }[] }>('textDocument/completion', { textDocument: { uri: uri('new.catalog-info.yaml') }, position });
    const labels = list.items.map(i => i.label);
    assert.deepStrictEqual(labels.slice(0, 2), ['lsp-ops', 'lsp-team'], 'groups first, without a kind prefix');
    assert.ok(labels.includes('user:lsp-ada'), 'users with their kind');
    assert.strictEqual(list.items.find(i => i.label === 'lsp-team')?.detail, 'Group · LSP Team');
  });

  it('hovers a ref with the target card and goes to its definition', async () => {
    const text = fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8').replace('  title: Orders service\n', '  title: Orders service\n  tags: [Orders]\n');
    const line = text.split('\n').findIndex(l => l.includes('- lsp-orders-api'));
    const hover = await client.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri('catalog-info.yaml') }, position: { line, character: 8 } });
    assert.match(hover.contents.value, /\*\*Orders API\*\* · API `api:default\/lsp-orders-api`/);
    assert.match(hover.contents.value, /Places and lists orders\./);
    assert.match(hover.contents.value, /owner `lsp-team`/);
    const systemLine = text.split('\n').findIndex(l => l.includes('system: lsp-shop'));
    const locations = await client.connection.sendRequest<{ uri: string; range: Diagnostic['range'] }[]>('textDocument/definition', { textDocument: { uri: uri('catalog-info.yaml') }, position: { line: systemLine, character: 12 } });
    assert.strictEqual(locations.length, 1);
    assert.strictEqual(locations[0].uri, uri('shop.yaml'));
    assert.deepStrictEqual(locations[0].range, { start: { line: 4, character: 8 }, end: { line: 4, character: 16 } });
  });

  it('keeps the index current from watched-file events', async () => {
    const file = path.join(dir, 'late.catalog-info.yaml');
    fs.writeFileSync(file, 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: lsp-tem\nspec:\n  type: team\n  children: []\n');
    const before = client.published(uri('problems.catalog-info.yaml')).length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 1 }] });
    const now = await client.until('problems.catalog-info.yaml to be published again', () => client.published(uri('problems.catalog-info.yaml'))[before]);
    assert.deepStrictEqual(now.map(d => d.code).sort(), ['dangling-ref', 'invalid-tag'], 'the owner now resolves');
  });
});
