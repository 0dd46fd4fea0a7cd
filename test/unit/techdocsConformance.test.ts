// Conformance over the real Backstage docs sites kept beside the project: the demo site
// (Mermaid, PlantUML, code, lists, iframe, images), create-app's example-docs and the
// techdocs-core test fixture. Every nav page renders, every relative link and image resolves.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';
import { createPageRenderer, loadSite, NavItem, resolveTechDocsRef } from '../../src/core/techdocs';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
/** Links in the corpus whose target is not part of the corpus copy (reason kept with each). */
const KNOWN_MISSING: Record<string, string> = {
  'demo/docs/examples/download.md ./files/sample1.py': 'the demo links a sample file that the corpus copy of the docs folder does not include',
};

function navPages(items: NavItem[]): string[] {
  return items.flatMap(i => (i.type === 'page' ? [i.pageId] : i.type === 'section' ? navPages(i.children) : []));
}

describe('conformance: real TechDocs sites (../shared/corpus)', function () {
  before(function () {
    if (!fs.existsSync(CORPUS)) {
      console.log(`    skipped: ${CORPUS} is absent (it sits beside the project only in the development checkout)`);
      this.skip();
    }
  });
  const renderer = createPageRenderer(nodeFileSystemHost);

  /** Renders every nav page; returns unresolved links that are not known to be missing. */
  function check(siteDir: string) {
    const site = loadSite(nodeFileSystemHost, siteDir);
    assert.deepStrictEqual(site.problems.filter(p => p.severity !== 'info'), [], siteDir);
    const pages = navPages(site.nav);
    assert.deepStrictEqual([...pages].sort(), [...site.pages.keys()].sort(), 'every page is in the nav');
    const unresolved: string[] = [];
    const rendered = pages.map(id => {
      const page = renderer.render(site, id);
      assert.ok(page.html.length > 0, `${id} renders`);
      assert.deepStrictEqual(page.problems.filter(p => p.severity === 'error'), [], id);
      for (const link of page.links) {
        const key = `${path.relative(CORPUS, path.join(site.docsDir, id))} ${link.href}`;
        if ((link.kind === 'broken' || link.kind === 'outside') && !KNOWN_MISSING[key]) unresolved.push(key);
      }
      return page;
    });
    assert.deepStrictEqual(unresolved, [], 'every relative link and image resolves');
    return { site, rendered };
  }

  it('demo: the site of techdocs-ref dir:. renders, with Mermaid flagged and PlantUML shown as source', () => {
    const ref = resolveTechDocsRef('dir:.', path.join(CORPUS, 'demo/catalog-info.yaml'));
    assert.strictEqual(ref.type, 'dir');
    const { site, rendered } = check((ref as { siteDir: string }).siteDir);
    assert.strictEqual(site.config.siteName, 'Backstage Demo');
    assert.strictEqual(rendered.length, 9);
    const byId = new Map(rendered.map(p => [p.id, p]));
    assert.strictEqual(byId.get('examples/mermaid.md')?.hasMermaid, true);
    assert.strictEqual((byId.get('examples/mermaid-github.md')?.html.match(/<pre class="mermaid">/g) ?? []).length, 35, 'one diagram per mermaid fence');
    assert.match(byId.get('examples/plantuml.md')?.html ?? '', /<div class="diagram-source" data-diagram="plantuml">/);
    assert.match(byId.get('examples/lists.md')?.html ?? '', /<li>Another list item\n<ol>\n<li>The first sub item<\/li>/, 'two-space nested lists nest, as with mdx_truly_sane_lists');
    assert.match(byId.get('examples/code.md')?.html ?? '', /<code class="hljs language-typescript">/);
    assert.match(byId.get('examples/iframe.md')?.html ?? '', /class="iframe-blocked"/);
    assert.match(byId.get('examples/download.md')?.html ?? '', /download="hello.py"/);
    assert.deepStrictEqual(byId.get('index.md')?.links.map(l => l.target).sort(), rendered.slice(1).map(p => p.id).sort(), 'the home page links every example');
  });

  it('create-app example-docs: the minimal site every new Backstage app starts with', () => {
    const { site, rendered } = check(path.join(CORPUS, 'create-app/example-docs'));
    assert.strictEqual(site.config.siteName, 'example-website');
    assert.deepStrictEqual(rendered.map(p => p.title), ['Example TechDocs page']);
  });

  it('techdocs-core fixture: nav titles, site_description, repo_url and edit_uri', () => {
    const { site, rendered } = check(path.join(CORPUS, 'techdocs-core-fixture'));
    assert.strictEqual(site.config.siteDescription, 'Used as a simple end-to-end test of the techdocs-core plugin.');
    assert.strictEqual(site.config.repoUrl, 'https://github.com/backstage/mkdocs-techdocs-core');
    assert.strictEqual(site.config.editUri, 'edit/main/test-fixtures/docs');
    assert.deepStrictEqual(site.nav, [{ type: 'page', title: 'Home', pageId: 'index.md' }]);
    assert.strictEqual(rendered[0].title, 'Home');
  });
});
