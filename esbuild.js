// Bundles every entry point of Catwalk into dist/: the extension, the language
// server and the CLI (Node, CommonJS, `vscode` external). Entries whose source
// does not exist yet are skipped, so the build grows with the project.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = require('./package.json');
// Browser bundles for the webviews (dist/webview/) and the assets they load.
const { webviewEntries, webviewOptions, copyWebviewAssets } = require('./webview-ui/build');
// The docs preview webview, and Mermaid for it (loaded only on pages with a diagram; large, so always minified).
const docsWebviewEntries = [
  { in: 'webview-ui/techdocs/main.ts', out: 'techdocs' },
  { in: 'webview-ui/techdocs/mermaid.ts', out: 'mermaid', alwaysMinify: true },
].filter(e => fs.existsSync(path.join(__dirname, e.in)));

const nodeEntries = [
  { in: 'src/extension/extension.ts', out: 'extension' },
  // yaml-language-server's dependencies ship UMD builds esbuild cannot follow: take their ES modules.
  { in: 'src/server/server.ts', out: 'server', mainFields: ['module', 'main'] },
  { in: 'src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'src/cli/workerMain.ts', out: 'cli-worker' },
  { in: 'src/cli/docsCommand.ts', out: 'cli-docs' },
  // The TechDocs renderer, loaded by the extension with the first docs preview (not at activation).
  { in: 'src/core/techdocs/renderPage.ts', out: 'techdocs-renderer' },
  // The language client (vscode-languageclient: most of a megabyte), loaded right after activation.
  { in: 'src/extension/languageClientStart.ts', out: 'language-client' },
  { in: 'test/integration/suite/index.ts', out: 'test/integration/index' },
  { in: 'bench/vscode/index.ts', out: 'bench/vscode/index' },
].filter(e => fs.existsSync(path.join(__dirname, e.in)));

/** Options shared by every Node bundle. */
function nodeOptions(entry) {
  return {
    entryPoints: { [entry.out]: entry.in },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    define: { CATWALK_VERSION: JSON.stringify(pkg.version) },
    banner: entry.banner ? { js: entry.banner } : undefined,
    ...(entry.mainFields ? { mainFields: entry.mainFields } : {}),
  };
}

async function main() {
  const contexts = await Promise.all([
    ...nodeEntries.map(e => esbuild.context(nodeOptions(e))),
    ...webviewEntries.map(e => esbuild.context(webviewOptions(e, production))),
    ...docsWebviewEntries.map(e => esbuild.context(webviewOptions(e, production || !!e.alwaysMinify))),
  ]);
  if (webviewEntries.length > 0) copyWebviewAssets();
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    console.log('esbuild: watching', [...nodeEntries, ...webviewEntries].map(e => e.in).join(', '));
    return;
  }
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
  const cli = path.join(__dirname, 'dist', 'cli.js');
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
