#!/usr/bin/env node
// `npm run package`: production bundles (node esbuild.js --production), then a .vsix with @vscode/vsce.
// Everything the extension runs is bundled into dist/, so vsce packs no node_modules (--no-dependencies);
// .vscodeignore names the files that ship (`npx vsce ls --no-dependencies` lists them). vsce runs on a copy of
// those files, so that a development build started elsewhere meanwhile cannot end up in the package.
//
// usage: node scripts/package-vsix.js [--out FILE] [--skip-build] [--quiet]
//        (default FILE: catwalk-<version>.vsix in the project folder, git-ignored)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

/** Runs node with the arguments (in the project folder by default); throws on failure. */
function runNode(args, quiet, cwd = ROOT) {
  const r = spawnSync(process.execPath, args, {
    cwd,
    // vsce asks (y/N) when something is missing: no terminal input means the question fails instead of hanging.
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    if (quiet && r.stdout) process.stderr.write(r.stdout);
    throw new Error(`node ${args.join(' ')} failed (${r.error ? r.error.message : r.status ?? r.signal})`);
  }
  return r.stdout || '';
}

/** The vsce command-line entry of the installed @vscode/vsce. */
function vsceBin() {
  const dir = path.dirname(require.resolve('@vscode/vsce/package.json', { paths: [ROOT] }));
  return path.join(dir, 'vsce');
}

/** Files and folders of the project that go into the .vsix (.vscodeignore still filters them). */
const SHIPPED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'dist', 'media', 'schemas', 'syntaxes', 'snippets'];

/** True when dist/extension.js is a production bundle (the development build ends with a source map link). */
function isProductionBundle(dist) {
  const file = path.join(dist, 'extension.js');
  return fs.existsSync(file) && !/\/\/# sourceMappingURL=\S+\s*$/.test(fs.readFileSync(file, 'utf8'));
}

/**
 * Copies what ships into a fresh folder, so that vsce packs one consistent build even when a development build
 * (another terminal's `npm run build` or `npm test`) rewrites dist/ meanwhile.
 */
function stage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-vsix-'));
  for (const name of SHIPPED) {
    const from = path.join(ROOT, name);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(dir, name), {
      recursive: true,
      // Source maps, the test and bench bundles never ship.
      filter: (src) => !src.endsWith('.map') && !/[\\/]dist[\\/](test|bench)([\\/]|$)/.test(src),
    });
  }
  return dir;
}

/**
 * Builds the production bundles and packs the .vsix. Returns the absolute path of the .vsix.
 * @param {{ out?: string, skipBuild?: boolean, quiet?: boolean }} [options]
 */
function packageVsix(options = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(ROOT, options.out || `${pkg.name}-${pkg.version}.vsix`);
  const say = (line) => {
    if (!options.quiet) console.log(`[package] ${line}`);
  };
  let dir;
  for (let attempt = 1; ; attempt++) {
    if (!options.skipBuild) {
      say('production build: node esbuild.js --production');
      runNode([path.join(ROOT, 'esbuild.js'), '--production'], options.quiet);
    }
    dir = stage();
    if (options.skipBuild || isProductionBundle(path.join(dir, 'dist'))) break;
    fs.rmSync(dir, { recursive: true, force: true });
    if (attempt === 3) throw new Error('dist/ was rewritten by a development build while packaging; try again');
    say('dist/ was rewritten by another build meanwhile: building again');
  }
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.rmSync(out, { force: true });
    // No public repository yet: README links stay relative instead of pointing at a guessed address.
    const flags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
    say(`vsce package ${flags.join(' ')} --out ${path.relative(ROOT, out) || out}`);
    runNode([vsceBin(), 'package', ...flags, '--out', out], options.quiet, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!fs.existsSync(out)) throw new Error(`vsce did not write ${out}`);
  say(`${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)`);
  return out;
}

module.exports = { packageVsix };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const value = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  try {
    packageVsix({ out: value('--out'), skipBuild: argv.includes('--skip-build'), quiet: argv.includes('--quiet') });
  } catch (e) {
    console.error(`[package] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
