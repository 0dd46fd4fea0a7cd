// Headless Debian Chromium driven by playwright-core, and the workbench URL that loads an extension under test.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext } from 'playwright-core';
import { track } from './cleanup';
import type { CodeServer } from './codeServer';
import { hostPaths } from './paths';

/** No sync, no component updates, no background requests: the machine may only reach package registries. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
  '--password-store=basic',
  '--disable-breakpad',
];

export interface BrowserOptions {
  viewport?: { width: number; height: number };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with its profile inside the server's throwaway folder. */
export async function launchBrowser(server: CodeServer, options: BrowserOptions = {}): Promise<Browser> {
  const home = path.join(server.tmp, 'chromium-home');
  fs.mkdirSync(path.join(home, 'run'), { recursive: true, mode: 0o700 });
  const context = await chromium.launchPersistentContext(path.join(server.tmp, 'chromium-profile'), {
    executablePath: hostPaths().chromium,
    // Crash-report folders and dconf caches go into the throwaway folder, not the user's home.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_RUNTIME_DIR: path.join(home, 'run'),
    },
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [...CHROMIUM_ARGS],
    // Signals are handled by the harness (cleanup.ts), which closes the browser before stopping code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await context.close();
    } catch {
      // already gone
    }
  };
  const release = track({ name: 'chromium', dispose: close, disposeSync: () => undefined });
  return { context, close: release };
}

export interface WorkbenchUrlOptions {
  extensionDevelopmentPath?: string | string[];
  extensionTestsPath?: string;
}

/**
 * The workbench URL. Development and test paths are given as vscode-remote:// URIs in the `payload` parameter so
 * that they load in the server's (Node) extension host; the server must run with the smoke-test driver option.
 */
export function workbenchUrl(server: CodeServer, options: WorkbenchUrlOptions = {}): string {
  const remote = (p: string): string => `vscode-remote://${server.authority}${path.resolve(p)}`;
  const payload: [string, string][] = [];
  const devPaths = options.extensionDevelopmentPath === undefined ? [] : ([] as string[]).concat(options.extensionDevelopmentPath);
  for (const p of devPaths) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  const query = `folder=${encodeURIComponent(server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return `${server.endpoint}/?${query}`;
}
