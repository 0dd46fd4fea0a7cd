// The last step of every render: rendered HTML (Markdown output plus the raw HTML authors
// write) goes through sanitize-html. No scripts, styles sheets, forms or event handlers
// survive, URLs keep only safe schemes, iframes stay only where the policy allows them, and
// relative URLs in raw HTML are resolved like the Markdown ones.
import sanitizeHtml from 'sanitize-html';
import { isExternal } from '../paths';
import { IframePolicy } from '../types';

export interface SanitizeContext {
  iframes: IframePolicy;
  /** Extra URL schemes the viewer uses for local files (e.g. `vscode-webview-resource`). */
  extraSchemes?: string[];
  /** Maps a relative URL written in raw HTML; undefined keeps it as written. */
  resolveRaw(url: string): string | undefined;
}

const TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'i', 'img', 'input', 'ins', 'kbd', 'label', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp',
  'section', 'small', 'source', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time',
  'tr', 'track', 'u', 'ul', 'var', 'video', 'audio', 'wbr',
];
const COMMON_ATTRS = ['id', 'class', 'title', 'lang', 'dir', 'align', 'role', 'style', 'data-*', 'aria-*'];
const LENGTH = [/^\d+(?:\.\d+)?(?:px|em|rem|%|vw|vh|ch|ex|pt)?$/, /^auto$/];
const COLOR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(?:,\s*[\d.]+\s*)?\)$/i, /^[a-z]+$/i];
const STYLES = {
  '*': {
    'text-align': [/^(?:left|right|center|justify|start|end)$/], 'vertical-align': [/^[a-z-]+$/], float: [/^(?:left|right|none)$/],
    width: LENGTH, height: LENGTH, 'max-width': LENGTH, 'max-height': LENGTH, 'min-width': LENGTH,
    margin: [/^[\d.\sa-z%-]+$/], padding: [/^[\d.\sa-z%-]+$/], color: COLOR, 'background-color': COLOR,
    'font-weight': [/^(?:normal|bold|bolder|lighter|\d{3})$/], 'font-style': [/^(?:normal|italic|oblique)$/], display: [/^(?:block|inline|inline-block|none|flex)$/],
  },
};
/** Set on Markdown links already resolved, so the sanitizer does not resolve them again as raw HTML. */
export const RESOLVED_MARK = 'data-cw-resolved';

/** The declarations of a style attribute that the sanitizer keeps, or undefined when none. */
export function safeStyle(style: string): string | undefined {
  const kept = style.split(';').flatMap(declaration => {
    const colon = declaration.indexOf(':');
    if (colon === -1) return [];
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    const patterns = (STYLES['*'] as Record<string, RegExp[]>)[property];
    return patterns && patterns.some(p => p.test(value)) ? [`${property}:${value}`] : [];
  });
  return kept.length > 0 ? kept.join(';') : undefined;
}

function allowedIframe(src: string | undefined, policy: IframePolicy): boolean {
  if (!src || policy === 'none') return false;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  return policy === 'all' || policy.some(host => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

function hostOf(src: string | undefined): string {
  try {
    return src ? new URL(src).hostname : '';
  } catch {
    return '';
  }
}

function iframeTransform(ctx: SanitizeContext): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    if (allowedIframe(attribs.src, ctx.iframes)) return { tagName, attribs: { ...attribs, sandbox: 'allow-scripts allow-same-origin allow-popups allow-presentation' } };
    const host = hostOf(attribs.src);
    const text = `Embedded content${host ? ` from ${host}` : ''} is blocked${host ? ' (open it in the browser)' : ''}. Allow iframes from this host in the settings to show it here.`;
    return { tagName: 'a', attribs: { class: 'iframe-blocked', ...(host ? { href: attribs.src } : {}) }, text };
  };
}

/** The URL without whitespace and control characters, which browsers ignore inside a scheme. */
function stripControls(url: string): string {
  return [...url].filter(c => c.charCodeAt(0) > 0x20).join('');
}

function urlTransform(ctx: SanitizeContext, attr: 'href' | 'src'): sanitizeHtml.Transformer {
  return (tagName, attribs) => {
    const out = { ...attribs };
    const value = out[attr];
    if (RESOLVED_MARK in out) delete out[RESOLVED_MARK];
    // Control characters and spaces inside a scheme (`java\tscript:`) still make it a scheme.
    else if (value && !isExternal(stripControls(value)) && !value.startsWith('#')) {
      const mapped = ctx.resolveRaw(value);
      if (mapped !== undefined) out[attr] = mapped;
    } else if (value && attr === 'href' && /^https?:/i.test(value)) {
      if (!/(^|\s)external(\s|$)/.test(out.class ?? '')) out.class = out.class ? `${out.class} external` : 'external';
      out.rel = 'noopener noreferrer';
    }
    return { tagName, attribs: out };
  };
}

/** Sanitizes rendered HTML for display. */
export function sanitizeRendered(html: string, ctx: SanitizeContext): string {
  const schemes = ['http', 'https', 'mailto', 'tel', ...(ctx.extraSchemes ?? [])];
  return sanitizeHtml(html, {
    allowedTags: ctx.iframes === 'none' ? TAGS : [...TAGS, 'iframe'],
    allowedAttributes: {
      '*': COMMON_ATTRS,
      a: ['href', 'name', 'target', 'rel', 'download', 'hreflang', 'data-page', RESOLVED_MARK],
      img: ['src', 'alt', 'width', 'height', 'loading', RESOLVED_MARK],
      input: ['type', 'checked', 'disabled', 'name'],
      label: ['for'],
      td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'], col: ['span'], colgroup: ['span'],
      ol: ['start', 'reversed', 'type'], li: ['value'], details: ['open'], time: ['datetime'],
      video: ['src', 'controls', 'width', 'height', 'poster', 'loop', 'muted', 'playsinline'], audio: ['src', 'controls', 'loop', 'muted'],
      source: ['src', 'type', 'media'], track: ['src', 'kind', 'srclang', 'label', 'default'],
      iframe: ['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'frameborder', 'referrerpolicy', 'loading', 'sandbox'],
    },
    allowedStyles: STYLES,
    allowedSchemes: schemes,
    allowedSchemesByTag: { img: [...schemes, 'data'], source: [...schemes, 'data'], video: schemes, audio: schemes },
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'applet', 'svg', 'math'],
    transformTags: { iframe: iframeTransform(ctx), a: urlTransform(ctx, 'href'), img: urlTransform(ctx, 'src'), source: urlTransform(ctx, 'src'), video: urlTransform(ctx, 'src'), audio: urlTransform(ctx, 'src') },
    exclusiveFilter: frame => frame.tag === 'input' && !['checkbox', 'radio'].includes(frame.attribs.type),
  });
}
