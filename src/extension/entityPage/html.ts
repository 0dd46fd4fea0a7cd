// The entity page's HTML shell: a strict CSP, the codicon font, the page's own CSS and one nonce'd script.
// Everything the page shows arrives later as a `state` message. No vscode import: the panel passes the URIs.
import { randomBytes } from 'crypto';

export interface EntityPageAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  script: string;
  stylesheet: string;
  codicons: string;
}

/** A fresh nonce for one HTML document. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The Content-Security-Policy of the page: nothing but its own bundle, its own CSS and the codicon font. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // No 'unsafe-inline': the toolkit's components style themselves through constructable stylesheets.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The page's HTML document. */
export function entityPageHtml(assets: EntityPageAssets, title: string, nonce = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(assets.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeHtml(assets.codicons)}" nonce="${nonce}">
<link rel="stylesheet" href="${escapeHtml(assets.stylesheet)}" nonce="${nonce}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${escapeHtml(assets.script)}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
