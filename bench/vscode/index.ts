// The scale bench INSIDE the real VS Code extension host, where the figures happen: Catwalk activated on a
// generated 10,000-entity workspace, the index built in the background, the Catalog view drawing its first level,
// a 1,000-entity group expanded, and edited files reaching the view.
// Bundled by esbuild.js to dist/bench/vscode/index.js and run as extensionTestsPath by bench/vscode/run.ts; the
// host calls run(). The JSON result goes to the file named by CATWALK_BENCH_OUT (and to the console).
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { CatwalkApi } from '../../src/extension/extension';

const EXTENSION_ID = 'catwalk.catwalk';
const VIEW_CONTAINER_COMMAND = 'workbench.view.extension.catwalk';
/** Size of the group the lazy-children figure expands: the generator makes exactly 1,000 Resources out of 10,000. */
const GROUP_SIZE = 1000;
const DIRECT_RUNS = 5;
const EDIT_RUNS = 5;

/** Tree calls seen from the view: which element, when they started and ended, what they returned. */
interface Call {
  kind: 'children' | 'item';
  element: string | undefined;
  start: number;
  end: number;
  result: unknown;
}

type Tree = CatwalkApi['tree'];

const now = (): number => performance.now();
const round = (ms: number): number => Math.round(ms * 10) / 10;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function stats(values: number[]): { runs: number[]; medianMs: number; maxMs: number } {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { runs: values.map(round), medianMs: round(sorted[Math.floor((sorted.length - 1) / 2)]), maxMs: round(sorted[sorted.length - 1]) };
}

/** Resolves with the promise's value, or rejects after `ms` naming what did not happen. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Records the calls the Catalog view makes to the tree provider. The view looks its provider's methods up on every
 * call, so wrapping them on the instance sees exactly what the workbench asks for and how long each answer takes.
 */
class ViewProbe {
  readonly calls: Call[] = [];
  private waiters: (() => void)[] = [];
  /** The provider's own methods, for calls the bench makes itself (not recorded). */
  readonly getChildren: (element?: string) => string[];
  readonly getTreeItem: (element: string) => vscode.TreeItem;

  constructor(tree: Tree) {
    const getChildren = tree.getChildren.bind(tree);
    const getTreeItem = tree.getTreeItem.bind(tree);
    this.getChildren = getChildren;
    this.getTreeItem = getTreeItem;
    tree.getChildren = (element?: string) => this.record('children', element, () => getChildren(element));
    tree.getTreeItem = (element: string) => this.record('item', element, () => getTreeItem(element));
  }

  private record<T>(kind: Call['kind'], element: string | undefined, fn: () => T): T {
    const start = now();
    const result = fn();
    this.calls.push({ kind, element, start, end: now(), result });
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    return result;
  }

  /** Resolves when a call satisfying `test` is recorded (checking the ones since index `from` first). */
  async waitFor(test: (c: Call) => boolean, from: number, ms: number, what: string): Promise<Call> {
    const deadline = now() + ms;
    for (let i = from; ; ) {
      for (; i < this.calls.length; i++) if (test(this.calls[i])) return this.calls[i];
      const left = deadline - now();
      if (left <= 0) throw new Error(`${what}: not seen within ${ms} ms; the view's last calls: ${this.describe(from)}`);
      await within(new Promise<void>((resolve) => this.waiters.push(resolve)), left, what).catch(() => undefined);
    }
  }

  /** The calls since `from`, briefly (for error messages). */
  describe(from: number): string {
    const calls = this.calls.slice(from);
    const counts = new Map<string, number>();
    for (const c of calls) {
      const key = c.kind === 'children' ? `children(${c.element ?? 'root'})` : 'item';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([k, n]) => `${k} x${n}`).join(', ') || 'none';
  }

  /** The time the view finished asking for the items of `children`, the result of a getChildren call. */
  async itemsDone(children: string[], from: number, ms: number, what: string): Promise<number> {
    let end = 0;
    const wanted = new Set(children);
    for (let i = from; wanted.size > 0; ) {
      const call = await this.waitFor((c) => c.kind === 'item' && wanted.has(c.element as string), i, ms, what);
      i = this.calls.indexOf(call) + 1;
      wanted.delete(call.element as string);
      end = Math.max(end, call.end);
    }
    return end;
  }

  /** Resolves once the view has made no call for `quietMs` (at most `ms`). */
  async settle(quietMs = 300, ms = 10000): Promise<void> {
    const deadline = now() + ms;
    while (now() < deadline) {
      const last = this.calls.length ? this.calls[this.calls.length - 1].end : 0;
      const idle = now() - last;
      if (idle >= quietMs) return;
      await sleep(quietMs - idle);
    }
  }
}

/** Longest stall of the extension host's event loop while `until` is pending. */
async function maxStallWhile(until: Promise<unknown>): Promise<number> {
  const tick = 10;
  let last = now();
  let worst = 0;
  const timer = setInterval(() => {
    const t = now();
    worst = Math.max(worst, t - last - tick);
    last = t;
  }, tick);
  try {
    await until;
  } finally {
    clearInterval(timer);
  }
  return round(Math.max(0, worst));
}

/** Calls in brief: `children(node) at`, and a run of item calls (none more than 5 ms apart) as `items×n at`. */
function describeCalls(calls: Call[], from: number): string[] {
  const out: string[] = [];
  let items = 0;
  let itemsAt = 0;
  let lastEnd = 0;
  const flush = () => {
    if (items > 0) out.push(`items×${items} ${round(itemsAt - from)}`);
    items = 0;
  };
  for (const c of calls) {
    if (c.kind === 'item') {
      if (items > 0 && c.start - lastEnd > 5) flush();
      if (items === 0) itemsAt = c.start;
      items++;
      lastEnd = c.end;
      continue;
    }
    flush();
    out.push(`children(${c.element ?? 'root'}) ${round(c.start - from)}`);
  }
  flush();
  return out;
}

function groupCount(probe: ViewProbe, id: string): number {
  return Number(probe.getTreeItem(id).description);
}

function labelOf(result: unknown): string {
  const label = (result as vscode.TreeItem | undefined)?.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** The file text with the entity's metadata.title set to `title` (the entity starts at `line`, two-space YAML). */
function withTitle(text: string, line: number, title: string): string {
  const lines = text.split('\n');
  let nameAt = -1;
  for (let i = line; i < lines.length && !(i > line && /^---\s*$/.test(lines[i])); i++) {
    if (/^ {2}title:/.test(lines[i])) {
      lines[i] = `  title: ${title}`;
      return lines.join('\n');
    }
    if (nameAt < 0 && /^ {2}name:/.test(lines[i])) nameAt = i;
  }
  if (nameAt < 0) throw new Error(`no metadata.name below line ${line + 1}`);
  lines.splice(nameAt + 1, 0, `  title: ${title}`);
  return lines.join('\n');
}

async function measure(): Promise<Record<string, unknown>> {
  const extension = vscode.extensions.getExtension<CatwalkApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const wasActive = extension.isActive;

  // Activation: loading Catwalk's code and running activate(); indexing starts after it.
  const t0 = now();
  const api = await extension.activate();
  const activated = now();
  const { catalog, tree, treeView } = api;
  if (!tree || !treeView) throw new Error('the CatwalkApi has no tree');
  // The moment the index became ready, as the catalog noted it: the tree reacts to the change before
  // the bench hears of it.
  const ready = new Promise<number>((resolve) => {
    if (catalog.state === 'ready') return resolve(catalog.stateSince);
    const sub = catalog.onDidChangeState((state) => {
      if (state !== 'ready') return;
      sub.dispose();
      resolve(catalog.stateSince);
    });
  });
  // How long the extension host stops answering while the index builds (the UI itself runs elsewhere).
  const stall = maxStallWhile(ready);

  // The Catalog view, opened while the index builds (as when the container was left open).
  const probe = new ViewProbe(tree);
  // When the tree told the view it changed (VS Code holds back a change that follows another within 200 ms).
  // (`all` for the whole tree, `items` for new items of the nodes shown.)
  const treeEvents: { at: number; what: 'all' | 'items' }[] = [];
  const treeEventsSub = tree.onDidChangeTreeData((e) => treeEvents.push({ at: now(), what: e === undefined ? 'all' : 'items' }));
  const viewOpened = Promise.resolve(vscode.commands.executeCommand(VIEW_CONTAINER_COMMAND)).then(now);
  const readyAt = await within(ready, 300000, 'index ready');
  const maxStallMs = await stall;
  // And from then until the view has drawn its first level.
  let rootsShown: () => void = () => undefined;
  const stallAfterReady = maxStallWhile(new Promise<void>((resolve) => (rootsShown = resolve)));
  const viewOpenedAt = await within(viewOpened, 30000, 'the Catalog view opening');
  const entities = catalog.index.size;
  const files = catalog.index.files().length;
  const firstAfterReady = probe.calls.findIndex((c) => c.start >= readyAt);
  const fromReady = firstAfterReady < 0 ? probe.calls.length : firstAfterReady;

  // First level after the index is ready: the view has the items of every top-level node, whether it asked for
  // the top level again or was sent the new items of the nodes it shows; and the provider called directly (cold).
  const roots = tree.currentGrouping().roots();
  const rootShownAt = await probe.itemsDone(roots, fromReady, 10000, 'root items after ready');
  const rootCall = probe.calls.slice(fromReady).find((c) => c.kind === 'children' && c.element === undefined && c.start <= rootShownAt);
  // What the view draws for them, for the page's own timing (bench/vscode/run.ts).
  const rows = roots.map((id) => {
    const item = probe.getTreeItem(id);
    return `${labelOf(item)}|${typeof item.description === 'string' ? item.description : ''}`;
  });
  rootsShown();
  treeEventsSub.dispose();
  const maxStallAfterReadyMs = await stallAfterReady;
  const eventsUntilShown = treeEvents.map((e) => `${e.what} ${round(e.at - readyAt)}`);
  await probe.settle();
  const direct: number[] = [];
  for (let i = 0; i < DIRECT_RUNS; i++) {
    // (The refresh itself may build the grouping, to send the view new items in place: counted too.)
    const t = now();
    tree.refresh();
    for (const id of probe.getChildren(undefined)) probe.getTreeItem(id);
    direct.push(now() - t);
    await probe.settle();
  }

  // A 1,000-entity group expanded in the view: its children are built when asked for, not before.
  // (Another catalog size: the group closest to that size.)
  const sizes = probe.getChildren(undefined).map((id) => ({ id, count: groupCount(probe, id) }));
  const group = sizes.sort((a, b) => Math.abs(a.count - GROUP_SIZE) - Math.abs(b.count - GROUP_SIZE))[0]?.id;
  if (!group) throw new Error('the tree has no root group');
  tree.refresh();
  await probe.settle();
  // The workbench drops a reveal that arrives while it redraws the view: asked again after a quiet moment.
  let groupCall: Call | undefined;
  let tExpand = 0;
  let expandAttempts = 0;
  while (!groupCall) {
    expandAttempts++;
    const beforeExpand = probe.calls.length;
    tExpand = now();
    await treeView.reveal(group, { expand: true, select: false, focus: false });
    const waited = probe.waitFor((c) => c.kind === 'children' && c.element === group, beforeExpand, 3000, 'group children request');
    groupCall = await (expandAttempts < 5 ? waited.catch(() => undefined) : waited);
    if (!groupCall) await probe.settle(500);
  }
  const children = groupCall.result as string[];
  const expandedAt = await probe.itemsDone(children, probe.calls.indexOf(groupCall) + 1, 10000, 'group items');
  await probe.settle();
  const directGroup: number[] = [];
  for (let i = 0; i < DIRECT_RUNS; i++) {
    tree.refresh();
    probe.getChildren(undefined);
    const t = now();
    for (const id of probe.getChildren(group)) probe.getTreeItem(id);
    directGroup.push(now() - t);
    await probe.settle();
  }

  // Edits: one file changed on disk (as a save or a git checkout does) until the view shows the new title.
  const ref = children[0];
  const parsed = catalog.index.get(ref);
  if (!parsed) throw new Error(`${ref} is not in the index`);
  const original = fs.readFileSync(parsed.file, 'utf8');
  const edits: { via: string; watcherMs: number; indexedMs: number; treeEventMs: number; visibleMs: number }[] = [];
  // VS Code's own file event for the same file: the part of the delay that is the watcher's, not Catwalk's.
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(parsed.file)), path.basename(parsed.file)));
  for (let i = 0; i < EDIT_RUNS * 2; i++) {
    const via = i % 2 === 0 ? 'workspace.fs' : 'node fs';
    const title = `Bench edit ${i + 1}`;
    const text = withTitle(original, parsed.range.start.line, title);
    const indexed = new Promise<number>((resolve) => {
      const sub = catalog.onDidChange((change) => {
        if (!change.updated.includes(ref) && !change.added.includes(ref) && !change.files.includes(parsed.file)) return;
        sub.dispose();
        resolve(now());
      });
    });
    const watched = new Promise<number>((resolve) => {
      const sub = watcher.onDidChange(() => {
        sub.dispose();
        resolve(now());
      });
    });
    const treeEvent = new Promise<number>((resolve) => {
      const sub = tree.onDidChangeTreeData(() => {
        sub.dispose();
        resolve(now());
      });
    });
    const from = probe.calls.length;
    const t = now();
    if (via === 'workspace.fs') await vscode.workspace.fs.writeFile(vscode.Uri.file(parsed.file), Buffer.from(text));
    else fs.writeFileSync(parsed.file, text);
    const shown = await probe.waitFor((c) => c.kind === 'item' && c.element === ref && labelOf(c.result) === title, from, 10000, `edit ${i + 1} in the view`);
    // Each has fired by the time the view shows the edit; NaN (null in the JSON) if one never did.
    const [watcherAt, indexedAt, treeEventAt] = await Promise.all(
      [watched, indexed, treeEvent].map((p, k) => within(p, 5000, ['file event', 'index change', 'tree change'][k]).catch(() => NaN)),
    );
    edits.push({ via, watcherMs: round(watcherAt - t), indexedMs: round(indexedAt - t), treeEventMs: round(treeEventAt - t), visibleMs: round(shown.end - t) });
    await probe.settle();
  }
  fs.writeFileSync(parsed.file, original);
  watcher.dispose();

  const visible = edits.map((e) => e.visibleMs);
  return {
    vscode: vscode.version,
    appName: vscode.env.appName,
    entities,
    files,
    activation: { ...vscodeActivationFigures(), wallMs: round(activated - t0), alreadyActive: wasActive, ...ownActivationFigures() },
    index: {
      readyAfterActivationMs: round(readyAt - activated),
      viewOpenedAfterActivationMs: round(viewOpenedAt - activated),
      maxExtensionHostStallMs: maxStallMs,
      // What answering the view cost the extension host while it indexed.
      viewCallsWhileIndexing: probe.calls.filter((c) => c.start < readyAt).length,
      viewCallsWhileIndexingMs: round(probe.calls.filter((c) => c.start < readyAt).reduce((sum, c) => sum + c.end - c.start, 0)),
    },
    firstTreeLevel: {
      roots: roots.length,
      viewMsAfterReady: round(rootShownAt - readyAt),
      // How: 'request' when the view asked for the top level again (the change notice's way to the workbench and
      // back, then the answer), 'items' when the new items of the nodes it shows were sent to it at once.
      via: rootCall ? 'request' : 'items',
      viewRequestAfterReadyMs: rootCall ? round(rootCall.start - readyAt) : null,
      viewAnswerMs: rootCall ? round(rootShownAt - rootCall.start) : null,
      // For the time the page drew them: ready in wall-clock time, and the rows (label|description) it must show.
      readyAtEpochMs: Math.round(performance.timeOrigin + readyAt),
      rows,
      // The tree's change events from activation until the first level was shown, in ms after ready.
      treeEventsUntilShownMs: eventsUntilShown,
      // The view's calls from activation until it had the first level, in ms after ready.
      viewCallsUntilShownMs: describeCalls(probe.calls.filter((c) => c.start <= rootShownAt), readyAt),
      // The view's requests for the top level in the same time.
      rootRequestsUntilShownMs: probe.calls.filter((c) => c.kind === 'children' && c.element === undefined && c.start <= rootShownAt).map((c) => round(c.start - readyAt)),
      maxExtensionHostStallMs: maxStallAfterReadyMs,
      direct: stats(direct),
    },
    lazyGroup: {
      group,
      children: children.length,
      viewExpandMs: round(expandedAt - tExpand),
      expandAttempts,
      direct: stats(directGroup),
    },
    edit: {
      file: vscode.workspace.asRelativePath(parsed.file),
      entity: ref,
      visibleMs: stats(visible),
      watcherMs: stats(edits.map((e) => e.watcherMs)),
      runs: edits,
    },
  };
}

/**
 * Catwalk's activation time as VS Code itself counts it (what Developer: Show Running Extensions shows): loading the
 * extension's code (reading, compiling and evaluating dist/extension.js) plus the activate() call, from the
 * performance marks the extension host sets around both. The wall time the bench measures around
 * `extension.activate()` also holds the host's own work that the extension cannot change (creating the extension
 * context, its storage and the round trips to the workbench for it), so it is reported apart as `wallMs`.
 */
function vscodeActivationFigures(): { ms?: number; codeLoadingMs?: number; activateCallMs?: number } {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${EXTENSION_ID}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return {};
  const codeLoadingMs = didLoad - willLoad;
  const activateCallMs = didActivate - willActivate;
  return { ms: codeLoadingMs + activateCallMs, codeLoadingMs, activateCallMs };
}

/**
 * What Catwalk's log says about its activation ("activated in N ms (code loaded in M ms)"), read from the extension
 * host's log folder: its own share of the time (its modules evaluated, activate() run), without what VS Code does
 * around it (reading and compiling the bundle, setting up the extension context). Best effort: {} when not found.
 */
function ownActivationFigures(): { activateCallMs?: number; codeLoadedMs?: number; catwalkMs?: number } {
  const base = process.env.VSCODE_CWD ?? process.cwd();
  const logs = path.join(base, 'user-data', 'logs');
  try {
    for (const session of fs.readdirSync(logs).sort().reverse()) {
      for (const host of fs.readdirSync(path.join(logs, session)).filter((d) => d.startsWith('exthost'))) {
        const file = path.join(logs, session, host, EXTENSION_ID, 'Catwalk.log');
        if (!fs.existsSync(file)) continue;
        const m = /activated in .* in (\d+) ms \(code loaded in (\d+) ms\)/.exec(fs.readFileSync(file, 'utf8'));
        if (m) return { activateCallMs: Number(m[1]), codeLoadedMs: Number(m[2]), catwalkMs: Number(m[1]) + Number(m[2]) };
      }
    }
  } catch {
    // not there: another host layout
  }
  return {};
}

/** Called by the extension host. Rejects only when nothing could be measured. */
export async function run(): Promise<void> {
  const out = process.env.CATWALK_BENCH_OUT;
  let result: Record<string, unknown>;
  try {
    result = { measured: true, ...(await measure()) };
  } catch (e) {
    result = { measured: false, reason: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  const json = JSON.stringify(result);
  console.log(`catwalk-bench-vscode ${json}`);
  if (out) fs.writeFileSync(out, json);
  if (!result.measured) throw new Error(String(result.reason));
}
