// The relations graph of an entity page: the neighbourhood within a few hops, and its layout with dagre
// (the layout library Backstage's catalog graph uses). Pure code: no vscode, no DOM.
import type * as Dagre from '@dagrejs/dagre';
import { EntityRelation } from '../../core/model/entity';
import { RELATION_PAIRS, RELATION_TITLES } from '../../core/model/relations';
import type { GraphDepth, GraphEdgeView, GraphNodeView, GraphView, RefView } from '../../../webview-ui/protocol';

/** What the graph reads from the catalog. */
export interface GraphSource {
  relationsOf(ref: string): EntityRelation[];
  has(ref: string): boolean;
}

/** Past this many nodes the neighbourhood is cut: a group at depth 3 can reach the whole catalog. */
export const MAX_GRAPH_NODES = 60;

/**
 * The direction each relation pair is drawn in, as Backstage's graph draws merged pairs:
 * a group "owner of" a component, a system "has part" a component, a component "depends on" a resource.
 */
const DRAWN_DIRECTION = new Set(['ownerOf', 'consumesApi', 'apiProvidedBy', 'hasPart', 'parentOf', 'hasMember', 'dependsOn']);

export interface Neighbourhood {
  /** Hops from the centre per ref, in visit order. */
  distance: Map<string, number>;
  edges: { from: string; to: string; type: string }[];
  truncated: boolean;
}

/** Entities within `depth` hops of `ref` (relations in both directions), with each pair of relations drawn once. */
export function neighbourhood(source: GraphSource, ref: string, depth: GraphDepth, maxNodes = MAX_GRAPH_NODES): Neighbourhood {
  const distance = new Map<string, number>([[ref, 0]]);
  const edges = new Map<string, { from: string; to: string; type: string }>();
  let truncated = false;
  let frontier = [ref];
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const relation of source.relationsOf(from)) {
        const target = relation.targetRef;
        if (!distance.has(target)) {
          if (distance.size >= maxNodes) {
            truncated = true;
            continue;
          }
          distance.set(target, hop);
          // A dangling target is drawn but not walked through.
          if (source.has(target)) next.push(target);
        }
        const edge = drawnEdge(from, relation);
        edges.set(`${edge.from} ${edge.type} ${edge.to}`, edge);
      }
    }
    frontier = next;
  }
  return { distance, edges: [...edges.values()], truncated };
}

/** A relation turned into the direction the graph draws its pair in. */
function drawnEdge(from: string, relation: EntityRelation): { from: string; to: string; type: string } {
  const reverse = RELATION_PAIRS[relation.type];
  if (DRAWN_DIRECTION.has(relation.type) || !reverse || !DRAWN_DIRECTION.has(reverse)) {
    return { from, to: relation.targetRef, type: relation.type };
  }
  return { from: relation.targetRef, to: from, type: reverse };
}

// Sizes in CSS pixels, for the webview's 13px UI font; text widths are estimated, and labels cut to fit.
const NODE_HEIGHT = 44;
const NODE_MIN_WIDTH = 132;
const NODE_MAX_WIDTH = 240;
const NODE_PADDING = 52; // icon, its gap and both sides
const CHAR_WIDTH = 7.4;
const DETAIL_CHAR_WIDTH = 6.4;
const EDGE_LABEL_CHAR_WIDTH = 6.2;
const EDGE_LABEL_HEIGHT = 16;

/** Lays out the nodes (refs already described) and edges from left to right. */
export function layoutGraph(nodes: { view: RefView; distance: number }[], edges: Neighbourhood['edges'], centre: string, depth: GraphDepth, truncated: boolean): GraphView {
  // Required on first use, not at activation: the layout library is only needed once a page opens.
  const { Graph, layout } = require('@dagrejs/dagre') as typeof Dagre;
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 48, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const { view } of nodes) g.setNode(view.ref, { width: nodeWidth(view.label, nodeDetail(view)), height: NODE_HEIGHT });
  edges.forEach((e, i) => {
    const title = relationTitle(e.type);
    g.setEdge(e.from, e.to, { width: title.length * EDGE_LABEL_CHAR_WIDTH + 8, height: EDGE_LABEL_HEIGHT, labelpos: 'c' }, String(i));
  });
  layout(g);
  const graph = g.graph();
  return {
    depth,
    nodes: nodes.map(({ view, distance }) => nodeView(view, distance, centre, g.node(view.ref))),
    edges: edges.map((e, i) => edgeView(e, g.edge(e.from, e.to, String(i)))),
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    truncated,
  };
}

/** Backstage's display title of a relation type, the type itself when it has none. */
export function relationTitle(type: string): string {
  return RELATION_TITLES[type] ?? type;
}

function nodeWidth(label: string, detail: string): number {
  const text = Math.max(label.length * CHAR_WIDTH, detail.length * DETAIL_CHAR_WIDTH);
  return Math.round(Math.min(NODE_MAX_WIDTH, Math.max(NODE_MIN_WIDTH, text + NODE_PADDING)));
}

/** The node's second line: its kind, a namespace other than the default one, and whether it is missing. */
function nodeDetail(view: RefView): string {
  const namespace = /^[^:]+:([^/]+)\//.exec(view.ref)?.[1];
  return [view.kind, namespace && namespace !== 'default' ? namespace : '', view.exists ? '' : 'missing'].filter(Boolean).join(' · ');
}

/** The label cut with an ellipsis where it would overflow the node. */
function fitLabel(label: string, width: number): string {
  if (label.length * CHAR_WIDTH + NODE_PADDING <= width + 0.5) return label;
  const room = Math.floor((width - NODE_PADDING) / CHAR_WIDTH);
  return `${label.slice(0, Math.max(1, room - 1))}…`;
}

function nodeView(view: RefView, distance: number, centre: string, placed: { x?: number; y?: number; width: number; height: number }): GraphNodeView {
  return {
    ...view,
    x: round(placed.x ?? 0),
    y: round(placed.y ?? 0),
    width: placed.width,
    height: placed.height,
    distance,
    current: view.ref === centre,
    shortLabel: fitLabel(view.label, placed.width),
    detail: nodeDetail(view),
  };
}

function edgeView(e: Neighbourhood['edges'][number], placed: { points?: { x: number; y: number }[]; x?: number; y?: number }): GraphEdgeView {
  return {
    from: e.from,
    to: e.to,
    type: e.type,
    title: relationTitle(e.type),
    points: (placed.points ?? []).map(p => ({ x: round(p.x), y: round(p.y) })),
    labelX: round(placed.x ?? 0),
    labelY: round(placed.y ?? 0),
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
