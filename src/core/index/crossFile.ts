import { BUILTIN_KINDS, DEFAULT_NAMESPACE, PLUGIN_KINDS } from '../model/entity';
import { formatRefForField, splitEntityRef } from '../model/ref';
import { outgoingRefs, relationFieldFor } from '../model/relations';
import { boundedEditDistance } from '../model/editDistance';
import { Issue, ParsedEntity } from '../validate/types';

export { boundedEditDistance };

// The cross-file rules live here once, over a record small enough to ship from
// worker threads, so the CLI and the CatalogIndex give the same verdicts.

/** A ref written in a relation field, already parsed to its canonical target. */
export interface OutgoingLite {
  path: (string | number)[];
  targetRef: string;
  relation: string;
  written: string;
}

/** What the cross-file rules need to know about one entity definition. */
export interface EntityRecordLite {
  ref: string;
  file: string;
  documentIndex: number;
  name: string;
  /** The kind as written in YAML (case kept). */
  kind: string;
  outgoing: OutgoingLite[];
}

/** An issue found by looking at more than one file, attached to one definition. */
export interface CrossFileIssue {
  file: string;
  documentIndex: number;
  entityRef: string;
  issue: Issue;
}

/** The compact record of a parsed entity (unparseable refs are left to per-file validation). */
export function toLite(p: ParsedEntity): EntityRecordLite {
  const outgoing: OutgoingLite[] = [];
  for (const ref of outgoingRefs(p.entity)) {
    if (ref.targetRef === undefined) continue;
    outgoing.push({ path: [...ref.path], targetRef: ref.targetRef, relation: ref.field.relation, written: ref.written });
  }
  const name = typeof p.entity.metadata?.name === 'string' ? p.entity.metadata.name : '';
  return { ref: p.ref, file: p.file, documentIndex: p.documentIndex, name, kind: p.entity.kind, outgoing };
}

/** The targets of a parsed entity's relation refs: the `targetRef`s of its toLite record, without building it. */
export function targetRefsOf(p: ParsedEntity): string[] {
  const out: string[] = [];
  for (const ref of outgoingRefs(p.entity)) if (ref.targetRef !== undefined) out.push(ref.targetRef);
  return out;
}

/** Where an entity is defined and its kind as written: what the catalog-wide rules need besides relations. */
export type EntityDefinition = Pick<EntityRecordLite, 'ref' | 'file' | 'documentIndex' | 'kind'>;

/** The `duplicate-entity` error for a definition that repeats an earlier one. */
export function duplicateIssue(later: EntityDefinition, first: EntityDefinition): CrossFileIssue {
  const where = first.file === later.file ? `earlier in this file (document ${first.documentIndex + 1})` : `in ${first.file}`;
  return {
    file: later.file,
    documentIndex: later.documentIndex,
    entityRef: later.ref,
    issue: {
      path: ['metadata', 'name'],
      severity: 'error',
      code: 'duplicate-entity',
      message: `Entity "${later.ref}" is already defined ${where}; the catalog keeps only one of them`,
    },
  };
}

/** What the dangling-ref rule needs to know about the catalog. */
export interface RefLookup {
  has(ref: string): boolean;
  /** The known ref to suggest for a missing target, among the expected kinds. */
  suggest(targetRef: string, expectedKinds: readonly string[]): Suggestion | undefined;
  /** Display case of a lower-case kind, when known. */
  kindTitle(lowerKind: string): string | undefined;
}

/** A "did you mean" candidate and how far its name is from the missing one. */
export interface Suggestion {
  ref: string;
  distance: number;
}

/** `dangling-ref` warnings for every relation ref of `record` whose target is not known. */
export function danglingIssues(record: EntityRecordLite, known: RefLookup): CrossFileIssue[] {
  const out: CrossFileIssue[] = [];
  for (const ref of record.outgoing) {
    if (known.has(ref.targetRef)) continue;
    out.push({
      file: record.file,
      documentIndex: record.documentIndex,
      entityRef: record.ref,
      issue: { path: ref.path, severity: 'warning', code: 'dangling-ref', message: danglingMessage(record, ref, known) },
    });
  }
  return out;
}

/**
 * The refs a catalog defines and the display case of its kinds: all the
 * dangling-ref rule needs to know about the whole catalog, so the rule can run
 * wherever the entities were read.
 */
export interface CatalogRefs {
  refs: ReadonlySet<string>;
  /** Display case of each lower-case kind, as its first definition wrote it. */
  kindTitles: ReadonlyMap<string, string>;
}

/** A lookup over a catalog's refs; the near-name structure behind suggestions is built only if some ref dangles. */
export function catalogLookup(catalog: CatalogRefs): RefLookup {
  let known: KnownEntities | undefined;
  const full = () => {
    if (known) return known;
    known = new KnownEntities();
    for (const ref of catalog.refs) known.add(ref);
    return known;
  };
  return { has: ref => catalog.refs.has(ref), suggest: (t, k) => full().suggest(t, k), kindTitle: k => catalog.kindTitles.get(k) };
}

/** What the catalog-wide rules find from definitions alone. */
export interface DefinitionCheck {
  /** `duplicate-entity` errors on each definition of a ref after its first. */
  duplicates: CrossFileIssue[];
  /** What the dangling-ref rule needs to know about the catalog. */
  catalog: CatalogRefs;
}

/**
 * Duplicates and the catalog's refs and kind titles, from definitions given in
 * the order files were read, plus refs known from elsewhere (never duplicates).
 */
export function checkDefinitions(definitions: readonly EntityDefinition[], extraKnownRefs: Iterable<string> = []): DefinitionCheck {
  const refs = new Set<string>();
  const kindTitles = new Map<string, string>();
  const kindsSeen = new Set<string>();
  const duplicates: CrossFileIssue[] = [];
  // Where each ref was first defined: needed for the message only, so built at the first duplicate.
  let first: Map<string, EntityDefinition> | undefined;
  for (const definition of definitions) {
    const size = refs.size;
    refs.add(definition.ref);
    if (refs.size === size) {
      first ??= firstDefinitions(definitions);
      duplicates.push(duplicateIssue(definition, first.get(definition.ref)!));
    }
    if (kindsSeen.has(definition.kind)) continue;
    kindsSeen.add(definition.kind);
    const lower = definition.kind.toLowerCase();
    if (!kindTitles.has(lower)) kindTitles.set(lower, definition.kind);
  }
  for (const ref of extraKnownRefs) refs.add(ref);
  return { duplicates, catalog: { refs, kindTitles } };
}

function firstDefinitions(definitions: readonly EntityDefinition[]): Map<string, EntityDefinition> {
  const first = new Map<string, EntityDefinition>();
  for (const definition of definitions) if (!first.has(definition.ref)) first.set(definition.ref, definition);
  return first;
}

/** `dangling-ref` warnings of many records, in their order. */
export function danglingRefIssues(records: Iterable<EntityRecordLite>, known: RefLookup): CrossFileIssue[] {
  const out: CrossFileIssue[] = [];
  for (const record of records) {
    // Most records point only at known refs: check before building anything.
    if (record.outgoing.every(o => known.has(o.targetRef))) continue;
    out.push(...danglingIssues(record, known));
  }
  return out;
}

/** Options for a whole-catalog check. */
export interface CrossFileOptions {
  /** Refs known from elsewhere (a remote catalog, a snapshot) that count as present. */
  extraKnownRefs?: Iterable<string>;
}

/**
 * Every cross-file issue of a set of definitions given in the order files were
 * read: duplicates on each later definition, dangling refs on every definition.
 */
export function checkCrossFile(records: Iterable<EntityRecordLite>, options: CrossFileOptions = {}): CrossFileIssue[] {
  const list = Array.isArray(records) ? (records as EntityRecordLite[]) : [...records];
  const { duplicates, catalog } = checkDefinitions(list, options.extraKnownRefs);
  return [...duplicates, ...danglingRefIssues(list, catalogLookup(catalog))];
}

/** Kinds a ref in this field is expected to point at: its own kind first, then the field's. */
export function expectedKindsOf(record: EntityRecordLite, ref: OutgoingLite): string[] {
  const field = relationFieldFor(record.kind, String(ref.path[1]));
  return [...new Set([splitRef(ref.targetRef).kind, ...(field?.targetKinds ?? []).map(k => k.toLowerCase())])];
}

function danglingMessage(record: EntityRecordLite, ref: OutgoingLite, known: RefLookup): string {
  const field = relationFieldFor(record.kind, String(ref.path[1]));
  const target = splitRef(ref.targetRef);
  const written = safeSplit(ref.written);
  const kindTitle = kindTitleOf(written?.kind ?? field?.defaultKind ?? target.kind, known);
  const namespace = written?.namespace ?? target.namespace;
  const shown = namespace.toLowerCase() === DEFAULT_NAMESPACE ? (written?.name ?? target.name) : `${namespace}/${written?.name ?? target.name}`;
  const base = `${kindTitle} "${shown}" is not in the catalog`;
  const suggestion = known.suggest(ref.targetRef, expectedKindsOf(record, ref));
  if (!suggestion) return base;
  const context = { defaultKind: field?.defaultKind, defaultNamespace: splitRef(record.ref).namespace };
  return `${base}; did you mean "${formatRefForField(splitRef(suggestion.ref), context)}"?`;
}

function safeSplit(ref: string): { kind?: string; namespace?: string; name: string } | undefined {
  try {
    return splitEntityRef(ref);
  } catch {
    return undefined;
  }
}

/** The parts of a canonical ref `kind:namespace/name` (the name may hold `:` and `/`). */
export function splitRef(canonical: string): { kind: string; namespace: string; name: string } {
  const colon = canonical.indexOf(':');
  const slash = canonical.indexOf('/', colon + 1);
  return { kind: canonical.slice(0, colon), namespace: canonical.slice(colon + 1, slash), name: canonical.slice(slash + 1) };
}

const KIND_TITLES: ReadonlyMap<string, string> = new Map(
  [...Object.keys(BUILTIN_KINDS), ...Object.keys(PLUGIN_KINDS)].map(k => [k.toLowerCase(), k]),
);

function kindTitleOf(kind: string, known: RefLookup): string {
  const lower = kind.toLowerCase();
  const title = KIND_TITLES.get(lower) ?? known.kindTitle(lower);
  if (title) return title;
  return kind === lower ? kind.charAt(0).toUpperCase() + kind.slice(1) : kind;
}

/** Largest edit distance still worth a "did you mean" for a name of this length. */
export function maxSuggestionDistance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * Lower-case names of one kind, as a few sorted runs of growing size (merged
 * like a binary counter) plus a small unsorted buffer: an insert never moves
 * 100,000 strings, and each run is searched with shared-prefix pruning. Removed
 * names stay behind as stale entries (absent from `refs`) until a merge drops them.
 */
interface KindNames {
  runs: string[][];
  buffer: string[];
  bufferSorted: boolean;
  stale: number;
  /** Refs per live name: one per namespace using it. */
  refs: Map<string, string[]>;
}

/** Buffered names sorted into a run past this many. */
const BUFFER_LIMIT = 64;

/**
 * The set of known entity refs, with lower-case names kept sorted per kind so a
 * near-name search walks shared prefixes once and skips whole runs of names
 * whose prefix is already too far (a trie walk without building a trie).
 */
export class KnownEntities implements RefLookup {
  private readonly refs = new Set<string>();
  private readonly byKind = new Map<string, KindNames>();
  private readonly kindTitles = new Map<string, string>();

  /** Adds a canonical ref; `kindAsWritten` keeps the display case of custom kinds. */
  add(ref: string, kindAsWritten?: string): void {
    if (kindAsWritten) this.rememberKindTitle(kindAsWritten);
    if (this.refs.has(ref)) return;
    this.refs.add(ref);
    const { kind, name } = splitRef(ref);
    const names = getOrCreate(this.byKind, kind, newKindNames);
    const list = names.refs.get(name);
    if (list) return void list.push(ref);
    names.refs.set(name, [ref]);
    names.buffer.push(name);
    names.bufferSorted = false;
    if (names.buffer.length >= BUFFER_LIMIT) flushBuffer(names);
  }

  /** Removes a canonical ref. */
  remove(ref: string): void {
    if (!this.refs.delete(ref)) return;
    const { kind, name } = splitRef(ref);
    const names = this.byKind.get(kind);
    const list = names?.refs.get(name);
    if (!names || !list) return;
    list.splice(list.indexOf(ref), 1);
    if (list.length > 0) return;
    names.refs.delete(name);
    names.stale++;
    if (names.refs.size === 0) this.byKind.delete(kind);
    else if (names.stale > Math.max(BUFFER_LIMIT, names.refs.size)) compactAll(names);
  }

  has(ref: string): boolean {
    return this.refs.has(ref);
  }

  get size(): number {
    return this.refs.size;
  }

  /** Display case of a lower-case kind, when some entity wrote it. */
  kindTitle(lowerKind: string): string | undefined {
    return this.kindTitles.get(lowerKind);
  }

  /**
   * Known refs whose name is within `maxDistance` edits of `name` (case-insensitive),
   * of the given kinds (all kinds when omitted), each with its distance.
   */
  near(name: string, kinds: readonly string[] | undefined, maxDistance: number): { ref: string; distance: number }[] {
    const query = name.toLowerCase();
    const out: { ref: string; distance: number }[] = [];
    const kindList = kinds ? [...new Set(kinds.map(k => k.toLowerCase()))] : [...this.byKind.keys()];
    const rows = dpRows(query);
    for (const kind of kindList) {
      const names = this.byKind.get(kind);
      if (!names) continue;
      for (const [name, distance] of nearInKind(names, query, maxDistance, rows)) {
        for (const ref of names.refs.get(name) ?? []) out.push({ ref, distance });
      }
    }
    return out;
  }

  /**
   * The best known ref to suggest for a missing `targetRef` among the expected
   * kinds. Searches distance 0, then 1, ... so that in a catalog of numbered
   * names (service-1 ... service-99999) the tight first searches prune hard.
   */
  suggest(targetRef: string, expectedKinds: readonly string[]): Suggestion | undefined {
    const target = splitRef(targetRef);
    for (let distance = 0; distance <= maxSuggestionDistance(target.name.length); distance++) {
      let best: Suggestion | undefined;
      for (const c of this.near(target.name, expectedKinds, distance)) {
        if (c.ref !== targetRef && (!best || isBetterSuggestion(c, best, targetRef))) best = c;
      }
      if (best) return best;
    }
    return undefined;
  }

  private rememberKindTitle(kind: string): void {
    const lower = kind.toLowerCase();
    if (!this.kindTitles.has(lower)) this.kindTitles.set(lower, kind);
  }
}

function newKindNames(): KindNames {
  return { runs: [], buffer: [], bufferSorted: true, stale: 0, refs: new Map() };
}

/** Sorts the buffer into a run, merging it with smaller-or-equal runs before it. */
function flushBuffer(names: KindNames): void {
  let run = mergeRuns(names, sortedBuffer(names), []);
  names.buffer = [];
  names.bufferSorted = true;
  while (names.runs.length > 0 && names.runs[names.runs.length - 1].length <= run.length) {
    run = mergeRuns(names, names.runs.pop()!, run);
  }
  if (run.length > 0) names.runs.push(run);
}

/** Rebuilds one run from every live name (after many removals). */
function compactAll(names: KindNames): void {
  names.runs = [[...names.refs.keys()].sort(compareStrings)];
  names.buffer = [];
  names.bufferSorted = true;
  names.stale = 0;
}

/** The buffer, sorted in place the first time it is needed after an insert. */
function sortedBuffer(names: KindNames): string[] {
  if (!names.bufferSorted) {
    names.buffer.sort(compareStrings);
    names.bufferSorted = true;
  }
  return names.buffer;
}

/** Merges two sorted runs, dropping stale and repeated names. */
function mergeRuns(names: KindNames, left: readonly string[], right: readonly string[]): string[] {
  const merged: string[] = [];
  let a = 0;
  let b = 0;
  while (a < left.length || b < right.length) {
    const takeLeft = b >= right.length || (a < left.length && left[a] <= right[b]);
    const name = takeLeft ? left[a++] : right[b++];
    if (names.refs.has(name) && merged[merged.length - 1] !== name) merged.push(name);
  }
  return merged;
}

/** Live names of a kind within `max` edits of `query`, each once, with its distance. */
function nearInKind(names: KindNames, query: string, max: number, rows: Int32Array[]): Map<string, number> {
  const out = new Map<string, number>();
  const search = (list: readonly string[]) => {
    if (list.length === 0) return;
    for (const hit of nearInSorted(list, query, max, rows)) {
      if (names.refs.has(hit.name)) out.set(hit.name, hit.distance);
    }
  };
  names.runs.forEach(search);
  search(sortedBuffer(names));
  return out;
}

/** First index after `i` whose name does not start with the first `length` chars of `name` (galloping search). */
function skipPrefix(sorted: readonly string[], i: number, name: string, length: number): number {
  const prefix = name.slice(0, length);
  let step = 1;
  let lo = i;
  let hi = i + 1;
  while (hi < sorted.length && sorted[hi].startsWith(prefix)) {
    lo = hi;
    step *= 2;
    hi = i + step;
  }
  hi = Math.min(hi, sorted.length);
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].startsWith(prefix)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Names of a sorted list within `max` edits of `query` (optimal string
 * alignment). Each name reuses the DP rows of the prefix it shares with the
 * previous one; when a prefix row already exceeds `max`, every name with that
 * prefix is skipped with a binary search.
 */
function nearInSorted(sorted: readonly string[], query: string, max: number, rows: Int32Array[]): { name: string; distance: number }[] {
  const out: { name: string; distance: number }[] = [];
  const width = query.length + 1;
  let previous = '';
  let valid = 0;
  let i = 0;
  while (i < sorted.length) {
    const name = sorted[i];
    let depth = Math.min(commonPrefixLength(previous, name), valid);
    let prunedAt = -1;
    while (depth < name.length) {
      depth++;
      if (rows.length <= depth) rows.push(new Int32Array(width));
      if (fillRow(rows, depth, name, query, max) > max) {
        prunedAt = depth;
        break;
      }
    }
    previous = name;
    valid = depth;
    if (prunedAt !== -1) {
      i = skipPrefix(sorted, i, name, prunedAt);
      continue;
    }
    const distance = Math.abs(name.length - query.length) <= max ? rows[name.length][query.length] : max + 1;
    if (distance <= max) out.push({ name, distance });
    i++;
  }
  return out;
}

/** DP rows for one query, reused by every list it is searched in (row 0 is fixed). */
function dpRows(query: string): Int32Array[] {
  return [Int32Array.from({ length: query.length + 1 }, (_, j) => j)];
}

/**
 * Computes DP row `depth` (name[depth-1] against the query) inside the band
 * |depth - j| <= max only: cells outside it can never come back under `max`,
 * so they are fenced with `max + 1`. Returns the row minimum.
 */
function fillRow(rows: Int32Array[], depth: number, name: string, query: string, max: number): number {
  const row = rows[depth];
  const prev = rows[depth - 1];
  const prevPrev = depth > 1 ? rows[depth - 2] : undefined;
  const c = name.charCodeAt(depth - 1);
  const cBefore = depth > 1 ? name.charCodeAt(depth - 2) : -1;
  const lo = Math.max(1, depth - max);
  const hi = Math.min(query.length, depth + max);
  const fence = max + 1;
  row[0] = depth;
  if (lo > 1) row[lo - 1] = fence;
  if (hi < query.length) row[hi + 1] = fence;
  let min = depth <= max ? depth : fence;
  for (let j = lo; j <= hi; j++) {
    const q = query.charCodeAt(j - 1);
    let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (c === q ? 0 : 1));
    if (prevPrev && j > 1 && c === query.charCodeAt(j - 2) && cBefore === q) value = Math.min(value, prevPrev[j - 2] + 1);
    if (value > fence) value = fence;
    row[j] = value;
    if (value < min) min = value;
  }
  return min;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Whether `a` is a better suggestion than `b` for a missing `targetRef`:
 * nearer name, then the same kind, then the same namespace, then ref order.
 */
export function isBetterSuggestion(a: Suggestion, b: Suggestion, targetRef: string): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  const target = splitRef(targetRef);
  const pa = splitRef(a.ref);
  const pb = splitRef(b.ref);
  const kindA = pa.kind === target.kind ? 0 : 1;
  const kindB = pb.kind === target.kind ? 0 : 1;
  if (kindA !== kindB) return kindA < kindB;
  const nsA = pa.namespace === target.namespace ? 0 : 1;
  const nsB = pb.namespace === target.namespace ? 0 : 1;
  if (nsA !== nsB) return nsA < nsB;
  return a.ref < b.ref;
}


function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
