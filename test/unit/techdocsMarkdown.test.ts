// The renderer's parts one by one: sane lists, snippets, slugs, fence options, line splitting,
// toc and source lines, search entries, iframe policy, URL mappers, unsaved text, critic marks
// and the container syntaxes a site's mkdocs.yml enables.
import * as assert from 'assert';
import { createPageRenderer, loadSite, parseMkDocsConfig, searchIndex, techdocsMetadata, UrlMapper } from '../../src/core/techdocs';
import { criticSource } from '../../src/core/techdocs/markdown/critic';
import { markdownFeatures } from '../../src/core/techdocs/markdown/features';
import { parseFenceInfo, splitHighlighted } from '../../src/core/techdocs/markdown/fences';
import { slugify, uniqueId } from '../../src/core/techdocs/markdown/headings';
import { saneLists } from '../../src/core/techdocs/markdown/saneLists';
import { expandSnippets } from '../../src/core/techdocs/markdown/snippets';
import { smartSymbols } from '../../src/core/techdocs/markdown/smartSymbols';
import { relativeUrl } from '../../src/core/techdocs/paths';
import { memoryHost } from './helpers/memoryHost';

/** A one-page site holding `text` as docs/page.md, plus a second page and an image. */
function onePage(text: string, extra: Record<string, string> = {}) {
  const host = memoryHost({ '/s/mkdocs.yml': 'site_name: S\n', '/s/docs/page.md': text, '/s/docs/other.md': '# Other\n', '/s/docs/img/a.png': 'png', ...extra });
  const site = loadSite(host, '/s');
  return { host, site, renderer: createPageRenderer(host) };
}

describe('techdocs markdown: sane lists', () => {
  it('nests items indented by two under an ordered item, and leaves CommonMark nesting alone', () => {
    assert.deepStrictEqual(saneLists(['1. a', '  1. b', '    1. c', '2. d']), ['1. a', '   1. b', '      1. c', '2. d']);
    const commonmark = ['- a', '  - b', '    - c', '', '1. x', '   1. y'];
    assert.deepStrictEqual(saneLists(commonmark), commonmark);
  });

  it('never touches fenced code, even inside a list', () => {
    const lines = ['```', '1. a', '  1. b', '```', '1. item', '  1. sub', '     ```', '     1. code', '     ```'];
    assert.deepStrictEqual(saneLists(lines).slice(0, 4), lines.slice(0, 4));
    // The fence moves with its item, and what is inside it is never read as a list.
    assert.deepStrictEqual(saneLists(lines).slice(4), ['1. item', '   1. sub', '      ```', '      1. code', '      ```']);
  });
});

describe('techdocs markdown: snippets', () => {
  const host = memoryHost({ '/s/a.md': 'A1\n--8<-- "b.md"\nA3', '/s/b.md': 'B', '/s/loop.md': '--8<-- "loop.md"', '/x/secret.md': 'S' });
  const expand = (text: string) => {
    const problems: { code: string }[] = [];
    const out = expandSnippets(text, { host, siteDir: '/s', file: '/s/docs/p.md', problems: problems as never }, 10);
    return { ...out, codes: problems.map(p => p.code) };
  };

  it('expands nested snippets and maps output lines back to the page (-1 for included lines)', () => {
    const out = expand('top\n--8<-- "a.md"\nend');
    assert.deepStrictEqual(out.lines, ['top', 'A1', 'B', 'A3', 'end']);
    assert.deepStrictEqual(out.origin, [10, -1, -1, -1, 12]);
  });

  it('keeps indentation, refuses paths outside the site folder, stops loops', () => {
    assert.deepStrictEqual(expand('    --8<-- "b.md"').lines, ['    B']);
    assert.deepStrictEqual(expand('--8<-- "../x/secret.md"').codes, ['snippet-outside']);
    assert.deepStrictEqual(expand('--8<-- "loop.md"').codes, ['snippet-loop']);
    assert.deepStrictEqual(expand('--8<-- "loop.md"').lines, []);
  });
});

describe('techdocs markdown: headings, fences and symbols', () => {
  it('slugifies like Python-Markdown and numbers duplicates with _N', () => {
    assert.strictEqual(slugify('Hello, World! Ünïcödé & more'), 'hello-world-unicode-more');
    assert.strictEqual(slugify('  a -- b  '), 'a-b');
    assert.strictEqual(uniqueId('x', { x: true, x_1: true }), 'x_2');
    assert.strictEqual(uniqueId('', {}), '_1');
  });

  it('parses fence options in both forms', () => {
    assert.deepStrictEqual(parseFenceInfo('python title="a b.py" linenums="5" hl_lines="1 3-4"'), { lang: 'python', title: 'a b.py', start: 5, highlighted: new Set([1, 3, 4]) });
    assert.deepStrictEqual(parseFenceInfo('{ .yaml title="x" }'), { lang: 'yaml', title: 'x', start: 1, highlighted: new Set() });
    assert.strictEqual(parseFenceInfo('').lang, '');
  });

  it('splits highlighted HTML into lines with balanced spans', () => {
    assert.deepStrictEqual(splitHighlighted('<span class="s">"a\nb"</span> c\nd'), ['<span class="s">"a</span>', '<span class="s">b"</span> c', 'd']);
  });

  it('replaces smart symbols but not inside longer tokens', () => {
    assert.strictEqual(smartSymbols('a --> b (c) 3/4'), 'a → b © ¾');
    assert.strictEqual(smartSymbols('1/2/2024 and abc/o'), '1/2/2024 and abc/o');
  });

  it('computes relative URLs between site locations', () => {
    assert.strictEqual(relativeUrl('a/b/', ''), '../../');
    assert.strictEqual(relativeUrl('a/b/', 'a/c/'), '../c/');
    assert.strictEqual(relativeUrl('', 'img/x.png'), 'img/x.png');
    assert.strictEqual(relativeUrl('a/', 'a/'), './');
  });
});

describe('techdocs renderer: page data', () => {
  it('gives toc entries with file lines, skipping front matter and snippet lines', () => {
    const { site, renderer } = onePage('---\ntitle: T\n---\n# One\n\n--8<-- "snip.md"\n\n## Two {#second}\n', { '/s/snip.md': '## From snippet\n' });
    const page = renderer.render(site, 'page.md');
    assert.deepStrictEqual(page.toc, [
      { level: 1, id: 'one', title: 'One', line: 3 },
      { level: 2, id: 'from-snippet', title: 'From snippet', line: -1 },
      { level: 2, id: 'second', title: 'Two', line: 7 },
    ]);
    assert.strictEqual(page.title, 'T');
  });

  it('writes data-line on blocks only when asked', () => {
    const { site, renderer } = onePage('# A\n\npara\n\n```js\nx\n```\n\n- item\n');
    assert.doesNotMatch(renderer.render(site, 'page.md').html, /data-line/);
    const html = renderer.render(site, 'page.md', { sourceLines: true }).html;
    assert.match(html, /<h1 id="a" data-line="0">/);
    assert.match(html, /<p data-line="2">para/);
    assert.match(html, /<div class="highlight language-js" data-line="4">/);
    assert.match(html, /<ul data-line="8">/);
  });

  it('builds search entries for the page and each section, in MkDocs index format', () => {
    const { site, renderer } = onePage('# Title\n\nIntro `code`.\n\n## Part\n\nMore text.\n');
    const entries = renderer.render(site, 'page.md').search;
    assert.deepStrictEqual(entries, [
      { pageId: 'page.md', title: 'Title', text: 'Title Intro code. Part More text.' },
      { pageId: 'page.md', anchor: 'title', title: 'Title', text: 'Intro code.' },
      { pageId: 'page.md', anchor: 'part', title: 'Part', text: 'More text.' },
    ]);
    assert.deepStrictEqual(searchIndex(entries).docs.map(d => d.location), ['page/', 'page/#title', 'page/#part']);
  });

  it('flags pages with Mermaid so the viewer loads it only there', () => {
    const { site, renderer } = onePage('```mermaid\ngraph TD; A-->B\n```\n');
    assert.strictEqual(renderer.render(site, 'page.md').hasMermaid, true);
    assert.strictEqual(renderer.render(site, 'other.md').hasMermaid, false);
  });

  it('renders unsaved text instead of the file', () => {
    const { site, renderer } = onePage('# On disk\n');
    assert.match(renderer.render(site, 'page.md', { text: '# Unsaved\n' }).html, /Unsaved/);
  });

  it('maps page links and assets through the host URL mapper (the preview)', () => {
    const urls: UrlMapper = { page: (id, _from, anchor) => `page:${id}${anchor ? `#${anchor}` : ''}`, asset: p => `https://file+.vscode-resource.vscode-cdn.net/s/docs/${p}` };
    const { site, renderer } = onePage('[o](other.md#x) ![i](img/a.png) <img src="../img/a.png">\n');
    const html = renderer.render(site, 'page.md', { urls, extraSchemes: ['page'] }).html;
    assert.match(html, /href="page:other.md#x" data-page="other.md"/);
    assert.strictEqual((html.match(/src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/s\/docs\/img\/a\.png"/g) ?? []).length, 2);
  });

  it('keeps iframes only where the policy allows, sandboxed', () => {
    const { site, renderer } = onePage('<iframe src="https://www.youtube.com/embed/x"></iframe>\n<iframe src="http://insecure.example/x"></iframe>\n');
    const none = renderer.render(site, 'page.md').html;
    assert.doesNotMatch(none, /<iframe/);
    const hosts = renderer.render(site, 'page.md', { iframes: ['youtube.com'] }).html;
    assert.match(hosts, /<iframe src="https:\/\/www\.youtube\.com\/embed\/x"[^>]*sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"/);
    assert.strictEqual((hosts.match(/<iframe/g) ?? []).length, 1, 'plain http iframes never pass');
    assert.strictEqual((renderer.render(site, 'page.md', { iframes: ['example.org'] }).html.match(/<iframe/g) ?? []).length, 0);
  });

  it('writes techdocs_metadata.json as the publisher expects', () => {
    const { site } = onePage('');
    const meta = techdocsMetadata(site.config, ['index.html', 'a/index.html'], 1700000000000, 'abc');
    assert.deepStrictEqual(meta, { site_name: 'S', site_description: 'None', build_timestamp: 1700000000000, files: ['a/index.html', 'index.html', 'techdocs_metadata.json'], etag: 'abc' });
  });
});

describe('techdocs markdown: critic marks', () => {
  it('keeps file lines through the marks: joined lines, an added paragraph break, a comment over lines', () => {
    const out = criticSource(['a {>>one', 'two<<} b', 'c{++', '', '++}d', 'e'], [10, 11, 12, 13, 14, 15]);
    assert.deepStrictEqual(out?.comments, ['one\ntwo']);
    assert.deepStrictEqual(out?.lines.length, out?.origin.length);
    assert.deepStrictEqual(out?.lines, ['a \uFDDB0\uFDDC b', 'c', '', '\uFDD9', '', 'd', 'e']);
    assert.deepStrictEqual(out?.origin, [10, 12, 14, 14, 14, 14, 15]);
    assert.strictEqual(criticSource(['no marks here', '{+ not one +}'], [0, 1]), undefined);
  });

  it('writes data-line, toc and search from the text without the marks', () => {
    const { site, renderer } = onePage('{>>a\ncomment<<}\n\n# Title {++new++}\n\nBody {--old--} text.\n');
    const page = renderer.render(site, 'page.md', { sourceLines: true });
    assert.match(page.html, /<h1 id="title-new" data-line="3">Title <ins class="critic">new<\/ins>/);
    assert.deepStrictEqual(page.toc.map(t => [t.title, t.line]), [['Title new', 3]]);
    assert.deepStrictEqual(page.search[0].text, 'Title new Body old text.');
  });

  it('marks up raw HTML blocks (then sanitized) and leaves raw tags, code and characters of its own alone', () => {
    const { site, renderer } = onePage('<div markdown>{++in html++}</div>\n\nA <span title="{++x++}">tag</span> and \uFDD0 as text, `{--code--}`.\n');
    const html = renderer.render(site, 'page.md').html;
    assert.match(html, /<div><ins class="critic">in html<\/ins><\/div>/);
    assert.match(html, /<span title="\{\+\+x\+\+\}">tag<\/span>/);
    assert.match(html, /and \uFFFD as text, <code>\{--code--\}<\/code>/);
  });
});

describe('techdocs markdown: which container syntaxes a site enables', () => {
  const featuresOf = (yml: string) => markdownFeatures(parseMkDocsConfig(yml, '/s/mkdocs.yml').config);

  it('enables !!!, ??? and === by default, the /// blocks with use_pymdownx_blocks', () => {
    const plain = featuresOf('site_name: S\nplugins: [techdocs-core]\n');
    assert.deepStrictEqual([plain.admonition, plain.details, plain.tabbed, plain.blockTabs, plain.blockAdmonitions, plain.blockDetails], [true, true, true, false, undefined, undefined]);
    const blocks = featuresOf('site_name: S\nplugins:\n  - techdocs-core:\n      use_pymdownx_blocks: true\n');
    assert.deepStrictEqual([blocks.admonition, blocks.details, blocks.tabbed, blocks.blockTabs], [false, false, false, true]);
    assert.deepStrictEqual(blocks.blockAdmonitions?.map(t => t.name).slice(0, 3), ['new', 'settings', 'note']);
    assert.deepStrictEqual(blocks.blockDetails?.find(t => t.name === 'details-tip'), { name: 'details-tip', className: 'tip' });
  });

  it('keeps an extension the author lists, and the types the author gives', () => {
    const both = featuresOf("site_name: S\nplugins:\n  - techdocs-core:\n      use_pymdownx_blocks: true\nmarkdown_extensions:\n  - admonition\n  - pymdownx.blocks.admonition:\n      types: [note, {name: careful, class: warning, title: Take care}]\n");
    assert.strictEqual(both.admonition, true);
    assert.deepStrictEqual(both.blockAdmonitions, [{ name: 'note', className: 'note' }, { name: 'careful', className: 'warning', title: 'Take care' }]);
    const tabsOnly = featuresOf('site_name: S\nmarkdown_extensions: [pymdownx.blocks.tab]\n');
    assert.deepStrictEqual([tabsOnly.tabbed, tabsOnly.blockTabs, tabsOnly.blockAdmonitions], [true, true, undefined]);
  });

  it('reads the techdocs-core options and reports bad ones on their line', () => {
    const { config, problems } = parseMkDocsConfig('site_name: S\nplugins:\n  - search\n  - techdocs-core:\n      use_pymdownx_blocks: "yes"\n      colour: red\n', '/s/mkdocs.yml');
    assert.deepStrictEqual(config.techdocsCore, { useMaterialSearch: false, usePymdownxBlocks: false });
    assert.deepStrictEqual(problems.map(p => `${p.severity} ${p.code} ${p.line}`), ['error mkdocs-plugin-option-invalid 3', 'warning mkdocs-plugin-option-unknown 3']);
    assert.strictEqual(parseMkDocsConfig('site_name: S\nplugins:\n  - techdocs-core:\n      use_material_search: true\n', '/m.yml').config.techdocsCore.useMaterialSearch, true);
  });
});
