// The pure parts of the docs preview: which site a Markdown file belongs to, search across a
// site, the webview protocol's checks and page links, and the preview's Content-Security-Policy.
import * as assert from 'assert';
import { createPageRenderer, findSiteForFile, loadSite, searchEntries } from '../../src/core/techdocs';
import { contentSecurityPolicy, docsPreviewHtml } from '../../src/extension/techdocs/html';
import { pageHref, parsePageHref, parseSavedState, parseWebviewMessage } from '../../webview-ui/techdocs/protocol';
import { memoryHost } from './helpers/memoryHost';

describe('techdocs preview: the site of a Markdown file', () => {
  const host = memoryHost({
    '/ws/svc/mkdocs.yml': 'site_name: S\ndocs_dir: documentation\n', '/ws/svc/documentation/guide/a.md': '', '/ws/svc/README.md': '',
    '/ws/lib/docs/index.md': '', '/ws/notes/todo.md': '',
  });

  it('finds the nearest mkdocs.yml whose docs_dir holds the file', () => {
    assert.deepStrictEqual(findSiteForFile(host, '/ws/svc/documentation/guide/a.md', '/ws'), { siteDir: '/ws/svc', pageId: 'guide/a.md' });
  });

  it('takes a docs folder without mkdocs.yml as the generated default site', () => {
    assert.deepStrictEqual(findSiteForFile(host, '/ws/lib/docs/index.md', '/ws'), { siteDir: '/ws/lib', pageId: 'index.md' });
  });

  it('gives nothing for Markdown outside any docs_dir or for other files', () => {
    assert.strictEqual(findSiteForFile(host, '/ws/svc/README.md', '/ws'), undefined);
    assert.strictEqual(findSiteForFile(host, '/ws/notes/todo.md', '/ws'), undefined);
    assert.strictEqual(findSiteForFile(host, '/ws/svc/mkdocs.yml', '/ws'), undefined);
  });
});

describe('techdocs preview: search', () => {
  const host = memoryHost({ '/s/docs/index.md': '# Home\n\nWelcome.\n\n## Install\n\nRun the installer with care.\n', '/s/docs/other.md': '# Installer notes\n\nMore.\n' });
  const site = loadSite(host, '/s');
  const renderer = createPageRenderer(host);
  const entries = [...site.pages.keys()].flatMap(id => renderer.render(site, id).search);

  it('finds pages and sections whose title or text has every word, title hits first', () => {
    const hits = searchEntries(entries, 'installer');
    assert.deepStrictEqual(hits.slice(0, 2).map(h => h.entry.pageId), ['other.md', 'other.md'], 'the page titled with the word comes first');
    assert.ok(hits.some(h => h.entry.anchor === 'install' && h.snippet.includes('Run the installer')));
    assert.deepStrictEqual(searchEntries(entries, 'installer nowhere'), []);
    assert.deepStrictEqual(searchEntries(entries, '   '), []);
  });
});

describe('techdocs preview: protocol and HTML shell', () => {
  it('round-trips page links and rejects other hrefs', () => {
    assert.deepStrictEqual(parsePageHref(pageHref('guide/a b.md', 'sec-1')), { pageId: 'guide/a b.md', anchor: 'sec-1' });
    assert.deepStrictEqual(parsePageHref(pageHref('index.md')), { pageId: 'index.md', anchor: undefined });
    assert.strictEqual(parsePageHref('#section'), undefined);
    assert.strictEqual(parsePageHref('https://example.com'), undefined);
  });

  it('accepts only well-formed webview messages and saved state', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'navigate', pageId: 'a.md', anchor: 'x' }), { type: 'navigate', pageId: 'a.md', anchor: 'x' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'edit', pageId: 'a.md', line: 3 }), { type: 'edit', pageId: 'a.md', line: 3 });
    for (const bad of [null, 'x', {}, { type: 'navigate' }, { type: 'edit', pageId: 'a.md', line: '3' }, { type: 'openExternal' }, { type: 'eval', code: '1' }]) assert.strictEqual(parseWebviewMessage(bad), undefined);
    assert.deepStrictEqual(parseSavedState({ siteDir: '/s', pageId: 'a.md' }), { siteDir: '/s', pageId: 'a.md' });
    assert.strictEqual(parseSavedState({ siteDir: 1 }), undefined);
  });

  it('allows scripts only by nonce, and frames only when iframes are allowed', () => {
    const csp = contentSecurityPolicy('https://cdn.example', 'N0nce', false);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
    assert.match(csp, /frame-src 'none'/);
    assert.match(contentSecurityPolicy('x', 'n', true), /frame-src https:/);
    const html = docsPreviewHtml({ cspSource: 'https://cdn.example', script: 'https://cdn.example/t.js', mermaid: 'https://cdn.example/m.js' }, 'A <b>site</b>', false, 'N0nce');
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/cdn.example\/t.js"><\/script>/);
    assert.match(html, /<title>A &#60;b&#62;site&#60;\/b&#62;<\/title>/);
  });
});
