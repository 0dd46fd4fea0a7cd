import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCustomKinds } from '../../src/core/validate/customKinds';
import { validateText } from '../../src/core/validate/validateFile';
import { ValidateOptions } from '../../src/core/validate/types';
import { componentYaml, lineOf } from './helpers/catalogText';

const FILE = '/repo/catalog-info.yaml';

function check(text: string, options: ValidateOptions = {}) {
  const result = validateText(text, FILE, options);
  const full = validateText(text, FILE, { ...options, mode: 'full' });
  assert.deepStrictEqual(result.diagnostics, full.diagnostics, 'the fast and full paths disagree');
  return result;
}

const codes = (text: string, options?: ValidateOptions) => check(text, options).diagnostics.map(d => `${d.severity} ${d.code}`);

describe('validate: one file', () => {
  it('accepts a valid component with no diagnostics', () => {
    const result = check(componentYaml());
    assert.deepStrictEqual(result.diagnostics, []);
    assert.deepStrictEqual(result.entities.map(e => [e.ref, e.rejected]), [['component:default/checkout', false]]);
  });

  it('reports every problem of a file, each at its own place', () => {
    const text = componentYaml({ name: 'Bad Name!', metadata: 'tags: [Java, ok, a--b]\nlinks:\n  - url: /relative', spec: 'type: service\nlifecycle: production' });
    const result = check(text);
    const got = result.diagnostics.map(d => `${d.range.start.line} ${d.code}`);
    assert.deepStrictEqual(got.sort(), [
      `${lineOf(text, 'name:')} invalid-name`,
      `${lineOf(text, 'tags:')} invalid-tag`,
      `${lineOf(text, 'tags:')} invalid-tag`,
      `${lineOf(text, 'url:')} invalid-link-url`,
      `${lineOf(text, 'spec:')} missing-required`,
    ].sort());
    assert.ok(result.diagnostics.every(d => d.severity === 'error' && d.entityRef === 'component:default/bad name!'));
    const tag = result.diagnostics.find(d => d.message.includes('"Java"'));
    assert.match(tag!.message, /Did you mean "java"\?/);
  });

  it('is case-sensitive about kind and says what was meant', () => {
    const result = check(componentYaml({ kind: 'component' }));
    assert.deepStrictEqual(result.diagnostics.map(d => d.code), ['unknown-kind']);
    assert.match(result.diagnostics[0].message, /did you mean "Component"/);
    assert.deepStrictEqual(codes(componentYaml({ kind: 'Widget' })), ['error unknown-kind']);
    assert.deepStrictEqual(codes(componentYaml({ apiVersion: 'backstage.io/v2' })), ['error unsupported-api-version']);
    assert.deepStrictEqual(codes(componentYaml({ apiVersion: 'Backstage.io/v1alpha1' })), ['error invalid-api-version', 'error unsupported-api-version']);
  });

  it('rejects root status and relations, which only the catalog writes', () => {
    assert.deepStrictEqual(codes(`${componentYaml()}status:\n  items: []\n`), ['error unknown-root-field']);
    assert.deepStrictEqual(codes(`${componentYaml()}relations: []\n`), ['error unknown-root-field']);
  });

  it('requires kinds on dependsOn refs, not on owner refs', () => {
    const text = componentYaml({ spec: 'type: service\nlifecycle: production\nowner: team-a\ndependsOn: [my-db, resource:ok]' });
    const result = check(text);
    assert.deepStrictEqual(result.diagnostics.map(d => d.code), ['ref-missing-kind']);
    assert.match(result.diagnostics[0].message, /"component:my-db" or "resource:my-db"/);
    assert.deepStrictEqual(codes(componentYaml({ spec: 'type: service\nlifecycle: production\nowner: "group:"' })), ['error invalid-ref']);
  });

  it('refuses keys that differ only in casing', () => {
    assert.deepStrictEqual(codes(componentYaml({ spec: 'type: service\nlifecycle: production\nowner: a\nfoo: 1\nFoo: 2' })), ['error duplicate-key-casing']);
    assert.deepStrictEqual(codes(componentYaml({ metadata: 'annotations:\n  a.io/x: "1"\n  A.io/x: "2"' })), ['error invalid-annotation-key', 'error duplicate-key-casing']);
  });

  it('warns on annotation typos and notes deprecated ones, without rejecting', () => {
    const text = componentYaml({ metadata: 'annotations:\n  github.com/projet-slug: acme/x\n  backstage.io/github-actions-id: acme/x\n  acme.com/custom: yes' });
    assert.deepStrictEqual(codes(text), ['warning annotation-typo', 'info deprecated-annotation']);
    const result = check(text);
    assert.match(result.diagnostics[0].message, /did you mean "github.com\/project-slug"/);
    assert.strictEqual(result.entities[0].rejected, false);
  });

  it('says an unknown lifecycle is unusual, not wrong', () => {
    assert.deepStrictEqual(codes(componentYaml({ spec: 'type: service\nlifecycle: beta\nowner: a' })), ['info unknown-lifecycle']);
  });

  it('rejects a non-object document and keeps reading the others', () => {
    const result = check(`- a\n- b\n---\n${componentYaml()}`);
    assert.deepStrictEqual(result.diagnostics.map(d => [d.code, d.range.start.line]), [['not-an-object', 0]]);
    assert.match(result.diagnostics[0].message, /Expected object at root, got array/);
    assert.strictEqual(result.entities.length, 1);
    assert.strictEqual(result.entities[0].documentIndex, 1);
  });

  it('reports a YAML error in one document and validates the rest', () => {
    const result = check(`${componentYaml()}---\nkind: [\n---\n${componentYaml({ name: 'other' })}`);
    assert.ok(result.diagnostics.every(d => d.code.startsWith('yaml-')));
    assert.deepStrictEqual(result.entities.map(e => e.entity.metadata.name), ['checkout', 'other']);
  });

  it('reads YAML 1.1 booleans as the strings YAML 1.2 makes them', () => {
    assert.deepStrictEqual(codes(componentYaml({ spec: 'type: yes\nlifecycle: production\nowner: on' })), []);
    assert.deepStrictEqual(codes(componentYaml({ spec: 'type: true\nlifecycle: production\nowner: a' })), ['error invalid-type']);
  });

  it('treats a non-Template entity with ${{ }} as a template skeleton', () => {
    const result = check(componentYaml({ name: '${{ values.name }}' }));
    assert.deepStrictEqual(result.diagnostics.map(d => `${d.severity} ${d.code}`), ['info template-skeleton']);
    assert.deepStrictEqual(result.entities, []);
  });

  it('warns about AiResource and explains mcp-server APIs', () => {
    assert.deepStrictEqual(codes(componentYaml({ kind: 'AiResource', spec: 'type: skill' })), ['warning plugin-kind']);
    const mcp = componentYaml({ kind: 'API', spec: 'type: mcp-server\nlifecycle: production\nowner: a\nremotes:\n  - type: sse\n    url: https://x' });
    const result = check(mcp);
    assert.deepStrictEqual(result.diagnostics.map(d => d.code), ['mcp-server-api']);
    assert.match(result.diagnostics[0].message, /model layer/);
  });
});

describe('validate: placeholders', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-ph-'));
    fs.writeFileSync(path.join(dir, 'openapi.yaml'), 'openapi: 3.0.0\n');
    fs.writeFileSync(path.join(dir, 'spec.json'), '{"a": 1}');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"a": ');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = (): ValidateOptions => ({ fileExists: p => fs.existsSync(p), readText: p => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) });
  const api = (definition: string) => componentYaml({ kind: 'API', name: 'petstore', spec: `type: openapi\nlifecycle: production\nowner: a\ndefinition:\n  ${definition}` });
  const run = (text: string) => validateText(text, path.join(dir, 'catalog-info.yaml'), options()).diagnostics.map(d => `${d.severity} ${d.code}`);

  it('accepts $text to an existing file and to a URL', () => {
    assert.deepStrictEqual(run(api('$text: ./openapi.yaml')), []);
    assert.deepStrictEqual(run(api('$text: https://example.com/openapi.yaml')), []);
  });

  it('rejects a relative target that does not exist', () => {
    const text = api('$text: ./missing.yaml');
    const result = validateText(text, path.join(dir, 'catalog-info.yaml'), options());
    assert.deepStrictEqual(result.diagnostics.map(d => [d.code, d.range.start.line]), [['placeholder-target-not-found', lineOf(text, '$text')]]);
  });

  it('checks the resolved type: $json gives an object, not the string a definition needs', () => {
    assert.deepStrictEqual(run(api('$json: ./spec.json')), ['error invalid-type']);
    assert.deepStrictEqual(run(api('$json: ./broken.json')), ['error placeholder-invalid-json', 'error invalid-type']);
  });

  it('leaves other $ keys and multi-key objects alone', () => {
    assert.deepStrictEqual(run(componentYaml({ spec: 'type: service\nlifecycle: production\nowner: a\nschema:\n  $ref: ./x.json' })), []);
    assert.deepStrictEqual(run(componentYaml({ spec: 'type: service\nlifecycle: production\nowner: a\nx:\n  $text: ./missing\n  other: 1' })), []);
  });
});

describe('validate: custom kinds', () => {
  const schema = JSON.stringify({
    type: 'object',
    properties: {
      apiVersion: { enum: ['acme.com/v1'] },
      kind: { enum: ['Pipeline'] },
      spec: { type: 'object', required: ['runner'], properties: { runner: { type: 'string' } } },
    },
  });
  const { kinds } = loadCustomKinds([{ path: '/schemas/pipeline.json', text: schema }]);
  const pipeline = (spec: string) => `apiVersion: acme.com/v1\nkind: Pipeline\nmetadata:\n  name: build\nspec:\n  ${spec}\n`;

  it('accepts a declared kind and validates it with its schema', () => {
    assert.deepStrictEqual(codes(pipeline('runner: linux'), { customKinds: kinds }), []);
    assert.deepStrictEqual(codes(pipeline('other: 1'), { customKinds: kinds }), ['error missing-required']);
  });

  it('is an unknown kind without the schema', () => {
    assert.deepStrictEqual(codes(pipeline('runner: linux')), ['error unknown-kind']);
  });
});
