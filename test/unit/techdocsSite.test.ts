// Reading a TechDocs site as Backstage does: techdocs-ref, mkdocs.yml lookup and sanitising,
// docs_dir, the generated default config, nav (given or generated), page titles and meta.
import * as assert from 'assert';
import * as path from 'path';
import { loadSite, parseMkDocsConfig, pageOutputPath, pageUrl, resolveTechDocsRef, TechDocsSite } from '../../src/core/techdocs';
import { splitPage, pageTitle } from '../../src/core/techdocs/pageMeta';
import { memoryHost } from './helpers/memoryHost';

const codes = (site: Pick<TechDocsSite, 'problems'>) => site.problems.map(p => p.code);

describe('techdocs: techdocs-ref resolution', () => {
  it('resolves dir: against the folder of the catalog file', () => {
    assert.deepStrictEqual(resolveTechDocsRef('dir:.', '/repo/svc/catalog-info.yaml'), { type: 'dir', siteDir: path.resolve('/repo/svc') });
    assert.deepStrictEqual(resolveTechDocsRef('dir:./docs-site', '/repo/svc/catalog-info.yaml'), { type: 'dir', siteDir: path.resolve('/repo/svc/docs-site') });
  });

  it('refuses dir: targets outside the catalog file folder and absolute ones', () => {
    assert.strictEqual(resolveTechDocsRef('dir:../other', '/repo/svc/catalog-info.yaml').type, 'invalid');
    assert.strictEqual(resolveTechDocsRef('dir:/etc', '/repo/svc/catalog-info.yaml').type, 'invalid');
    assert.strictEqual(resolveTechDocsRef('dir:', '/repo/svc/catalog-info.yaml').type, 'invalid');
  });

  it('explains that url: sites are not available offline', () => {
    const resolved = resolveTechDocsRef('url:https://github.com/acme/svc/tree/main', '/repo/catalog-info.yaml');
    assert.strictEqual(resolved.type, 'url');
    assert.match((resolved as { message: string }).message, /not available offline/);
  });

  it('names unknown ref types as Backstage does', () => {
    const resolved = resolveTechDocsRef('github:acme/svc', '/repo/catalog-info.yaml');
    assert.strictEqual(resolved.type, 'invalid');
    assert.match((resolved as { message: string }).message, /No preparer registered for type "github"/);
  });
});

describe('techdocs: mkdocs.yml', () => {
  it('reads mkdocs.yaml before mkdocs.yml and warns when both exist', () => {
    const host = memoryHost({ '/s/mkdocs.yaml': 'site_name: From yaml\n', '/s/mkdocs.yml': 'site_name: From yml\n', '/s/docs/index.md': '# Hi\n' });
    const site = loadSite(host, '/s');
    assert.strictEqual(site.config.siteName, 'From yaml');
    assert.strictEqual(site.configFile, '/s/mkdocs.yaml');
    assert.ok(codes(site).includes('mkdocs-both-configs'));
  });

  it('generates the default config when there is none', () => {
    const site = loadSite(memoryHost({ '/s/docs/index.md': '# Hi\n' }), '/s');
    assert.strictEqual(site.config.siteName, 'Documentation Site');
    assert.strictEqual(site.config.docsDir, 'docs');
    assert.deepStrictEqual(site.config.plugins, ['techdocs-core']);
    assert.deepStrictEqual([...site.pages.keys()], ['index.md']);
    assert.ok(codes(site).includes('mkdocs-default-config'));
    assert.strictEqual(loadSite(memoryHost({ '/s/docs/index.md': '' }), '/s', { defaultSiteName: 'Given' }).config.siteName, 'Given');
  });

  it('strips keys, plugins, theme keys and extensions as techdocs-node does, with warnings', () => {
    const text = [
      'site_name: S', 'INHERIT: base.yml', 'hooks: [x.py]', 'extra_javascript: [a.js]',
      'plugins:', '  - techdocs-core', '  - search', '  - macros', '  - redirects:', '      redirect_maps: {}',
      'theme:', '  name: material', '  custom_dir: overrides', '  palette: {}',
      'markdown_extensions:', '  - admonition', '  - mymod:MyExtension', '  - pymdownx.snippets:', '      base_path: /', '  - plantuml_markdown:', '      plantuml_cmd: rm -rf', '      server: http://x',
      '',
    ].join('\n');
    const { config, problems } = parseMkDocsConfig(text, '/s/mkdocs.yml');
    assert.deepStrictEqual(Object.keys(config.raw).sort(), ['markdown_extensions', 'plugins', 'site_name', 'theme']);
    assert.deepStrictEqual(config.plugins, ['techdocs-core', 'search', 'redirects']);
    assert.deepStrictEqual(config.raw.theme, { name: 'material', palette: {} });
    assert.deepStrictEqual(config.raw.markdown_extensions, ['admonition', { 'pymdownx.snippets': {} }, { plantuml_markdown: { server: 'http://x' } }]);
    const found = problems.map(p => `${p.severity} ${p.code} ${p.line}`);
    assert.deepStrictEqual(found, [
      'warning mkdocs-key-removed 1', 'warning mkdocs-key-removed 2', 'warning mkdocs-key-removed 3',
      'warning mkdocs-plugin-removed 7', 'warning mkdocs-theme-key-removed 12',
      'warning mkdocs-extension-removed 16', 'warning mkdocs-snippets-config-removed 17', 'warning mkdocs-plantuml-cmd-removed 19',
    ]);
    assert.ok(problems.every(p => p.file === '/s/mkdocs.yml'));
  });

  it('tolerates the three Python tags TechDocs knows and reports any other tag as an error', () => {
    const ok = parseMkDocsConfig('site_name: S\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:materialx.emoji.twemoji\n      emoji_generator: !!python/object/apply:materialx.emoji.to_svg {}\n', '/m.yml');
    assert.deepStrictEqual(ok.problems, []);
    const bad = parseMkDocsConfig('site_name: !ENV [SITE, S]\nx: !!python/name:os.system\n', '/m.yml');
    assert.deepStrictEqual(bad.problems.filter(p => p.code === 'mkdocs-yaml-tag').map(p => p.line), [0, 1]);
    assert.strictEqual(bad.config.siteName.length > 0, true);
  });

  it('reports unparseable YAML, a missing site_name and a bad nav without throwing', () => {
    assert.ok(parseMkDocsConfig('site_name: [unclosed\n', '/m.yml').problems.some(p => p.code === 'mkdocs-yaml' && p.severity === 'error'));
    assert.ok(parseMkDocsConfig('docs_dir: docs\n', '/m.yml').problems.some(p => p.code === 'mkdocs-site-name-missing'));
    assert.ok(parseMkDocsConfig('site_name: S\nnav: index.md\n', '/m.yml').problems.some(p => p.code === 'mkdocs-nav-invalid'));
    assert.ok(parseMkDocsConfig('- a\n', '/m.yml').problems.some(p => p.code === 'mkdocs-not-a-map'));
  });
});

describe('techdocs: docs_dir and files', () => {
  it('never reads a docs_dir outside the site folder', () => {
    for (const docsDir of ['../elsewhere', '/etc', '.', 'docs/../..']) {
      const host = memoryHost({ '/s/mkdocs.yml': `site_name: S\ndocs_dir: ${JSON.stringify(docsDir)}\n`, '/elsewhere/index.md': '# secret\n', '/s/index.md': '' });
      const site = loadSite(host, '/s');
      assert.ok(codes(site).includes('docs-dir-outside'), docsDir);
      assert.strictEqual(site.pages.size, 0, docsDir);
    }
  });

  it('reports a missing docs_dir', () => {
    const site = loadSite(memoryHost({ '/s/mkdocs.yml': 'site_name: S\ndocs_dir: documentation\n' }), '/s');
    assert.ok(codes(site).includes('docs-dir-missing'));
  });

  it('lists pages and assets in MkDocs order, skipping dot files, exclude_docs and a README that clashes with index', () => {
    const host = memoryHost({
      '/s/mkdocs.yml': 'site_name: S\nexclude_docs: |\n  drafts/\n  *.tmp\n',
      '/s/docs/b.md': '', '/s/docs/index.md': '', '/s/docs/a.md': '', '/s/docs/README.md': '', '/s/docs/.hidden.md': '', '/s/docs/x.tmp': '',
      '/s/docs/drafts/wip.md': '', '/s/docs/guide/z.md': '', '/s/docs/guide/README.md': '', '/s/docs/guide/img/p.png': '', '/s/docs/.git/config': '',
    });
    const site = loadSite(host, '/s');
    assert.deepStrictEqual([...site.pages.keys()], ['index.md', 'a.md', 'b.md', 'guide/README.md', 'guide/z.md']);
    assert.deepStrictEqual([...site.assets], ['guide/img/p.png']);
    assert.ok(codes(site).includes('readme-excluded'));
  });

  it('maps pages to MkDocs directory URLs and output files', () => {
    assert.deepStrictEqual(['index.md', 'a.md', 'a/b.md', 'a/index.md', 'a/README.md'].map(pageUrl), ['', 'a/', 'a/b/', 'a/', 'a/']);
    assert.deepStrictEqual(['index.md', 'a/b.md'].map(pageOutputPath), ['index.html', 'a/b/index.html']);
  });
});

describe('techdocs: nav', () => {
  const files = {
    '/s/docs/index.md': '# Welcome\n', '/s/docs/setup.md': 'No heading here.\n', '/s/docs/guide/intro.md': '---\ntitle: Meta title\n---\n# H1\n',
    '/s/docs/guide/deep/more-things.md': '', '/s/docs/zeta.md': 'Title\n=====\n',
  };

  it('builds nested sections, titled and bare pages and external links from nav', () => {
    const host = memoryHost({ ...files, '/s/mkdocs.yml': 'site_name: S\nnav:\n  - index.md\n  - Setting up: setup.md\n  - Guide:\n    - guide/intro.md\n    - Deeper:\n      - guide/deep/more-things.md\n  - Backstage: https://backstage.io\n  - Missing: nope.md\n' });
    const site = loadSite(host, '/s');
    assert.deepStrictEqual(site.nav, [
      { type: 'page', title: 'Welcome', pageId: 'index.md' },
      { type: 'page', title: 'Setting up', pageId: 'setup.md' },
      { type: 'section', title: 'Guide', children: [
        { type: 'page', title: 'Meta title', pageId: 'guide/intro.md' },
        { type: 'section', title: 'Deeper', children: [{ type: 'page', title: 'More things', pageId: 'guide/deep/more-things.md' }] },
      ] },
      { type: 'link', title: 'Backstage', url: 'https://backstage.io' },
      { type: 'link', title: 'Missing', url: 'nope.md' },
    ]);
    assert.deepStrictEqual(site.readingOrder, ['index.md', 'setup.md', 'guide/intro.md', 'guide/deep/more-things.md']);
    assert.ok(codes(site).includes('nav-page-not-found'));
    assert.ok(site.pages.has('zeta.md'), 'pages not in the nav are still built');
  });

  it('generates the nav from the docs tree when mkdocs.yml has none', () => {
    const site = loadSite(memoryHost({ ...files, '/s/mkdocs.yml': 'site_name: S\n' }), '/s');
    assert.deepStrictEqual(site.nav, [
      { type: 'page', title: 'Welcome', pageId: 'index.md' },
      { type: 'page', title: 'Setup', pageId: 'setup.md' },
      { type: 'page', title: 'Title', pageId: 'zeta.md' },
      { type: 'section', title: 'Guide', children: [
        { type: 'page', title: 'Meta title', pageId: 'guide/intro.md' },
        { type: 'section', title: 'Deep', children: [{ type: 'page', title: 'More things', pageId: 'guide/deep/more-things.md' }] },
      ] },
    ]);
  });
});

describe('techdocs: page meta and titles', () => {
  it('reads YAML front matter and keeps line numbers', () => {
    const split = splitPage('---\ntitle: T\nhide: [toc]\n---\n\n# Heading\n');
    assert.deepStrictEqual(split.meta, { title: 'T', hide: ['toc'] });
    assert.strictEqual(split.body, '# Heading\n');
    assert.strictEqual(split.lineOffset, 5);
  });

  it('reads MultiMarkdown-style meta lines as MkDocs does, flagging unknown keys', () => {
    const split = splitPage('Title: My page\nNote: this line is eaten by MkDocs\n\nBody\n');
    assert.deepStrictEqual(split.meta, { title: 'My page', note: 'this line is eaten by MkDocs' });
    assert.strictEqual(split.body, 'Body\n');
    assert.strictEqual(split.lineOffset, 3);
    assert.deepStrictEqual(split.strayKeys, ['note']);
    assert.deepStrictEqual(splitPage('# Heading\nTitle: not meta\n').meta, {});
  });

  it('titles a page by meta, first h1, Home for index.md, else the file name', () => {
    const title = (id: string, text: string) => pageTitle(id, splitPage(text));
    assert.strictEqual(title('a.md', '---\ntitle: Meta\n---\n# H1\n'), 'Meta');
    assert.strictEqual(title('a.md', '\n# The *first* `h1` {#id}\n'), 'The first h1');
    assert.strictEqual(title('a.md', '# Title {++new++}{>>a note<<} {~~old~>now~~}\n'), 'Title new oldnow', 'critic marks as their text shows');
    assert.strictEqual(title('a.md', 'Text first\n\n# Not the title\n'), 'A');
    assert.strictEqual(title('index.md', 'Text\n'), 'Home');
    assert.strictEqual(title('guide/getting_started-now.md', ''), 'Getting started now');
    assert.strictEqual(title('guide/API-Reference.md', ''), 'API Reference');
  });
});
