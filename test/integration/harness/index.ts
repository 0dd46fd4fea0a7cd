// Runs Catwalk inside a real VS Code (code-server from npm, Debian Chromium), offline.
// Install the host once with `bash scripts/setup-vscode-host.sh`; see test/integration/README.md.
export { runExtensionTests, ExitCode, type RunExtensionTestsOptions } from './runExtensionTests';
export { withWorkbench, themeId, type Workbench, type WorkbenchOptions, type ThemeName } from './withWorkbench';
export { startCodeServer, BASE_SETTINGS, type CodeServer, type CodeServerOptions } from './codeServer';
export { launchBrowser, workbenchUrl, CHROMIUM_ARGS } from './browser';
export { hostPaths, assertHostInstalled, projectRoot, resultsDir } from './paths';
export { linkedExtensionPath } from './extensionLink';
export { checkRunner, fixtureSession, runBrowserSessions, type BrowserSession, type Check, type CheckCounts } from './checks';
