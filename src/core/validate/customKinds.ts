import { parse as parseYaml } from 'yaml';
import type Ajv from 'ajv';
import { isRecord } from '../model/entity';
import commonSchema from '../../../schemas/common.schema.json';
import { JsonSchema, createSchemaAjv, issuesFromValidator, stripEnvelopeRefs } from './schemas';
import type { Issue } from './types';

/** A kind an organisation adds to its catalog, declared by a JSON Schema file. */
export interface CustomKind {
  kind: string;
  apiVersions: string[];
  /** Path of the schema file that declares the kind. */
  file: string;
  /** Violations of the kind schema (envelope references excluded: the envelope is checked apart). */
  validate(entity: unknown): Issue[];
}

export interface CustomKindFile {
  path: string;
  text: string;
}

export interface CustomKindError {
  path: string;
  message: string;
}

/** Reads organisation kind schemas (JSON or YAML, draft-07); bad files become errors, never throws. */
export function loadCustomKinds(files: readonly CustomKindFile[]): { kinds: CustomKind[]; errors: CustomKindError[] } {
  const kinds: CustomKind[] = [];
  const errors: CustomKindError[] = [];
  for (const file of files) {
    const result = loadFile(file);
    if (typeof result === 'string') {
      errors.push({ path: file.path, message: result });
    } else {
      kinds.push(...result);
    }
  }
  return { kinds, errors };
}

/** The kinds a file declares, or a message saying why it cannot be used. */
function loadFile(file: CustomKindFile): CustomKind[] | string {
  let schema: unknown;
  try {
    schema = file.path.toLowerCase().endsWith('.json') ? JSON.parse(file.text) : parseYaml(file.text);
  } catch (error) {
    return `Cannot read schema: ${errorText(error)}`;
  }
  if (!isRecord(schema)) {
    return 'A kind schema must be a JSON Schema object';
  }
  const kindNames = declaredValues(schema, 'kind');
  const apiVersions = declaredValues(schema, 'apiVersion');
  if (kindNames.length === 0 || apiVersions.length === 0) {
    const missing = kindNames.length === 0 ? 'kind' : 'apiVersion';
    return `The schema declares no ${missing}: expected an enum or const under properties.${missing} (at the top level or in an allOf item)`;
  }
  let validate: (entity: unknown, kind: string) => Issue[];
  try {
    validate = compileCustom(schema);
  } catch (error) {
    return `Invalid JSON Schema: ${errorText(error)}`;
  }
  return kindNames.map((kind) => ({
    kind,
    apiVersions,
    file: file.path,
    validate: (entity: unknown) => validate(entity, kind),
  }));
}

/** String values of `properties.<field>` enum/const, at the top level and in allOf items. */
function declaredValues(schema: JsonSchema, field: string): string[] {
  const holders = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])];
  const values = new Set<string>();
  for (const holder of holders) {
    const property = isRecord(holder) && isRecord(holder.properties) ? holder.properties[field] : undefined;
    if (!isRecord(property)) {
      continue;
    }
    const listed = Array.isArray(property.enum) ? property.enum : [];
    for (const value of [...listed, property.const]) {
      if (typeof value === 'string') {
        values.add(value);
      }
    }
  }
  return [...values];
}

const COMMON_ID = String(commonSchema.$id);

function compileCustom(schema: JsonSchema): (entity: unknown, kind: string) => Issue[] {
  // One ajv per file, as Backstage compiles each kind schema apart: $ids may repeat across files.
  const ajv = createSchemaAjv();
  const prepared = rewriteCommonRefs(stripEnvelopeRefs(schema), ajv);
  const compiled = ajv.compile(prepared);
  return (entity, kind) => (compiled(entity) ? [] : issuesFromValidator(compiled, entity, kind));
}

/**
 * Backstage lets kind schemas reference its shared definitions as `common#<name>`;
 * point those at our copy.
 */
function rewriteCommonRefs(schema: JsonSchema, ajv: Ajv): JsonSchema {
  const text = JSON.stringify(schema);
  if (!text.includes('"common#')) {
    return schema;
  }
  ajv.addSchema(commonSchema);
  return rewriteRefs(schema) as JsonSchema;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(rewriteRefs);
  }
  if (!isRecord(node)) {
    return node;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' ? rewriteRef(value) : rewriteRefs(value);
  }
  return copy;
}

/** `common#reference` (an anchor in Backstage's file) and `common#/definitions/reference` alike. */
function rewriteRef(ref: string): string {
  if (!ref.startsWith('common#')) {
    return ref;
  }
  const fragment = ref.slice('common#'.length);
  return fragment.startsWith('/') ? `${COMMON_ID}#${fragment}` : `${COMMON_ID}#/definitions/${fragment}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
