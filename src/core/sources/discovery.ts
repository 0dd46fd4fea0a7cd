import picomatch from 'picomatch';
import { FileSystemHost } from '../host';
import { JsonPath, isRecord } from '../model/entity';
import { CrossFileIssue } from '../index/crossFile';
import { Issue, ParsedEntity } from '../validate/types';
import { CancellationToken } from './catalogSource';

/** Options for finding catalog files under some roots. */
export interface DiscoveryOptions {
  /** Extra patterns, relative to each root, whose files are always candidates. */
  globs?: string[];
  /** Patterns, relative to each root, of files and folders to skip (a bare name matches at any depth). */
  exclude?: string[];
  /** Accepts apiVersions of custom kinds, so files declaring them are candidates too. */
  knownApiVersion?: (apiVersion: string) => boolean;
  token?: CancellationToken;
  /**
   * Leave YAML files whose name says nothing to the reader: they come back as
   * `candidates`, to be read once and kept only if they declare a catalog apiVersion.
   */
  deferContentCheck?: boolean;
}

export interface DiscoveryError {
  path: string;
  message: string;
}

export interface DiscoveryResult {
  /** Catalog files, sorted, without duplicates. */
  files: string[];
  /** With deferContentCheck: YAML files that are catalog files only if their text says so. */
  candidates: string[];
  /** Roots that could not be read. */
  errors: DiscoveryError[];
}

/** Folders never worth walking: dependencies and repository internals. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

const CATALOG_FILE_NAME = /^(?:.+\.)?catalog-info\.ya?ml$/i;
const YAML_FILE_NAME = /\.ya?ml$/i;
// A root-level `apiVersion:` key (column 0) in any document; value up to blank, quote or comment.
const ROOT_API_VERSION = /^(?:\uFEFF)?apiVersion[ \t]*:[ \t]*(["']?)([^\s"'#]+)\1/gm;
const BACKSTAGE_API_VERSION = /^(?:[a-z0-9-]+\.)*backstage\.io\/[^/\s]+$/i;

/** True for `catalog-info.yaml`/`.yml` and `<anything>.catalog-info.yaml`/`.yml`. */
export function isCatalogFileName(name: string): boolean {
  return CATALOG_FILE_NAME.test(name);
}

/** True when `apiVersion` is `backstage.io/...` or `<sub>.backstage.io/...`. */
export function isBackstageApiVersion(apiVersion: string): boolean {
  return BACKSTAGE_API_VERSION.test(apiVersion);
}

/** Cheap text scan (no YAML parse): does any document declare a Backstage or known apiVersion at root level? */
export function declaresCatalogApiVersion(text: string, knownApiVersion?: (v: string) => boolean): boolean {
  for (const match of text.matchAll(ROOT_API_VERSION)) {
    const value = match[2];
    if (isBackstageApiVersion(value) || knownApiVersion?.(value)) return true;
  }
  return false;
}

/**
 * Finds catalog files under `roots`: conventional names, files matching `globs`,
 * and YAML files declaring a catalog apiVersion. A root that is a file is always
 * included. Files come back sorted; unreadable roots are reported as errors.
 */
export function discoverCatalogFiles(roots: string[], host: FileSystemHost, options: DiscoveryOptions = {}): DiscoveryResult {
  const files = new Set<string>();
  const candidates: string[] = [];
  const errors: DiscoveryError[] = [];
  const include = options.globs?.length ? picomatch(options.globs, { dot: true }) : undefined;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true, basename: true }) : undefined;
  const utf8 = new TextDecoder('utf-8');
  const decode = (bytes: Uint8Array) => utf8.decode(bytes);
  for (const root of roots) {
    if (options.token?.isCancellationRequested) break;
    const kind = host.stat(root);
    if (kind === 'file') files.add(root);
    else if (kind === 'directory') {
      walkFiles(root, host, { exclude, token: options.token }, (path, rel, name) => {
        if (options.deferContentCheck && !isCatalogFileName(name) && !include?.(rel) && YAML_FILE_NAME.test(name)) candidates.push(path);
        else if (isCandidate(host, path, rel, name, include, options.knownApiVersion, decode)) files.add(path);
      });
    } else errors.push({ path: root, message: `Cannot read ${root}: no such file or folder` });
  }
  return { files: [...files].sort(compareStrings), candidates: candidates.filter(c => !files.has(c)).sort(compareStrings), errors };
}

function isCandidate(
  host: FileSystemHost,
  path: string,
  rel: string,
  name: string,
  include: ((rel: string) => boolean) | undefined,
  knownApiVersion: ((v: string) => boolean) | undefined,
  decode: (bytes: Uint8Array) => string,
): boolean {
  if (isCatalogFileName(name) || include?.(rel)) return true;
  if (!YAML_FILE_NAME.test(name)) return false;
  const bytes = host.readFile(path);
  return bytes !== undefined && declaresCatalogApiVersion(decode(bytes), knownApiVersion);
}

/** Options of a recursive walk. */
export interface WalkOptions {
  exclude?: (rel: string) => boolean;
  token?: CancellationToken;
}

/**
 * Visits every file under `dir` (iteratively, so deep trees cannot overflow the
 * stack), skipping dependency and repository folders and excluded paths.
 * `rel` is '/'-separated and relative to `dir`.
 */
export function walkFiles(dir: string, host: FileSystemHost, options: WalkOptions, visit: (path: string, rel: string, name: string) => void): void {
  const stack: { path: string; rel: string }[] = [{ path: dir, rel: '' }];
  while (stack.length > 0) {
    if (options.token?.isCancellationRequested) return;
    const current = stack.pop()!;
    for (const entry of host.readDirectory(current.path)) {
      const rel = current.rel ? `${current.rel}/${entry.name}` : entry.name;
      if (options.exclude?.(rel)) continue;
      const path = joinPath(current.path, entry.name);
      if (entry.type === 'directory' && !SKIPPED_DIRECTORIES.has(entry.name)) stack.push({ path, rel });
      else if (entry.type === 'file') visit(path, rel, entry.name);
    }
  }
}

// ---- paths: host paths are absolute, '/'-separated or native; keep each path's own style ----

function separatorOf(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

/** `dir` + `name` with the separator `dir` already uses. */
export function joinPath(dir: string, name: string): string {
  if (dir.endsWith('/') || dir.endsWith('\\')) return dir + name;
  return `${dir}${separatorOf(dir)}${name}`;
}

/** True for `/x`, `\\server\x` and `C:\x` / `C:/x`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(path);
}

/** The folder of a file path. */
export function dirnamePath(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (at < 0) return '.';
  if (at === 0) return path.slice(0, 1);
  if (/^[A-Za-z]:$/.test(path.slice(0, at))) return path.slice(0, at + 1);
  return path.slice(0, at);
}

/** Resolves `.` and `..` segments and collapses separators, in the path's own style. */
export function normalizePath(path: string, separator = separatorOf(path)): string {
  const root = /^(?:[A-Za-z]:[\\/]|\\\\|\/)/.exec(path)?.[0] ?? '';
  const parts: string[] = [];
  for (const segment of path.slice(root.length).split(/[\\/]+/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (segment !== '..' || !root) parts.push(segment);
  }
  const normalizedRoot = root.length === 3 ? root.slice(0, 2) + separator : root;
  return normalizedRoot + parts.join(separator);
}

// ---- following Location entities ----

/**
 * What is known about Location edges between files, kept by the caller across
 * calls so files can be followed one at a time as they are read.
 */
export class LocationGraph {
  private readonly edges = new Map<string, Set<string>>();
  private readonly seen = new Set<string>();

  /** Records a file as already scheduled (discovered roots), so it is not returned again. */
  markSeen(file: string): void {
    this.seen.add(file);
  }

  isSeen(file: string): boolean {
    return this.seen.has(file);
  }

  /** Replaces the targets a file's Locations point at. */
  setEdges(file: string, targets: Iterable<string>): void {
    this.edges.set(file, new Set(targets));
  }

  /** Forgets a file's edges (it was deleted); it may be returned again if something targets it. */
  removeFile(file: string): void {
    this.edges.delete(file);
    this.seen.delete(file);
  }

  /** Files targeting `file` directly. */
  targetsOf(file: string): string[] {
    return [...(this.edges.get(file) ?? [])];
  }

  /** A chain of edges from `from` to `to` (both included), or undefined. */
  pathBetween(from: string, to: string): string[] | undefined {
    const previous = new Map<string, string | undefined>([[from, undefined]]);
    const queue = [from];
    for (let i = 0; i < queue.length; i++) {
      const current = queue[i];
      if (current === to) return chain(previous, to);
      for (const next of this.edges.get(current) ?? []) {
        if (previous.has(next)) continue;
        previous.set(next, current);
        queue.push(next);
      }
    }
    return undefined;
  }
}

function chain(previous: Map<string, string | undefined>, to: string): string[] {
  const out: string[] = [];
  for (let at: string | undefined = to; at !== undefined; at = previous.get(at)) out.unshift(at);
  return out;
}

/** What following one file's Locations gave. */
export interface LocationFollowResult {
  /** Target files not seen before: read them next. */
  files: string[];
  /** Every file the Locations point at (seen or not). */
  targets: string[];
  /** Issues on the file's Location entities. */
  issues: CrossFileIssue[];
}

/** One written target of a Location entity. */
interface WrittenTarget {
  value: string;
  path: JsonPath;
}

/**
 * Follows the Location entities of one file that was just read: resolves
 * relative and absolute `file` targets, expands globs, reports missing targets
 * (unless `presence: optional`), targets it does not follow, and cycles. Pass
 * the same graph for every file of a load.
 */
export function followLocations(
  file: string,
  entities: readonly ParsedEntity[],
  host: FileSystemHost,
  graph: LocationGraph = new LocationGraph(),
): LocationFollowResult {
  graph.markSeen(file);
  const issues: CrossFileIssue[] = [];
  const edges: { target: WrittenTarget; entity: ParsedEntity; file: string }[] = [];
  for (const entity of entities) {
    if (entity.entity.kind !== 'Location' || !isRecord(entity.entity.spec)) continue;
    const spec = entity.entity.spec;
    const optional = spec.presence === 'optional';
    const type = typeof spec.type === 'string' ? spec.type : 'file';
    for (const target of writtenTargets(spec)) {
      const resolved = resolveTarget(file, type, target, host);
      if (resolved.issue) issues.push(issueOn(entity, resolved.issue));
      if (resolved.files?.length === 0 && !optional) issues.push(issueOn(entity, notFound(target, resolved.looked)));
      for (const f of resolved.files ?? []) edges.push({ target, entity, file: f });
    }
  }
  graph.setEdges(file, edges.map(e => e.file));
  const files: string[] = [];
  for (const edge of edges) {
    const cycle = graph.pathBetween(edge.file, file);
    if (cycle) issues.push(issueOn(edge.entity, cycleIssue(edge.target, [file, ...cycle])));
    if (!graph.isSeen(edge.file)) {
      graph.markSeen(edge.file);
      files.push(edge.file);
    }
  }
  return { files, targets: [...new Set(edges.map(e => e.file))], issues };
}

function writtenTargets(spec: Record<string, unknown>): WrittenTarget[] {
  const out: WrittenTarget[] = [];
  if (typeof spec.target === 'string') out.push({ value: spec.target, path: ['spec', 'target'] });
  if (Array.isArray(spec.targets)) {
    spec.targets.forEach((t, i) => {
      if (typeof t === 'string') out.push({ value: t, path: ['spec', 'targets', i] });
    });
  }
  return out;
}

interface ResolvedTarget {
  /** Matching files; undefined when the target is not followed at all. */
  files?: string[];
  /** Where it looked, for the not-found message. */
  looked?: string;
  issue?: Issue;
}

function resolveTarget(file: string, type: string, target: WrittenTarget, host: FileSystemHost): ResolvedTarget {
  const t = target.value;
  if (type !== 'file' || /^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    return { issue: info(target, 'location-not-followed', `Location target "${t}" (type ${type}) is not read from the file system; only file targets are followed`) };
  }
  if (t.endsWith('/') || t.endsWith('\\')) {
    return { files: undefined, issue: error(target, 'location-target-invalid', `Location target "${t}" ends with a path separator; Backstage rejects file targets that name a folder`) };
  }
  const absolute = isAbsolutePath(t) ? normalizePath(t) : t.startsWith('.') ? normalizePath(joinPath(dirnamePath(file), t), separatorOf(file)) : undefined;
  if (absolute === undefined) {
    return { issue: warning(target, 'location-target-not-relative', `Location target "${t}" does not start with "." so Backstage resolves it from the backend's working folder, not from this file; write "./${t}"`) };
  }
  if (picomatch.scan(absolute.replace(/\\/g, '/')).isGlob) return { files: expandGlob(absolute, host), looked: absolute };
  const kind = host.stat(absolute);
  if (kind === 'directory') return { issue: error(target, 'location-target-invalid', `Location target "${t}" is a folder; a file target must name a file`) };
  return { files: kind === 'file' ? [absolute] : [], looked: absolute };
}

/** Files matching an absolute glob, walked from its static base folder. */
function expandGlob(pattern: string, host: FileSystemHost): string[] {
  const separator = separatorOf(pattern);
  const scan = picomatch.scan(pattern.replace(/\\/g, '/'));
  const base = separator === '\\' ? scan.base.replace(/\//g, '\\') : scan.base;
  if (host.stat(base) !== 'directory') return [];
  const match = picomatch(scan.glob, { dot: false });
  const out: string[] = [];
  walkFiles(base, host, {}, (path, rel) => {
    if (match(rel)) out.push(path);
  });
  return out.sort(compareStrings);
}

function notFound(target: WrittenTarget, looked: string | undefined): Issue {
  const where = looked && looked !== target.value ? ` (looked for ${looked})` : '';
  return error(target, 'location-target-not-found', `Location target "${target.value}" does not exist${where}; set spec.presence: optional if that is expected`);
}

function cycleIssue(target: WrittenTarget, cycle: string[]): Issue {
  return warning(target, 'location-cycle', `Location target "${target.value}" leads back to this file: ${cycle.join(' → ')}`);
}

function issueOn(entity: ParsedEntity, issue: Issue): CrossFileIssue {
  return { file: entity.file, documentIndex: entity.documentIndex, entityRef: entity.ref, issue };
}

function error(target: WrittenTarget, code: string, message: string): Issue {
  return { path: target.path, severity: 'error', code, message };
}

function warning(target: WrittenTarget, code: string, message: string): Issue {
  return { path: target.path, severity: 'warning', code, message };
}

function info(target: WrittenTarget, code: string, message: string): Issue {
  return { path: target.path, severity: 'info', code, message };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
