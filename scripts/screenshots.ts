// `npm run screenshots`: refreshes the README's pictures of Catwalk in VS Code. Runs the browser-level checks that
// take them (the Catalog view, the entity page and the docs preview, in light and dark themes, on the test fixture) and the main job's
// check (the demo workspace examples/acme), then copies the pictures from the git-ignored test-results/ into
// docs/images/, which is committed. A picture whose run failed is not copied.
// usage: npm run screenshots [-- --skip-setup] [-- --skip-main] [-- --verbose]
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot, resultsDir } from '../test/integration/harness';
import { runCatalogTreeUi } from '../test/integration/ui/catalogTree';
import { runDocsPreviewUi } from '../test/integration/ui/docsPreview';
import { runEntityPageUi } from '../test/integration/ui/entityPage';

const IMAGES = path.join(projectRoot, 'docs', 'images');

/** The pictures the README shows, by the run that takes them. */
const PICTURES = {
  tree: ['tree-light.png', 'tree-dark.png'],
  entityPage: ['entity-page-light.png', 'entity-page-dark.png'],
  docsPreview: ['docs-preview-light.png'],
  main: ['main-job.png'],
} as const;

const argv = new Set(process.argv.slice(2));
const verbose = argv.has('--verbose');

function run(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  return r.status === 0;
}

async function main(): Promise<number> {
  const all = Object.values(PICTURES).flat();
  // Pictures of an earlier run must not pass for this one's.
  for (const f of all) fs.rmSync(path.join(resultsDir, f), { force: true });

  if (!argv.has('--skip-setup') && !run('bash', [path.join(projectRoot, 'scripts', 'setup-vscode-host.sh')])) return 1;
  if (!run(process.execPath, [path.join(projectRoot, 'esbuild.js')])) return 1;

  const fresh: string[] = [];
  const failed: string[] = [];
  const tree = await runCatalogTreeUi({ verbose });
  (tree.failed === 0 ? fresh : failed).push(...PICTURES.tree);
  const entityPage = await runEntityPageUi({ verbose });
  (entityPage.failed === 0 ? fresh : failed).push(...PICTURES.entityPage);
  const docsPreview = await runDocsPreviewUi({ verbose });
  (docsPreview.failed === 0 ? fresh : failed).push(...PICTURES.docsPreview);
  if (!argv.has('--skip-main')) {
    // The main job's own check: packaged, installed into code-server, opened on examples/acme.
    const ok = run(process.execPath, [path.join(projectRoot, 'scripts', 'main.js'), '--check', '--skip-setup']);
    (ok ? fresh : failed).push(...PICTURES.main);
  }

  fs.mkdirSync(IMAGES, { recursive: true });
  let copied = 0;
  for (const name of fresh) {
    const from = path.join(resultsDir, name);
    if (!fs.existsSync(from)) {
      failed.push(name);
      continue;
    }
    fs.copyFileSync(from, path.join(IMAGES, name));
    copied++;
    console.log(`[screenshots] ${path.relative(projectRoot, path.join(IMAGES, name))}`);
  }
  if (failed.length > 0) console.log(`[screenshots] not updated (their run failed or took no picture): ${failed.join(', ')}`);
  console.log(`[screenshots] ${copied} of ${all.length - (argv.has('--skip-main') ? PICTURES.main.length : 0)} pictures updated in docs/images/`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
