/**
 * `npm run bench`: generates the 10k and 100k catalogs if missing, then for each size runs
 * `catwalk validate --format json` and the reference Backstage pipeline side by side, each in its
 * own child process, plus the incremental re-index measurement, and the extension's figures on a
 * 10k workspace inside a real VS Code (bench/vscode: skipped with the reason when the VS Code host
 * cannot be set up). Prints one JSON document.
 *
 *   npx tsx bench/run.ts [--sizes 10000,100000] [--repeat 3] [--skip-reindex] [--skip-vscode]
 *
 * With --repeat, each side runs that many times (alternating) and the median run is reported.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { isGenerated, writeCatalog } from './generate';
import { runVscodeBench } from './vscode/run';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const PEAK_RSS = path.join(__dirname, 'peakRss.js');
const TSX = require.resolve('tsx/cjs');

/** The bars the figures are held against (reported, never asserted). */
export const BARS = { ratioAt100k: 0.75, peakRssMb: 600, reindexMs: 10 };

interface ChildRun {
  exitCode: number | null;
  wallMs: number;
  peakRssMb: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` with the peak-RSS preload; resolves with output, wall time and peak RSS. */
export function runNode(args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', PEAK_RSS, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = Math.round(performance.now() - started);
      const stderr = Buffer.concat(err).toString('utf8');
      const kb = /__PEAK_RSS_KB__=(\d+)/.exec(stderr);
      resolve({
        exitCode, wallMs, stdout: Buffer.concat(out).toString('utf8'),
        stderr: stderr.replace(/\n?__PEAK_RSS_KB__=\d+\n?/, ''),
        peakRssMb: kb ? Math.round(Number(kb[1]) / 1024) : undefined,
      });
    });
  });
}

/** Makes sure `bench/.data/<size>` holds a complete generated catalog. */
function ensureData(size: number): string {
  const dir = path.join(__dirname, '.data', String(size));
  if (!isGenerated(dir, size)) {
    process.stderr.write(`generating ${size} entities into ${path.relative(ROOT, dir)}...\n`);
    writeCatalog({ count: size, outDir: dir });
  }
  return dir;
}

/** What the CLI's JSON output says, in a few numbers (its shape belongs to the CLI). */
function summariseCliOutput(stdout: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(stdout) as unknown;
    const summary: Record<string, unknown> = { outputBytes: stdout.length };
    if (Array.isArray(parsed)) return { ...summary, diagnostics: parsed.length };
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === 'number') summary[key] = value;
      else if (Array.isArray(value)) summary[key] = value.length;
    }
    return summary;
  } catch {
    return { outputBytes: stdout.length, unparsed: stdout.slice(0, 200) };
  }
}

/** Runs `node dist/cli.js validate <dir> --format json`. */
async function runCatwalk(dir: string, size: number): Promise<Record<string, unknown>> {
  if (!fs.existsSync(CLI)) return { measured: false, reason: 'not measured: dist/cli.js does not exist (npm run build)' };
  const run = await runNode([CLI, 'validate', path.relative(ROOT, dir), '--format', 'json']);
  return {
    measured: run.exitCode === 0 || run.exitCode === 1,
    exitCode: run.exitCode,
    ms: run.wallMs,
    entitiesPerSec: Math.round((size / run.wallMs) * 1000),
    peakRssMb: run.peakRssMb,
    output: summariseCliOutput(run.stdout),
    ...(run.exitCode === 0 || run.exitCode === 1 ? {} : { reason: `exit ${run.exitCode}: ${run.stderr.slice(-500)}` }),
  };
}

/** Runs a TypeScript bench script in a child process and returns its JSON line plus wall time and peak RSS. */
async function runScript(script: string, dir: string): Promise<Record<string, unknown>> {
  const run = await runNode(['--require', TSX, path.join(__dirname, script), dir]);
  if (run.exitCode !== 0) return { measured: false, reason: `not measured: ${script} exited ${run.exitCode}: ${run.stderr.slice(-500)}` };
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  return { measured: true, ...result, wallMs: run.wallMs, peakRssMb: run.peakRssMb ?? result.peakRssMb };
}

/** Re-index timing over the 100k index, or why it was not measured. */
async function runReindex(dir: string): Promise<Record<string, unknown>> {
  const needed = ['src/core/index/catalogIndex.ts', 'src/core/validate/validateFile.ts'];
  const missing = needed.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) return { measured: false, reason: `not measured: ${missing.join(', ')} missing` };
  return runScript('reindex.ts', dir);
}

function numberAt(value: Record<string, unknown> | undefined, ...keys: string[]): number | undefined {
  let cursor: unknown = value;
  for (const key of keys) cursor = (cursor as Record<string, unknown> | undefined)?.[key];
  return typeof cursor === 'number' ? cursor : undefined;
}

/** One bar: the figure, its limit and whether it passes (null when not measured). */
function bar(value: number | undefined, limit: number): { value: number | null; limit: number; pass: boolean | null } {
  return { value: value ?? null, limit, pass: value === undefined ? null : value <= limit };
}

interface SizeResult {
  entities: number;
  catwalk: Record<string, unknown>;
  reference: Record<string, unknown>;
  /** catwalk wall time (process start to exit) / reference pipeline time (without its process start). */
  ratio: number | null;
  /** catwalk wall time / reference wall time, both children started the same way. */
  ratioWall: number | null;
}

/** Of several runs, the one with the median time (runs that were not measured sort last). */
function medianRun(runs: Record<string, unknown>[], key: string): Record<string, unknown> {
  const time = (r: Record<string, unknown>): number => (r.measured ? numberAt(r, key) ?? Infinity : Infinity);
  const sorted = [...runs].sort((a, b) => time(a) - time(b));
  const chosen = sorted[Math.floor((sorted.length - 1) / 2)];
  return runs.length > 1 ? { ...chosen, runs: runs.map((r) => numberAt(r, key) ?? null) } : chosen;
}

async function measureSize(size: number, repeat: number): Promise<SizeResult> {
  const dir = ensureData(size);
  const catwalkRuns: Record<string, unknown>[] = [];
  const referenceRuns: Record<string, unknown>[] = [];
  for (let i = 0; i < repeat; i++) {
    catwalkRuns.push(await runCatwalk(dir, size));
    referenceRuns.push(await runScript('reference.ts', dir));
  }
  const catwalk = medianRun(catwalkRuns, 'ms');
  const reference = medianRun(referenceRuns, 'ms');
  const cw = catwalk.measured ? numberAt(catwalk, 'ms') : undefined;
  const ratio = (denominator: number | undefined): number | null =>
    cw !== undefined && denominator ? Math.round((cw / denominator) * 1000) / 1000 : null;
  return { entities: size, catwalk, reference, ratio: ratio(numberAt(reference, 'ms')), ratioWall: ratio(numberAt(reference, 'wallMs')) };
}

function parseArgs(argv: string[]): { sizes: number[]; repeat: number; reindex: boolean; vscode: boolean } {
  const value = (flag: string): string | undefined => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const sizes = (value('--sizes') ?? '10000,100000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes takes integers >= 10, e.g. 10000,100000');
  const repeat = Number(value('--repeat') ?? '1');
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes an integer >= 1');
  return { sizes, repeat, reindex: !argv.includes('--skip-reindex'), vscode: !argv.includes('--skip-vscode') };
}

async function main(argv: string[]): Promise<void> {
  const { sizes, repeat, reindex: withReindex, vscode: withVscode } = parseArgs(argv);
  const results: Record<string, SizeResult> = {};
  for (const size of sizes) {
    process.stderr.write(`measuring ${size}...\n`);
    results[size] = await measureSize(size, repeat);
  }
  const biggest = Math.max(...sizes);
  const reindex = withReindex ? await runReindex(ensureData(biggest)) : { measured: false, reason: 'not measured: --skip-reindex' };
  if (withVscode) process.stderr.write('measuring inside VS Code...\n');
  const vscode = withVscode ? await runVscodeBench() : { measured: false, reason: 'not measured: --skip-vscode' };
  const vscodeBars = (vscode.bars ?? {}) as Record<string, unknown>;
  process.stderr.write('measuring TechDocs...\n');
  const techdocs = await runScript('techdocs.ts', path.join(__dirname, '.data', 'techdocs'));
  process.stderr.write('measuring the language server...\n');
  const lsp = await runScript('lsp.ts', ensureData(10000));
  const top = results[biggest];
  const document = {
    node: process.version,
    cpus: os.cpus().length,
    sizes: results,
    reindex: { entities: biggest, ...reindex },
    vscode,
    techdocs,
    lsp,
    bars: {
      [`ratio@${biggest}`]: bar(top.ratio ?? undefined, BARS.ratioAt100k),
      [`peakRssMb@${biggest}`]: bar(numberAt(top.catwalk, 'peakRssMb'), BARS.peakRssMb),
      [`reindexP95Ms@${biggest}`]: bar(numberAt(reindex, 'editDescription', 'p95Ms'), BARS.reindexMs),
      ...Object.fromEntries(Object.entries(vscodeBars).map(([name, value]) => [`vscode.${name}@${numberAt(vscode, 'entities') ?? 10000}`, value])),
      ...Object.fromEntries(Object.entries((techdocs.bars ?? {}) as Record<string, unknown>).map(([name, value]) => [`techdocs.${name}`, value])),
      ...Object.fromEntries(Object.entries((lsp.bars ?? {}) as Record<string, unknown>).map(([name, value]) => [`lsp.${name}`, value])),
    },
  };
  process.stdout.write(JSON.stringify(document, null, 2) + '\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  });
}
