import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { JsonPath, isRecord } from '../model/entity';
import type { CustomKind } from './customKinds';
import type { Issue } from './types';
import entitySchema from '../../../schemas/entity.schema.json';
import componentSchema from '../../../schemas/component.schema.json';
import apiSchema from '../../../schemas/api.schema.json';
import resourceSchema from '../../../schemas/resource.schema.json';
import systemSchema from '../../../schemas/system.schema.json';
import domainSchema from '../../../schemas/domain.schema.json';
import groupSchema from '../../../schemas/group.schema.json';
import userSchema from '../../../schemas/user.schema.json';
import locationSchema from '../../../schemas/location.schema.json';
import templateSchema from '../../../schemas/template.v1beta3.schema.json';

/** A JSON Schema document as read from JSON or YAML. */
export type JsonSchema = Record<string, unknown>;

/** The schema a kind is validated against, found by exact kind and apiVersion. */
export interface KindSchema {
  readonly kind: string;
  readonly apiVersions: readonly string[];
  /** The schema's `$id` for built-in kinds, the schema file's path for custom kinds. */
  readonly source: string;
  readonly builtin: boolean;
  /** The whole schema document (envelope `$ref` included), for editors; built-in kinds only. */
  readonly jsonSchema?: JsonSchema;
  /** Violations of the kind-specific part only: the envelope is checked by validateEnvelope. */
  validate(entity: unknown): Issue[];
}

export const ENVELOPE_SCHEMA_ID = 'https://catwalk.dev/schemas/entity.schema.json';

const CATALOG_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

const BUILTIN_SOURCES: readonly (readonly [string, readonly string[], JsonSchema])[] = [
  ['Component', CATALOG_API_VERSIONS, componentSchema],
  ['API', CATALOG_API_VERSIONS, apiSchema],
  ['Resource', CATALOG_API_VERSIONS, resourceSchema],
  ['System', CATALOG_API_VERSIONS, systemSchema],
  ['Domain', CATALOG_API_VERSIONS, domainSchema],
  ['Group', CATALOG_API_VERSIONS, groupSchema],
  ['User', CATALOG_API_VERSIONS, userSchema],
  ['Location', CATALOG_API_VERSIONS, locationSchema],
  ['Template', ['scaffolder.backstage.io/v1beta3'], templateSchema],
];

/**
 * A new ajv instance configured the way every catalog schema here is compiled. For our own
 * schemas (`ownSchemas`), checking them against the draft-07 meta-schema and optimising the
 * generated code are skipped: together they cost about half the startup compile time, the
 * unit tests check the schemas, and validation speed was measured to be the same.
 */
export function createSchemaAjv(ownSchemas = false): Ajv {
  return new Ajv({
    allErrors: true,
    // strict off: organisation schemas may carry editor keywords (markdownDescription, ui:*) Backstage ignores.
    strict: false,
    allowUnionTypes: true,
    validateSchema: !ownSchemas,
    code: { optimize: !ownSchemas },
  });
}

let sharedAjv: Ajv | undefined;
let envelopeValidator: ValidateFunction | undefined;

function builtinAjv(): Ajv {
  return (sharedAjv ??= createSchemaAjv(true));
}

/** Checks the envelope (root fields, metadata typing) and returns every violation. */
export function validateEnvelope(value: unknown): Issue[] {
  const validate = (envelopeValidator ??= builtinAjv().compile(entitySchema));
  return validate(value) ? [] : issuesFromValidator(validate, value);
}

class BuiltinKindSchema implements KindSchema {
  readonly builtin = true;
  readonly source: string;
  private compiled?: ValidateFunction;

  constructor(
    readonly kind: string,
    readonly apiVersions: readonly string[],
    readonly jsonSchema: JsonSchema,
  ) {
    this.source = String(jsonSchema.$id);
  }

  validate(entity: unknown): Issue[] {
    // Compiled on first use: most runs meet only a few kinds.
    const validate = (this.compiled ??= builtinAjv().compile(stripEnvelopeRefs(this.jsonSchema)));
    return validate(entity) ? [] : withoutEnvelopeRepeats(issuesFromValidator(validate, entity, this.kind));
  }
}

const BUILTIN_KIND_SCHEMAS = new Map<string, BuiltinKindSchema>(
  BUILTIN_SOURCES.map(([kind, versions, schema]) => [kind, new BuiltinKindSchema(kind, versions, schema)]),
);

/** The schemas of the built-in kinds (catalog kinds and Template v1beta3). */
export function builtinKindSchemas(): KindSchema[] {
  return [...BUILTIN_KIND_SCHEMAS.values()];
}

const customKindSchemas = new WeakMap<CustomKind, KindSchema>();

function asKindSchema(custom: CustomKind): KindSchema {
  let schema = customKindSchemas.get(custom);
  if (!schema) {
    schema = {
      kind: custom.kind,
      apiVersions: custom.apiVersions,
      source: custom.file,
      builtin: false,
      validate: (entity) => withoutEnvelopeRepeats(custom.validate(entity)),
    };
    customKindSchemas.set(custom, schema);
  }
  return schema;
}

/**
 * The schema claiming exactly this kind and apiVersion (both case-sensitive), or undefined
 * when none does ("No processor recognized the entity" in Backstage).
 */
export function findKindSchema(
  kind: string,
  apiVersion: string,
  customKinds: readonly CustomKind[] = [],
): KindSchema | undefined {
  // Built-ins first: with default processor priorities the built-in kinds processor runs before
  // added ones, and the first processor that accepts an entity ends the search.
  const builtin = BUILTIN_KIND_SCHEMAS.get(kind);
  if (builtin && builtin.apiVersions.includes(apiVersion)) {
    return builtin;
  }
  const custom = customKinds.find((c) => c.kind === kind && c.apiVersions.includes(apiVersion));
  return custom && asKindSchema(custom);
}

/** Validates an entity against a kind schema; envelope violations are not repeated. */
export function validateKind(entity: unknown, schema: KindSchema): Issue[] {
  return schema.validate(entity);
}

/**
 * Kind schemas restate that the entity and its spec are objects; validateEnvelope already
 * reports those, so a kind check leaves them out.
 */
function withoutEnvelopeRepeats(issues: Issue[]): Issue[] {
  return issues.length === 0 ? issues : issues.filter((i) => !(i.code === 'invalid-type' && isEnvelopeTypePath(i.path)));
}

function isEnvelopeTypePath(path: JsonPath): boolean {
  return path.length === 0 || (path.length === 1 && path[0] === 'spec');
}

const ENVELOPE_REF_BASES = new Set([
  'Entity',
  'EntityEnvelope',
  'EntityMeta',
  ENVELOPE_SCHEMA_ID,
  'entity.schema.json',
  './entity.schema.json',
]);

function isEnvelopeRef(node: Record<string, unknown>): boolean {
  return typeof node.$ref === 'string' && ENVELOPE_REF_BASES.has(node.$ref.split('#')[0]);
}

/**
 * A copy of a kind schema whose references to the envelope (Backstage's `Entity`,
 * `EntityEnvelope`, `EntityMeta` or ours) accept anything, so that a kind check does not
 * report envelope problems twice.
 */
export function stripEnvelopeRefs(schema: unknown): JsonSchema {
  return mapSchema(schema) as JsonSchema;
}

function mapSchema(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(mapSchema);
  }
  if (!isRecord(node)) {
    return node;
  }
  if (isEnvelopeRef(node)) {
    return {};
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = mapSchema(value);
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// ajv errors -> Issues

/** Turns the errors of a failed ajv validation into Issues; `kind` names the kind in messages. */
export function issuesFromValidator(validate: ValidateFunction, data: unknown, kind?: string): Issue[] {
  const errors = resolveCombinators(validate.errors ?? [], validate.schema);
  // An `if` error only says "must match then"; the `then` errors themselves are reported.
  return errors.filter((e) => e.keyword !== 'if').map((e) => toIssue(e, data, kind));
}

function toIssue(error: ErrorObject, data: unknown, kind: string | undefined): Issue {
  const path = pointerToPath(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  const issue = (code: string, message: string, at: JsonPath = path): Issue => ({
    path: at,
    severity: 'error',
    code,
    message,
  });
  switch (error.keyword) {
    case 'required':
      // Shown on the parent's key (`spec:`), where the field is to be added.
      return { ...issue('missing-required', requiredMessage([...path, String(params.missingProperty)], kind)), part: path.length > 0 ? 'key' : undefined };
    case 'additionalProperties':
      return unknownField(path, String(params.additionalProperty));
    case 'type':
      return issue('invalid-type', `${describePath(path)} must be ${typeText(params.type)}`);
    case 'minLength':
      if (params.limit === 1) {
        return issue('empty-string', `${describePath(path)} must not be empty`);
      }
      break;
    case 'enum':
      return issue('invalid-enum', enumMessage(path, params.allowedValues, valueAt(data, path)));
    case 'const':
      return issue('invalid-enum', enumMessage(path, [params.allowedValue], valueAt(data, path)));
  }
  return issue('schema', `${describePath(path)} ${error.message ?? 'is not valid'}`);
}

function requiredMessage(path: JsonPath, kind: string | undefined): string {
  return kind ? `${describePath(path)} is required for ${article(kind)} ${kind}` : `${describePath(path)} is required`;
}

function unknownField(parent: JsonPath, key: string): Issue {
  const path = [...parent, key];
  if (parent.length === 0) {
    return { path, part: 'key', severity: 'error', code: 'unknown-root-field', message: `Unknown field ${key}` };
  }
  return {
    path,
    part: 'key',
    severity: 'error',
    code: 'unknown-field',
    message: `Unknown field ${key} in ${describePath(parent)}`,
  };
}

function enumMessage(path: JsonPath, allowed: unknown, found: unknown): string {
  const values = Array.isArray(allowed) ? allowed.map(formatValue).join(', ') : '';
  const foundText = isScalar(found) ? `, found ${formatValue(found)}` : '';
  return `${describePath(path)} must be one of ${values}${foundText}`;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function formatValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  object: 'an object',
  array: 'an array',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
};

function typeText(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ');
}

function article(word: string): string {
  return /^[AEIO]/i.test(word) ? 'an' : 'a';
}

/** `metadata.tags[1]`, `metadata.annotations["backstage.io/techdocs-ref"]`; the root is "The entity". */
export function describePath(path: JsonPath): string {
  if (path.length === 0) {
    return 'The entity';
  }
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') {
        return `[${segment}]`;
      }
      if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
        return index === 0 ? segment : `.${segment}`;
      }
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/** Decodes a JSON pointer, turning segments that index arrays in `data` into numbers. */
function pointerToPath(pointer: string, data: unknown): JsonPath {
  if (pointer === '') {
    return [];
  }
  const path: (string | number)[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: string | number = Array.isArray(current) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(segment);
    current = isRecord(current) || Array.isArray(current) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let current = data;
  for (const segment of path) {
    if (!isRecord(current) && !Array.isArray(current)) {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// oneOf / anyOf: report the branch the value was meant for, not every branch's complaints.

function resolveCombinators(errors: readonly ErrorObject[], root: unknown): ErrorObject[] {
  let list = [...errors];
  const combinators = list
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) {
    list = resolveCombinator(list, combinator, root);
  }
  return list;
}

function resolveCombinator(list: ErrorObject[], combinator: ErrorObject, root: unknown): ErrorObject[] {
  const prefix = `${combinator.schemaPath}/`;
  const inside = list.filter((e) => e.schemaPath.startsWith(prefix));
  const branchOf = (e: ErrorObject): number => Number(e.schemaPath.slice(prefix.length).split('/')[0]);
  const count = branchCount(root, combinator.schemaPath) ?? Math.max(-1, ...inside.map(branchOf)) + 1;
  // A branch whose own `type` rejects the value was not the one the author meant.
  const typeErrors = inside.filter(
    (e) => e.keyword === 'type' && e.instancePath === combinator.instancePath && e.schemaPath === `${prefix}${branchOf(e)}/type`,
  );
  const unfit = new Set(typeErrors.map(branchOf));
  const fit = Array.from({ length: count }, (_, i) => i).filter((i) => !unfit.has(i));
  let replacement: ErrorObject[];
  if (fit.length === 0 && typeErrors.length > 0) {
    replacement = [{ ...combinator, keyword: 'type', params: { type: typeErrors.map((e) => e.params.type).flat() } }];
  } else if (fit.length === 1) {
    replacement = inside.filter((e) => branchOf(e) === fit[0]);
  } else {
    replacement = [combinator];
  }
  const at = list.indexOf(combinator);
  const before = list.slice(0, at).filter((e) => !inside.includes(e));
  const after = list.slice(at + 1).filter((e) => !inside.includes(e));
  return [...before, ...replacement, ...after];
}

function branchCount(root: unknown, schemaPath: string): number | undefined {
  if (!schemaPath.startsWith('#/')) {
    return undefined;
  }
  let node: unknown = root;
  for (const raw of schemaPath.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return Array.isArray(node) ? node.length : undefined;
}
