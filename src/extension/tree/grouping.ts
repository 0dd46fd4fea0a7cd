// The catalog tree's shape: entities grouped by kind, owner, system and domain,
// or namespace, after the text filter. Nodes are plain ids: an entity is its
// canonical ref, a group an id starting with `#`. Pure (no `vscode`), built in
// one pass over the index; children are sorted only when first asked for.
import type { GroupBy } from '../settings';
import { ParsedEntity } from '../../core/validate/types';
import { entityLabel, humanizeRef, kindIcon, matchesFilter, specRef } from './entityView';

export type { GroupBy };

/** A group node: a kind, an owner, a system, a domain, a namespace or a "none" bucket. */
export interface GroupNode {
  id: string;
  label: string;
  icon: string;
  /** Entities below the group, after the filter. */
  count: number;
  /** The catalog entity the group stands for (an owner, a system, a domain), when it exists. */
  entityRef?: string;
}

/** How to build a grouping: the filter, and a tag for group ids. */
export interface GroupingOptions {
  /** Filter terms (see filterTerms); empty shows everything. */
  terms?: readonly string[];
  /** Appended to every group id, so groups get fresh ids (and state) while a filter is active. */
  idTag?: string;
}

/** Display order of the built-in kinds in Kind mode; other kinds follow alphabetically. */
const KIND_ORDER = ['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'template', 'location'];
const KIND_PLURALS: Readonly<Record<string, string>> = {
  component: 'Components',
  api: 'APIs',
  resource: 'Resources',
  system: 'Systems',
  domain: 'Domains',
  group: 'Groups',
  user: 'Users',
  template: 'Templates',
  location: 'Locations',
};

/** True for group ids (entity refs never start with `#`). */
export function isGroupId(id: string): boolean {
  return id.startsWith('#');
}

interface MutableGroup extends GroupNode {
  children: string[];
  sorted: boolean;
  /** Order among siblings before the label (the "none" buckets go last). */
  rank: number;
  /** Kept while filtering even without matching children (its own entity matches). */
  keep: boolean;
}

/** The grouped catalog: roots, children and parents of every node. */
export class Grouping {
  private readonly groups = new Map<string, MutableGroup>();
  private readonly parents = new Map<string, string>();
  private readonly rootIds: string[] = [];
  private rootsSorted = false;
  /** Entities shown, after the filter. */
  shown = 0;

  constructor(
    readonly by: GroupBy,
    /** Entities in the catalog. */
    readonly total: number,
    private readonly lookup: (ref: string) => ParsedEntity | undefined,
  ) {}

  /** The top-level group ids, in display order. */
  roots(): string[] {
    if (!this.rootsSorted) this.sortIds(this.rootIds);
    this.rootsSorted = true;
    return this.rootIds;
  }

  /** A group node by id. */
  group(id: string): GroupNode | undefined {
    return this.groups.get(id);
  }

  /** Children of a group (group ids first, then entity refs), sorted by label. */
  childrenOf(id: string): string[] {
    const g = this.groups.get(id);
    if (!g) return [];
    if (!g.sorted) this.sortIds(g.children);
    g.sorted = true;
    return g.children;
  }

  /** True when a group has children (without sorting them). */
  hasChildren(id: string): boolean {
    return (this.groups.get(id)?.children.length ?? 0) > 0;
  }

  /** The group holding a node; undefined for roots and unknown ids. */
  parentOf(id: string): string | undefined {
    return this.parents.get(id);
  }

  /** True when the entity is shown somewhere in this grouping. */
  contains(ref: string): boolean {
    return this.parents.has(ref);
  }

  /** Adds a group (once) under `parent`, or at the top when parent is undefined. */
  ensureGroup(id: string, make: () => Omit<GroupNode, 'id' | 'count'> & { rank?: number }, parent?: string): MutableGroup {
    const existing = this.groups.get(id);
    if (existing) return existing;
    const { rank = 0, ...rest } = make();
    const g: MutableGroup = { ...rest, id, count: 0, children: [], sorted: false, rank, keep: false };
    this.groups.set(id, g);
    if (parent === undefined) this.rootIds.push(id);
    else {
      this.groups.get(parent)?.children.push(id);
      this.parents.set(id, parent);
    }
    return g;
  }

  /** Puts an entity in a group. */
  addEntity(groupId: string, ref: string): void {
    this.groups.get(groupId)?.children.push(ref);
    this.parents.set(ref, groupId);
    this.shown++;
  }

  /** Computes counts bottom-up and, when filtering, drops groups left empty. */
  settle(filtering: boolean): void {
    const visit = (id: string): number => {
      const g = this.groups.get(id);
      if (!g) return 1;
      g.count = g.children.reduce((n, c) => n + visit(c), 0);
      return g.count;
    };
    for (const id of this.rootIds) visit(id);
    if (filtering) this.prune();
  }

  private prune(): void {
    const alive = (id: string): boolean => {
      const g = this.groups.get(id);
      return !g || g.count > 0 || g.keep || g.children.some(alive);
    };
    const keepAlive = (ids: string[]) => {
      const kept = ids.filter(alive);
      ids.splice(0, ids.length, ...kept);
    };
    keepAlive(this.rootIds);
    for (const g of this.groups.values()) keepAlive(g.children);
  }

  private sortIds(ids: string[]): void {
    const keys = new Map(ids.map(id => [id, this.sortKey(id)] as const));
    ids.sort((a, b) => {
      const ka = keys.get(a)!;
      const kb = keys.get(b)!;
      return ka.rank - kb.rank || compare(ka.label, kb.label) || compare(a, b);
    });
  }

  private sortKey(id: string): { rank: number; label: string } {
    const g = this.groups.get(id);
    if (g) return { rank: g.rank, label: g.label.toLowerCase() };
    const e = this.lookup(id);
    // Groups come before entities when both share a parent.
    return { rank: 1000, label: e ? entityLabel(e.entity).toLowerCase() : id };
  }
}

/** Groups the entities as `by` says, keeping those matching the filter terms. */
export function buildGrouping(
  entities: readonly ParsedEntity[],
  by: GroupBy,
  lookup: (ref: string) => ParsedEntity | undefined,
  options: GroupingOptions = {},
): Grouping {
  const grouping = new Grouping(by, entities.length, lookup);
  const terms = options.terms ?? [];
  const ctx: BuildContext = { grouping, lookup, terms, tag: options.idTag ?? '' };
  const builders: Record<GroupBy, (e: ParsedEntity, ctx: BuildContext) => void> = {
    kind: addByKind,
    owner: addByOwner,
    system: addBySystem,
    namespace: addByNamespace,
  };
  // Systems and domains first, so their groups exist before their parts arrive.
  const ordered = by === 'system' ? [...entities].sort((a, b) => structureRank(a) - structureRank(b)) : entities;
  for (const e of ordered) builders[by](e, ctx);
  grouping.settle(terms.length > 0);
  return grouping;
}

interface BuildContext {
  grouping: Grouping;
  lookup: (ref: string) => ParsedEntity | undefined;
  terms: readonly string[];
  tag: string;
}

function addByKind(e: ParsedEntity, ctx: BuildContext): void {
  if (!matchesFilter(e, ctx.terms)) return;
  const kind = e.entity.kind.toLowerCase();
  const order = KIND_ORDER.indexOf(kind);
  const id = ctx.grouping.ensureGroup(`#kind:${kind}${ctx.tag}`, () => ({
    label: KIND_PLURALS[kind] ?? e.entity.kind,
    icon: kindIcon(kind),
    rank: order === -1 ? KIND_ORDER.length : order,
  })).id;
  ctx.grouping.addEntity(id, e.ref);
}

function addByOwner(e: ParsedEntity, ctx: BuildContext): void {
  if (!matchesFilter(e, ctx.terms)) return;
  const owner = specRef(e.entity, 'owner', 'Group');
  const id = owner
    ? ctx.grouping.ensureGroup(`#owner:${owner}${ctx.tag}`, () => entityGroup(owner, 'group', ctx)).id
    : ctx.grouping.ensureGroup(`#owner:${ctx.tag}`, () => ({ label: 'No owner', icon: 'circle-slash', rank: 1 })).id;
  ctx.grouping.addEntity(id, e.ref);
}

function addByNamespace(e: ParsedEntity, ctx: BuildContext): void {
  if (!matchesFilter(e, ctx.terms)) return;
  const namespace = e.ref.slice(e.ref.indexOf(':') + 1, e.ref.indexOf('/', e.ref.indexOf(':') + 1));
  const id = ctx.grouping.ensureGroup(`#ns:${namespace}${ctx.tag}`, () => ({ label: namespace, icon: 'symbol-namespace' })).id;
  ctx.grouping.addEntity(id, e.ref);
}

/** Domains, then systems, then their parts: Domain → System → entities, with "none" buckets. */
function addBySystem(e: ParsedEntity, ctx: BuildContext): void {
  const kind = e.entity.kind.toLowerCase();
  if (kind === 'domain') {
    domainGroup(e.ref, ctx).keep ||= ctx.terms.length > 0 && matchesFilter(e, ctx.terms);
    return;
  }
  if (kind === 'system') {
    systemGroup(e.ref, ctx).keep ||= ctx.terms.length > 0 && matchesFilter(e, ctx.terms);
    return;
  }
  if (!matchesFilter(e, ctx.terms)) return;
  const system = specRef(e.entity, 'system', 'System');
  const id = system
    ? systemGroup(system, ctx).id
    : ctx.grouping.ensureGroup(`#system:${ctx.tag}`, () => ({ label: 'Not in a system', icon: 'circle-slash', rank: 2 })).id;
  ctx.grouping.addEntity(id, e.ref);
}

function systemGroup(ref: string, ctx: BuildContext): MutableGroup {
  const system = ctx.lookup(ref);
  const domain = system && specRef(system.entity, 'domain', 'Domain');
  const parent = domain ? domainGroup(domain, ctx).id : noDomainGroup(ctx).id;
  return ctx.grouping.ensureGroup(`#system:${ref}${ctx.tag}`, () => entityGroup(ref, 'system', ctx), parent);
}

function domainGroup(ref: string, ctx: BuildContext): MutableGroup {
  return ctx.grouping.ensureGroup(`#domain:${ref}${ctx.tag}`, () => entityGroup(ref, 'domain', ctx));
}

function noDomainGroup(ctx: BuildContext): MutableGroup {
  return ctx.grouping.ensureGroup(`#domain:${ctx.tag}`, () => ({ label: 'No domain', icon: 'circle-slash', rank: 1 }));
}

/** A group standing for an entity: its label and icon when it exists, its ref otherwise. */
function entityGroup(ref: string, defaultKind: string, ctx: BuildContext): Omit<GroupNode, 'id' | 'count'> {
  const entity = ctx.lookup(ref);
  const kind = ref.slice(0, ref.indexOf(':'));
  if (!entity) return { label: humanizeRef(ref, defaultKind), icon: kindIcon(kind) };
  return { label: entityLabel(entity.entity), icon: kindIcon(kind), entityRef: entity.ref };
}

function structureRank(e: ParsedEntity): number {
  const kind = e.entity.kind.toLowerCase();
  return kind === 'domain' ? 0 : kind === 'system' ? 1 : 2;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
