// Codicons for entity kinds and links. No vscode import: the page state is built from these in pure code,
// and the build (webview-ui/build.js) turns the same names into the panel's tab icons.
import { BUILTIN_KINDS } from '../../core/model/entity';

/** Codicon per kind, lower-case keys, close to the icons Backstage shows for each kind. */
export const KIND_ICONS: Readonly<Record<string, string>> = {
  component: 'package',
  api: 'plug',
  resource: 'database',
  system: 'layers',
  domain: 'map',
  group: 'organization',
  user: 'person',
  location: 'location',
  template: 'notebook-template',
};

/** Icon of kinds the table does not know. */
export const DEFAULT_KIND_ICON = 'symbol-misc';

/** The codicon of a kind, in any case. */
export function kindIcon(kind: string): string {
  return KIND_ICONS[kind.toLowerCase()] ?? DEFAULT_KIND_ICON;
}

const BUILTIN_BY_LOWER = new Map(Object.keys(BUILTIN_KINDS).map(k => [k.toLowerCase(), k]));

/** A kind as people write it: `API` for `api`, `Component` for `component`, unknown kinds capitalised. */
export function displayKind(kind: string): string {
  return BUILTIN_BY_LOWER.get(kind.toLowerCase()) ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

// Backstage's well-known link icons (app.getSystemIcon keys) mapped to codicons.
const LINK_ICONS: Readonly<Record<string, string>> = {
  dashboard: 'dashboard',
  docs: 'book',
  chat: 'comment-discussion',
  email: 'mail',
  github: 'github-alt',
  group: 'organization',
  help: 'question',
  user: 'person',
  warning: 'warning',
  catalog: 'list-tree',
  scaffolder: 'wand',
  techdocs: 'book',
  search: 'search',
  dns: 'server',
  kind: 'symbol-misc',
};

/** The codicon for a link's `icon` (or `type`), a plain link icon otherwise. */
export function linkIcon(icon: string | undefined, type: string | undefined): string {
  return LINK_ICONS[(icon ?? '').toLowerCase()] ?? LINK_ICONS[(type ?? '').toLowerCase()] ?? 'link-external';
}
