import { DEFAULT_NAMESPACE } from './entity';

/** The parts of an entity reference, case preserved as written. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export interface RefContext {
  /** Kind used when the ref has none; without it a kind-less ref is an error. */
  defaultKind?: string;
  /** Namespace used when the ref has none; `default` otherwise. */
  defaultNamespace?: string;
}

export class EntityRefError extends Error {
  constructor(message: string, readonly ref: string) {
    super(message);
    this.name = 'EntityRefError';
  }
}

/**
 * Parses `[<kind>:][<namespace>/]<name>` exactly as Backstage's parseEntityRef:
 * the colon only separates a kind when it comes before the first slash, and
 * names may themselves contain `:` and `/` (format §3).
 */
export function parseEntityRef(ref: string, context: RefContext = {}): EntityName {
  const parts = splitEntityRef(ref);
  const kind = parts.kind ?? context.defaultKind;
  if (kind === undefined) {
    throw new EntityRefError(
      `Entity reference "${ref}" had missing or empty kind (e.g. did not start with "component:" or similar)`,
      ref,
    );
  }
  return { kind, namespace: parts.namespace ?? context.defaultNamespace ?? DEFAULT_NAMESPACE, name: parts.name };
}

/** Splits a ref into its written parts without applying defaults; throws on empty parts. */
export function splitEntityRef(ref: string): { kind?: string; namespace?: string; name: string } {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  const hasKind = colon !== -1 && (slash === -1 || colon < slash);
  const kind = hasKind ? ref.slice(0, colon) : undefined;
  const rest = hasKind ? ref.slice(colon + 1) : ref;
  const restSlash = rest.indexOf('/');
  const namespace = restSlash === -1 ? undefined : rest.slice(0, restSlash);
  const name = restSlash === -1 ? rest : rest.slice(restSlash + 1);
  if (kind === '' || namespace === '' || name === '') {
    throw new EntityRefError(`Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`, ref);
  }
  return { kind, namespace, name };
}

/** Canonical form `kind:namespace/name`, all parts lower-cased: the identity of an entity. */
export function stringifyEntityRef(ref: EntityName): string {
  // Backstage lower-cases with the en-US locale, which has no tailoring: plain toLowerCase is the same and faster.
  return `${ref.kind}:${ref.namespace || DEFAULT_NAMESPACE}/${ref.name}`.toLowerCase();
}

/** Canonical ref of a string in a context, or undefined when it cannot be parsed. */
export function normalizeEntityRef(ref: string, context: RefContext = {}): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref, context));
  } catch {
    return undefined;
  }
}

/** True when two refs name the same entity (case-insensitive, defaults applied). */
export function refsEqual(a: string | EntityName, b: string | EntityName, context: RefContext = {}): boolean {
  const left = typeof a === 'string' ? normalizeEntityRef(a, context) : stringifyEntityRef(a);
  const right = typeof b === 'string' ? normalizeEntityRef(b, context) : stringifyEntityRef(b);
  return left !== undefined && left === right;
}

/**
 * The shortest way to write `target` in a field whose default kind and namespace
 * are given: the kind is omitted when it is the default, the namespace when it
 * is the referring entity's.
 */
export function formatRefForField(target: EntityName, context: RefContext): string {
  const sameKind = context.defaultKind !== undefined && context.defaultKind.toLowerCase() === target.kind.toLowerCase();
  const sameNamespace =
    (context.defaultNamespace ?? DEFAULT_NAMESPACE).toLowerCase() === (target.namespace || DEFAULT_NAMESPACE).toLowerCase();
  const kindPart = sameKind ? '' : `${target.kind.toLowerCase()}:`;
  const namespacePart = sameNamespace ? '' : `${target.namespace}/`;
  return `${kindPart}${namespacePart}${target.name}`;
}

/** The canonical ref of an entity envelope (namespace defaulted). */
export function entityRefOf(entity: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace || DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  });
}
