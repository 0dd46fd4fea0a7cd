import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CatalogIndex, locatorFromText } from '../../src/core/index/catalogIndex';
import { FileSystemSource } from '../../src/core/sources/fileSystemSource';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';
import { layoutGraph, neighbourhood } from '../../src/extension/entityPage/graph';
import { contentSecurityPolicy, entityPageHtml } from '../../src/extension/entityPage/html';
import { DEFAULT_KIND_ICON, KIND_ICONS } from '../../src/extension/entityPage/kindIcons';
import { buildEntityPageState, describeRef } from '../../src/extension/entityPage/state';
import type { EntityView, GraphView } from '../../webview-ui/protocol';
import { parseSavedState, parseWebviewMessage } from '../../webview-ui/protocol';

const FIXTURES = path.resolve(__dirname, '../fixtures/workspace/entity-page');
const WEB = 'component:default/storefront-web';

async function fixtureIndex(): Promise<CatalogIndex> {
  // As the extension builds it: cross-file problems placed on their exact node.
  const index = new CatalogIndex({ locate: locatorFromText(f => fs.readFileSync(f, 'utf8')) });
  await new FileSystemSource(nodeFileSystemHost, [FIXTURES]).load(index);
  return index;
}

function entityPage(index: CatalogIndex, ref: string, depth: 1 | 2 | 3 = 1): EntityView {
  const state = buildEntityPageState(index, ref, depth, { describeFile: f => path.relative(FIXTURES, f) });
  assert.equal(state.status, 'entity');
  return state as EntityView;
}

function nodeRefs(graph: GraphView): string[] {
  return graph.nodes.map(n => n.ref).sort();
}

describe('entity page state', () => {
  let index: CatalogIndex;
  before(async () => {
    index = await fixtureIndex();
  });

  describe('header and About', () => {
    it('shows kind, title, ref, type, lifecycle and tags', () => {
      const page = entityPage(index, 'Component:default/Storefront-Web');
      assert.equal(page.ref, WEB);
      assert.equal(page.kind, 'Component');
      assert.equal(page.title, 'Storefront Web');
      assert.equal(page.icon, 'package');
      assert.equal(page.type, 'website');
      assert.equal(page.lifecycle, 'production');
      assert.deepEqual(page.tags, ['typescript', 'react', 'web']);
      assert.match(page.description ?? '', /^The web shop/);
      assert.equal(page.rejected, false);
    });

    it('names owner and system from the relations, and the domain through the system', () => {
      const page = entityPage(index, WEB);
      const rows = Object.fromEntries(page.about.map(r => [r.label, r]));
      assert.deepEqual(Object.keys(rows), ['Owner', 'System', 'Domain']);
      assert.deepEqual(rows.Owner.targets, [{ ref: 'group:default/web-team', kind: 'Group', label: 'Web Team', icon: 'organization', exists: true }]);
      assert.equal(rows.System.targets[0].label, 'Storefront');
      assert.equal(rows.Domain.targets[0].ref, 'domain:default/commerce');
      assert.equal(rows.Domain.via?.ref, 'system:default/storefront');
    });

    it('gives a system its own domain, without a "via"', () => {
      const rows = entityPage(index, 'system:default/storefront').about;
      const domain = rows.find(r => r.label === 'Domain');
      assert.equal(domain?.targets[0].ref, 'domain:default/commerce');
      assert.equal(domain?.via, undefined);
    });

    it('shows a user by display name with the profile e-mail', () => {
      const page = entityPage(index, 'user:default/ada');
      assert.equal(page.title, 'Ada Lovelace');
      assert.deepEqual(page.fields, [{ key: 'E-mail', value: 'ada@example.com' }]);
    });

    it('lists links with codicons, annotations and labels', () => {
      const page = entityPage(index, WEB);
      assert.deepEqual(page.links, [
        { url: 'https://grafana.example.com/d/storefront-web', title: 'Dashboard', icon: 'dashboard' },
        { url: 'https://runbooks.example.com/storefront-web', title: 'Runbook', icon: 'book' },
      ]);
      assert.deepEqual(page.annotations.map(a => a.key), ['github.com/project-slug', 'backstage.io/techdocs-ref']);
      assert.deepEqual(page.labels, [{ key: 'example.com/tier', value: '1' }]);
    });

    it('points at the source file and the entity line', () => {
      const page = entityPage(index, WEB);
      assert.equal(page.source.path, 'shop.yaml');
      assert.equal(page.source.line, index.get(WEB)?.range.start.line);
    });
  });

  describe('relations', () => {
    it('groups relations by type in Backstage order with Backstage titles', () => {
      const page = entityPage(index, WEB);
      assert.deepEqual(
        page.relations.map(g => [g.type, g.title, g.targets.map(t => t.ref)]),
        [
          ['ownedBy', 'owned by', ['group:default/web-team']],
          ['partOf', 'part of', ['system:default/storefront']],
          ['consumesApi', 'consumes API', ['api:default/cart-api']],
          ['dependsOn', 'depends on', ['component:default/cart-service', 'resource:default/legacy-cache']],
        ],
      );
    });

    it('includes relations declared toward the entity', () => {
      const page = entityPage(index, 'group:default/web-team');
      const titles = page.relations.map(g => g.title);
      assert.ok(titles.includes('owner of'));
      assert.ok(titles.includes('has member'));
      const members = page.relations.find(g => g.type === 'hasMember')?.targets.map(t => t.label);
      assert.deepEqual(members, ['Ada Lovelace', 'Grace Hopper']);
    });

    it('marks a dangling target as missing, with a kind and a name from its ref', () => {
      const missing = entityPage(index, WEB).relations.flatMap(g => g.targets).find(t => !t.exists);
      assert.deepEqual(missing, { ref: 'resource:default/legacy-cache', kind: 'Resource', label: 'legacy-cache', icon: 'database', exists: false });
    });
  });

  describe('problems', () => {
    it('lists only the problems of this entity, with their ranges', () => {
      const page = entityPage(index, WEB);
      assert.deepEqual(page.problems.map(p => [p.severity, p.code]), [['warning', 'dangling-ref']]);
      const text = fs.readFileSync(path.join(FIXTURES, 'shop.yaml'), 'utf8');
      assert.match(text.split('\n')[page.problems[0].range.start.line], /legacy-cache/);
      assert.deepEqual(entityPage(index, 'component:default/cart-service').problems, []);
    });
  });

  describe('relations graph', () => {
    it('holds the direct neighbours at depth 1, drawn in Backstage directions with relation titles', () => {
      const graph = entityPage(index, WEB, 1).graph;
      assert.equal(graph.depth, 1);
      assert.deepEqual(nodeRefs(graph), [
        'api:default/cart-api',
        'component:default/cart-service',
        WEB,
        'group:default/web-team',
        'resource:default/legacy-cache',
        'system:default/storefront',
      ]);
      const edges = graph.edges.map(e => `${e.from} -${e.title}-> ${e.to}`).sort();
      assert.deepEqual(edges, [
        `${WEB} -consumes API-> api:default/cart-api`,
        `${WEB} -depends on-> component:default/cart-service`,
        `${WEB} -depends on-> resource:default/legacy-cache`,
        `group:default/web-team -owner of-> ${WEB}`,
        `system:default/storefront -has part-> ${WEB}`,
      ]);
      const current = graph.nodes.filter(n => n.current);
      assert.deepEqual(current.map(n => n.ref), [WEB]);
      const missing = graph.nodes.find(n => n.ref === 'resource:default/legacy-cache');
      assert.equal(missing?.exists, false);
      assert.equal(missing?.detail, 'Resource · missing');
      assert.equal(graph.nodes.find(n => n.current)?.detail, 'Component');
    });

    it('grows hop by hop up to depth 3', () => {
      const [one, two, three] = ([1, 2, 3] as const).map(d => entityPage(index, WEB, d).graph);
      assert.ok(nodeRefs(two).includes('resource:default/cart-db'), 'cart-db is two hops away');
      assert.ok(nodeRefs(two).includes('domain:default/commerce'), 'the domain is two hops away');
      assert.ok(!nodeRefs(one).includes('resource:default/cart-db'));
      assert.ok(nodeRefs(one).every(r => nodeRefs(two).includes(r)));
      assert.ok(nodeRefs(two).every(r => nodeRefs(three).includes(r)));
      const distances = new Map(three.nodes.map(n => [n.ref, n.distance]));
      assert.equal(distances.get(WEB), 0);
      assert.equal(distances.get('api:default/cart-api'), 1);
      assert.equal(distances.get('resource:default/cart-db'), 2);
      assert.equal(three.nodes.length, index.size + 1, 'every entity and the dangling one');
    });

    it('draws each pair of relations once and never walks through a missing entity', () => {
      const hood = neighbourhood(index, 'group:default/web-team', 3);
      const keys = hood.edges.map(e => `${e.from} ${e.to}`);
      assert.equal(new Set(keys).size, keys.length, 'one edge per related pair');
      assert.ok(hood.edges.every(e => ['ownerOf', 'hasPart', 'consumesApi', 'apiProvidedBy', 'dependsOn', 'hasMember', 'parentOf'].includes(e.type)));
      assert.ok(!hood.edges.some(e => e.from === 'resource:default/legacy-cache'));
    });

    it('stops at the node limit and says so', () => {
      const hood = neighbourhood(index, 'group:default/web-team', 3, 4);
      assert.equal(hood.distance.size, 4);
      assert.equal(hood.truncated, true);
      assert.ok(hood.edges.every(e => hood.distance.has(e.from) && hood.distance.has(e.to)));
    });

    it('lays out inside its box, left to right, without overlapping nodes', () => {
      for (const depth of [1, 2, 3] as const) {
        const graph = entityPage(index, WEB, depth).graph;
        assertLayoutSane(graph);
      }
    });

    it('names a namespace other than the default one under the node label', () => {
      const view = { ref: 'api:payments/payments-api', kind: 'API', label: 'Payments API', icon: 'plug', exists: true };
      const node = layoutGraph([{ view, distance: 0 }], [], view.ref, 1, false).nodes[0];
      assert.equal(node.detail, 'API · payments');
    });

    it('lays out a lone entity', () => {
      const view = describeRef(index, WEB);
      const graph = layoutGraph([{ view, distance: 0 }], [], WEB, 1, false);
      assert.equal(graph.nodes.length, 1);
      assert.ok(graph.width >= graph.nodes[0].width && graph.height >= graph.nodes[0].height);
    });

    it('keeps the previous layout while the graph is the same, and lays out again when it changes', async () => {
      const local = await fixtureIndex();
      const first = buildEntityPageState(local, WEB, 2) as EntityView;
      const again = buildEntityPageState(local, WEB, 2, { previous: first }) as EntityView;
      assert.strictEqual(again.graph, first.graph);
      const deeper = buildEntityPageState(local, WEB, 3, { previous: first }) as EntityView;
      assert.notStrictEqual(deeper.graph, first.graph);
      const file = path.join(FIXTURES, 'shop.yaml');
      const result = local.fileResult(file);
      assert.ok(result);
      const renamed = result.entities.map(p =>
        p.ref === 'api:default/cart-api' ? { ...p, entity: { ...p.entity, metadata: { ...p.entity.metadata, title: 'Basket API' } } } : p,
      );
      local.upsertFile({ ...result, entities: renamed });
      const relabelled = buildEntityPageState(local, WEB, 2, { previous: first }) as EntityView;
      assert.notStrictEqual(relabelled.graph, first.graph);
      assert.equal(relabelled.graph.nodes.find(n => n.ref === 'api:default/cart-api')?.label, 'Basket API');
    });

    it('cuts long labels to the node width', () => {
      const view = { ...describeRef(index, WEB), label: 'A really very long entity title that cannot fit in one graph node' };
      const node = layoutGraph([{ view, distance: 0 }], [], WEB, 1, false).nodes[0];
      assert.ok(node.shortLabel.endsWith('…'));
      assert.ok(node.shortLabel.length < view.label.length);
      assert.equal(node.label, view.label);
    });
  });

  describe('deleted and unknown entities', () => {
    it('keeps the title and file of a deleted entity from the previous state', async () => {
      const local = await fixtureIndex();
      const before = buildEntityPageState(local, WEB, 1);
      local.removeFile(path.join(FIXTURES, 'shop.yaml'));
      const after = buildEntityPageState(local, WEB, 1, { previous: before });
      assert.equal(after.status, 'missing');
      assert.equal(after.status === 'missing' && after.title, 'Storefront Web');
      assert.equal(after.status === 'missing' && after.lastSource?.path, path.join(FIXTURES, 'shop.yaml'));
      // Still deleted on the next update: the file is remembered through the missing state.
      const again = buildEntityPageState(local, WEB, 1, { previous: after });
      assert.deepEqual(again, after);
    });

    it('describes an entity it never saw from its ref alone', () => {
      const state = buildEntityPageState(new CatalogIndex(), 'api:default/nowhere', 1);
      assert.deepEqual(state, { status: 'missing', ref: 'api:default/nowhere', kind: 'API', title: 'nowhere', icon: 'plug' });
    });
  });
});

describe('entity page protocol', () => {
  it('accepts well-formed webview messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openEntity', ref: WEB }), { type: 'openEntity', ref: WEB });
    assert.deepEqual(parseWebviewMessage({ type: 'setDepth', depth: 3 }), { type: 'setDepth', depth: 3 });
    const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
    assert.deepEqual(parseWebviewMessage({ type: 'openSource', range, extra: 1 }), { type: 'openSource', range });
    const drawn = { status: 'entity', heading: 'Storefront Web', graphNodes: 6 };
    assert.deepEqual(parseWebviewMessage({ type: 'rendered', revision: 2, drawn }), { type: 'rendered', revision: 2, drawn });
  });

  it('refuses malformed ones', () => {
    for (const bad of [null, 'ready', { type: 'nope' }, { type: 'setDepth', depth: 4 }, { type: 'openEntity' }, { type: 'openSource', range: { start: { line: -1, character: 0 }, end: {} } }, { type: 'rendered', revision: 1 }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('reads the saved state back, defaulting the depth', () => {
    assert.deepEqual(parseSavedState({ ref: WEB, depth: 2 }), { ref: WEB, depth: 2 });
    assert.deepEqual(parseSavedState({ ref: WEB, depth: 9 }), { ref: WEB, depth: 1 });
    assert.equal(parseSavedState({}), undefined);
  });
});

describe('entity page HTML', () => {
  it('has a strict CSP: nothing by default, nonce scripts, no inline styles', () => {
    const csp = contentSecurityPolicy('https://cdn.example', 'abc');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https:(?!\/\/cdn)/);
    const html = entityPageHtml({ cspSource: 'https://cdn.example', script: 's.js', stylesheet: 'p.css', codicons: 'c.css' }, '<b>"x"</b>', 'abc');
    assert.match(html, /<script nonce="abc" src="s.js"><\/script>/);
    assert.match(html, /id="vscode-codicon-stylesheet"/);
    assert.ok(!html.includes('<b>'), 'the title is escaped');
  });

  it('has a tab icon for every kind icon', () => {
    const { TAB_ICONS } = require('../../webview-ui/build.js') as { TAB_ICONS: string[] };
    assert.deepEqual([...new Set([...Object.values(KIND_ICONS), DEFAULT_KIND_ICON])].sort(), [...TAB_ICONS].sort());
  });
});

/** Nodes inside the box and apart; edges leave their source and reach their target, left to right. */
function assertLayoutSane(graph: GraphView): void {
  const byRef = new Map(graph.nodes.map(n => [n.ref, n]));
  for (const n of graph.nodes) {
    assert.ok(n.x - n.width / 2 >= 0 && n.x + n.width / 2 <= graph.width + 0.5, `${n.ref} inside horizontally`);
    assert.ok(n.y - n.height / 2 >= 0 && n.y + n.height / 2 <= graph.height + 0.5, `${n.ref} inside vertically`);
  }
  for (const [i, a] of graph.nodes.entries()) {
    for (const b of graph.nodes.slice(i + 1)) {
      const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
      assert.ok(apart, `${a.ref} and ${b.ref} overlap`);
    }
  }
  for (const e of graph.edges) {
    const from = byRef.get(e.from);
    const to = byRef.get(e.to);
    assert.ok(from && to, `edge ${e.from} -> ${e.to} joins two nodes`);
    assert.ok(e.points.length >= 2, 'an edge has a path');
    const first = e.points[0];
    const last = e.points[e.points.length - 1];
    assert.ok(Math.abs(first.x - from.x) <= from.width / 2 + 1 && Math.abs(first.y - from.y) <= from.height / 2 + 1, `${e.from} -> ${e.to} starts at its source`);
    assert.ok(Math.abs(last.x - to.x) <= to.width / 2 + 1 && Math.abs(last.y - to.y) <= to.height / 2 + 1, `${e.from} -> ${e.to} ends at its target`);
    assert.ok(e.labelX > 0 && e.labelX < graph.width && e.labelY > 0 && e.labelY < graph.height, 'label inside the box');
  }
}
