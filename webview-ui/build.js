// The webview half of the build, used by esbuild.js: browser bundles into dist/webview/ (script + CSS), the
// codicon font for @vscode-elements' vscode-icon and the graph, and the kind icons of the panels' tabs.
// Webviews load only from dist/webview (their localResourceRoots), so everything they need is copied there.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'webview');

/** Browser entry points: one per webview. */
const webviewEntries = [{ in: 'webview-ui/entity/main.ts', out: 'entity' }].filter(e => fs.existsSync(path.join(root, e.in)));

/**
 * Codicons used as panel tab icons, the same names as src/extension/entityPage/kindIcons.ts
 * (a unit test keeps the two lists equal).
 */
const TAB_ICONS = ['package', 'plug', 'database', 'layers', 'map', 'organization', 'person', 'location', 'notebook-template', 'symbol-misc'];

/** VS Code's default icon colors in light and dark themes (tab icons are images, not themable). */
const TAB_ICON_COLORS = { light: '#424242', dark: '#C5C5C5' };

/** esbuild options of a browser bundle. */
function webviewOptions(entry, production) {
  return {
    entryPoints: { [entry.out]: entry.in },
    outdir: outDir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  };
}

/** Copies the codicon font and writes the tab icons (cheap; run on every build). */
function copyWebviewAssets() {
  const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css', { paths: [require.resolve('@vscode-elements/elements')] }));
  const fontDir = path.join(outDir, 'codicons');
  fs.mkdirSync(fontDir, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(fontDir, f));
  writeTabIcons(fs.readFileSync(path.join(codicons, 'codicon.svg'), 'utf8'));
}

/** One small SVG per icon and theme, cut out of the codicon sprite. */
function writeTabIcons(sprite) {
  const iconDir = path.join(outDir, 'icons');
  fs.mkdirSync(iconDir, { recursive: true });
  for (const name of TAB_ICONS) {
    const symbol = new RegExp(`<symbol[^>]*viewBox="([^"]+)"[^>]*id="${name}"[^>]*>([\\s\\S]*?)</symbol>`).exec(sprite);
    if (!symbol) throw new Error(`codicon "${name}" is not in codicon.svg`);
    for (const [theme, color] of Object.entries(TAB_ICON_COLORS)) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="${symbol[1]}" fill="${color}">${symbol[2]}</svg>\n`;
      fs.writeFileSync(path.join(iconDir, `${name}-${theme}.svg`), svg);
    }
  }
}

module.exports = { webviewEntries, webviewOptions, copyWebviewAssets, TAB_ICONS };
