import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogChange, CatalogIndex, CatalogSnapshot, locatorFromText } from '../../src/core/index/catalogIndex';
import { readSnapshotFile, writeSnapshotFile } from '../../src/core/index/snapshotFile';
import { Diagnostic } from '../../src/core/diagnostics';
import { Entity } from '../../src/core/model/entity';
import { entityRefOf } from '../../src/core/model/ref';
import { FileResult, ParsedEntity } from '../../src/core/validate/types';
import { checkCrossFile, toLite } from '../../src/core/index/crossFile';

function parsed(file: string, documentIndex: number, entity: Entity): ParsedEntity {
  const range = { start: { line: documentIndex * 10, character: 0 }, end: { line: documentIndex * 10 + 5, character: 0 } };
  return { entity, ref: entityRefOf(entity), file, documentIndex, range, rejected: false };
}

function file(name: string, entities: Entity[], diagnostics: Diagnostic[] = []): FileResult {
  return { file: name, entities: entities.map((e, i) => parsed(name, i, e)), diagnostics };
}

function component(name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a', ...spec },
  };
}

function group(name: string, spec: Record<string, unknown> = {}): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name }, spec: { type: 'team', children: [], ...spec } };
}

function user(name: string, memberOf: string[] = []): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name }, spec: { memberOf } };
}

function codes(index: CatalogIndex, f: string): string[] {
  return index.diagnosticsOf(f).map(d => d.code);
}

function record(index: CatalogIndex): CatalogChange[] {
  const changes: CatalogChange[] = [];
  index.onDidChange(c => changes.push(c));
  return changes;
}

describe('CatalogIndex', () => {
  describe('lookups', () => {
    it('finds entities by ref in any case or short form, by kind and by file', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [component('Svc'), group('team-a')]));
      index.upsertFile(file('/b.yaml', [user('jdoe', ['team-a'])]));
      assert.equal(index.get('component:default/svc')?.entity.metadata.name, 'Svc');
      assert.equal(index.get('Component:Default/SVC')?.file, '/a.yaml');
      assert.equal(index.get('svc', { defaultKind: 'component' })?.ref, 'component:default/svc');
      assert.equal(index.get('svc'), undefined);
      assert.equal(index.has('group:team-a'), true);
      assert.deepEqual(index.byKind('GROUP').map(p => p.ref), ['group:default/team-a']);
      assert.deepEqual(index.entitiesOfFile('/a.yaml').map(p => p.ref), ['component:default/svc', 'group:default/team-a']);
      assert.deepEqual(index.files(), ['/a.yaml', '/b.yaml']);
      assert.equal(index.size, 3);
      assert.deepEqual(index.allEntities().map(p => p.ref).sort(), ['component:default/svc', 'group:default/team-a', 'user:default/jdoe']);
      assert.deepEqual(index.kinds().sort((a, b) => a.kind.localeCompare(b.kind)), [
        { kind: 'Component', count: 1 },
        { kind: 'Group', count: 1 },
        { kind: 'User', count: 1 },
      ]);
    });

    it('replaces a file atomically', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [component('x'), component('y')]));
      index.upsertFile(file('/a.yaml', [component('y', { lifecycle: 'deprecated' }), component('z')]));
      assert.deepEqual(index.entitiesOfFile('/a.yaml').map(p => p.ref), ['component:default/y', 'component:default/z']);
      assert.equal(index.has('component:default/x'), false);
      assert.equal(index.get('component:default/y')?.entity.spec?.lifecycle, 'deprecated');
      index.removeFile('/a.yaml');
      assert.equal(index.size, 0);
      assert.deepEqual(index.files(), []);
      assert.deepEqual(index.byKind('component'), []);
    });
  });

  describe('relations', () => {
    it('shows reverse relations on a target defined in a file read later, and drops them with the source', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [component('svc', { system: 'pay' })]));
      index.upsertFile(file('/b.yaml', [group('team-a'), user('jdoe', ['team-a'])]));
      assert.deepEqual(index.relationsOf('group:default/team-a'), [
        { type: 'hasMember', targetRef: 'user:default/jdoe' },
        { type: 'ownerOf', targetRef: 'component:default/svc' },
      ]);
      assert.deepEqual(index.relationsOf('component:default/svc'), [
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
        { type: 'partOf', targetRef: 'system:default/pay' },
      ]);
      assert.deepEqual(index.byOwner('team-a').map(p => p.ref), ['component:default/svc']);
      assert.deepEqual(index.related('group:default/team-a', 'ownerOf'), ['component:default/svc']);
      assert.deepEqual(index.related('system:default/pay', 'hasPart'), ['component:default/svc']);
      index.removeFile('/a.yaml');
      assert.deepEqual(index.relationsOf('group:default/team-a'), [{ type: 'hasMember', targetRef: 'user:default/jdoe' }]);
      assert.deepEqual(index.byOwner('team-a'), []);
    });

    it('merges a relation declared on both sides into one', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [group('team-a', { members: ['jdoe'] }), user('jdoe', ['team-a'])]));
      assert.deepEqual(index.relationsOf('user:default/jdoe'), [{ type: 'memberOf', targetRef: 'group:default/team-a' }]);
      assert.deepEqual(index.related('group:default/team-a', 'hasMember'), ['user:default/jdoe']);
    });

    it('takes relations from the winning definition only', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [component('svc', { owner: 'team-a' })]));
      index.upsertFile(file('/b.yaml', [component('svc', { owner: 'team-b' })]));
      assert.deepEqual(index.related('component:default/svc', 'ownedBy'), ['group:default/team-a']);
      assert.deepEqual(index.related('group:default/team-b', 'ownerOf'), []);
      index.removeFile('/a.yaml');
      assert.deepEqual(index.related('group:default/team-b', 'ownerOf'), ['component:default/svc']);
      assert.deepEqual(index.related('group:default/team-a', 'ownerOf'), []);
    });
  });

  describe('duplicates', () => {
    it('flags the later definition and promotes it when the first goes away', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [group('team-a')]));
      index.upsertFile(file('/b.yaml', [group('Team-A')]));
      assert.deepEqual(codes(index, '/a.yaml'), []);
      assert.deepEqual(codes(index, '/b.yaml'), ['duplicate-entity']);
      assert.match(index.diagnosticsOf('/b.yaml')[0].message, /\/a\.yaml/);
      assert.equal(index.get('group:default/team-a')?.file, '/a.yaml');
      assert.equal(index.definitionsOf('group:default/team-a').length, 2);
      const changes = record(index);
      index.removeFile('/a.yaml');
      assert.equal(index.get('group:default/team-a')?.file, '/b.yaml');
      assert.deepEqual(codes(index, '/b.yaml'), []);
      assert.deepEqual(changes[0].updated, ['group:default/team-a']);
      assert.deepEqual(changes[0].files.sort(), ['/a.yaml', '/b.yaml']);
    });

    it('keeps the first-read file first when it is edited', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/b.yaml', [group('team-a')]));
      index.upsertFile(file('/a.yaml', [group('team-a')]));
      index.upsertFile(file('/b.yaml', [group('team-a', { type: 'squad' })]));
      assert.equal(index.get('group:default/team-a')?.file, '/b.yaml');
      assert.deepEqual(codes(index, '/a.yaml'), ['duplicate-entity']);
    });
  });

  describe('cross-file diagnostics', () => {
    it('keeps dangling-ref warnings current as targets come and go', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [component('svc')], [
        { file: '/a.yaml', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }, severity: 'warning', code: 'own', message: 'own' },
      ]));
      assert.deepEqual(codes(index, '/a.yaml'), ['dangling-ref', 'own']);
      const changes = record(index);
      index.upsertFile(file('/b.yaml', [group('team-a')]));
      assert.deepEqual(changes[0].files.sort(), ['/a.yaml', '/b.yaml']);
      assert.deepEqual(codes(index, '/a.yaml'), ['own']);
      index.removeFile('/b.yaml');
      assert.ok(changes[1].files.includes('/a.yaml'));
      assert.deepEqual(codes(index, '/a.yaml'), ['dangling-ref', 'own']);
    });

    it('updates a suggestion when a near name appears', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [component('svc', { owner: 'team-x' })]));
      assert.equal(index.diagnosticsOf('/a.yaml')[0].message, 'Group "team-x" is not in the catalog');
      const changes = record(index);
      index.upsertFile(file('/b.yaml', [group('team-y')]));
      assert.ok(changes[0].files.includes('/a.yaml'));
      assert.equal(index.diagnosticsOf('/a.yaml')[0].message, 'Group "team-x" is not in the catalog; did you mean "team-y"?');
    });

    it('positions issues with a locator, and on the entity line without one', () => {
      const text = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\nspec:\n  type: service\n  lifecycle: production\n  owner: team-x\n';
      const result: FileResult = { file: '/a.yaml', entities: [{ ...parsed('/a.yaml', 0, component('svc', { owner: 'team-x' })), range: { start: { line: 0, character: 0 }, end: { line: 7, character: 15 } } }], diagnostics: [] };
      const plain = new CatalogIndex();
      plain.upsertFile(result);
      assert.deepEqual(plain.diagnosticsOf('/a.yaml')[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      const located = new CatalogIndex({ locate: locatorFromText(() => text) });
      located.upsertFile(result);
      const d = located.diagnosticsOf('/a.yaml')[0];
      assert.deepEqual(d.range, { start: { line: 7, character: 9 }, end: { line: 7, character: 15 } });
      assert.equal(d.entityRef, 'component:default/svc');
      assert.equal(d.severity, 'warning');
    });
  });

  describe('incremental cross-file checks', () => {
    it('always agree with a whole-catalog check after random edits', () => {
      let seed = 42;
      const random = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 * n);
      const name = () => ['team', 'tema', 'pay', 'pey', 'api', 'app'][random(6)] + ['', '-a', '-b', '-ab'][random(4)];
      const entityFor = (): Entity => {
        switch (random(4)) {
          case 0: return group(name());
          case 1: return user(name(), [name()]);
          case 2: return { apiVersion: 'backstage.io/v1alpha1', kind: 'API', metadata: { name: name() }, spec: { type: 'openapi', lifecycle: 'production', owner: name(), definition: 'x' } };
          default: return component(name(), { owner: random(3) === 0 ? `user:${name()}` : name(), providesApis: [name()], dependsOn: [`component:${name()}`] });
        }
      };
      const index = new CatalogIndex();
      const files = Array.from({ length: 12 }, (_, i) => `/f${i}.yaml`);
      for (let step = 0; step < 300; step++) {
        const target = files[random(files.length)];
        if (random(5) === 0) index.removeFile(target);
        else index.upsertFile(file(target, Array.from({ length: 1 + random(3) }, entityFor)));
        if (step % 3 !== 0) continue;
        // Ask for some files only, so that cached answers survive across edits.
        for (const f of index.files().filter(() => random(2) === 0)) index.crossFileIssuesOf(f);
        const records = index.files().flatMap(f => index.entitiesOfFile(f).map(toLite));
        const expected = checkCrossFile(records);
        for (const f of index.files()) {
          const wanted = expected.filter(i => i.file === f).map(i => `${i.documentIndex} ${i.issue.code} ${i.issue.message}`).sort();
          const actual = index.crossFileIssuesOf(f).map(i => `${i.documentIndex} ${i.issue.code} ${i.issue.message}`).sort();
          assert.deepEqual(actual, wanted, `step ${step}, ${f}`);
        }
      }
    });
  });

  describe('change events', () => {
    it('reports added, removed and updated refs and the files touched', () => {
      const index = new CatalogIndex();
      const changes = record(index);
      index.upsertFile(file('/a.yaml', [component('x'), component('y')]));
      assert.deepEqual(changes[0], { added: ['component:default/x', 'component:default/y'], removed: [], updated: [], files: ['/a.yaml'] });
      index.upsertFile(file('/a.yaml', [component('y', { lifecycle: 'deprecated' }), component('z')]));
      assert.deepEqual(changes[1].added, ['component:default/z']);
      assert.deepEqual(changes[1].removed, ['component:default/x']);
      assert.deepEqual(changes[1].updated, ['component:default/y']);
      index.upsertFile(file('/a.yaml', [component('y', { lifecycle: 'deprecated' }), component('z')]));
      assert.deepEqual(changes[2].updated, [], 'identical content is not an update');
    });

    it('marks a target updated when a relation toward it appears', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/g.yaml', [group('team-a')]));
      const changes = record(index);
      index.upsertFile(file('/a.yaml', [component('svc')]));
      assert.deepEqual(changes[0].added, ['component:default/svc']);
      assert.deepEqual(changes[0].updated, ['group:default/team-a']);
    });

    it('coalesces a batch into one event and stops after dispose', () => {
      const index = new CatalogIndex();
      const changes: CatalogChange[] = [];
      const registration = index.onDidChange(c => changes.push(c));
      index.batch(() => {
        index.upsertFile(file('/a.yaml', [component('x')]));
        index.upsertFile(file('/b.yaml', [component('y')]));
        index.removeFile('/a.yaml');
      });
      assert.equal(changes.length, 1);
      assert.deepEqual(changes[0].added, ['component:default/y']);
      assert.deepEqual(changes[0].removed, []);
      registration.dispose();
      index.upsertFile(file('/c.yaml', [component('z')]));
      assert.equal(changes.length, 1);
    });

    it('tags files by source and removes a whole source', () => {
      const index = new CatalogIndex();
      const sink = index.sinkFor('git:acme');
      sink.upsertFile(file('/r/a.yaml', [component('x')]));
      index.upsertFile(file('/w/b.yaml', [component('y')]), 'workspace');
      assert.deepEqual(index.filesOfSource('git:acme'), ['/r/a.yaml']);
      index.removeSource('git:acme');
      assert.deepEqual(index.files(), ['/w/b.yaml']);
    });
  });

  describe('search', () => {
    it('ranks exact name over prefix over substring, then title, tags, description', () => {
      const index = new CatalogIndex();
      index.upsertFile(file('/a.yaml', [
        component('my-pay'),
        component('pay-api'),
        component('pay'),
        component('checkout', {}, { title: 'Pay desk' }),
        component('ledger', {}, { tags: ['payments'] }),
        component('invoices', {}, { description: 'Sends PAY slips' }),
        component('unrelated'),
      ]));
      assert.deepEqual(index.search('PAY').map(p => p.entity.metadata.name), ['pay', 'pay-api', 'my-pay', 'checkout', 'ledger', 'invoices']);
      assert.deepEqual(index.search('pay', { limit: 2 }).map(p => p.entity.metadata.name), ['pay', 'pay-api']);
      assert.deepEqual(index.search('pay', { kinds: ['Group'] }), []);
    });
  });

  describe('snapshots', () => {
    function sample(): CatalogIndex {
      const index = new CatalogIndex();
      index.upsertFile(file('/b.yaml', [group('team-a'), user('jdoe', ['team-a'])]), 'workspace');
      index.upsertFile(file('/a.yaml', [component('svc', { owner: 'team-b' }), group('team-a')], [
        { file: '/a.yaml', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, severity: 'info', code: 'note', message: 'hi', entityRef: 'component:default/svc' },
      ]));
      return index;
    }

    it('round-trips exactly through JSON', () => {
      const index = sample();
      const snapshot = index.toSnapshot();
      const json = JSON.parse(JSON.stringify(snapshot)) as CatalogSnapshot;
      assert.deepEqual(json, snapshot);
      const restored = CatalogIndex.fromSnapshot(json);
      assert.deepEqual(restored.toSnapshot(), snapshot);
      assert.deepEqual(restored.files(), index.files());
      assert.deepEqual(restored.diagnosticsOf('/a.yaml'), index.diagnosticsOf('/a.yaml'));
      assert.deepEqual(restored.relationsOf('group:team-a'), index.relationsOf('group:team-a'));
      assert.deepEqual(restored.filesOfSource('workspace'), ['/b.yaml']);
    });

    it('refuses another version', () => {
      assert.throws(() => CatalogIndex.fromSnapshot({ version: 999, files: [] }), /version 999/);
    });

    it('writes and reads a snapshot file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-snapshot-'));
      try {
        const target = path.join(dir, 'nested', 'catalog.json');
        const snapshot = sample().toSnapshot();
        writeSnapshotFile(target, snapshot);
        assert.deepEqual(readSnapshotFile(target), snapshot);
        assert.equal(readSnapshotFile(path.join(dir, 'missing.json')), undefined);
        fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify({ version: 0, files: [] }));
        assert.equal(readSnapshotFile(path.join(dir, 'old.json')), undefined);
        assert.deepEqual(fs.readdirSync(path.join(dir, 'nested')), ['catalog.json']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
