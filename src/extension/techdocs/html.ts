// The docs preview's HTML shell: a strict CSP and one nonce'd script; the page itself arrives
// as messages. Mermaid's bundle is allowed by the same nonce and loaded only when a page needs it.
// No vscode import: the panel passes the URIs.
import { randomBytes } from 'crypto';

export interface DocsPreviewAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  script: string;
  mermaid: string;
}

/** A fresh nonce for one HTML document. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The preview's Content-Security-Policy. Scripts: only the nonce'd bundles. Images and media: the
 * webview's own resources (the docs folder), https and data URIs. Inline styles are allowed because
 * Mermaid styles its SVGs inline and docs keep sanitized `style` attributes; no script can come from them.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, allowFrames: boolean): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} https: data:`,
    `media-src ${cspSource} https:`,
    `font-src ${cspSource} data:`,
    `frame-src ${allowFrames ? 'https:' : "'none'"}`,
  ].join('; ');
}

/** The preview's HTML document. */
export function docsPreviewHtml(assets: DocsPreviewAssets, title: string, allowFrames: boolean, nonce = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(assets.cspSource, nonce, allowFrames)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="root" data-mermaid="${escapeHtml(assets.mermaid)}"></div>
<script nonce="${nonce}" src="${escapeHtml(assets.script)}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
