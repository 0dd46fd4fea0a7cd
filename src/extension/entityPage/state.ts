// The entity page's state, built from the catalog index in pure code (no vscode import) so that it can be
// unit-tested; the panel posts it to the webview as it is.
import { Diagnostic } from '../../core/diagnostics';
import { Entity, EntityRelation, isRecord } from '../../core/model/entity';
import { splitEntityRef } from '../../core/model/ref';
import { ParsedEntity } from '../../core/validate/types';
import type {
  AboutRefView,
  EntityPageState,
  GraphDepth,
  GraphView,
  KeyValueView,
  LinkView,
  MissingView,
  ProblemView,
  RefView,
  RelationGroupView,
} from '../../../webview-ui/protocol';
import { layoutGraph, neighbourhood, relationTitle } from './graph';
import { displayKind, kindIcon, linkIcon } from './kindIcons';

/** What the page reads from the catalog (CatalogIndex has it all). */
export interface EntityPageSource {
  get(ref: string): ParsedEntity | undefined;
  has(ref: string): boolean;
  relationsOf(ref: string): EntityRelation[];
  diagnosticsOf(file: string): Diagnostic[];
}

export interface EntityPageOptions {
  /** How a file is shown to people; the absolute path by default. */
  describeFile?: (file: string) => string;
  /** The page's previous state, so that a deleted entity still shows its title and file. */
  previous?: EntityPageState;
  maxGraphNodes?: number;
}

/** Relation groups in the order the page lists them; unknown types follow, alphabetically. */
const RELATION_ORDER = [
  'ownedBy', 'ownerOf', 'partOf', 'hasPart', 'providesApi', 'apiProvidedBy', 'consumesApi', 'apiConsumedBy',
  'dependsOn', 'dependencyOf', 'parentOf', 'childOf', 'memberOf', 'hasMember',
];

/** The page state of `ref` (canonical) with its graph `depth` hops deep: the entity, or why there is none. */
export function buildEntityPageState(source: EntityPageSource, ref: string, depth: GraphDepth, options: EntityPageOptions = {}): EntityPageState {
  const parsed = source.get(ref);
  if (!parsed) return missingView(ref, options.previous);
  const describe = options.describeFile ?? (f => f);
  const entity = parsed.entity;
  const relations = source.relationsOf(parsed.ref);
  const refView = (target: string) => describeRef(source, target);
  const meta = entity.metadata;
  return {
    status: 'entity',
    ref: parsed.ref,
    kind: entity.kind,
    namespace: str(meta.namespace) ?? 'default',
    name: meta.name,
    title: titleOf(entity),
    icon: kindIcon(entity.kind),
    description: str(meta.description),
    type: str(entity.spec?.type),
    lifecycle: str(entity.spec?.lifecycle),
    tags: Array.isArray(meta.tags) ? meta.tags.filter((t): t is string => typeof t === 'string') : [],
    about: aboutRows(source, entity, relations),
    fields: profileFields(entity),
    links: linksOf(entity),
    labels: keyValues(meta.labels),
    annotations: keyValues(meta.annotations),
    relations: relationGroups(relations, refView),
    graph: graphOf(source, parsed.ref, depth, options),
    problems: problemsOf(source, parsed),
    source: { path: describe(parsed.file), line: parsed.range.start.line },
    rejected: parsed.rejected,
  };
}

/** A ref as a link: title and kind from the catalog when it exists, from the ref itself when it dangles. */
export function describeRef(source: Pick<EntityPageSource, 'get'>, ref: string): RefView {
  const parsed = source.get(ref);
  if (parsed) return { ref: parsed.ref, kind: parsed.entity.kind, label: titleOf(parsed.entity), icon: kindIcon(parsed.entity.kind), exists: true };
  const parts = safeSplit(ref);
  const kind = displayKind(parts.kind ?? '');
  return { ref, kind, label: parts.name, icon: kindIcon(kind), exists: false };
}

/** What people call an entity: its title, a user's or group's display name, or its name. */
export function titleOf(entity: Entity): string {
  const profile = isRecord(entity.spec?.profile) ? entity.spec.profile : {};
  return str(entity.metadata.title) ?? str(profile.displayName) ?? entity.metadata.name;
}

function missingView(ref: string, previous: EntityPageState | undefined): MissingView {
  const parts = safeSplit(ref);
  const kind = previous && previous.status !== 'loading' ? previous.kind : displayKind(parts.kind ?? '');
  const lastSource = previous?.status === 'entity' ? previous.source : previous?.status === 'missing' ? previous.lastSource : undefined;
  const title = previous && previous.status !== 'loading' ? previous.title : parts.name;
  return { status: 'missing', ref, kind, title, icon: kindIcon(kind), ...(lastSource ? { lastSource } : {}) };
}

/** Owner, system, domain and parent, read from the relations so that every way of writing them counts. */
function aboutRows(source: EntityPageSource, entity: Entity, relations: EntityRelation[]): AboutRefView[] {
  const targets = (type: string, kind?: string) =>
    relations.filter(r => r.type === type && (!kind || safeSplit(r.targetRef).kind === kind)).map(r => describeRef(source, r.targetRef));
  const rows: AboutRefView[] = [];
  const push = (label: string, list: RefView[], via?: RefView) => {
    if (list.length > 0) rows.push(via ? { label, targets: list, via } : { label, targets: list });
  };
  push('Owner', targets('ownedBy'));
  push('Parent', targets('childOf'));
  push('Parent component', targets('partOf', 'component'));
  const systems = targets('partOf', 'system');
  push('System', systems);
  const domains = targets('partOf', 'domain');
  push(entity.kind.toLowerCase() === 'domain' ? 'Parent domain' : 'Domain', domains);
  if (domains.length === 0 && systems.length === 1 && systems[0].exists) push('Domain', domainsOfSystem(source, systems[0].ref), systems[0]);
  return rows;
}

function domainsOfSystem(source: EntityPageSource, system: string): RefView[] {
  return source
    .relationsOf(system)
    .filter(r => r.type === 'partOf' && safeSplit(r.targetRef).kind === 'domain')
    .map(r => describeRef(source, r.targetRef));
}

/** A user's or group's profile e-mail, the one profile field the About card shows besides the name. */
function profileFields(entity: Entity): KeyValueView[] {
  const profile = isRecord(entity.spec?.profile) ? entity.spec.profile : {};
  const email = str(profile.email);
  return email ? [{ key: 'E-mail', value: email }] : [];
}

function linksOf(entity: Entity): LinkView[] {
  const links = Array.isArray(entity.metadata.links) ? entity.metadata.links : [];
  return links
    .filter(l => isRecord(l) && typeof l.url === 'string' && l.url)
    .map(l => ({ url: l.url, title: str(l.title) ?? l.url, icon: linkIcon(str(l.icon), str(l.type)) }));
}

function keyValues(record: unknown): KeyValueView[] {
  if (!isRecord(record)) return [];
  return Object.entries(record).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) ?? '' }));
}

function relationGroups(relations: EntityRelation[], describe: (ref: string) => RefView): RelationGroupView[] {
  const byType = new Map<string, RefView[]>();
  for (const r of relations) byType.set(r.type, [...(byType.get(r.type) ?? []), describe(r.targetRef)]);
  return [...byType]
    .sort(([a], [b]) => relationRank(a) - relationRank(b) || a.localeCompare(b))
    .map(([type, targets]) => ({ type, title: relationTitle(type), targets: targets.sort(compareRefViews) }));
}

function relationRank(type: string): number {
  const at = RELATION_ORDER.indexOf(type);
  return at === -1 ? RELATION_ORDER.length : at;
}

function compareRefViews(a: RefView, b: RefView): number {
  return a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label) || a.ref.localeCompare(b.ref);
}

/** The graph of the neighbourhood; the previous layout is kept when the graph itself did not change (layout is the costly part). */
function graphOf(source: EntityPageSource, ref: string, depth: GraphDepth, options: EntityPageOptions): GraphView {
  const hood = neighbourhood(source, ref, depth, options.maxGraphNodes);
  const nodes = [...hood.distance].map(([r, distance]) => ({ view: describeRef(source, r), distance }));
  const previous = options.previous?.status === 'entity' && options.previous.ref === ref ? options.previous.graph : undefined;
  if (previous && sameGraph(previous, nodes, hood.edges, depth, hood.truncated)) return previous;
  return layoutGraph(nodes, hood.edges, ref, depth, hood.truncated);
}

function sameGraph(previous: GraphView, nodes: { view: RefView; distance: number }[], edges: { from: string; to: string; type: string }[], depth: GraphDepth, truncated: boolean): boolean {
  if (previous.depth !== depth || previous.truncated !== truncated) return false;
  if (previous.nodes.length !== nodes.length || previous.edges.length !== edges.length) return false;
  const sameNode = (a: GraphView['nodes'][number], b: { view: RefView; distance: number }) =>
    a.ref === b.view.ref && a.label === b.view.label && a.kind === b.view.kind && a.exists === b.view.exists && a.distance === b.distance;
  return previous.nodes.every((n, i) => sameNode(n, nodes[i])) && previous.edges.every((e, i) => e.from === edges[i].from && e.to === edges[i].to && e.type === edges[i].type);
}

/** The problems of this entity only: its file's diagnostics that name it. */
function problemsOf(source: EntityPageSource, parsed: ParsedEntity): ProblemView[] {
  return source
    .diagnosticsOf(parsed.file)
    .filter(d => d.entityRef === parsed.ref)
    .map(d => ({ severity: d.severity, code: d.code, message: d.message, range: d.range }));
}

function safeSplit(ref: string): { kind?: string; name: string } {
  try {
    return splitEntityRef(ref);
  } catch {
    return { name: ref };
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
