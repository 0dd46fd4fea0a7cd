import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from './paths';

/**
 * The project folder through a symlink outside it. The project holds code-server's
 * own install (.catwalk-host/); loaded by its own path, the extension under
 * development is an ancestor of that install and the workbench then ignores the
 * user settings (the theme among them). Through another path it behaves.
 */
export function linkedExtensionPath(): { path: string; /** The temporary folder holding the link (removed by dispose). */ dir: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-ext-'));
  const link = path.join(dir, 'catwalk');
  fs.symlinkSync(projectRoot, link, 'dir');
  return { path: link, dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
