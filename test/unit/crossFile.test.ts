import { strict as assert } from 'node:assert';
import { Entity } from '../../src/core/model/entity';
import { entityRefOf } from '../../src/core/model/ref';
import { ParsedEntity } from '../../src/core/validate/types';
import {
  boundedEditDistance,
  checkCrossFile,
  EntityRecordLite,
  KnownEntities,
  toLite,
} from '../../src/core/index/crossFile';

function parsed(file: string, documentIndex: number, entity: Entity): ParsedEntity {
  const range = { start: { line: documentIndex * 10, character: 0 }, end: { line: documentIndex * 10 + 5, character: 0 } };
  return { entity, ref: entityRefOf(entity), file, documentIndex, range, rejected: false };
}

function component(name: string, spec: Record<string, unknown> = {}, namespace?: string): Entity {
  const metadata = namespace ? { name, namespace } : { name };
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata, spec: { type: 'service', lifecycle: 'production', owner: 'team-a', ...spec } };
}

function group(name: string, namespace?: string): Entity {
  const metadata = namespace ? { name, namespace } : { name };
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata, spec: { type: 'team', children: [] } };
}

function user(name: string): Entity {
  return { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name }, spec: { memberOf: [] } };
}

const lite = (file: string, doc: number, e: Entity): EntityRecordLite => toLite(parsed(file, doc, e));

describe('crossFile', () => {
  describe('toLite', () => {
    it('keeps the parsed relation refs with their paths and skips unparseable ones', () => {
      const record = lite('/a.yaml', 2, component('Svc', { system: 'Pay', dependsOn: ['resource:db', 'no-kind'], providesApis: ['ns2/api-x'] }));
      assert.equal(record.ref, 'component:default/svc');
      assert.equal(record.name, 'Svc');
      assert.equal(record.kind, 'Component');
      assert.equal(record.documentIndex, 2);
      assert.deepEqual(record.outgoing, [
        { path: ['spec', 'owner'], targetRef: 'group:default/team-a', relation: 'ownedBy', written: 'team-a' },
        { path: ['spec', 'system'], targetRef: 'system:default/pay', relation: 'partOf', written: 'Pay' },
        { path: ['spec', 'providesApis', 0], targetRef: 'api:ns2/api-x', relation: 'providesApi', written: 'ns2/api-x' },
        { path: ['spec', 'dependsOn', 0], targetRef: 'resource:default/db', relation: 'dependsOn', written: 'resource:db' },
      ]);
    });
  });

  describe('duplicates', () => {
    it('flags each later definition, naming the first file', () => {
      const issues = checkCrossFile([
        lite('/a.yaml', 0, group('team-a')),
        lite('/b.yaml', 0, group('Team-A')),
        lite('/c.yaml', 1, group('team-a')),
      ]).filter(i => i.issue.code === 'duplicate-entity');
      assert.deepEqual(issues.map(i => i.file), ['/b.yaml', '/c.yaml']);
      assert.equal(issues[0].issue.severity, 'error');
      assert.deepEqual(issues[0].issue.path, ['metadata', 'name']);
      assert.equal(issues[1].documentIndex, 1);
      assert.match(issues[0].issue.message, /group:default\/team-a.*\/a\.yaml/);
    });

    it('flags a repeat inside one file on the later document', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, group('x')), lite('/a.yaml', 3, group('x'))]);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].documentIndex, 3);
      assert.match(issues[0].issue.message, /earlier in this file \(document 1\)/);
    });

    it('does not confuse entities that differ only in namespace or kind', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, group('x')), lite('/b.yaml', 0, group('x', 'ops')), lite('/c.yaml', 0, user('x'))]);
      assert.deepEqual(issues, []);
    });
  });

  describe('dangling refs', () => {
    it('warns on a missing target with the kind and name', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc', { owner: 'team-x' }))]);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].issue.code, 'dangling-ref');
      assert.equal(issues[0].issue.severity, 'warning');
      assert.deepEqual(issues[0].issue.path, ['spec', 'owner']);
      assert.equal(issues[0].issue.message, 'Group "team-x" is not in the catalog');
      assert.equal(issues[0].entityRef, 'component:default/svc');
    });

    it('suggests a near name of the expected kind, written as the field would', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc', { owner: 'team-x' })), lite('/b.yaml', 0, group('team-a'))]);
      assert.equal(issues[0].issue.message, 'Group "team-x" is not in the catalog; did you mean "team-a"?');
    });

    it('suggests swapped letters and other case', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc', { owner: 'Tema-A' })), lite('/b.yaml', 0, group('team-a'))]);
      assert.match(issues[0].issue.message, /did you mean "team-a"\?$/);
    });

    it('suggests an entity of another expected kind (a user as owner)', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc', { owner: 'jdoe' })), lite('/b.yaml', 0, user('jdoe'))]);
      assert.equal(issues[0].issue.message, 'Group "jdoe" is not in the catalog; did you mean "user:jdoe"?');
    });

    it('suggests the same name in another namespace', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc', { owner: 'team-a' }, 'ops')), lite('/b.yaml', 0, group('team-a'))]);
      assert.equal(issues[0].issue.message, 'Group "ops/team-a" is not in the catalog; did you mean "default/team-a"?');
    });

    it('does not suggest distant names or unexpected kinds', () => {
      const issues = checkCrossFile([
        lite('/a.yaml', 0, component('svc', { owner: 'platform' })),
        lite('/b.yaml', 0, group('payments')),
        lite('/c.yaml', 0, component('platforn')),
      ]);
      const dangling = issues.filter(i => i.entityRef === 'component:default/svc');
      assert.equal(dangling[0].issue.message, 'Group "platform" is not in the catalog');
    });

    it('shows an explicit kind and namespace as written', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc', { owner: 'group:a-team', dependsOn: ['Resource:infra/DB'] }))]);
      assert.deepEqual(issues.map(i => i.issue.message), ['Group "team-a" is not in the catalog'.replace('team-a', 'a-team'), 'Resource "infra/DB" is not in the catalog']);
    });

    it('counts extra known refs as present', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc'))], { extraKnownRefs: ['group:default/team-a'] });
      assert.deepEqual(issues, []);
    });

    it('checks every definition, duplicates too', () => {
      const issues = checkCrossFile([lite('/a.yaml', 0, component('svc')), lite('/b.yaml', 0, component('svc'))]);
      assert.deepEqual(issues.map(i => `${i.file} ${i.issue.code}`).sort(), ['/a.yaml dangling-ref', '/b.yaml dangling-ref', '/b.yaml duplicate-entity']);
    });
  });

  describe('KnownEntities', () => {
    it('adds, removes and finds near names by kind', () => {
      const known = new KnownEntities();
      known.add('group:default/team-a', 'Group');
      known.add('group:ops/team-a', 'Group');
      known.add('user:default/team-b', 'User');
      assert.deepEqual(known.near('TEAM-C', ['group'], 1).map(n => n.ref).sort(), ['group:default/team-a', 'group:ops/team-a']);
      assert.deepEqual(known.near('team-c', undefined, 1).length, 3);
      known.remove('group:ops/team-a');
      assert.equal(known.has('group:ops/team-a'), false);
      assert.deepEqual(known.near('team-c', ['Group'], 1).map(n => n.ref), ['group:default/team-a']);
      assert.equal(known.kindTitle('group'), 'Group');
    });

    it('suggests the nearest of many numbered names, ties by ref order', () => {
      const known = new KnownEntities();
      const names = Array.from({ length: 20_000 }, (_, i) => `service-${i}`);
      for (const n of names) known.add(`component:default/${n}`);
      assert.deepEqual(known.suggest('component:default/servce-4242', ['Component']), { ref: 'component:default/service-4242', distance: 1 });
      known.remove('component:default/service-4242');
      const nearest = names.filter(n => n !== 'service-4242' && boundedEditDistance('service-4242', n, 1) === 1).sort()[0];
      assert.deepEqual(known.suggest('component:default/service-4242', ['Component']), { ref: `component:default/${nearest}`, distance: 1 });
      assert.equal(known.suggest('component:default/billing', ['Component']), undefined);
    });

    it('finds exactly the names a brute-force distance finds', () => {
      const known = new KnownEntities();
      const names: string[] = [];
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let i = 0; i < 3000; i++) {
        const length = 1 + Math.floor(random() * 8);
        const name = Array.from({ length }, () => 'abcde-'[Math.floor(random() * 6)]).join('');
        names.push(name);
        known.add(`api:default/${name}`);
      }
      for (const query of ['abc', 'a-b-c', 'eeee', 'b', 'dcba-e', 'aaaaaaaa']) {
        for (const max of [1, 2, 3]) {
          const expected = [...new Set(names)].filter(n => boundedEditDistance(query, n, max) <= max).sort();
          const actual = known.near(query, ['API'], max).map(h => h.ref.slice('api:default/'.length)).sort();
          assert.deepEqual(actual, expected, `${query} within ${max}`);
          for (const h of known.near(query, ['API'], max)) {
            assert.equal(h.distance, boundedEditDistance(query, h.ref.slice('api:default/'.length), max));
          }
        }
      }
    });
  });

  describe('boundedEditDistance', () => {
    it('counts edits and swaps, and gives up past the bound', () => {
      assert.equal(boundedEditDistance('team-a', 'team-a', 2), 0);
      assert.equal(boundedEditDistance('team-a', 'team-b', 2), 1);
      assert.equal(boundedEditDistance('tema', 'team', 2), 1);
      assert.equal(boundedEditDistance('abc', 'abcde', 2), 2);
      assert.equal(boundedEditDistance('abcdef', 'uvwxyz', 2), 3);
      assert.equal(boundedEditDistance('a', 'abcdef', 2), 3);
    });
  });
});
