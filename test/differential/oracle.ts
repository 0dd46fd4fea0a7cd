/**
 * Oracle: the per-file verdict of the default Backstage catalog, computed with
 * Backstage's own released code wherever it is exported.
 *
 * Pipeline for one catalog file read from a `url` location (format §1.2):
 *
 *  1. parse        `yaml.parseAllDocuments(text)` with default options (YAML 1.2
 *                  core schema, merge keys off unless a `%YAML 1.1` directive
 *                  turns them on). A document with errors is rejected with
 *                  `YAML error at <location>, <first error>`; `toJSON()` throwing
 *                  (alias limits) rejects the document; a `null` document is
 *                  skipped; anything but a plain object is rejected with
 *                  `Expected object at root, got <typeof>`.
 *  2. emit         `entityEnvelopeSchemaValidator()` (library); then
 *                  `metadata.annotations || {}` must be a non-array object, and the
 *                  catalog writes `managed-by-location` / `managed-by-origin-location`
 *                  over the author's values (so those two may hold anything).
 *  3. pre-process  PlaceholderProcessor semantics (§6.3, ported below: only the
 *                  resolvers read files, which the library does not export), then
 *                  AnnotateLocationEntityProcessor (location annotations merged
 *                  under the author's).
 *  4. policies     `EntityPolicies.allOf([SchemaValidEntityPolicy,
 *                  DefaultNamespaceEntityPolicy, NoForeignRootFieldsEntityPolicy,
 *                  FieldFormatEntityPolicy])` (library classes, default validators).
 *  5. validate     `entitySchemaValidator()` (library), then every kind validator of
 *                  BuiltinKindsEntityProcessor (library, in the processor's order)
 *                  and the Template v1beta3 validator of the scaffolder entity
 *                  model (library). A validator that throws rejects the entity; an
 *                  entity nobody accepts is rejected.
 *  6. post-process relation fields from the compiled catalog model (library layers
 *                  of catalog-model and scaffolder-common) parsed with
 *                  `parseEntityRef(value, { defaultKind, defaultNamespace })` (library)
 *                  exactly as BuiltinKindsEntityProcessor / ScaffolderEntitiesProcessor
 *                  do: falsy values skipped, `[value].flat()` iterated.
 *  7. stitch       the "keys that vary only in casing" check of buildEntitySearch,
 *                  ported below (catalog-backend is not a dependency).
 *
 * Decisions (not knowable from one file; documented so verdicts are stable):
 *  - The file is read through a `url` location (the common case: a registered
 *    repository). Relative placeholder targets resolve with WHATWG URL semantics
 *    against the file (`''` is the file itself, `./x`, `../x`); targets starting
 *    with `/` resolve against `repoRoot` (default: the file's folder). A target that
 *    cannot be read (missing, a folder) rejects the entity.
 *  - Absolute `http(s)` placeholder targets are assumed readable: `$text` yields a
 *    non-empty string, `$json` / `$yaml` yield an object (`remoteValue` overrides
 *    this). Other absolute URLs (`foo:bar`) are rejected: no UrlReader handles them.
 *  - No CODEOWNERS file (CodeOwnersProcessor would fill a missing `spec.owner`).
 *  - Catalog rules are not applied (the default rule only allows Component, API
 *    and Location from a registered location; the rest needs configuration).
 *  - Location targets are not followed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  entityEnvelopeSchemaValidator,
  EntityPolicies,
  entitySchemaValidator,
  FieldFormatEntityPolicy,
  getCompoundEntityRef,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { compileCatalogModel, defaultCatalogEntityModel } from '@backstage/catalog-model/alpha';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { scaffolderCatalogModelLayer } from '@backstage/plugin-scaffolder-common/alpha';

export interface OracleOptions {
  /** Reads a placeholder target; undefined when it cannot be read. Default: node:fs. */
  readFile?: (absolutePath: string) => string | undefined;
  /** Folder that `/`-rooted placeholder targets resolve against. Default: the file's folder. */
  repoRoot?: string;
  /** Value of a placeholder whose target is an absolute http(s) URL. */
  remoteValue?: (resolver: 'text' | 'json' | 'yaml', url: string) => unknown;
}

export interface Verdict {
  /** True when the default catalog would reject at least one document or entity of the file. */
  rejected: boolean;
  /** One line per rejection, prefixed with the document number (1-based). */
  reasons: string[];
  /** Entities found (objects at a document root). */
  entities: number;
}

type JsonObject = Record<string, unknown>;

const ANNOTATION_LOCATION = 'backstage.io/managed-by-location';
const ANNOTATION_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';

/* ------------------------------------------------------------------ library */

const validateEnvelope = entityEnvelopeSchemaValidator();
const validateEntity = entitySchemaValidator();

/** The default policy chain built by CatalogBuilder (no custom policies). */
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

interface KindProcessor {
  name: string;
  validators: { check(entity: Entity): Promise<boolean> }[];
}

/** Processors with validateEntityKind, in CatalogBuilder order. */
const kindProcessors: KindProcessor[] = [
  {
    name: 'BuiltinKindsEntityProcessor',
    validators: [
      apiEntityV1alpha1Validator,
      componentEntityV1alpha1Validator,
      resourceEntityV1alpha1Validator,
      groupEntityV1alpha1Validator,
      locationEntityV1alpha1Validator,
      userEntityV1alpha1Validator,
      systemEntityV1alpha1Validator,
      domainEntityV1alpha1Validator,
    ],
  },
  { name: 'ScaffolderEntitiesProcessor', validators: [templateEntityV1beta3Validator] },
];

const catalogModel = compileCatalogModel([defaultCatalogEntityModel, scaffolderCatalogModelLayer]);

interface RelationField {
  path: string[];
  relation: string;
  defaultKind?: string;
}

/**
 * Relation fields per kind as declared by the library's model layers. The
 * post-processors only emit relations for the built-in apiVersions (and Template
 * v1beta3), which is what `getKind` matches.
 */
function relationFieldsFor(entity: Entity): RelationField[] {
  const kind = catalogModel.getKind({ kind: entity.kind, apiVersion: entity.apiVersion });
  if (!kind) return [];
  return kind.relationFields.map((f) => ({
    path: f.path.split('.'),
    relation: f.relation,
    defaultKind: f.defaultKind,
  }));
}

/* ------------------------------------------------------------------ helpers */

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function getPath(root: unknown, segments: string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as JsonObject)[segment];
  }
  return current;
}

function defaultReadFile(absolutePath: string): string | undefined {
  try {
    return fs.readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
}

/* ------------------------------------------------------------- placeholders */

class PlaceholderError extends Error {}

type Resolver = 'text' | 'json' | 'yaml';
const RESOLVERS: readonly string[] = ['text', 'json', 'yaml'];

interface PlaceholderContext {
  file: string;
  readFile: (absolutePath: string) => string | undefined;
  repoRoot: string;
  remoteValue: (resolver: Resolver, url: string) => unknown;
}

type Target = { kind: 'local'; path: string } | { kind: 'remote'; url: string };

/** Resolves a placeholder value the way SCM `resolveUrl` does for a url location. */
function resolveTarget(key: Resolver, value: string, ctx: PlaceholderContext): Target {
  let absolute: URL | undefined;
  try {
    absolute = new URL(value);
  } catch {
    absolute = undefined;
  }
  if (absolute) {
    if (absolute.protocol === 'http:' || absolute.protocol === 'https:') {
      return { kind: 'remote', url: absolute.href };
    }
    throw new PlaceholderError(
      `Placeholder $${key} could not read location ${value}, NotAllowedError: Reading from '${value}' is not allowed`,
    );
  }
  const base = value.startsWith('/')
    ? pathToFileURL(path.join(ctx.repoRoot, 'x')).href
    : pathToFileURL(ctx.file).href;
  const relative = value.startsWith('/') ? `.${value}` : value;
  return { kind: 'local', path: fileURLToPath(new URL(relative, base)) };
}

function resolvePlaceholder(key: Resolver, value: string, ctx: PlaceholderContext): unknown {
  const target = resolveTarget(key, value, ctx);
  if (target.kind === 'remote') return ctx.remoteValue(key, target.url);
  const content = ctx.readFile(target.path);
  if (content === undefined) {
    throw new PlaceholderError(`Placeholder $${key} could not read location ${value}, NotFoundError`);
  }
  if (key === 'text') return content;
  if (key === 'json') {
    try {
      return JSON.parse(content) as unknown;
    } catch (e) {
      throw new PlaceholderError(`Placeholder $json failed to parse JSON data at ${value}, ${message(e)}`);
    }
  }
  const documents = parseAllDocuments(content).filter((d) => d);
  if (documents.length !== 1) {
    throw new PlaceholderError(
      `Placeholder $yaml expected to find exactly one document of data at ${value}, found ${documents.length}`,
    );
  }
  const [document] = documents;
  if (document.errors.length) {
    throw new PlaceholderError(`Placeholder $yaml found an error in the data at ${value}, ${String(document.errors[0])}`);
  }
  return document.toJSON() as unknown;
}

/** PlaceholderProcessor.preProcessEntity's traversal (catalog-backend). */
function substitute(data: unknown, ctx: PlaceholderContext): [unknown, boolean] {
  if (!data || !(data instanceof Object)) return [data, false];
  if (Array.isArray(data)) {
    const items = data.map((item) => substitute(item, ctx));
    return items.every(([, changed]) => !changed) ? [data, false] : [items.map(([item]) => item), true];
  }
  const object = data as JsonObject;
  const keys = Object.keys(object);
  if (!keys.some((k) => k.startsWith('$'))) {
    const entries = Object.entries(object).map(([k, v]) => [k, substitute(v, ctx)] as const);
    return entries.every(([, [, changed]]) => !changed)
      ? [data, false]
      : [Object.fromEntries(entries.map(([k, [v]]) => [k, v])), true];
  }
  if (keys.length !== 1) return [data, false];
  const resolverKey = keys[0].slice(1);
  const resolverValue = object[keys[0]];
  if (!RESOLVERS.includes(resolverKey) || typeof resolverValue !== 'string') return [data, false];
  return [resolvePlaceholder(resolverKey as Resolver, resolverValue, ctx), true];
}

/* ---------------------------------------------------------------- stitching */

const SPECIAL_KEYS = ['attachments', 'relations', 'status', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.etag'];

/** buildEntitySearch's traverse + casing check (catalog-backend stitcher). */
function duplicateCasingKeys(entity: Entity, relations: { type: string; targetRef: string }[]): string[] {
  const keys: string[] = [];
  const seenPathKeys = new Set<string>();
  const visit = (keyPath: string, current: unknown): void => {
    if (SPECIAL_KEYS.includes(keyPath)) return;
    if (current === undefined || current === null || ['string', 'number', 'boolean'].includes(typeof current)) {
      keys.push(keyPath);
      return;
    }
    if (typeof current !== 'object') return;
    if (Array.isArray(current)) {
      for (const item of current) {
        visit(keyPath, item);
        if (typeof item === 'string') {
          const pathKey = `${keyPath}.${item}`;
          const lower = pathKey.toLocaleLowerCase('en-US');
          if (!seenPathKeys.has(lower)) {
            seenPathKeys.add(lower);
            keys.push(pathKey);
          }
        }
      }
      return;
    }
    for (const [key, value] of Object.entries(current)) visit(keyPath ? `${keyPath}.${key}` : key, value);
  };
  visit('', entity);
  keys.push('metadata.name', 'metadata.namespace', 'metadata.uid');
  for (const relation of relations) keys.push(`relations.${relation.type}`);
  const unique = new Set(keys);
  const lowerKeys = new Set(keys.map((k) => k.toLocaleLowerCase('en-US')));
  if (unique.size === lowerKeys.size) return [];
  const difference = new Set<string>();
  for (const key of unique) {
    const lower = key.toLocaleLowerCase('en-US');
    if (!lowerKeys.delete(lower)) difference.add(lower);
  }
  return [...difference];
}

/* ------------------------------------------------------------------- entity */

async function processEntity(raw: JsonObject, locationRef: string, ctx: PlaceholderContext): Promise<string | undefined> {
  // 2. emitted by the location reader: envelope check and location annotations
  let entity: Entity;
  try {
    entity = validateEnvelope(raw) as Entity;
  } catch (e) {
    return `Envelope validation failed: ${message(e)}`;
  }
  const ownAnnotations = (entity.metadata.annotations as unknown) || {};
  if (typeof ownAnnotations !== 'object' || Array.isArray(ownAnnotations)) {
    return 'metadata.annotations must be a valid object';
  }
  entity = {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...(ownAnnotations as Record<string, string>),
        [ANNOTATION_ORIGIN_LOCATION]: locationRef,
        [ANNOTATION_LOCATION]: locationRef,
      },
    },
  };
  const entityRef = stringifyEntityRef(entity);

  // 3. pre-processors
  try {
    entity = substitute(entity, ctx)[0] as Entity;
  } catch (e) {
    return `Processor PlaceholderProcessor threw an error while preprocessing: ${message(e)}`;
  }
  const folderUrl = pathToFileURL(`${path.dirname(ctx.file)}${path.sep}`).href;
  entity = {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        [ANNOTATION_LOCATION]: locationRef,
        [ANNOTATION_ORIGIN_LOCATION]: locationRef,
        [ANNOTATION_VIEW_URL]: pathToFileURL(ctx.file).href,
        [ANNOTATION_SOURCE_LOCATION]: `url:${folderUrl}`,
        ...(entity.metadata.annotations ?? {}),
      },
    },
  };

  // 4. policies
  try {
    const enforced = await policies.enforce(entity);
    if (!enforced) return `Policy unexpectedly returned no data for ${entityRef}`;
    entity = enforced;
  } catch (e) {
    return `Policy check failed for ${entityRef}: ${message(e)}`;
  }

  // 5. validation
  try {
    validateEntity(entity);
  } catch (e) {
    return `Entity envelope for ${entityRef} failed validation after preprocessing: ${message(e)}`;
  }
  let valid = false;
  for (const processor of kindProcessors) {
    try {
      for (const validator of processor.validators) {
        if (await validator.check(entity)) {
          valid = true;
          break;
        }
      }
    } catch (e) {
      return `Processor ${processor.name} threw an error while validating the entity ${entityRef}: ${message(e)}`;
    }
  }
  if (!valid) {
    return `No processor recognized the entity ${entityRef} as valid, possibly caused by a foreign kind or apiVersion`;
  }

  // 6. relations
  const self = getCompoundEntityRef(entity);
  const relations: { type: string; targetRef: string }[] = [];
  for (const field of relationFieldsFor(entity)) {
    const targets = getPath(entity, field.path);
    if (!targets) continue;
    for (const target of [targets].flat()) {
      try {
        const ref = parseEntityRef(target as string, {
          defaultKind: field.defaultKind,
          defaultNamespace: self.namespace,
        });
        relations.push({ type: field.relation, targetRef: stringifyEntityRef(ref) });
      } catch (e) {
        return `Processor threw an error while postprocessing ${field.path.join('.')}: ${message(e)}`;
      }
    }
  }

  // 7. stitching
  const badKeys = duplicateCasingKeys(entity, relations);
  if (badKeys.length) {
    return `Entity has duplicate keys that vary only in casing, '${badKeys.join("', '")}'`;
  }
  return undefined;
}

/* --------------------------------------------------------------------- file */

/**
 * The default catalog's verdict on one catalog file. Async because the
 * library's policies and kind validators are.
 */
export async function backstageVerdict(text: string, file: string, opts: OracleOptions = {}): Promise<Verdict> {
  const absolute = path.resolve(file);
  const locationRef = `url:${pathToFileURL(absolute).href}`;
  const ctx: PlaceholderContext = {
    file: absolute,
    readFile: opts.readFile ?? defaultReadFile,
    repoRoot: opts.repoRoot ?? path.dirname(absolute),
    remoteValue: opts.remoteValue ?? ((resolver) => (resolver === 'text' ? 'remote content' : {})),
  };
  const reasons: string[] = [];
  let entities = 0;

  const documents = parseAllDocuments(text).filter((d) => d);
  for (const [index, document] of documents.entries()) {
    const where = `document ${index + 1}`;
    if (document.errors.length) {
      reasons.push(`${where}: YAML error at ${locationRef}, ${String(document.errors[0])}`);
      continue;
    }
    let json: unknown;
    try {
      json = document.toJSON();
    } catch (e) {
      reasons.push(`${where}: ${message(e)}`);
      continue;
    }
    if (json === null) continue;
    if (!isPlainObject(json)) {
      reasons.push(`${where}: Expected object at root, got ${typeof json}`);
      continue;
    }
    entities += 1;
    const reason = await processEntity(json, locationRef, ctx);
    if (reason !== undefined) reasons.push(`${where}: ${reason}`);
  }
  return { rejected: reasons.length > 0, reasons, entities };
}
