// The monorepo plugin (`!include` and `*include` in nav): included sites' pages under their
// site_name, their nav as a section (given or generated), links and images across the merged
// site, search, `catwalk docs build` output paths, and every include that cannot be followed
// reported on its line without an exception (missing, outside the site folder, cycles, nested,
// clashes).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';
import { createPageRenderer, findSiteForFile, loadSite, NavItem, pageOutputPath, searchIndex, TechDocsSite } from '../../src/core/techdocs';
import { aliasOf } from '../../src/core/techdocs/monorepo';
import { memoryHost } from './helpers/memoryHost';

const FIXTURES = path.resolve(__dirname, '../fixtures/techdocs');
const MONOREPO = path.join(FIXTURES, 'monorepo');
const GOLDEN = path.join(FIXTURES, 'golden-monorepo.txt');
const UPDATE = process.env.CATWALK_UPDATE_GOLDEN === '1';

const codes = (site: Pick<TechDocsSite, 'problems'>) => site.problems.map(p => p.code);
const errors = (site: TechDocsSite) => site.problems.filter(p => p.severity === 'error').map(p => `${p.code} ${p.file}:${p.line}`);

function navLines(items: NavItem[], indent = ''): string[] {
  return items.flatMap(item => {
    if (item.type === 'section') return [`${indent}- ${item.title}`, ...navLines(item.children, `${indent}  `)];
    return [`${indent}- ${item.title}: ${item.type === 'page' ? item.pageId : item.url}`];
  });
}

/** The site as text: nav, pages and assets with their files, problems, then every page rendered. */
function snapshot(site: TechDocsSite): string {
  const rel = (file: string) => path.relative(MONOREPO, file).split(path.sep).join('/');
  const renderer = createPageRenderer(nodeFileSystemHost);
  const pages = [...site.pages.values()].map(p => `${p.id} -> /${p.url} (${rel(p.file)})`);
  const assets = [...site.assets].map(a => `${a} (${rel(site.assetFiles.get(a) ?? '')})`);
  const problems = site.problems.map(p => `${p.severity} ${p.code}: ${p.message}`);
  const rendered = [...site.pages.keys()].flatMap(id => {
    const page = renderer.render(site, id);
    return [`## ${id}: ${page.title}`, page.html.trimEnd(), ...page.problems.map(p => `problem ${p.code}: ${p.message}`)];
  });
  return [
    '# nav', ...navLines(site.nav), '', '# pages', ...pages, '', '# assets', ...assets, '', '# includes',
    ...site.includes.map(i => `${i.title}: ${i.siteName} at ${i.prefix}/ (${rel(i.configFile)}, ${rel(i.docsDir)})`), '',
    '# problems', ...problems, '', ...rendered, '',
  ].join('\n');
}

describe('techdocs monorepo: the fixture site (golden)', () => {
  it('merges the included sites as the monorepo plugin does', () => {
    const actual = snapshot(loadSite(nodeFileSystemHost, MONOREPO));
    if (UPDATE || !fs.existsSync(GOLDEN)) fs.writeFileSync(GOLDEN, actual);
    assert.strictEqual(actual, fs.readFileSync(GOLDEN, 'utf8'));
  });
});

describe('techdocs monorepo: nav, URLs and links', () => {
  const files = {
    '/r/mkdocs.yml': "site_name: Cats API\nnav:\n  - Intro: index.md\n  - API:\n    - v1: '!include ./v1/mkdocs.yml'\n    - '!include ./v2/mkdocs.yml'\n  - Auth: authentication.md\n",
    '/r/docs/index.md': '# Intro\n\n[v1 reference](versions/v1/reference.md#errors)\n',
    '/r/docs/authentication.md': '# Authentication\n',
    '/r/v1/mkdocs.yml': 'site_name: versions/v1\nnav:\n  - Reference: reference.md\n  - Changelog: changelog.md\n  - Spec: https://example.com/spec\n',
    '/r/v1/docs/reference.md': '# Reference\n\n## Errors\n\n![logo](img/logo.png) [log](changelog.md) [auth](../../authentication.md) [v2](../../my-v2/guide/start.md)\n',
    '/r/v1/docs/changelog.md': '# Changelog\n',
    '/r/v1/docs/img/logo.png': 'png',
    '/r/v2/mkdocs.yml': 'site_name: My v2!\ndocs_dir: documentation\n',
    '/r/v2/documentation/index.md': '# Version 2\n',
    '/r/v2/documentation/zeta.md': '# Zeta\n',
    '/r/v2/documentation/guide/start.md': '# Start\n\n[home](../index.md) ![up](../../versions/v1/img/logo.png)\n',
    '/r/v2/documentation/guide/notes.txt': 'not a page',
  };
  const host = memoryHost(files);
  const site = loadSite(host, '/r');
  const renderer = createPageRenderer(host);

  it('puts the included navs under their sections, paths under site_name, and generates a nav when there is none', () => {
    assert.deepStrictEqual(navLines(site.nav), [
      '- Intro: index.md',
      '- API',
      '  - v1',
      '    - Reference: versions/v1/reference.md',
      '    - Changelog: versions/v1/changelog.md',
      '    - Spec: https://example.com/spec',
      '  - My v2!',
      '    - Guide',
      '      - Start: my-v2/guide/start.md',
      '    - Version 2: my-v2/index.md',
      '    - Zeta: my-v2/zeta.md',
      '- Auth: authentication.md',
    ]);
    assert.deepStrictEqual(site.readingOrder, ['index.md', 'versions/v1/reference.md', 'versions/v1/changelog.md', 'my-v2/guide/start.md', 'my-v2/index.md', 'my-v2/zeta.md', 'authentication.md']);
    assert.deepStrictEqual(site.problems, []);
  });

  it('serves the included pages and files under <site_name>/ (slugified when it has other characters)', () => {
    assert.deepStrictEqual([...site.pages.values()].map(p => [p.id, p.url, p.file]), [
      ['index.md', '', '/r/docs/index.md'],
      ['authentication.md', 'authentication/', '/r/docs/authentication.md'],
      ['my-v2/index.md', 'my-v2/', '/r/v2/documentation/index.md'],
      ['my-v2/zeta.md', 'my-v2/zeta/', '/r/v2/documentation/zeta.md'],
      ['my-v2/guide/start.md', 'my-v2/guide/start/', '/r/v2/documentation/guide/start.md'],
      ['versions/v1/changelog.md', 'versions/v1/changelog/', '/r/v1/docs/changelog.md'],
      ['versions/v1/reference.md', 'versions/v1/reference/', '/r/v1/docs/reference.md'],
    ]);
    assert.deepStrictEqual(pageOutputPath('versions/v1/reference.md'), 'versions/v1/reference/index.html');
    assert.deepStrictEqual([...site.assetFiles], [['my-v2/guide/notes.txt', '/r/v2/documentation/guide/notes.txt'], ['versions/v1/img/logo.png', '/r/v1/docs/img/logo.png']]);
    assert.deepStrictEqual(site.includes.map(i => [i.title, i.prefix, i.docsDir]), [['v1', 'versions/v1', '/r/v1/docs'], ['My v2!', 'my-v2', '/r/v2/documentation']]);
    assert.deepStrictEqual(['versions/v1', 'My Docs', 'Ünïcode Site 1,000', 'a//b/'].map(aliasOf), ['versions/v1', 'my-docs', 'unicode-site-1000', 'a/b']);
  });

  it('resolves links and images inside an included site, to the outer site and to other included sites', () => {
    const reference = renderer.render(site, 'versions/v1/reference.md');
    assert.deepStrictEqual(reference.links.map(l => [l.href, l.kind, l.target]), [
      ['img/logo.png', 'asset', 'versions/v1/img/logo.png'],
      ['changelog.md', 'page', 'versions/v1/changelog.md'],
      ['../../authentication.md', 'page', 'authentication.md'],
      ['../../my-v2/guide/start.md', 'page', 'my-v2/guide/start.md'],
    ]);
    assert.match(reference.html, /<img src="\.\.\/img\/logo\.png" alt="logo">/);
    assert.match(reference.html, /href="\.\.\/\.\.\/\.\.\/authentication\/"/);
    assert.match(reference.html, /href="\.\.\/\.\.\/\.\.\/my-v2\/guide\/start\/"/);
    const start = renderer.render(site, 'my-v2/guide/start.md');
    assert.deepStrictEqual(start.links.map(l => l.target), ['my-v2/index.md', 'versions/v1/img/logo.png']);
    assert.deepStrictEqual(start.problems, []);
    assert.match(renderer.render(site, 'index.md').html, /href="versions\/v1\/reference\/#errors"/);
  });

  it('hands the source file of an asset to the URL mapper (the preview maps files, not site paths)', () => {
    const seen: string[] = [];
    renderer.render(site, 'versions/v1/reference.md', { urls: { page: id => id, asset: (_p, _f, file) => (seen.push(file), file) } });
    assert.deepStrictEqual(seen, ['/r/v1/docs/img/logo.png']);
  });

  it('indexes the included pages for search at their URLs', () => {
    const entries = [...site.pages.keys()].flatMap(id => renderer.render(site, id).search);
    const locations = searchIndex(entries).docs.map(d => d.location);
    assert.ok(locations.includes('versions/v1/reference/#errors'));
    assert.ok(locations.includes('my-v2/guide/start/'));
  });

  it('opens a page of an included site in the site that includes it', () => {
    assert.deepStrictEqual(findSiteForFile(host, '/r/v1/docs/reference.md'), { siteDir: '/r', pageId: 'versions/v1/reference.md' });
    assert.deepStrictEqual(findSiteForFile(host, '/r/v2/documentation/guide/start.md', '/r'), { siteDir: '/r', pageId: 'my-v2/guide/start.md' });
    assert.deepStrictEqual(findSiteForFile(host, '/r/v1/docs/reference.md', '/r/v1'), { siteDir: '/r/v1', pageId: 'reference.md' }, 'not above the workspace folder');
  });

  it('reads unsaved text of an included mkdocs.yml', () => {
    const edited = loadSite(host, '/r', { overrides: new Map([['/r/v1/mkdocs.yml', 'site_name: old/v1\nnav:\n  - changelog.md\n']]) });
    assert.deepStrictEqual(navLines(edited.nav).slice(2, 4), ['  - v1', '    - Changelog: old/v1/changelog.md']);
  });
});

describe('techdocs monorepo: *include patterns', () => {
  it('includes every mkdocs.yml a pattern matches, in path order, each titled by its site_name', () => {
    const host = memoryHost({
      '/r/mkdocs.yml': "site_name: Cats System\nnav:\n  - Intro: index.md\n  - Components: '*include ./components/*/mkdocs.yml'\n  - Deep: '*include ./deep/**/mkdocs.yml'\n",
      '/r/docs/index.md': '# Intro\n',
      '/r/components/purring/mkdocs.yml': 'site_name: purring\n', '/r/components/purring/docs/index.md': '# Purring\n',
      '/r/components/belly-rubs/mkdocs.yml': 'site_name: Belly Rubs\n', '/r/components/belly-rubs/docs/index.md': '# Belly rubs\n',
      '/r/components/notes/readme.md': 'no mkdocs.yml here',
      '/r/deep/a/b/mkdocs.yml': 'site_name: deep-b\n', '/r/deep/a/b/docs/index.md': '# B\n',
    });
    const site = loadSite(host, '/r');
    assert.deepStrictEqual(navLines(site.nav), [
      '- Intro: index.md', '- Components', '  - Belly Rubs', '    - Belly rubs: belly-rubs/index.md', '  - purring', '    - Purring: purring/index.md',
      '- Deep', '  - deep-b', '    - B: deep-b/index.md',
    ]);
    assert.deepStrictEqual(site.problems, []);
  });
});

describe('techdocs monorepo: includes that cannot be followed', () => {
  const site = (nav: string, extra: Record<string, string> = {}) => loadSite(memoryHost({
    '/r/mkdocs.yml': `site_name: Root\nnav:\n  - Home: index.md\n${nav}`,
    '/r/docs/index.md': '# Home\n',
    '/r/ok/mkdocs.yml': 'site_name: ok\n',
    '/r/ok/docs/index.md': '# OK\n',
    '/outside/mkdocs.yml': 'site_name: outside\n',
    '/outside/docs/secret.md': '# Secret\n',
    ...extra,
  }), '/r');

  it('reports a missing file on the include line, keeps the rest', () => {
    const s = site("  - Gone: '!include ./gone/mkdocs.yml'\n  - OK: '!include ok/mkdocs.yml'\n");
    assert.deepStrictEqual(errors(s), ['nav-include-missing /r/mkdocs.yml:3']);
    assert.match(s.problems[0].message, /\/r\/gone\/mkdocs\.yml does not exist/);
    assert.deepStrictEqual(navLines(s.nav), ['- Home: index.md', '- OK', '  - OK: ok/index.md']);
  });

  it('never reads an include, or an included docs_dir, outside the site folder', () => {
    const s = site("  - Out: '!include ../outside/mkdocs.yml'\n  - Abs: '!include /outside/mkdocs.yml'\n  - Escape: '!include ./esc/mkdocs.yml'\n", { '/r/esc/mkdocs.yml': 'site_name: esc\ndocs_dir: ../../outside/docs\n' });
    assert.deepStrictEqual(errors(s), ['nav-include-outside /r/mkdocs.yml:3', 'nav-include-outside /r/mkdocs.yml:4', 'nav-include-docs-dir-outside /r/esc/mkdocs.yml:1']);
    assert.ok(![...s.pages.keys()].some(id => id.includes('secret')));
    assert.deepStrictEqual(navLines(s.nav), ['- Home: index.md']);
  });

  it('stops cycles: a site including itself, and an included site including its includer', () => {
    const self = site("  - Me: '!include ./mkdocs.yml'\n");
    assert.deepStrictEqual(errors(self), ['nav-include-cycle /r/mkdocs.yml:3']);
    const loop = site("  - A: '!include a/mkdocs.yml'\n", { '/r/a/mkdocs.yml': "site_name: a\nnav:\n  - Page: page.md\n  - Back: '!include ../mkdocs.yml'\n", '/r/a/docs/page.md': '# A\n' });
    assert.deepStrictEqual(errors(loop), ['nav-include-cycle /r/a/mkdocs.yml:3']);
    assert.match(loop.problems[0].message, /includes the site that includes it/);
    assert.deepStrictEqual(navLines(loop.nav), ['- Home: index.md', '- A', '  - Page: a/page.md']);
  });

  it('reports an include inside an included site (not supported by the plugin)', () => {
    const s = site("  - A: '!include a/mkdocs.yml'\n", { '/r/a/mkdocs.yml': "site_name: a\nnav:\n  - Deeper: '!include ../ok/mkdocs.yml'\n", '/r/a/docs/index.md': '' });
    assert.deepStrictEqual(errors(s), ['nav-include-nested /r/a/mkdocs.yml:2']);
  });

  it('reports what the plugin refuses: no site_name, a duplicate site_name, no docs_dir, not YAML, bad YAML', () => {
    const s = site(
      "  - A: '!include a/mkdocs.yml'\n  - B: '!include b/mkdocs.yml'\n  - C: '!include c/mkdocs.yml'\n  - D: '!include d/mkdocs.yml'\n  - E: '!include e.md'\n  - F: '!include f/mkdocs.yml'\n  - OK: '!include ok/mkdocs.yml'\n  - Again: '!include ok2/mkdocs.yml'\n",
      {
        '/r/a/mkdocs.yml': 'nav: [x.md]\n', '/r/b/mkdocs.yml': 'site_name: b\n', '/r/c/mkdocs.yml': 'site_name: c\ndocs_dir: nowhere\n',
        '/r/d/mkdocs.yml': 'site_name: d\n', '/r/d/docs/readme.txt': 'no pages', '/r/e.md': '', '/r/f/mkdocs.yml': 'site_name: [f\n',
        '/r/ok2/mkdocs.yml': 'site_name: ok\n', '/r/ok2/docs/index.md': '# Other\n',
      },
    );
    assert.deepStrictEqual(codes(s), [
      'nav-include-no-site-name', 'nav-include-docs-dir-missing', 'nav-include-docs-dir-missing', 'nav-include-no-nav', 'nav-include-not-yaml', 'nav-include-invalid', 'nav-include-duplicate',
    ]);
    assert.ok(s.problems.every(p => p.severity === 'error' && p.file !== undefined));
    assert.deepStrictEqual(navLines(s.nav), ['- Home: index.md', '- OK', '  - OK: ok/index.md']);
  });

  it('lets an included file replace one of the outer docs at the same path, with a note', () => {
    const s = site("  - OK: '!include ok/mkdocs.yml'\n", { '/r/docs/ok/index.md': '# Shadowed\n' });
    assert.strictEqual(s.pages.get('ok/index.md')?.file, '/r/ok/docs/index.md');
    assert.deepStrictEqual(codes(s), ['include-replaces-file']);
  });

  it('reports a wildcard that matches nothing or leaves the site folder', () => {
    assert.deepStrictEqual(errors(site("  - None: '*include ./nothing/*/mkdocs.yml'\n  - Up: '*include ../*/mkdocs.yml'\n  - Md: '*include ./*/index.md'\n")), [
      'nav-include-missing /r/mkdocs.yml:3', 'nav-include-outside /r/mkdocs.yml:4', 'nav-include-not-yaml /r/mkdocs.yml:5',
    ]);
  });
});

describe('techdocs monorepo: catwalk docs build', () => {
  let out: string;
  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-monorepo-'));
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes the included pages and files under their site names, with links that resolve', async () => {
    const site = path.join(out, 'site');
    const result = await runCli(['docs', 'build', MONOREPO, '--output', site]);
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    const files = (fs.readdirSync(site, { recursive: true }) as string[]).map(f => f.split(path.sep).join('/')).filter(f => fs.statSync(path.join(site, f)).isFile());
    for (const f of ['index.html', 'guide/index.html', 'img/overview.png', 'billing/index.html', 'billing/invoices/index.html', 'billing/img/chart.png', 'ledger-service/index.html', 'ledger-service/api/endpoints/index.html', 'ledger-service/schema.png']) {
      assert.ok(files.includes(f), f);
    }
    for (const page of files.filter(f => f.endsWith('.html'))) {
      const html = fs.readFileSync(path.join(site, page), 'utf8');
      for (const m of html.matchAll(/(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)) {
        if (m[1] === '' || /^[a-z]+:/i.test(m[1])) continue;
        const target = path.resolve(path.dirname(path.join(site, page)), m[1]);
        assert.ok(fs.existsSync(m[1].endsWith('/') ? path.join(target, 'index.html') : target), `${page}: ${m[1]}`);
      }
    }
    const index = JSON.parse(fs.readFileSync(path.join(site, 'search/search_index.json'), 'utf8')) as { docs: { location: string }[] };
    assert.ok(index.docs.some(d => d.location === 'ledger-service/api/endpoints/#list'));
  });

  it('refuses an output folder inside an included docs_dir', async () => {
    const result = await runCli(['docs', 'build', MONOREPO, '--output', path.join(MONOREPO, 'components/billing/docs/site')]);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /docs_dir of the included site/);
  });
});
