import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import {
  NoForeignRootFieldsEntityPolicy,
  entityKindSchemaValidator,
  entitySchemaValidator,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { findKindSchema, validateEnvelope, validateKind } from '../../src/core/validate/schemas';
import { CustomKind, loadCustomKinds } from '../../src/core/validate/customKinds';
import type { Issue } from '../../src/core/validate/types';

const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schemas');
const V1 = 'backstage.io/v1alpha1';
const TEMPLATE_V = 'scaffolder.backstage.io/v1beta3';

type Json = Record<string, unknown>;

function entity(kind: string, spec: unknown, extra: Json = {}): Json {
  const apiVersion = kind === 'Template' ? TEMPLATE_V : V1;
  return { apiVersion, kind, metadata: { name: 'sample' }, ...(spec === undefined ? {} : { spec }), ...extra };
}

/** Envelope and kind issues together, as the catalog would see them. */
function allIssues(value: Json, customKinds: CustomKind[] = []): Issue[] {
  const envelope = validateEnvelope(value);
  const schema = findKindSchema(String(value.kind), String(value.apiVersion), customKinds);
  assert.ok(schema, `no schema for ${String(value.kind)} ${String(value.apiVersion)}`);
  return [...envelope, ...validateKind(value, schema)];
}

function codes(issues: Issue[]): string[] {
  return issues.map((i) => i.code);
}

const BACKSTAGE_KIND_VALIDATORS = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
];

/** The released catalog's schema-level verdict: Entity schema, root-field policy, then the kind validators. */
async function backstageAccepts(value: Json): Promise<boolean> {
  try {
    entitySchemaValidator()(value);
    await new NoForeignRootFieldsEntityPolicy().enforce(value as never);
    for (const validator of BACKSTAGE_KIND_VALIDATORS) {
      if (await validator.check(value as never)) {
        return true;
      }
    }
  } catch {
    return false;
  }
  return false;
}

const VALID: Json[] = [
  entity('Component', {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    system: 'shop',
    subcomponentOf: 'checkout',
    providesApis: ['shop-api'],
    consumesApis: ['user-api'],
    dependsOn: ['resource:db'],
    dependencyOf: ['component:web'],
    somethingElse: 1,
  }),
  { ...entity('API', { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' }), apiVersion: 'backstage.io/v1beta1' },
  entity('Resource', { type: 'database', owner: 'team-a', system: 'shop', dependsOn: ['resource:vpc'] }),
  entity('System', { owner: 'team-a', domain: 'commerce', type: 'product' }),
  entity('Domain', { owner: 'team-a', subdomainOf: 'retail', type: 'bundle' }),
  entity('Group', { type: 'team', children: [], parent: 'eng', members: ['jdoe'], profile: { displayName: 'A', email: 'a@x' } }),
  entity('User', { memberOf: [], profile: { displayName: 'Jane', picture: 'https://x/p.png' } }),
  entity('Location', {}),
  entity('Location', { type: 'url', target: './a.yaml', targets: ['./b.yaml'], presence: 'optional' }),
  entity('Template', {
    type: 'service',
    owner: 'team-a',
    parameters: { title: 'One page', properties: { name: { type: 'string', 'ui:autofocus': true } } },
    steps: [{ id: 'fetch', action: 'fetch:template', input: { url: './skeleton' }, if: '${{ parameters.x }}' }],
    output: { links: [{ title: 'Repo', url: 'https://x' }], text: [{ content: 'done', if: false }], remoteUrl: '${{ x }}' },
  }),
  entity('Template', {
    type: 'service',
    parameters: [{ title: 'A', 'backstage:permissions': { tags: ['t'] } }, { title: 'B' }],
    steps: [],
    presentation: { buttonLabels: { createButtonText: 'Go' } },
    EXPERIMENTAL_recovery: { EXPERIMENTAL_strategy: 'anything' },
    formDecorators: [{ id: 'd', input: {} }],
  }),
];

describe('schema files', () => {
  const files = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
  const schemas = files.map((f) => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as Json);

  it('are valid draft-07 and compile in strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    schemas.forEach((s) => ajv.addSchema(s));
    for (const file of files) {
      assert.ok(ajv.getSchema(`https://catwalk.dev/schemas/${file}`), file);
    }
  });

  it('describe every property', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => walk(n, `${where}/${i}`));
        return;
      }
      if (typeof node !== 'object' || node === null) {
        return;
      }
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'properties' || key === 'patternProperties') && typeof value === 'object' && value !== null) {
          for (const [name, sub] of Object.entries(value)) {
            const s = sub as Json;
            if (s.description === undefined && s.$ref === undefined) {
              missing.push(`${where}/${key}/${name}`);
            }
          }
        }
        if (key !== 'examples' && key !== 'enum' && key !== 'default') {
          walk(value, `${where}/${key}`);
        }
      }
    };
    files.forEach((f, i) => walk(schemas[i], f));
    assert.deepStrictEqual(missing, []);
  });

  it('refer kind schemas to the envelope', () => {
    for (const [i, file] of files.entries()) {
      if (file === 'entity.schema.json' || file === 'common.schema.json') {
        continue;
      }
      assert.deepStrictEqual((schemas[i].allOf as Json[])[0], { $ref: 'entity.schema.json' }, file);
    }
  });
});

describe('validateEnvelope', () => {
  it('accepts a minimal entity and unknown metadata keys', () => {
    assert.deepStrictEqual(validateEnvelope({ apiVersion: V1, kind: 'Thing', metadata: { name: 'x', custom: { a: 1 } } }), []);
  });

  it('rejects root status and relations as unknown root fields', () => {
    const issues = validateEnvelope({ ...entity('Component', {}), status: {}, relations: [] });
    assert.deepStrictEqual(issues[0], {
      path: ['status'],
      part: 'key',
      severity: 'error',
      code: 'unknown-root-field',
      message: 'Unknown field status',
    });
    assert.deepStrictEqual(issues[1].path, ['relations']);
    assert.strictEqual(issues.length, 2);
  });

  it('rejects label and annotation values that are not strings', () => {
    const issues = validateEnvelope({
      ...entity('Component', {}),
      metadata: { name: 'x', labels: { tier: 1 }, annotations: { 'backstage.io/techdocs-ref': true } },
    });
    assert.deepStrictEqual(codes(issues), ['invalid-type', 'invalid-type']);
    assert.deepStrictEqual(issues[0].path, ['metadata', 'labels', 'tier']);
    assert.strictEqual(issues[0].message, 'metadata.labels.tier must be a string');
    assert.strictEqual(issues[1].message, 'metadata.annotations["backstage.io/techdocs-ref"] must be a string');
  });

  it('types tags and links', () => {
    const issues = validateEnvelope({
      ...entity('Component', {}),
      metadata: { name: 'x', tags: ['ok', 2, ''], links: [{ title: 'no url' }, { url: 'https://x', icon: '' }] },
    });
    assert.deepStrictEqual(
      issues.map((i) => [i.code, i.path, i.message]),
      [
        ['invalid-type', ['metadata', 'tags', 1], 'metadata.tags[1] must be a string'],
        ['empty-string', ['metadata', 'tags', 2], 'metadata.tags[2] must not be empty'],
        ['missing-required', ['metadata', 'links', 0], 'metadata.links[0].url is required'],
        ['empty-string', ['metadata', 'links', 1, 'icon'], 'metadata.links[1].icon must not be empty'],
      ],
    );
  });

  it('requires apiVersion, kind and metadata.name, pointing at the parent', () => {
    const issues = validateEnvelope({ metadata: {} });
    assert.deepStrictEqual(
      issues.map((i) => [i.code, i.path, i.message]),
      [
        ['missing-required', [], 'apiVersion is required'],
        ['missing-required', [], 'kind is required'],
        ['missing-required', ['metadata'], 'metadata.name is required'],
      ],
    );
  });

  it('rejects empty strings, a non-object spec and a non-object entity', () => {
    assert.deepStrictEqual(codes(validateEnvelope({ apiVersion: '', kind: 'K', metadata: { name: 'x', title: '' } })), [
      'empty-string',
      'empty-string',
    ]);
    assert.deepStrictEqual(validateEnvelope({ ...entity('Component', ['a']) }).map((i) => i.message), ['spec must be an object']);
    assert.deepStrictEqual(validateEnvelope('text').map((i) => i.message), ['The entity must be an object']);
  });
});

describe('findKindSchema', () => {
  it('finds built-in kinds by exact kind and apiVersion', () => {
    assert.strictEqual(findKindSchema('Component', V1)?.kind, 'Component');
    assert.strictEqual(findKindSchema('Component', 'backstage.io/v1beta1')?.kind, 'Component');
    assert.strictEqual(findKindSchema('Template', TEMPLATE_V)?.source, 'https://catwalk.dev/schemas/template.v1beta3.schema.json');
    assert.strictEqual(findKindSchema('component', V1), undefined);
    assert.strictEqual(findKindSchema('Component', 'backstage.io/v1'), undefined);
    assert.strictEqual(findKindSchema('Template', V1), undefined);
    assert.strictEqual(findKindSchema('Api', V1), undefined);
    assert.strictEqual(findKindSchema('constructor', V1), undefined);
  });
});

describe('validateKind', () => {
  it('accepts a valid entity of every kind', () => {
    for (const value of VALID) {
      assert.deepStrictEqual(allIssues(value), [], `${String(value.kind)}: ${JSON.stringify(allIssues(value))}`);
    }
  });

  it('names missing required spec fields for the kind, at the spec', () => {
    const cases: [string, string[]][] = [
      ['Component', ['type', 'lifecycle', 'owner']],
      ['API', ['type', 'lifecycle', 'owner', 'definition']],
      ['Resource', ['type', 'owner']],
      ['System', ['owner']],
      ['Domain', ['owner']],
      ['Group', ['type', 'children']],
      ['User', ['memberOf']],
      ['Template', ['type', 'steps']],
    ];
    for (const [kind, fields] of cases) {
      const issues = allIssues(entity(kind, {}));
      const article = kind === 'API' ? 'an' : 'a';
      assert.deepStrictEqual(
        issues.map((i) => [i.code, i.path, i.message]),
        fields.map((f) => ['missing-required', ['spec'], `spec.${f} is required for ${article} ${kind}`]),
        kind,
      );
    }
  });

  it('requires spec itself for every built-in kind', () => {
    for (const kind of ['Component', 'Location', 'Template']) {
      assert.deepStrictEqual(
        allIssues(entity(kind, undefined)).map((i) => [i.code, i.path, i.message]),
        [['missing-required', [], `spec is required for a ${kind}`]],
      );
    }
  });

  it('rejects compound refs where strings are expected', () => {
    const issues = allIssues(
      entity('Component', {
        type: 'service',
        lifecycle: 'production',
        owner: { kind: 'Group', name: 'team-a' },
        providesApis: [{ kind: 'API', name: 'x' }],
      }),
    );
    assert.deepStrictEqual(
      issues.map((i) => [i.code, i.path, i.message]),
      [
        ['invalid-type', ['spec', 'owner'], 'spec.owner must be a string'],
        ['invalid-type', ['spec', 'providesApis', 0], 'spec.providesApis[0] must be a string'],
      ],
    );
  });

  it('rejects a User without memberOf and a Group member that is empty', () => {
    assert.deepStrictEqual(codes(allIssues(entity('User', { profile: {} }))), ['missing-required']);
    assert.deepStrictEqual(codes(allIssues(entity('Group', { type: 'team', children: [''] }))), ['empty-string']);
  });

  it('rejects Location presence outside required/optional', () => {
    const issues = allIssues(entity('Location', { presence: 'maybe' }));
    assert.deepStrictEqual(codes(issues), ['invalid-enum']);
    assert.strictEqual(issues[0].message, 'spec.presence must be one of "required", "optional", found "maybe"');
  });

  it('rejects Template steps without action and bad step conditions', () => {
    const issues = allIssues(entity('Template', { type: 'service', steps: [{ id: 'a' }, { action: 'x', if: 1 }] }));
    assert.deepStrictEqual(
      issues.map((i) => [i.code, i.path, i.message]),
      [
        ['missing-required', ['spec', 'steps', 0], 'spec.steps[0].action is required for a Template'],
        ['invalid-type', ['spec', 'steps', 1, 'if'], 'spec.steps[1].if must be a string or a boolean'],
      ],
    );
  });

  it('reports Template parameters of the wrong shape once', () => {
    const base = { type: 'service', steps: [] };
    assert.deepStrictEqual(
      allIssues(entity('Template', { ...base, parameters: 'x' })).map((i) => [i.code, i.message]),
      [['invalid-type', 'spec.parameters must be an object or an array']],
    );
    assert.deepStrictEqual(
      allIssues(entity('Template', { ...base, parameters: [{}, 'page'] })).map((i) => [i.path, i.message]),
      [[['spec', 'parameters', 1], 'spec.parameters[1] must be an object']],
    );
  });

  it('rejects Template output keys whose value is not a string', () => {
    const issues = allIssues(entity('Template', { type: 'service', steps: [], output: { repo: 'x', count: 3, links: [] } }));
    assert.deepStrictEqual(
      issues.map((i) => [i.code, i.path, i.message]),
      [['invalid-type', ['spec', 'output', 'count'], 'spec.output.count must be a string']],
    );
  });

  it('does not repeat what the envelope reports', () => {
    assert.deepStrictEqual(validateKind(entity('Component', 5), findKindSchema('Component', V1)!), []);
    assert.deepStrictEqual(validateKind({ ...entity('Component', {}), status: {} }, findKindSchema('Component', V1)!).length, 3);
  });

  it('gives the same verdicts as the released Backstage validators', async () => {
    const invalid: Json[] = [
      entity('Component', { type: 'service', lifecycle: 'production', owner: { kind: 'Group', name: 'a' } }),
      entity('Component', { type: '', lifecycle: 'production', owner: 'a' }),
      entity('API', { type: 'openapi', lifecycle: 'production', owner: 'a' }),
      entity('API', { type: 'mcp-server', lifecycle: 'production', owner: 'a', remotes: [{ type: 'sse', url: 'https://x' }] }),
      entity('User', {}),
      entity('Group', { type: 'team' }),
      entity('Location', { presence: 'maybe' }),
      entity('Location', { targets: 'one' }),
      entity('Template', { type: 'service', steps: [{ id: 'x' }] }),
      entity('Template', { type: 'service', steps: [], parameters: 'x' }),
      entity('Template', { type: 'service', steps: [], output: { n: 1 } }),
      entity('Template', { type: 'service', steps: [], output: { links: [{ url: '' }] } }),
      { ...entity('System', { owner: 'a' }), status: {} },
      { ...entity('Domain', { owner: 'a' }), metadata: { name: 'x', labels: { a: 1 } } },
      { ...entity('Resource', { type: 'db', owner: 'a' }), kind: 'resource' },
      { ...entity('Resource', { type: 'db', owner: 'a' }), apiVersion: 'backstage.io/v1' },
    ];
    for (const value of [...VALID, ...invalid]) {
      const schema = findKindSchema(String(value.kind), String(value.apiVersion));
      const ours = validateEnvelope(value).length === 0 && schema !== undefined && validateKind(value, schema).length === 0;
      assert.strictEqual(ours, await backstageAccepts(value), JSON.stringify(value));
    }
  });
});

describe('custom kinds', () => {
  const widgetSchema = {
    $schema: 'http://json-schema.org/draft-07/schema',
    $id: 'WidgetV1',
    allOf: [
      { $ref: 'Entity' },
      {
        type: 'object',
        required: ['spec'],
        properties: {
          apiVersion: { enum: ['acme.com/v1', 'acme.com/v2'] },
          kind: { enum: ['Widget', 'Gadget'] },
          spec: {
            type: 'object',
            required: ['size'],
            properties: {
              size: { type: 'integer', minimum: 1 },
              owner: { $ref: 'common#reference' },
            },
          },
        },
      },
    ],
  };
  const yamlSchema = [
    '$schema: http://json-schema.org/draft-07/schema#',
    'type: object',
    'properties:',
    '  apiVersion: { const: example.org/v1alpha1 }',
    '  kind: { const: Component }',
    '  spec:',
    '    type: object',
    '    required: [team]',
    '    properties:',
    '      team: { type: string, minLength: 1 }',
  ].join('\n');
  const loaded = loadCustomKinds([
    { path: 'kinds/widget.schema.json', text: JSON.stringify(widgetSchema) },
    { path: 'kinds/component-ext.yaml', text: yamlSchema },
    { path: 'kinds/broken.json', text: '{ "type": ' },
    { path: 'kinds/nokind.yaml', text: 'type: object\nproperties:\n  spec: { type: object }\n' },
    { path: 'kinds/badtype.json', text: JSON.stringify({ properties: { kind: { const: 'Bad' }, apiVersion: { const: 'x/v1' }, spec: { type: 'strnig' } } }) },
    { path: 'kinds/badref.json', text: JSON.stringify({ properties: { kind: { const: 'Bad' }, apiVersion: { const: 'x/v1' }, spec: { $ref: 'other.json' } } }) },
    { path: 'kinds/list.yaml', text: '- a\n- b\n' },
  ]);
  const widget = (spec: unknown, kind = 'Widget'): Json => ({ apiVersion: 'acme.com/v2', kind, metadata: { name: 'w' }, spec });

  it('reads the kinds and apiVersions a schema declares, from the top level or allOf', () => {
    assert.deepStrictEqual(
      loaded.kinds.map((k) => [k.kind, k.apiVersions, k.file]),
      [
        ['Widget', ['acme.com/v1', 'acme.com/v2'], 'kinds/widget.schema.json'],
        ['Gadget', ['acme.com/v1', 'acme.com/v2'], 'kinds/widget.schema.json'],
        ['Component', ['example.org/v1alpha1'], 'kinds/component-ext.yaml'],
      ],
    );
  });

  it('reports bad schema files as errors instead of throwing', () => {
    assert.deepStrictEqual(
      loaded.errors.map((e) => e.path),
      ['kinds/broken.json', 'kinds/nokind.yaml', 'kinds/badtype.json', 'kinds/badref.json', 'kinds/list.yaml'],
    );
    assert.match(loaded.errors[0].message, /^Cannot read schema/);
    assert.match(loaded.errors[1].message, /declares no kind/);
    assert.match(loaded.errors[2].message, /^Invalid JSON Schema/);
    assert.match(loaded.errors[3].message, /^Invalid JSON Schema/);
  });

  it('validates entities of a custom kind, without repeating envelope issues', () => {
    assert.deepStrictEqual(allIssues(widget({ size: 3, owner: { kind: 'Group', namespace: 'default', name: 'a' } }), loaded.kinds), []);
    assert.deepStrictEqual(
      allIssues(widget({ owner: { kind: 'Group' } }, 'Gadget'), loaded.kinds).map((i) => [i.code, i.path, i.message]),
      [
        ['missing-required', ['spec'], 'spec.size is required for a Gadget'],
        ['missing-required', ['spec', 'owner'], 'spec.owner.namespace is required for a Gadget'],
        ['missing-required', ['spec', 'owner'], 'spec.owner.name is required for a Gadget'],
      ],
    );
    assert.deepStrictEqual(
      allIssues(widget({ size: 0 }), loaded.kinds).map((i) => [i.code, i.message]),
      [['schema', 'spec.size must be >= 1']],
    );
    assert.deepStrictEqual(validateKind(widget(7), findKindSchema('Widget', 'acme.com/v2', loaded.kinds)!), []);
  });

  it('lets built-in kinds win for their own apiVersions', () => {
    assert.strictEqual(findKindSchema('Component', V1, loaded.kinds)?.builtin, true);
    const custom = findKindSchema('Component', 'example.org/v1alpha1', loaded.kinds);
    assert.strictEqual(custom?.source, 'kinds/component-ext.yaml');
    assert.deepStrictEqual(codes(validateKind({ ...entity('Component', {}), apiVersion: 'example.org/v1alpha1' }, custom!)), [
      'missing-required',
    ]);
    assert.strictEqual(findKindSchema('Widget', 'acme.com/v3', loaded.kinds), undefined);
    assert.strictEqual(findKindSchema('widget', 'acme.com/v1', loaded.kinds), undefined);
  });

  it('agrees with Backstage compiling the same schema', () => {
    const backstage = entityKindSchemaValidator(widgetSchema as never);
    const cases = [widget({ size: 2 }), widget({ size: 0 }), widget({}), widget({ size: 1, owner: 'a' })];
    for (const value of cases) {
      let accepted: boolean;
      try {
        accepted = backstage(value) !== false;
      } catch {
        accepted = false;
      }
      assert.strictEqual(allIssues(value, loaded.kinds).length === 0, accepted, JSON.stringify(value));
    }
  });
});
