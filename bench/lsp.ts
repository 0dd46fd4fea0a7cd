/**
 * Language-server latency: `node dist/server.js --stdio` driven over LSP as an editor drives it,
 * beside yaml-language-server's language service with the same schemas (in process, no transport).
 *
 *   npx tsx bench/lsp.ts bench/.data/10000
 *
 * - completion of a ref field (`owner:`, `dependsOn:`) in a workspace of 10k entities: request to
 *   response, p50/p95, one edit and one request per keystroke, keystrokes 100 ms apart;
 * - diagnostics of an open 1,000-entity file: didChange sent to publishDiagnostics received, p50/p95,
 *   for an edit that keeps it valid and one that adds an error;
 * - yaml-language-server: completion at the same position and validation of the same 1,000-entity
 *   text (its schema checks only: it knows nothing of the other files).
 * Prints one JSON document; bars are reported, never asserted.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS_NOTIFICATION, StatusParams } from '../src/server/protocol';
import { YamlService } from '../src/server/yamlService';
import { fileText, generateCatalog } from './generate';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const COMPLETION_RUNS = 200;
// Keystrokes come this far apart (a fast typist), so each edit's validation runs between them as in an editor.
const KEYSTROKE_MS = 100;
const EDIT_RUNS = 50;
const WARMUP = 5;
// yaml-language-server takes seconds per validation of 1,000 entities: fewer runs.
const YAML_LS_VALIDATION_RUNS = 5;

/** The bars the figures are held against (reported, never asserted). */
export const LSP_BARS = { completionP95Ms: 30, diagnosticsMs: 300 };

interface Latency {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { runs: samples.length, p50Ms: round2(at(0.5)), p95Ms: round2(at(0.95)), maxMs: round2(sorted[sorted.length - 1]) };
}

/** A server process and the client end of its stdio, with publishDiagnostics waiters. */
class ServerUnderTest {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  private readonly published = new Map<string, ((diagnostics: unknown[]) => void)[]>();
  private readyResolve: ((s: StatusParams) => void) | undefined;
  readonly ready = new Promise<StatusParams>(resolve => (this.readyResolve = resolve));

  constructor() {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      const waiters = this.published.get(p.uri) ?? [];
      this.published.delete(p.uri);
      waiters.forEach(w => w(p.diagnostics));
    });
    this.connection.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      if (p.state === 'ready') this.readyResolve?.(p);
    });
    this.connection.listen();
  }

  async start(folder: string): Promise<StatusParams> {
    const uri = pathToFileURL(folder).href;
    await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'bench' }], capabilities: {} });
    await this.connection.sendNotification('initialized', {});
    return this.ready;
  }

  /** Resolves with the next diagnostics published for `uri`. */
  nextDiagnostics(uri: string): Promise<unknown[]> {
    return new Promise(resolve => this.published.set(uri, [...(this.published.get(uri) ?? []), resolve]));
  }

  async open(uri: string, text: string): Promise<void> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'backstage-catalog', version: 1, text } });
    await published;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    this.connection.dispose();
    this.child.kill();
  }
}

const componentWith = (spec: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bench-new\nspec:\n  type: service\n  lifecycle: production\n${spec}`;

/** Completion latency of a ref field, typed prefixes cycling through a few lengths. */
async function measureCompletion(server: ServerUnderTest, folder: string, field: 'owner' | 'dependsOn'): Promise<Latency & { items: number }> {
  const uri = pathToFileURL(path.join(folder, `bench-${field}.catalog-info.yaml`)).href;
  const prefixes = field === 'owner' ? ['', 't', 'te', 'team-', 'team-f', 'user:', 'team-ferret-1'] : ['', 'c', 'component:', 'component:r', 'resource:', 'resource:o'];
  const line = field === 'owner' ? '  owner: ' : '  dependsOn:\n    - ';
  await server.open(uri, componentWith(`${line}\n`));
  const samples: number[] = [];
  let items = 0;
  // Warm up over every prefix twice: the first round compiles the code paths and fills the suggestion caches.
  const warmup = prefixes.length * 2;
  for (let i = 0; i < COMPLETION_RUNS + warmup; i++) {
    const prefix = prefixes[i % prefixes.length];
    const text = componentWith(`${line}${prefix}\n`);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text }] });
    const lines = text.split('\n');
    const position = { line: lines.length - 2, character: lines[lines.length - 2].length };
    const started = performance.now();
    const list = await server.connection.sendRequest<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position });
    if (i >= warmup) samples.push(performance.now() - started);
    if (prefix === '') items = list.items.length;
    await new Promise(resolve => setTimeout(resolve, KEYSTROKE_MS));
  }
  return { ...latency(samples), items };
}

/** The 1,000-entity file and two edits of it: one that keeps it valid, one that adds an error. */
function bigFile(): { text: string; valid: (i: number) => string; invalid: (i: number) => string } {
  const text = fileText(generateCatalog({ count: 1000, perFile: 1000, seed: 4242 }).files[0]);
  const anchor = text.indexOf('  description: ', Math.floor(text.length / 2));
  const lineEnd = text.indexOf('\n', anchor);
  const edit = (replacement: string) => text.slice(0, anchor) + replacement + text.slice(lineEnd);
  return {
    text,
    valid: i => edit(`  description: Edited ${i} times.`),
    invalid: i => edit(`  description: Edited ${i} times.\n  tags: [Not-Lower-Case]`),
  };
}

/** The one incremental change that turns `before` into `after`, as an editor sends it. */
function incrementalChange(before: string, after: string): { range: { start: Position; end: Position }; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const position = (offset: number): Position => {
    const lines = before.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines[lines.length - 1].length };
  };
  return { range: { start: position(start), end: position(before.length - end) }, text: after.slice(start, after.length - end) };
}

interface Position {
  line: number;
  character: number;
}

/** didChange (incremental, as VS Code sends it) to publishDiagnostics for the big file, alternating valid and invalid edits. */
async function measureDiagnostics(server: ServerUnderTest, folder: string, big: ReturnType<typeof bigFile>) {
  const uri = pathToFileURL(path.join(folder, 'big.catalog-info.yaml')).href;
  await server.open(uri, big.text);
  const valid: number[] = [];
  const invalid: number[] = [];
  let version = 1;
  let current = big.text;
  for (let i = 0; i < EDIT_RUNS + WARMUP; i++) {
    for (const [make, samples] of [[big.valid, valid], [big.invalid, invalid]] as const) {
      const next = make(i);
      const change = incrementalChange(current, next);
      current = next;
      const published = server.nextDiagnostics(uri);
      const started = performance.now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
      await published;
      if (i >= WARMUP) samples.push(performance.now() - started);
    }
  }
  return { validEdit: latency(valid), errorEdit: latency(invalid) };
}

/** yaml-language-server's service with the same schemas: completion at the owner position, validation of the big text. */
async function measureYamlLanguageServer(big: ReturnType<typeof bigFile>) {
  const service = new YamlService({ validate: true });
  const text = componentWith('  owner: te\n');
  const doc = TextDocument.create('file:///bench/new.catalog-info.yaml', 'yaml', 1, text);
  const completion: number[] = [];
  let items = 0;
  for (let i = 0; i < COMPLETION_RUNS + WARMUP; i++) {
    const started = performance.now();
    const list = await service.complete(doc, { line: 7, character: 11 });
    if (i >= WARMUP) completion.push(performance.now() - started);
    items = list.items.length;
  }
  const validation: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < YAML_LS_VALIDATION_RUNS + 1; i++) {
    const edited = TextDocument.create('file:///bench/big.catalog-info.yaml', 'yaml', i + 2, i % 2 ? big.invalid(i) : big.valid(i));
    const started = performance.now();
    diagnostics = (await service.validate(edited)).length;
    if (i >= 1) validation.push(performance.now() - started);
  }
  return {
    note: 'in-process language service (no transport): schema only, so no entity refs in completion and no cross-file checks',
    completionOwner: { ...latency(completion), items },
    validation1000: { ...latency(validation), diagnosticsOfLastRun: diagnostics },
  };
}

/** Runs every measurement; `folder10k` is a generated 10,000-entity catalog. */
export async function measureLsp(folder10k: string): Promise<Record<string, unknown>> {
  if (!fs.existsSync(SERVER)) return { measured: false, reason: 'not measured: dist/server.js does not exist (npm run build)' };
  // Wall-clock latencies on a shared machine: the load says how much of a core they got.
  const loadAverageBefore = os.loadavg()[0];
  const completionServer = new ServerUnderTest();
  const loaded = await completionServer.start(folder10k);
  const owner = await measureCompletion(completionServer, folder10k, 'owner');
  const dependsOn = await measureCompletion(completionServer, folder10k, 'dependsOn');
  await completionServer.stop();
  const big = bigFile();
  const bigFolder = fs.mkdtempSync(path.join(path.dirname(folder10k), 'lsp-1000-'));
  const diagnosticsServer = new ServerUnderTest();
  try {
    await diagnosticsServer.start(bigFolder);
    const diagnostics = await measureDiagnostics(diagnosticsServer, bigFolder, big);
    const yamlLs = await measureYamlLanguageServer(big);
    const worstDiagnostics = Math.max(diagnostics.validEdit.p95Ms, diagnostics.errorEdit.p95Ms);
    return {
      measured: true,
      machine: { cpus: os.cpus().length, loadAverage1mBefore: round2(loadAverageBefore), loadAverage1mAfter: round2(os.loadavg()[0]) },
      catwalk: { indexLoad: loaded, completionOwner: owner, completionDependsOn: dependsOn, diagnostics1000: diagnostics },
      yamlLanguageServer: yamlLs,
      bars: {
        completionP95Ms: { value: Math.max(owner.p95Ms, dependsOn.p95Ms), limit: LSP_BARS.completionP95Ms, pass: Math.max(owner.p95Ms, dependsOn.p95Ms) <= LSP_BARS.completionP95Ms },
        diagnosticsP95Ms: { value: worstDiagnostics, limit: LSP_BARS.diagnosticsMs, pass: worstDiagnostics <= LSP_BARS.diagnosticsMs },
      },
    };
  } finally {
    await diagnosticsServer.stop();
    fs.rmSync(bigFolder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    process.stderr.write('usage: npx tsx bench/lsp.ts <folder of a generated 10k catalog>\n');
    process.exitCode = 2;
  } else {
    measureLsp(path.resolve(folder)).then(
      result => process.stdout.write(JSON.stringify(result) + '\n'),
      error => {
        process.stderr.write(`bench/lsp failed: ${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 2;
      },
    );
  }
}
