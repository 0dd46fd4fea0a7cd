import { Entity, EntityRelation, JsonPath, DEFAULT_NAMESPACE, isRecord } from './entity';
import { EntityRefError, parseEntityRef, stringifyEntityRef } from './ref';

/** The relation pairs of format §4: each type and the type of its reverse. */
export const RELATION_PAIRS: Readonly<Record<string, string>> = {
  ownedBy: 'ownerOf',
  ownerOf: 'ownedBy',
  partOf: 'hasPart',
  hasPart: 'partOf',
  providesApi: 'apiProvidedBy',
  apiProvidedBy: 'providesApi',
  consumesApi: 'apiConsumedBy',
  apiConsumedBy: 'consumesApi',
  dependsOn: 'dependencyOf',
  dependencyOf: 'dependsOn',
  parentOf: 'childOf',
  childOf: 'parentOf',
  memberOf: 'hasMember',
  hasMember: 'memberOf',
};

/** Display titles of relation types, as Backstage shows them. */
export const RELATION_TITLES: Readonly<Record<string, string>> = {
  ownedBy: 'owned by',
  ownerOf: 'owner of',
  partOf: 'part of',
  hasPart: 'has part',
  providesApi: 'provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'consumes API',
  apiConsumedBy: 'API consumed by',
  dependsOn: 'depends on',
  dependencyOf: 'dependency of',
  parentOf: 'parent of',
  childOf: 'child of',
  memberOf: 'member of',
  hasMember: 'has member',
};

/** A spec field that holds entity refs and the relation it emits (format §3 table). */
export interface RelationField {
  kinds: readonly string[];
  field: string;
  many: boolean;
  /** Kind assumed for refs without one; undefined means the kind must be written. */
  defaultKind?: string;
  /** Relation emitted from the referring entity to the target. */
  relation: string;
  /** Kinds the target is expected to be (used for suggestions, not for verdicts). */
  targetKinds?: readonly string[];
}

export const RELATION_FIELDS: readonly RelationField[] = [
  { kinds: ['Component', 'API', 'Resource', 'System', 'Domain', 'Template'], field: 'owner', many: false, defaultKind: 'Group', relation: 'ownedBy', targetKinds: ['Group', 'User'] },
  { kinds: ['Component', 'API', 'Resource'], field: 'system', many: false, defaultKind: 'System', relation: 'partOf', targetKinds: ['System'] },
  { kinds: ['Component'], field: 'subcomponentOf', many: false, defaultKind: 'Component', relation: 'partOf', targetKinds: ['Component'] },
  { kinds: ['Component'], field: 'providesApis', many: true, defaultKind: 'API', relation: 'providesApi', targetKinds: ['API'] },
  { kinds: ['Component'], field: 'consumesApis', many: true, defaultKind: 'API', relation: 'consumesApi', targetKinds: ['API'] },
  { kinds: ['Component', 'Resource'], field: 'dependsOn', many: true, relation: 'dependsOn', targetKinds: ['Component', 'Resource'] },
  { kinds: ['Component', 'Resource'], field: 'dependencyOf', many: true, relation: 'dependencyOf', targetKinds: ['Component', 'Resource'] },
  { kinds: ['System'], field: 'domain', many: false, defaultKind: 'Domain', relation: 'partOf', targetKinds: ['Domain'] },
  { kinds: ['Domain'], field: 'subdomainOf', many: false, defaultKind: 'Domain', relation: 'partOf', targetKinds: ['Domain'] },
  { kinds: ['Group'], field: 'parent', many: false, defaultKind: 'Group', relation: 'childOf', targetKinds: ['Group'] },
  { kinds: ['Group'], field: 'children', many: true, defaultKind: 'Group', relation: 'parentOf', targetKinds: ['Group'] },
  { kinds: ['Group'], field: 'members', many: true, defaultKind: 'User', relation: 'hasMember', targetKinds: ['User'] },
  { kinds: ['User'], field: 'memberOf', many: true, defaultKind: 'Group', relation: 'memberOf', targetKinds: ['Group'] },
];

const FIELDS_BY_KIND = new Map<string, RelationField[]>();
for (const f of RELATION_FIELDS) {
  for (const k of f.kinds) {
    const list = FIELDS_BY_KIND.get(k) ?? [];
    list.push(f);
    FIELDS_BY_KIND.set(k, list);
  }
}

/** The ref-holding fields of a kind (exact, case-sensitive kind as in YAML). */
export function relationFieldsOf(kind: string): readonly RelationField[] {
  return FIELDS_BY_KIND.get(kind) ?? [];
}

/** The ref-holding field at `spec.<field>` of a kind, if any. */
export function relationFieldFor(kind: string, field: string): RelationField | undefined {
  return relationFieldsOf(kind).find(f => f.field === field);
}

/** An outgoing reference written in an entity's spec. */
export interface OutgoingRef {
  path: JsonPath;
  field: RelationField;
  /** The text as written. */
  written: string;
  /** Canonical target ref, undefined when the text does not parse. */
  targetRef?: string;
  error?: string;
}

// Validation and indexing both ask for an entity's refs; entities are not mutated once read.
const outgoingCache = new WeakMap<Entity, OutgoingRef[]>();

/** Every ref written in the entity's relation fields, parsed in the field's context. */
export function outgoingRefs(entity: Entity): OutgoingRef[] {
  let refs = outgoingCache.get(entity);
  if (!refs) {
    refs = computeOutgoingRefs(entity);
    outgoingCache.set(entity, refs);
  }
  return refs;
}

function computeOutgoingRefs(entity: Entity): OutgoingRef[] {
  const spec = entity.spec;
  if (!isRecord(spec)) return [];
  const namespace = typeof entity.metadata?.namespace === 'string' && entity.metadata.namespace ? entity.metadata.namespace : DEFAULT_NAMESPACE;
  const out: OutgoingRef[] = [];
  for (const field of relationFieldsOf(entity.kind)) {
    const value = spec[field.field];
    // As the catalog emits relations: an empty value is skipped, a list is flattened once.
    if (!value) continue;
    const items: [JsonPath, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [['spec', field.field, i], v])
      : [[['spec', field.field], value]];
    for (const [path, written] of items) out.push(parseOutgoing(path, field, written, namespace));
  }
  return out;
}

function parseOutgoing(path: JsonPath, field: RelationField, written: unknown, namespace: string): OutgoingRef {
  const context = { defaultKind: field.defaultKind, defaultNamespace: namespace };
  const text = typeof written === 'string' ? written : JSON.stringify(written) ?? String(written);
  try {
    const target = typeof written === 'string' ? parseEntityRef(written, context) : parseCompoundRef(written, context);
    return { path, field, written: text, targetRef: stringifyEntityRef(target) };
  } catch (e) {
    return { path, field, written: text, error: e instanceof EntityRefError ? e.message : String(e) };
  }
}

/** The `{kind?, namespace?, name}` form Backstage's parseEntityRef also takes. */
function parseCompoundRef(value: unknown, context: { defaultKind?: string; defaultNamespace: string }) {
  const ref = isRecord(value) ? value : {};
  const kind = typeof ref.kind === 'string' && ref.kind ? ref.kind : context.defaultKind;
  const shown = JSON.stringify(value) ?? String(value);
  if (!kind) throw new EntityRefError(`Entity reference ${shown} had missing or empty kind (e.g. did not start with "component:" or similar)`, shown);
  if (typeof ref.name !== 'string' || !ref.name) throw new EntityRefError(`Entity reference ${shown} had missing or empty name`, shown);
  const namespace = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : context.defaultNamespace;
  return { kind, namespace, name: ref.name };
}

/** Relations the entity emits, in its own direction (what Backstage stores on the source). */
export function relationsOf(entity: Entity): EntityRelation[] {
  const seen = new Set<string>();
  const out: EntityRelation[] = [];
  for (const ref of outgoingRefs(entity)) {
    if (!ref.targetRef) continue;
    const key = `${ref.field.relation} ${ref.targetRef}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: ref.field.relation, targetRef: ref.targetRef });
  }
  return out;
}
