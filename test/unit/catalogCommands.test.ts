// Pure parts of the catalog commands: Go to Entity rows, symbol search, the
// catalog-info.yaml skeletons (each validated by the core) and TechDocs targets.
import { strict as assert } from 'node:assert';
import { CatalogIndex } from '../../src/core/index/catalogIndex';
import { validateText } from '../../src/core/validate/validateFile';
import { entityPicks, searchEntities, symbolName } from '../../src/extension/commands/entityPicks';
import { catalogSkeleton, CREATABLE_KINDS, nameProblem } from '../../src/extension/commands/skeleton';
import { docsEntryCandidates, docsTargetOf } from '../../src/extension/commands/docsTarget';

const TEXT = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-service
  title: Orders
  annotations:
    backstage.io/techdocs-ref: dir:./docs-root
spec:
  type: service
  lifecycle: production
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  annotations:
    backstage.io/techdocs-ref: url:https://github.com/acme/payments/tree/main
spec:
  type: service
  lifecycle: production
  owner: user:ada
`;

function catalog(): CatalogIndex {
  const index = new CatalogIndex();
  index.upsertFile(validateText(TEXT, '/ws/svc/catalog-info.yaml'));
  return index;
}

describe('Go to Entity and workspace symbols', () => {
  const index = catalog();

  it('lists every entity with its kind icon, label, owner and ref, sorted by label', () => {
    assert.deepEqual(entityPicks(index.allEntities()), [
      { ref: 'component:default/orders-service', label: '$(package) Orders', description: 'team-a', detail: 'component:default/orders-service' },
      { ref: 'component:default/payments', label: '$(package) payments', description: 'user:ada', detail: 'component:default/payments' },
      { ref: 'group:default/team-a', label: '$(organization) team-a', description: '', detail: 'group:default/team-a' },
    ]);
  });

  it('finds entities by name, title and ref, best first', () => {
    const refs = (q: string) => searchEntities(index.allEntities(), q).map(e => e.ref);
    assert.deepEqual(refs('payments'), ['component:default/payments']);
    assert.deepEqual(refs('ORDERS'), ['component:default/orders-service']);
    assert.deepEqual(refs('group:default'), ['group:default/team-a']);
    assert.deepEqual(refs('ordsvc'), ['component:default/orders-service']);
    assert.deepEqual(refs('zzz'), []);
    assert.equal(refs('').length, 3);
    assert.equal(searchEntities(index.allEntities(), '', 2).length, 2);
  });

  it('names symbols by title with the name, or by name', () => {
    assert.equal(symbolName(index.get('component:orders-service')!), 'Orders (orders-service)');
    assert.equal(symbolName(index.get('component:payments')!), 'payments');
  });
});

describe('catalog-info.yaml skeletons', () => {
  for (const { kind } of CREATABLE_KINDS) {
    it(`writes ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind} the catalog accepts without a problem`, () => {
      const text = catalogSkeleton({ kind, name: 'new-thing', group: 'group:default/team-a' });
      const result = validateText(text, '/ws/new/catalog-info.yaml');
      assert.deepEqual(result.diagnostics.filter(d => d.severity !== 'info'), []);
      assert.equal(result.entities.length, 1);
      assert.equal(result.entities[0].ref, `${kind.toLowerCase()}:default/new-thing`);
      assert.equal(result.entities[0].rejected, false);
    });
  }

  it('writes the picked group as the owner, or as the group a User belongs to', () => {
    assert.match(catalogSkeleton({ kind: 'Component', name: 'x', group: 'group:default/team-a' }), /\n {2}owner: team-a\n/);
    assert.match(catalogSkeleton({ kind: 'System', name: 'x', group: 'group:ops/sre' }), /\n {2}owner: ops\/sre\n/);
    assert.match(catalogSkeleton({ kind: 'User', name: 'x', group: 'group:default/team-a' }), /\n {2}memberOf:\n {4}- team-a\n/);
  });

  it('checks names as metadata.name', () => {
    assert.equal(nameProblem('orders-service'), undefined);
    assert.ok(nameProblem('Orders Service'));
    assert.ok(nameProblem('-x'));
    assert.ok(nameProblem(''));
  });
});

describe('TechDocs targets', () => {
  const index = catalog();

  it('resolves dir: against the descriptor and keeps url: as is', () => {
    assert.deepEqual(docsTargetOf(index.get('component:orders-service')!), { type: 'dir', folder: '/ws/svc/docs-root' });
    assert.deepEqual(docsTargetOf(index.get('component:payments')!), { type: 'url', url: 'https://github.com/acme/payments/tree/main' });
    assert.equal(docsTargetOf(index.get('group:team-a')!), undefined);
  });

  it('looks for the home page before the MkDocs config', () => {
    assert.deepEqual(docsEntryCandidates('/d').slice(0, 1), ['/d/docs/index.md']);
    assert.ok(docsEntryCandidates('/d').includes('/d/mkdocs.yml'));
  });
});
