// Browser-level smoke check of the workbench with Catwalk loaded from the project folder: the command palette
// knows "Catwalk: Show Log", running it shows the Catwalk log, and screenshots in the light and dark themes.
import { checkRunner, fixtureSession, runBrowserSessions, type Check, type Workbench } from '../harness';

export interface SmokeResult {
  passed: number;
  failed: number;
  screenshots: string[];
}

export async function runWorkbenchSmoke(options: { verbose?: boolean; timeoutSec?: number } = {}): Promise<SmokeResult> {
  const result: SmokeResult = { passed: 0, failed: 0, screenshots: [] };
  const check = checkRunner(result);
  // A session per theme, each opened in its theme: a live switch depends on a
  // settings file watcher that can lag on a busy machine.
  await runBrowserSessions('Workbench with Catwalk', result, extensionPath =>
    (['light', 'dark'] as const).map(theme => ({
      name: theme,
      options: fixtureSession(extensionPath, theme, { verbose: options.verbose, timeoutSec: options.timeoutSec ?? 150 }),
      run: wb => smokeChecks(wb, theme, check, result),
    })),
  );
  return result;
}

/** Opens the fixture's descriptor, shows the Catwalk log and takes the theme's picture. */
async function smokeChecks(wb: Workbench, theme: 'light' | 'dark', check: Check, result: SmokeResult): Promise<void> {
  const { page } = wb;
  const panel = page.locator('.part.panel');

  await check(`opens catalog-info.yaml from the fixture workspace (${theme})`, async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10000 });
    await input.fill('catalog-info.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'catalog-info.yaml' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container .tab', { hasText: 'catalog-info.yaml' }).first().waitFor({ timeout: 15000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'catwalk-fixture-service' }).first().waitFor({ timeout: 15000 });
  });

  await check(`"Catwalk: Show Log" runs from the command palette and shows the Catwalk log (${theme})`, async () => {
    await wb.runCommand('Catwalk: Show Log');
    await panel.locator('.view-lines', { hasText: 'activated' }).first().waitFor({ timeout: 20000 });
    const text = await panel.innerText();
    if (!/Catwalk/.test(text)) throw new Error('the output panel does not show the Catwalk channel');
  });

  await check(`screenshot in the ${theme} theme`, async () => {
    const base = theme === 'light' ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark';
    await page.locator(base).first().waitFor({ timeout: 15000 });
    result.screenshots.push(await wb.screenshot(`workbench-${theme}`));
  });
}
