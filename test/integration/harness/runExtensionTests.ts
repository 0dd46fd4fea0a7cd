// Runs a test module INSIDE the real VS Code extension host (code-server's Node extension host), the contract of
// @vscode/test-electron: extensionTestsPath exports `run(): Promise<void>`; a rejection means failure.
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { launchBrowser, workbenchUrl, type Browser } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { assertHostInstalled, resultsDir } from './paths';

export interface RunExtensionTestsOptions {
  /** Folder(s) holding the package.json of the extension(s) under development. */
  extensionDevelopmentPath: string | string[];
  /** Module (built JS) exporting run(); loaded in the extension host. */
  extensionTestsPath: string;
  /** Folder to open; copied to a temp folder first (see copyWorkspace). */
  workspace?: string;
  copyWorkspace?: boolean;
  /** Whole run, from starting code-server to the extension host's exit. Default 300. */
  timeoutSec?: number;
  /** User settings for this run. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server, so for the extension host too (e.g. a grep for the suite). */
  env?: Record<string, string>;
  /** Also prints code-server's output, the browser console and every workbench log line. */
  verbose?: boolean;
  /** Screenshot of the workbench when the run fails or times out. Default test-results/exthost-failure.png; '' = none. */
  failureScreenshot?: string;
  /** Where test output goes (one call per line). Default: stdout. */
  log?: (line: string) => void;
  /**
   * Watches the workbench page: `script` (plain JavaScript) runs in the page before the workbench loads and
   * may call `window[name](...args)`, which reaches `onCall` here (e.g. when something is drawn, in page time).
   */
  pageProbe?: { script: string; name: string; onCall: (...args: unknown[]) => void };
  /**
   * Writes a CPU profile of the workbench page (1 ms samples, from before it loads until the extension host
   * exits) to this file: `{ wallEnd, profile }`, wallEnd being the wall-clock time of the profile's end.
   */
  rendererProfile?: string;
}

/** Exit codes of runExtensionTests. */
export const ExitCode = { passed: 0, failed: 1, timeout: 2, harnessError: 3 } as const;

/** Workbench log lines that carry nothing about the tests (shown with verbose only). */
const NOISE: readonly RegExp[] = [
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^Resolv(?:ing|ed) connection token/,
  /^Creating a socket/,
  /^\[(?:driver|reconnection-grace-time|Service Worker|AgentHost[^\]]*|AccountPolicyGate)\]/,
];

/**
 * Starts code-server and a headless browser, opens the workbench with the extension under development and the test
 * module, forwards the extension host's console (the mocha reporter) to `log`, and resolves to an ExitCode once the
 * extension host exits after the tests (0 passed, 1 failed, 2 timeout, 3 harness error). Always cleans up.
 */
export async function runExtensionTests(options: RunExtensionTestsOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const devPaths = ([] as string[]).concat(options.extensionDevelopmentPath).map((p) => path.resolve(p));
  const testsPath = path.resolve(options.extensionTestsPath);
  for (const p of devPaths) {
    if (!fs.existsSync(path.join(p, 'package.json'))) throw new Error(`no package.json in extensionDevelopmentPath ${p}`);
  }
  if (!fs.existsSync(testsPath)) throw new Error(`extensionTestsPath ${testsPath} does not exist (build first)`);
  assertHostInstalled();

  const timeoutMs = (options.timeoutSec ?? 300) * 1000;
  const verbose = !!options.verbose;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let aborted = false;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const checkAborted = (): void => {
    if (aborted) throw new Error('aborted');
  };
  let profileDone: Promise<void> = Promise.resolve();
  const run = async (): Promise<number | 'timeout'> => {
    server = await startCodeServer({
      workspace: options.workspace,
      copyWorkspace: options.copyWorkspace,
      settings: options.settings,
      env: options.env,
      verbose,
    });
    checkAborted();
    browser = await launchBrowser(server);
    checkAborted();
    const { context } = browser;
    // The workbench calls these when they exist (smoke-test driver): its log, which carries the extension host's
    // console, and the extension host's exit code once extensionTestsPath has run.
    await context.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = formatLogArgs(args);
      if (!verbose && NOISE.some((re) => re.test(text))) return;
      for (const line of text.replace(/\n$/, '').split('\n')) log(type === 'info' ? line : `[${type}] ${line}`);
    });
    const exited = new Promise<number>((resolve) => {
      void context.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    if (options.pageProbe) {
      const probe = options.pageProbe;
      await context.exposeFunction(probe.name, (...args: unknown[]) => probe.onCall(...args));
      await context.addInitScript(probe.script);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    if (verbose) page.on('console', (m) => log(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log(`[browser error] ${e.message}`));
    if (options.rendererProfile) {
      const file = options.rendererProfile;
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
      void exited.then(() => {
        profileDone = (async () => {
          const { profile } = await cdp.send('Profiler.stop');
          fs.writeFileSync(file, JSON.stringify({ wallEnd: Date.now(), profile }));
        })();
      });
    }
    await page.goto(workbenchUrl(server, { extensionDevelopmentPath: devPaths, extensionTestsPath: testsPath }));
    return Promise.race([exited.then(async (c) => { await profileDone; return c; }), timedOut]);
  };
  const running = run();
  const release = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
  };
  try {
    const result = await Promise.race([running, timedOut]);
    const code = result === 'timeout' ? ExitCode.timeout : result === 0 ? ExitCode.passed : ExitCode.failed;
    if (result === 'timeout') log(`[harness] no result within ${timeoutMs / 1000}s`);
    else if (code !== ExitCode.passed) log(`[harness] extension host exited with code ${result}`);
    if (code !== ExitCode.passed) await failureScreenshot(browser, options.failureScreenshot, log);
    return code;
  } catch (e) {
    log(`[harness] error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await failureScreenshot(browser, options.failureScreenshot, log);
    return ExitCode.harnessError;
  } finally {
    aborted = true;
    clearTimeout(timer);
    await release();
    // A run cut short by the timeout may still be starting something: let it settle, then release that too.
    await running.catch(() => undefined);
    await release();
  }
}

/** The workbench hands over console-style arguments: a format string and its values. */
export function formatLogArgs(args: unknown): string {
  return Array.isArray(args) ? util.format(...(args as unknown[])) : String(args);
}

async function failureScreenshot(browser: Browser | undefined, file: string | undefined, log: (line: string) => void): Promise<void> {
  const target = file ?? path.join(resultsDir, 'exthost-failure.png');
  const page = browser?.context.pages()[0];
  if (!target || !page) return;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await page.screenshot({ path: target, timeout: 10000 });
    log(`[harness] screenshot: ${path.relative(process.cwd(), target)}`);
  } catch {
    // the page may be gone
  }
}
