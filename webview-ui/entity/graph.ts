// The relations graph as SVG: nodes and edges already laid out by the extension (dagre), drawn here with
// theme colors (CSS classes in entity.css use only --vscode-* variables) and kind icons from the codicon font.
import type { GraphEdgeView, GraphNodeView, GraphView } from '../protocol';
import { h, s } from './dom';

/** Below this scale the graph scrolls instead of shrinking further, until the user asks to fit it: labels must stay readable. */
const MIN_AUTO_SCALE = 0.7;
const MIN_SCALE = 0.2;
const MAX_SCALE = 2;
const ZOOM_STEP = 1.25;

export type ZoomAction = 'in' | 'out' | 'fit';

/** Draws graphs; keeps the codicon glyphs it looked up and the zoom the user chose. */
export class GraphRenderer {
  private readonly glyphs = new Map<string, string>();
  /** undefined: automatic (fit, but not below MIN_AUTO_SCALE); 'fit': the whole graph; a number: that scale. */
  private zoom: number | 'fit' | undefined;
  private scale = 1;

  /** Applies a zoom button. */
  zoomBy(action: ZoomAction): void {
    if (action === 'fit') this.zoom = this.zoom === 'fit' ? undefined : 'fit';
    else this.zoom = clamp(this.scale * (action === 'in' ? ZOOM_STEP : 1 / ZOOM_STEP), MIN_SCALE, MAX_SCALE);
  }

  /** The graph's scroll box with its SVG. */
  render(graph: GraphView): HTMLElement {
    const svg = s(
      'svg',
      {
        class: 'graph-svg',
        viewBox: `0 0 ${graph.width} ${graph.height}`,
        width: graph.width,
        height: graph.height,
        role: 'img',
        'aria-label': `Relations graph, ${graph.nodes.length} entities, depth ${graph.depth}`,
        'data-width': graph.width,
        'data-height': graph.height,
      },
      s('defs', {}, arrowMarker()),
      s('g', { class: 'edges' }, graph.edges.map(e => edge(e))),
      s('g', { class: 'nodes' }, graph.nodes.map(n => this.node(n))),
    );
    return h('div', { class: 'graph-scroll', tabindex: -1 }, svg);
  }

  /** Scales every graph under `root` to its box (never up, never below MIN_SCALE) and centres the entity. */
  fit(root: HTMLElement): void {
    for (const box of root.querySelectorAll<HTMLElement>('.graph-scroll')) {
      const svg = box.querySelector<SVGSVGElement>('svg');
      if (!svg) continue;
      const width = Number(svg.dataset.width);
      const height = Number(svg.dataset.height);
      const padding = getComputedStyle(box);
      const room = box.clientWidth - parseFloat(padding.paddingLeft) - parseFloat(padding.paddingRight);
      if (!width || !room) continue;
      const fitted = Math.min(1, room / width);
      const scale = typeof this.zoom === 'number' ? this.zoom : this.zoom === 'fit' ? Math.max(MIN_SCALE, fitted) : Math.max(MIN_AUTO_SCALE, fitted);
      this.scale = scale;
      // CSSOM, not a style attribute: the CSP allows the former only.
      svg.style.width = `${Math.round(width * scale)}px`;
      svg.style.height = `${Math.round(height * scale)}px`;
      const current = svg.querySelector<SVGGElement>('.node.current');
      const cx = Number(current?.dataset.x ?? 0) * scale;
      box.scrollLeft = Math.max(0, cx - room / 2);
    }
  }

  private node(n: GraphNodeView): SVGElement {
    const left = n.x - n.width / 2;
    const top = n.y - n.height / 2;
    const classes = ['node', n.current ? 'current' : '', n.exists ? '' : 'missing'].filter(Boolean).join(' ');
    const interactive = n.exists && !n.current;
    return s(
      'g',
      {
        class: classes,
        'data-ref': interactive ? n.ref : undefined,
        'data-x': n.x,
        'data-node': n.ref,
        tabindex: interactive ? 0 : undefined,
        role: interactive ? 'link' : undefined,
        'aria-label': `${n.kind} ${n.label}${n.exists ? '' : ' (missing)'}`,
      },
      s('title', {}, `${n.kind} ${n.ref}${n.exists ? '' : ' — not in the catalog'}`),
      s('rect', { x: left, y: top, width: n.width, height: n.height, rx: 4, ry: 4 }),
      s('text', { class: 'node-icon', x: left + 12, y: n.y + 8 }, this.glyph(n.icon)),
      s('text', { class: 'node-label', x: left + 38, y: n.y - 3 }, n.shortLabel),
      s('text', { class: 'node-kind', x: left + 38, y: n.y + 12 }, n.detail),
    );
  }

  /** The codicon font's character for an icon name, read from codicon.css (so no code points are copied here). */
  private glyph(name: string): string {
    const known = this.glyphs.get(name);
    if (known !== undefined) return known;
    const probe = h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
    document.body.append(probe);
    const content = getComputedStyle(probe, '::before').content;
    probe.remove();
    // `content` comes back quoted, e.g. "\"\"".
    const glyph = content && content !== 'none' ? content.replace(/^["']|["']$/g, '') : '';
    this.glyphs.set(name, glyph);
    return glyph;
  }
}

function clamp(n: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, n));
}

function arrowMarker(): SVGElement {
  return s(
    'marker',
    { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse', class: 'arrow' },
    s('path', { d: 'M 0 0 L 10 5 L 0 10 z' }),
  );
}

function edge(e: GraphEdgeView): SVGElement {
  const labelWidth = e.title.length * 6.2 + 8;
  return s(
    'g',
    { class: 'edge', 'data-from': e.from, 'data-to': e.to, 'data-type': e.type },
    s('path', { d: basisPath(e.points), 'marker-end': 'url(#arrow)' }),
    s('rect', { class: 'edge-label-bg', x: e.labelX - labelWidth / 2, y: e.labelY - 8, width: labelWidth, height: 16, rx: 3, ry: 3 }),
    s('text', { class: 'edge-label', x: e.labelX, y: e.labelY + 4 }, e.title),
  );
}

/** A smooth path through dagre's points: the uniform B-spline d3's curveBasis draws (Backstage's graph uses curves too). */
export function basisPath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length === 0) return `M${first.x},${first.y}`;
  if (points.length === 2) return `M${first.x},${first.y}L${rest[0].x},${rest[0].y}`;
  const p = points;
  const parts = [`M${p[0].x},${p[0].y}`, `L${(5 * p[0].x + p[1].x) / 6},${(5 * p[0].y + p[1].y) / 6}`];
  for (let i = 2; i < p.length; i++) parts.push(bezier(p[i - 2], p[i - 1], p[i]));
  const n = p.length;
  parts.push(bezier(p[n - 2], p[n - 1], p[n - 1]));
  parts.push(`L${p[n - 1].x},${p[n - 1].y}`);
  return parts.join('');
}

function bezier(p0: { x: number; y: number }, p1: { x: number; y: number }, p: { x: number; y: number }): string {
  const c = (a: number, b: number, k: number, l: number) => ((k * a + l * b) / 3).toFixed(1);
  const end = (a0: number, a1: number, a: number) => ((a0 + 4 * a1 + a) / 6).toFixed(1);
  return `C${c(p0.x, p1.x, 2, 1)},${c(p0.y, p1.y, 2, 1)},${c(p0.x, p1.x, 1, 2)},${c(p0.y, p1.y, 1, 2)},${end(p0.x, p1.x, p.x)},${end(p0.y, p1.y, p.y)}`;
}
