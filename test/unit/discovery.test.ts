import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogIndex } from '../../src/core/index/catalogIndex';
import { Entity } from '../../src/core/model/entity';
import { entityRefOf } from '../../src/core/model/ref';
import {
  declaresCatalogApiVersion,
  discoverCatalogFiles,
  dirnamePath,
  followLocations,
  LocationGraph,
  normalizePath,
} from '../../src/core/sources/discovery';
import { FileSystemSource } from '../../src/core/sources/fileSystemSource';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';
import { ParsedEntity } from '../../src/core/validate/types';
import { memoryHost } from './helpers/memoryHost';

const COMPONENT = (name: string, owner = 'team-a') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

const GROUP = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []
`;

const LOCATION = (name: string, targets: string[], extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
${extra}  targets:
${targets.map(t => `    - ${t}`).join('\n')}
`;

function location(file: string, spec: Record<string, unknown>, documentIndex = 0): ParsedEntity {
  const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: `loc-${documentIndex}` }, spec };
  const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
  return { entity, ref: entityRefOf(entity), file, documentIndex, range, rejected: false };
}

describe('discovery', () => {
  describe('discoverCatalogFiles', () => {
    const host = memoryHost({
      '/repo/catalog-info.yaml': COMPONENT('root'),
      '/repo/svc/catalog-info.yml': COMPONENT('svc'),
      '/repo/svc/api.catalog-info.yaml': COMPONENT('api'),
      '/repo/org/teams.yaml': GROUP('team-a'),
      '/repo/org/notes.yaml': 'title: not a catalog file\napiVersion_note: backstage.io/v1alpha1\n',
      '/repo/templates/new.yaml': 'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\n',
      '/repo/k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
      '/repo/k8s/nested.yaml': 'kind: List\nitems:\n  - apiVersion: backstage.io/v1alpha1\n',
      '/repo/multi.yaml': 'apiVersion: v1\nkind: ConfigMap\n---\n"apiVersion": x\n---\napiVersion: "backstage.io/v1beta1"\nkind: Group\n',
      '/repo/custom.yaml': 'apiVersion: acme.com/v1\nkind: Service\n',
      '/repo/node_modules/pkg/catalog-info.yaml': COMPONENT('dep'),
      '/repo/.git/catalog-info.yaml': COMPONENT('git'),
      '/repo/dist/catalog-info.yaml': COMPONENT('built'),
      '/repo/docs/extra/index.md': '# docs',
      '/repo/docs/extra/entity.json': '{}',
      '/repo/README.md': 'apiVersion: backstage.io/v1alpha1',
    });

    it('finds conventional names and Backstage apiVersions, sorted, and skips the rest', () => {
      const result = discoverCatalogFiles(['/repo'], host);
      assert.deepEqual(result.files, [
        '/repo/catalog-info.yaml',
        '/repo/dist/catalog-info.yaml',
        '/repo/multi.yaml',
        '/repo/org/teams.yaml',
        '/repo/svc/api.catalog-info.yaml',
        '/repo/svc/catalog-info.yml',
        '/repo/templates/new.yaml',
      ]);
      assert.deepEqual(result.errors, []);
    });

    it('applies exclude, extra globs and custom apiVersions', () => {
      const result = discoverCatalogFiles(['/repo'], host, {
        exclude: ['dist', 'templates/**'],
        globs: ['docs/**/*.json'],
        knownApiVersion: v => v === 'acme.com/v1',
      });
      assert.deepEqual(result.files, [
        '/repo/catalog-info.yaml',
        '/repo/custom.yaml',
        '/repo/docs/extra/entity.json',
        '/repo/multi.yaml',
        '/repo/org/teams.yaml',
        '/repo/svc/api.catalog-info.yaml',
        '/repo/svc/catalog-info.yml',
      ]);
    });

    it('always includes a root that is a file and reports missing roots', () => {
      const result = discoverCatalogFiles(['/repo/k8s/deploy.yaml', '/nowhere', '/repo/svc'], host);
      assert.deepEqual(result.files, ['/repo/k8s/deploy.yaml', '/repo/svc/api.catalog-info.yaml', '/repo/svc/catalog-info.yml']);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0].path, '/nowhere');
    });

    it('does not open files that are not YAML', () => {
      host.reads.length = 0;
      discoverCatalogFiles(['/repo'], host);
      assert.ok(!host.reads.some(r => r.endsWith('.md') || r.endsWith('.json')));
      assert.ok(!host.reads.includes('/repo/catalog-info.yaml'), 'a conventional name needs no read');
    });

    it('stops when cancelled', () => {
      const result = discoverCatalogFiles(['/repo'], host, { token: { isCancellationRequested: true } });
      assert.deepEqual(result.files, []);
    });
  });

  describe('declaresCatalogApiVersion', () => {
    it('accepts backstage.io and its subdomains at root level only', () => {
      assert.equal(declaresCatalogApiVersion('apiVersion: backstage.io/v1alpha1\n'), true);
      assert.equal(declaresCatalogApiVersion('\uFEFFapiVersion:   scaffolder.backstage.io/v1beta3 # tpl\n'), true);
      assert.equal(declaresCatalogApiVersion("apiVersion: 'backstage.io/v1beta1'\r\nkind: Group\r\n"), true);
      assert.equal(declaresCatalogApiVersion('apiVersion: apps/v1\n'), false);
      assert.equal(declaresCatalogApiVersion('apiVersion: notbackstage.io/v1\n'), false);
      assert.equal(declaresCatalogApiVersion('spec:\n  apiVersion: backstage.io/v1alpha1\n'), false);
      assert.equal(declaresCatalogApiVersion('apiVersion: acme.com/v1\n', v => v.startsWith('acme.com/')), true);
    });
  });

  describe('paths', () => {
    it('normalizes in the path style it is given', () => {
      assert.equal(normalizePath('/repo/a/./b/../c.yaml'), '/repo/a/c.yaml');
      assert.equal(normalizePath('C:\\repo\\a\\..\\b.yaml'), 'C:\\repo\\b.yaml');
      assert.equal(normalizePath('/../x'), '/x');
      assert.equal(dirnamePath('/repo/a.yaml'), '/repo');
      assert.equal(dirnamePath('/a.yaml'), '/');
      assert.equal(dirnamePath('C:\\a.yaml'), 'C:\\');
    });
  });

  describe('followLocations', () => {
    const host = memoryHost({
      '/repo/catalog-info.yaml': '',
      '/repo/teams/a.yaml': '',
      '/repo/teams/b.yaml': '',
      '/repo/teams/deep/c.yaml': '',
      '/repo/teams/notes.md': '',
      '/shared/org.yaml': '',
    });

    it('resolves relative, absolute and glob targets and returns the unseen files', () => {
      const graph = new LocationGraph();
      graph.markSeen('/repo/teams/a.yaml');
      const result = followLocations('/repo/catalog-info.yaml', [
        location('/repo/catalog-info.yaml', { target: './teams/a.yaml', targets: ['../shared/org.yaml', '/repo/teams/b.yaml'] }),
        location('/repo/catalog-info.yaml', { type: 'file', target: './teams/**/*.yaml' }, 1),
      ], host, graph);
      assert.deepEqual(result.files, ['/shared/org.yaml', '/repo/teams/b.yaml', '/repo/teams/deep/c.yaml']);
      assert.deepEqual(result.targets, ['/repo/teams/a.yaml', '/shared/org.yaml', '/repo/teams/b.yaml', '/repo/teams/deep/c.yaml']);
      assert.deepEqual(result.issues, []);
    });

    it('reports missing targets unless optional', () => {
      const result = followLocations('/repo/catalog-info.yaml', [
        location('/repo/catalog-info.yaml', { targets: ['./a.yaml', './nothing/*.yaml'] }),
        location('/repo/catalog-info.yaml', { target: './gone.yaml', presence: 'optional' }, 1),
      ], host);
      assert.deepEqual(result.issues.map(i => [i.issue.code, i.issue.severity, i.issue.path]), [
        ['location-target-not-found', 'error', ['spec', 'targets', 0]],
        ['location-target-not-found', 'error', ['spec', 'targets', 1]],
      ]);
      assert.match(result.issues[0].issue.message, /"\.\/a\.yaml" does not exist \(looked for \/repo\/a\.yaml\)/);
      assert.equal(result.issues[0].entityRef, 'location:default/loc-0');
    });

    it('does not follow url targets, other types, bare relative paths or folders', () => {
      const result = followLocations('/repo/catalog-info.yaml', [
        location('/repo/catalog-info.yaml', { targets: ['https://github.com/acme/x/blob/main/catalog-info.yaml', 'teams/a.yaml', './teams', './teams/'] }),
        location('/repo/catalog-info.yaml', { type: 'url', target: './teams/a.yaml' }, 1),
      ], host);
      assert.deepEqual(result.files, []);
      assert.deepEqual(result.issues.map(i => [i.issue.code, i.issue.severity]), [
        ['location-not-followed', 'info'],
        ['location-target-not-relative', 'warning'],
        ['location-target-invalid', 'error'],
        ['location-target-invalid', 'error'],
        ['location-not-followed', 'info'],
      ]);
    });

    it('detects cycles as files are followed one by one', () => {
      const graph = new LocationGraph();
      const first = followLocations('/repo/catalog-info.yaml', [location('/repo/catalog-info.yaml', { target: './teams/a.yaml' })], host, graph);
      assert.deepEqual(first.files, ['/repo/teams/a.yaml']);
      assert.deepEqual(first.issues, []);
      const second = followLocations('/repo/teams/a.yaml', [location('/repo/teams/a.yaml', { target: '../catalog-info.yaml' })], host, graph);
      assert.deepEqual(second.files, []);
      assert.equal(second.issues.length, 1);
      assert.equal(second.issues[0].issue.code, 'location-cycle');
      assert.equal(second.issues[0].issue.severity, 'warning');
      assert.match(second.issues[0].issue.message, /\/repo\/teams\/a\.yaml → \/repo\/catalog-info\.yaml → \/repo\/teams\/a\.yaml/);
      const self = followLocations('/repo/teams/b.yaml', [location('/repo/teams/b.yaml', { target: './b.yaml' })], host, graph);
      assert.equal(self.issues[0].issue.code, 'location-cycle');
    });
  });

  describe('FileSystemSource', () => {
    function repo() {
      return memoryHost({
        '/repo/catalog-info.yaml': `${COMPONENT('svc')}---\n${LOCATION('root', ['./org/teams.yaml', '../shared/platform.yaml', './missing.yaml'])}`,
        '/repo/org/teams.yaml': GROUP('team-a'),
        '/repo/services/pay/catalog-info.yaml': COMPONENT('pay', 'team-b'),
        '/shared/platform.yaml': `${GROUP('team-b')}---\n${LOCATION('back', ['../repo/catalog-info.yaml'])}`,
      });
    }

    it('loads discovered files and followed locations into an index', async () => {
      const host = repo();
      const index = new CatalogIndex();
      // No time limit on a chunk here: the chunks are the files found, then the followed ones.
      const source = new FileSystemSource(host, ['/repo'], { sliceMs: Number.POSITIVE_INFINITY });
      const progress: number[] = [];
      const result = await source.load(index, undefined, p => progress.push(p.done ?? -1));
      assert.deepEqual(index.files(), ['/repo/catalog-info.yaml', '/repo/org/teams.yaml', '/repo/services/pay/catalog-info.yaml', '/shared/platform.yaml']);
      assert.equal(result.files, 4);
      assert.equal(result.entities, 6);
      assert.equal(result.cancelled, false);
      assert.deepEqual(progress, [3, 4], 'followed files join the queue');
      assert.equal(index.get('group:default/team-b')?.file, '/shared/platform.yaml');
      assert.deepEqual(index.byOwner('team-b').map(p => p.ref), ['component:default/pay']);
      const rootDiagnostics = index.diagnosticsOf('/repo/catalog-info.yaml');
      assert.deepEqual(rootDiagnostics.map(d => d.code), ['location-target-not-found']);
      assert.deepEqual(rootDiagnostics[0].range, { start: { line: 17, character: 6 }, end: { line: 17, character: 20 } }, 'points at the missing target');
      assert.deepEqual(index.diagnosticsOf('/shared/platform.yaml').map(d => d.code), ['location-cycle']);
    });

    it('yields to the event loop once a time slice is spent, even inside a chunk', async () => {
      const index = new CatalogIndex();
      const changes: string[][] = [];
      index.onDidChange(change => changes.push(change.files));
      const source = new FileSystemSource(repo(), ['/repo'], { sliceMs: 0 });
      const progress: number[] = [];
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 0);
      await source.load(index, undefined, p => progress.push(p.done ?? -1));
      clearInterval(ticker);
      assert.deepEqual(progress, [1, 2, 3, 4], 'one file per slice');
      // One index change per file read (other files whose cross-file checks changed come along).
      assert.deepEqual(changes.map(files => files[0]), ['/repo/catalog-info.yaml', '/repo/org/teams.yaml', '/repo/services/pay/catalog-info.yaml', '/shared/platform.yaml']);
      assert.ok(ticks > 0, 'timers ran during the load');
      assert.equal(index.size, 6);
    });

    it('reports files that disappeared on the next load, and reloads single files', async () => {
      const host = repo();
      const index = new CatalogIndex();
      const source = new FileSystemSource(host, ['/repo'], { followLocations: false, chunkSize: 1 });
      await source.load(index);
      assert.deepEqual(index.files(), ['/repo/catalog-info.yaml', '/repo/org/teams.yaml', '/repo/services/pay/catalog-info.yaml']);
      host.remove('/repo/org/teams.yaml');
      await source.load(index);
      assert.deepEqual(index.files(), ['/repo/catalog-info.yaml', '/repo/services/pay/catalog-info.yaml']);
      host.write('/repo/services/pay/catalog-info.yaml', COMPONENT('pay2'));
      source.refreshFile(index, '/repo/services/pay/catalog-info.yaml');
      assert.equal(index.has('component:default/pay2'), true);
      host.remove('/repo/services/pay/catalog-info.yaml');
      source.refreshFile(index, '/repo/services/pay/catalog-info.yaml');
      assert.deepEqual(index.files(), ['/repo/catalog-info.yaml']);
    });

    it('stops when cancelled and reports unreadable roots', async () => {
      const index = new CatalogIndex();
      const token = { isCancellationRequested: false };
      const source = new FileSystemSource(repo(), ['/repo', '/nope'], { chunkSize: 1 });
      const pending = source.load({ upsertFile: r => { index.upsertFile(r); token.isCancellationRequested = true; }, removeFile: f => index.removeFile(f) }, token);
      const result = await pending;
      assert.equal(result.cancelled, true);
      assert.equal(index.files().length, 1);
      assert.deepEqual(result.errors.map(e => [e.file, e.code]), [['/nope', 'root-not-found']]);
    });

    it('reads a real folder through the node host', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-source-'));
      try {
        fs.mkdirSync(path.join(dir, 'svc'));
        fs.writeFileSync(path.join(dir, 'svc', 'catalog-info.yaml'), COMPONENT('svc'));
        fs.writeFileSync(path.join(dir, 'teams.yaml'), GROUP('team-a'));
        fs.writeFileSync(path.join(dir, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\n');
        const index = new CatalogIndex();
        await new FileSystemSource(nodeFileSystemHost, [dir]).load(index);
        assert.deepEqual(index.files(), [path.join(dir, 'svc', 'catalog-info.yaml'), path.join(dir, 'teams.yaml')].sort());
        assert.deepEqual(index.diagnosticsOf(path.join(dir, 'svc', 'catalog-info.yaml')), []);
        assert.equal(nodeFileSystemHost.stat(path.join(dir, 'nothing')), undefined);
        assert.equal(nodeFileSystemHost.readFile(path.join(dir, 'nothing')), undefined);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
