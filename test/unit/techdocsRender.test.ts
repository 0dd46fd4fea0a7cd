// Golden tests of the TechDocs renderer: every page in test/fixtures/techdocs/golden/ is
// rendered as docs/golden/<name>.md of the golden site and compared with <name>.html; the
// pages of golden-blocks/ likewise in a site with `use_pymdownx_blocks: true`.
// CATWALK_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createPageRenderer, loadSite, RenderedPage } from '../../src/core/techdocs';
import { memoryHost, MemoryHost } from './helpers/memoryHost';

const FIXTURES = path.resolve(__dirname, '../fixtures/techdocs');
const GOLDEN = path.join(FIXTURES, 'golden');
const UPDATE = process.env.CATWALK_UPDATE_GOLDEN === '1';
export const SITE = '/golden/site';
/** Folders of golden pages and the site (in golden-site/) each is rendered in. */
const SUITES = [
  { dir: GOLDEN, site: SITE },
  { dir: path.join(FIXTURES, 'golden-blocks'), site: '/golden/blocks-site' },
];

/** Reads a folder of the disk into `{ '/prefix/rel/path': text }`. */
export function folderFiles(dir: string, prefix: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}/${e.name}`);
      else files[`${prefix}${rel}/${e.name}`] = fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return files;
}

/** The golden site in memory, with every golden page under docs/golden/. */
export function goldenHost(): MemoryHost {
  const files = folderFiles(path.join(FIXTURES, 'golden-site'), '/golden');
  for (const { dir, site } of SUITES) {
    for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.md'))) files[`${site}/docs/golden/${name}`] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return memoryHost(files);
}

/** The golden file's text: the HTML, then the problems one per line in a comment. */
function goldenText(page: RenderedPage): string {
  const problems = page.problems.map(p => `${p.severity} ${p.code}${p.line !== undefined ? ` line ${p.line + 1}` : ''}: ${p.message}`);
  return `${page.html.trimEnd()}\n${problems.length ? `<!-- problems\n${problems.join('\n')}\n-->\n` : ''}`;
}

/** Renders every page of a golden folder in its site and compares it with the expected file. */
function goldenPages(dir: string, siteDir: string, expected: string[]): void {
  const host = goldenHost();
  const site = loadSite(host, siteDir);
  const renderer = createPageRenderer(host);
  const names = fs.readdirSync(dir).filter(n => n.endsWith('.md')).map(n => n.slice(0, -3)).sort();

  it('has a golden page for every feature', () => {
    assert.deepStrictEqual(names, expected);
  });

  for (const name of names) {
    it(`renders ${name}.md as ${name}.html`, () => {
      const page = renderer.render(site, `golden/${name}.md`);
      const actual = goldenText(page);
      const file = path.join(dir, `${name}.html`);
      if (UPDATE || !fs.existsSync(file)) fs.writeFileSync(file, actual);
      assert.strictEqual(actual, fs.readFileSync(file, 'utf8'));
    });
  }
}

describe('techdocs renderer: golden pages', () => {
  goldenPages(GOLDEN, SITE, [
    'abbr', 'admonitions', 'assets', 'attr-list', 'code', 'critic', 'deflist', 'details', 'diagrams', 'emoji', 'footnotes', 'front-matter', 'github-alerts', 'headings',
    'hostile-html', 'hostile-markdown', 'inline-formatting', 'links', 'lists', 'magic-links', 'mermaid', 'smart-symbols', 'snippets', 'snippets-outside', 'tables', 'tabs', 'task-lists',
  ]);
});

describe('techdocs renderer: golden pages with pymdownx.blocks (use_pymdownx_blocks: true)', () => {
  goldenPages(SUITES[1].dir, SUITES[1].site, ['admonitions', 'details', 'not-blocks', 'tabs']);
});
