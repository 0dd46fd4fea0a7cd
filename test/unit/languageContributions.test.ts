// The editor contributions of the language: the language id, the grammars and
// the snippets package.json points at exist, and every snippet, expanded with
// its default values, is a descriptor the validator accepts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { templateDiagnostics } from '../../src/core/language/templates';
import { BUILTIN_KINDS } from '../../src/core/model/entity';
import { validateText } from '../../src/core/validate/validateFile';
import { CATALOG_LANGUAGE_ID } from '../../src/server/protocol';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** A snippet body with every tab stop replaced by its default text. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\\$/g, '$');
}

describe('language: editor contributions', () => {
  it('declares the catalog language with its file names, configuration and grammar', () => {
    const language = pkg.contributes.languages.find((l: { id: string }) => l.id === CATALOG_LANGUAGE_ID);
    assert.ok(language);
    assert.deepStrictEqual(language.filenames, ['catalog-info.yaml', 'catalog-info.yml']);
    assert.ok(fs.existsSync(path.join(ROOT, language.configuration)));
    assert.ok(pkg.activationEvents.includes(`onLanguage:${CATALOG_LANGUAGE_ID}`));
    for (const grammar of pkg.contributes.grammars) {
      const json = JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8'));
      assert.strictEqual(json.scopeName, grammar.scopeName);
    }
  });

  it('highlights ${{ }}, {% %} and {# #} with patterns that compile', () => {
    const injection = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'template-expression.injection.tmLanguage.json'), 'utf8'));
    const patterns: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') patterns.push(value);
        else collect(value);
      }
    };
    collect(injection.repository);
    for (const p of patterns) assert.doesNotThrow(() => new RegExp(p), p);
    assert.ok(new RegExp(injection.repository.expression.begin).test('${{ parameters.name }}'));
    assert.ok(new RegExp(injection.repository.block.begin).test('{% if x %}'));
  });

  it('has a snippet for every kind, each a valid descriptor once expanded', () => {
    const file = pkg.contributes.snippets.find((s: { language: string }) => s.language === CATALOG_LANGUAGE_ID);
    const snippets: Record<string, { body: string[] }> = JSON.parse(fs.readFileSync(path.join(ROOT, file.path), 'utf8'));
    for (const kind of Object.keys(BUILTIN_KINDS)) {
      const snippet = snippets[kind];
      assert.ok(snippet, `a ${kind} snippet`);
      const text = expand(snippet.body);
      assert.deepStrictEqual(validateText(text, '/ws/catalog-info.yaml').diagnostics, [], `${kind}:\n${text}`);
      assert.deepStrictEqual(templateDiagnostics({ file: '/ws/catalog-info.yaml', text }), [], kind);
    }
  });
});
