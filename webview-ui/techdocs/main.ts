// Entry of the docs preview webview: draws the page the extension posts (nav, page, toc,
// previous/next), keeps the scroll position across re-renders, draws Mermaid diagrams on the
// pages that have them, and turns clicks, search and "Edit" into protocol messages. It never
// reads files or the network: every page arrives rendered and sanitized.
import { techdocsCss, tokenColors } from '../../src/cli/docsTheme';
import { h } from './dom';
import { drawMermaid } from './mermaidLoader';
import type { ExtensionMessage, NavView, PageView, SavedState, SearchResultsMessage, ShowPageMessage, TocView, WebviewMessage } from './protocol';
import { pageHref, parsePageHref, parseSavedState } from './protocol';
import { PREVIEW_CSS } from './styles';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Quiet time after the last key in the search box before searching. */
const SEARCH_DEBOUNCE_MS = 200;

class DocsPreviewApp {
  private page: PageView | undefined;
  private searchTimer: number | undefined;
  private scrollTimer: number | undefined;
  /** Where the reader was before the webview was hidden (VS Code drops hidden webviews). */
  private restoreScroll: SavedState | undefined;
  private readonly article = h('article', { class: 'md-content' });
  private readonly nav = h('nav', { class: 'cw-nav', 'aria-label': 'Pages' });
  private readonly toc = h('aside', { class: 'cw-toc', 'aria-label': 'On this page' });
  private readonly pager = h('nav', { class: 'cw-pager' });
  private readonly notices = h('div', { class: 'cw-notices' });
  private readonly title = h('span', { class: 'cw-site' });
  private readonly searchBox = h('input', { type: 'search', placeholder: 'Search the docs', 'aria-label': 'Search the docs' });
  private readonly results = h('ul', { class: 'cw-results', role: 'listbox' });

  constructor(private readonly vscode: VsCodeApi, private readonly root: HTMLElement) {}

  start(): void {
    this.restoreScroll = parseSavedState(this.vscode.getState());
    window.addEventListener('scroll', () => this.saveScroll(), { passive: true });
    const toolbar = h('header', { class: 'cw-toolbar' },
      h('button', { class: 'cw-button cw-pages-toggle', type: 'button', 'data-action': 'toggle-nav', title: 'Pages' }, '☰'),
      this.title,
      h('div', { class: 'cw-search' }, this.searchBox, this.results),
      h('button', { class: 'cw-button', type: 'button', 'data-action': 'edit', title: 'Open the Markdown of this page at the part shown' }, 'Edit'));
    const main = h('main', { class: 'cw-main' }, this.notices, this.article, this.pager);
    this.root.replaceChildren(toolbar, h('div', { class: 'cw-preview' }, this.nav, main, this.toc));
    document.addEventListener('click', event => this.onClick(event));
    this.searchBox.addEventListener('input', () => this.onSearchInput());
    this.searchBox.addEventListener('keydown', event => event.key === 'Escape' && this.closeResults());
    window.addEventListener('message', event => this.receive(event.data as ExtensionMessage));
    this.post({ type: 'ready' });
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }

  private receive(message: ExtensionMessage): void {
    if (message?.type === 'page') void this.draw(message);
    else if (message?.type === 'error') this.drawError(message.message, message.revision);
    else if (message?.type === 'searchResults') this.drawResults(message);
  }

  private async draw(message: ShowPageMessage): Promise<void> {
    const { page } = message;
    const samePage = this.page?.pageId === page.pageId && message.sameScroll;
    const scroll = window.scrollY;
    this.page = page;
    this.title.textContent = page.siteName;
    this.nav.replaceChildren(navList(page.nav, page.pageId));
    this.toc.replaceChildren(...tocList(page.toc));
    this.notices.replaceChildren(...notices(page));
    this.pager.replaceChildren(...pagerLinks(page));
    // Sanitized by the extension (sanitize-html) and held by the CSP: no script in it can run.
    this.article.innerHTML = page.html;
    document.body.classList.remove('cw-show-nav');
    this.vscode.setState({ siteDir: page.siteDir, pageId: page.pageId });
    const restored = this.restoreScroll?.pageId === page.pageId ? this.restoreScroll.scrollY : undefined;
    this.restoreScroll = undefined;
    const mermaid = page.hasMermaid ? drawMermaid(this.article, this.root.dataset.mermaid ?? '', scriptNonce()) : Promise.resolve(0);
    if (samePage) window.scrollTo(0, scroll);
    else if (restored !== undefined) window.scrollTo(0, restored);
    else if (message.anchor) document.getElementById(message.anchor)?.scrollIntoView();
    else window.scrollTo(0, 0);
    const diagrams = await mermaid;
    if (samePage) window.scrollTo(0, scroll);
    else if (restored !== undefined) window.scrollTo(0, restored);
    this.post({ type: 'rendered', revision: message.revision, pageId: page.pageId, mermaidDiagrams: diagrams, text: (this.article.textContent ?? '').slice(0, 4000) });
  }

  private saveScroll(): void {
    window.clearTimeout(this.scrollTimer);
    this.scrollTimer = window.setTimeout(() => this.page && this.vscode.setState({ siteDir: this.page.siteDir, pageId: this.page.pageId, scrollY: window.scrollY }), 100);
  }

  private drawError(text: string, revision: number): void {
    this.page = undefined;
    this.article.replaceChildren(h('p', { class: 'cw-error' }, text));
    this.post({ type: 'rendered', revision, pageId: '', mermaidDiagrams: 0, text });
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    const action = target?.closest('[data-action]')?.getAttribute('data-action');
    if (action === 'edit') return this.edit();
    if (action === 'toggle-nav') return void document.body.classList.toggle('cw-show-nav');
    const link = target?.closest('a');
    const href = link?.getAttribute('href');
    if (!link || href === null || href === undefined) return;
    event.preventDefault();
    const page = parsePageHref(href);
    if (page) {
      this.closeResults();
      return this.post({ type: 'navigate', pageId: page.pageId, anchor: page.anchor });
    }
    if (href.startsWith('#')) return void document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
    // Everything else would navigate the webview away from the preview: only web and mail links leave, in the browser.
    if (/^(https?|mailto):/i.test(href)) this.post({ type: 'openExternal', url: href });
  }

  /** Opens the Markdown at the first block visible under the toolbar. */
  private edit(): void {
    if (!this.page) return;
    const top = (document.querySelector('.cw-toolbar') as HTMLElement | null)?.offsetHeight ?? 0;
    let line = 0;
    for (const el of this.article.querySelectorAll<HTMLElement>('[data-line]')) {
      line = Number(el.dataset.line);
      if (el.getBoundingClientRect().bottom > top) break;
    }
    this.post({ type: 'edit', pageId: this.page.pageId, line });
  }

  private onSearchInput(): void {
    window.clearTimeout(this.searchTimer);
    const query = this.searchBox.value.trim();
    if (query.length < 2) return this.closeResults();
    this.searchTimer = window.setTimeout(() => this.post({ type: 'search', query }), SEARCH_DEBOUNCE_MS);
  }

  private drawResults(message: SearchResultsMessage): void {
    if (message.query !== this.searchBox.value.trim()) return;
    const items = message.results.map(r =>
      h('li', {}, h('a', { href: pageHref(r.pageId, r.anchor) }, r.title), h('small', {}, r.anchor ? `${r.pageTitle} — ${r.snippet}` : r.snippet)));
    this.results.replaceChildren(...(items.length > 0 ? items : [h('li', { class: 'cw-empty' }, 'No results')]));
  }

  private closeResults(): void {
    this.results.replaceChildren();
  }
}

function navList(items: NavView[], current: string): HTMLElement {
  return h('ul', {}, items.map(item => {
    if (item.type === 'section') return h('li', { class: 'cw-section' }, h('span', {}, item.title), navList(item.children, current));
    if (item.type === 'link') return item.url ? h('li', {}, h('a', { href: item.url, class: 'external' }, item.title)) : null;
    const active = item.pageId === current;
    return h('li', {}, h('a', { href: pageHref(item.pageId), class: active ? 'cw-active' : undefined, 'aria-current': active ? 'page' : undefined }, item.title));
  }));
}

function tocList(toc: TocView[]): HTMLElement[] {
  const entries = toc.filter((t, i) => !(i === 0 && t.level === 1));
  if (entries.length === 0) return [];
  const min = Math.min(...entries.map(e => e.level));
  return [h('div', { class: 'cw-toc-title' }, 'On this page'), h('ul', {}, entries.map(e => h('li', { class: `cw-l${e.level - min}` }, h('a', { href: `#${e.id}` }, e.title))))];
}

function notices(page: PageView): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (page.notice) out.push(h('p', { class: 'cw-notice' }, page.notice));
  if (page.problems.length > 0) {
    const errors = page.problems.filter(p => p.severity === 'error').length;
    const summary = `${page.problems.length} problem${page.problems.length === 1 ? '' : 's'} with these docs${errors ? ` (${errors} that Backstage would fail on)` : ''}`;
    out.push(h('details', { class: 'cw-problems' }, h('summary', {}, summary),
      h('ul', {}, page.problems.map(p => h('li', { class: `cw-${p.severity}` }, h('code', {}, p.code), ' ', p.message, p.where ? h('small', {}, ` — ${p.where}`) : null)))));
  }
  return out;
}

function pagerLinks(page: PageView): HTMLElement[] {
  const link = (target: { pageId: string; title: string } | undefined, label: string, cls: string) =>
    target ? h('a', { class: cls, href: pageHref(target.pageId) }, h('small', {}, label), target.title) : null;
  const links = [link(page.previous, 'Previous', 'cw-prev'), link(page.next, 'Next', 'cw-next')].filter((l): l is HTMLAnchorElement => l !== null);
  return links;
}

/** The nonce of this script, for the Mermaid script it may add. */
function scriptNonce(): string {
  return (document.querySelector('script[nonce]') as HTMLScriptElement | null)?.nonce ?? '';
}

function installStyles(): void {
  const style = document.createElement('style');
  style.textContent = [techdocsCss(), tokenColors('body.vscode-light ', false), tokenColors('body.vscode-dark ', true), tokenColors('body.vscode-high-contrast ', true), PREVIEW_CSS].join('\n');
  document.head.append(style);
}

installStyles();
new DocsPreviewApp(acquireVsCodeApi(), document.getElementById('root') as HTMLElement).start();
