// Browser-level check of the Catalog view: the Catwalk activity-bar container
// opened, a group expanded, entities drawn with their kind icons and problem
// markers, the status bar entry, and screenshots in the light and dark themes.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { checkRunner, fixtureSession, runBrowserSessions, type Check, type Workbench, type WorkbenchOptions } from '../harness';

export interface CatalogTreeUiResult {
  passed: number;
  failed: number;
  screenshots: string[];
}


/** The Catalog view's rows. */
function rows(page: Page, text: string) {
  return page.locator('.pane-body .monaco-list-row', { hasText: text });
}

/** Opens the Catwalk container from the activity bar. */
async function openCatwalk(page: Page): Promise<void> {
  await page.locator('.part.activitybar .action-item a[aria-label^="Catwalk"], .part.activitybar .action-item[aria-label^="Catwalk"]').first().click({ timeout: 20000 });
}

/** Drags the side bar's edge so descriptions fit. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width + 1;
  await page.mouse.move(edge, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Waits until the group row `label` shows `count` as its description. */
async function groupCount(page: Page, label: string, count: number): Promise<void> {
  const row = page.locator('.pane-body .monaco-list-row[aria-level="1"]', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  await row.locator('.label-description', { hasText: new RegExp(`^${count}$`) }).first().waitFor({ timeout: 10000 });
}

/** The count a group row shows. */
async function countOf(page: Page, label: string): Promise<number> {
  const row = page.locator('.pane-body .monaco-list-row[aria-level="1"]', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
  return Number(await row.locator('.label-description').first().textContent());
}

/** Expands a group row unless it is already open. */
async function expand(page: Page, label: string): Promise<void> {
  const row = rows(page, label).first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.locator(`.pane-body .monaco-list-row[aria-expanded="true"]`, { hasText: label }).first().waitFor({ timeout: 10000 });
}

type Options = { verbose?: boolean; timeoutSec?: number };

export async function runCatalogTreeUi(options: Options = {}): Promise<CatalogTreeUiResult> {
  const result: CatalogTreeUiResult = { passed: 0, failed: 0, screenshots: [] };
  const check = checkRunner(result);
  // A session per theme, each opened in its theme: the pictures never depend on a live theme switch.
  await runBrowserSessions('Catalog view', result, (extensionPath, linkDir) => [
    { name: 'light', run: wb => catalogChecks(wb, 'light', check, result), options: session(extensionPath, 'light', options) },
    { name: 'dark', run: wb => catalogChecks(wb, 'dark', check, result), options: session(extensionPath, 'dark', options) },
    { name: 'welcome', run: wb => welcomeChecks(wb, check, result), options: { ...session(extensionPath, 'light', options), workspace: emptyWorkspace(linkDir) } },
  ]);
  return result;
}

function session(extensionPath: string, theme: 'light' | 'dark', options: Options): WorkbenchOptions {
  return fixtureSession(extensionPath, theme, { viewport: { width: 1280, height: 800 }, verbose: options.verbose, timeoutSec: options.timeoutSec ?? 150 });
}

/** The tree over the fixture catalog: groups, an expanded group, icons, markers, tooltip, status bar; a screenshot. */
async function catalogChecks(wb: Workbench, theme: string, check: Check, result: CatalogTreeUiResult): Promise<void> {
  const { page } = wb;
  const opened = await check(`${theme}: the Catwalk activity-bar container shows the Catalog grouped by kind`, async () => {
    await openCatwalk(page);
    for (const group of ['Components', 'APIs', 'Systems', 'Groups']) await rows(page, group).first().waitFor({ timeout: 30000 });
  });
  if (!opened) return;
  await check(`${theme}: a group expands into entities with kind icons and problem markers`, async () => {
    await expand(page, 'Components');
    await expand(page, 'APIs');
    await rows(page, 'Catwalk Fixture Service').first().locator('.codicon-package').waitFor({ timeout: 10000 });
    await rows(page, 'Fixture API').first().locator('.codicon-plug').waitFor({ timeout: 10000 });
    // The color and badge the decoration provider gives an entity with an error.
    await rows(page, 'legacy-cron').first().locator('[class*="monaco-decoration-item"]').first().waitFor({ timeout: 10000 });
  });
  await check(`${theme}: the status bar shows the entity and problem counts`, async () => {
    await page.locator('.statusbar-item', { has: page.locator('.codicon-book') }).first().waitFor({ timeout: 10000 });
  });
  await check(`${theme}: hovering an entity shows its Markdown tooltip; screenshot`, async () => {
    await widenSideBar(page, 460);
    await rows(page, 'Fixture API').first().hover();
    await page.locator('.monaco-hover, .workbench-hover', { hasText: 'api:default/fixture-api' }).first().waitFor({ timeout: 10000 });
    result.screenshots.push(await wb.screenshot(`tree-${theme}`));
  });
  if (theme === 'light') await liveChecks(wb, check);
}

/**
 * Files created and deleted on disk reach the drawn tree: a new entity of a shown kind raises its
 * group's count and appears in the open group; one of a new kind adds its group; deleting both
 * takes everything back.
 */
async function liveChecks(wb: Workbench, check: Check): Promise<void> {
  const { page, server } = wb;
  const apiFile = path.join(server.workspace, 'apis', 'live-api.yaml');
  const templateFile = path.join(server.workspace, 'live-template.yaml');
  let apis = 0;
  await check('light: a new file on disk raises the group count and shows its entity in the open group', async () => {
    apis = await countOf(page, 'APIs');
    fs.writeFileSync(apiFile, 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: live-api\n  title: Live API\nspec:\n  type: openapi\n  lifecycle: production\n  owner: platform-team\n  definition: "openapi: 3.0.0"\n');
    await groupCount(page, 'APIs', apis + 1);
    await rows(page, 'Live API').first().waitFor({ timeout: 10000 });
  });
  await check('light: an entity of a new kind adds its group', async () => {
    fs.writeFileSync(templateFile, 'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: live-template\nspec:\n  type: service\n  owner: platform-team\n  steps: []\n');
    await groupCount(page, 'Templates', 1);
  });
  await check('light: deleting the files takes the entities, the count and the group away', async () => {
    fs.rmSync(apiFile);
    fs.rmSync(templateFile);
    await groupCount(page, 'APIs', apis);
    await rows(page, 'Live API').first().waitFor({ state: 'detached', timeout: 10000 });
    await page.locator('.pane-body .monaco-list-row[aria-level="1"]', { hasText: 'Templates' }).first().waitFor({ state: 'detached', timeout: 10000 });
  });
}

/** A folder with no catalog in it, inside `parent`. */
function emptyWorkspace(parent: string): string {
  const empty = path.join(parent, 'no-catalog');
  fs.mkdirSync(empty);
  fs.writeFileSync(path.join(empty, 'README.md'), '# Not a catalog\n');
  return empty;
}

/** Without a catalog, the Catalog view offers to create one, open a folder or read the docs. */
async function welcomeChecks(wb: Workbench, check: Check, result: CatalogTreeUiResult): Promise<void> {
  const { page } = wb;
  await check('no catalog: the welcome view offers Create catalog-info.yaml, Open a Catalog Folder and the docs', async () => {
    await openCatwalk(page);
    const welcome = page.locator('.welcome-view-content', { hasText: 'No Backstage catalog found' }).first();
    await welcome.waitFor({ timeout: 30000 });
    for (const button of ['Create catalog-info.yaml', 'Open a Catalog Folder']) await welcome.locator('.monaco-button', { hasText: button }).first().waitFor({ timeout: 5000 });
    await welcome.locator('a', { hasText: 'descriptor format docs' }).first().waitFor({ timeout: 5000 });
    result.screenshots.push(await wb.screenshot('tree-welcome'));
  });
}
