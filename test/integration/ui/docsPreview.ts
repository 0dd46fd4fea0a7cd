// Browser-level checks of the TechDocs preview in the real workbench, one session per color theme: a docs page of
// the fixture opened in the editor, "Catwalk: Open Docs Preview" run from the command palette, and the page checked
// inside the webview (admonition, highlighted code, table, a Mermaid diagram drawn as SVG, the theme's colors)
// before it is pictured (test-results/docs-preview-<theme>.png).
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { checkRunner, fixtureSession, runBrowserSessions, type Check, type Workbench } from '../harness';

export interface DocsPreviewUiResult {
  passed: number;
  failed: number;
  screenshots: string[];
}

/** The fixture's page (test/fixtures/workspace/docs/showcase.md) and what it holds. */
const PAGE_FILE = 'showcase.md';
const PAGE_TAB = 'Showcase · Catwalk Fixture Service';
const TABLE = { head: ['State', 'Next', 'Who moves it'], firstRow: ['placed', 'paid', 'payments'], rows: 2 };
const DIAGRAM_LABELS = ['Placed', 'Paid', 'Shipped'];

type Theme = 'light' | 'dark';

/** Runs a command from the palette; retried while the extension's contributions are still arriving. */
async function runCommand(wb: Workbench, title: string, attempts = 5): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await wb.runCommand(title);
    } catch (e) {
      await wb.page.keyboard.press('Escape');
      if (i >= attempts) throw e;
    }
  }
}

/** Opens a file of the workspace with Quick Open and waits for its editor. */
async function openFile(page: Page, name: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('Control+P');
  await input.waitFor({ timeout: 10000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-group-container .tab', { hasText: name }).first().waitFor({ timeout: 15000 });
  await page.locator('.editor-instance .view-lines', { hasText: 'Retries are safe' }).first().waitFor({ timeout: 15000 });
}

/** Waits until a visible webview shows the showcase page (a webview is an outer iframe with the page in #active-frame). */
async function waitForPreview(page: Page): Promise<FrameLocator> {
  const frames = page.locator('iframe.webview.ready');
  const end = Date.now() + 60000;
  for (;;) {
    const count = await frames.count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator(`iframe.webview.ready >> nth=${i}`).frameLocator('#active-frame');
      if ((await frame.locator('article.md-content h1#showcase').count()) > 0 && (await frames.nth(i).isVisible())) return frame;
    }
    if (Date.now() > end) throw new Error('no docs preview showing the showcase page became visible');
    await page.waitForTimeout(250);
  }
}

/** Waits for Mermaid's SVG in the page; a diagram Mermaid refused fails at once, with its reason. */
async function waitForDiagram(frame: FrameLocator): Promise<Locator> {
  const svg = frame.locator('article pre.mermaid[data-processed] svg');
  const failed = frame.locator('article pre.mermaid.cw-mermaid-error');
  await svg.or(failed).first().waitFor({ timeout: 60000 });
  if ((await failed.count()) > 0) throw new Error((await failed.first().getAttribute('title')) ?? 'Mermaid could not draw the diagram');
  return svg.first();
}

/** Relative luminance (WCAG) of a computed CSS color `rgb(r, g, b)` / `rgba(...)`. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(v => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  if (b === undefined) throw new Error(`not a color: ${color}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The computed CSS property of the first element `locator` matches. */
function computed(locator: Locator, property: string): Promise<string> {
  return locator.first().evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);
}

/** Throws unless the two lists of texts are the same. */
function expectTexts(what: string, actual: string[], expected: string[]): void {
  const clean = actual.map(t => t.trim());
  if (clean.join('|') !== expected.join('|')) throw new Error(`${what}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(clean)}`);
}

/** The page's blocks are drawn as the site theme draws them. */
async function checkBlocks(frame: FrameLocator, theme: Theme, check: Check): Promise<void> {
  const article = frame.locator('article.md-content');
  await check(`[${theme}] the admonition is drawn with its type, title and body`, async () => {
    const admonition = article.locator('div.admonition.note');
    await admonition.first().waitFor({ timeout: 10000 });
    const title = (await admonition.locator('.admonition-title').first().innerText()).trim();
    if (title !== 'Retries are safe') throw new Error(`the admonition's title is "${title}"`);
    if (!(await admonition.first().innerText()).includes('idempotency key')) throw new Error("the admonition's body is missing");
    // The site theme's colored edge, so it reads as a callout rather than a paragraph.
    if (parseFloat(await computed(admonition, 'border-left-width')) < 2) throw new Error('the admonition has no colored edge');
  });
  await check(`[${theme}] the Python block is highlighted: keyword and title spans, in a color of their own`, async () => {
    const code = article.locator('div.highlight.language-python code.hljs');
    await code.first().waitFor({ timeout: 10000 });
    const keywords = await code.locator('span.hljs-keyword').allInnerTexts();
    expectTexts('the keyword spans', keywords, ['def', 'if', 'return', 'return']);
    expectTexts('the function title', await code.locator('span.hljs-title').allInnerTexts(), ['charge']);
    if ((await code.locator('span.line').count()) !== 5) throw new Error('the block does not have its 5 numbered lines');
    const keyword = await computed(code.locator('span.hljs-keyword'), 'color');
    const plain = await computed(code, 'color');
    if (keyword === plain) throw new Error(`keywords have the text's color (${plain})`);
    const background = await computed(frame.locator('body'), 'background-color');
    if (contrast(keyword, background) < 3) throw new Error(`keywords (${keyword}) hardly show on the background (${background})`);
  });
  await check(`[${theme}] the Markdown table has its header and cells`, async () => {
    const table = article.locator('table');
    await table.first().waitFor({ timeout: 10000 });
    expectTexts('the header', await table.locator('thead th').allInnerTexts(), TABLE.head);
    expectTexts('the first row', await table.locator('tbody tr').first().locator('td').allInnerTexts(), TABLE.firstRow);
    const rows = await table.locator('tbody tr').count();
    if (rows !== TABLE.rows) throw new Error(`the table has ${rows} rows, expected ${TABLE.rows}`);
  });
}

/** The Mermaid diagram became an SVG with its nodes, drawn in the theme's colors. */
async function checkDiagram(frame: FrameLocator, theme: Theme, check: Check): Promise<void> {
  await check(`[${theme}] the Mermaid block became an SVG with its nodes and edges`, async () => {
    const svg = await waitForDiagram(frame);
    const nodes = svg.locator('g.node');
    const count = await nodes.count();
    if (count !== DIAGRAM_LABELS.length) throw new Error(`the diagram has ${count} nodes, expected ${DIAGRAM_LABELS.length}`);
    expectTexts('the node labels', (await nodes.allTextContents()).sort(), [...DIAGRAM_LABELS].sort());
    const edges = await svg.locator('path.flowchart-link').count();
    if (edges !== 2) throw new Error(`the diagram has ${edges} edges, expected 2`);
    const box = await svg.boundingBox();
    if (!box || box.width < 100 || box.height < 20) throw new Error(`the diagram is not drawn at a readable size (${JSON.stringify(box)})`);
    // Mermaid's theme follows the workbench's: light node shapes on a light page, dark ones on a dark page.
    const fill = await computed(nodes.locator('rect, polygon, path'), 'fill');
    const background = await computed(frame.locator('body'), 'background-color');
    if (luminance(fill) > 0.4 !== (luminance(background) > 0.4)) throw new Error(`the nodes (${fill}) are not in the page's theme (${background})`);
  });
}

/** Opens the preview on the showcase page, checks what it draws and takes the theme's picture. */
async function previewChecks(wb: Workbench, theme: Theme, check: Check, screenshots: string[]): Promise<void> {
  const { page } = wb;
  let frame: FrameLocator | undefined;
  await check(`[${theme}] "Catwalk: Open Docs Preview" opens the page being edited beside it`, async () => {
    await openFile(page, PAGE_FILE);
    await runCommand(wb, 'Catwalk: Open Docs Preview');
    await page.locator('.editor-group-container .tab', { hasText: PAGE_TAB }).first().waitFor({ timeout: 30000 });
    frame = await waitForPreview(page);
  });
  const shown = frame;
  if (!shown) return;
  await check(`[${theme}] the preview is in the workbench's theme`, async () => {
    await shown.locator(`body.vscode-${theme}`).waitFor({ timeout: 10000 });
    const background = luminance(await computed(shown.locator('body'), 'background-color'));
    if (background > 0.4 !== (theme === 'light')) throw new Error(`the page's background does not look ${theme}`);
  });
  await check(`[${theme}] beside the editor the page takes the preview's width, the site nav in its drawer`, async () => {
    // Half of a 1440-pixel window is narrow: the page alone, the nav behind the ☰ button.
    const width = await shown.locator('body').evaluate(() => window.innerWidth);
    const article = await shown.locator('article.md-content').boundingBox();
    if (!article || article.width < width * 0.6) throw new Error(`the page is ${article?.width ?? 0}px wide in a ${width}px preview`);
    const toggle = shown.locator('button[data-action="toggle-nav"]');
    await toggle.click({ timeout: 10000 });
    await shown.locator('.cw-nav a.cw-active', { hasText: 'Showcase' }).waitFor({ timeout: 10000 });
    await toggle.click();
    await shown.locator('.cw-nav').waitFor({ state: 'hidden', timeout: 10000 });
    await shown.locator('.cw-pager a.cw-prev', { hasText: 'Home' }).waitFor({ timeout: 10000 });
  });
  await checkBlocks(shown, theme, check);
  await checkDiagram(shown, theme, check);
  await check(`[${theme}] screenshot docs-preview-${theme}.png`, async () => {
    // The frame is laid out and painted before the picture.
    await shown.locator('body').evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    screenshots.push(await wb.screenshot(`docs-preview-${theme}`));
  });
}

export async function runDocsPreviewUi(options: { verbose?: boolean; timeoutSec?: number } = {}): Promise<DocsPreviewUiResult> {
  const result: DocsPreviewUiResult = { passed: 0, failed: 0, screenshots: [] };
  let picture: ((name: string) => Promise<string>) | undefined;
  // What the workbench showed when a check failed.
  const check = checkRunner(result, () => picture?.(`docs-preview-failure-${result.failed}`) ?? Promise.resolve());

  // A session per theme, each opened in its theme: the pictures never depend on a live theme switch.
  await runBrowserSessions('Docs preview', result, extensionPath =>
    (['light', 'dark'] as const).map(theme => ({
      name: theme,
      options: fixtureSession(extensionPath, theme, { viewport: { width: 1440, height: 960 }, verbose: options.verbose, timeoutSec: options.timeoutSec ?? 180 }),
      run: async wb => {
        picture = name => wb.screenshot(name);
        try {
          await previewChecks(wb, theme, check, result.screenshots);
        } finally {
          picture = undefined;
        }
      },
    })),
  );
  return result;
}
