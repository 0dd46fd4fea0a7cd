// Site navigation as MkDocs builds it: from mkdocs.yml `nav` (pages, `Title: page.md`,
// nested sections, external links) or, without one, from the docs_dir tree (folders become
// sections). The reading order for previous/next follows the nav's pages.
import { DocsProblem, NavItem, PageFile } from './types';
import { isExternal, normalizeId } from './paths';
import { titleFromName } from './pageMeta';

export interface NavContext {
  pages: Map<string, PageFile>;
  /** Title of a page without a nav title (meta title, first h1, or file name). */
  titleOf(id: string): string;
  /** File the nav comes from, for problems. */
  configFile?: string;
}

/** Builds the nav from mkdocs.yml `nav` entries. */
export function navFromConfig(entries: unknown[], ctx: NavContext, problems: DocsProblem[]): NavItem[] {
  return entries.flatMap(entry => navEntry(entry, undefined, ctx, problems));
}

function navEntry(entry: unknown, title: string | undefined, ctx: NavContext, problems: DocsProblem[]): NavItem[] {
  if (typeof entry === 'string') return [navTarget(entry, title, ctx, problems)];
  if (Array.isArray(entry)) return [{ type: 'section', title: title ?? '', children: entry.flatMap(e => navEntry(e, undefined, ctx, problems)) }];
  if (typeof entry === 'object' && entry !== null) {
    return Object.entries(entry).flatMap(([key, value]) => (value === null ? navEntry(key, undefined, ctx, problems) : navEntry(value, key, ctx, problems)));
  }
  problems.push({ severity: 'warning', code: 'nav-invalid', file: ctx.configFile, message: `nav entry ${JSON.stringify(entry)} is neither a page, a link nor a section.` });
  return [];
}

function navTarget(target: string, title: string | undefined, ctx: NavContext, problems: DocsProblem[]): NavItem {
  if (isExternal(target) || target.startsWith('/')) return { type: 'link', title: title ?? target, url: target };
  const id = normalizeId(target.split('#')[0]);
  const page = id !== undefined ? ctx.pages.get(id) ?? ctx.pages.get(`${id}/index.md`.replace(/^\//, '')) : undefined;
  if (!page) {
    problems.push({ severity: 'warning', code: 'nav-page-not-found', file: ctx.configFile, message: `nav refers to "${target}", which is not among the documentation files.` });
    return { type: 'link', title: title ?? target, url: target };
  }
  return { type: 'page', title: title ?? ctx.titleOf(page.id), pageId: page.id };
}

/** Builds the nav from the docs_dir tree: pages of a folder first, then one section per sub-folder. */
export function navFromFiles(ctx: NavContext): NavItem[] {
  const root: NavItem[] = [];
  const sections = new Map<string, NavItem[]>([['', root]]);
  for (const id of ctx.pages.keys()) {
    const parts = id.split('/');
    let branch = root;
    let key = '';
    for (const part of parts.slice(0, -1)) {
      key = key ? `${key}/${part}` : part;
      let next = sections.get(key);
      if (!next) {
        next = [];
        sections.set(key, next);
        branch.push({ type: 'section', title: titleFromName(part), children: next });
      }
      branch = next;
    }
    branch.push({ type: 'page', title: ctx.titleOf(id), pageId: id });
  }
  return root;
}

/** Page ids of a nav in reading order (each page once). */
export function readingOrder(nav: NavItem[]): string[] {
  const seen = new Set<string>();
  const visit = (items: NavItem[]) => {
    for (const item of items) {
      if (item.type === 'page') seen.add(item.pageId);
      else if (item.type === 'section') visit(item.children);
    }
  };
  visit(nav);
  return [...seen];
}

/** The pages before and after a page in reading order. */
export function neighbours(order: string[], id: string): { previous?: string; next?: string } {
  const at = order.indexOf(id);
  if (at === -1) return {};
  return { previous: order[at - 1], next: order[at + 1] };
}

/** The title a page has in the nav, if the nav names it. */
export function navTitle(nav: NavItem[], pageId: string): string | undefined {
  for (const item of nav) {
    if (item.type === 'page' && item.pageId === pageId) return item.title;
    if (item.type === 'section') {
      const found = navTitle(item.children, pageId);
      if (found) return found;
    }
  }
  return undefined;
}
