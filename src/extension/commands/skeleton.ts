// Skeletons for a new catalog-info.yaml: the smallest descriptor of each kind
// that the default Backstage catalog accepts, with sensible defaults to edit.
// Pure: the unit tests validate every skeleton with the core validator.
import { formatRefForField, parseEntityRef } from '../../core/model/ref';
import { isValidObjectName } from '../../core/validate/fieldFormats';

/** A kind the Create command offers, with what it is for. */
export interface CreatableKind {
  kind: string;
  description: string;
  /** The field the picked group goes into: `owner` or, for a User, `memberOf`. */
  groupField?: 'owner' | 'memberOf';
}

/** The kinds offered, in the order people usually need them. */
export const CREATABLE_KINDS: readonly CreatableKind[] = [
  { kind: 'Component', description: 'A piece of software: a service, a website, a library', groupField: 'owner' },
  { kind: 'API', description: 'An interface a component provides: OpenAPI, AsyncAPI, GraphQL, gRPC', groupField: 'owner' },
  { kind: 'Resource', description: 'Infrastructure a component needs: a database, a bucket, a queue', groupField: 'owner' },
  { kind: 'System', description: 'A collection of components, APIs and resources', groupField: 'owner' },
  { kind: 'Domain', description: 'A business area grouping systems', groupField: 'owner' },
  { kind: 'Group', description: 'A team or organisational unit' },
  { kind: 'User', description: 'A person', groupField: 'memberOf' },
];

/** What a skeleton is made of. */
export interface SkeletonInput {
  kind: string;
  name: string;
  /** Canonical ref of the picked group (or user), if any. */
  group?: string;
}

/** Why a name cannot be a metadata.name, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (isValidObjectName(name)) return undefined;
  return 'Use 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
}

/** The YAML text of a new descriptor (one document, ending with a newline). */
export function catalogSkeleton(input: SkeletonInput): string {
  const header = ['apiVersion: backstage.io/v1alpha1', `kind: ${input.kind}`, 'metadata:', `  name: ${input.name}`];
  const description = `  description: ${descriptionOf(input.kind, input.name)}`;
  return [...header, description, 'spec:', ...specLines(input), ''].join('\n');
}

function specLines(input: SkeletonInput): string[] {
  const owner = `  owner: ${input.group ? shortRef(input.group) : 'guests'}`;
  switch (input.kind) {
    case 'Component':
      return ['  type: service', '  lifecycle: experimental', owner];
    case 'API':
      return ['  type: openapi', '  lifecycle: experimental', owner, ...openApiDefinition(input.name)];
    case 'Resource':
      return ['  type: database', owner];
    case 'System':
    case 'Domain':
      return [owner];
    case 'Group':
      return ['  type: team', '  children: []'];
    case 'User':
      return input.group ? ['  memberOf:', `    - ${shortRef(input.group)}`] : ['  memberOf: []'];
    default:
      return [owner];
  }
}

function openApiDefinition(name: string): string[] {
  return ['  definition: |', '    openapi: 3.0.3', '    info:', `      title: ${name}`, '      version: 0.1.0', '    paths: {}'];
}

function descriptionOf(kind: string, name: string): string {
  return kind === 'User' || kind === 'Group' ? `${name} (describe the ${kind.toLowerCase()})` : `What ${name} is for`;
}

/** `group:default/team-a` as written in an owner field: `team-a`. */
function shortRef(ref: string): string {
  const target = parseEntityRef(ref);
  return formatRefForField(target, { defaultKind: 'Group' });
}
