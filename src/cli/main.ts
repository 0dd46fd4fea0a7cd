import * as fs from 'fs';
import * as path from 'path';
import { isMainThread } from 'worker_threads';
import { runValidate, UsageError, CommandResult } from './validateCommand';
import { startValidateWorker } from './worker';

const USAGE = `Usage: catwalk <command> [options]

Commands:
  validate [PATH...]   validate Backstage catalog files (catwalk validate --help)
  docs build|serve     build or serve a TechDocs site (catwalk docs --help)

Options:
  -h, --help           show this help
  -v, --version        show the version
`;

declare const CATWALK_VERSION: string | undefined;

/** Runs the CLI with arguments; never throws. */
export async function runCli(argv: string[], workerScript?: string): Promise<CommandResult> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help') return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
    if (command === '-v' || command === '--version') return { code: 0, stdout: `${typeof CATWALK_VERSION === 'string' ? CATWALK_VERSION : 'dev'}\n`, stderr: '' };
    if (command === 'validate') return await runValidate(rest, workerScript);
    if (command === 'docs') return await loadDocsCommand().runDocs(rest);
    return { code: 2, stdout: '', stderr: `catwalk: unknown command "${command}"\n\n${USAGE}` };
  } catch (e) {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const message = e instanceof Error ? e.message : String(e);
    return { code: usage ? 2 : 1, stdout: '', stderr: `catwalk: ${message}\n` };
  }
}

/**
 * The docs command with its Markdown toolchain, loaded on demand: from its own
 * bundle beside this one when built (so validating never parses it), else from source.
 */
function loadDocsCommand(): typeof import('./docsCommand') {
  const beside = path.join(__dirname, 'cli-docs.js');
  // A computed name keeps the bundler from pulling the source into this bundle.
  const target = fs.existsSync(beside) ? beside : ['.', 'docsCommand'].join('/');
  return require(target);
}

/** The worker script beside this bundle when it was built, else this file itself. */
function workerScript(): string {
  const beside = path.join(__dirname, 'cli-worker.js');
  return fs.existsSync(beside) ? beside : __filename;
}

if (!isMainThread) {
  startValidateWorker();
} else if (require.main === module) {
  void runCli(process.argv.slice(2), workerScript()).then(result => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  });
}
