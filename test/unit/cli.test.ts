import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { templateDiagnostics } from '../../src/core/language/templates';
import { componentYaml } from './helpers/catalogText';

const ROOT = path.resolve(__dirname, '../..');

/** Writes a small catalog tree into a fresh temp folder. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const group = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;

async function json(args: string[], cwd: string) {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const result = await runCli(['validate', ...args, '--format', 'json']);
    return { code: result.code, report: JSON.parse(result.stdout || '{}'), stderr: result.stderr };
  } finally {
    process.chdir(previous);
  }
}

describe('cli: catwalk validate', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = tree(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

  it('exits 0 on a clean catalog and counts files and entities', async () => {
    const dir = make({ 'catalog-info.yaml': componentYaml(), 'org.yaml': group('team-a') });
    const { code, report } = await json([], dir);
    assert.strictEqual(code, 0);
    assert.deepStrictEqual(report, { files: 2, entities: 2, errors: 0, warnings: 0, diagnostics: [] });
  });

  it('exits 0 with warnings only, and 1 with errors, in the json contract', async () => {
    const dir = make({ 'catalog-info.yaml': componentYaml() });
    assert.strictEqual((await json([], dir)).code, 0);
    const bad = make({ 'catalog-info.yaml': componentYaml({ metadata: 'tags: [Bad]' }) });
    const { code, report } = await json([], bad);
    assert.strictEqual(code, 1);
    assert.strictEqual(report.errors, 1);
    assert.strictEqual(report.warnings, 1);
    const tag = report.diagnostics.find((d: { code: string }) => d.code === 'invalid-tag');
    assert.deepStrictEqual(
      { file: tag.file, line: tag.line, column: tag.column, endLine: tag.endLine, endColumn: tag.endColumn, severity: tag.severity, entityRef: tag.entityRef },
      { file: 'catalog-info.yaml', line: 5, column: 10, endLine: 5, endColumn: 13, severity: 'error', entityRef: 'component:default/checkout' },
    );
  });

  it('flags the later of two definitions of one entity and dangling refs with suggestions', async () => {
    const dir = make({ 'a/catalog-info.yaml': componentYaml({ spec: 'type: service\nlifecycle: production\nowner: team-b' }), 'b/catalog-info.yaml': componentYaml(), 'org.yaml': group('team-a') });
    const { code, report } = await json([], dir);
    assert.strictEqual(code, 1);
    const seen = report.diagnostics.map((d: { file: string; code: string; severity: string }) => `${d.file} ${d.severity} ${d.code}`);
    assert.deepStrictEqual(seen, ['a/catalog-info.yaml warning dangling-ref', 'b/catalog-info.yaml error duplicate-entity']);
    assert.match(report.diagnostics[0].message, /did you mean "team-a"/);
  });

  it('finds catalog files by name and by Backstage apiVersion, skipping node_modules and Kubernetes manifests', async () => {
    const dir = make({
      'svc/catalog-info.yml': componentYaml({ name: 'one' }),
      'svc/web.catalog-info.yaml': componentYaml({ name: 'two' }),
      'org.yaml': group('team-a'),
      'deploy/k8s.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
      'node_modules/pkg/catalog-info.yaml': 'kind: [',
    });
    const { code, report } = await json([], dir);
    assert.strictEqual(code, 0, JSON.stringify(report));
    assert.strictEqual(report.files, 3);
    assert.strictEqual(report.entities, 3);
  });

  it('follows Location targets outside the searched folder and reports missing ones', async () => {
    const dir = make({
      'root/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: root\nspec:\n  targets:\n    - ../elsewhere/service.yaml\n    - ./missing.yaml\n',
      'elsewhere/service.yaml': componentYaml({ spec: 'type: service\nlifecycle: production\nowner: guests' }),
    });
    const { code, report } = await json(['root'], dir);
    assert.strictEqual(code, 1);
    assert.strictEqual(report.files, 2);
    const seen = report.diagnostics.map((d: { file: string; code: string; line: number }) => `${d.file}:${d.line} ${d.code}`);
    assert.deepStrictEqual(seen, ['elsewhere/service.yaml:8 dangling-ref', 'root/catalog-info.yaml:8 location-target-not-found']);
  });

  it('reads extra files with --glob and custom kinds with --schema', async () => {
    const dir = make({
      'pipelines/build.yml': 'apiVersion: acme.com/v1\nkind: Pipeline\nmetadata:\n  name: build\nspec:\n  runner: linux\n',
      'schemas/pipeline.json': JSON.stringify({ properties: { apiVersion: { enum: ['acme.com/v1'] }, kind: { enum: ['Pipeline'] }, spec: { required: ['runner'] } } }),
    });
    assert.strictEqual((await json([], dir)).report.files, 0);
    const without = await json(['--glob', 'pipelines/*.yml'], dir);
    assert.deepStrictEqual(without.report.diagnostics.map((d: { code: string }) => d.code), ['unknown-kind']);
    const withSchema = await json(['--glob', 'pipelines/*.yml', '--schema', 'schemas/pipeline.json'], dir);
    assert.strictEqual(withSchema.code, 0, JSON.stringify(withSchema.report));
    assert.strictEqual(withSchema.report.entities, 1);
  });

  it('always reads a file named on the command line', async () => {
    const dir = make({ 'odd-name.txt': componentYaml() });
    const { code, report } = await json(['odd-name.txt'], dir);
    assert.strictEqual(code, 0);
    assert.strictEqual(report.entities, 1);
  });

  it('prints file:line:col lines and a summary in text format', async () => {
    const dir = make({ 'catalog-info.yaml': componentYaml({ metadata: 'tags: [Bad]' }) });
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const { code, stdout } = await runCli(['validate']);
      assert.strictEqual(code, 1);
      const lines = stdout.trim().split('\n');
      assert.match(lines[0], /^catalog-info\.yaml:5:10 {2}error {4}invalid-tag {2}"tags\.0" is not valid/);
      assert.strictEqual(lines[lines.length - 1], '1 file, 1 entity: 1 error, 1 warning (invalid)');
    } finally {
      process.chdir(previous);
    }
  });

  it('writes GitHub workflow annotations with escaped properties', async () => {
    const dir = make({ 'catalog-info.yaml': componentYaml({ metadata: 'tags: [Bad]' }) });
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const { stdout } = await runCli(['validate', '--format', 'github']);
      assert.match(stdout, /^::error file=catalog-info\.yaml,line=5,col=10,endLine=5,endColumn=13,title=Catwalk invalid-tag::"tags\.0" is not valid/m);
      assert.match(stdout, /^::warning file=catalog-info\.yaml,line=9,col=10,.*dangling-ref/m);
    } finally {
      process.chdir(previous);
    }
  });

  it('exits 2 for bad usage and unreadable paths', async () => {
    assert.strictEqual((await runCli(['validate', '--format', 'xml'])).code, 2);
    assert.strictEqual((await runCli(['validate', '--bogus'])).code, 2);
    assert.strictEqual((await runCli(['validate', '/no/such/folder'])).code, 2);
    assert.strictEqual((await runCli(['validate', '--schema', '/no/such.json'])).code, 2);
    assert.strictEqual((await runCli(['frobnicate'])).code, 2);
    assert.strictEqual((await runCli([])).code, 2);
    assert.match((await runCli(['validate', '--help'])).stdout, /Usage: catwalk validate/);
  });
});

describe('cli: the built catwalk binary', function () {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  before(function () {
    if (!fs.existsSync(cli)) {
      console.log('    skipped: dist/cli.js is not built (npm test builds it first)');
      this.skip();
    }
  });

  it('gives the same report with worker threads as without', () => {
    const files: Record<string, string> = { 'org.yaml': group('team-a') };
    for (let i = 0; i < 260; i++) files[`svc-${i}/catalog-info.yaml`] = componentYaml({ name: `svc-${i}`, ...(i % 50 === 7 ? { metadata: 'tags: [Bad]' } : {}) });
    files['svc-3/catalog-info.yaml'] = componentYaml({ name: 'svc-4' });
    const dir = tree(files);
    try {
      const run = (jobs: string) => spawnSync(process.execPath, [cli, 'validate', dir, '--format', 'json', '--jobs', jobs], { encoding: 'utf8' });
      const one = run('1');
      const two = run('2');
      assert.strictEqual(one.status, 1, one.stderr);
      assert.strictEqual(two.status, 1, two.stderr);
      assert.deepStrictEqual(JSON.parse(two.stdout), JSON.parse(one.stdout));
      const report = JSON.parse(two.stdout);
      assert.strictEqual(report.files, 261);
      assert.strictEqual(report.errors, 6 + 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('validates the bundled example catalog cleanly', () => {
    const result = spawnSync(process.execPath, [cli, 'validate', path.join(ROOT, 'examples/acme')], { encoding: 'utf8' });
    assert.strictEqual(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /0 errors, 0 warnings/);
  });
});

describe('cli: templates get the editor\'s template checks', () => {
  it('reports an unknown action input exactly as the language server does', async () => {
    const text = [
      'apiVersion: scaffolder.backstage.io/v1beta3',
      'kind: Template',
      'metadata:',
      '  name: starter',
      'spec:',
      '  type: service',
      '  steps:',
      '    - id: fetch',
      '      action: fetch:plain',
      '      input:',
      '        url: ./skeleton',
      '        bogus: 1',
      '',
    ].join('\n');
    const dir = tree({ 'template.yaml': text });
    try {
      const { report } = await json([], dir);
      const editor = templateDiagnostics({ file: path.join(dir, 'template.yaml'), text });
      assert.ok(editor.length > 0);
      const cli = report.diagnostics.filter((d: { code: string }) => d.code.startsWith('template-'));
      assert.deepStrictEqual(
        cli.map((d: { code: string; line: number; message: string }) => [d.code, d.line, d.message]),
        editor.map(d => [d.code, d.range.start.line + 1, d.message]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
