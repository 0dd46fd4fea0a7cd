/**
 * Incremental update: builds a CatalogIndex of every file in a folder, then times re-indexing one
 * changed file, `index.upsertFile(validateText(text, file))`, as an editor does on each keystroke.
 *
 *   npx tsx bench/reindex.ts bench/.data/100000
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CatalogIndex } from '../src/core/index/catalogIndex';
import { validateText } from '../src/core/validate/validateFile';
import { listYamlFiles } from './reference';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface ReindexResult {
  files: number;
  entities: number;
  /** Building the whole index file by file, in this process. */
  buildMs: number;
  /** The changed file: its path relative to the folder. */
  changedFile: string;
  /** A description edited: entities and refs unchanged. */
  editDescription: Timing;
  /** Same edit, then the file's diagnostics read back (cross-file rules included). */
  editDescriptionWithDiagnostics: Timing;
  /** An entity renamed and back: refs to it dangle, then resolve again. */
  renameEntity: Timing;
  peakRssMb: number;
}

const WARMUP = 5;
const RUNS = 101;

/** Median, 95th percentile and maximum of a list of durations. */
export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (ms: number): number => Math.round(ms * 1000) / 1000;
  return { runs: samples.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted[sorted.length - 1]) };
}

/** Builds the index from every file of `files`. */
function buildIndex(files: string[]): CatalogIndex {
  const index = new CatalogIndex();
  index.batch(() => {
    for (const file of files) index.upsertFile(validateText(fs.readFileSync(file, 'utf8'), file));
  });
  return index;
}

/** Times `step(i)` over warm-up and measured runs, alternating between two versions of the file. */
function measure(step: (i: number) => void): Timing {
  for (let i = 0; i < WARMUP; i++) step(i);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    step(i);
    samples.push(performance.now() - started);
  }
  return timing(samples);
}

/** Two texts of the file: as written, and with one edit applied (`edit` must change it). */
function variants(text: string, edit: (text: string) => string): [string, string] {
  const changed = edit(text);
  if (changed === text) throw new Error('the edit did not change the file');
  return [text, changed];
}

const editDescription = (text: string): string => text.replace(/^( {2}description: ).*$/m, '$1"Edited by the benchmark."');
const renameFirst = (text: string): string => text.replace(/^( {2}name: )(\S+)$/m, '$1$2-renamed');

/** Runs the incremental-update benchmark over a folder of catalog files. */
export function runReindex(dir: string): ReindexResult {
  const files = listYamlFiles(dir);
  const started = performance.now();
  const index = buildIndex(files);
  const buildMs = Math.round(performance.now() - started);
  const file = files[Math.floor(files.length / 2)];
  const original = fs.readFileSync(file, 'utf8');
  const upsert = ([a, b]: [string, string]) => (i: number): void => index.upsertFile(validateText(i % 2 ? a : b, file));
  const described = variants(original, editDescription);
  const result: ReindexResult = {
    files: files.length,
    entities: index.size,
    buildMs,
    changedFile: path.relative(dir, file),
    editDescription: measure(upsert(described)),
    editDescriptionWithDiagnostics: measure((i) => {
      upsert(described)(i);
      index.diagnosticsOf(file);
    }),
    renameEntity: measure(upsert(variants(original, renameFirst))),
    peakRssMb: 0,
  };
  index.upsertFile(validateText(original, file));
  result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return result;
}

function main(argv: string[]): void {
  if (argv.length !== 1) {
    process.stderr.write('usage: tsx bench/reindex.ts <folder>\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(JSON.stringify(runReindex(argv[0])) + '\n');
}

if (require.main === module) main(process.argv.slice(2));
