import { compareDiagnostics, Diagnostic, Range } from '../diagnostics';
import { EntityRelation } from '../model/entity';
import { normalizeEntityRef, RefContext } from '../model/ref';
import { RELATION_PAIRS } from '../model/relations';
import { parseYamlFile, PositionedFile } from '../parse/yamlFile';
import { CatalogSink, Disposable } from '../sources/catalogSource';
import { FileResult, Issue, ParsedEntity } from '../validate/types';
import {
  CrossFileIssue,
  danglingIssues,
  duplicateIssue,
  EntityRecordLite,
  isBetterSuggestion,
  KnownEntities,
  maxSuggestionDistance,
  RefLookup,
  splitRef,
  Suggestion,
  toLite,
} from './crossFile';

/** What changed in one write (or one batch of writes). Refs are canonical. */
export interface CatalogChange {
  /** Refs that did not exist before. */
  added: string[];
  /** Refs that no longer exist. */
  removed: string[];
  /** Refs whose winning definition or relations changed. */
  updated: string[];
  /** Files whose entities or diagnostics may have changed. */
  files: string[];
}

export type CatalogChangeListener = (change: CatalogChange) => void;

/** Gives a cross-file issue its place in the file; undefined falls back to the entity's first line. */
export type IssueLocator = (entity: ParsedEntity, issue: Issue) => Range | undefined;

export interface CatalogIndexOptions {
  locate?: IssueLocator;
}

/** Increment when the snapshot shape changes; readers refuse other versions. */
export const SNAPSHOT_VERSION = 1;

/** One file as stored in a snapshot. */
export interface FileSnapshot extends FileResult {
  source?: string;
}

/** The whole index as plain JSON: files in the order they were read. */
export interface CatalogSnapshot {
  version: number;
  files: FileSnapshot[];
}

/** A search field set, lower-cased once at insert time. */
interface SearchFields {
  name: string;
  title: string;
  description: string;
  tags: string[];
}

/** One definition of an entity in one file. */
interface Definition {
  parsed: ParsedEntity;
  lite: EntityRecordLite;
  file: string;
  seq: number;
  search: SearchFields;
}

interface FileEntry {
  seq: number;
  source?: string;
  result: FileResult;
  defs: Definition[];
}

/** Changes collected while a batch is open. */
interface PendingChange {
  existedBefore: Map<string, boolean>;
  touched: Set<string>;
  files: Set<string>;
}

/**
 * The one catalog every feature reads: entities by file, by ref, by kind and by
 * relation (both directions), text search, and per-file diagnostics including
 * the cross-file rules, all kept current incrementally on every write.
 */
export class CatalogIndex implements CatalogSink {
  private readonly fileEntries = new Map<string, FileEntry>();
  private nextSeq = 0;
  /** Definitions per ref, ordered by (file read order, document index); [0] wins. */
  private readonly defs = new Map<string, Definition[]>();
  private readonly known = new KnownEntities();
  private readonly refsByKind = new Map<string, Set<string>>();
  /** target -> relation -> source ref -> count, from winning definitions only. */
  private readonly incoming = new Map<string, Map<string, Map<string, number>>>();
  /** target -> referring file -> count, from every definition (drives dangling-ref updates). */
  private readonly referrers = new Map<string, Map<string, number>>();
  private readonly crossCache = new Map<string, CrossFileIssue[]>();
  private readonly suggestions = new SuggestionCache();
  private readonly lookup: RefLookup = {
    has: ref => this.known.has(ref),
    kindTitle: kind => this.known.kindTitle(kind),
    suggest: (target, kinds) => this.suggestions.get(target, kinds, () => this.known.suggest(target, kinds)),
  };
  private readonly listeners = new Set<CatalogChangeListener>();
  private readonly locate: IssueLocator;
  private batchDepth = 0;
  private pending: PendingChange = newPending();

  constructor(options: CatalogIndexOptions = {}) {
    this.locate = options.locate ?? (() => undefined);
  }

  /** Rebuilds an index from a snapshot; throws on an unknown version. */
  static fromSnapshot(snapshot: CatalogSnapshot, options: CatalogIndexOptions = {}): CatalogIndex {
    if (snapshot?.version !== SNAPSHOT_VERSION || !Array.isArray(snapshot.files)) {
      throw new Error(`Unsupported catalog snapshot version ${String(snapshot?.version)} (expected ${SNAPSHOT_VERSION})`);
    }
    const index = new CatalogIndex(options);
    for (const f of snapshot.files) {
      index.upsertFile({ file: f.file, entities: f.entities, diagnostics: f.diagnostics }, f.source);
    }
    return index;
  }

  /** The index as plain JSON (shares objects with the index: treat as read-only). */
  toSnapshot(): CatalogSnapshot {
    const files: FileSnapshot[] = [];
    for (const [file, entry] of this.fileEntries) {
      const f: FileSnapshot = { file, entities: entry.result.entities, diagnostics: entry.result.diagnostics };
      if (entry.source !== undefined) f.source = entry.source;
      files.push(f);
    }
    return { version: SNAPSHOT_VERSION, files };
  }

  // ---- writes ----

  /** Replaces every entity of `result.file` with the new ones, atomically; `source` tags the file. */
  upsertFile(result: FileResult, source?: string): void {
    this.batch(() => {
      const old = this.fileEntries.get(result.file);
      const seq = old?.seq ?? this.nextSeq++;
      const defs = result.entities.map(p => makeDefinition(p, result.file, seq));
      this.fileEntries.set(result.file, { seq, source: source ?? old?.source, result, defs });
      this.replaceDefinitions(result.file, old?.defs ?? [], defs);
    });
  }

  /** Removes a file and its entities; a later duplicate of a removed entity becomes the winner. */
  removeFile(file: string): void {
    const old = this.fileEntries.get(file);
    if (!old) return;
    this.batch(() => {
      this.fileEntries.delete(file);
      this.replaceDefinitions(file, old.defs, []);
    });
  }

  /** Removes every file a source reported. */
  removeSource(source: string): void {
    this.batch(() => {
      for (const file of this.filesOfSource(source)) this.removeFile(file);
    });
  }

  /** A sink that tags every file it writes with `source`. */
  sinkFor(source: string): CatalogSink {
    return {
      upsertFile: result => this.upsertFile(result, source),
      removeFile: file => this.removeFile(file),
      batch: fn => this.batch(fn),
    };
  }

  /** Runs `fn` and announces all its writes as one change. */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) this.flush();
    }
  }

  /** Listens to changes; dispose the result to stop. */
  onDidChange(listener: CatalogChangeListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  // ---- reads ----

  /** The winning definition of a ref, written in any case or short form (with a context for defaults). */
  get(ref: string, context?: RefContext): ParsedEntity | undefined {
    return this.definitionList(ref, context)?.[0]?.parsed;
  }

  has(ref: string, context?: RefContext): boolean {
    return this.definitionList(ref, context) !== undefined;
  }

  /** Every definition of a ref, the winner first. */
  definitionsOf(ref: string, context?: RefContext): ParsedEntity[] {
    return (this.definitionList(ref, context) ?? []).map(d => d.parsed);
  }

  /** Number of distinct entities. */
  get size(): number {
    return this.defs.size;
  }

  /** The winning definition of every entity. */
  allEntities(): ParsedEntity[] {
    const out: ParsedEntity[] = [];
    for (const list of this.defs.values()) out.push(list[0].parsed);
    return out;
  }

  /** Entities of one kind (case-insensitive). */
  byKind(kind: string): ParsedEntity[] {
    return this.winnersOf(this.refsByKind.get(kind.toLowerCase()) ?? []);
  }

  /** Kinds present, with their display case and entity count. */
  kinds(): { kind: string; count: number }[] {
    return [...this.refsByKind].map(([lower, refs]) => ({ kind: this.known.kindTitle(lower) ?? lower, count: refs.size }));
  }

  /** Entities whose owner is `owner` (kind defaults to Group). */
  byOwner(owner: string, context: RefContext = { defaultKind: 'Group' }): ParsedEntity[] {
    const target = this.canonical(owner, context);
    if (!target) return [];
    return this.winnersOf(this.incoming.get(target)?.get('ownedBy')?.keys() ?? []);
  }

  /** Refs related to `ref` by `type` in either direction (`ownerOf` lists what a group owns). */
  related(ref: string, type: string, context?: RefContext): string[] {
    const source = this.canonical(ref, context);
    if (!source) return [];
    const out = new Set<string>();
    for (const o of this.defs.get(source)?.[0].lite.outgoing ?? []) if (o.relation === type) out.add(o.targetRef);
    const reverse = RELATION_PAIRS[type];
    for (const s of (reverse && this.incoming.get(source)?.get(reverse)?.keys()) || []) out.add(s);
    return [...out].sort();
  }

  /** Every relation of an entity, both those it declares and those declared toward it. */
  relationsOf(ref: string, context?: RefContext): EntityRelation[] {
    const source = this.canonical(ref, context);
    if (!source) return [];
    const seen = new Set<string>();
    const out: EntityRelation[] = [];
    const push = (type: string, targetRef: string) => {
      const key = `${type} ${targetRef}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ type, targetRef });
    };
    for (const o of this.defs.get(source)?.[0].lite.outgoing ?? []) push(o.relation, o.targetRef);
    for (const [relation, sources] of this.incoming.get(source) ?? []) {
      for (const s of sources.keys()) push(RELATION_PAIRS[relation] ?? relation, s);
    }
    return out.sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.targetRef, b.targetRef));
  }

  /** Every entity a file defines, in document order (duplicates included). */
  entitiesOfFile(file: string): ParsedEntity[] {
    return this.fileEntries.get(file)?.defs.map(d => d.parsed) ?? [];
  }

  /** The stored result of a file. */
  fileResult(file: string): FileResult | undefined {
    return this.fileEntries.get(file)?.result;
  }

  /** Files in the order they were first read. */
  files(): string[] {
    return [...this.fileEntries.keys()];
  }

  /** Files a source reported. */
  filesOfSource(source: string): string[] {
    return [...this.fileEntries].filter(([, e]) => e.source === source).map(([f]) => f);
  }

  /**
   * Entities matching `query` in name, title, description or tags (case-insensitive),
   * best first: exact name, name prefix, name substring, then title, tags, description.
   */
  search(query: string, options: { kinds?: string[]; limit?: number } = {}): ParsedEntity[] {
    const q = query.trim().toLowerCase();
    const kinds = options.kinds?.map(k => k.toLowerCase());
    const hits: { def: Definition; score: number }[] = [];
    for (const [ref, list] of this.defs) {
      if (kinds && !kinds.includes(splitRef(ref).kind)) continue;
      const score = q === '' ? 0 : searchScore(list[0].search, q);
      if (score >= 0) hits.push({ def: list[0], score });
    }
    hits.sort((a, b) => a.score - b.score || compareStrings(a.def.lite.ref, b.def.lite.ref));
    return hits.slice(0, options.limit ?? hits.length).map(h => h.def.parsed);
  }

  /** Cross-file issues of a file (duplicates, dangling refs), computed on demand and cached. */
  crossFileIssuesOf(file: string): CrossFileIssue[] {
    const cached = this.crossCache.get(file);
    if (cached) return cached;
    const entry = this.fileEntries.get(file);
    if (!entry) return [];
    const out: CrossFileIssue[] = [];
    for (const def of entry.defs) {
      const winner = this.defs.get(def.lite.ref)?.[0];
      if (winner && winner !== def) out.push(duplicateIssue(def.lite, winner.lite));
      out.push(...danglingIssues(def.lite, this.lookup));
    }
    this.crossCache.set(file, out);
    return out;
  }

  /** The file's own diagnostics plus its cross-file ones, in file order. */
  diagnosticsOf(file: string): Diagnostic[] {
    const entry = this.fileEntries.get(file);
    if (!entry) return [];
    const out = [...entry.result.diagnostics];
    for (const c of this.crossFileIssuesOf(file)) out.push(this.toDiagnostic(entry, c));
    return out.sort(compareDiagnostics);
  }

  // ---- internals ----

  private toDiagnostic(entry: FileEntry, c: CrossFileIssue): Diagnostic {
    const def = entry.defs.find(d => d.parsed.documentIndex === c.documentIndex && d.lite.ref === c.entityRef);
    const range = (def && this.locate(def.parsed, c.issue)) ?? firstLineOf(def?.parsed.range);
    return { file: c.file, range, severity: c.issue.severity, code: c.issue.code, message: c.issue.message, entityRef: c.entityRef };
  }

  private canonical(ref: string, context?: RefContext): string | undefined {
    return this.defs.has(ref) ? ref : normalizeEntityRef(ref, context);
  }

  private definitionList(ref: string, context?: RefContext): Definition[] | undefined {
    const canonical = this.canonical(ref, context);
    return canonical === undefined ? undefined : this.defs.get(canonical);
  }

  private winnersOf(refs: Iterable<string>): ParsedEntity[] {
    const out: ParsedEntity[] = [];
    for (const ref of refs) {
      const winner = this.defs.get(ref)?.[0];
      if (winner) out.push(winner.parsed);
    }
    return out;
  }

  /** Swaps a file's definitions and brings every derived structure up to date. */
  private replaceDefinitions(file: string, oldDefs: Definition[], newDefs: Definition[]): void {
    const refs = new Set([...oldDefs, ...newDefs].map(d => d.lite.ref));
    const winnersBefore = new Map<string, Definition | undefined>();
    for (const ref of refs) {
      winnersBefore.set(ref, this.defs.get(ref)?.[0]);
      this.noteExistence(ref);
    }
    const targets = new Set<string>();
    for (const d of oldDefs) this.removeDefinition(d, targets);
    for (const d of newDefs) this.insertDefinition(d, targets);
    for (const t of [...targets, ...refs]) this.dropStaleSuggestions(t);
    this.markDirty(file);
    for (const ref of refs) this.settleRef(ref, winnersBefore.get(ref));
  }

  private insertDefinition(d: Definition, targets: Set<string>): void {
    const list = this.defs.get(d.lite.ref) ?? [];
    let at = list.length;
    while (at > 0 && compareDefs(list[at - 1], d) > 0) at--;
    list.splice(at, 0, d);
    this.defs.set(d.lite.ref, list);
    for (const o of d.lite.outgoing) {
      const files = this.referrers.get(o.targetRef) ?? new Map<string, number>();
      files.set(d.file, (files.get(d.file) ?? 0) + 1);
      this.referrers.set(o.targetRef, files);
      targets.add(o.targetRef);
    }
  }

  private removeDefinition(d: Definition, targets: Set<string>): void {
    const list = this.defs.get(d.lite.ref);
    const at = list?.indexOf(d) ?? -1;
    if (list && at !== -1) list.splice(at, 1);
    if (list && list.length === 0) this.defs.delete(d.lite.ref);
    for (const o of d.lite.outgoing) {
      const files = this.referrers.get(o.targetRef);
      if (!files) continue;
      const n = (files.get(d.file) ?? 0) - 1;
      if (n > 0) files.set(d.file, n);
      else files.delete(d.file);
      if (files.size === 0) this.referrers.delete(o.targetRef);
      targets.add(o.targetRef);
    }
  }

  /** Forgets suggestions for a target that is now defined or no longer referenced. */
  private dropStaleSuggestions(ref: string): void {
    if (!this.referrers.has(ref) || this.defs.has(ref)) this.suggestions.forget(ref);
  }

  /** After a ref's definitions changed: existence, kind lists, relations, dirty files. */
  private settleRef(ref: string, before: Definition | undefined): void {
    const list = this.defs.get(ref);
    const winner = list?.[0];
    for (const d of list ?? []) this.markDirty(d.file);
    if (winner === before) return;
    if (!before && winner) this.appear(ref, winner);
    if (before && !winner) this.disappear(ref);
    this.swapRelations(ref, before, winner);
    if (before && winner && !sameContent(before, winner)) this.pending.touched.add(ref);
  }

  private appear(ref: string, winner: Definition): void {
    this.known.add(ref, winner.lite.kind);
    const kind = splitRef(ref).kind;
    const set = this.refsByKind.get(kind) ?? new Set<string>();
    set.add(ref);
    this.refsByKind.set(kind, set);
    this.invalidateReferrersNear(ref, true);
  }

  private disappear(ref: string): void {
    this.known.remove(ref);
    const kind = splitRef(ref).kind;
    const set = this.refsByKind.get(kind);
    set?.delete(ref);
    if (set?.size === 0) this.refsByKind.delete(kind);
    this.invalidateReferrersNear(ref, false);
  }

  /**
   * A ref appeared or vanished: files pointing at it change their dangling-ref
   * verdict, and files pointing at a near missing name change their suggestion
   * when this ref beats (or was) the suggestion they were given. Only targets
   * whose suggestion was ever computed can be affected, so only those are searched.
   */
  private invalidateReferrersNear(ref: string, appeared: boolean): void {
    this.markReferrersDirty(ref);
    for (const target of this.suggestions.invalidate(ref, appeared)) this.markReferrersDirty(target);
  }

  private markReferrersDirty(target: string): void {
    for (const file of this.referrers.get(target)?.keys() ?? []) this.markDirty(file);
  }

  /** Moves a ref's relation contributions from the old winner to the new one. */
  private swapRelations(ref: string, before: Definition | undefined, after: Definition | undefined): void {
    const oldKeys = relationKeys(before);
    const newKeys = relationKeys(after);
    for (const [key, o] of oldKeys) {
      if (newKeys.has(key)) continue;
      this.adjustIncoming(o.targetRef, o.relation, ref, -1);
      this.pending.touched.add(o.targetRef);
    }
    for (const [key, o] of newKeys) {
      if (oldKeys.has(key)) continue;
      this.adjustIncoming(o.targetRef, o.relation, ref, 1);
      this.pending.touched.add(o.targetRef);
    }
  }

  private adjustIncoming(target: string, relation: string, source: string, delta: number): void {
    const byRelation = this.incoming.get(target) ?? new Map<string, Map<string, number>>();
    const sources = byRelation.get(relation) ?? new Map<string, number>();
    const n = (sources.get(source) ?? 0) + delta;
    if (n > 0) sources.set(source, n);
    else sources.delete(source);
    if (sources.size > 0) byRelation.set(relation, sources);
    else byRelation.delete(relation);
    if (byRelation.size > 0) this.incoming.set(target, byRelation);
    else this.incoming.delete(target);
  }

  private noteExistence(ref: string): void {
    if (!this.pending.existedBefore.has(ref)) this.pending.existedBefore.set(ref, this.defs.has(ref));
  }

  private markDirty(file: string): void {
    this.crossCache.delete(file);
    this.pending.files.add(file);
  }

  /** Turns the collected changes into one event. */
  private flush(): void {
    const pending = this.pending;
    this.pending = newPending();
    const change: CatalogChange = { added: [], removed: [], updated: [], files: [...pending.files] };
    for (const ref of new Set([...pending.existedBefore.keys(), ...pending.touched])) {
      const now = this.defs.has(ref);
      const before = pending.existedBefore.get(ref) ?? now;
      if (now && !before) change.added.push(ref);
      else if (before && !now) change.removed.push(ref);
      else if (now && pending.touched.has(ref)) change.updated.push(ref);
    }
    if (change.added.length + change.removed.length + change.updated.length + change.files.length === 0) return;
    this.emit(change);
  }

  private emit(change: CatalogChange): void {
    let failure: unknown;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (e) {
        // One faulty listener must not starve the others; the first error still surfaces.
        failure ??= e;
      }
    }
    if (failure !== undefined) throw failure;
  }
}

/**
 * "Did you mean" answers computed for missing targets, per expected-kinds key
 * (null: nothing near). Targets are bucketed by the largest distance at which a
 * new ref could still change one of their answers, so a ref that comes or goes
 * searches each bucket only that far: in a catalog of numbered names most
 * answers are one edit away and the search stays tight.
 */
class SuggestionCache {
  private readonly entries = new Map<string, Map<string, Suggestion | null>>();
  private readonly byRadius: KnownEntities[] = Array.from({ length: MAX_RADIUS + 1 }, () => new KnownEntities());
  private readonly radius = new Map<string, number>();

  /** The cached answer, computing it on first use. */
  get(target: string, kinds: readonly string[], compute: () => Suggestion | undefined): Suggestion | undefined {
    const key = [...kinds].sort().join(',');
    const byKinds = this.entries.get(target) ?? new Map<string, Suggestion | null>();
    if (!byKinds.has(key)) {
      byKinds.set(key, compute() ?? null);
      this.entries.set(target, byKinds);
      this.reposition(target);
    }
    return byKinds.get(key) ?? undefined;
  }

  forget(target: string): void {
    if (!this.entries.delete(target)) return;
    const r = this.radius.get(target);
    if (r !== undefined) this.byRadius[r].remove(target);
    this.radius.delete(target);
  }

  /** Drops the answers `ref` coming (or going) changes; returns their targets. */
  invalidate(ref: string, appeared: boolean): string[] {
    if (this.entries.size === 0) return [];
    const { kind, name } = splitRef(ref);
    const affected: string[] = [];
    this.byRadius.forEach((bucket, r) => {
      if (bucket.size === 0) return;
      for (const near of bucket.near(name, undefined, r)) {
        if (this.dropAnswers(near.ref, { ref, distance: near.distance }, kind, appeared)) affected.push(near.ref);
      }
    });
    return affected;
  }

  private dropAnswers(target: string, candidate: Suggestion, kind: string, appeared: boolean): boolean {
    const byKinds = this.entries.get(target);
    if (!byKinds) return false;
    const limit = maxSuggestionDistance(splitRef(target).name.length);
    let changed = false;
    for (const [key, best] of byKinds) {
      const stale = appeared
        ? candidate.distance <= limit && key.split(',').includes(kind) && (best === null || isBetterSuggestion(candidate, best, target))
        : best?.ref === candidate.ref;
      if (stale) changed = byKinds.delete(key);
    }
    if (changed) this.reposition(target);
    return changed;
  }

  /** Files the target under the radius its answers need, or forgets it when none are left. */
  private reposition(target: string): void {
    const byKinds = this.entries.get(target);
    if (!byKinds || byKinds.size === 0) return this.forget(target);
    const limit = maxSuggestionDistance(splitRef(target).name.length);
    let r = 0;
    for (const best of byKinds.values()) r = Math.max(r, best ? best.distance : limit);
    const old = this.radius.get(target);
    if (old === r) return;
    if (old !== undefined) this.byRadius[old].remove(target);
    this.byRadius[r].add(target);
    this.radius.set(target, r);
  }
}

/** The largest "did you mean" distance for any name. */
const MAX_RADIUS = maxSuggestionDistance(Number.MAX_SAFE_INTEGER);

/**
 * An IssueLocator that finds the exact node of an issue in the file's text,
 * re-parsing only when asked for a different file than last time.
 */
export function locatorFromText(readText: (file: string) => string | undefined): IssueLocator {
  let last: { file: string; parsed: PositionedFile | undefined } | undefined;
  return (entity, issue) => {
    if (last?.file !== entity.file) {
      const text = readText(entity.file);
      last = { file: entity.file, parsed: text === undefined ? undefined : parseYamlFile(text) };
    }
    return last.parsed?.locate(entity.documentIndex, issue.path, issue.part);
  };
}

function newPending(): PendingChange {
  return { existedBefore: new Map(), touched: new Set(), files: new Set() };
}

function makeDefinition(parsed: ParsedEntity, file: string, seq: number): Definition {
  const lite = toLite(parsed);
  lite.file = file;
  return { parsed, lite, file, seq, search: searchFieldsOf(parsed) };
}

function searchFieldsOf(p: ParsedEntity): SearchFields {
  const m = p.entity.metadata ?? { name: '' };
  const str = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
  const tags = Array.isArray(m.tags) ? m.tags.filter((t): t is string => typeof t === 'string').map(t => t.toLowerCase()) : [];
  return { name: str(m.name), title: str(m.title), description: str(m.description), tags };
}

/** Lower is better; -1 means no match. Each field ranks exact < prefix < substring. */
function searchScore(s: SearchFields, q: string): number {
  const tiers: [string[], number][] = [
    [[s.name], 0],
    [[s.title], 3],
    [s.tags, 6],
  ];
  for (const [values, base] of tiers) {
    let best = -1;
    for (const v of values) {
      const t = v === q ? 0 : v.startsWith(q) ? 1 : v.includes(q) ? 2 : -1;
      if (t !== -1 && (best === -1 || t < best)) best = t;
    }
    if (best !== -1) return base + best;
  }
  return s.description.includes(q) ? 9 : -1;
}

function compareDefs(a: Definition, b: Definition): number {
  return a.seq - b.seq || a.parsed.documentIndex - b.parsed.documentIndex;
}

function relationKeys(d: Definition | undefined): Map<string, { targetRef: string; relation: string }> {
  const out = new Map<string, { targetRef: string; relation: string }>();
  for (const o of d?.lite.outgoing ?? []) out.set(`${o.relation} ${o.targetRef}`, o);
  return out;
}

function sameContent(a: Definition, b: Definition): boolean {
  return a.parsed === b.parsed || JSON.stringify(a.parsed) === JSON.stringify(b.parsed);
}

function firstLineOf(range: Range | undefined): Range {
  if (!range) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const end = range.end.line === range.start.line ? range.end : range.start;
  return { start: range.start, end };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
