// `catwalk docs build|serve`: argument parsing and output over the core renderer. DIR is the
// folder holding mkdocs.yml, or a catalog file whose backstage.io/techdocs-ref names it.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import * as YAML from 'yaml';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { DocsProblem, IframePolicy, resolveTechDocsRef, TECHDOCS_REF_ANNOTATION } from '../core/techdocs';
import { buildSite } from './docsBuild';
import { startDocsServer } from './docsServe';
import { DocsSite } from './docsSite';
import { CommandResult, UsageError } from './validateCommand';

/** `catwalk docs --help`. */
export const DOCS_USAGE = `Usage: catwalk docs build [DIR] [options]
       catwalk docs serve [DIR] [options]

Renders a TechDocs site (mkdocs.yml + docs/) the way Backstage builds it, without Python,
MkDocs or Docker. DIR is the folder holding mkdocs.yml (default: .) or a catalog file whose
backstage.io/techdocs-ref annotation points at it.

build writes a static site: docs/a/b.md becomes SITE/a/b/index.html, plus the assets,
search/search_index.json and techdocs_metadata.json for Backstage's publisher.
serve shows the site on http://127.0.0.1:PORT and reloads the browser when a file changes.

Options:
  -o, --output SITE       where build writes the site (default: DIR/site)
  --force                 write into a non-empty folder that is not a previous site
  --strict                treat warnings as errors (exit 1), like mkdocs --strict
  --site-name NAME        site name when there is no mkdocs.yml (default: Documentation Site)
  --etag ETAG             etag for techdocs_metadata.json (default: a hash of the sources)
  --iframes none|all|HOST[,HOST...]
                          which iframes survive sanitizing (default: none, as Backstage)
  -p, --port N            serve: port on 127.0.0.1 (default: 8000; 0 picks a free one)
  --format text|json      build: output format (default: text)
  -h, --help              show this help

Exit status: 0 built (warnings allowed), 1 errors in the docs, 2 bad usage or unreadable input.
`;

interface DocsArgs {
  action: 'build' | 'serve';
  siteDir: string;
  output: string;
  force: boolean;
  strict: boolean;
  siteName?: string;
  etag?: string;
  iframes: IframePolicy;
  port: number;
  format: 'text' | 'json';
}

/** Runs `catwalk docs ...`; serve keeps running until the process is interrupted. */
export async function runDocs(argv: string[], write: (text: string) => void = t => void process.stdout.write(t)): Promise<CommandResult> {
  const args = parseDocsArgs(argv);
  if (args === 'help') return { code: 0, stdout: DOCS_USAGE, stderr: '' };
  if (args.action === 'serve') return serve(args, write);
  return build(args);
}

function parseDocsArgs(argv: string[]): DocsArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false },
      'site-name': { type: 'string' }, etag: { type: 'string' }, iframes: { type: 'string', default: 'none' },
      port: { type: 'string', short: 'p', default: '8000' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const [action, dir, ...extra] = positionals;
  if (action !== 'build' && action !== 'serve') throw new UsageError(action ? `unknown docs action "${action}"; use build or serve` : `docs needs an action: build or serve\n\n${DOCS_USAGE}`);
  if (extra.length > 0) throw new UsageError(`docs ${action} takes one DIR, not ${positionals.length - 1}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const siteDir = resolveSiteDir(dir ?? '.');
  return {
    action, siteDir, output: path.resolve(values.output ?? path.join(siteDir, 'site')), force: values.force as boolean, strict: values.strict as boolean,
    siteName: values['site-name'], etag: values.etag, iframes: parseIframes(values.iframes as string), port, format,
  };
}

function parseIframes(value: string): IframePolicy {
  if (value === 'none' || value === 'all') return value;
  const hosts = value.split(',').map(h => h.trim()).filter(Boolean);
  if (hosts.length === 0) throw new UsageError('--iframes takes none, all or a comma-separated list of hosts');
  return hosts;
}

/** The site folder: DIR itself, or the techdocs-ref target of a catalog file. */
function resolveSiteDir(dir: string): string {
  const target = path.resolve(dir);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${dir} does not exist`);
  if (stat.isDirectory()) return target;
  const ref = techdocsRefIn(target);
  if (!ref) throw new UsageError(`${dir} is a file without a ${TECHDOCS_REF_ANNOTATION} annotation; give the folder that holds mkdocs.yml`);
  const resolved = resolveTechDocsRef(ref, target);
  if (resolved.type !== 'dir') throw new UsageError(resolved.message);
  return resolved.siteDir;
}

function techdocsRefIn(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  for (const doc of YAML.parseAllDocuments(text)) {
    const value = (doc.toJS?.() as { metadata?: { annotations?: Record<string, unknown> } } | undefined)?.metadata?.annotations?.[TECHDOCS_REF_ANNOTATION];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function build(args: DocsArgs): CommandResult {
  const docs = new DocsSite(nodeFileSystemHost, args.siteDir, { iframes: args.iframes, siteName: args.siteName });
  const result = buildSite(docs, args.output, { force: args.force, etag: args.etag });
  const errors = result.problems.filter(p => p.severity === 'error').length;
  const warnings = result.problems.filter(p => p.severity === 'warning').length;
  const failed = errors > 0 || (args.strict && warnings > 0) || !result.written;
  const code = failed ? 1 : 0;
  if (args.format === 'json') {
    const problems = result.problems.map(p => ({ ...p, file: p.file ? relative(p.file) : undefined, line: p.line !== undefined ? p.line + 1 : undefined }));
    return { code, stdout: `${JSON.stringify({ output: result.outputDir, pages: result.pages, files: result.files.length, errors, warnings, problems }, null, 2)}\n`, stderr: '' };
  }
  const lines = result.problems.map(formatProblem);
  const summary = result.written
    ? `Built ${result.pages} page${result.pages === 1 ? '' : 's'} (${result.files.length} files) into ${relative(result.outputDir)}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
    : `Nothing built: ${errors} error${errors === 1 ? '' : 's'}`;
  return { code, stdout: [...lines, lines.length ? '' : undefined, summary, ''].filter(l => l !== undefined).join('\n'), stderr: '' };
}

function relative(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** `file:line:1  severity  code  message`, one-based like catwalk validate. */
export function formatProblem(p: DocsProblem): string {
  const where = p.file ? `${relative(p.file)}${p.line !== undefined ? `:${p.line + 1}:1` : ''}` : '(site)';
  return `${where}  ${p.severity.padEnd(7)}  ${p.code}  ${p.message}`;
}

async function serve(args: DocsArgs, write: (text: string) => void): Promise<CommandResult> {
  let server;
  try {
    server = await startDocsServer({ host: nodeFileSystemHost, siteDir: args.siteDir, port: args.port, iframes: args.iframes, siteName: args.siteName, onReload: () => write(`reloaded ${new Date().toLocaleTimeString()}\n`) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(code === 'EADDRINUSE' ? `port ${args.port} is in use; pick another with --port` : `cannot serve: ${(e as Error).message}`);
  }
  write(`Serving ${relative(args.siteDir)} at ${server.url} (live reload on; Ctrl+C to stop)\n`);
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return { code: 0, stdout: '', stderr: '' };
}
