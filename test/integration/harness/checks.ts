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
