// Builders for the language-feature tests: an in-memory catalog behind a
// LanguageHost, and documents with a `|` cursor marker.
import { Position } from '../../src/core/diagnostics';
import { CatalogIndex, locatorFromText } from '../../src/core/index/catalogIndex';
import { LanguageDocument, LanguageHost } from '../../src/core/language/types';
import { validateText } from '../../src/core/validate/validateFile';
import { memoryHost } from './helpers/memoryHost';

/** A LanguageHost over in-memory texts. */
export interface TestHost extends LanguageHost {
  texts: Map<string, string>;
}

/** An index over in-memory files (`/ws/...` paths) and the host the features read it through. */
export function catalogOf(files: Record<string, string>): TestHost {
  const texts = new Map(Object.entries(files));
  const fs = memoryHost(files);
  const index = new CatalogIndex({ locate: locatorFromText(f => texts.get(f)) });
  index.batch(() => {
    for (const [file, text] of texts) index.upsertFile(validateText(text, file));
  });
  return { index, texts, readText: f => texts.get(f), fs, displayPath: f => f.replace(/^\/ws\//, '') };
}

/** Replaces a file of a host's catalog (as an edit in the editor would). */
export function edit(host: TestHost, file: string, text: string): void {
  host.texts.set(file, text);
  host.index.upsertFile(validateText(text, file));
}

/** A document and the position of its `|` marker (the marker removed). */
export function cursor(file: string, marked: string): { doc: LanguageDocument; pos: Position } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no | marker');
  const lines = marked.slice(0, at).split('\n');
  return { doc: { file, text: marked.slice(0, at) + marked.slice(at + 1) }, pos: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** A small catalog: two groups, a user, a system, an API, a resource (and a namespaced group). */
export const CATALOG: Record<string, string> = {
  '/ws/org.yaml': [
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n  title: Team A\n  description: The first team.\nspec:\n  type: team\n  children: []',
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-b\nspec:\n  type: team\n  children: []',
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: sre\n  namespace: ops\nspec:\n  type: team\n  children: []',
    'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jdoe\nspec:\n  memberOf: [team-a]',
  ].join('\n---\n') + '\n',
  '/ws/shop.yaml': [
    'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\n  title: The Shop\nspec:\n  owner: team-a',
    'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\n  title: Orders API\n  description: Places orders.\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  system: shop\n  definition: "openapi: 3.0.3"',
    'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: orders-db\nspec:\n  type: database\n  owner: team-b',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\n  tags: [java, web]\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/team-a\n  system: shop\n  providesApis: [orders-api]\n  dependsOn:\n    - resource:orders-db',
  ].join('\n---\n') + '\n',
  '/ws/web/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\nspec:\n  type: website\n  lifecycle: experimental\n  owner: "team-a"\n  consumesApis:\n    - orders-api\n  dependsOn: [component:orders]\n',
  '/ws/docs/mkdocs.yml': 'site_name: docs\n',
  '/ws/docs/docs/index.md': '# Docs\n',
};

/** The entity header every test document starts with. */
export function component(spec: string, metadata = ''): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout\n${metadata}spec:\n${spec}`;
}
