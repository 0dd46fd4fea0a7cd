// `npm run test:electron`: the same extension-host suite as `npm run test:integration`, in a VS Code desktop
// (Electron) that @vscode/test-electron downloads and caches in .vscode-test/. For machines that reach
// update.code.visualstudio.com; it is not part of `npm test`, which runs the suite in code-server from npm.
//   npm run test:electron [-- --version stable|insiders|1.100.0]
// CATWALK_TEST_GREP filters the tests as in the other runner.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..');

async function main(argv: string[]): Promise<number> {
  const version = argv.includes('--version') ? argv[argv.indexOf('--version') + 1] : 'stable';
  const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) return 1;
  // The tests edit the workspace: they get a copy.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'dist', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', path.join(tmp, 'user-data')],
      extensionTestsEnv: process.env.CATWALK_TEST_GREP ? { CATWALK_TEST_GREP: process.env.CATWALK_TEST_GREP } : undefined,
    });
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`test:electron: ${message}`);
    if (!fs.existsSync(path.join(ROOT, '.vscode-test'))) {
      console.error('test:electron: VS Code could not be downloaded here; `npm run test:integration` runs the same suite in code-server from npm.');
    }
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  code => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
