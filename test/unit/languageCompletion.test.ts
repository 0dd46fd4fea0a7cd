import * as assert from 'assert';
import { complete, CompletionResult, MAX_REF_ITEMS } from '../../src/core/language/complete';
import { LanguageHost } from '../../src/core/language/types';
import { CATALOG, catalogOf, component, cursor } from './languageKit';

function completion(host: LanguageHost, marked: string, file = '/ws/new/catalog-info.yaml'): CompletionResult | undefined {
  const { doc, pos } = cursor(file, marked);
  return complete(doc, pos, host);
}

function labels(result: CompletionResult | undefined): string[] {
  return result?.items.map(i => i.label) ?? [];
}

describe('language: catalog-aware completion', () => {
  const host = catalogOf(CATALOG);

  it('owner: te| offers Groups as written in the field (no kind), then Users with their kind, with titles', () => {
    const result = completion(host, component('  type: service\n  owner: te|\n'));
    assert.deepStrictEqual(labels(result), ['team-a', 'team-b']);
    const teamA = result!.items[0];
    assert.strictEqual(teamA.detail, 'Group · Team A');
    assert.match(teamA.documentation ?? '', /The first team\./);
    assert.deepStrictEqual(teamA.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 11 } });
    assert.deepStrictEqual(labels(completion(host, component('  owner: |\n'))), ['team-a', 'team-b', 'ops/sre', 'user:jdoe']);
  });

  it('writes the namespace only when it differs from the entity\'s own', () => {
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  namespace: ops\nspec:\n  owner: |\n';
    assert.deepStrictEqual(labels(completion(host, text)), ['sre', 'default/team-a', 'default/team-b', 'user:default/jdoe']);
  });

  it('writes the kind where the field has no default (dependsOn)', () => {
    assert.deepStrictEqual(labels(completion(host, component('  dependsOn:\n    - |\n'))), ['component:orders', 'component:web', 'resource:orders-db']);
  });

  it('completes every relation field with its target kinds', () => {
    assert.deepStrictEqual(labels(completion(host, component('  system: |\n'))), ['shop']);
    assert.deepStrictEqual(labels(completion(host, component('  providesApis:\n    - |\n'))), ['orders-api']);
    assert.deepStrictEqual(labels(completion(host, component('  subcomponentOf: ord|\n'))), ['orders']);
    const group = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: g\nspec:\n  parent: |\n  members: [|]\n';
    assert.deepStrictEqual(labels(completion(host, group.replace('[|]', '[]'))), ['team-a', 'team-b', 'ops/sre']);
    assert.deepStrictEqual(labels(completion(host, group.replace('parent: |', 'parent: x'))), ['jdoe']);
    const teamA = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  children: [|]\n';
    assert.deepStrictEqual(labels(completion(host, teamA)), ['team-b', 'ops/sre'], 'not itself');
    const user = 'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: u\nspec:\n  memberOf: [team-a, |]\n';
    assert.deepStrictEqual(labels(completion(host, user)), ['team-b', 'ops/sre'], 'refs already in the list are left out');
    const system = 'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: s\nspec:\n  domain: |\n';
    assert.deepStrictEqual(labels(completion(host, system)), []);
  });

  it('matches titles too, and says when there are more refs than it returned', () => {
    assert.deepStrictEqual(labels(completion(host, component('  system: the sh|\n'))), ['shop'], 'by title');
    assert.deepStrictEqual(labels(completion(host, component('  system: nothing|\n'))), []);
    assert.deepStrictEqual(labels(completion(host, component('  system: sho|\n'))), ['shop']);
    const many: Record<string, string> = {};
    for (let i = 0; i < MAX_REF_ITEMS + 5; i++) many[`/ws/g${i}.yaml`] = `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: g${i}\nspec:\n  type: team\n  children: []\n`;
    const big = completion(catalogOf(many), component('  owner: g|\n'));
    assert.strictEqual(big?.items.length, MAX_REF_ITEMS);
    assert.strictEqual(big?.isIncomplete, true);
  });

  it('returns the best refs in order from thousands of candidates', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) many[`/ws/c${i}.yaml`] = `apiVersion: backstage.io/v1alpha1\nkind: ${i % 2 ? 'Component' : 'Resource'}\nmetadata:\n  name: n${(i * 7919) % 1000}\nspec:\n  type: x\n  owner: o\n${i % 2 ? '  lifecycle: x\n' : ''}`;
    const result = completion(catalogOf(many), component('  dependsOn:\n    - |\n'));
    const expected = Object.values(many).map(t => `${/kind: (\w+)/.exec(t)![1].toLowerCase()}:${/name: (\w+)/.exec(t)![1]}`).sort().slice(0, MAX_REF_ITEMS);
    assert.deepStrictEqual(labels(result), expected);
    assert.strictEqual(result?.isIncomplete, true);
  });

  it('inserts a blank before a value completed right after the colon', () => {
    const result = completion(host, component('  system:|\n'));
    assert.strictEqual(result?.items[0].insertText, ' shop');
  });

  it('offers kinds and the apiVersions of the kind', () => {
    assert.ok(labels(completion(host, 'apiVersion: x\nkind: |\n')).includes('Template'));
    assert.deepStrictEqual(labels(completion(host, 'apiVersion: |\nkind: Template\n')), ['scaffolder.backstage.io/v1beta3']);
    assert.deepStrictEqual(labels(completion(host, 'apiVersion: |\nkind: Group\n')), ['backstage.io/v1alpha1', 'backstage.io/v1beta1']);
  });

  it('offers the missing keys of a mapping, required ones first', () => {
    const result = completion(host, component('  type: service\n  |\n'));
    assert.deepStrictEqual(labels(result).slice(0, 2), ['lifecycle', 'owner']);
    assert.ok(!labels(result).includes('type'), 'keys already written are left out');
    assert.strictEqual(result!.items[0].detail, 'required');
    assert.strictEqual(result!.items.find(i => i.label === 'providesApis')?.insertText, 'providesApis:\n    - $0');
    assert.deepStrictEqual(labels(completion(host, 'apiVersion: x\nkind: Component\n|')), ['metadata', 'spec']);
    const metadata = labels(completion(host, component('  type: x\n', '  |\n')));
    assert.ok(metadata.includes('title') && !metadata.includes('name') && !metadata.includes('uid'), metadata.join(', '));
  });

  it('offers known spec.type and lifecycle values: the schema\'s, then those the catalog uses', () => {
    const types = completion(host, component('  type: |\n'));
    assert.deepStrictEqual(labels(types), ['service', 'website', 'library']);
    assert.strictEqual(types!.items[0].detail, 'used by 1 entity');
    assert.deepStrictEqual(labels(completion(host, component('  lifecycle: |\n'))), ['experimental', 'production', 'deprecated']);
  });

  it('offers well-known annotation keys and tags used in the catalog', () => {
    const keys = labels(completion(host, component('  type: x\n', '  annotations:\n    backstage.io/techdocs-ref: dir:.\n    |\n')));
    assert.ok(keys.includes('github.com/project-slug'));
    assert.ok(!keys.includes('backstage.io/techdocs-ref'));
    assert.deepStrictEqual(labels(completion(host, component('  type: x\n', '  tags:\n    - |\n'))), ['java', 'web']);
  });

  it('offers dir: paths for techdocs-ref, folders with mkdocs.yml first', () => {
    const at = (value: string) => completion(host, `${component('  type: x\n', `  annotations:\n    backstage.io/techdocs-ref: ${value}\n`)}`, '/ws/catalog-info.yaml');
    assert.deepStrictEqual(labels(at('|')), ['dir:.', 'url:', 'dir:./docs', 'dir:./web']);
    assert.deepStrictEqual(labels(at('dir:./docs/|')), ['dir:./docs/docs']);
  });

  it('leaves other places to the schema completer', () => {
    assert.strictEqual(completion(host, component('  type: x\n', '  description: a b|\n')), undefined);
  });
});
