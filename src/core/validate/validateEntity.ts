import { DEPRECATED_ANNOTATIONS, likelyAnnotationTypo } from '../model/annotations';
import { BUILTIN_KINDS, Entity, isRecord, JsonPath, PLUGIN_KINDS } from '../model/entity';
import { entityRefOf } from '../model/ref';
import { outgoingRefs } from '../model/relations';
import { caseConflictIssues } from './caseConflicts';
import { fieldFormatIssues } from './policies';
import { asPlaceholder, resolvePlaceholders, typeName } from './placeholders';
import { findKindSchema, validateEnvelope, validateKind } from './schemas';
import { Issue, ValidateOptions } from './types';

/** The verdict on one entity document. */
export interface EntityVerdict {
  issues: Issue[];
  /** The entity as written (placeholders kept), when it has an envelope. */
  entity?: Entity;
  ref?: string;
  rejected: boolean;
}

const LIFECYCLES = new Set(['experimental', 'production', 'deprecated']);

/**
 * Validates one document value the way the default catalog does (format §1.2),
 * collecting every problem instead of stopping at the first.
 */
export function validateEntity(value: unknown, file: string, options: ValidateOptions = {}): EntityVerdict {
  if (!isRecord(value)) {
    const issue: Issue = { path: [], severity: 'error', code: 'not-an-object', message: `Expected object at root, got ${typeName(value)}` };
    return { issues: [issue], rejected: true };
  }
  const envelopeIssues = envelopePlaceholderIssues(value);
  const { value: resolved, issues } = resolvePlaceholders(stampLocationAnnotations(value, file), file, options);
  issues.unshift(...envelopeIssues);
  issues.push(...validateEnvelope(resolved));
  issues.push(...fieldFormatIssues(resolved));
  issues.push(...kindIssues(resolved, options));
  issues.push(...refIssues(resolved));
  issues.push(...caseConflictIssues(resolved));
  issues.push(...annotationIssues(resolved));
  issues.push(...styleIssues(resolved));
  const rejected = issues.some(i => i.severity === 'error');
  const entity = hasEnvelope(value) ? (value as unknown as Entity) : undefined;
  return { issues, entity, ref: entity ? entityRefOf(entity) : undefined, rejected };
}

const ANNOTATION_LOCATION = 'backstage.io/managed-by-location';
const ANNOTATION_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';

/**
 * The catalog stamps every entity it reads with the location annotations
 * (`annotations || {}`, then its own values over the author's) before anything
 * else looks at it; validation sees the entity as the catalog does.
 */
function stampLocationAnnotations(entity: Record<string, unknown>, file: string): Record<string, unknown> {
  const metadata = entity.metadata;
  if (!isRecord(metadata) || !stampMatters(metadata.annotations)) return entity;
  const annotations = metadata.annotations || {};
  if (typeof annotations !== 'object' || Array.isArray(annotations)) return entity;
  const location = `file:${file}`;
  return {
    ...entity,
    metadata: { ...metadata, annotations: { ...annotations, [ANNOTATION_ORIGIN_LOCATION]: location, [ANNOTATION_LOCATION]: location } },
  };
}

/**
 * Whether stamping can change a verdict: falsy annotations (made an object),
 * author values under the stamped keys in any casing (overridden or clashing),
 * a lone `$` key (no longer a placeholder once stamped). Otherwise the copy is
 * skipped: most entities are validated without it.
 */
function stampMatters(annotations: unknown): boolean {
  if (annotations === undefined) return false;
  if (!annotations) return true;
  if (!isRecord(annotations)) return false;
  for (const key in annotations) {
    if (key.startsWith('$') || key.toLowerCase().startsWith('backstage.io/managed-by-')) return true;
  }
  return false;
}

/** The catalog checks the envelope before substituting placeholders, so none may stand there. */
function envelopePlaceholderIssues(entity: Record<string, unknown>): Issue[] {
  const metadata = isRecord(entity.metadata) ? entity.metadata : {};
  const fields: [JsonPath, unknown][] = [[['apiVersion'], entity.apiVersion], [['kind'], entity.kind], [['metadata', 'name'], metadata.name], [['metadata', 'namespace'], metadata.namespace]];
  return fields
    .filter(([, v]) => asPlaceholder(v))
    .map(([path]) => ({ path, severity: 'error' as const, code: 'placeholder-in-envelope', message: `${path.join('.')} must be a string: placeholders are not substituted in apiVersion, kind, metadata.name or metadata.namespace` }));
}

function hasEnvelope(v: Record<string, unknown>): boolean {
  return typeof v.kind === 'string' && v.kind !== '' && isRecord(v.metadata) && typeof v.metadata.name === 'string' && v.metadata.name !== '';
}

/** Kind validation: the exact kind and apiVersion must be claimed by a schema. */
function kindIssues(entity: Record<string, unknown>, options: ValidateOptions): Issue[] {
  const { kind, apiVersion } = entity;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string' || !kind || !apiVersion) return [];
  const schema = findKindSchema(kind, apiVersion, options.customKinds);
  if (schema) return tailorMcpServer(entity, validateKind(entity, schema));
  if (kind in PLUGIN_KINDS) {
    return [{ path: ['kind'], severity: 'warning', code: 'plugin-kind', message: `${kind} is not a built-in kind: the default catalog rejects it unless ${PLUGIN_KINDS[kind]} is installed. Its entities are indexed but not validated.` }];
  }
  const accepted = acceptedApiVersions(kind, options);
  if (accepted) {
    return [{ path: ['apiVersion'], severity: 'error', code: 'unsupported-api-version', message: `${kind} does not accept apiVersion "${apiVersion}"; use ${accepted.join(' or ')}` }];
  }
  const suggestion = knownKinds(options).find(k => k.toLowerCase() === kind.toLowerCase());
  const hint = suggestion ? ` Kinds are case-sensitive: did you mean "${suggestion}"?` : ' Declare custom kinds with a schema file (--schema).';
  return [{ path: ['kind'], severity: 'error', code: 'unknown-kind', message: `Unknown kind "${kind}" (apiVersion ${apiVersion}): no processor of the default catalog accepts it.${hint}` }];
}

function acceptedApiVersions(kind: string, options: ValidateOptions): readonly string[] | undefined {
  if (kind in BUILTIN_KINDS) return BUILTIN_KINDS[kind];
  const custom = options.customKinds?.filter(c => c.kind === kind).flatMap(c => c.apiVersions);
  return custom && custom.length > 0 ? custom : undefined;
}

function knownKinds(options: ValidateOptions): string[] {
  return [...Object.keys(BUILTIN_KINDS), ...Object.keys(PLUGIN_KINDS), ...(options.customKinds ?? []).map(c => c.kind)];
}

/** An mcp-server API is valid only with the opt-in model layer: say so. */
function tailorMcpServer(entity: Record<string, unknown>, issues: Issue[]): Issue[] {
  const spec = entity.spec;
  if (entity.kind !== 'API' || !isRecord(spec) || spec.type !== 'mcp-server') return issues;
  return issues.map(issue =>
    issue.code === 'missing-required' && /definition/.test(issue.message)
      ? { ...issue, code: 'mcp-server-api', message: 'An mcp-server API without spec.definition is rejected by the default catalog (BuiltinKindsEntityProcessor); it is accepted only when the opt-in catalog model layer is enabled.' }
      : issue,
  );
}

/** Relation fields whose refs do not parse (e.g. dependsOn without a kind). */
function refIssues(entity: Record<string, unknown>): Issue[] {
  if (typeof entity.kind !== 'string' || !isRecord(entity.metadata)) return [];
  return outgoingRefs(entity as unknown as Entity)
    .filter(r => r.error)
    .map(r => ({
      path: r.path,
      severity: 'error' as const,
      code: r.field.defaultKind === undefined && !r.written.includes(':') ? 'ref-missing-kind' : 'invalid-ref',
      message: r.field.defaultKind === undefined && !r.written.includes(':')
        ? `spec.${r.field.field} refs must name their kind, e.g. "component:${r.written}" or "resource:${r.written}": ${r.error}`
        : r.error ?? 'Invalid entity reference',
    }));
}

function annotationIssues(entity: Record<string, unknown>): Issue[] {
  const annotations = isRecord(entity.metadata) ? entity.metadata.annotations : undefined;
  if (!isRecord(annotations)) return [];
  const out: Issue[] = [];
  for (const key of Object.keys(annotations)) {
    const path = ['metadata', 'annotations', key];
    if (key in DEPRECATED_ANNOTATIONS) {
      out.push({ path, part: 'key', severity: 'info', code: 'deprecated-annotation', message: `Annotation "${key}" is deprecated: ${DEPRECATED_ANNOTATIONS[key]}` });
      continue;
    }
    const typo = likelyAnnotationTypo(key);
    if (typo) out.push({ path, part: 'key', severity: 'warning', code: 'annotation-typo', message: `Unknown annotation "${key}": did you mean "${typo}"?` });
  }
  const techdocs = annotations['backstage.io/techdocs-ref'];
  if (typeof techdocs === 'string' && !/^(dir|url):./.test(techdocs)) {
    out.push({ path: ['metadata', 'annotations', 'backstage.io/techdocs-ref'], severity: 'warning', code: 'invalid-techdocs-ref', message: `backstage.io/techdocs-ref must be "dir:<path>" or "url:<repository URL>"; TechDocs has no preparer for "${techdocs}"` });
  }
  return out;
}

function styleIssues(entity: Record<string, unknown>): Issue[] {
  const spec = entity.spec;
  if (!isRecord(spec) || typeof spec.lifecycle !== 'string' || LIFECYCLES.has(spec.lifecycle) || !spec.lifecycle) return [];
  return [{ path: ['spec', 'lifecycle'], severity: 'info', code: 'unknown-lifecycle', message: `Lifecycle "${spec.lifecycle}" is not one of the conventional values experimental, production, deprecated` }];
}
