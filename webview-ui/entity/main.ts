// Entry of the entity page webview: renders the state the extension posts and turns clicks into protocol
// messages. It never reads files or the network: everything comes in as a `state` message.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-table/index.js';
import '@vscode-elements/elements/dist/vscode-table-body/index.js';
import '@vscode-elements/elements/dist/vscode-table-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-header/index.js';
import '@vscode-elements/elements/dist/vscode-table-header-cell/index.js';
import '@vscode-elements/elements/dist/vscode-table-row/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import './entity.css';
import type { DrawnSummary, ExtensionMessage, GraphDepth, StateMessage, TextRange, WebviewMessage } from '../protocol';
import { isGraphDepth, parseSavedState } from '../protocol';
import { loadingPage, missingPage, PageRenderer } from './page';
import { connect, type VsCodeApi } from './vscodeApi';

/** One webview's page: the last state it drew and the handlers that talk back to the extension. */
class EntityPageApp {
  private readonly renderer = new PageRenderer();
  private ref: string | undefined;

  constructor(
    private readonly vscode: VsCodeApi,
    private readonly root: HTMLElement,
  ) {
    this.ref = parseSavedState(vscode.getState())?.ref;
  }

  start(): void {
    window.addEventListener('message', event => this.receive(event.data as ExtensionMessage));
    this.root.addEventListener('click', event => this.onClick(event));
    this.root.addEventListener('keydown', event => this.onKey(event));
    // Captured: the toolkit's select fires a change event that does not bubble.
    this.root.addEventListener('change', event => this.onChange(event), true);
    new ResizeObserver(() => this.renderer.layout(this.root)).observe(this.root);
    // Problems inside the page surface in the extension's log instead of dying silently in the webview.
    window.addEventListener('error', event => this.post({ type: 'reportError', message: String(event.message) }));
    document.addEventListener('securitypolicyviolation', event =>
      this.post({ type: 'reportError', message: `CSP blocked ${event.blockedURI || 'inline content'} (${event.violatedDirective})` }),
    );
    this.post({ type: 'ready' });
  }

  private receive(message: ExtensionMessage): void {
    // Messages come from the extension only, but a malformed one must not break the page.
    if (message?.type !== 'state') return;
    this.draw(message);
  }

  private draw(message: StateMessage): void {
    const { state } = message;
    const page = state.status === 'entity' ? this.renderer.entity(state) : state.status === 'missing' ? missingPage(state) : loadingPage(state);
    this.root.replaceChildren(page);
    this.renderer.layout(this.root);
    this.ref = state.ref;
    this.vscode.setState({ ref: state.ref, depth: message.depth });
    document.title = state.status === 'entity' ? state.title : state.ref;
    // Reported after the browser has laid the page out, so "rendered" means drawn.
    requestAnimationFrame(() => this.post({ type: 'rendered', revision: message.revision, drawn: this.drawn(state.status) }));
  }

  /** What the page shows now, read back from the DOM. */
  private drawn(status: StateMessage['state']['status']): DrawnSummary {
    const heading = this.root.querySelector('h1')?.textContent ?? '';
    return { status, heading, graphNodes: this.root.querySelectorAll('.graph-svg .node').length };
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : undefined;
    const zoom = target?.closest<HTMLElement>('[data-zoom]')?.dataset.zoom;
    if (zoom === 'in' || zoom === 'out' || zoom === 'fit') return this.renderer.zoom(this.root, zoom);
    const message = target && messageFor(target);
    if (!message) return;
    event.preventDefault();
    this.post(message);
  }

  private onKey(event: KeyboardEvent): void {
    // SVG nodes are focusable links: Enter and Space open them like a click.
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = event.target instanceof SVGElement ? event.target.closest<SVGElement>('[data-ref]') : null;
    if (!target?.dataset.ref) return;
    event.preventDefault();
    this.post({ type: 'openEntity', ref: target.dataset.ref });
  }

  private onChange(event: Event): void {
    const select = event.target instanceof HTMLElement && event.target.closest<HTMLElement & { value: string }>('.depth-select');
    if (!select) return;
    const depth = Number(select.value);
    if (!isGraphDepth(depth)) return;
    if (this.ref) this.vscode.setState({ ref: this.ref, depth: depth as GraphDepth });
    this.post({ type: 'setDepth', depth });
  }

  private post(message: WebviewMessage): void {
    this.vscode.postMessage(message);
  }
}

/** The message a click on `target` means, if any: the nearest element with a data-* action decides. */
function messageFor(target: Element): WebviewMessage | undefined {
  const el = target.closest<HTMLElement | SVGElement>('[data-ref], [data-link], [data-action]');
  if (!el) return undefined;
  const data = el.dataset;
  if (data.ref) return { type: 'openEntity', ref: data.ref };
  if (data.link) return { type: 'openLink', url: data.link };
  if (data.action === 'copyRef') return { type: 'copyRef' };
  if (data.action === 'openSource') return { type: 'openSource', ...rangeOf(data) };
  return undefined;
}

function rangeOf(data: DOMStringMap): { range?: TextRange } {
  if (data.line === undefined) return {};
  const n = (v: string | undefined) => Number(v ?? 0);
  return { range: { start: { line: n(data.line), character: n(data.character) }, end: { line: n(data.endLine), character: n(data.endCharacter) } } };
}

const root = document.getElementById('root');
if (root) new EntityPageApp(connect(), root).start();
