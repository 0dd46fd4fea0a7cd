// The HTML around a rendered page in a built or served site: header with search, nav (the
// current page marked, sections nested), the page, its table of contents and previous/next
// links. All URLs are relative, so the site works under any base path.
import { neighbours, NavItem, pageUrl, RenderedPage, staticSiteUrls, TechDocsSite, TocEntry } from '../core/techdocs';
import { escapeHtml } from '../core/techdocs/markdown/env';
import { relativeUrl } from '../core/techdocs/paths';

/** Where the theme and the search script go in a built site (a docs file of the same name wins). */
export const THEME_CSS_PATH = 'assets/catwalk/techdocs.css';
export const SEARCH_JS_PATH = 'assets/catwalk/search.js';

export interface LayoutOptions {
  /** A script to add (the live-reload client of `docs serve`) and its CSP nonce. */
  extraScript?: { nonce: string; body: string };
}

function navList(items: NavItem[], site: TechDocsSite, current: string): string {
  const lis = items.map(item => {
    if (item.type === 'section') return `<li class="cw-section"><span>${escapeHtml(item.title)}</span>${navList(item.children, site, current)}</li>`;
    if (item.type === 'link') return item.url ? `<li><a class="external" href="${escapeHtml(item.url)}">${escapeHtml(item.title)}</a></li>` : '';
    const active = item.pageId === current ? ' class="cw-active" aria-current="page"' : '';
    return `<li><a${active} href="${escapeHtml(staticSiteUrls.page(item.pageId, current))}">${escapeHtml(item.title)}</a></li>`;
  });
  return `<ul>${lis.join('')}</ul>`;
}

/** Headings below the page title, indented by level. */
function tocList(toc: TocEntry[]): string {
  const entries = toc.filter((t, i) => !(i === 0 && t.level === 1));
  if (entries.length === 0) return '';
  const min = Math.min(...entries.map(e => e.level));
  const lis = entries.map(e => `<li class="cw-l${e.level - min}"><a href="#${escapeHtml(e.id)}">${escapeHtml(e.title)}</a></li>`);
  return `<div class="cw-toc-title">On this page</div><ul>${lis.join('')}</ul>`;
}

function pager(site: TechDocsSite, page: RenderedPage, titleOf: (id: string) => string): string {
  const { previous, next } = neighbours(site.readingOrder, page.id);
  const link = (id: string | undefined, label: string, cls: string) =>
    id ? `<a class="${cls}" href="${escapeHtml(staticSiteUrls.page(id, page.id))}"><small>${label}</small>${escapeHtml(titleOf(id))}</a>` : '';
  if (!previous && !next) return '';
  return `<nav class="cw-pager">${link(previous, 'Previous', 'cw-prev')}${link(next, 'Next', 'cw-next')}</nav>`;
}

/** A full HTML document for one page. */
export function pageDocument(site: TechDocsSite, page: RenderedPage, titleOf: (id: string) => string, options: LayoutOptions = {}): string {
  const from = pageUrl(page.id);
  const root = relativeUrl(from, '');
  const asset = (p: string) => escapeHtml(relativeUrl(from, p));
  const title = page.title === site.config.siteName ? page.title : `${page.title} - ${site.config.siteName}`;
  const description = typeof page.meta.description === 'string' ? page.meta.description : site.config.siteDescription;
  const extra = options.extraScript ? `<script nonce="${options.extraScript.nonce}">${options.extraScript.body}</script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="catwalk docs">
${description ? `<meta name="description" content="${escapeHtml(description)}">\n` : ''}<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${asset(THEME_CSS_PATH)}">
<script src="${asset(SEARCH_JS_PATH)}" defer></script>
</head>
<body>
<header class="cw-header"><a class="cw-site" href="${escapeHtml(root)}">${escapeHtml(site.config.siteName)}</a>
<form class="cw-search" role="search" data-root="${escapeHtml(root)}"><input type="search" placeholder="Search" aria-label="Search the docs"><ul class="cw-results"></ul></form></header>
<div class="cw-layout">
<nav class="cw-nav" aria-label="Site">${navList(site.nav, site, page.id)}</nav>
<main><article class="md-content">
${page.html}
</article>
${pager(site, page, titleOf)}
</main>
<aside class="cw-toc" aria-label="Table of contents">${tocList(page.toc)}</aside>
</div>
${extra}
</body>
</html>
`;
}

/** The 404 page MkDocs writes at the site root. */
export function notFoundDocument(site: TechDocsSite): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found - ${escapeHtml(site.config.siteName)}</title><link rel="stylesheet" href="${THEME_CSS_PATH}"></head>
<body><header class="cw-header"><a class="cw-site" href="./">${escapeHtml(site.config.siteName)}</a></header><div class="cw-layout"><main><article class="md-content"><h1>404 - Not found</h1></article></main></div></body></html>
`;
}
