/**
 * The scale bench inside a real VS Code (code-server from npm, Debian Chromium; see test/integration/README.md):
 * generates a 10,000-entity workspace into bench/.data/vscode-10000, opens it with Catwalk under development and
 * runs bench/vscode/index.ts in the extension host. Prints one JSON document; `npm run bench` adds it as `vscode`.
 *
 *   npx tsx bench/vscode/run.ts [--entities 10000] [--skip-setup] [--skip-build] [--verbose] [--renderer-profile FILE]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isGenerated, writeCatalog } from '../generate';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'bench', 'vscode', 'index.js');

/**
 * Runs in the workbench page: each time the Catalog view's top-level rows change, reports them (label|description)
 * with the wall-clock time of the frame that draws them. Only a cheap look for the view while the workbench builds
 * its DOM; then only the view's own subtree is watched.
 */
const PAGE_PROBE = `(() => {
  const report = (rows) => { if (typeof window.catwalkBenchRows === 'function') window.catwalkBenchRows(Date.now(), rows); };
  const trees = document.getElementsByClassName('customview-tree');
  let last = '';
  let frame = 0;
  const snapshot = (tree) => {
    frame = 0;
    const rows = Array.from(tree.querySelectorAll('.monaco-list-row[aria-level="1"]'), (row) =>
      (row.querySelector('.label-name')?.textContent ?? '') + '|' + (row.querySelector('.label-description')?.textContent ?? ''));
    const key = rows.join('\\n');
    if (key !== last) { last = key; report(rows); }
  };
  const watch = (tree) => {
    new MutationObserver(() => { frame ||= requestAnimationFrame(() => snapshot(tree)); })
      .observe(tree, { childList: true, subtree: true, characterData: true });
  };
  const finder = new MutationObserver(() => {
    for (const tree of trees) {
      const pane = tree.closest('.pane');
      if (!pane || !/catwalk\\.catalog/.test(pane.querySelector('.pane-body')?.id ?? '') && !/Catalog/.test(pane.querySelector('.pane-header')?.getAttribute('aria-label') ?? '')) continue;
      finder.disconnect();
      watch(tree);
      return;
    }
  });
  finder.observe(document, { childList: true, subtree: true });
})();`;

/** The rows the page drew, and when (wall clock). */
interface DrawnRows {
  at: number;
  rows: string[];
}

/**
 * When the page drew the first level complete after the index was ready, in ms after ready (0 when it was drawn
 * complete already), or undefined when it never was.
 */
export function drawnAfterReady(drawn: readonly DrawnRows[], readyAt: number, rows: readonly string[]): number | undefined {
  const same = (d: DrawnRows) => d.rows.length === rows.length && d.rows.every((r, i) => r === rows[i]);
  const before = drawn.filter((d) => d.at <= readyAt);
  if (before.length > 0 && same(before[before.length - 1])) return 0;
  const after = drawn.find((d) => d.at > readyAt && same(d));
  return after && after.at - readyAt;
}

/** The bars of issue 3's "Scale" (reported, never asserted). */
export const VSCODE_BARS = { activationMs: 150, firstTreeLevelMs: 150, editVisibleMs: 200 };

export interface VscodeBenchOptions {
  entities?: number;
  /** Skips scripts/setup-vscode-host.sh (the host must be installed already). */
  skipSetup?: boolean;
  /** Skips `node esbuild.js` (dist/ must hold the extension and the bench entry). */
  skipBuild?: boolean;
  verbose?: boolean;
  timeoutSec?: number;
  /** Also writes a CPU profile of the workbench page to this file (see runExtensionTests). */
  rendererProfile?: string;
}

const say = (line: string): void => {
  process.stderr.write(`[bench vscode] ${line}\n`);
};

function run(command: string, args: string[], verbose: boolean): { ok: boolean; output: string } {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (verbose) process.stderr.write(output);
  return { ok: r.status === 0, output: r.error ? r.error.message : output };
}

/** Makes sure bench/.data/vscode-<n> holds the generated catalog. */
export function ensureWorkspace(entities: number): string {
  const dir = path.join(ROOT, 'bench', '.data', `vscode-${entities}`);
  if (!isGenerated(dir, entities)) {
    say(`generating ${entities} entities into ${path.relative(ROOT, dir)}`);
    writeCatalog({ count: entities, outDir: dir });
  }
  return dir;
}

/** Which build of dist/extension.js ran: `npm run build` keeps a source map, `npm run package` minifies. */
function bundleKind(): 'development' | 'production' {
  const text = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
  return /\/\/# sourceMappingURL=\S+\s*$/.test(text) ? 'development' : 'production';
}

function numberAt(value: unknown, ...keys: string[]): number | undefined {
  let cursor = value;
  for (const key of keys) cursor = (cursor as Record<string, unknown> | undefined)?.[key];
  return typeof cursor === 'number' ? cursor : undefined;
}

function bar(value: number | undefined, limit: number): { value: number | null; limit: number; pass: boolean | null } {
  return { value: value ?? null, limit, pass: value === undefined ? null : value <= limit };
}

/** Runs the bench; never throws: a run that cannot happen is `{ measured: false, reason }`. */
export async function runVscodeBench(options: VscodeBenchOptions = {}): Promise<Record<string, unknown>> {
  const entities = options.entities ?? 10000;
  const verbose = !!options.verbose;
  if (process.platform !== 'linux') return { measured: false, reason: 'skipped: the VS Code host (code-server in .catwalk-host/) is set up on Linux only' };
  if (!options.skipSetup) {
    say('setup: scripts/setup-vscode-host.sh');
    const setup = run('bash', [path.join(ROOT, 'scripts', 'setup-vscode-host.sh')], verbose);
    if (!setup.ok) return { measured: false, reason: `skipped: the VS Code host could not be set up: ${setup.output.trim().split('\n').slice(-3).join(' | ')}` };
  }
  // Loaded only now: the harness needs playwright-core, which a machine without the host may lack.
  const harness = await import('../../test/integration/harness');
  try {
    harness.assertHostInstalled();
  } catch (e) {
    return { measured: false, reason: `skipped: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!options.skipBuild) {
    const build = run(process.execPath, [path.join(ROOT, 'esbuild.js')], verbose);
    if (!build.ok) return { measured: false, reason: `not measured: the build failed: ${build.output.slice(-500)}` };
  }
  if (!fs.existsSync(ENTRY)) return { measured: false, reason: `not measured: ${path.relative(ROOT, ENTRY)} is missing (node esbuild.js)` };

  const workspace = ensureWorkspace(entities);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-bench-vscode-'));
  const out = path.join(tmp, 'result.json');
  const lines: string[] = [];
  const drawn: DrawnRows[] = [];
  say(`running in VS Code on ${entities} entities`);
  const started = Date.now();
  try {
    const code = await harness.runExtensionTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: ENTRY,
      // Copied into the run's temp folder: the edits never touch bench/.data.
      workspace,
      timeoutSec: options.timeoutSec ?? 600,
      env: { CATWALK_BENCH_OUT: out },
      verbose,
      failureScreenshot: path.join(harness.resultsDir, 'bench-vscode-failure.png'),
      rendererProfile: options.rendererProfile,
      pageProbe: { script: PAGE_PROBE, name: 'catwalkBenchRows', onCall: (at, rows) => drawn.push({ at: Number(at), rows: rows as string[] }) },
      log: (line) => {
        lines.push(line);
        if (verbose) process.stderr.write(`${line}\n`);
      },
    });
    if (!fs.existsSync(out)) {
      const tail = lines.filter((l) => !/^\[\w+\]\s+at /.test(l) && !/^\s+at /.test(l)).slice(-15);
      return { measured: false, reason: `not measured: the extension host run ended with exit ${code} and no result:\n${tail.join('\n')}` };
    }
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    if (!result.measured) return { ...result, exitCode: code };
    // The first level as the page drew it: the view's figure plus the last message and the drawing.
    const level = result.firstTreeLevel as { readyAtEpochMs: number; rows: string[] } & Record<string, unknown>;
    const drawnMs = drawnAfterReady(drawn, level.readyAtEpochMs, level.rows);
    level.drawnMsAfterReady = drawnMs ?? null;
    level.drawnRowsNearReady = drawn.filter((d) => Math.abs(d.at - level.readyAtEpochMs) < 1000).map((d) => ({ ms: d.at - level.readyAtEpochMs, rows: d.rows }));
    return {
      ...result,
      build: bundleKind(),
      wallMs: Date.now() - started,
      bars: {
        activationMs: bar(numberAt(result, 'activation', 'ms'), VSCODE_BARS.activationMs),
        firstTreeLevelMsAfterReady: bar(drawnMs ?? numberAt(result, 'firstTreeLevel', 'viewMsAfterReady'), VSCODE_BARS.firstTreeLevelMs),
        editVisibleMedianMs: bar(numberAt(result, 'edit', 'visibleMs', 'medianMs'), VSCODE_BARS.editVisibleMs),
      },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<void> {
  const value = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const entities = Number(value('--entities') ?? '10000');
  if (!Number.isInteger(entities) || entities < 1000) throw new Error('--entities takes an integer >= 1000');
  const result = await runVscodeBench({
    entities,
    skipSetup: argv.includes('--skip-setup'),
    skipBuild: argv.includes('--skip-build'),
    verbose: argv.includes('--verbose'),
    rendererProfile: value('--renderer-profile'),
  });
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (!result.measured) process.exitCode = 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
}
