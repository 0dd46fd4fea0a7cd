// The docs preview's one message protocol, shared by both ends: the extension
// (src/extension/techdocs) and the webview (webview-ui/techdocs). Plain JSON data and pure
// helpers only: no vscode, no DOM.

/** One entry of the site navigation, as the preview shows it. */
export type NavView =
  | { type: 'page'; title: string; pageId: string }
  | { type: 'section'; title: string; children: NavView[] }
  | { type: 'link'; title: string; url: string };

export interface TocView {
  level: number;
  id: string;
  title: string;
  line: number;
}

export interface ProblemView {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  /** Where, for people: `docs/page.md:12`. */
  where?: string;
}

export interface PageLinkView {
  pageId: string;
  title: string;
}

/** Everything the webview draws for one page. */
export interface PageView {
  /** The site folder (kept by the webview so a reloaded window reopens the same page). */
  siteDir: string;
  siteName: string;
  nav: NavView[];
  pageId: string;
  title: string;
  /** Sanitized HTML; local files are already webview URIs. */
  html: string;
  toc: TocView[];
  previous?: PageLinkView;
  next?: PageLinkView;
  hasMermaid: boolean;
  /** Site and page problems (dropped config keys, broken links...). */
  problems: ProblemView[];
  /** A note shown above the page, e.g. "showing unsaved changes". */
  notice?: string;
}

export interface SearchResultView {
  pageId: string;
  anchor?: string;
  title: string;
  pageTitle: string;
  snippet: string;
}

/** Extension → webview: a page to show (a new page, or the same page re-rendered after an edit). */
export interface ShowPageMessage {
  type: 'page';
  revision: number;
  page: PageView;
  /** Scroll to this heading id after drawing; without it a re-render keeps the scroll position. */
  anchor?: string;
  /** True when the same page was re-rendered (keep scroll), false for navigation (scroll to top or anchor). */
  sameScroll: boolean;
}

/** Extension → webview: nothing can be shown (no site, unreadable page). */
export interface ShowErrorMessage {
  type: 'error';
  revision: number;
  message: string;
}

/** Extension → webview: results of a `search` request. */
export interface SearchResultsMessage {
  type: 'searchResults';
  query: string;
  results: SearchResultView[];
}

export type ExtensionMessage = ShowPageMessage | ShowErrorMessage | SearchResultsMessage;

/** Webview → extension. */
export type WebviewMessage =
  | { type: 'ready' }
  /** A page link or a nav entry was clicked. */
  | { type: 'navigate'; pageId: string; anchor?: string }
  /** An external link was clicked: the extension opens it in the browser. */
  | { type: 'openExternal'; url: string }
  /** "Edit": open the page's Markdown at a zero-based line. */
  | { type: 'edit'; pageId: string; line: number }
  | { type: 'search'; query: string }
  /** The webview drew a revision (tests wait on it); `text` is the start of the article's text. */
  | { type: 'rendered'; revision: number; pageId: string; mermaidDiagrams: number; text: string };

/** What the webview keeps across reloads (`vscode.setState`), read back by the panel serializer. */
export interface SavedState {
  siteDir: string;
  pageId: string;
  /** Scroll position, restored when the webview is shown again. */
  scrollY?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const str = (value: unknown): value is string => typeof value === 'string';

/** A message from the webview, checked; undefined when it is not one. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (!isObject(data) || !str(data.type)) return undefined;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'navigate':
      return str(data.pageId) ? { type: 'navigate', pageId: data.pageId, anchor: str(data.anchor) ? data.anchor : undefined } : undefined;
    case 'openExternal':
      return str(data.url) ? { type: 'openExternal', url: data.url } : undefined;
    case 'edit':
      return str(data.pageId) && typeof data.line === 'number' ? { type: 'edit', pageId: data.pageId, line: data.line } : undefined;
    case 'search':
      return str(data.query) ? { type: 'search', query: data.query } : undefined;
    case 'rendered':
      return typeof data.revision === 'number' && str(data.pageId) && typeof data.mermaidDiagrams === 'number' && str(data.text)
        ? { type: 'rendered', revision: data.revision, pageId: data.pageId, mermaidDiagrams: data.mermaidDiagrams, text: data.text }
        : undefined;
    default:
      return undefined;
  }
}

/** The saved state, checked. */
export function parseSavedState(state: unknown): SavedState | undefined {
  if (!isObject(state) || !str(state.siteDir) || !str(state.pageId)) return undefined;
  return { siteDir: state.siteDir, pageId: state.pageId, ...(typeof state.scrollY === 'number' ? { scrollY: state.scrollY } : {}) };
}

/** The href the preview gives links to other pages; the webview turns clicks on them into `navigate`. */
export function pageHref(pageId: string, anchor?: string): string {
  return `#cw-page=${encodeURIComponent(pageId)}${anchor ? `&anchor=${encodeURIComponent(anchor)}` : ''}`;
}

/** The page and anchor of a `pageHref`, or undefined for any other href. */
export function parsePageHref(href: string): { pageId: string; anchor?: string } | undefined {
  const m = /^#cw-page=([^&]*)(?:&anchor=(.*))?$/.exec(href);
  if (!m) return undefined;
  try {
    return { pageId: decodeURIComponent(m[1]), anchor: m[2] !== undefined ? decodeURIComponent(m[2]) : undefined };
  } catch {
    return undefined;
  }
}
