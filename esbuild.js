// Bundles every entry point of Catwalk into dist/: the extension, the language
// server and the CLI (Node, CommonJS, `vscode` external). Entries whose source
// does not exist yet are skipped, so the build grows with the project.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = require('./package.json');

const nodeEntries = [
  { in: 'src/extension/extension.ts', out: 'extension' },
  { in: 'src/server/server.ts', out: 'server' },
  { in: 'src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'test/integration/suite/index.ts', out: 'test/integration/index' },
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
  };
}

async function main() {
  const contexts = await Promise.all(nodeEntries.map(e => esbuild.context(nodeOptions(e))));
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    console.log('esbuild: watching', nodeEntries.map(e => e.in).join(', '));
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
