import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';
import { inThreadValidator, readAndValidate, validateCatalog } from '../../src/core/validate/validateCatalog';
import { nodeValidateOptions } from '../../src/cli/validateCommand';

// Real Backstage data kept beside the project (not in a user's clone).
const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const options = nodeValidateOptions([]);

describe('conformance: real Backstage files (../shared/corpus)', function () {
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    skipped: ${CORPUS} is absent (it sits beside the project only in the development checkout)`);
      this.skip();
    }
  });

  const read = (rel: string) => readAndValidate(path.join(CORPUS, rel), nodeFileSystemHost, options);
  const errorsOf = (rel: string) => read(rel).diagnostics.filter(d => d.severity === 'error');

  it('accepts every Component, API, System, Group and User of create-app', () => {
    for (const rel of ['create-app/entities.yaml', 'create-app/org.yaml']) {
      const result = read(rel);
      assert.deepStrictEqual(errorsOf(rel), [], rel);
      assert.ok(result.entities.length > 0, rel);
    }
    const kinds = ['create-app/entities.yaml', 'create-app/org.yaml'].flatMap(rel => read(rel).entities.map(e => e.entity.kind));
    for (const kind of ['System', 'Component', 'API', 'User', 'Group']) assert.ok(kinds.includes(kind), kind);
  });

  it('accepts the demo Component and API, with the namespaced owner and $text placeholder', () => {
    const result = read('demo/catalog-info.yaml');
    assert.deepStrictEqual(errorsOf('demo/catalog-info.yaml'), []);
    assert.deepStrictEqual(result.entities.map(e => e.entity.kind).sort(), ['API', 'Component']);
  });

  it('accepts both templates', () => {
    for (const rel of ['create-app/template/template.yaml', 'demo/demo-template/template/template.yaml']) {
      assert.deepStrictEqual(errorsOf(rel), [], rel);
      assert.strictEqual(read(rel).entities[0].entity.kind, 'Template');
    }
  });

  it('says the mcp-server API is rejected by the default processor and why', () => {
    const errors = errorsOf('demo/examples/mcp-server-api.yaml');
    assert.deepStrictEqual(errors.map(e => e.code), ['mcp-server-api']);
    assert.match(errors[0].message, /default catalog/);
    assert.match(errors[0].message, /model layer/);
  });

  it('reports AiResource as an unknown kind (a warning) and keeps indexing the file', () => {
    const result = read('demo/examples/ai-resources.yaml');
    assert.strictEqual(result.entities.length, 6);
    assert.ok(result.diagnostics.length === 6 && result.diagnostics.every(d => d.severity === 'warning' && d.code === 'plugin-kind'));
  });

  it('says the template skeleton descriptor is valid only once rendered', () => {
    const result = read('create-app/template/content/catalog-info.yaml');
    assert.deepStrictEqual(result.diagnostics.map(d => `${d.severity} ${d.code}`), ['info template-skeleton']);
  });

  it('validates the whole corpus folder the way the CLI does', async () => {
    const result = await validateCatalog([CORPUS], nodeFileSystemHost, inThreadValidator(nodeFileSystemHost, options));
    assert.ok(result.files.length >= 8, String(result.files.length));
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    assert.deepStrictEqual(errors.map(d => path.relative(CORPUS, d.file)), ['demo/examples/mcp-server-api.yaml']);
  });
});
