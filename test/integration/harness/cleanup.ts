// Makes sure processes and temp folders the harness creates go away, whatever ends the run:
// normal completion, an exception, a timeout, Ctrl+C (SIGINT), SIGTERM/SIGHUP, or process.exit().

export interface Resource {
  /** For messages only. */
  readonly name: string;
  /** Graceful release (may wait for processes to exit). */
  dispose(): Promise<void>;
  /** Last resort, synchronous (used on process 'exit' and on a repeated signal). Must not throw. */
  disposeSync(): void;
}

const live = new Set<Resource>();
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
let handlersInstalled = false;
let stoppingSince = 0;

function disposeAllSync(): void {
  for (const r of [...live]) {
    try {
      r.disposeSync();
    } catch {
      // best effort
    }
    live.delete(r);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  const code = SIGNAL_EXIT_CODES[signal] ?? 1;
  const now = Date.now();
  if (stoppingSince) {
    // Ctrl+C reaches every process of the terminal's group, and wrappers (npm, tsx) relay it again:
    // only a signal well after the first one means "stop now".
    if (now - stoppingSince > 2000) {
      disposeAllSync();
      process.exit(code);
    }
    return;
  }
  stoppingSince = now;
  process.stderr.write(`\n[harness] ${signal}: stopping code-server and the browser, removing temp folders\n`);
  const graceful = Promise.allSettled([...live].map((r) => r.dispose()));
  const deadline = new Promise((resolve) => setTimeout(resolve, 15000).unref());
  void Promise.race([graceful, deadline]).finally(() => {
    disposeAllSync();
    process.exit(code);
  });
}

function onExit(): void {
  disposeAllSync();
}

function install(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const s of Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[]) process.on(s, onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  if (!handlersInstalled || live.size > 0) return;
  handlersInstalled = false;
  for (const s of Object.keys(SIGNAL_EXIT_CODES) as NodeJS.Signals[]) process.off(s, onSignal);
  process.off('exit', onExit);
}

/** Registers a resource; the returned function releases it gracefully and unregisters it. Idempotent. */
export function track(resource: Resource): () => Promise<void> {
  live.add(resource);
  install();
  let released: Promise<void> | undefined;
  return () => {
    released ??= (async () => {
      try {
        await resource.dispose();
      } finally {
        try {
          resource.disposeSync();
        } catch {
          // best effort
        }
        live.delete(resource);
        uninstall();
      }
    })();
    return released;
  };
}
