import * as assert from 'assert';
import { compareDiagnostics } from '../../src/core/diagnostics';
import { CatalogIndex, locatorFromText } from '../../src/core/index/catalogIndex';
import { DocumentValidationCache, documentLocator } from '../../src/core/language/documentValidation';
import { validateText } from '../../src/core/validate/validateFile';
import { FileResult } from '../../src/core/validate/types';
import { fileText, generateCatalog } from '../../bench/generate';

const FILE = '/ws/many.yaml';

const group = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\n${extra}spec:\n  type: team\n  children: []\n`;

const TEXTS: Record<string, string> = {
  'clean, with a preamble and a trailing marker': `# people\n---\n${group('a')}---\n${group('b')}---\n`,
  'a tag error in the third document': `${group('a')}---\n${group('b')}---\n${group('c', '  tags: [Bad]\n')}`,
  'a YAML error in the second document': `${group('a')}---\n${group('b', '  name: again\n')}---\n${group('c')}`,
  'a missing field and a dangling ref': `${group('a')}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  owner: ghost\n`,
  'a directive (read whole)': `${group('a')}---\n%YAML 1.2\n---\n${group('b', '  tags: [Bad]\n')}`,
  'comments and blank lines between documents': `${group('a')}\n# next\n\n---\n\n${group('b', '  tags: [X]\n')}\n`,
};

function comparable(r: FileResult) {
  return {
    diagnostics: [...r.diagnostics].sort(compareDiagnostics),
    entities: r.entities.map(e => `${e.ref}@${e.documentIndex}:${e.range.start.line}${e.rejected ? ' rejected' : ''}`),
  };
}

describe('language: validating one document at a time', function () {
  this.timeout(20000);
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives what validateText gives for the whole file: ${name}`, () => {
      assert.deepStrictEqual(comparable(new DocumentValidationCache().validate(text, FILE)), comparable(validateText(text, FILE)));
    });
  }

  it('agrees on a generated file of 1,000 entities with an error in the middle, and reuses unchanged documents', () => {
    const text = fileText(generateCatalog({ count: 1000, perFile: 1000, seed: 7 }).files[0]);
    const cache = new DocumentValidationCache();
    const first = cache.validate(text, FILE);
    const at = text.indexOf('  description: ', Math.floor(text.length / 2));
    const edited = text.slice(0, at) + '  namespace: Not_Valid\n' + text.slice(at);
    const second = cache.validate(edited, FILE);
    assert.deepStrictEqual(comparable(second), comparable(validateText(edited, FILE)));
    assert.strictEqual(second.diagnostics.filter(d => d.code === 'invalid-namespace').length, 1);
    const reused = second.entities.filter((e, i) => e.entity === first.entities[i].entity).length;
    assert.strictEqual(reused, 999, 'only the edited document was validated again');
  });

  it('locates cross-file issues exactly where the whole-file locator does', () => {
    const text = TEXTS['a missing field and a dangling ref'].replace('owner: ghost', 'owner: ghost\n  system: nowhere');
    const whole = new CatalogIndex({ locate: locatorFromText(() => text) });
    const byDocument = new CatalogIndex({ locate: documentLocator(() => text) });
    whole.upsertFile(validateText(text, FILE));
    byDocument.upsertFile(new DocumentValidationCache().validate(text, FILE));
    const dangling = (index: CatalogIndex) => index.diagnosticsOf(FILE).filter(d => d.code === 'dangling-ref');
    assert.strictEqual(dangling(whole).length, 2);
    assert.deepStrictEqual(dangling(byDocument), dangling(whole));
  });
});
