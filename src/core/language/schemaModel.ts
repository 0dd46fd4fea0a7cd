import { JsonPath, isRecord } from '../model/entity';
import { builtinKindSchemas, JsonSchema } from '../validate/schemas';
import entitySchema from '../../../schemas/entity.schema.json';

// Hover texts, key lists and value examples come from the JSON Schemas in
// schemas/, the same documents ajv validates with: one source for both.

/** A schema node and the document its local `$ref`s resolve in. */
interface Node {
  schema: JsonSchema;
  doc: JsonSchema;
}

/** A property a schema allows under some path. */
export interface SchemaProperty {
  name: string;
  description?: string;
  required: boolean;
  /** `object`, `array`, `string`... when the schema says so. */
  type?: string;
}

const ENVELOPE: JsonSchema = entitySchema as JsonSchema;
const BY_ID = new Map<string, JsonSchema>([['entity.schema.json', ENVELOPE]]);

/** The whole schema of a built-in kind, or the envelope for any other kind. */
export function kindSchema(kind: string | undefined): JsonSchema {
  const found = kind ? builtinKindSchemas().find(k => k.kind === kind)?.jsonSchema : undefined;
  return found ?? ENVELOPE;
}

/** The schema nodes that apply at `path` of an entity of `kind`. */
export function schemaNodesAt(kind: string | undefined, path: JsonPath): Node[] {
  const root = kindSchema(kind);
  let nodes = expand({ schema: root, doc: root });
  for (const segment of path) {
    const next: Node[] = [];
    for (const node of nodes) next.push(...childNodes(node, segment));
    nodes = next.flatMap(expand);
    if (nodes.length === 0) break;
  }
  return nodes;
}

/** The description the schema gives for `path`, if any. */
export function describeAt(kind: string | undefined, path: JsonPath): string | undefined {
  for (const node of schemaNodesAt(kind, path)) {
    if (typeof node.schema.description === 'string') return node.schema.description;
  }
  return undefined;
}

/** Properties allowed directly under `path`, required ones first, in schema order. */
export function propertiesAt(kind: string | undefined, path: JsonPath): SchemaProperty[] {
  const out = new Map<string, SchemaProperty>();
  const required = new Set<string>();
  for (const node of schemaNodesAt(kind, path)) {
    if (Array.isArray(node.schema.required)) node.schema.required.forEach(r => required.add(String(r)));
    const props = node.schema.properties;
    if (!isRecord(props)) continue;
    for (const [name, raw] of Object.entries(props)) {
      const prop = isRecord(raw) ? firstWithDescription({ schema: raw, doc: node.doc }) : undefined;
      const existing = out.get(name);
      out.set(name, {
        name,
        description: existing?.description ?? (typeof prop?.description === 'string' ? prop.description : undefined),
        required: false,
        type: existing?.type ?? typeOf(prop),
      });
    }
  }
  const list = [...out.values()].map(p => ({ ...p, required: required.has(p.name) }));
  return [...list.filter(p => p.required), ...list.filter(p => !p.required)];
}

/** Values the schema lists for `path`: enum, const, then examples (strings only). */
export function valuesAt(kind: string | undefined, path: JsonPath): string[] {
  const out: string[] = [];
  for (const node of schemaNodesAt(kind, path)) {
    const s = node.schema;
    const candidates = [...(Array.isArray(s.enum) ? s.enum : []), ...('const' in s ? [s.const] : []), ...(Array.isArray(s.examples) ? s.examples : [])];
    for (const c of candidates) if (typeof c === 'string' && !out.includes(c)) out.push(c);
  }
  return out;
}

/** The schema type at `path` (`object`, `array`, `string`...), when declared. */
export function typeAt(kind: string | undefined, path: JsonPath): string | undefined {
  for (const node of schemaNodesAt(kind, path)) {
    const t = typeOf(node.schema);
    if (t) return t;
  }
  return undefined;
}

function typeOf(schema: JsonSchema | undefined): string | undefined {
  const t = schema?.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t) && typeof t[0] === 'string') return t[0];
  if (schema && isRecord(schema.properties)) return 'object';
  if (schema && schema.items !== undefined) return 'array';
  return undefined;
}

function firstWithDescription(node: Node): JsonSchema | undefined {
  const nodes = expand(node);
  return nodes.find(n => typeof n.schema.description === 'string')?.schema ?? nodes[0]?.schema;
}

/** A node with its `$ref` followed and its `allOf`/`oneOf`/`anyOf` branches flattened. */
function expand(node: Node, depth = 0): Node[] {
  if (depth > 8) return [];
  const out: Node[] = [];
  const ref = resolveRef(node);
  if (ref) out.push(...expand(ref, depth + 1));
  out.push(node);
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const branches = node.schema[key];
    if (!Array.isArray(branches)) continue;
    for (const b of branches) if (isRecord(b)) out.push(...expand({ schema: b, doc: node.doc }, depth + 1));
  }
  return out;
}

function resolveRef(node: Node): Node | undefined {
  const ref = node.schema.$ref;
  if (typeof ref !== 'string') return undefined;
  const [file, pointer = ''] = ref.split('#');
  const doc = file ? BY_ID.get(file) : node.doc;
  if (!doc) return undefined;
  let target: unknown = doc;
  for (const part of pointer.split('/').filter(Boolean)) target = isRecord(target) ? target[part] : undefined;
  return isRecord(target) ? { schema: target, doc } : undefined;
}

function childNodes(node: Node, segment: string | number): Node[] {
  const s = node.schema;
  if (typeof segment === 'number') {
    return isRecord(s.items) ? [{ schema: s.items, doc: node.doc }] : [];
  }
  const props = s.properties;
  if (isRecord(props) && isRecord(props[segment])) return [{ schema: props[segment] as JsonSchema, doc: node.doc }];
  if (isRecord(s.additionalProperties)) return [{ schema: s.additionalProperties, doc: node.doc }];
  return [];
}
