import * as assert from 'assert';
import { cursorContext } from '../../src/core/language/cursor';
import { outlineFile, scalarAt } from '../../src/core/language/outline';
import { parseYamlFile } from '../../src/core/parse/yamlFile';
import { cursor } from './languageKit';

/** The cursor context of a marked text, in a few comparable fields. */
function contextOf(marked: string) {
  const { doc, pos } = cursor('/ws/x.yaml', marked);
  const ctx = cursorContext(outlineFile(doc.text), pos);
  return ctx && { mode: ctx.mode, path: ctx.path, prefix: ctx.prefix, doc: ctx.document.index, from: ctx.range.start.character, to: ctx.range.end.character, lead: ctx.lead };
}

describe('language: outline and cursor context', () => {
  it('numbers documents as the catalog parser does (leading --- and comments open no document)', () => {
    const text = '# header\n---\nkind: A\n---\nkind: B\n---\n';
    const outline = outlineFile(text);
    const parsed = parseYamlFile(text);
    assert.strictEqual(outline.documents.length, parsed.documents.length);
    assert.deepStrictEqual(outline.documents.map(d => scalarAt(d, ['kind'])), ['A', 'B', undefined]);
    assert.strictEqual(outlineFile('kind: A\n---\nkind: B\n').documents.length, 2);
  });

  it('reads keys, sequence items, flow items and block scalars with their paths', () => {
    const outline = outlineFile('spec:\n  steps:\n    - id: a\n      input:\n        text: |\n          not: a key\n    - id: b\n  providesApis: [x, "y"]\n');
    const doc = outline.documents[0];
    assert.deepStrictEqual(doc.entries.map(e => e.path.join('.')), ['spec', 'spec.steps', 'spec.steps.0.id', 'spec.steps.0.input', 'spec.steps.0.input.text', 'spec.steps.1.id', 'spec.providesApis']);
    assert.deepStrictEqual(doc.entries[6].flowItems?.map(f => [f.value, f.range.start.character, f.range.end.character]), [['x', 17, 18], ['y', 20, 23]]);
  });

  it('knows a value being typed after a key', () => {
    assert.deepStrictEqual(contextOf('kind: Component\nspec:\n  owner: te|am # who\n'), { mode: 'value', path: ['spec', 'owner'], prefix: 'te', doc: 0, from: 9, to: 13, lead: '' });
  });

  it('adds the blank a value needs right after the colon', () => {
    assert.strictEqual(contextOf('spec:\n  owner:|')?.lead, ' ');
  });

  it('replaces inside quotes, keeping them', () => {
    assert.deepStrictEqual(contextOf('spec:\n  owner: "te|am"\n'), { mode: 'value', path: ['spec', 'owner'], prefix: 'te', doc: 0, from: 10, to: 14, lead: '' });
  });

  it('knows a sequence item, block or flow', () => {
    assert.deepStrictEqual(contextOf('spec:\n  providesApis:\n    - a\n    - o|\n'), { mode: 'item', path: ['spec', 'providesApis', 1], prefix: 'o', doc: 0, from: 6, to: 7, lead: '' });
    assert.deepStrictEqual(contextOf('spec:\n  consumesApis: [a, o|]\n'), { mode: 'value', path: ['spec', 'consumesApis', 1], prefix: 'o', doc: 0, from: 20, to: 21, lead: '' });
  });

  it('knows a key being written from its indentation, also on an empty line', () => {
    assert.deepStrictEqual(contextOf('metadata:\n  name: x\nspec:\n  ty|\n'), { mode: 'key', path: ['spec'], prefix: 'ty', doc: 0, from: 2, to: 4, lead: '' });
    assert.deepStrictEqual(contextOf('metadata:\n  annotations:\n    |\nspec: {}\n')?.path, ['metadata', 'annotations']);
    assert.deepStrictEqual(contextOf('metadata:\n  name: x\n|')?.path, []);
  });

  it('counts documents before the cursor', () => {
    assert.strictEqual(contextOf('kind: A\n---\nkind: B\nspec:\n  owner: |\n')?.doc, 1);
  });

  it('says nothing inside comments and block scalars', () => {
    assert.strictEqual(contextOf('spec:\n  # owner: te|\n'), undefined);
    assert.strictEqual(contextOf('spec:\n  definition: >\n    openapi: 3|\n'), undefined);
  });
});
