// Starts a throwaway code-server (VS Code server + web workbench) on 127.0.0.1 with a random port.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { track } from './cleanup';
import { assertHostInstalled, hostPaths } from './paths';

/** User settings every run starts from: quiet, offline, nothing that pops up over the workbench. */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  // Other local servers would otherwise trigger "Your application running on port N is available".
  'remote.autoForwardPorts': false,
  'git.enabled': false,
};

export interface CodeServerOptions {
  /** Folder to open. Copied into the temp folder first unless copyWorkspace is false. Default: an empty folder. */
  workspace?: string;
  /** Default true: tests and VS Code can write into the copy without touching the fixture. */
  copyWorkspace?: boolean;
  /** User settings on top of BASE_SETTINGS. */
  settings?: Record<string, unknown>;
  /**
   * Starts the server with the `enable-smoke-test-driver` option (default true). Without it the workbench ignores
   * the extensionDevelopmentPath/extensionTestsPath entries of the `payload` URL parameter. It also hides
   * notification toasts (they still reach the notification center).
   */
  smokeTestDriver?: boolean;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** Prints code-server's own output. */
  verbose?: boolean;
  startTimeoutSec?: number;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  endpoint: string;
  /** host:port, for vscode-remote:// URIs */
  authority: string;
  /** Throwaway folder holding everything below; removed by stop(). */
  tmp: string;
  workspace: string;
  userDataDir: string;
  settingsFile: string;
  process: ChildProcess;
  /** code-server's output so far. */
  output(): string;
  /** Merges into the user settings.json; a running workbench picks the change up. */
  updateSettings(patch: Record<string, unknown>): void;
  /** Stops the server and everything it started, removes tmp. Idempotent. */
  stop(): Promise<void>;
}

/** The environment without what would leak the caller's VS Code, Node loader or npm context into the server. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('npm_') || k === 'NODE_OPTIONS' || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Pids of all descendants of pid (Linux /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      // process gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift() as number) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function removeDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // best effort
  }
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const host = hostPaths();
  assertHostInstalled(host, false);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-vscode-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    run: path.join(tmp, 'run'),
    tmp: path.join(tmp, 'tmp'),
    xdg: path.join(tmp, 'xdg'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });

  let workspace: string;
  if (options.workspace && options.copyWorkspace === false) {
    workspace = path.resolve(options.workspace);
  } else {
    workspace = path.join(tmp, options.workspace ? path.basename(path.resolve(options.workspace)) : 'workspace');
    if (options.workspace) fs.cpSync(path.resolve(options.workspace), workspace, { recursive: true });
    else fs.mkdirSync(workspace);
  }

  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  let settings: Record<string, unknown> = { ...BASE_SETTINGS, ...options.settings };
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

  const configFile = path.join(tmp, 'code-server.yaml');
  fs.writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

  const env = cleanEnv({
    // Sockets, temp files and code-server's own state go into the throwaway folder, not the user's home.
    XDG_RUNTIME_DIR: dirs.run,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    // '{}' = no extension gallery: no marketplace look-ups.
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  });

  const args = [
    host.codeServerEntry,
    '--config', configFile,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.smokeTestDriver === false ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    workspace,
  ];
  // Own process group, so that stopping it reaches the extension host, pty host and watchers as well.
  const child = spawn(host.node, args, { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;

  const chunks: string[] = [];
  const onData = (d: Buffer): void => {
    const s = d.toString();
    chunks.push(s);
    if (options.verbose) for (const line of s.split('\n')) if (line.trim()) process.stdout.write(`[code-server] ${line}\n`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const release = track({
    name: `code-server ${pid}`,
    async dispose() {
      if (pid !== undefined && running()) {
        const tree = descendants(pid);
        kill(-pid, 'SIGTERM');
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const timer = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
        await Promise.race([exited, timer]);
        kill(-pid, 'SIGKILL');
        for (const p of tree) kill(p, 'SIGKILL');
      }
    },
    disposeSync() {
      if (pid !== undefined) {
        const tree = running() ? descendants(pid) : [];
        kill(-pid, 'SIGKILL');
        for (const p of tree) kill(p, 'SIGKILL');
      }
      removeDir(tmp);
    },
  });

  let endpoint: string;
  try {
    endpoint = await new Promise<string>((resolve, reject) => {
      const limit = (options.startTimeoutSec ?? 60) * 1000;
      const timer = setTimeout(() => reject(new Error(`code-server did not start within ${limit / 1000}s:\n${chunks.join('')}`)), limit);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${chunks.join('')}`));
      });
      const check = (): void => {
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunks.join(''));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
    });
  } catch (e) {
    await release();
    throw e;
  }

  return {
    endpoint,
    authority: new URL(endpoint).host,
    tmp,
    workspace,
    userDataDir: dirs.userData,
    settingsFile,
    process: child,
    output: () => chunks.join(''),
    updateSettings(patch) {
      settings = { ...settings, ...patch };
      fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    },
    stop: release,
  };
}
