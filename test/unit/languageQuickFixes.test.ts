import * as assert from 'assert';
import { quickFixes } from '../../src/core/language/codeActions';
import { documentLinks } from '../../src/core/language/documentLinks';
import { TextEdit } from '../../src/core/language/types';
import { validateText } from '../../src/core/validate/validateFile';
import { CATALOG, catalogOf, component, edit, TestHost } from './languageKit';

/** A text with edits applied (bottom-up, so ranges stay valid). */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: TextEdit['range']['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/** Puts a file into the catalog and returns its diagnostics, cross-file ones included. */
function withFile(host: TestHost, file: string, text: string) {
  edit(host, file, text);
  return { doc: { file, text }, diagnostics: host.index.diagnosticsOf(file) };
}

describe('language: quick fixes and document links', () => {
  it('replaces a dangling ref with the suggested one, and a tag with its lower-case form', () => {
    const host = catalogOf(CATALOG);
    const { doc, diagnostics } = withFile(host, '/ws/x.yaml', component('  type: service\n  lifecycle: production\n  owner: team-aa\n', '  tags: [Java]\n'));
    const fixes = quickFixes(doc, diagnostics, host);
    const replace = fixes.find(f => f.title === 'Change to "team-a"');
    assert.ok(replace, fixes.map(f => f.title).join(', '));
    assert.match(apply(doc.text, replace.edits['/ws/x.yaml']), /owner: team-a\n/);
    const tag = fixes.find(f => f.title === 'Change tag to "java"');
    assert.ok(tag);
    const fixed = apply(doc.text, tag.edits['/ws/x.yaml']);
    assert.match(fixed, /tags: \[java\]/);
    assert.ok(!validateText(fixed, '/ws/x.yaml').diagnostics.some(d => d.code === 'invalid-tag'));
  });

  it('creates the missing Group a ref names, in this file or beside the other Groups', () => {
    const host = catalogOf(CATALOG);
    const { doc, diagnostics } = withFile(host, '/ws/x.yaml', component('  type: service\n  lifecycle: production\n  owner: platform\n'));
    const titles = quickFixes(doc, diagnostics, host).map(f => f.title);
    assert.deepStrictEqual(titles, ['Create Group "platform" in this file', 'Create Group "platform" in org.yaml']);
    const here = quickFixes(doc, diagnostics, host)[0];
    const text = apply(doc.text, here.edits['/ws/x.yaml']);
    assert.match(text, /\n---\napiVersion: backstage.io\/v1alpha1\nkind: Group\nmetadata:\n {2}name: platform\nspec:\n {2}type: team\n {2}children: \[\]\n$/);
    const after = withFile(host, '/ws/x.yaml', text);
    assert.deepStrictEqual(after.diagnostics, [], 'the new Group is valid and the ref resolves');
    const there = quickFixes(doc, diagnostics, host)[1];
    assert.deepStrictEqual(Object.keys(there.edits), ['/ws/org.yaml']);
  });

  it('creates a missing System or API with the referring entity\'s owner', () => {
    const host = catalogOf(CATALOG);
    const { doc, diagnostics } = withFile(host, '/ws/x.yaml', component('  type: service\n  lifecycle: production\n  owner: team-b\n  system: payments\n  providesApis: [pay-api]\n'));
    const fixes = quickFixes(doc, diagnostics, host);
    const system = fixes.find(f => f.title === 'Create System "payments" in this file')!;
    assert.match(apply(doc.text, system.edits['/ws/x.yaml']), /kind: System\nmetadata:\n {2}name: payments\nspec:\n {2}owner: team-b\n$/);
    const api = fixes.find(f => f.title === 'Create API "pay-api" in this file')!;
    const text = apply(doc.text, api.edits['/ws/x.yaml']);
    assert.deepStrictEqual(validateText(text, '/ws/x.yaml').diagnostics, []);
  });

  it('adds every missing required field, under spec', () => {
    const host = catalogOf(CATALOG);
    const { doc, diagnostics } = withFile(host, '/ws/x.yaml', component('  type: service\n  system: shop\n'));
    assert.ok(diagnostics.some(d => d.code === 'missing-required'));
    const fix = quickFixes(doc, diagnostics, host).find(f => f.title === 'Add the missing required fields');
    assert.ok(fix);
    const text = apply(doc.text, fix.edits['/ws/x.yaml']);
    assert.strictEqual(text, component('  type: service\n  system: shop\n  lifecycle: experimental\n  owner: team-a\n'));
    assert.deepStrictEqual(validateText(text, '/ws/x.yaml').diagnostics, []);
  });

  it('links URLs, placeholder targets, dir: TechDocs and Location targets', () => {
    const host = catalogOf({ ...CATALOG, '/ws/openapi.yaml': 'openapi: 3.0.3\n', '/ws/mkdocs.yml': 'site_name: x\n' });
    const text = [
      component('  type: x\n  definition:\n    $text: ./openapi.yaml\n', '  annotations:\n    backstage.io/techdocs-ref: dir:./docs\n    backstage.io/source-location: url:https://github.com/o/r/tree/main/\n  links:\n    - url: https://example.com/x\n'),
      'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: l\nspec:\n  targets: [./org.yaml, ./missing.yaml]\n',
    ].join('---\n');
    const links = documentLinks({ file: '/ws/catalog-info.yaml', text }, host).map(l => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} ${l.kind} ${l.target}`);
    assert.deepStrictEqual(links, [
      '5:35-41 file /ws/docs/mkdocs.yml',
      '6:38-71 url https://github.com/o/r/tree/main/',
      '8:11-32 url https://example.com/x',
      '12:11-25 file /ws/openapi.yaml',
      '19:12-22 file /ws/org.yaml',
    ]);
  });
});
