import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { CustomKind, loadCustomKinds } from '../core/validate/customKinds';
import { ThreadFileValidator, validateCatalog } from '../core/validate/validateCatalog';
import { ValidateOptions } from '../core/validate/types';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { formatGithub, formatJson, formatText, toReportDiagnostic, ValidateReport } from './formatters';
import { WorkerPool } from './workerPool';
import { ValidateWorkerData, ValidateWorkerRequest } from './workerProtocol';
import { WorkerFileValidator } from './workerValidator';

export const VALIDATE_USAGE = `Usage: catwalk validate [PATH...] [options]

Validates Backstage catalog files as the default Backstage catalog would.
PATH is a folder (searched for catalog files) or a file (always read); default: .

Options:
  --format text|json|github   output format (default: text)
  --glob PATTERN              also read files matching PATTERN under each PATH (repeatable)
  --exclude PATTERN           skip files and folders matching PATTERN (repeatable)
  --schema FILE               JSON Schema of a custom kind (repeatable)
  --jobs N                    worker threads (default: number of cores; 1 = none)
  -h, --help                  show this help

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable path.
`;

/** Output and exit status of a CLI run, so tests can run it in-process. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class UsageError extends Error {}

interface ValidateArgs {
  paths: string[];
  format: 'text' | 'json' | 'github';
  globs: string[];
  exclude: string[];
  schemas: string[];
  jobs: number;
}

function parseValidateArgs(argv: string[]): ValidateArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      glob: { type: 'string', multiple: true, default: [] },
      exclude: { type: 'string', multiple: true, default: [] },
      schema: { type: 'string', multiple: true, default: [] },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as string;
  if (format !== 'text' && format !== 'json' && format !== 'github') throw new UsageError(`--format must be text, json or github, not "${format}"`);
  const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, not "${values.jobs}"`);
  return { paths: positionals.length > 0 ? positionals : ['.'], format, globs: values.glob as string[], exclude: values.exclude as string[], schemas: values.schema as string[], jobs };
}

/** Loads `--schema` files; unreadable or invalid ones are usage errors. */
export function loadSchemaFiles(files: string[]): CustomKind[] {
  const read = files.map(f => {
    try {
      return { path: path.resolve(f), text: fs.readFileSync(f, 'utf8') };
    } catch {
      throw new UsageError(`cannot read schema file ${f}`);
    }
  });
  const { kinds, errors } = loadCustomKinds(read);
  if (errors.length > 0) throw new UsageError(errors.map(e => `${e.path}: ${e.message}`).join('\n'));
  return kinds;
}

/** Validate options backed by the real file system. */
export function nodeValidateOptions(customKinds: CustomKind[]): ValidateOptions {
  const apiVersions = new Set(customKinds.flatMap(k => k.apiVersions));
  return {
    customKinds,
    knownApiVersion: v => apiVersions.has(v),
    fileExists: p => fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
    readText: p => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

// Below this many files, starting threads costs more than it saves.
const WORKER_THRESHOLD = 200;
const BATCH_SIZE = 64;

/** Validates in this thread, or in `jobs` worker threads running `workerScript` for large batches. */
function cliFileValidator(args: ValidateArgs, options: ValidateOptions, workerScript: string | undefined): WorkerFileValidator {
  const workerData: ValidateWorkerData = { schemas: args.schemas.map(s => path.resolve(s)) };
  const startWorkers = args.jobs >= 2 && workerScript ? () => new WorkerPool<ValidateWorkerRequest>(workerScript, args.jobs, workerData) : undefined;
  return new WorkerFileValidator(new ThreadFileValidator(nodeFileSystemHost, options), { startWorkers, threshold: WORKER_THRESHOLD, batchSize: BATCH_SIZE });
}

/** `catwalk validate`: returns output and exit status instead of exiting. */
export async function runValidate(argv: string[], workerScript?: string): Promise<CommandResult> {
  const args = parseValidateArgs(argv);
  if (args === 'help') return { code: 0, stdout: VALIDATE_USAGE, stderr: '' };
  const missing = args.paths.filter(p => !fs.existsSync(p));
  if (missing.length > 0) return { code: 2, stdout: '', stderr: missing.map(p => `catwalk: cannot read ${p}: no such file or folder\n`).join('') };
  const customKinds = loadSchemaFiles(args.schemas);
  const options = nodeValidateOptions(customKinds);
  const validator = cliFileValidator(args, options, workerScript);
  try {
    const roots = args.paths.map(p => path.resolve(p));
    const result = await validateCatalog(roots, nodeFileSystemHost, validator, { globs: args.globs, exclude: args.exclude, knownApiVersion: options.knownApiVersion });
    const display = (f: string) => path.relative(process.cwd(), f).split(path.sep).join('/') || '.';
    const diagnostics = result.diagnostics.map(d => toReportDiagnostic(d, display));
    const report: ValidateReport = {
      files: result.files.length,
      entities: result.entities,
      errors: diagnostics.filter(d => d.severity === 'error').length,
      warnings: diagnostics.filter(d => d.severity === 'warning').length,
      diagnostics,
    };
    const unreadableRoot = result.diagnostics.some(d => d.code === 'unreadable' && roots.includes(d.file));
    const stdout = args.format === 'json' ? formatJson(report) : args.format === 'github' ? formatGithub(report) : formatText(report);
    return { code: unreadableRoot ? 2 : report.errors > 0 ? 1 : 0, stdout, stderr: '' };
  } finally {
    await validator.close();
  }
}
