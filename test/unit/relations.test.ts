import * as assert from 'assert';
import { Entity } from '../../src/core/model/entity';
import { outgoingRefs, RELATION_PAIRS, relationsOf } from '../../src/core/model/relations';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'shop' },
  spec: {
    type: 'service', lifecycle: 'production', owner: 'team-a', system: 'default/commerce', subcomponentOf: 'storefront',
    providesApis: ['checkout-api'], consumesApis: ['api:payments/charge'], dependsOn: ['resource:db', 'component:cart'], dependencyOf: ['component:web'],
  },
};

describe('relations', () => {
  it('emits every relation field with its default kind and the entity namespace', () => {
    const byType = relationsOf(component).map(r => `${r.type} ${r.targetRef}`).sort();
    assert.deepStrictEqual(byType, [
      'consumesApi api:payments/charge',
      'dependencyOf component:shop/web',
      'dependsOn component:shop/cart',
      'dependsOn resource:shop/db',
      'ownedBy group:shop/team-a',
      'partOf component:shop/storefront',
      'partOf system:default/commerce',
      'providesApi api:shop/checkout-api',
    ]);
  });

  it('covers Group, User, System and Domain fields', () => {
    const group: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: { type: 'team', parent: 'root', children: ['c1'], members: ['u1'] } };
    const user: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'u1' }, spec: { memberOf: ['g'] } };
    const system: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 's' }, spec: { owner: 'user:u1', domain: 'd' } };
    const domain: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Domain', metadata: { name: 'd' }, spec: { owner: 'g', subdomainOf: 'top' } };
    const all = [group, user, system, domain].flatMap(relationsOf).map(r => `${r.type} ${r.targetRef}`);
    assert.deepStrictEqual(all, [
      'childOf group:default/root', 'parentOf group:default/c1', 'hasMember user:default/u1',
      'memberOf group:default/g',
      'ownedBy user:default/u1', 'partOf domain:default/d',
      'ownedBy group:default/g', 'partOf domain:default/top',
    ]);
  });

  it('reports refs that do not parse, with their path', () => {
    const bad: Entity = { ...component, spec: { ...component.spec, dependsOn: ['db'] } };
    const broken = outgoingRefs(bad).filter(r => r.error);
    assert.strictEqual(broken.length, 1);
    assert.deepStrictEqual(broken[0].path, ['spec', 'dependsOn', 0]);
    assert.match(broken[0].error!, /missing or empty kind/);
  });

  it('pairs every relation type with its reverse', () => {
    for (const [type, reverse] of Object.entries(RELATION_PAIRS)) assert.strictEqual(RELATION_PAIRS[reverse], type);
  });
});
