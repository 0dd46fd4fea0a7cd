// The catalog tree's pure parts: grouping, labels, filter, problems and tooltips,
// over a small catalog read by the real parser and validator.
import { strict as assert } from 'node:assert';
import { CatalogIndex } from '../../src/core/index/catalogIndex';
import { validateText } from '../../src/core/validate/validateFile';
import { buildGrouping, GroupBy, Grouping, isGroupId } from '../../src/extension/tree/grouping';
import { entityDescription, entityLabel, entityTooltip, escapeMarkdown, filterTerms, humanizeRef, kindIcon, matchesFilter } from '../../src/extension/tree/entityView';
import { countProblems, problemsOf, worstSeverity } from '../../src/extension/tree/problems';

const FILES: Record<string, string> = {
  '/ws/org.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
  title: Team A
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ada
spec:
  memberOf: [team-a]
`,
  '/ws/systems.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: commerce
spec:
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: shop
  title: Shop
spec:
  owner: team-a
  domain: commerce
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: lonely
spec:
  owner: team-a
`,
  '/ws/services/catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  title: Cart service
  description: Keeps carts.
  tags: [java]
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: shop
  providesApis: [cart-api]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: cart-api
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  system: shop
  definition: "openapi: 3.0.0"
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
  namespace: finance
spec:
  type: library
  lifecycle: experimental
  owner: group:default/team-a
`,
  '/ws/broken/catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ghost-owned
spec:
  type: service
  lifecycle: production
  owner: team-ghost
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bad-tags
  tags: [Java]
spec:
  type: service
  lifecycle: production
  owner: team-a
`,
};

function catalog(files: Record<string, string> = FILES): CatalogIndex {
  const index = new CatalogIndex();
  for (const [file, text] of Object.entries(files)) index.upsertFile(validateText(text, file));
  return index;
}

function group(index: CatalogIndex, by: GroupBy, filter = ''): Grouping {
  return buildGrouping(index.allEntities(), by, ref => index.get(ref), { terms: filterTerms(filter) });
}

/** The tree as text: `label (count)` for groups, refs for entities, two spaces per level. */
function render(g: Grouping, ids = g.roots(), depth = 0): string[] {
  return ids.flatMap(id => {
    const pad = '  '.repeat(depth);
    if (!isGroupId(id)) return [`${pad}${id}`];
    const node = g.group(id)!;
    return [`${pad}${node.label} (${node.count})`, ...render(g, g.childrenOf(id), depth + 1)];
  });
}

describe('catalog tree: grouping', () => {
  const index = catalog();

  it('groups by kind in the built-in order, entities sorted by label', () => {
    assert.deepEqual(render(group(index, 'kind')), [
      'Components (4)',
      '  component:default/bad-tags',
      '  component:finance/billing',
      '  component:default/cart',
      '  component:default/ghost-owned',
      'APIs (1)',
      '  api:default/cart-api',
      'Systems (2)',
      '  system:default/lonely',
      '  system:default/shop',
      'Domains (1)',
      '  domain:default/commerce',
      'Groups (1)',
      '  group:default/team-a',
      'Users (1)',
      '  user:default/ada',
    ]);
  });

  it('groups by owner, resolving short refs in the entity namespace, "No owner" last', () => {
    const g = group(index, 'owner');
    const roots = g.roots().map(id => g.group(id)!);
    assert.deepEqual(roots.map(r => [r.label, r.count, r.entityRef]), [
      ['Team A', 7, 'group:default/team-a'],
      ['team-ghost', 1, undefined],
      ['No owner', 2, undefined],
    ]);
    assert.ok(g.childrenOf(roots[0].id).includes('component:finance/billing'));
  });

  it('groups by domain and system, with buckets for systems without a domain and entities without a system', () => {
    assert.deepEqual(render(group(index, 'system')), [
      'commerce (2)',
      '  Shop (2)',
      '    component:default/cart',
      '    api:default/cart-api',
      'No domain (0)',
      '  lonely (0)',
      'Not in a system (5)',
      '  user:default/ada',
      '  component:default/bad-tags',
      '  component:finance/billing',
      '  component:default/ghost-owned',
      '  group:default/team-a',
    ]);
  });

  it('tells whether a group has children, agreeing with its children', () => {
    const g = group(index, 'system');
    const groups = (ids: string[]): string[] => ids.filter(isGroupId).flatMap(id => [id, ...groups(g.childrenOf(id))]);
    const all = groups(g.roots());
    assert.ok(all.length >= 5);
    for (const id of all) assert.equal(g.hasChildren(id), g.childrenOf(id).length > 0, id);
    const lonely = all.find(id => g.group(id)!.label === 'lonely')!;
    assert.equal(g.hasChildren(lonely), false);
    assert.equal(g.hasChildren(g.roots()[0]), true);
    assert.equal(g.hasChildren('#no-such-group'), false);
  });

  it('groups by namespace', () => {
    assert.deepEqual(group(index, 'namespace').roots().map(id => group(index, 'namespace').group(id)!.label), ['default', 'finance']);
  });

  it('knows every node\'s parent, so the view can reveal an entity', () => {
    const g = group(index, 'system');
    const shop = g.parentOf('component:default/cart')!;
    assert.equal(g.group(shop)!.entityRef, 'system:default/shop');
    assert.equal(g.group(g.parentOf(shop)!)!.entityRef, 'domain:default/commerce');
    assert.equal(g.parentOf(g.parentOf(shop)!), undefined);
  });

  it('filters on every term and drops groups left empty, counting what is shown', () => {
    const g = group(index, 'kind', 'CART');
    assert.deepEqual(render(g), ['Components (1)', '  component:default/cart', 'APIs (1)', '  api:default/cart-api']);
    assert.equal(g.shown, 2);
    assert.equal(g.total, 10);
    assert.deepEqual(render(group(index, 'kind', 'cart openapi')), ['APIs (1)', '  api:default/cart-api']);
    assert.deepEqual(render(group(index, 'kind', 'nothing-like-this')), []);
  });

  it('keeps a system whose own entity matches the filter', () => {
    assert.deepEqual(render(group(index, 'system', 'lonely')), ['No domain (0)', '  lonely (0)']);
  });

  it('tags group ids while filtering, never entity ids', () => {
    const g = buildGrouping(index.allEntities(), 'kind', ref => index.get(ref), { terms: ['cart'], idTag: '~f' });
    assert.ok(g.roots().every(id => id.endsWith('~f')));
    assert.ok(g.contains('component:default/cart'));
  });

  it('updates with the index: a new entity shows in a fresh grouping', () => {
    const live = catalog();
    live.upsertFile(validateText('apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: db\nspec:\n  type: database\n  owner: team-a\n', '/ws/db.yaml'));
    assert.deepEqual(render(group(live, 'kind', 'db')), ['Resources (1)', '  resource:default/db']);
  });
});

describe('catalog tree: labels, icons, filter', () => {
  const index = catalog();
  const cart = index.get('component:default/cart')!;

  it('labels with the title or the name, describes with type · lifecycle', () => {
    assert.equal(entityLabel(cart.entity), 'Cart service');
    assert.equal(entityLabel(index.get('api:cart-api')!.entity), 'cart-api');
    assert.equal(entityDescription(cart.entity), 'service · production');
    assert.equal(entityDescription(index.get('domain:commerce')!.entity), '');
  });

  it('maps kinds to codicons', () => {
    assert.deepEqual(['Component', 'API', 'resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template', 'Widget'].map(kindIcon), [
      'package', 'plug', 'database', 'layers', 'map', 'organization', 'person', 'location', 'notebook-template', 'symbol-misc',
    ]);
  });

  it('humanizes refs as Backstage does', () => {
    assert.equal(humanizeRef('group:default/team-a', 'group'), 'team-a');
    assert.equal(humanizeRef('user:default/ada', 'group'), 'user:ada');
    assert.equal(humanizeRef('component:finance/billing'), 'component:finance/billing');
  });

  it('matches the filter on name, title, ref, type, lifecycle, owner and tags', () => {
    for (const q of ['cart', 'Cart Service', 'component:default/c', 'service', 'production', 'team-a', 'java']) {
      assert.ok(matchesFilter(cart, filterTerms(q)), q);
    }
    assert.equal(matchesFilter(cart, filterTerms('cart library')), false);
  });

  it('escapes Markdown and icon syntax from files', () => {
    assert.equal(escapeMarkdown('a *b* $(zap) [x](y)'), 'a \\*b\\* \\$\\(zap\\) \\[x\\]\\(y\\)');
  });
});

describe('catalog tree: problems', () => {
  const index = catalog();

  it('finds a dangling owner (warning) and a bad tag (error) on their own entities only', () => {
    const ghost = problemsOf(index, index.get('component:ghost-owned')!);
    assert.deepEqual([ghost.errors, ghost.warnings, worstSeverity(ghost)], [0, 1, 'warning']);
    assert.equal(ghost.items[0].code, 'dangling-ref');
    const bad = problemsOf(index, index.get('component:bad-tags')!);
    assert.deepEqual([bad.errors, worstSeverity(bad)], [1, 'error']);
    assert.equal(bad.items[0].code, 'invalid-tag');
    assert.equal(worstSeverity(problemsOf(index, index.get('component:cart')!)), undefined);
  });

  it('counts the problems of the whole catalog', () => {
    assert.deepEqual(countProblems(index), { errors: 1, warnings: 1 });
  });

  it('writes a tooltip with title, ref, description, owner, file and problems', () => {
    const cart = index.get('component:cart')!;
    const tip = entityTooltip(cart, problemsOf(index, cart), 'services/catalog-info.yaml');
    assert.match(tip, /^\$\(package\) \*\*Cart service\*\*/);
    assert.match(tip, /`component:default\/cart`/);
    assert.match(tip, /Keeps carts\\\./);
    assert.match(tip, /Owner: team\\-a/);
    assert.match(tip, /File: services\/catalog\\-info\\\.yaml:2/);
    const ghost = index.get('component:ghost-owned')!;
    assert.match(entityTooltip(ghost, problemsOf(index, ghost), 'x.yaml'), /\$\(warning\) .*team\\-ghost/);
  });
});
