import * as assert from 'assert';
import { hover } from '../../src/core/language/hover';
import { definition, prepareRename, references, rename } from '../../src/core/language/refs';
import { WorkspaceEdits } from '../../src/core/language/types';
import { CATALOG, catalogOf, component, cursor } from './languageKit';

/** Applies edits to the catalog's texts. */
function applied(edits: WorkspaceEdits): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, list] of Object.entries(edits)) {
    const lines = CATALOG[file].split('\n');
    for (const e of [...list].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
      const line = lines[e.range.start.line];
      lines[e.range.start.line] = line.slice(0, e.range.start.character) + e.newText + line.slice(e.range.end.character);
    }
    out[file] = lines.join('\n');
  }
  return out;
}

/** The marked position inside a catalog file: `needle` with `|` where the cursor is. */
function inCatalog(file: string, needle: string) {
  const plain = needle.replace('|', '');
  const at = CATALOG[file].indexOf(plain);
  assert.ok(at >= 0, `${plain} is in ${file}`);
  return cursor(file, CATALOG[file].slice(0, at) + needle + CATALOG[file].slice(at + plain.length));
}

describe('language: hover, definition, references, rename', () => {
  const host = catalogOf(CATALOG);

  it('hovers a ref with the target\'s card: kind, title, ref, description, owner, lifecycle, file', () => {
    const { doc, pos } = cursor('/ws/x.yaml', component('  providesApis: [orders-a|pi]\n'));
    const result = hover(doc, pos, host);
    assert.ok(result);
    assert.strictEqual(result.markdown, '**Orders API** · API `api:default/orders-api`\n\nPlaces orders\\.\n\nowner `team-a` · lifecycle `production` · type `openapi` · system `shop`\n\nDefined in `shop.yaml:9`'.replace('\\.', '.'));
    assert.deepStrictEqual(result.range, { start: { line: 5, character: 17 }, end: { line: 5, character: 27 } });
  });

  it('hovers a dangling ref with what is missing', () => {
    const { doc, pos } = cursor('/ws/x.yaml', component('  owner: ghost|\n'));
    assert.match(hover(doc, pos, host)?.markdown ?? '', /ghost\*\* is not in the catalog \(`group:default\/ghost`\)/);
  });

  it('hovers a key with its schema documentation, and annotation keys with their meaning', () => {
    const { doc, pos } = cursor('/ws/x.yaml', component('  own|er: team-a\n'));
    const text = hover(doc, pos, host)?.markdown ?? '';
    assert.match(text, /^\*\*spec\.owner\*\*\n\nEntity reference to the owner, a Group or a User/);
    assert.match(text, /Entity ref to Group or User; the kind may be left out for Group\./);
    const annotation = cursor('/ws/x.yaml', component('  type: x\n', '  annotations:\n    backstage.io/techdocs-r|ef: dir:.\n'));
    assert.match(hover(annotation.doc, annotation.pos, host)?.markdown ?? '', /Where the TechDocs live/);
  });

  it('goes from a ref to the line of the target\'s metadata.name, whatever the ref\'s form', () => {
    for (const written of ['group:default/team-a', 'team-a', '"team-a"', 'Group:Team-A']) {
      const { doc, pos } = cursor('/ws/x.yaml', component(`  owner: ${written.slice(0, 3)}|${written.slice(3)}\n`));
      assert.deepStrictEqual(definition(doc, pos, host), [{ file: '/ws/org.yaml', range: { start: { line: 3, character: 8 }, end: { line: 3, character: 14 } } }], written);
    }
    const { doc, pos } = cursor('/ws/x.yaml', component('  owner: gho|st\n'));
    assert.deepStrictEqual(definition(doc, pos, host), []);
  });

  it('finds every ref to an entity from its metadata.name, across files and ref forms', () => {
    const { doc, pos } = inCatalog('/ws/org.yaml', 'name: team|-a');
    const found = references(doc, pos, host, true).map(l => `${l.file}:${l.range.start.line}:${l.range.start.character}`);
    assert.deepStrictEqual(found, ['/ws/org.yaml:3:8', '/ws/org.yaml:32:13', '/ws/shop.yaml:6:9', '/ws/shop.yaml:17:9', '/ws/shop.yaml:37:9', '/ws/web/catalog-info.yaml:7:9']);
    assert.strictEqual(references(doc, pos, host, false).length, 5);
  });

  it('renames an entity and every ref to it, keeping each ref\'s kind, namespace and quotes', () => {
    const { doc, pos } = inCatalog('/ws/org.yaml', 'name: team|-a');
    assert.deepStrictEqual(prepareRename(doc, pos, host), { range: { start: { line: 3, character: 8 }, end: { line: 3, character: 14 } }, placeholder: 'team-a' });
    const edits = rename(doc, pos, 'team-alpha', host);
    assert.ok(!('error' in edits));
    const files = applied(edits);
    assert.deepStrictEqual(Object.keys(files).sort(), ['/ws/org.yaml', '/ws/shop.yaml', '/ws/web/catalog-info.yaml']);
    assert.match(files['/ws/org.yaml'], /name: team-alpha\n {2}title: Team A/);
    assert.match(files['/ws/org.yaml'], /memberOf: \[team-alpha\]/);
    assert.match(files['/ws/shop.yaml'], /owner: group:default\/team-alpha\n/);
    assert.strictEqual((files['/ws/shop.yaml'].match(/owner: team-alpha\n/g) ?? []).length, 2);
    assert.match(files['/ws/web/catalog-info.yaml'], /owner: "team-alpha"/);
  });

  it('renames from a ref too, and refuses invalid or taken names', () => {
    const { doc, pos } = inCatalog('/ws/shop.yaml', 'system: sh|op');
    const edits = rename(doc, pos, 'store', host);
    assert.ok(!('error' in edits));
    assert.deepStrictEqual(Object.keys(edits).sort(), ['/ws/shop.yaml']);
    assert.strictEqual(edits['/ws/shop.yaml'].length, 3, 'the name and two refs');
    assert.match(String((rename(doc, pos, 'Not Valid!', host) as { error: string }).error), /not a valid entity name/);
    const team = inCatalog('/ws/org.yaml', 'name: team|-a');
    assert.match(String((rename(team.doc, team.pos, 'team-b', host) as { error: string }).error), /group:default\/team-b already exists/);
  });
});
