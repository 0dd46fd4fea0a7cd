// The entity page's one message protocol, shared by both ends: the extension (src/extension/entityPage)
// and the webview (webview-ui/entity). Everything here crosses postMessage as plain JSON, so it holds
// data types and pure helpers only: no vscode, no DOM.

/** How many relation hops the graph shows around the entity. */
export type GraphDepth = 1 | 2 | 3;
export const GRAPH_DEPTHS: readonly GraphDepth[] = [1, 2, 3];
export const DEFAULT_GRAPH_DEPTH: GraphDepth = 1;

/** Zero-based, like the catalog's diagnostics. */
export interface TextPosition {
  line: number;
  character: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** Another entity as the page shows it: a link when it exists, a "missing" marker when dangling. */
export interface RefView {
  /** Canonical `kind:namespace/name`. */
  ref: string;
  kind: string;
  /** Title (or name) when the entity exists, the ref's name otherwise. */
  label: string;
  /** Codicon name for the kind. */
  icon: string;
  exists: boolean;
}

export interface KeyValueView {
  key: string;
  value: string;
}

export interface LinkView {
  url: string;
  title: string;
  /** Codicon name derived from the link's icon or type. */
  icon: string;
}

/** One row of the About card that points at another entity. */
export interface AboutRefView {
  label: string;
  targets: RefView[];
  /** Set when the value is inherited, e.g. a component's domain through its system. */
  via?: RefView;
}

export interface RelationGroupView {
  /** The relation type as stored, e.g. `ownedBy`. */
  type: string;
  /** Backstage's display title, e.g. "owned by". */
  title: string;
  targets: RefView[];
}

export interface GraphNodeView extends RefView {
  /** Centre of the node, from the layout. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Hops from the page's entity. */
  distance: number;
  current: boolean;
  /** The label cut to fit the node (the full label is `label`). */
  shortLabel: string;
  /** The second line: kind, a namespace other than `default`, "missing". */
  detail: string;
}

export interface GraphEdgeView {
  from: string;
  to: string;
  /** The relation in the edge's direction, e.g. `ownerOf`. */
  type: string;
  title: string;
  points: { x: number; y: number }[];
  labelX: number;
  labelY: number;
}

export interface GraphView {
  depth: GraphDepth;
  nodes: GraphNodeView[];
  edges: GraphEdgeView[];
  width: number;
  height: number;
  /** True when the neighbourhood was cut at the node limit. */
  truncated: boolean;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface ProblemView {
  severity: ProblemSeverity;
  code: string;
  message: string;
  range: TextRange;
}

export interface SourceView {
  /** The file as people read it (workspace-relative when possible). */
  path: string;
  /** Zero-based line of the entity's document. */
  line: number;
}

/** The page of an entity that exists. */
export interface EntityView {
  status: 'entity';
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  icon: string;
  description?: string;
  type?: string;
  lifecycle?: string;
  tags: string[];
  /** Owner, system, domain, parent and the like, in display order. */
  about: AboutRefView[];
  /** Plain About fields such as a user's e-mail. */
  fields: KeyValueView[];
  links: LinkView[];
  labels: KeyValueView[];
  annotations: KeyValueView[];
  relations: RelationGroupView[];
  graph: GraphView;
  problems: ProblemView[];
  source: SourceView;
  /** True when the default Backstage catalog would reject the entity. */
  rejected: boolean;
}

/** The page of an entity that was deleted (or renamed) while the page was open. */
export interface MissingView {
  status: 'missing';
  ref: string;
  kind: string;
  title: string;
  icon: string;
  /** Where the entity was last seen, when the page knew it. */
  lastSource?: SourceView;
}

/** Shown until the catalog has been read (e.g. a page restored after a window reload). */
export interface LoadingView {
  status: 'loading';
  ref: string;
}

export type EntityPageState = EntityView | MissingView | LoadingView;

/** What the webview keeps through `setState`, and what the panel serializer reads back after a reload. */
export interface EntityPageSavedState {
  ref: string;
  depth: GraphDepth;
}

// ---- extension -> webview ----

/** Sent by the extension: the whole page state, after `ready`, after every relevant catalog change and after `setDepth`. */
export interface StateMessage {
  type: 'state';
  /** Increases with every state posted to this panel; `rendered` echoes it. */
  revision: number;
  depth: GraphDepth;
  state: EntityPageState;
}

/** Every message the extension sends to the webview. */
export type ExtensionMessage = StateMessage;

// ---- webview -> extension ----

/** Sent by the webview when its script starts (also after being hidden and shown again): asks for the state. */
export interface ReadyMessage {
  type: 'ready';
}

/** What the webview found in its own DOM after drawing: lets the extension (and its tests) see what people see. */
export interface DrawnSummary {
  status: EntityPageState['status'];
  /** Text of the page's main heading. */
  heading: string;
  /** Graph nodes drawn. */
  graphNodes: number;
}

/** Sent by the webview after it drew the state of `revision`. */
export interface RenderedMessage {
  type: 'rendered';
  revision: number;
  drawn: DrawnSummary;
}

/** Sent by the webview when a related entity (a relation target, a graph node, an About value) is clicked. */
export interface OpenEntityMessage {
  type: 'openEntity';
  ref: string;
}

/** Sent by the webview when one of the entity's links is clicked; the extension opens it externally. */
export interface OpenLinkMessage {
  type: 'openLink';
  url: string;
}

/** Sent by the webview to open the entity's file: at a problem's range, or at the entity's line without one. */
export interface OpenSourceMessage {
  type: 'openSource';
  range?: TextRange;
}

/** Sent by the webview when the user picks another graph depth. */
export interface SetDepthMessage {
  type: 'setDepth';
  depth: GraphDepth;
}

/** Sent by the webview to copy the entity's ref to the clipboard. */
export interface CopyRefMessage {
  type: 'copyRef';
}

/** Sent by the webview when a script error or a CSP violation happens in the page: the extension logs it. */
export interface ReportErrorMessage {
  type: 'reportError';
  message: string;
}

/** Every message the webview sends to the extension. */
export type WebviewMessage =
  | ReadyMessage
  | RenderedMessage
  | OpenEntityMessage
  | OpenLinkMessage
  | OpenSourceMessage
  | SetDepthMessage
  | CopyRefMessage
  | ReportErrorMessage;

/** True for 1, 2 and 3. */
export function isGraphDepth(value: unknown): value is GraphDepth {
  return value === 1 || value === 2 || value === 3;
}

/** The webview's message when `data` is a well-formed one, else undefined (the webview is not trusted blindly). */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (!isObject(data) || typeof data.type !== 'string') return undefined;
  switch (data.type) {
    case 'ready':
    case 'copyRef':
      return { type: data.type };
    case 'rendered':
      return typeof data.revision === 'number' && isDrawn(data.drawn) ? { type: 'rendered', revision: data.revision, drawn: data.drawn } : undefined;
    case 'openEntity':
      return typeof data.ref === 'string' && data.ref ? { type: 'openEntity', ref: data.ref } : undefined;
    case 'openLink':
      return typeof data.url === 'string' ? { type: 'openLink', url: data.url } : undefined;
    case 'openSource':
      return parseOpenSource(data.range);
    case 'setDepth':
      return isGraphDepth(data.depth) ? { type: 'setDepth', depth: data.depth } : undefined;
    case 'reportError':
      return typeof data.message === 'string' ? { type: 'reportError', message: data.message.slice(0, 2000) } : undefined;
    default:
      return undefined;
  }
}

/** The saved state when `data` is a well-formed one (it comes back from disk after a reload). */
export function parseSavedState(data: unknown): EntityPageSavedState | undefined {
  if (!isObject(data) || typeof data.ref !== 'string' || !data.ref) return undefined;
  return { ref: data.ref, depth: isGraphDepth(data.depth) ? data.depth : DEFAULT_GRAPH_DEPTH };
}

function isDrawn(value: unknown): value is DrawnSummary {
  return (
    isObject(value) &&
    (value.status === 'entity' || value.status === 'missing' || value.status === 'loading') &&
    typeof value.heading === 'string' &&
    isCount(value.graphNodes)
  );
}

function parseOpenSource(range: unknown): OpenSourceMessage | undefined {
  if (range === undefined) return { type: 'openSource' };
  if (!isObject(range) || !isPosition(range.start) || !isPosition(range.end)) return undefined;
  // Copied field by field: nothing but the numbers crosses into the extension.
  const { start, end } = range;
  return { type: 'openSource', range: { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } } };
}

function isPosition(value: unknown): value is TextPosition {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
