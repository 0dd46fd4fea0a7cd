// The entity page's sections, rendered from the state the extension posts. Clickable elements carry
// data-* attributes; main.ts turns clicks on them into protocol messages.
import type {
  AboutRefView,
  EntityView,
  GraphDepth,
  KeyValueView,
  LinkView,
  LoadingView,
  MissingView,
  ProblemView,
  RefView,
  RelationGroupView,
  TextRange,
} from '../protocol';
import { GRAPH_DEPTHS } from '../protocol';
import { h, icon } from './dom';
import { GraphRenderer, type ZoomAction } from './graph';

/** Renders whole pages; one per webview. */
export class PageRenderer {
  private readonly graph = new GraphRenderer();

  /** The page of an entity. */
  entity(view: EntityView): HTMLElement {
    return h(
      'main',
      { class: 'page', 'data-status': 'entity', 'data-page-ref': view.ref },
      header(view),
      view.rejected && rejectedBanner(),
      h('div', { class: 'grid' }, h('div', { class: 'column main-column' }, about(view)), h('div', { class: 'column side-column' }, problems(view), links(view.links))),
      this.graphCard(view),
      relations(view.relations),
      keyValueSection('Annotations', 'annotations', view.annotations),
      keyValueSection('Labels', 'labels', view.labels),
    );
  }

  /** Draws (or redraws) the graph once the page is in the document and has a width. */
  layout(root: HTMLElement): void {
    this.graph.fit(root);
  }

  private graphCard(view: EntityView): HTMLElement {
    const g = view.graph;
    const count = `${g.nodes.length} ${g.nodes.length === 1 ? 'entity' : 'entities'}${g.truncated ? ' (cut at the limit)' : ''}`;
    return card('Relations graph', 'graph', [zoomButtons(), depthSelect(g.depth), h('span', { class: 'muted small' }, count)], this.graph.render(g));
  }

  /** A zoom button was pressed: the graph is drawn again at the new scale. */
  zoom(root: HTMLElement, action: ZoomAction): void {
    this.graph.zoomBy(action);
    this.graph.fit(root);
  }
}

/** The page shown while the catalog is still being read. */
export function loadingPage(view: LoadingView): HTMLElement {
  return h(
    'main',
    { class: 'page centered', 'data-status': 'loading' },
    h('vscode-progress-ring', { 'aria-label': 'Reading the catalog' }),
    h('p', { class: 'muted' }, `Reading the catalog for ${view.ref}…`),
  );
}

/** The page of an entity that no longer exists. */
export function missingPage(view: MissingView): HTMLElement {
  const where = view.lastSource
    ? h('p', {}, 'It was defined in ', sourceLink(view.lastSource.path, view.lastSource.line, false), '.')
    : h('p', { class: 'muted' }, 'It is not defined in any catalog file of this workspace.');
  return h(
    'main',
    { class: 'page centered', 'data-status': 'missing' },
    h('div', { class: 'missing-icon' }, icon('warning', { size: 32 })),
    h('h1', { class: 'missing-title' }, 'This entity no longer exists in the catalog'),
    h('p', {}, h('span', { class: 'kind-chip' }, icon(view.icon), view.kind), ' ', h('strong', {}, view.title), ' ', h('code', { class: 'ref' }, view.ref)),
    where,
  );
}

// ---- header ----

function header(view: EntityView): HTMLElement {
  const eyebrow = [view.kind, view.type].filter(Boolean).join(' · ');
  return h(
    'header',
    { class: 'header' },
    h('div', { class: 'header-icon' }, icon(view.icon, { size: 28 })),
    h(
      'div',
      { class: 'header-main' },
      h('div', { class: 'eyebrow' }, eyebrow),
      h('h1', { class: 'title' }, view.title),
      h(
        'div',
        { class: 'header-meta' },
        h('code', { class: 'ref', title: 'Entity ref' }, view.ref),
        view.lifecycle && h('span', { class: `lifecycle lifecycle-${cssToken(view.lifecycle)}`, title: 'Lifecycle' }, view.lifecycle),
        view.tags.map(t => h('span', { class: 'tag', title: 'Tag' }, t)),
      ),
    ),
    h(
      'div',
      { class: 'header-actions' },
      h('vscode-button', { icon: 'go-to-file', 'data-action': 'openSource', title: `Open ${view.source.path}` }, 'Open Source'),
      h('vscode-button', { icon: 'copy', secondary: true, 'data-action': 'copyRef', title: 'Copy the entity ref' }, 'Copy Ref'),
    ),
  );
}

function rejectedBanner(): HTMLElement {
  return h('div', { class: 'banner', role: 'alert' }, icon('error'), 'The default Backstage catalog would reject this entity: see its problems.');
}

// ---- about ----

function about(view: EntityView): HTMLElement {
  const description = view.description ? h('p', { class: 'description' }, view.description) : h('p', { class: 'description muted' }, 'No description.');
  const rows: [string, Node | string][] = [
    ...view.about.map(row => [row.label, aboutValue(row)] as [string, Node]),
    ...(view.type ? [['Type', view.type] as [string, string]] : []),
    ...(view.lifecycle ? [['Lifecycle', view.lifecycle] as [string, string]] : []),
    ...view.fields.map(f => [f.key, f.value] as [string, string]),
    ['Namespace', view.namespace],
    ['Source', sourceLink(view.source.path, view.source.line, true)],
  ];
  const fields = h('dl', { class: 'fields' }, rows.map(([label, value]) => h('div', { class: 'field' }, h('dt', {}, label), h('dd', {}, value))));
  return card('About', 'about', [], description, fields);
}

function aboutValue(row: AboutRefView): HTMLElement {
  return h(
    'span',
    { class: 'ref-list' },
    row.targets.map(t => refLink(t)),
    row.via && h('span', { class: 'muted small' }, ` via ${row.via.label}`),
  );
}

function links(list: LinkView[]): HTMLElement | false {
  if (list.length === 0) return false;
  return card(
    'Links',
    'links',
    [],
    h(
      'ul',
      { class: 'links' },
      list.map(l => h('li', {}, h('a', { href: '#', class: 'link', 'data-link': l.url, title: l.url }, icon(l.icon), h('span', {}, l.title)))),
    ),
  );
}

// ---- problems ----

function problems(view: EntityView): HTMLElement {
  const list = view.problems;
  const badge = h('vscode-badge', { variant: 'counter' }, String(list.length));
  const body =
    list.length === 0
      ? h('p', { class: 'no-problems' }, icon('pass'), 'No problems found.')
      : h('ul', { class: 'problems' }, list.map(p => problemItem(p)));
  return card('Problems', 'problems', list.length > 0 ? [badge] : [], body);
}

function problemItem(p: ProblemView): HTMLElement {
  const severityIcon = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info';
  return h(
    'li',
    {},
    h(
      'a',
      { href: '#', class: `problem severity-${p.severity}`, ...rangeData(p.range), title: 'Go to the problem' },
      icon(severityIcon, { class: 'severity-icon' }),
      h('span', { class: 'problem-message' }, p.message),
      h('span', { class: 'problem-where' }, `${p.code} · line ${p.range.start.line + 1}`),
    ),
  );
}

// ---- relations ----

function relations(groups: RelationGroupView[]): HTMLElement {
  const total = groups.reduce((n, g) => n + g.targets.length, 0);
  const body =
    groups.length === 0
      ? h('p', { class: 'muted' }, 'No relations.')
      : h(
          'dl',
          { class: 'relations' },
          groups.map(g => h('div', { class: 'relation-group', 'data-relation': g.type }, h('dt', {}, g.title), h('dd', {}, g.targets.map(t => refLink(t, true))))),
        );
  return card('Relations', 'relations', [h('vscode-badge', { variant: 'counter' }, String(total))], body);
}

// ---- annotations and labels ----

function keyValueSection(heading: string, id: string, rows: KeyValueView[]): HTMLElement | false {
  if (rows.length === 0) return false;
  const table = h(
    'vscode-table',
    { 'zebra': true, 'bordered-rows': true, columns: JSON.stringify(['40%', '60%']) },
    h('vscode-table-header', { slot: 'header' }, h('vscode-table-header-cell', {}, 'Key'), h('vscode-table-header-cell', {}, 'Value')),
    h(
      'vscode-table-body',
      { slot: 'body' },
      rows.map(r => h('vscode-table-row', {}, h('vscode-table-cell', { class: 'mono' }, r.key), h('vscode-table-cell', { class: 'mono' }, r.value))),
    ),
  );
  return h('vscode-collapsible', { heading, description: String(rows.length), class: 'section-collapsible', 'data-section': id }, h('div', { class: 'collapsible-body' }, table));
}

// ---- shared pieces ----

/** A section with a heading, optional header extras and a body. */
function card(heading: string, id: string, extras: (Node | string)[], ...body: (Node | false)[]): HTMLElement {
  return h(
    'section',
    { class: 'card', 'data-section': id, 'aria-label': heading },
    h('div', { class: 'card-header' }, h('h2', {}, heading), ...extras),
    h('div', { class: 'card-body' }, ...body),
  );
}

/** A related entity: a link to its page, or a "missing" marker when the catalog has no such entity. */
export function refLink(view: RefView, chip = false): HTMLElement {
  const cls = `ref-link${chip ? ' chip' : ''}`;
  if (!view.exists) {
    return h(
      'span',
      { class: `${cls} missing`, title: `${view.ref} is not in the catalog`, 'data-missing': view.ref },
      icon(view.icon),
      h('span', { class: 'ref-label' }, view.label),
      h('span', { class: 'missing-note' }, 'missing'),
    );
  }
  return h('a', { href: '#', class: cls, 'data-ref': view.ref, title: `${view.kind} ${view.ref}` }, icon(view.icon), h('span', { class: 'ref-label' }, view.label));
}

function sourceLink(path: string, line: number, clickable: boolean): HTMLElement {
  const text = `${path}:${line + 1}`;
  if (!clickable) return h('code', { class: 'path' }, text);
  return h('a', { href: '#', class: 'path', 'data-action': 'openSource', title: 'Open the file at the entity' }, icon('file-code'), h('code', {}, text));
}

function zoomButtons(): HTMLElement {
  const button = (action: ZoomAction, iconName: string, label: string) => h('vscode-toolbar-button', { icon: iconName, label, title: label, 'data-zoom': action });
  return h('span', { class: 'zoom' }, button('out', 'zoom-out', 'Zoom out'), button('in', 'zoom-in', 'Zoom in'), button('fit', 'screen-full', 'Fit the whole graph'));
}

function depthSelect(depth: GraphDepth): HTMLElement {
  return h(
    'label',
    { class: 'depth' },
    h('span', { class: 'muted small' }, 'Depth'),
    h(
      'vscode-single-select',
      { class: 'depth-select', 'aria-label': 'Graph depth', value: String(depth) },
      GRAPH_DEPTHS.map(d => h('vscode-option', { value: String(d), selected: d === depth }, String(d))),
    ),
  );
}

function rangeData(range: TextRange): Record<string, number | string> {
  return {
    'data-action': 'openSource',
    'data-line': range.start.line,
    'data-character': range.start.character,
    'data-end-line': range.end.line,
    'data-end-character': range.end.character,
  };
}

function cssToken(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}
