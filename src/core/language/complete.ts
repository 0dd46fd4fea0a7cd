import { Position, Range } from '../diagnostics';
import { WELL_KNOWN_ANNOTATIONS } from '../model/annotations';
import { BUILTIN_KINDS, DEFAULT_NAMESPACE, isRecord, JsonPath } from '../model/entity';
import { formatRefForField, RefContext } from '../model/ref';
import { RelationField, relationFieldFor } from '../model/relations';
import { dirnamePath, joinPath, normalizePath } from '../sources/discovery';
import { ParsedEntity } from '../validate/types';
import { cursorContext, CursorContext } from './cursor';
import { keysUnder, samePath } from './outline';
import { entityCard } from './refs';
import { propertiesAt, SchemaProperty, valuesAt } from './schemaModel';
import { templateCompletion, templateExpressionCompletion } from './templates';
import { EntityHeader, headerOf, LanguageDocument, LanguageHost, outlineOf } from './types';

/** The kind of thing a completion inserts (mapped to editor icons at the edge). */
export type CompletionKind = 'reference' | 'property' | 'value' | 'enum' | 'keyword' | 'file' | 'folder' | 'snippet' | 'function' | 'variable' | 'module';

/** One completion, in core terms. */
export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Defaults to the label. */
  insertText?: string;
  /** `insertText` is a snippet (`$0`, `${1:x}`). */
  snippet?: boolean;
  range: Range;
  sortText?: string;
  filterText?: string;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** More matches exist than were returned: ask again as the user types. */
  isIncomplete: boolean;
}

/** Metadata the catalog sets itself: never offered to authors. */
const CATALOG_SET: ReadonlySet<string> = new Set(['uid', 'etag']);

/** Most entity refs returned at once; typing narrows the rest. */
export const MAX_REF_ITEMS = 100;

/** Everything the completers of one request share. */
export interface CompletionRequest {
  doc: LanguageDocument;
  ctx: CursorContext;
  header: EntityHeader;
  host: LanguageHost;
}

/**
 * Catalog-aware completion at a position: entity refs from the index written
 * the way each field expects, kinds, apiVersions, keys (required first), known
 * values, annotation keys, `dir:` paths and template actions and expressions.
 * Undefined means the position is not one Catwalk knows: the caller may ask the
 * schema-only completer instead.
 */
export function complete(doc: LanguageDocument, pos: Position, host: LanguageHost): CompletionResult | undefined {
  const outline = outlineOf(doc);
  const expression = templateExpressionCompletion(outline, pos);
  if (expression) return expression;
  const ctx = cursorContext(outline, pos);
  if (!ctx) return undefined;
  const request: CompletionRequest = { doc, ctx, header: headerOf(ctx.document), host };
  return templateCompletion(request) ?? (ctx.mode === 'key' ? completeKey(request) : completeValue(request));
}

function completeValue(r: CompletionRequest): CompletionResult | undefined {
  const { ctx, header } = r;
  const path = ctx.path;
  if (samePath(path, ['kind'])) return list(kindItems(r));
  if (samePath(path, ['apiVersion'])) return list(apiVersionItems(r));
  const field = refFieldAt(header.kind, path, ctx.mode);
  if (field) return refCompletions(r, field.field, field.listPath);
  if (path[0] === 'metadata' && path[1] === 'annotations' && path.length === 3) return annotationValue(r, String(path[2]));
  if (path[0] === 'metadata' && path[1] === 'tags' && path.length === 3) return list(tagItems(r));
  if (ctx.mode === 'item') return completeItemKeys(r);
  if (path[0] === 'spec' && path.length === 2) return specValues(r, String(path[1]));
  const values = valuesAt(header.kind, path);
  return values.length > 0 ? list(values.map((v, i) => valueItem(r, v, 'enum', undefined, i))) : undefined;
}

/** The relation field a value or item at `path` belongs to, with the path of its list. */
function refFieldAt(kind: string | undefined, path: JsonPath, mode: CursorContext['mode']): { field: RelationField; listPath?: JsonPath } | undefined {
  if (!kind || path[0] !== 'spec') return undefined;
  const field = relationFieldFor(kind, String(path[1]));
  if (!field) return undefined;
  if (path.length === 2 && !field.many) return { field };
  if (path.length === 3 && field.many && typeof path[2] === 'number') return { field, listPath: path.slice(0, 2) };
  return mode === 'value' && path.length === 2 ? { field } : undefined;
}

/** The first key of a new mapping item (`- ` then a key). */
function completeItemKeys(r: CompletionRequest): CompletionResult | undefined {
  const props = propertiesAt(r.header.kind, r.ctx.path);
  if (props.length === 0) return undefined;
  return list(props.map((p, i) => keyItem(r, p, i)));
}

function completeKey(r: CompletionRequest): CompletionResult | undefined {
  const { ctx, header } = r;
  const existing = new Set(keysUnder(ctx.document, ctx.path, ctx.range.start.line));
  if (samePath(ctx.path, ['metadata', 'annotations'])) return list(annotationKeyItems(r, existing));
  const props = propertiesAt(header.kind, ctx.path).filter(p => !existing.has(p.name) && !(ctx.path.length === 1 && ctx.path[0] === 'metadata' && CATALOG_SET.has(p.name)));
  if (props.length === 0) return undefined;
  return list(props.map((p, i) => keyItem(r, p, i)));
}

function keyItem(r: CompletionRequest, p: SchemaProperty, order: number): CompletionEntry {
  const indent = ' '.repeat(r.ctx.column + 2);
  const insertText =
    p.type === 'object' ? `${p.name}:\n${indent}$0` : p.type === 'array' ? `${p.name}:\n${indent}- $0` : `${p.name}: $0`;
  return {
    label: p.name,
    kind: 'property',
    detail: p.required ? 'required' : p.type,
    documentation: p.description,
    insertText,
    snippet: true,
    range: r.ctx.range,
    sortText: `${p.required ? 0 : 1}${pad(order)}`,
  };
}

function kindItems(r: CompletionRequest): CompletionEntry[] {
  const kinds = new Map<string, string>(Object.entries(BUILTIN_KINDS).map(([k, v]) => [k, v.join(', ')]));
  for (const { kind } of r.host.index.kinds()) if (!kinds.has(kind) && /^[A-Z]/.test(kind)) kinds.set(kind, 'used in this catalog');
  return [...kinds].map(([kind, versions], i) => valueItem(r, kind, 'enum', versions, i));
}

function apiVersionItems(r: CompletionRequest): CompletionEntry[] {
  const kind = r.header.kind;
  const versions = kind && kind in BUILTIN_KINDS ? BUILTIN_KINDS[kind] : [...new Set(Object.values(BUILTIN_KINDS).flat())];
  return versions.map((v, i) => valueItem(r, v, 'enum', kind ? `${kind} apiVersion` : undefined, i));
}

/** Known values of a spec field: the schema's, then those other entities of the kind use. */
function specValues(r: CompletionRequest, field: string): CompletionResult | undefined {
  const schemaValues = valuesAt(r.header.kind, r.ctx.path);
  const used = r.header.kind ? usedValues(r.host.index.byKind(r.header.kind), field) : new Map<string, number>();
  if (schemaValues.length === 0 && used.size === 0) return undefined;
  const items = schemaValues.map((v, i) => valueItem(r, v, 'enum', used.has(v) ? usedBy(used.get(v)!) : 'well-known value', i));
  let order = items.length;
  for (const [v, n] of [...used].sort((a, b) => b[1] - a[1])) {
    if (!schemaValues.includes(v)) items.push(valueItem(r, v, 'value', usedBy(n), order++));
  }
  return list(items);
}

function usedValues(entities: readonly ParsedEntity[], field: string): Map<string, number> {
  const used = new Map<string, number>();
  for (const e of entities) {
    const v = isRecord(e.entity.spec) ? e.entity.spec[field] : undefined;
    if (typeof v === 'string' && v) used.set(v, (used.get(v) ?? 0) + 1);
  }
  return used;
}

function usedBy(n: number): string {
  return `used by ${n} ${n === 1 ? 'entity' : 'entities'}`;
}

function tagItems(r: CompletionRequest): CompletionEntry[] {
  const used = new Map<string, number>();
  for (const e of r.host.index.allEntities()) {
    for (const t of Array.isArray(e.entity.metadata?.tags) ? e.entity.metadata.tags : []) {
      if (typeof t === 'string') used.set(t, (used.get(t) ?? 0) + 1);
    }
  }
  return [...used].sort((a, b) => b[1] - a[1]).map(([t, n], i) => valueItem(r, t, 'value', usedBy(n), i));
}

function annotationKeyItems(r: CompletionRequest, existing: Set<string>): CompletionEntry[] {
  return Object.entries(WELL_KNOWN_ANNOTATIONS)
    .filter(([key]) => !existing.has(key))
    .map(([key, description], i) => ({
      label: key,
      kind: 'property' as const,
      detail: 'well-known annotation',
      documentation: description,
      insertText: `${key}: $0`,
      snippet: true,
      range: r.ctx.range,
      sortText: pad(i),
    }));
}

function annotationValue(r: CompletionRequest, key: string): CompletionResult | undefined {
  if (key === 'backstage.io/techdocs-ref') return list(techdocsItems(r));
  if (key === 'backstage.io/techdocs-entity') return refCompletions(r, undefined);
  return undefined;
}

/** `dir:` paths next to the file (folders holding mkdocs.yml first), and `url:`. */
function techdocsItems(r: CompletionRequest): CompletionEntry[] {
  const typed = r.ctx.prefix;
  const rel = typed.startsWith('dir:') ? typed.slice(4) : '';
  const folderPart = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
  const written = folderPart || './';
  const base = normalizePath(joinPath(dirnamePath(r.doc.file), written));
  const items: CompletionEntry[] = [];
  if (!folderPart) {
    items.push(valueItem(r, 'dir:.', 'folder', hasMkdocs(r, dirnamePath(r.doc.file)) ? 'this folder (has mkdocs.yml)' : 'this folder', 0));
    items.push(valueItem(r, 'url:', 'keyword', 'an absolute URL of a repository tree', 1));
  }
  const folders = (r.host.fs?.readDirectory(base) ?? []).filter(e => e.type === 'directory' && !e.name.startsWith('.') && e.name !== 'node_modules');
  for (const f of folders) {
    const withDocs = hasMkdocs(r, joinPath(base, f.name));
    items.push({ ...valueItem(r, `dir:${written}${f.name}`, 'folder', withDocs ? 'has mkdocs.yml' : 'folder', withDocs ? 2 : 3), sortText: `${withDocs ? 2 : 3}${f.name}` });
  }
  return items;
}

function hasMkdocs(r: CompletionRequest, dir: string): boolean {
  return ['mkdocs.yml', 'mkdocs.yaml'].some(n => r.host.fs?.stat(joinPath(dir, n)) === 'file');
}

/**
 * Entity refs from the index for a relation field (or any entity when
 * `field` is undefined), written the field's way, best matches first. Only
 * the returned few are formatted: a field may have 10,000 candidates.
 */
export function refCompletions(r: CompletionRequest, field: RelationField | undefined, listPath?: JsonPath): CompletionResult {
  const context: RefContext = { defaultKind: field?.defaultKind, defaultNamespace: r.header.namespace };
  const query = parseQuery(r.ctx.prefix);
  const taken = listPath ? takenRefs(r, listPath) : new Set<string>();
  const kinds = field ? (field.targetKinds ?? [field.defaultKind ?? '']) : undefined;
  const candidates = kinds ? kinds.flatMap(k => r.host.index.byKind(k)) : r.host.index.allEntities();
  const namespace = r.header.namespace.toLowerCase();
  const self = r.header.kind && r.header.name ? `${r.header.kind}:${r.header.namespace}/${r.header.name}`.toLowerCase() : undefined;
  const scored: Scored[] = [];
  for (const entity of candidates) {
    if (entity.ref === self) continue;
    const score = matchScore(entity, query, field, namespace);
    if (score >= 0) scored.push({ entity, score });
  }
  const items: CompletionEntry[] = [];
  for (const s of best(scored, MAX_REF_ITEMS + taken.size)) {
    if (items.length === MAX_REF_ITEMS) break;
    const text = formatRefForField({ kind: s.entity.entity.kind, namespace: s.entity.entity.metadata.namespace || DEFAULT_NAMESPACE, name: s.entity.entity.metadata.name }, context);
    if (!taken.has(text.toLowerCase())) items.push(refItem(r, s.entity, text, items.length));
  }
  return { items, isIncomplete: scored.length > items.length + taken.size };
}

interface Scored {
  entity: ParsedEntity;
  score: number;
}

/** Score first, then the canonical ref (kind, namespace, name). */
function compareScored(a: Scored, b: Scored): number {
  return a.score - b.score || (a.entity.ref < b.entity.ref ? -1 : a.entity.ref > b.entity.ref ? 1 : 0);
}

/** The `n` best, in order, without sorting all of them (a field may match 10,000 entities). */
function best(list: Scored[], n: number): Scored[] {
  if (list.length <= n * 4) return list.sort(compareScored).slice(0, n);
  // A max-heap of the n best so far: most candidates lose against its top in one comparison.
  const heap: Scored[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const up = (i: number) => {
    for (let p = (i - 1) >> 1; i > 0 && compareScored(heap[i], heap[p]) > 0; i = p, p = (i - 1) >> 1) swap(i, p);
  };
  const down = (i: number) => {
    for (;;) {
      let top = i;
      for (const c of [2 * i + 1, 2 * i + 2]) if (c < heap.length && compareScored(heap[c], heap[top]) > 0) top = c;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const item of list) {
    if (heap.length < n) {
      heap.push(item);
      up(heap.length - 1);
    } else if (compareScored(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compareScored);
}

/** What was typed, split like a ref: `kind:`, `namespace/`, name (each lower-case, possibly empty). */
interface RefQuery {
  whole: string;
  kind?: string;
  namespace?: string;
  name: string;
}

function parseQuery(prefix: string): RefQuery {
  const whole = prefix.toLowerCase();
  const colon = whole.indexOf(':');
  const slash = whole.indexOf('/');
  const hasKind = colon !== -1 && (slash === -1 || colon < slash);
  const rest = hasKind ? whole.slice(colon + 1) : whole;
  const restSlash = rest.indexOf('/');
  return {
    whole,
    kind: hasKind ? whole.slice(0, colon) : undefined,
    namespace: restSlash === -1 ? undefined : rest.slice(0, restSlash),
    name: restSlash === -1 ? rest : rest.slice(restSlash + 1),
  };
}

/**
 * Lower is better, -1 for no match. Name prefix, then substring, then title;
 * within each, the field's default kind first, then the entity's own namespace.
 * A typed kind or namespace must match the entity's. Reads the canonical
 * (lower-case) ref in place: this runs once per candidate per keystroke.
 */
function matchScore(entity: ParsedEntity, query: RefQuery, field: RelationField | undefined, namespace: string): number {
  const ref = entity.ref;
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  if (query.kind !== undefined && !ref.startsWith(query.kind)) return -1;
  if (query.namespace !== undefined && (!ref.startsWith(query.namespace, colon + 1) || query.namespace.length > slash - colon - 1)) return -1;
  const sameNamespace = slash - colon - 1 === namespace.length && ref.startsWith(namespace, colon + 1);
  const rank = (field?.defaultKind && entity.entity.kind !== field.defaultKind ? 2 : 0) + (sameNamespace ? 0 : 1);
  if (query.name === '' || ref.startsWith(query.name, slash + 1)) return rank;
  if (ref.indexOf(query.name, slash + 1) !== -1) return 4 + rank;
  if (query.kind !== undefined || query.namespace !== undefined) return -1;
  const title = entity.entity.metadata.title;
  return typeof title === 'string' && title.toLowerCase().includes(query.whole) ? 8 + rank : -1;
}

/** Refs already written in the other items of the same list. */
function takenRefs(r: CompletionRequest, listPath: JsonPath): Set<string> {
  const taken = new Set<string>();
  const line = r.ctx.range.start.line;
  for (const e of r.ctx.document.entries) {
    if (e.value !== undefined && e.line !== line && e.path.length === listPath.length + 1 && samePath(e.path.slice(0, -1), listPath)) taken.add(e.value.toLowerCase());
    if (samePath(e.path, listPath)) {
      for (const item of e.flowItems ?? []) if (!within(r.ctx.range, item.range)) taken.add(item.value.toLowerCase());
    }
  }
  return taken;
}

function within(outer: Range, inner: Range): boolean {
  return outer.start.line === inner.start.line && inner.start.character >= outer.start.character && inner.end.character <= outer.end.character;
}

function refItem(r: CompletionRequest, entity: ParsedEntity, text: string, order: number): CompletionEntry {
  const title = typeof entity.entity.metadata.title === 'string' ? entity.entity.metadata.title : undefined;
  return {
    label: text,
    kind: 'reference',
    detail: title ? `${entity.entity.kind} · ${title}` : entity.entity.kind,
    documentation: entityCard(entity, r.host),
    insertText: r.ctx.lead + text,
    range: r.ctx.range,
    filterText: text,
    sortText: pad(order),
  };
}

function valueItem(r: CompletionRequest, value: string, kind: CompletionKind, detail: string | undefined, order: number): CompletionEntry {
  return { label: value, kind, detail, insertText: r.ctx.lead + value, range: r.ctx.range, sortText: pad(order), filterText: value };
}

/** A complete list, in the order the editor will show it. */
function list(items: CompletionEntry[]): CompletionResult {
  return { items: [...items].sort((a, b) => ((a.sortText ?? '') < (b.sortText ?? '') ? -1 : (a.sortText ?? '') > (b.sortText ?? '') ? 1 : 0)), isIncomplete: false };
}

/** A sort key that keeps the given order. */
export function pad(n: number): string {
  return String(n).padStart(5, '0');
}
