// Entry of the integration suite, loaded INSIDE the VS Code extension host (see test/integration/harness).
// Bundled by esbuild.js to dist/test/integration/index.js with mocha external (resolved from node_modules).
// The host calls run(); a rejection fails the run.
import Mocha from 'mocha';

/**
 * The test files. Each is required lazily, after mocha has installed describe/it for it: add new files here.
 * (A bundle has no folder to scan, and the bundler needs literal paths.)
 */
const TEST_FILES: Record<string, () => unknown> = {
  'extension.test.ts': () => require('./extension.test'),
  'tree.test.ts': () => require('./tree.test'),
  'commands.test.ts': () => require('./commands.test'),
  'languageServer.test.ts': () => require('./languageServer.test'),
  'entityPage.test.ts': () => require('./entityPage.test'),
  'techdocs.test.ts': () => require('./techdocs.test'),
};

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 30000,
    // e.g. CATWALK_TEST_GREP='showLog' npm run test:integration
    grep: process.env.CATWALK_TEST_GREP || undefined,
  });
  const context = globalThis as unknown as Mocha.MochaGlobals;
  for (const [file, load] of Object.entries(TEST_FILES)) {
    mocha.suite.emit('pre-require', context, file, mocha);
    mocha.suite.emit('require', load(), file, mocha);
    mocha.suite.emit('post-require', context, file, mocha);
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        // The plain closing line test reporters read: "N passed, N failed[, N skipped]".
        console.log(`exthost: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
