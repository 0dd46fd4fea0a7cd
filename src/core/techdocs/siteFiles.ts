// The files of a docs_dir as MkDocs sees them: Markdown pages (with their directory URLs)
// and everything else as assets; dot files, `exclude_docs` patterns and a README.md that
// clashes with an index.md are left out, in MkDocs' sort order (index first, folders last).
import picomatch from 'picomatch';
import * as path from 'path';
import { FileSystemHost } from '../host';
import { DocsProblem, PageFile } from './types';

const MARKDOWN = /\.(md|markdown|mdown|mkdn|mkd)$/i;
/** Safety cap on a walk; a docs folder with more is almost surely a mistake (a vendored tree). */
const MAX_FILES = 20000;

/** True for the Markdown extensions MkDocs reads as pages. */
export function isMarkdownFile(name: string): boolean {
  return MARKDOWN.test(name);
}

/** The MkDocs directory URL of a page id: `index.md` → ``, `a/README.md` → `a/`, `a/b.md` → `a/b/`. */
export function pageUrl(id: string): string {
  const slash = id.lastIndexOf('/');
  const dir = slash === -1 ? '' : id.slice(0, slash + 1);
  const stem = id.slice(slash + 1).replace(MARKDOWN, '');
  return stem === 'index' || stem === 'README' ? dir : `${dir}${stem}/`;
}

/** Where a page is written in a built site: `a/b/index.html`. */
export function pageOutputPath(id: string): string {
  return `${pageUrl(id)}index.html`;
}

export interface DocsFiles {
  pages: Map<string, PageFile>;
  assets: Set<string>;
  /** Absolute source file of each asset. */
  assetFiles: Map<string, string>;
  problems: DocsProblem[];
}

/** A docs folder merged into the site under a folder of it (an included site's docs_dir). */
export interface DocsMount {
  /** Folder of the site the files go under, '/'-separated, without slashes at the ends. */
  prefix: string;
  docsDir: string;
}

/**
 * Walks docs_dir, then each mounted folder under its prefix (a later file of the same path
 * replaces an earlier one, as the monorepo plugin's merge does); `exclude` holds MkDocs
 * `exclude_docs` lines (gitignore style), matched against paths in the merged site.
 */
export function listDocsFiles(host: FileSystemHost, docsDir: string, exclude: string[] = [], mounts: DocsMount[] = []): DocsFiles {
  const excluded = excludeMatcher(exclude);
  const found = new Map<string, string>();
  const problems: DocsProblem[] = [];
  let full = false;
  const walk = (dir: string, prefix: string, mount: DocsMount | undefined) => {
    for (const entry of host.readDirectory(dir)) {
      if (entry.name.startsWith('.') || found.size >= MAX_FILES) continue;
      const id = prefix + entry.name;
      const file = path.join(dir, entry.name);
      if (entry.type === 'directory') {
        if (!excluded(`${id}/`)) walk(file, `${id}/`, mount);
      } else if (entry.type === 'file' && !excluded(id)) {
        const replaced = found.get(id);
        if (replaced && mount) problems.push({ severity: 'info', code: 'include-replaces-file', file: replaced, message: `${id} is replaced by ${file} of the included site "${mount.prefix}" (the monorepo plugin merges its docs over this folder).` });
        found.set(id, file);
      }
    }
    full ||= found.size >= MAX_FILES;
  };
  walk(docsDir, '', undefined);
  for (const mount of mounts) walk(mount.docsDir, `${mount.prefix}/`, mount);
  if (full) problems.push({ severity: 'warning', code: 'docs-too-many-files', file: docsDir, message: `docs_dir holds more than ${MAX_FILES} files; only the first ${MAX_FILES} are used.` });
  const ids = [...found.keys()].sort(compareFileIds);
  const pages = new Map<string, PageFile>();
  const assets = new Set<string>();
  const assetFiles = new Map<string, string>();
  const known = new Set(ids);
  for (const id of ids) {
    const file = found.get(id) as string;
    if (!isMarkdownFile(id)) {
      assets.add(id);
      assetFiles.set(id, file);
    } else if (clashesWithIndex(id, known)) problems.push({ severity: 'info', code: 'readme-excluded', file, message: `${id} is left out because ${id.replace(/README\.md$/, 'index.md')} exists (MkDocs does the same).` });
    else pages.set(id, { id, file, url: pageUrl(id) });
  }
  return { pages, assets, assetFiles, problems };
}

function clashesWithIndex(id: string, ids: Set<string>): boolean {
  return /(^|\/)README\.md$/.test(id) && ids.has(id.replace(/README\.md$/, 'index.md'));
}

/** MkDocs' order: files of a folder before its sub-folders, index first, then by name. */
export function compareFileIds(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  const da = pa.slice(0, -1);
  const db = pb.slice(0, -1);
  for (let i = 0; i < Math.min(da.length, db.length); i++) if (da[i] !== db[i]) return da[i] < db[i] ? -1 : 1;
  if (da.length !== db.length) return da.length - db.length;
  const ia = /^index\./.test(pa[pa.length - 1]) ? 0 : 1;
  const ib = /^index\./.test(pb[pb.length - 1]) ? 0 : 1;
  if (ia !== ib) return ia - ib;
  return pa[pa.length - 1] < pb[pb.length - 1] ? -1 : pa[pa.length - 1] > pb[pb.length - 1] ? 1 : 0;
}

/** A matcher for gitignore-style lines: `/x` anchored, `x/` folders only, bare names at any depth. */
function excludeMatcher(lines: string[]): (id: string) => boolean {
  const globs: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const dirOnly = line.endsWith('/');
    const body = line.replace(/^\//, '').replace(/\/$/, '');
    const anchored = line.startsWith('/') || body.includes('/');
    const base = anchored ? body : `**/${body}`;
    globs.push(dirOnly ? `${base}/` : base, `${base}/**`);
  }
  if (globs.length === 0) return () => false;
  const match = picomatch(globs, { dot: true });
  return id => match(id) || match(id.replace(/\/$/, ''));
}
