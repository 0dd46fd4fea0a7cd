/**
 * Deterministic corpus of catalog files for the differential test: valid
 * entities of every kind, and mutations of every rule of the default catalog
 * (format §1–§3, §6.3). Every case carries the verdict the format reference
 * predicts (`expect`); the oracle is checked against it, and Catwalk against
 * the oracle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';

export interface CorpusFile {
  /** Path relative to the case folder, '/'-separated. */
  path: string;
  text: string;
}

export interface CorpusCase {
  /** Unique, readable: `<group>/<what>`. */
  name: string;
  files: CorpusFile[];
  /** The catalog file under test (one of `files`). */
  entry: string;
  /** Verdict predicted by the format reference for the default catalog. */
  expect: 'valid' | 'rejected';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Expect = CorpusCase['expect'];

const ENTRY = 'catalog-info.yaml';
const OK: Expect = 'valid';
const BAD: Expect = 'rejected';

/* ------------------------------------------------------------------ helpers */

function toYaml(entity: Json): string {
  return stringify(entity, { lineWidth: 0 });
}

function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

function obj(value: Json | undefined): Obj {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('corpus: expected an object');
  }
  return value;
}

function meta(entity: Obj): Obj {
  return obj(entity.metadata);
}

function spec(entity: Obj): Obj {
  return obj(entity.spec);
}

/** Sets (or with `undefined`, deletes) `entity[path...]`, creating objects on the way. */
function setPath(entity: Obj, keys: string[], value: Json | undefined): void {
  let current = entity;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as Obj;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete current[last];
  else current[last] = value;
}

function mutate(base: Obj, change: (e: Obj) => void): Obj {
  const copy = clone(base);
  change(copy);
  return copy;
}

/* -------------------------------------------------------------------- bases */

const V1 = 'backstage.io/v1alpha1';
const TEMPLATE_API = 'scaffolder.backstage.io/v1beta3';

const OPENAPI = `openapi: 3.0.0
info:
  title: Petstore
  version: 1.0.0
paths: {}
`;

interface KindBase {
  kind: string;
  minimal: Obj;
  rich: Obj;
  /** Required spec fields (schema `required`). */
  required: string[];
  /** Spec fields holding entity refs that are strings, and arrays of strings. */
  refFields: string[];
  refArrayFields: string[];
}

const component: KindBase = {
  kind: 'Component',
  minimal: {
    apiVersion: V1,
    kind: 'Component',
    metadata: { name: 'petstore' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
  rich: {
    apiVersion: V1,
    kind: 'Component',
    metadata: {
      name: 'petstore',
      namespace: 'payments',
      title: 'Pet Store',
      description: 'Sells pets, with care.',
      labels: { 'example.com/tier': 'gold', system: 'core' },
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'github.com/project-slug': 'acme/petstore',
      },
      tags: ['java', 'c++', 'c#', 'web-service'],
      links: [{ url: 'https://example.com/petstore', title: 'Home', icon: 'dashboard', type: 'website' }],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:payments/team-a',
      system: 'pets',
      subcomponentOf: 'component:shop',
      providesApis: ['petstore-api'],
      consumesApis: ['api:default/auth-api'],
      dependsOn: ['resource:pets-db', 'component:default/auth'],
      dependencyOf: ['component:frontend'],
    },
  },
  required: ['type', 'lifecycle', 'owner'],
  refFields: ['owner', 'system', 'subcomponentOf'],
  refArrayFields: ['providesApis', 'consumesApis'],
};

const api: KindBase = {
  kind: 'API',
  minimal: {
    apiVersion: V1,
    kind: 'API',
    metadata: { name: 'petstore-api' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' },
  },
  rich: {
    apiVersion: V1,
    kind: 'API',
    metadata: { name: 'petstore-api', title: 'Petstore API', description: 'The pets.', tags: ['rest'] },
    spec: { type: 'openapi', lifecycle: 'experimental', owner: 'user:jdoe', system: 'pets', definition: OPENAPI },
  },
  required: ['type', 'lifecycle', 'owner', 'definition'],
  refFields: ['owner', 'system'],
  refArrayFields: [],
};

const resource: KindBase = {
  kind: 'Resource',
  minimal: {
    apiVersion: V1,
    kind: 'Resource',
    metadata: { name: 'pets-db' },
    spec: { type: 'database', owner: 'team-a' },
  },
  rich: {
    apiVersion: V1,
    kind: 'Resource',
    metadata: { name: 'pets-db', description: 'Stores pets.', labels: { engine: 'postgres' } },
    spec: {
      type: 'database',
      owner: 'group:default/team-a',
      system: 'pets',
      dependsOn: ['resource:backups-bucket'],
      dependencyOf: ['component:petstore'],
    },
  },
  required: ['type', 'owner'],
  refFields: ['owner', 'system'],
  refArrayFields: [],
};

const system: KindBase = {
  kind: 'System',
  minimal: { apiVersion: V1, kind: 'System', metadata: { name: 'pets' }, spec: { owner: 'team-a' } },
  rich: {
    apiVersion: V1,
    kind: 'System',
    metadata: { name: 'pets', title: 'Pets', links: [{ url: 'https://example.com/pets' }] },
    spec: { owner: 'team-a', domain: 'commerce', type: 'product' },
  },
  required: ['owner'],
  refFields: ['owner', 'domain'],
  refArrayFields: [],
};

const domain: KindBase = {
  kind: 'Domain',
  minimal: { apiVersion: V1, kind: 'Domain', metadata: { name: 'commerce' }, spec: { owner: 'team-a' } },
  rich: {
    apiVersion: V1,
    kind: 'Domain',
    metadata: { name: 'commerce', description: 'Selling things.' },
    spec: { owner: 'group:default/leadership', subdomainOf: 'company', type: 'product-group' },
  },
  required: ['owner'],
  refFields: ['owner', 'subdomainOf'],
  refArrayFields: [],
};

const group: KindBase = {
  kind: 'Group',
  minimal: { apiVersion: V1, kind: 'Group', metadata: { name: 'team-a' }, spec: { type: 'team', children: [] } },
  rich: {
    apiVersion: V1,
    kind: 'Group',
    metadata: { name: 'team-a', description: 'Team A.' },
    spec: {
      type: 'team',
      profile: { displayName: 'Team A', email: 'team-a@example.com', picture: 'https://example.com/a.png' },
      parent: 'engineering',
      children: ['team-a-backend', 'group:default/team-a-frontend'],
      members: ['jdoe', 'user:default/asmith'],
    },
  },
  required: ['type', 'children'],
  refFields: ['parent'],
  refArrayFields: ['children', 'members'],
};

const user: KindBase = {
  kind: 'User',
  minimal: { apiVersion: V1, kind: 'User', metadata: { name: 'jdoe' }, spec: { memberOf: [] } },
  rich: {
    apiVersion: V1,
    kind: 'User',
    metadata: { name: 'jdoe' },
    spec: {
      profile: { displayName: 'Jenny Doe', email: 'jenny@example.com', picture: 'https://example.com/j.png' },
      memberOf: ['team-a', 'group:default/employees'],
    },
  },
  required: ['memberOf'],
  refFields: [],
  refArrayFields: ['memberOf'],
};

const location: KindBase = {
  kind: 'Location',
  minimal: { apiVersion: V1, kind: 'Location', metadata: { name: 'more' }, spec: {} },
  rich: {
    apiVersion: V1,
    kind: 'Location',
    metadata: { name: 'more', description: 'More entities.' },
    spec: {
      type: 'url',
      target: 'https://github.com/acme/catalog/blob/main/one.yaml',
      targets: ['https://github.com/acme/catalog/blob/main/two.yaml'],
      presence: 'optional',
    },
  },
  required: [],
  refFields: [],
  refArrayFields: [],
};

const template: KindBase = {
  kind: 'Template',
  minimal: {
    apiVersion: TEMPLATE_API,
    kind: 'Template',
    metadata: { name: 'new-service' },
    spec: { type: 'service', steps: [{ action: 'debug:log' }] },
  },
  rich: {
    apiVersion: TEMPLATE_API,
    kind: 'Template',
    metadata: { name: 'new-service', title: 'New service', description: 'Creates a service.', tags: ['recommended'] },
    spec: {
      owner: 'team-a',
      lifecycle: 'production',
      type: 'service',
      parameters: [
        {
          title: 'Basics',
          required: ['name'],
          properties: { name: { type: 'string', 'ui:field': 'EntityNamePicker' } },
        },
        {
          title: 'Where',
          properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' } },
          'backstage:permissions': { tags: ['admin'] },
        },
      ],
      secrets: { schema: { type: 'object' } },
      presentation: { buttonLabels: { backButtonText: 'Back', createButtonText: 'Go', reviewButtonText: 'Check' } },
      formDecorators: [{ id: 'auth', input: { provider: 'github' } }],
      EXPERIMENTAL_recovery: { EXPERIMENTAL_strategy: 'startOver' },
      steps: [
        {
          id: 'fetch',
          name: 'Fetch',
          action: 'fetch:template',
          input: { url: './skeleton', values: { name: '${{ parameters.name }}' } },
        },
        { id: 'log', name: 'Log', action: 'debug:log', input: { message: 'hi' }, if: '${{ parameters.name }}' },
        { id: 'each', action: 'debug:log', each: ['a', 'b'], input: { message: '${{ each.value }}' } },
      ],
      output: {
        links: [{ title: 'Repository', url: '${{ steps.publish.output.remoteUrl }}' }],
        text: [{ title: 'Done', content: 'All good' }],
        summary: 'created',
      },
    },
  },
  required: ['type', 'steps'],
  refFields: ['owner'],
  refArrayFields: [],
};

const KINDS: KindBase[] = [component, api, resource, system, domain, group, user, location, template];

/* ------------------------------------------------------------------ builder */

class Corpus {
  readonly cases: CorpusCase[] = [];
  private readonly names = new Set<string>();

  add(name: string, files: CorpusFile[], expect: Expect, entry = ENTRY): void {
    if (this.names.has(name)) throw new Error(`corpus: duplicate case name ${name}`);
    if (!files.some((f) => f.path === entry)) throw new Error(`corpus: ${name} has no entry file`);
    this.names.add(name);
    this.cases.push({ name, files, entry, expect });
  }

  /** One entity serialized to YAML, plus optional side files. */
  entity(name: string, entity: Json, expect: Expect, extra: CorpusFile[] = []): void {
    this.add(name, [{ path: ENTRY, text: toYaml(entity) }, ...extra], expect);
  }

  /** Hand-written YAML text, plus optional side files. */
  text(name: string, text: string, expect: Expect, extra: CorpusFile[] = []): void {
    this.add(name, [{ path: ENTRY, text }, ...extra], expect);
  }

  /** A mutation of a base entity. */
  mutation(name: string, base: Obj, change: (e: Obj) => void, expect: Expect, extra: CorpusFile[] = []): void {
    this.entity(name, mutate(base, change), expect, extra);
  }
}

/* ------------------------------------------------------------ valid entities */

function validEntities(c: Corpus): void {
  for (const k of KINDS) {
    c.entity(`valid/${k.kind}/minimal`, k.minimal, OK);
    c.entity(`valid/${k.kind}/rich`, k.rich, OK);
    if (k !== template) {
      c.mutation(`valid/${k.kind}/v1beta1`, k.minimal, (e) => (e.apiVersion = 'backstage.io/v1beta1'), OK);
    }
    c.mutation(`valid/${k.kind}/unknown spec keys are accepted`, k.minimal, (e) => {
      spec(e).customField = 'x';
      spec(e).nested = { deeper: [1, 2, { three: true }] };
    }, OK);
    c.mutation(`valid/${k.kind}/explicit default namespace`, k.minimal, (e) => (meta(e).namespace = 'default'), OK);
  }
  c.mutation('valid/Location/relative target', location.minimal, (e) => (e.spec = { target: './more.yaml' }), OK, [
    { path: 'more.yaml', text: toYaml(component.minimal) },
  ]);
  c.mutation('valid/Location/file type with targets', location.minimal, (e) => {
    e.spec = { type: 'file', targets: ['./a.yaml', './b.yaml'] };
  }, OK, [
    { path: 'a.yaml', text: toYaml(component.minimal) },
    { path: 'b.yaml', text: toYaml(api.minimal) },
  ]);
  c.mutation('valid/Location/owner is not a relation field of Location', location.minimal, (e) => {
    spec(e).owner = ':x';
  }, OK);
}

/* ------------------------------------------------------------------ metadata */

interface Mutation {
  name: string;
  change: (e: Obj) => void;
  expect: Expect;
  /** Also applied to every other kind. */
  everyKind?: boolean;
}

const long = (n: number, ch = 'a'): string => ch.repeat(n);

function nameMutations(): Mutation[] {
  const set = (name: string, value: Json | undefined, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata.name/${name}`,
    change: (e) => setPath(e, ['metadata', 'name'], value),
    expect,
    everyKind,
  });
  return [
    set('63 characters', long(63), OK, true),
    set('64 characters', long(64), BAD, true),
    set('leading hyphen', '-petstore', BAD),
    set('trailing hyphen', 'petstore-', BAD, true),
    set('leading dot', '.petstore', BAD),
    set('trailing dot', 'petstore.', BAD),
    set('leading underscore', '_petstore', BAD),
    set('trailing underscore', 'petstore_', BAD),
    set('inner underscore', 'pet_store', OK, true),
    set('dot hyphen underscore mix', 'a.b-c_d', OK),
    set('consecutive separators', 'a--b..c__d', OK),
    set('single character', 'a', OK),
    set('uppercase', 'PetStore', OK),
    set('digits as a string', '123', OK),
    set('unicode accent', 'café', BAD),
    set('unicode CJK', '服务', BAD),
    set('empty string', '', BAD),
    set('space', 'pet store', BAD),
    set('colon', 'pet:store', BAD),
    set('slash', 'pet/store', BAD),
    set('number', 123, BAD),
    set('boolean', true, BAD),
    set('null', null, BAD),
    set('missing', undefined, BAD, true),
    set('object', { a: 'b' }, BAD),
    set('list', ['petstore'], BAD),
  ];
}

function namespaceMutations(): Mutation[] {
  const set = (name: string, value: Json, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata.namespace/${name}`,
    change: (e) => setPath(e, ['metadata', 'namespace'], value),
    expect,
    everyKind,
  });
  return [
    set('plain', 'team-a', OK),
    set('uppercase', 'Payments', BAD, true),
    set('double hyphen', 'my--ns', OK, true),
    set('trailing hyphen', 'ns-', BAD),
    set('leading hyphen', '-ns', BAD),
    set('63 characters', long(63), OK),
    set('64 characters', long(64), BAD),
    set('underscore', 'my_ns', BAD),
    set('dot', 'my.ns', BAD),
    set('empty string', '', BAD),
    set('null', null, BAD),
    set('number', 5, BAD),
    set('digits as a string', '123', OK),
    set('single character', 'a', OK),
  ];
}

function tagMutations(): Mutation[] {
  const one = (name: string, value: Json, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata.tags/${name}`,
    change: (e) => setPath(e, ['metadata', 'tags'], [value]),
    expect,
    everyKind,
  });
  const whole = (name: string, value: Json, expect: Expect): Mutation => ({
    name: `metadata.tags/${name}`,
    change: (e) => setPath(e, ['metadata', 'tags'], value),
    expect,
  });
  return [
    one('lowercase', 'java', OK),
    one('uppercase', 'Java', BAD, true),
    one('plus', 'c++', OK),
    one('hash', 'c#', OK),
    one('colon', 'lang:java', OK, true),
    one('single hyphens', 'a-b-c', OK),
    one('double hyphen', 'a--b', BAD),
    one('leading hyphen', '-a', BAD),
    one('trailing hyphen', 'a-', BAD),
    one('63 characters', long(63), OK),
    one('64 characters', long(64), BAD),
    one('empty string', '', BAD),
    one('number', 5, BAD),
    one('boolean', true, BAD),
    one('null item', null, BAD),
    one('space', 'a b', BAD),
    one('underscore', 'a_b', BAD),
    one('dot', 'a.b', BAD),
    one('unicode', 'über', BAD),
    one('nested list', ['java'], BAD),
    whole('a string instead of a list', 'java', BAD),
    whole('empty list', [], OK),
    whole('null list', null, BAD),
    whole('object', { java: true }, BAD),
    whole('duplicate items', ['java', 'java'], OK),
  ];
}

function labelMutations(): Mutation[] {
  const labels = (name: string, value: Json, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata.labels/${name}`,
    change: (e) => setPath(e, ['metadata', 'labels'], value),
    expect,
    everyKind,
  });
  const dnsLabels = (count: number): string => Array.from({ length: count }, (_, i) => long(63, 'abc'[i % 3])).join('.');
  return [
    labels('simple', { team: 'payments' }, OK),
    labels('key with prefix', { 'example.com/team': 'payments' }, OK),
    labels('key with two slashes', { 'a/b/c': 'x' }, BAD),
    labels('uppercase prefix', { 'Example.com/team': 'x' }, BAD, true),
    labels('prefix with leading hyphen', { '-example.com/team': 'x' }, BAD),
    labels('empty name after prefix', { 'example.com/': 'x' }, BAD),
    labels('empty prefix', { '/team': 'x' }, BAD),
    labels('prefix with empty DNS label', { 'example..com/team': 'x' }, BAD),
    labels('prefix of 191 characters', { [`${dnsLabels(3)}/team`]: 'x' }, OK),
    labels('prefix over 253 characters', { [`${dnsLabels(4)}/team`]: 'x' }, BAD),
    labels('uppercase key name', { Team: 'x' }, OK),
    labels('key name 63 characters', { [long(63)]: 'x' }, OK),
    labels('key name 64 characters', { [long(64)]: 'x' }, BAD),
    labels('empty key', { '': 'x' }, BAD),
    labels('empty value', { team: '' }, OK),
    labels('value with space', { team: 'two words' }, BAD),
    labels('value with leading hyphen', { team: '-x' }, BAD),
    labels('uppercase value', { team: 'Payments' }, OK),
    labels('value 63 characters', { team: long(63) }, OK),
    labels('value 64 characters', { team: long(64) }, BAD),
    labels('value is a number', { team: 5 }, BAD, true),
    labels('value is a boolean', { team: true }, BAD),
    labels('value is null', { team: null }, BAD),
    labels('value is a list', { team: ['a'] }, BAD),
    labels('null', null, BAD),
    labels('list', ['team'], BAD),
    labels('string', 'team', BAD),
    labels('empty object', {}, OK),
  ];
}

function annotationMutations(): Mutation[] {
  const annotations = (name: string, value: Json, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata.annotations/${name}`,
    change: (e) => setPath(e, ['metadata', 'annotations'], value),
    expect,
    everyKind,
  });
  return [
    annotations('key with prefix', { 'example.com/note': 'hi' }, OK),
    annotations('key with two slashes', { 'a/b/c': 'x' }, BAD),
    annotations('uppercase prefix', { 'Example.com/note': 'x' }, BAD),
    annotations('space in key name', { 'example.com/my note': 'x' }, BAD),
    annotations('empty key', { '': 'x' }, BAD),
    annotations('value is a number', { 'example.com/count': 5 }, BAD, true),
    annotations('value is a boolean', { 'example.com/flag': true }, BAD),
    annotations('value is null', { 'example.com/x': null }, BAD),
    annotations('value is an object', { 'example.com/x': { a: 'b' } }, BAD),
    annotations('value is a list', { 'example.com/x': ['a'] }, BAD),
    annotations('empty value', { 'example.com/x': '' }, OK),
    annotations('value of 10000 characters', { 'example.com/x': long(10000, 'y') }, OK),
    annotations('multi-line value', { 'example.com/x': 'line one\nline two\n' }, OK),
    annotations('techdocs ref', { 'backstage.io/techdocs-ref': 'dir:.' }, OK),
    annotations('uppercase key name', { 'example.com/Note': 'x' }, OK),
    annotations('dotted prefix', { 'a.b/c': 'x' }, OK),
    annotations('null (treated as no annotations)', null, OK),
    annotations('empty string (treated as no annotations)', '', OK),
    annotations('false (treated as no annotations)', false, OK),
    annotations('list', ['a'], BAD),
    annotations('string', 'x', BAD),
    annotations('empty object', {}, OK),
    annotations('managed-by-location set to a number (overwritten by the catalog)', {
      'backstage.io/managed-by-location': 5,
    }, OK),
    annotations('managed-by-origin-location set to a list (overwritten by the catalog)', {
      'backstage.io/managed-by-origin-location': ['x'],
    }, OK),
    annotations('view-url set to a number', { 'backstage.io/view-url': 5 }, BAD),
  ];
}

function linkMutations(): Mutation[] {
  const links = (name: string, value: Json, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata.links/${name}`,
    change: (e) => setPath(e, ['metadata', 'links'], value),
    expect,
    everyKind,
  });
  return [
    links('absolute https url', [{ url: 'https://example.com' }], OK),
    links('relative url', [{ url: '/docs' }], BAD, true),
    links('mailto url', [{ url: 'mailto:team@example.com' }], OK),
    links('urn url', [{ url: 'urn:isbn:0451450523' }], OK),
    links('localhost with port', [{ url: 'http://localhost:3000/x' }], OK),
    links('host without scheme', [{ url: 'example.com' }], BAD),
    links('protocol-relative url', [{ url: '//example.com' }], BAD),
    links('blank title', [{ url: 'https://example.com', title: '   ' }], BAD),
    links('empty title', [{ url: 'https://example.com', title: '' }], BAD),
    links('title is a number', [{ url: 'https://example.com', title: 5 }], BAD),
    links('blank icon', [{ url: 'https://example.com', icon: ' ' }], BAD),
    links('with type', [{ url: 'https://example.com', type: 'docs' }], OK),
    links('empty type', [{ url: 'https://example.com', type: '' }], BAD),
    links('unknown link key', [{ url: 'https://example.com', extra: 'y' }], OK),
    links('missing url', [{ title: 'Docs' }], BAD),
    links('url is a number', [{ url: 5 }], BAD),
    links('item is a string', ['https://example.com'], BAD),
    links('item is null', [null], BAD),
    links('object instead of list', { url: 'https://example.com' }, BAD),
    links('null', null, BAD),
    links('empty list', [], OK),
    links('url with a space', [{ url: 'https://example.com/a b' }], OK),
    links('url with a scheme only', [{ url: 'https://' }], BAD),
    links('IPv6 url', [{ url: 'http://[::1]:3000' }], OK),
    links('javascript url', [{ url: 'javascript:alert(1)' }], OK),
  ];
}

function otherMetadataMutations(): Mutation[] {
  const m = (name: string, change: (e: Obj) => void, expect: Expect, everyKind = false): Mutation => ({
    name: `metadata/${name}`,
    change,
    expect,
    everyKind,
  });
  return [
    m('title', (e) => (meta(e).title = 'Pet Store'), OK),
    m('empty title', (e) => (meta(e).title = ''), BAD, true),
    m('title is a number', (e) => (meta(e).title = 5), BAD),
    m('empty description', (e) => (meta(e).description = ''), OK),
    m('description is a number', (e) => (meta(e).description = 5), BAD),
    m('unknown metadata key', (e) => (meta(e).owner = 'someone'), OK),
    m('empty uid', (e) => (meta(e).uid = ''), BAD),
    m('uid and etag', (e) => Object.assign(meta(e), { uid: 'abc', etag: 'def' }), OK),
    m('metadata is a string', (e) => (e.metadata = 'petstore'), BAD),
    m('metadata is a list', (e) => (e.metadata = [{ name: 'petstore' }]), BAD),
    m('metadata is null', (e) => (e.metadata = null), BAD),
    m('metadata missing', (e) => delete e.metadata, BAD),
  ];
}

function rootMutations(): Mutation[] {
  const m = (name: string, change: (e: Obj) => void, expect: Expect, everyKind = false): Mutation => ({
    name: `root/${name}`,
    change,
    expect,
    everyKind,
  });
  return [
    m('status', (e) => (e.status = { items: [] }), BAD, true),
    m('relations', (e) => (e.relations = []), BAD, true),
    m('unknown field', (e) => (e.owner = 'team-a'), BAD, true),
    m('spec missing', (e) => delete e.spec, BAD, true),
    m('spec is a list', (e) => (e.spec = []), BAD),
    m('spec is a string', (e) => (e.spec = 'x'), BAD),
    m('spec is null', (e) => (e.spec = null), BAD),
  ];
}

function apiVersionMutations(): Mutation[] {
  const set = (name: string, value: Json | undefined, expect: Expect): Mutation => ({
    name: `apiVersion/${name}`,
    change: (e) => setPath(e, ['apiVersion'], value),
    expect,
  });
  return [
    set('1.0', '1.0', BAD),
    set('uppercase prefix', 'Backstage.io/v1alpha1', BAD),
    set('two slashes', 'backstage.io/v1alpha1/x', BAD),
    set('unknown version backstage.io/v2', 'backstage.io/v2', BAD),
    set('no prefix', 'v1alpha1', BAD),
    set('empty suffix', 'backstage.io/', BAD),
    set('foreign group', 'example.com/v1', BAD),
    set('template apiVersion on a Component', TEMPLATE_API, BAD),
    set('empty', '', BAD),
    set('number', 1, BAD),
    set('missing', undefined, BAD),
  ];
}

function kindMutations(): Mutation[] {
  const set = (name: string, value: Json | undefined, expect: Expect, everyKind = false): Mutation => ({
    name: `kind/${name}`,
    change: (e) => setPath(e, ['kind'], value),
    expect,
    everyKind,
  });
  return [
    set('lower-case component', 'component', BAD),
    set('upper-case COMPONENT', 'COMPONENT', BAD),
    set('unknown Foo', 'Foo', BAD),
    set('starts with a digit', '9abc', BAD),
    set('empty', '', BAD),
    set('number', 5, BAD),
    set('trailing space (quoted)', 'Component ', BAD),
    set('Template with a catalog apiVersion', 'Template', BAD),
    set('missing', undefined, BAD, true),
  ];
}

function metadataAndEnvelope(c: Corpus): void {
  const all = [
    ...nameMutations(),
    ...namespaceMutations(),
    ...tagMutations(),
    ...labelMutations(),
    ...annotationMutations(),
    ...linkMutations(),
    ...otherMetadataMutations(),
    ...rootMutations(),
    ...apiVersionMutations(),
    ...kindMutations(),
  ];
  for (const m of all) c.mutation(`Component/${m.name}`, component.minimal, m.change, m.expect);
  for (const k of KINDS) {
    if (k === component) continue;
    for (const m of all.filter((x) => x.everyKind)) c.mutation(`${k.kind}/${m.name}`, k.minimal, m.change, m.expect);
    c.mutation(`${k.kind}/kind/lower-case`, k.minimal, (e) => (e.kind = k.kind.toLowerCase()), BAD);
  }
  c.mutation('API/kind/Api spelled with lower-case letters', api.minimal, (e) => (e.kind = 'Api'), BAD);
  c.mutation('Template/apiVersion/backstage.io/v1alpha1', template.minimal, (e) => (e.apiVersion = V1), BAD);
  c.mutation('Template/apiVersion/v1beta2', template.minimal, (e) => (e.apiVersion = 'scaffolder.backstage.io/v1beta2'), BAD);
  c.mutation('Template/apiVersion/v1beta1 of the catalog', template.minimal, (e) => (e.apiVersion = 'backstage.io/v1beta1'), BAD);
  c.text('kind/plain scalar trailing spaces are not part of the value', [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component   ',
    'metadata:',
    '  name: petstore',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-a',
    '',
  ].join('\n'), OK);
}

/* --------------------------------------------------------------- spec rules */

function specRules(c: Corpus): void {
  for (const k of KINDS) {
    for (const field of k.required) {
      c.mutation(`${k.kind}/spec.${field}/missing`, k.minimal, (e) => delete spec(e)[field], BAD);
      c.mutation(`${k.kind}/spec.${field}/null`, k.minimal, (e) => (spec(e)[field] = null), BAD);
      c.mutation(`${k.kind}/spec.${field}/number`, k.minimal, (e) => (spec(e)[field] = 5), BAD);
      const isArray = Array.isArray(spec(k.minimal)[field]);
      c.mutation(`${k.kind}/spec.${field}/${isArray ? 'string instead of list' : 'empty string'}`, k.minimal, (e) => {
        spec(e)[field] = isArray ? 'x' : '';
      }, BAD);
      c.mutation(`${k.kind}/spec.${field}/${isArray ? 'object instead of list' : 'list instead of string'}`, k.minimal, (e) => {
        spec(e)[field] = isArray ? { a: 'b' } : ['x'];
      }, BAD);
    }
  }
  c.mutation('Location/spec/empty object', location.minimal, (e) => (e.spec = {}), OK);

  const types: [KindBase, string, (e: Obj) => void, Expect][] = [
    [component, 'spec.providesApis/string instead of list', (e) => (spec(e).providesApis = 'petstore-api'), BAD],
    [component, 'spec.providesApis/object instead of list', (e) => (spec(e).providesApis = { a: 'b' }), BAD],
    [component, 'spec.consumesApis/empty string item', (e) => (spec(e).consumesApis = ['']), BAD],
    [component, 'spec.dependsOn/number item', (e) => (spec(e).dependsOn = [5]), BAD],
    [component, 'spec.system/number', (e) => (spec(e).system = 5), BAD],
    [component, 'spec.subcomponentOf/list', (e) => (spec(e).subcomponentOf = ['shop']), BAD],
    [component, 'spec.system/empty string', (e) => (spec(e).system = ''), BAD],
    [api, 'spec.definition/object', (e) => (spec(e).definition = { openapi: '3.0.0' }), BAD],
    [api, 'spec.definition/multi-line string', (e) => (spec(e).definition = OPENAPI), OK],
    [api, 'spec.system/number', (e) => (spec(e).system = 5), BAD],
    [resource, 'spec.system/list', (e) => (spec(e).system = ['pets']), BAD],
    [resource, 'spec.dependsOn/string instead of list', (e) => (spec(e).dependsOn = 'resource:x'), BAD],
    [system, 'spec.domain/number', (e) => (spec(e).domain = 5), BAD],
    [system, 'spec.type/empty string', (e) => (spec(e).type = ''), BAD],
    [domain, 'spec.subdomainOf/empty string', (e) => (spec(e).subdomainOf = ''), BAD],
    [domain, 'spec.type/number', (e) => (spec(e).type = 5), BAD],
    [group, 'spec.members/string instead of list', (e) => (spec(e).members = 'jdoe'), BAD],
    [group, 'spec.members/empty list', (e) => (spec(e).members = []), OK],
    [group, 'spec.profile/string', (e) => (spec(e).profile = 'x'), BAD],
    [group, 'spec.profile.email/number', (e) => (spec(e).profile = { email: 5 }), BAD],
    [group, 'spec.profile.displayName/empty string', (e) => (spec(e).profile = { displayName: '' }), BAD],
    [group, 'spec.profile/unknown key', (e) => (spec(e).profile = { nickname: 'A' }), OK],
    [group, 'spec.parent/empty string', (e) => (spec(e).parent = ''), BAD],
    [group, 'spec.parent/list', (e) => (spec(e).parent = ['engineering']), BAD],
    [user, 'spec.profile.picture/number', (e) => (spec(e).profile = { picture: 5 }), BAD],
    [user, 'spec.profile.email/empty string', (e) => (spec(e).profile = { email: '' }), BAD],
    [user, 'spec/empty object', (e) => (e.spec = {}), BAD],
    [location, 'spec.presence/unknown value', (e) => (spec(e).presence = 'maybe'), BAD],
    [location, 'spec.presence/optional', (e) => (spec(e).presence = 'optional'), OK],
    [location, 'spec.targets/string instead of list', (e) => (spec(e).targets = 'https://example.com/a.yaml'), BAD],
    [location, 'spec.targets/number item', (e) => (spec(e).targets = [5]), BAD],
    [location, 'spec.target/empty string', (e) => (spec(e).target = ''), BAD],
    [location, 'spec.type/empty string', (e) => (spec(e).type = ''), BAD],
    [template, 'spec.steps/a single step object', (e) => (spec(e).steps = { action: 'debug:log' }), BAD],
    [template, 'spec.steps/empty list', (e) => (spec(e).steps = []), OK],
    [template, 'spec.steps/step without action', (e) => (spec(e).steps = [{ id: 'x' }]), BAD],
    [template, 'spec.steps/action is a number', (e) => (spec(e).steps = [{ action: 5 }]), BAD],
    [template, 'spec.steps/if is a number', (e) => (spec(e).steps = [{ action: 'debug:log', if: 5 }]), BAD],
    [template, 'spec.steps/if is a boolean', (e) => (spec(e).steps = [{ action: 'debug:log', if: false }]), OK],
    [template, 'spec.steps/input is a string', (e) => (spec(e).steps = [{ action: 'debug:log', input: 'x' }]), BAD],
    [template, 'spec.steps/step is a string', (e) => (spec(e).steps = ['debug:log']), BAD],
    [template, 'spec.steps/duplicate ids', (e) => {
      spec(e).steps = [{ id: 'a', action: 'debug:log' }, { id: 'a', action: 'debug:log' }];
    }, OK],
    [template, 'spec.steps/permission tags are numbers', (e) => {
      spec(e).steps = [{ action: 'debug:log', 'backstage:permissions': { tags: [5] } }];
    }, BAD],
    [template, 'spec.parameters/string', (e) => (spec(e).parameters = 'x'), BAD],
    [template, 'spec.parameters/single object', (e) => (spec(e).parameters = { properties: {} }), OK],
    [template, 'spec.parameters/list with a number', (e) => (spec(e).parameters = [5]), BAD],
    [template, 'spec.parameters/permission tags are numbers', (e) => {
      spec(e).parameters = [{ 'backstage:permissions': { tags: [5] } }];
    }, BAD],
    [template, 'spec.output/link with empty url', (e) => (spec(e).output = { links: [{ url: '' }] }), BAD],
    [template, 'spec.output/extra key with a number', (e) => (spec(e).output = { count: 5 }), BAD],
    [template, 'spec.output/extra key with a string', (e) => (spec(e).output = { summary: 'done' }), OK],
    [template, 'spec.output/text item with numeric content', (e) => (spec(e).output = { text: [{ content: 5 }] }), BAD],
    [template, 'spec.owner/number', (e) => (spec(e).owner = 5), BAD],
    [template, 'spec.lifecycle/empty string', (e) => (spec(e).lifecycle = ''), BAD],
    [template, 'spec.presentation/button label is a number', (e) => {
      spec(e).presentation = { buttonLabels: { backButtonText: 5 } };
    }, BAD],
    [template, 'spec.formDecorators/id is a number', (e) => (spec(e).formDecorators = [{ id: 5 }]), BAD],
    [template, 'spec.secrets/schema is a string', (e) => (spec(e).secrets = { schema: 'x' }), BAD],
    [template, 'spec.EXPERIMENTAL_recovery/free-form strategy string', (e) => {
      spec(e).EXPERIMENTAL_recovery = { EXPERIMENTAL_strategy: 'whatever' };
    }, OK],
  ];
  for (const [k, name, change, expect] of types) c.mutation(`${k.kind}/${name}`, k.minimal, change, expect);
}

/* --------------------------------------------------------------------- refs */

function refRules(c: Corpus): void {
  const malformed: [string, string][] = [
    ['kind without name', 'group:'],
    ['leading colon', ':x'],
    ['namespace without name', 'ns/'],
    ['kind with empty namespace', 'group:/x'],
    ['leading slash', '/x'],
    ['kind and namespace without name', 'group:ns/'],
  ];
  const fine: [string, string][] = [
    ['kind prefix', 'group:team-a'],
    ['user kind', 'user:jdoe'],
    ['namespace prefix', 'default/team-a'],
    ['colon in name', 'x:y:z'],
    ['slash in name', 'a/b/c'],
    ['mixed case', 'Group:Default/Team-A'],
  ];
  for (const k of KINDS) {
    for (const field of k.refFields) {
      for (const [what, value] of malformed) {
        c.mutation(`${k.kind}/refs/spec.${field} ${what} (${value})`, k.minimal, (e) => (spec(e)[field] = value), BAD);
      }
      c.mutation(`${k.kind}/refs/spec.${field} compound object`, k.minimal, (e) => {
        spec(e)[field] = { kind: 'Group', name: 'team-a' };
      }, BAD);
    }
    for (const field of k.refArrayFields) {
      for (const [what, value] of malformed.slice(0, 3)) {
        c.mutation(`${k.kind}/refs/spec.${field} item ${what} (${value})`, k.minimal, (e) => (spec(e)[field] = [value]), BAD);
      }
      c.mutation(`${k.kind}/refs/spec.${field} compound object item`, k.minimal, (e) => {
        spec(e)[field] = [{ kind: 'Group', name: 'x' }];
      }, BAD);
    }
  }
  for (const [what, value] of fine) {
    c.mutation(`Component/refs/spec.owner ${what} (${value})`, component.minimal, (e) => (spec(e).owner = value), OK);
  }

  const explicit: [KindBase, string, Json, Expect][] = [
    [component, 'dependsOn without kind', ['auth'], BAD],
    [component, 'dependsOn with kind', ['component:auth'], OK],
    [component, 'dependsOn with kind and namespace', ['resource:default/pets-db'], OK],
    [component, 'dependsOn mixed case', ['Component:Default/Auth'], OK],
    [component, 'dependsOn namespace but no kind', ['default/auth'], BAD],
    [component, 'dependsOn one good one bad', ['component:auth', 'auth'], BAD],
    [component, 'dependencyOf without kind', ['frontend'], BAD],
    [component, 'dependencyOf with kind', ['component:frontend'], OK],
    [component, 'dependencyOf single string with kind', 'component:frontend', OK],
    [component, 'dependencyOf single string without kind', 'frontend', BAD],
    [component, 'dependencyOf compound object item (not in the schema)', [{ kind: 'Component', name: 'frontend' }], OK],
    [component, 'dependencyOf compound object without kind', [{ name: 'frontend' }], BAD],
    [component, 'dependencyOf empty string (skipped)', '', OK],
    [component, 'dependencyOf empty string item', [''], BAD],
    [component, 'dependencyOf number item', [5], BAD],
    [component, 'dependencyOf number instead of a list', 5, BAD],
    [component, 'dependencyOf single compound object', { kind: 'Component', name: 'frontend' }, OK],
    [component, 'dependencyOf nested list', ['component:a', ['component:b']], BAD],
    [component, 'dependencyOf empty list', [], OK],
    [resource, 'dependsOn without kind', ['backups'], BAD],
    [resource, 'dependsOn with kind', ['resource:backups'], OK],
    [resource, 'dependencyOf without kind', ['petstore'], BAD],
    [resource, 'dependencyOf with kind', ['component:petstore'], OK],
    [resource, 'dependencyOf number item', [5], BAD],
    [resource, 'dependencyOf compound object item (not in the schema)', [{ kind: 'Component', name: 'petstore' }], OK],
  ];
  for (const [k, name, value, expect] of explicit) {
    const field = name.split(' ')[0];
    c.mutation(`${k.kind}/refs/${name}`, k.minimal, (e) => (spec(e)[field] = value), expect);
  }
  const unchecked: [KindBase, string, string, Json][] = [
    [component, 'owner with a space in the name', 'owner', 'team a'],
    [component, 'owner with characters a name may not have', 'owner', 'Team_A.x!'],
    [component, 'owner with unicode', 'owner', 'équipe'],
    [component, 'owner of a kind that does not exist', 'owner', 'foo:bar'],
    [component, 'owner with a leading space', 'owner', ' team-a'],
    [component, 'owner with an upper-case namespace', 'owner', 'group:Payments/team-a'],
    [component, 'system naming a Component', 'system', 'component:shop'],
    [component, 'dependsOn an API', 'dependsOn', ['api:petstore-api']],
    [component, 'providesApis item with a space', 'providesApis', ['api:some api']],
    [group, 'children naming a User', 'children', ['user:jdoe']],
    [user, 'memberOf naming a Component', 'memberOf', ['component:petstore']],
  ];
  for (const [k, name, field, value] of unchecked) {
    c.mutation(`${k.kind}/refs/not validated beyond their shape/${name}`, k.minimal, (e) => (spec(e)[field] = value), OK);
  }
  c.mutation('API/refs/dependencyOf is not a relation field of API', api.minimal, (e) => (spec(e).dependencyOf = ['frontend']), OK);
  c.mutation('System/refs/dependsOn is not a relation field of System', system.minimal, (e) => (spec(e).dependsOn = ['auth']), OK);
  c.mutation('Group/refs/owner is not a relation field of Group', group.minimal, (e) => (spec(e).owner = ':x'), OK);
  c.mutation('Component/refs/providesApis items differing only in case', component.minimal, (e) => {
    spec(e).providesApis = ['petstore-api', 'Petstore-API'];
  }, OK);
}

/* ------------------------------------------------------------- placeholders */

function placeholders(c: Corpus): void {
  const openapiFile: CorpusFile = { path: 'openapi.yaml', text: OPENAPI };
  const withDefinition = (name: string, definition: Json, expect: Expect, extra: CorpusFile[] = []): void => {
    c.mutation(`placeholders/${name}`, api.minimal, (e) => (spec(e).definition = definition), expect, extra);
  };
  const withExtra = (name: string, value: Json, expect: Expect, extra: CorpusFile[] = []): void => {
    c.mutation(`placeholders/${name}`, component.minimal, (e) => (spec(e).extra = value), expect, extra);
  };

  withDefinition('$text of an existing relative file', { $text: './openapi.yaml' }, OK, [openapiFile]);
  withDefinition('$text without ./', { $text: 'openapi.yaml' }, OK, [openapiFile]);
  withDefinition('$text of a missing relative file', { $text: './missing.yaml' }, BAD);
  withDefinition('$text of a file in a sub folder', { $text: './api/openapi.yaml' }, OK, [
    { path: 'api/openapi.yaml', text: OPENAPI },
  ]);
  withDefinition('$text of a folder', { $text: './api' }, BAD, [{ path: 'api/openapi.yaml', text: OPENAPI }]);
  withDefinition('$text of an empty string (the catalog file itself)', { $text: '' }, OK);
  withDefinition('$text of an https url (assumed readable)', { $text: 'https://example.com/openapi.yaml' }, OK);
  withDefinition('$json of an https url (assumed an object)', { $json: 'https://example.com/openapi.json' }, BAD);
  withDefinition('$json object in definition', { $json: './openapi.json' }, BAD, [
    { path: 'openapi.json', text: '{"openapi": "3.0.0", "paths": {}}\n' },
  ]);
  withDefinition('$json string document in definition', { $json: './definition.json' }, OK, [
    { path: 'definition.json', text: '"openapi: 3.0.0"\n' },
  ]);
  withDefinition('$yaml object in definition', { $yaml: './openapi.yaml' }, BAD, [openapiFile]);
  withDefinition('$yaml scalar document in definition', { $yaml: './definition.yaml' }, OK, [
    { path: 'definition.yaml', text: 'just some text\n' },
  ]);
  withDefinition('multi-key $ object in definition (left alone)', { $text: './openapi.yaml', note: 'x' }, BAD, [openapiFile]);
  withDefinition('$ref in definition (left alone, an object)', { $ref: '#/definitions/x' }, BAD);
  withDefinition('$text with a number in definition (left alone)', { $text: 5 }, BAD);

  withExtra('$yaml valid document', { $yaml: './extra.yaml' }, OK, [{ path: 'extra.yaml', text: 'a: 1\nb: [x, y]\n' }]);
  withExtra('$yaml with a syntax error', { $yaml: './extra.yaml' }, BAD, [{ path: 'extra.yaml', text: 'a: [1, 2\nb: }\n' }]);
  withExtra('$yaml with duplicate keys', { $yaml: './extra.yaml' }, BAD, [{ path: 'extra.yaml', text: 'a: 1\na: 2\n' }]);
  withExtra('$yaml with two documents', { $yaml: './extra.yaml' }, BAD, [{ path: 'extra.yaml', text: 'a: 1\n---\nb: 2\n' }]);
  withExtra('$yaml of an empty file', { $yaml: './extra.yaml' }, BAD, [{ path: 'extra.yaml', text: '' }]);
  withExtra('$yaml of a missing file', { $yaml: './extra.yaml' }, BAD);
  withExtra('$json valid document', { $json: './extra.json' }, OK, [{ path: 'extra.json', text: '{"a": [1, 2]}' }]);
  withExtra('$json invalid document', { $json: './extra.json' }, BAD, [{ path: 'extra.json', text: '{a: 1}' }]);
  withExtra('$json of a missing file', { $json: './extra.json' }, BAD);
  withExtra('multi-key $ object (left alone)', { $text: './missing.txt', note: 'x' }, OK);
  withExtra('two $ keys (left alone)', { $text: './missing.txt', $json: './missing.json' }, OK);
  withExtra('$ref (left alone)', { $ref: '#/definitions/node' }, OK);
  withExtra('$text with a number (left alone)', { $text: 5 }, OK);
  withExtra('unknown $ resolver (left alone)', { $include: './missing.txt' }, OK);
  withExtra('missing $text inside a list', [{ $text: './missing.txt' }], BAD);
  withExtra('missing $text nested in objects', { a: { b: { $text: './missing.txt' } } }, BAD);
  withExtra('missing $text below a multi-key $ object (not visited)', { $schema: 'x', inner: { $text: './missing.txt' } }, OK);
  withExtra('$text of a file outside the folder', { $text: '../shared/notes.txt' }, OK, [
    { path: '../shared/notes.txt', text: 'notes\n' },
  ]);

  c.mutation('placeholders/$text in an annotation value', component.minimal, (e) => {
    meta(e).annotations = { 'example.com/note': { $text: './note.txt' } };
  }, OK, [{ path: 'note.txt', text: 'A note.\n' }]);
  c.mutation('placeholders/$text in a tag (content ends with a newline)', component.minimal, (e) => {
    meta(e).tags = [{ $text: './tag.txt' }];
  }, BAD, [{ path: 'tag.txt', text: 'java\n' }]);
  c.mutation('placeholders/$text in a tag (no newline)', component.minimal, (e) => {
    meta(e).tags = [{ $text: './tag.txt' }];
  }, OK, [{ path: 'tag.txt', text: 'java' }]);
  c.mutation('placeholders/$text as owner', component.minimal, (e) => (spec(e).owner = { $text: './owner.txt' }), OK, [
    { path: 'owner.txt', text: 'team-a' },
  ]);
  c.mutation('placeholders/$text in metadata.name', component.minimal, (e) => (meta(e).name = { $text: './name.txt' }), BAD, [
    { path: 'name.txt', text: 'petstore' },
  ]);
  c.mutation('placeholders/$json list as providesApis', component.minimal, (e) => {
    spec(e).providesApis = { $json: './apis.json' };
  }, OK, [{ path: 'apis.json', text: '["petstore-api", "api:auth-api"]' }]);
  c.mutation('placeholders/$text as providesApis', component.minimal, (e) => {
    spec(e).providesApis = { $text: './apis.txt' };
  }, BAD, [{ path: 'apis.txt', text: 'petstore-api' }]);
  c.mutation('placeholders/$yaml as Template parameters', template.minimal, (e) => {
    spec(e).parameters = { $yaml: './parameters.yaml' };
  }, OK, [{ path: 'parameters.yaml', text: '- title: Basics\n  properties:\n    name:\n      type: string\n' }]);
  c.mutation('placeholders/$yaml scalar as Template parameters', template.minimal, (e) => {
    spec(e).parameters = { $yaml: './parameters.yaml' };
  }, BAD, [{ path: 'parameters.yaml', text: 'hello\n' }]);

  c.mutation('placeholders/$text in metadata.namespace (envelope is checked first)', component.minimal, (e) => {
    meta(e).namespace = { $text: './namespace.txt' };
  }, BAD, [{ path: 'namespace.txt', text: 'payments' }]);
  c.mutation('placeholders/$text as apiVersion (envelope is checked first)', component.minimal, (e) => {
    e.apiVersion = { $text: './api-version.txt' };
  }, BAD, [{ path: 'api-version.txt', text: 'backstage.io/v1alpha1' }]);
  c.mutation('placeholders/$text in metadata.title', component.minimal, (e) => (meta(e).title = { $text: './title.txt' }), OK, [
    { path: 'title.txt', text: 'Pet Store' },
  ]);
  c.mutation('placeholders/$yaml as the whole spec', component.minimal, (e) => (e.spec = { $yaml: './spec.yaml' }), OK, [
    { path: 'spec.yaml', text: 'type: service\nlifecycle: production\nowner: team-a\n' },
  ]);
  c.mutation('placeholders/$yaml as the whole spec, missing a required field', component.minimal, (e) => {
    e.spec = { $yaml: './spec.yaml' };
  }, BAD, [{ path: 'spec.yaml', text: 'type: service\nowner: team-a\n' }]);
  c.mutation('placeholders/$json as labels', component.minimal, (e) => (meta(e).labels = { $json: './labels.json' }), OK, [
    { path: 'labels.json', text: '{"team": "payments"}' },
  ]);
  c.mutation('placeholders/$json as tags', component.minimal, (e) => (meta(e).tags = { $json: './tags.json' }), OK, [
    { path: 'tags.json', text: '["java", "web"]' },
  ]);
  c.mutation('placeholders/$yaml as links', component.minimal, (e) => (meta(e).links = { $yaml: './links.yaml' }), OK, [
    { path: 'links.yaml', text: '- url: https://example.com\n  title: Home\n' },
  ]);
  c.mutation('placeholders/$json as annotations (location annotations make it a multi-key object)', component.minimal, (e) => {
    meta(e).annotations = { $json: './annotations.json' };
  }, BAD, [{ path: 'annotations.json', text: '{"example.com/note": "hi"}' }]);
  withExtra('$yaml of an https url (assumed an object)', { $yaml: 'https://example.com/extra.yaml' }, OK);
  withExtra('$text of a non-http url', { $text: 'ftp://example.com/notes.txt' }, BAD);

  c.add('placeholders/$text relative to a nested catalog file', [
    {
      path: 'services/petstore/catalog-info.yaml',
      text: toYaml(mutate(api.minimal, (e) => (spec(e).definition = { $text: '../../apis/openapi.yaml' }))),
    },
    { path: 'apis/openapi.yaml', text: OPENAPI },
  ], OK, 'services/petstore/catalog-info.yaml');
}

/* --------------------------------------------------------------------- YAML */

const HEAD = 'apiVersion: backstage.io/v1alpha1\nkind: Component\n';
const SPEC = 'spec:\n  type: service\n  lifecycle: production\n  owner: team-a\n';
const DOC = `${HEAD}metadata:\n  name: petstore\n${SPEC}`;

function yamlRules(c: Corpus): void {
  // merge keys: off in YAML 1.2, on with a %YAML 1.1 directive
  c.text('yaml/merge key at the root', `${HEAD}metadata: &m\n  name: petstore\n<<: *m\n${SPEC}`, BAD);
  c.text('yaml/merge key in metadata (kept as an unknown metadata key)', `${HEAD}metadata:\n  name: petstore\n  x-defaults: &d\n    description: hi\n  <<: *d\n${SPEC}`, OK);
  c.text('yaml/merge key as the only spec content', `${HEAD}metadata:\n  name: petstore\n  x-base: &b\n    type: service\n    lifecycle: production\n    owner: team-a\nspec:\n  <<: *b\n`, BAD);
  c.text('yaml/merge key next to explicit spec fields', `${HEAD}metadata:\n  name: petstore\n  x-base: &b\n    tier: gold\n${SPEC}  <<: *b\n`, OK);
  c.text('yaml/merge key in annotations', `${HEAD}metadata:\n  name: petstore\n  labels: &l\n    team: payments\n  annotations:\n    <<: *l\n${SPEC}`, BAD);
  c.text('yaml/merge key in labels', `${HEAD}metadata:\n  name: petstore\n  x-labels: &l\n    team: payments\n  labels:\n    <<: *l\n${SPEC}`, BAD);
  c.text('yaml/merge of a list of anchors in spec', `${HEAD}metadata:\n  name: petstore\n  x-a: &a\n    type: service\n  x-b: &b\n    lifecycle: production\n    owner: team-a\nspec:\n  <<: [*a, *b]\n`, BAD);
  c.text('yaml/merge key in spec under a %YAML 1.1 directive', `%YAML 1.1\n---\n${HEAD}metadata:\n  name: petstore\n  x-base: &b\n    type: service\n    lifecycle: production\n    owner: team-a\nspec:\n  <<: *b\n`, OK);
  c.text('yaml/plain alias as a value', `${HEAD}metadata:\n  name: petstore\n  x-owner: &owner team-a\nspec:\n  type: service\n  lifecycle: production\n  owner: *owner\n`, OK);
  c.text('yaml/alias to an undefined anchor', `${HEAD}metadata:\n  name: petstore\nspec:\n  type: service\n  lifecycle: production\n  owner: *nobody\n`, BAD);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']]) {
    bomb.push(`${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
  }
  c.text('yaml/alias expansion over the limit', `${HEAD}metadata:\n  name: petstore\n${SPEC}  bomb:\n${bomb.map((l) => `    ${l}`).join('\n')}\n`, BAD);

  // duplicate keys
  c.text('yaml/duplicate key in metadata', `${HEAD}metadata:\n  name: petstore\n  name: other\n${SPEC}`, BAD);
  c.text('yaml/duplicate key in spec', `${DOC}  owner: team-b\n`, BAD);
  c.text('yaml/duplicate root key', `${DOC}kind: Component\n`, BAD);
  c.text('yaml/duplicate key in labels', `${HEAD}metadata:\n  name: petstore\n  labels:\n    team: a\n    team: b\n${SPEC}`, BAD);
  c.text('yaml/annotations key with only comments below it', `${HEAD}metadata:\n  name: petstore\n  annotations:\n    # github.com/project-slug: acme/petstore\n${SPEC}`, OK);
  c.text('yaml/labels key with only comments below it', `${HEAD}metadata:\n  name: petstore\n  labels:\n    # team: payments\n${SPEC}`, BAD);
  c.text('yaml/keys 1 and "1" are distinct YAML keys', `${DOC}  extra:\n    1: a\n    "1": b\n`, OK);
  c.text('yaml/duplicate key spelled plain and quoted', `${HEAD}metadata:\n  name: petstore\n  "name": other\n${SPEC}`, BAD);

  // tabs
  c.text('yaml/tab indentation', `${HEAD}metadata:\n  name: petstore\nspec:\n\ttype: service\n\tlifecycle: production\n\towner: team-a\n`, BAD);
  c.text('yaml/tab inside a double-quoted scalar', `${HEAD}metadata:\n  name: petstore\n  description: "a\tb"\n${SPEC}`, OK);
  c.text('yaml/tab inside a single-quoted scalar', `${HEAD}metadata:\n  name: petstore\n  description: 'a\tb'\n${SPEC}`, OK);
  c.text('yaml/tab inside a plain scalar', `${HEAD}metadata:\n  name: petstore\n  description: a\tb\n${SPEC}`, OK);
  c.text('yaml/tab after a value', `${HEAD}metadata:\n  name: petstore\t\n${SPEC}`, OK);
  c.text('yaml/tab before a comment', `${HEAD}metadata:\n  name: petstore\t# the name\n${SPEC}`, OK);
  c.text('yaml/tab as separator after a colon', `${HEAD}metadata:\n  name:\tpetstore\n${SPEC}`, OK);
  c.text('yaml/tab inside a literal block scalar', `${HEAD}metadata:\n  name: petstore\n  description: |\n    col1\tcol2\n${SPEC}`, OK);

  // non-object roots and empty documents
  c.text('yaml/root is a string', 'just a string\n', BAD);
  c.text('yaml/root is a list', '- apiVersion: backstage.io/v1alpha1\n  kind: Component\n', BAD);
  c.text('yaml/root is a number', '42\n', BAD);
  c.text('yaml/root is a boolean', 'true\n', BAD);
  c.text('yaml/root is null (skipped)', '~\n', OK);
  c.text('yaml/empty file', '', OK);
  c.text('yaml/comments only', '# nothing here\n# at all\n', OK);
  c.text('yaml/only a document marker', '---\n', OK);
  c.text('yaml/leading document marker', `---\n${DOC}`, OK);
  c.text('yaml/trailing document marker', `${DOC}---\n`, OK);
  c.text('yaml/document end marker', `${DOC}...\n`, OK);
  c.text('yaml/entity then a number document', `${DOC}---\n42\n`, BAD);

  // YAML 1.2 scalars (1.1 booleans are strings)
  const scalar = (name: string, line: string, expect: Expect, where: 'metadata' | 'spec' = 'spec'): void => {
    const sections: Record<'metadata' | 'spec', string[]> = {
      metadata: ['name: petstore'],
      spec: ['type: service', 'lifecycle: production', 'owner: team-a'],
    };
    const key = line.slice(0, line.indexOf(':') + 1);
    const lines = sections[where];
    const at = lines.findIndex((l) => l.startsWith(key));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
    const block = (section: 'metadata' | 'spec'): string =>
      `${section}:\n${sections[section].map((l) => `  ${l}\n`).join('')}`;
    c.text(`yaml/scalars/${name}`, `${HEAD}${block('metadata')}${block('spec')}`, expect);
  };
  scalar('lifecycle yes is a string', 'lifecycle: yes', OK);
  scalar('type on is a string', 'type: on', OK);
  scalar('owner no is a string', 'owner: no', OK);
  scalar('lifecycle y is a string', 'lifecycle: y', OK);
  scalar('lifecycle Yes is a string', 'lifecycle: Yes', OK);
  scalar('name yes is a string', 'name: yes', OK, 'metadata');
  scalar('namespace off is a string', 'namespace: off', OK, 'metadata');
  c.text('yaml/scalars/tags yes no on off are strings', `${HEAD}metadata:\n  name: petstore\n  tags: [yes, no, on, off]\n${SPEC}`, OK);
  scalar('title true is a boolean', 'title: true', BAD, 'metadata');
  scalar('lifecycle True is a boolean', 'lifecycle: True', BAD);
  scalar('lifecycle TRUE is a boolean', 'lifecycle: TRUE', BAD);
  scalar('type 1.0 is a number', 'type: 1.0', BAD);
  scalar('lifecycle 0x1F is a number', 'lifecycle: 0x1F', BAD);
  scalar('lifecycle 0o17 is a number', 'lifecycle: 0o17', BAD);
  scalar('type .NaN is a number', 'type: .NaN', BAD);
  scalar('lifecycle null is null', 'lifecycle: null', BAD);
  scalar('lifecycle ~ is null', 'lifecycle: ~', BAD);
  scalar('lifecycle empty is null', 'lifecycle:', BAD);
  scalar('name 1e3 is a number', 'name: 1e3', BAD, 'metadata');
  scalar('name 010 is a number', 'name: 010', BAD, 'metadata');
  scalar('name .inf is a number', 'name: .inf', BAD, 'metadata');
  scalar('name 2001-12-14 is a string', 'name: 2001-12-14', OK, 'metadata');
  scalar('name 1_000 is a string', 'name: 1_000', OK, 'metadata');
  scalar('name 0b101 is a string', 'name: 0b101', OK, 'metadata');
  scalar('lifecycle 12:30 is a string', 'lifecycle: 12:30', OK);
  scalar('name !!str 123 is a string', 'name: !!str 123', OK, 'metadata');
  scalar('unknown local tag is only a warning', 'name: !custom petstore', OK, 'metadata');
  c.text('yaml/scalars/lifecycle yes under a %YAML 1.1 directive is a boolean', `%YAML 1.1\n---\n${HEAD}metadata:\n  name: petstore\nspec:\n  type: service\n  lifecycle: yes\n  owner: team-a\n`, BAD);

  // encodings and styles
  c.text('yaml/byte order mark', `\uFEFF${DOC}`, OK);
  c.text('yaml/CRLF line endings', DOC.replace(/\n/g, '\r\n'), OK);
  c.text('yaml/flow style entity', '{apiVersion: backstage.io/v1alpha1, kind: Component, metadata: {name: petstore}, spec: {type: service, lifecycle: production, owner: team-a}}\n', OK);
  c.text('yaml/JSON text', `${JSON.stringify(component.minimal, null, 2)}\n`, OK);
  c.text('yaml/unterminated flow sequence', `${HEAD}metadata:\n  name: petstore\n  tags: [java\n${SPEC}`, BAD);
  c.text('yaml/unterminated quoted scalar', `${HEAD}metadata:\n  name: "petstore\n${SPEC}`, BAD);
}

/* ------------------------------------------------------- keys differing in case */

function casingRules(c: Corpus): void {
  c.text('casing/spec type and Type', `${DOC}  Type: library\n`, BAD);
  c.text('casing/spec owner and Owner', `${DOC}  Owner: team-b\n`, BAD);
  c.text('casing/metadata title and Title', `${HEAD}metadata:\n  name: petstore\n  title: A\n  Title: B\n${SPEC}`, BAD);
  c.text('casing/metadata name and Name', `${HEAD}metadata:\n  name: petstore\n  Name: other\n${SPEC}`, BAD);
  c.text('casing/metadata tags and Tags', `${HEAD}metadata:\n  name: petstore\n  tags: [java]\n  Tags: [go]\n${SPEC}`, BAD);
  c.text('casing/labels team and Team', `${HEAD}metadata:\n  name: petstore\n  labels:\n    team: a\n    Team: b\n${SPEC}`, BAD);
  c.text('casing/annotation names differing in case', `${HEAD}metadata:\n  name: petstore\n  annotations:\n    example.com/note: a\n    example.com/Note: b\n${SPEC}`, BAD);
  c.text('casing/annotation differing in case from one the catalog adds', `${HEAD}metadata:\n  name: petstore\n  annotations:\n    backstage.io/Managed-By-Location: url:https://example.com/x\n${SPEC}`, BAD);
  c.text('casing/nested spec objects with different leaves', `${DOC}  a:\n    b: 1\n  A:\n    c: 1\n`, OK);
  c.text('casing/nested spec objects with the same leaf', `${DOC}  a:\n    b: 1\n  A:\n    b: 2\n`, BAD);
  c.text('casing/dotted key against a nested key', `${DOC}  a.B: 1\n  a:\n    b: 2\n`, BAD);
  c.text('casing/list item against a dotted key', `${DOC}  foo: [a]\n  foo.A: 1\n`, BAD);
  c.text('casing/same key in two documents', `${DOC}---\n${HEAD}metadata:\n  name: other\nspec:\n  Type: service\n  type: service\n  lifecycle: production\n  owner: team-a\n`, BAD);
  c.text('casing/different keys in two documents', `${DOC}  tier: gold\n---\n${HEAD}metadata:\n  name: other\n${SPEC}  Tier: gold\n`, OK);
  c.mutation('casing/Template step inputs across steps', template.minimal, (e) => {
    spec(e).steps = [
      { id: 'a', action: 'fetch:template', input: { url: './a', repoUrl: 'x' } },
      { id: 'b', action: 'publish:github', input: { RepoUrl: 'y' } },
    ];
  }, BAD);
  c.mutation('casing/Template parameter properties across pages', template.minimal, (e) => {
    spec(e).parameters = [
      { title: 'One', properties: { name: { type: 'string' } } },
      { title: 'Two', properties: { Name: { type: 'string' } } },
    ];
  }, BAD);
  c.mutation('casing/Template parameter properties with the same case', template.minimal, (e) => {
    spec(e).parameters = [
      { title: 'One', properties: { name: { type: 'string' } } },
      { title: 'Two', properties: { name: { type: 'string', default: 'x' } } },
    ];
  }, OK);
}

/* ---------------------------------------------------------------- multi-doc */

function multiDocument(c: Corpus): void {
  const doc = (e: Obj): string => toYaml(e);
  const bad = mutate(component.minimal, (e) => (meta(e).name = 'bad name'));
  c.text('multi/two valid entities', `${doc(component.minimal)}---\n${doc(api.minimal)}`, OK);
  c.text('multi/every kind in one file', KINDS.map((k) => doc(k.minimal)).join('---\n'), OK);
  c.text('multi/valid then invalid', `${doc(component.minimal)}---\n${doc(bad)}`, BAD);
  c.text('multi/invalid then valid', `${doc(bad)}---\n${doc(api.minimal)}`, BAD);
  c.text('multi/valid then a YAML error', `${doc(component.minimal)}---\nmetadata: [\n`, BAD);
  c.text('multi/valid then a list document', `${doc(component.minimal)}---\n- a\n- b\n`, BAD);
  c.text('multi/valid, empty, valid', `${doc(component.minimal)}---\n---\n${doc(api.minimal)}`, OK);
  c.text('multi/valid, null, valid', `${doc(component.minimal)}--- ~\n---\n${doc(api.minimal)}`, OK);
  c.text('multi/valid then lower-case kind', `${doc(component.minimal)}---\n${doc(mutate(api.minimal, (e) => (e.kind = 'api')))}`, BAD);
  c.text('multi/Location with its target', `${doc(mutate(location.minimal, (e) => (e.spec = { target: './other.yaml' })))}---\n${doc(system.minimal)}`, OK, [
    { path: 'other.yaml', text: doc(component.minimal) },
  ]);
  c.text('multi/same keys in separate documents', `${doc(component.minimal)}---\n${doc(mutate(component.minimal, (e) => (meta(e).name = 'other')))}`, OK);
  c.text('multi/valid then a ref without kind', `${doc(system.minimal)}---\n${doc(mutate(component.minimal, (e) => (spec(e).dependsOn = ['auth'])))}`, BAD);
}

/* ---------------------------------------------------------------------- API */

/** The whole corpus, in a stable order. */
export function buildCorpus(): CorpusCase[] {
  const c = new Corpus();
  validEntities(c);
  metadataAndEnvelope(c);
  specRules(c);
  refRules(c);
  placeholders(c);
  yamlRules(c);
  casingRules(c);
  multiDocument(c);
  return c.cases;
}

/** Writes a case's files under `root/<folder>/`; returns the absolute entry path. */
export function writeCase(testCase: CorpusCase, root: string, folder: string): string {
  const base = path.join(root, folder, 'case');
  for (const file of testCase.files) {
    const target = path.join(base, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text, 'utf8');
  }
  return path.join(base, ...testCase.entry.split('/'));
}
