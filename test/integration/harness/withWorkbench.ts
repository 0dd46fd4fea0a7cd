// Browser-level checks of the real workbench: a headless Chromium on a throwaway code-server, with the extension
// under development loaded, helpers for the command palette, color themes and screenshots into test-results/.
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, workbenchUrl, type Browser } from './browser';
import { formatLogArgs } from './runExtensionTests';
import { startCodeServer, type CodeServer } from './codeServer';
import { assertHostInstalled, resultsDir } from './paths';

/** 'light' and 'dark' are VS Code 1.139's default themes; any other value is a theme id (workbench.colorTheme). */
export type ThemeName = 'light' | 'dark' | (string & {});

const THEME_IDS: Record<string, string> = { light: 'Light 2026', dark: 'Dark 2026' };
/** Class the workbench element gets for a theme's base type. */
const THEME_BASE_CLASS: Record<string, string> = { light: 'vs', dark: 'vs-dark' };

export function themeId(theme: ThemeName): string {
  return THEME_IDS[theme] ?? theme;
}

export interface WorkbenchOptions {
  /** Extension folder(s) to load as under development (needs the smoke-test driver, on by default). */
  extensionDevelopmentPath?: string | string[];
  /** Folder to open; copied to a temp folder first unless copyWorkspace is false. */
  workspace?: string;
  copyWorkspace?: boolean;
  /** Initial color theme, written to the user settings before the workbench opens. */
  theme?: ThemeName;
  /** More user settings. */
  settings?: Record<string, unknown>;
  /** Default: on when extensionDevelopmentPath is given. It hides notification toasts (the center still has them). */
  smokeTestDriver?: boolean;
  viewport?: { width: number; height: number };
  /** Limit for the whole session, including fn. Default 180. */
  timeoutSec?: number;
  /** Where screenshot() writes. Default <project>/test-results. */
  resultsDir?: string;
  env?: Record<string, string>;
  verbose?: boolean;
}

export interface Workbench {
  page: Page;
  context: BrowserContext;
  server: CodeServer;
  /** Workbench log lines received so far (includes the extension host's console). */
  logs: string[];
  /** Saves a full-window PNG as <resultsDir>/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Switches the color theme through the user settings file and waits until the workbench shows it. */
  setTheme(theme: ThemeName): Promise<void>;
  /** Merges settings into the user settings file (the workbench applies them live). */
  updateSettings(patch: Record<string, unknown>): void;
  /** Runs a command through the command palette by its visible title, e.g. 'Catwalk: Show Log'. */
  runCommand(title: string): Promise<void>;
  /** Resolves when the workbench has restored (editors, views, contributions). */
  whenRestored(): Promise<void>;
}

async function waitForThemeClass(page: Page, theme: ThemeName, timeout = 15000): Promise<void> {
  const cls = THEME_BASE_CLASS[theme];
  if (!cls) return;
  await page.locator(`.monaco-workbench.${cls}`).first().waitFor({ timeout });
}

/** Chooses a color theme with "Preferences: Color Theme", as a person would. */
async function selectThemeInPicker(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ timeout: 10000 });
  await input.fill('>Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Color Theme' }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  await input.fill(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

export async function withWorkbench<T>(options: WorkbenchOptions, fn: (wb: Workbench) => Promise<T>): Promise<T> {
  assertHostInstalled();
  const devPaths = options.extensionDevelopmentPath === undefined ? [] : ([] as string[]).concat(options.extensionDevelopmentPath);
  const verbose = !!options.verbose;
  const outDir = options.resultsDir ?? resultsDir;
  const timeoutMs = (options.timeoutSec ?? 180) * 1000;

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  const release = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
  };
  const session = async (): Promise<T> => {
    server = await startCodeServer({
      workspace: options.workspace,
      copyWorkspace: options.copyWorkspace,
      settings: { ...(options.theme ? { 'workbench.colorTheme': themeId(options.theme) } : {}), ...options.settings },
      smokeTestDriver: options.smokeTestDriver ?? devPaths.length > 0,
      env: options.env,
      verbose,
    });
    const srv = server;
    browser = await launchBrowser(srv, { viewport: options.viewport });
    const { context } = browser;
    const logs: string[] = [];
    await context.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = formatLogArgs(args);
      logs.push(`[${type}] ${text}`);
      if (verbose) process.stdout.write(`[workbench ${type}] ${text}\n`);
    });
    const page = context.pages()[0] ?? (await context.newPage());
    if (verbose) page.on('console', (m) => process.stdout.write(`[browser ${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));

    const whenRestored = async (): Promise<void> => {
      await page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.statusbar').first().waitFor({ timeout: 60000 });
      // The smoke-test driver exposes window.driver; without it the DOM is all there is.
      const hasDriver = await page.evaluate(() => 'driver' in globalThis);
      if (hasDriver) {
        await page.evaluate(() => (globalThis as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver.whenWorkbenchRestored());
      }
    };

    const wb: Workbench = {
      page,
      context,
      server: srv,
      logs,
      async screenshot(name) {
        fs.mkdirSync(outDir, { recursive: true });
        const file = path.join(outDir, name.endsWith('.png') ? name : `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async setTheme(theme) {
        srv.updateSettings({ 'workbench.colorTheme': themeId(theme) });
        try {
          await waitForThemeClass(page, theme);
        } catch {
          // The settings file is read through a file watcher, which can lag on a busy machine:
          // pick the theme through the workbench's own theme picker instead.
          await selectThemeInPicker(page, themeId(theme));
          await waitForThemeClass(page, theme);
        }
        // Let the theme's colors reach every part before anyone takes a picture.
        await page.waitForTimeout(500);
      },
      updateSettings(patch) {
        srv.updateSettings(patch);
      },
      async runCommand(title) {
        const input = page.locator('.quick-input-widget input');
        await page.keyboard.press('F1');
        await input.waitFor({ timeout: 10000 });
        await input.fill(`>${title}`);
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ timeout: 10000 });
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
      },
      whenRestored,
    };

    await page.goto(workbenchUrl(srv, { extensionDevelopmentPath: devPaths }));
    await whenRestored();
    if (options.theme) await waitForThemeClass(page, options.theme);
    return fn(wb);
  };

  const running = session();
  try {
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`workbench session did not finish within ${timeoutMs / 1000}s`)), timeoutMs);
    });
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
    await release();
    // A session cut short by the timeout may still be starting something: let it settle, then release that too.
    await Promise.race([running.then(noop, noop), new Promise((resolve) => setTimeout(resolve, 65000).unref())]);
    await release();
  }
}

function noop(): void {
  // nothing
}
