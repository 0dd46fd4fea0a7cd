// Integration tests in a real VS Code (code-server from npm + Debian Chromium), offline:
//   1. scripts/setup-vscode-host.sh (fast when everything is cached in .catwalk-host/),
//   2. the build (esbuild.js: the extension and the extension-host suite),
//   3. the mocha suite inside the extension host (test/integration/suite),
//   4. the browser-level checks with light and dark screenshots in test-results/ (test/integration/ui).
// usage: npm run test:integration [-- --verbose] [-- --skip-setup] [-- --skip-ui] [-- --summary FILE]
//                                 [-- --only PART[,PART]]   (exthost, ui:smoke, ui:tree, ui:entity, ui:docs)
// env:   CATWALK_TEST_GREP=<pattern> runs only the matching extension-host tests.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ExitCode, projectRoot, resultsDir, runExtensionTests } from '../test/integration/harness';
import { runWorkbenchSmoke } from '../test/integration/ui/smoke';
import { runCatalogTreeUi } from '../test/integration/ui/catalogTree';
import { runEntityPageUi } from '../test/integration/ui/entityPage';
import { runDocsPreviewUi } from '../test/integration/ui/docsPreview';

const argv = process.argv.slice(2);
const args = new Set(argv);
// --summary FILE: where the project's test command reads the counts from.
const summaryFile = argv.includes('--summary') ? argv[argv.indexOf('--summary') + 1] : undefined;
const verbose = args.has('--verbose');
// --only PART[,PART]: runs only those parts (the build still runs), for quick iteration on one of them.
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]?.split(',') : undefined;
const wanted = (part: string): boolean => !only || only.includes(part);

type UiRun = (options: { verbose?: boolean }) => Promise<{ passed: number; failed: number; screenshots: string[] }>;
/** The browser-level checks, in the order they run. */
const UI_RUNS: [string, UiRun][] = [
  ['ui:smoke', runWorkbenchSmoke],
  ['ui:tree', runCatalogTreeUi],
  ['ui:entity', runEntityPageUi],
  ['ui:docs', runDocsPreviewUi],
];
const t0 = Date.now();
const elapsed = (since = t0): string => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const step = (name: string): void => console.log(`\n[test-integration ${elapsed()}] ${name}`);

function run(command: string, argv: string[]): void {
  const r = spawnSync(command, argv, { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test-integration] ${command} ${argv.join(' ')} failed (${r.error?.message ?? r.status ?? r.signal})`);
    process.exit(1);
  }
}

async function main(): Promise<number> {
  // Pictures of an earlier run must not pass for this one's.
  for (const f of ['exthost-failure.png', 'workbench-light.png', 'workbench-dark.png', 'tree-light.png', 'tree-dark.png', 'tree-welcome.png', 'entity-page-light.png', 'entity-page-dark.png', 'entity-page-high-contrast.png', 'docs-preview-light.png', 'docs-preview-dark.png']) fs.rmSync(path.join(resultsDir, f), { force: true });

  if (!args.has('--skip-setup')) {
    step('setup: scripts/setup-vscode-host.sh');
    run('bash', [path.join(projectRoot, 'scripts', 'setup-vscode-host.sh')]);
  }

  step('build: node esbuild.js');
  run(process.execPath, [path.join(projectRoot, 'esbuild.js')]);

  let exthost = { passed: 0, failed: 0 };
  let code: number = ExitCode.passed;
  if (wanted('exthost')) {
    step('extension host: mocha suite inside VS Code');
    const tExthost = Date.now();
    code = await runExtensionTests({
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: path.join(projectRoot, 'dist', 'test', 'integration', 'index.js'),
      workspace: path.join(projectRoot, 'test', 'fixtures', 'workspace'),
      timeoutSec: 180,
      env: process.env.CATWALK_TEST_GREP ? { CATWALK_TEST_GREP: process.env.CATWALK_TEST_GREP } : undefined,
      verbose,
      log: (line) => {
        const m = /^exthost: (\d+) passed, (\d+) failed/.exec(line);
        if (m) exthost = { passed: Number(m[1]), failed: Number(m[2]) };
        else console.log(line);
      },
    });
    if (code !== ExitCode.passed && exthost.failed === 0) exthost.failed = 1; // timeout or harness error
    console.log(`[test-integration] extension host: exit ${code}, ${exthost.passed} passed, ${exthost.failed} failed (${elapsed(tExthost)})`);
  }

  const ui = { passed: 0, failed: 0 };
  if (!args.has('--skip-ui')) {
    step('workbench: browser-level checks');
    for (const [, runUi] of UI_RUNS.filter(([part]) => wanted(part))) {
      const r = await runUi({ verbose });
      ui.passed += r.passed;
      ui.failed += r.failed;
      for (const s of r.screenshots) console.log(`  screenshot: ${path.relative(projectRoot, s)}`);
    }
  }

  const passed = exthost.passed + ui.passed;
  const failed = exthost.failed + ui.failed;
  console.log(`\n[test-integration] done in ${elapsed()}`);
  console.log(`integration: ${passed} passed, ${failed} failed`);
  if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify({ passed, failed }));
  return failed > 0 || code !== ExitCode.passed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
