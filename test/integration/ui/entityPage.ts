// Browser-level checks of the entity page in the real workbench, one session per color theme: opened from the
// command palette, its sections drawn, pictured (test-results/entity-page-<theme>.png), a graph node clicked,
// and the pages restored after a window reload.
import type { FrameLocator, Page } from 'playwright-core';
import { checkRunner, fixtureSession, runBrowserSessions, type Check, type ThemeName, type Workbench } from '../harness';

export interface EntityPageUiResult {
  passed: number;
  failed: number;
  screenshots: string[];
}


const ENTITY_TITLE = 'Storefront Web';

/** One session per theme, each set before the workbench opens. */
const SESSIONS: { theme: ThemeName; picture: string; bodyClass: string; more?: typeof clickAndReload }[] = [
  { theme: 'light', picture: 'entity-page-light', bodyClass: 'vscode-light' },
  { theme: 'dark', picture: 'entity-page-dark', bodyClass: 'vscode-dark', more: clickAndReload },
  { theme: 'Default High Contrast', picture: 'entity-page-high-contrast', bodyClass: 'vscode-high-contrast' },
];

/** Waits until a visible webview shows the entity page titled `title` (a webview is an outer iframe with the page in #active-frame). */
async function waitForHeading(page: Page, title: string): Promise<FrameLocator> {
  const frames = page.locator('iframe.webview.ready');
  const end = Date.now() + 30000;
  for (;;) {
    const count = await frames.count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator(`iframe.webview.ready >> nth=${i}`).frameLocator('#active-frame');
      const h1 = frame.locator('main[data-status="entity"] h1');
      if ((await h1.count()) > 0 && (await h1.first().innerText()) === title && (await frames.nth(i).isVisible())) return frame;
    }
    if (Date.now() > end) throw new Error(`no entity page titled "${title}" became visible`);
    await page.waitForTimeout(200);
  }
}

/**
 * Moves the keyboard focus out of a webview (whose frame keeps the keys to itself) with a click on the empty end
 * of the Explorer's list: a real click, as focus() from the page does not take the focus back from a frame.
 */
async function focusWorkbench(page: Page): Promise<void> {
  const list = page.locator('.part.sidebar .monaco-list').first();
  const box = await list.boundingBox();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
}

/** Runs a command from the palette; retried while the extension's contributions are still arriving. */
async function runFromPalette(page: Page, title: string, attempts = 6): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let i = 1; ; i++) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 10000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5000 });
      break;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (i >= attempts) throw e;
    }
  }
  await page.keyboard.press('Enter');
}

/** Runs "Catwalk: Open Entity Page" from the palette and picks the entity in its quick pick. */
async function openFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await runFromPalette(page, 'Catwalk: Open Entity Page');
  // The command's own quick pick lists the catalog (once it has been read); the list only draws the rows in view.
  await page.locator('.quick-input-widget input[placeholder="Open the page of an entity"]').waitFor({ timeout: 10000 });
  await input.fill(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
}

/** Opens the page, checks what it draws and takes the theme's picture; the frame showing it, if it opened. */
async function openAndPicture(wb: Workbench, session: (typeof SESSIONS)[number], check: Check, screenshots: string[]): Promise<FrameLocator | undefined> {
  const { page } = wb;
  let frame: FrameLocator | undefined;
  await check(`[${session.theme}] "Catwalk: Open Entity Page" from the command palette shows the entity page`, async () => {
    await openFromPalette(page, ENTITY_TITLE);
    await page.locator('.editor-group-container .tab', { hasText: ENTITY_TITLE }).first().waitFor({ timeout: 15000 });
    frame = await waitForHeading(page, ENTITY_TITLE);
  });
  const shown = frame;
  if (!shown) return undefined;
  await check(`[${session.theme}] the page draws About, relations, the graph and the problem in the theme`, async () => {
    await shown.locator(`body.${session.bodyClass}`).waitFor({ timeout: 10000 });
    await shown.locator('[data-section="about"] .ref-link', { hasText: 'Web Team' }).first().waitFor({ timeout: 10000 });
    await shown.locator('.relation-group dt', { hasText: 'consumes API' }).first().waitFor({ timeout: 5000 });
    await shown.locator('.graph-svg .node.current').first().waitFor({ timeout: 5000 });
    await shown.locator('.graph-svg .node.missing').first().waitFor({ timeout: 5000 });
    await shown.locator('.problem', { hasText: 'legacy-cache' }).first().waitFor({ timeout: 5000 });
    // The codicon font reached the toolkit's icons through the strict CSP.
    const iconWidth = await shown.locator('.header-icon vscode-icon').first().evaluate(el => el.getBoundingClientRect().width);
    if (iconWidth < 16) throw new Error('the header icon did not render');
  });
  if (session.theme === 'light') await check('the strict CSP holds in the page: an inline style is refused', () => cspRefusesInlineStyle(shown));
  await check(`[${session.theme}] screenshot ${session.picture}.png`, async () => {
    await page.waitForTimeout(300);
    screenshots.push(await wb.screenshot(session.picture));
  });
  return shown;
}

/** Adds an element with a style attribute inside the page and expects the CSP to block it (no 'unsafe-inline'). */
async function cspRefusesInlineStyle(shown: FrameLocator): Promise<void> {
  const verdict = await shown.locator('body').evaluate(
    body =>
      new Promise<string>(resolve => {
        const probe = document.createElement('div');
        document.addEventListener('securitypolicyviolation', e => resolve(`blocked by ${e.violatedDirective}`), { once: true });
        setTimeout(() => resolve(probe.style.color === 'red' && getComputedStyle(probe).color === 'rgb(255, 0, 0)' ? 'applied' : 'not applied'), 2000);
        probe.setAttribute('style', 'color: red');
        body.append(probe);
        probe.remove();
      }),
  );
  if (!verdict.startsWith('blocked by style-src')) throw new Error(`an inline style was ${verdict}`);
}

/** A graph node opens its entity's page; both pages come back after a window reload (the panel serializer). */
async function clickAndReload(wb: Workbench, shown: FrameLocator, check: Check): Promise<void> {
  const { page } = wb;
  await check("a click on a graph node opens that entity's page", async () => {
    await shown.locator('.graph-svg .node[data-node="api:default/cart-api"]').first().click();
    await page.locator('.editor-group-container .tab', { hasText: 'Cart API' }).first().waitFor({ timeout: 15000 });
    await waitForHeading(page, 'Cart API');
  });
  await check('the pages come back after a window reload', async () => {
    const reloaded = page.waitForEvent('framenavigated', { predicate: f => f === page.mainFrame(), timeout: 30000 });
    await runFromPalette(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForLoadState('domcontentloaded');
    await wb.whenRestored();
    await page.locator('.editor-group-container .tab', { hasText: ENTITY_TITLE }).first().waitFor({ timeout: 30000 });
    await page.locator('.editor-group-container .tab', { hasText: 'Cart API' }).first().waitFor({ timeout: 30000 });
    await waitForHeading(page, 'Cart API');
  });
}

export async function runEntityPageUi(options: { verbose?: boolean; timeoutSec?: number } = {}): Promise<EntityPageUiResult> {
  const result: EntityPageUiResult = { passed: 0, failed: 0, screenshots: [] };
  let picture: ((name: string) => Promise<string>) | undefined;
  // What the workbench showed when a check failed.
  const check = checkRunner(result, () => picture?.(`entity-page-failure-${result.failed}`) ?? Promise.resolve());

  await runBrowserSessions('Entity page', result, extensionPath =>
    SESSIONS.map(session => ({
      name: session.theme,
      options: fixtureSession(extensionPath, session.theme, { viewport: { width: 1440, height: 960 }, verbose: options.verbose, timeoutSec: options.timeoutSec ?? 180 }),
      run: async (wb: Workbench) => {
        picture = name => wb.screenshot(name);
        try {
          const shown = await openAndPicture(wb, session, check, result.screenshots);
          if (shown && session.more) await session.more(wb, shown, check);
        } finally {
          picture = undefined;
        }
      },
    })),
  );
  return result;
}

