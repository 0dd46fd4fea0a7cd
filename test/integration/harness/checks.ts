import * as path from 'path';
import { linkedExtensionPath } from './extensionLink';
import { projectRoot } from './paths';
import { withWorkbench, type ThemeName, type Workbench, type WorkbenchOptions } from './withWorkbench';

/** Counts of a browser-level check run. */
export interface CheckCounts {
  passed: number;
  failed: number;
}

/** Runs one named check; true when it passed. */
export type Check = (name: string, fn: () => Promise<void>) => Promise<boolean>;

/**
 * A check runner that prints `✔ name (ms)` or `✘ name: reason`, counts into
 * `counts`, and calls `onFailure` (e.g. to take a picture) when a check fails.
 */
export function checkRunner(counts: CheckCounts, onFailure?: () => Promise<unknown>): Check {
  return async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      counts.passed++;
      console.log(`  ✔ ${name} (${Date.now() - started}ms)`);
      return true;
    } catch (e) {
      counts.failed++;
      console.log(`  ✘ ${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
      await onFailure?.().catch(() => undefined);
      return false;
    }
  };
}

/** Options of a session on the fixture workspace (test/fixtures/workspace) in a theme, with `more` added. */
export function fixtureSession(extensionPath: string, theme: ThemeName, more: Partial<WorkbenchOptions> = {}): WorkbenchOptions {
  return { extensionDevelopmentPath: extensionPath, workspace: path.join(projectRoot, 'test', 'fixtures', 'workspace'), theme, ...more };
}

/** One workbench session of a browser-level check run. */
export interface BrowserSession {
  /** Shown when the session itself fails (the workbench did not open, a timeout). */
  name: string;
  options: WorkbenchOptions;
  run: (wb: Workbench) => Promise<void>;
}

/**
 * Runs a browser-level check run: prints its title, runs each session in a
 * workbench of its own (a session that cannot run counts as one failure) and
 * prints the totals. The sessions get the path of the project linked as an
 * extension folder, removed afterwards.
 */
export async function runBrowserSessions(title: string, counts: CheckCounts, sessions: (extensionPath: string, linkDir: string) => BrowserSession[]): Promise<void> {
  const t0 = Date.now();
  console.log(`\n  ${title} (browser)`);
  const extension = linkedExtensionPath();
  try {
    for (const session of sessions(extension.path, extension.dir)) {
      try {
        await withWorkbench(session.options, session.run);
      } catch (e) {
        counts.failed++;
        console.log(`  ✘ workbench session (${session.name}): ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } finally {
    extension.dispose();
  }
  console.log(`  ${counts.passed} passing, ${counts.failed} failing (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}
