import * as assert from 'assert';
import { entityRefOf, formatRefForField, normalizeEntityRef, parseEntityRef, refsEqual, splitEntityRef, stringifyEntityRef } from '../../src/core/model/ref';

describe('entity refs', () => {
  it('parses all three parts, keeping case', () => {
    assert.deepStrictEqual(parseEntityRef('Component:Prod/My-Service'), { kind: 'Component', namespace: 'Prod', name: 'My-Service' });
  });

  it('applies the default kind and namespace of the context', () => {
    assert.deepStrictEqual(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'ops' }), { kind: 'Group', namespace: 'ops', name: 'team-a' });
    assert.deepStrictEqual(parseEntityRef('user:jane'), { kind: 'user', namespace: 'default', name: 'jane' });
  });

  it('treats a colon after the first slash as part of the name', () => {
    assert.deepStrictEqual(parseEntityRef('a/b:c', { defaultKind: 'Component' }), { kind: 'Component', namespace: 'a', name: 'b:c' });
    assert.deepStrictEqual(parseEntityRef('component:default/foo:bar'), { kind: 'component', namespace: 'default', name: 'foo:bar' });
    assert.deepStrictEqual(parseEntityRef('component:ns/a/b'), { kind: 'component', namespace: 'ns', name: 'a/b' });
  });

  it('rejects empty parts with the Backstage message', () => {
    for (const bad of [':foo', 'group:', 'ns/', 'component:/x', '']) {
      assert.throws(() => parseEntityRef(bad, { defaultKind: 'Group' }), /was not on the form \[<kind>:\]\[<namespace>\/\]<name>/, bad);
    }
  });

  it('requires a kind when the field has no default', () => {
    assert.throws(() => parseEntityRef('my-db'), /had missing or empty kind/);
    assert.deepStrictEqual(splitEntityRef('my-db'), { kind: undefined, namespace: undefined, name: 'my-db' });
  });

  it('compares case-insensitively with defaults applied', () => {
    assert.strictEqual(stringifyEntityRef({ kind: 'Component', namespace: 'Default', name: 'Foo' }), 'component:default/foo');
    assert.ok(refsEqual('Component:Default/Foo', 'component:foo'));
    assert.ok(refsEqual('team-a', 'group:default/team-a', { defaultKind: 'Group' }));
    assert.ok(!refsEqual('component:foo', 'api:foo'));
    assert.strictEqual(normalizeEntityRef('x'), undefined);
  });

  it('writes a ref the way a field expects it', () => {
    const team = { kind: 'Group', namespace: 'default', name: 'team-a' };
    assert.strictEqual(formatRefForField(team, { defaultKind: 'Group', defaultNamespace: 'default' }), 'team-a');
    assert.strictEqual(formatRefForField(team, { defaultKind: 'User', defaultNamespace: 'default' }), 'group:team-a');
    assert.strictEqual(formatRefForField(team, { defaultKind: 'Group', defaultNamespace: 'payments' }), 'default/team-a');
    assert.strictEqual(formatRefForField({ kind: 'Resource', namespace: 'ops', name: 'db' }, { defaultNamespace: 'default' }), 'resource:ops/db');
  });

  it('gives the canonical ref of an entity', () => {
    assert.strictEqual(entityRefOf({ kind: 'API', metadata: { name: 'Petstore' } }), 'api:default/petstore');
    assert.strictEqual(entityRefOf({ kind: 'API', metadata: { name: 'petstore', namespace: 'shop' } }), 'api:shop/petstore');
  });
});

describe('entity refs against @backstage/catalog-model', () => {
  const backstage = require('@backstage/catalog-model') as typeof import('@backstage/catalog-model');
  const samples = ['a', 'A:b', 'k:n/x', 'k:n/x/y', 'n/x', 'n/x:y', 'x:y:z', ':x', 'k:', 'n/', 'k:/x', '/x', 'k:n/', 'a:b/c:d', 'Group:Default/Team', 'a b', 'k::x'];
  const contexts = [{}, { defaultKind: 'Group' }, { defaultKind: 'API', defaultNamespace: 'shop' }];

  it('parses every sample as the released parseEntityRef does', () => {
    for (const ref of samples) {
      for (const context of contexts) {
        let expected: unknown;
        let actual: unknown;
        try { expected = backstage.parseEntityRef(ref, context); } catch { expected = 'throws'; }
        try { actual = parseEntityRef(ref, context); } catch { actual = 'throws'; }
        assert.deepStrictEqual(actual, expected, `${ref} ${JSON.stringify(context)}`);
        if (expected !== 'throws') assert.strictEqual(stringifyEntityRef(actual as never), backstage.stringifyEntityRef(expected as never));
      }
    }
  });
});
