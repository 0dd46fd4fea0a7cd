import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fileText, generateCatalog, GeneratedCatalog, kindCounts, writeCatalog } from '../../bench/generate';
import { runReference } from '../../bench/reference';
import { Entity } from '../../src/core/model/entity';
import { parseEntityRef, stringifyEntityRef } from '../../src/core/model/ref';

/** Ref-holding spec fields and their default kind (undefined: the kind must be explicit). */
const REF_FIELDS: [string, string | undefined][] = [
  ['owner', 'Group'], ['system', 'System'], ['subcomponentOf', 'Component'], ['providesApis', 'API'],
  ['consumesApis', 'API'], ['dependsOn', undefined], ['domain', 'Domain'], ['subdomainOf', 'Domain'],
  ['parent', 'Group'], ['children', 'Group'], ['members', 'User'], ['memberOf', 'Group'],
];

function entitiesOf(catalog: GeneratedCatalog): Entity[] {
  return catalog.files.flatMap((f) => f.entities);
}

function refOf(entity: Entity): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name });
}

/** Every ref an entity's spec holds, resolved to canonical form. */
function refsFrom(entity: Entity): string[] {
  const out: string[] = [];
  for (const [field, defaultKind] of REF_FIELDS) {
    const value = entity.spec?.[field];
    if (value === undefined) continue;
    for (const ref of ([] as unknown[]).concat(value)) {
      assert.equal(typeof ref, 'string', `${refOf(entity)} ${field}`);
      out.push(stringifyEntityRef(parseEntityRef(ref as string, { defaultKind, defaultNamespace: entity.metadata.namespace })));
    }
  }
  return out;
}

describe('bench catalog generator', () => {
  const catalog = generateCatalog({ count: 300, seed: 7 });

  it('is deterministic for a seed and varies with it', () => {
    const again = generateCatalog({ count: 300, seed: 7 });
    assert.deepEqual(again.files.map(fileText), catalog.files.map(fileText));
    const other = generateCatalog({ count: 300, seed: 8 });
    assert.notDeepEqual(other.files.map(fileText), catalog.files.map(fileText));
  });

  it('writes the requested number of entities, ten per file, in the kind mix', () => {
    const entities = entitiesOf(catalog);
    assert.equal(entities.length, 300);
    assert.equal(catalog.files.length, 30);
    assert.ok(catalog.files.every((f) => f.entities.length === 10));
    const counted: Record<string, number> = {};
    for (const e of entities) counted[e.kind] = (counted[e.kind] ?? 0) + 1;
    assert.deepEqual(counted, { ...kindCounts(300) });
    assert.equal(new Set(entities.map(refOf)).size, 300, 'entity refs are unique');
  });

  it('only holds refs that resolve to generated entities', () => {
    const entities = entitiesOf(catalog);
    const known = new Set(entities.map(refOf));
    const refs = entities.flatMap(refsFrom);
    assert.ok(refs.length > 600, `expected a dense graph, got ${refs.length} refs`);
    assert.deepEqual(refs.filter((r) => !known.has(r)), []);
  });

  it('gives dependsOn refs an explicit kind', () => {
    const deps = entitiesOf(catalog).flatMap((e) => (e.spec?.dependsOn as string[] | undefined) ?? []);
    assert.ok(deps.length > 0);
    assert.ok(deps.every((d) => /^(component|resource):/.test(d)), deps.find((d) => !/^(component|resource):/.test(d)));
  });

  it('emits YAML that parses back to the same entities', () => {
    for (const file of catalog.files) {
      const docs = parseAllDocuments(fileText(file));
      assert.deepEqual(docs.map((d) => d.errors), file.entities.map(() => []), file.path);
      assert.deepEqual(docs.map((d) => d.toJS() as unknown), file.entities, file.path);
    }
  });

  it('passes the released Backstage validators', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-gen-'));
    try {
      writeCatalog({ count: 120, outDir: dir, seed: 3 });
      const result = await runReference(dir);
      assert.equal(result.entities, 120);
      assert.deepEqual(result.sampleErrors, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
