import * as assert from 'assert';
import { parseFast } from '../../src/core/parse/fastYaml';
import { parseYamlFile } from '../../src/core/parse/yamlFile';
import { validateText } from '../../src/core/validate/validateFile';

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

describe('parse: position-aware', () => {
  it('reads every document with its range and finds any path', () => {
    const text = `${component('a')}---\n# second\n${component('b')}`;
    const file = parseYamlFile(text);
    assert.strictEqual(file.documents.length, 2);
    assert.strictEqual(file.documents[1].range.start.line, 10);
    const owner = file.locate(1, ['spec', 'owner']);
    assert.deepStrictEqual(owner, { start: { line: 17, character: 9 }, end: { line: 17, character: 15 } });
    const key = file.locate(1, ['spec', 'owner'], 'key');
    assert.deepStrictEqual(key.start, { line: 17, character: 2 });
  });

  it('stops at the deepest node that exists', () => {
    const file = parseYamlFile(component('a'));
    assert.strictEqual(file.locate(0, ['spec', 'system']).start.line, 4);
    assert.strictEqual(file.locate(0, ['metadata', 'tags', 3]).start.line, 2);
  });

  it('keeps merge keys as plain keys, as Backstage does', () => {
    const file = parseYamlFile('base: &b {x: 1}\nthing:\n  <<: *b\n');
    assert.deepStrictEqual(file.documents[0].value, { base: { x: 1 }, thing: { '<<': { x: 1 } } });
  });

  it('turns YAML errors into positioned problems, never exceptions', () => {
    const file = parseYamlFile('a: 1\na: 2\n---\nb:\n\t- x\n');
    const codes = file.problems.map(p => `${p.documentIndex} ${p.code} ${p.range.start.line}`);
    assert.ok(codes.includes('0 yaml-duplicate-key 1'), codes.join());
    assert.ok(file.problems.some(p => p.documentIndex === 1 && p.range.start.line === 4), codes.join());
  });

  it('refuses alias bombs with a clear problem', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
    const file = parseYamlFile(lines.join('\n'));
    assert.strictEqual(file.problems[0]?.code, 'yaml-alias-limit');
    assert.match(file.problems[0].message, /alias/i);
  });
});

describe('parse: fast path', () => {
  it('reads the same values as the position-aware parser', () => {
    const texts = [
      component('a'),
      `${component('a')}---\n${component('b')}---\n`,
      'a: [1, 0o17, 0x1f, 1.5, .inf, -.Inf, .nan, null, ~, true, False, yes, no, on, 2024-01-01, 1_000, 0b11]\n',
      'k: "quoted: value"\nl: |\n  block\n  text\nm: >\n  folded\n  text\n',
      '# only a comment\n',
      '',
    ];
    for (const text of texts) {
      const fast = parseFast(text);
      assert.ok(fast, `fast path refused ${JSON.stringify(text)}`);
      const full = parseYamlFile(text).documents.map(d => d.value);
      assert.deepStrictEqual(fast.map(d => d.value), full, text);
    }
  });

  it('hands anything unusual to the position-aware parser', () => {
    for (const text of ['a:\n\tb: 1\n', 'a: &x 1\nb: *x\n', '%YAML 1.1\n---\na: yes\n', 'a: !!str 1\n', 'a: 1\n...\n', 'a: 1\na: 2\n']) {
      assert.strictEqual(parseFast(text), undefined, text);
    }
  });

  it('gives the fast and full validation paths the same verdict and the same entities', () => {
    const text = `${component('a')}---\n${component('b')}`;
    const fast = validateText(text, '/x/catalog-info.yaml');
    const full = validateText(text, '/x/catalog-info.yaml', { mode: 'full' });
    assert.deepStrictEqual(fast.entities.map(e => [e.ref, e.range.start.line]), full.entities.map(e => [e.ref, e.range.start.line]));
    assert.deepStrictEqual(fast.diagnostics, full.diagnostics);
  });
});

describe('parse: hostile files', () => {
  it('reports binary content without parsing it', () => {
    const result = validateText('apiVersion: x\u0000\u0001\u0002', '/x/catalog-info.yaml');
    assert.strictEqual(result.diagnostics[0].code, 'binary-file');
    assert.strictEqual(result.diagnostics[0].severity, 'error');
  });

  it('skips a file over the size limit with a warning', () => {
    const big = `description: ${'x'.repeat(2000)}\n`.repeat(30);
    const result = validateText(big, '/x/catalog-info.yaml', { maxFileSize: 10_000 });
    assert.deepStrictEqual(result.diagnostics.map(d => [d.code, d.severity]), [['file-too-large', 'warning']]);
  });

  it('reads a 50 MB file only up to the default limit, quickly', () => {
    const huge = 'a: b\n'.repeat(10 * 1024 * 1024);
    const result = validateText(huge, '/x/catalog-info.yaml');
    assert.strictEqual(result.diagnostics[0].code, 'file-too-large');
  });

  it('reports tabs used for indentation at their line', () => {
    const result = validateText(`apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n\tname: a\n`, '/x/catalog-info.yaml');
    assert.ok(result.diagnostics.some(d => d.severity === 'error' && d.code.startsWith('yaml-') && d.range.start.line === 3), JSON.stringify(result.diagnostics));
  });

  it('survives deep nesting', () => {
    const deep = `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const result = validateText(deep, '/x/catalog-info.yaml');
    assert.ok(result.diagnostics.length > 0);
  });
});
