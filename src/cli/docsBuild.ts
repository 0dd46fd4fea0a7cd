// `catwalk docs build`: renders every page in memory first, then writes the site into the
// output folder only. A folder that holds something other than a previous site is refused
// unless --force; on a previous site only the files its techdocs_metadata.json lists are
// replaced, so nothing else in the folder is ever lost.
import * as fs from 'fs';
import * as path from 'path';
import { DocsProblem, METADATA_PATH, SEARCH_INDEX_PATH } from '../core/techdocs';
import { isInside } from '../core/techdocs/paths';
import { DocsSite, SiteFile } from './docsSite';
import { UsageError } from './validateCommand';

export interface BuildOptions {
  force?: boolean;
  etag?: string;
  /** Build time in ms since the epoch (tests pin it). */
  now?: number;
}

export interface BuildResult {
  pages: number;
  files: string[];
  outputDir: string;
  problems: DocsProblem[];
  written: boolean;
}

/** Problems that leave nothing to build. */
const FATAL = new Set(['docs-dir-outside', 'docs-dir-missing', 'mkdocs-yaml', 'mkdocs-not-a-map', 'mkdocs-unreadable']);

/** Builds the site into `outputDir`; throws UsageError when the folder may not be written. */
export function buildSite(docs: DocsSite, outputDir: string, options: BuildOptions = {}): BuildResult {
  const out = path.resolve(outputDir);
  const previous = checkOutput(out, docs, options.force ?? false);
  const site = docs.site;
  if (site.problems.some(p => FATAL.has(p.code))) return { pages: 0, files: [], outputDir: out, problems: docs.problems(), written: false };
  const outputs = docs.outputs();
  // Render everything before touching the disk: a failure part-way leaves the folder as it was.
  const files = new Map<string, SiteFile>([...outputs].map(([p, make]) => [p, make()]));
  const problems = docs.problems();
  dropLinksLeavingSite(files, site.siteDir, problems);
  removePrevious(out, previous);
  fs.mkdirSync(out, { recursive: true });
  const realOut = fs.realpathSync(out);
  for (const [rel, file] of files) writeOutput(out, realOut, rel, file);
  const listed = [...files.keys()];
  writeOutput(out, realOut, METADATA_PATH, { kind: 'text', text: docs.metadataJson(listed, options.now ?? Date.now(), options.etag) });
  return { pages: site.pages.size, files: [...listed, METADATA_PATH].sort(), outputDir: out, problems, written: true };
}

/** Checks the output folder; returns the files a previous build listed (to replace). */
function checkOutput(out: string, docs: DocsSite, force: boolean): string[] {
  const { siteDir, docsDir, includes } = docs.site;
  if (isInside(docsDir, out)) throw new UsageError(`the output folder ${out} is inside docs_dir ${docsDir}; choose a folder outside it`);
  const included = includes.find(i => isInside(i.docsDir, out));
  if (included) throw new UsageError(`the output folder ${out} is inside ${included.docsDir}, the docs_dir of the included site ${included.configFile}; choose a folder outside it`);
  if (isInside(out, siteDir)) throw new UsageError(`the output folder ${out} contains the docs themselves (${siteDir}); choose a folder inside or beside it, such as ${path.join(siteDir, 'site')}`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(out);
  } catch {
    return [];
  }
  if (!stat.isDirectory()) throw new UsageError(`the output ${out} exists and is not a folder`);
  const entries = fs.readdirSync(out);
  if (entries.length === 0) return [];
  const metadata = readPreviousFiles(out);
  if (metadata) return metadata;
  const mkdocsSite = fs.existsSync(path.join(out, SEARCH_INDEX_PATH)) && fs.existsSync(path.join(out, 'index.html'));
  if (mkdocsSite || force) return [];
  throw new UsageError(`the output folder ${out} is not empty and does not look like a previous docs build (no techdocs_metadata.json); pass --force to write into it anyway`);
}

function readPreviousFiles(out: string): string[] | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(path.join(out, METADATA_PATH), 'utf8')) as { files?: unknown };
    return Array.isArray(json.files) ? json.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return undefined;
  }
}

/** Removes the files of a previous build (only inside the output folder), then empty folders they leave. */
function removePrevious(out: string, files: string[]): void {
  const dirs = new Set<string>();
  for (const rel of files) {
    const target = path.resolve(out, ...rel.split('/'));
    if (target === out || !isInside(out, target)) continue;
    try {
      if (fs.lstatSync(target).isFile()) fs.rmSync(target);
      for (let d = path.dirname(target); d !== out && isInside(out, d); d = path.dirname(d)) dirs.add(d);
    } catch {
      // Already gone.
    }
  }
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    } catch {
      // Not empty or gone: keep it.
    }
  }
}

/** Assets that are symbolic links to files outside the site folder are not copied (TechDocs refuses them). */
function dropLinksLeavingSite(files: Map<string, SiteFile>, siteDir: string, problems: DocsProblem[]): void {
  const realSite = fs.realpathSync(siteDir);
  for (const [rel, file] of files) {
    if (file.kind !== 'copy' || isInside(realSite, fs.realpathSync(file.from))) continue;
    files.delete(rel);
    problems.push({ severity: 'error', code: 'asset-outside-site', file: file.from, message: `${rel} is a link to a file outside the site folder; TechDocs refuses it, so it is not copied.` });
  }
}

function writeOutput(out: string, realOut: string, rel: string, file: SiteFile): void {
  const target = path.resolve(out, ...rel.split('/'));
  if (!isInside(out, target) || target === out) throw new Error(`refusing to write ${rel} outside ${out}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // A folder in the output that is a link elsewhere must not carry the write out of the output folder.
  if (!isInside(realOut, fs.realpathSync(path.dirname(target)))) throw new Error(`refusing to write ${rel}: its folder leads outside ${out}`);
  if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(target);
  if (file.kind === 'text') fs.writeFileSync(target, file.text);
  else fs.copyFileSync(file.from, target);
}
