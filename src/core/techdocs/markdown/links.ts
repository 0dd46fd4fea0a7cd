// Relative links and images, resolved as MkDocs does: against the page's source folder to a
// page (`other.md#anchor` → that page's URL) or an asset; what MkDocs leaves alone (raw HTML,
// directory-style links) is resolved as a browser would from the page's URL. External links
// are marked; everything found is reported so broken links show as problems.
import MarkdownIt from 'markdown-it';
import { idDir, isExternal, normalizeId } from '../paths';
import { pageUrl } from '../siteFiles';
import { LinkReport } from '../types';
import { addProblem, fileLine, RenderEnv, Token } from './env';
import { RESOLVED_MARK } from './sanitize';

export interface ResolvedLink {
  kind: LinkReport['kind'];
  target?: string;
  /** The URL to write, or undefined to keep the original. */
  href?: string;
  /** For a broken folder link: the index page it probably means. */
  folderIndex?: string;
}

interface SplitHref {
  path: string;
  suffix: string;
  anchor?: string;
}

function splitHref(href: string): SplitHref {
  const hash = href.indexOf('#');
  const beforeHash = hash === -1 ? href : href.slice(0, hash);
  const anchor = hash === -1 ? undefined : href.slice(hash + 1);
  const query = beforeHash.indexOf('?');
  const rawPath = query === -1 ? beforeHash : beforeHash.slice(0, query);
  let path = rawPath;
  try {
    path = decodeURI(rawPath);
  } catch {
    // A malformed escape: keep the path as written.
  }
  return { path, suffix: query === -1 ? '' : beforeHash.slice(query), anchor };
}

function pageByUrl(env: RenderEnv, url: string): string | undefined {
  for (const page of env.site.pages.values()) if (page.url === url) return page.id;
  return undefined;
}

/** Resolves a site-relative location reached through a page URL (`a/b/`, `a/b/index.html`, `img/x.png`). */
function byUrl(env: RenderEnv, target: string): ResolvedLink | undefined {
  if (env.site.assets.has(target)) return { kind: 'asset', target };
  const asDir = target === '' || target.endsWith('/') ? target : target.replace(/index\.html$/, '');
  const id = pageByUrl(env, asDir) ?? pageByUrl(env, `${target}/`);
  return id ? { kind: 'page', target: id } : undefined;
}

function folderIndex(env: RenderEnv, id: string): string | undefined {
  return [`${id}/index.md`, `${id}/README.md`].map(i => i.replace(/^\//, '')).find(i => env.site.pages.has(i));
}

/** Resolves a link written on the current page; `fromSource` is false for raw HTML. */
export function resolveLink(env: RenderEnv, href: string, fromSource: boolean): ResolvedLink {
  if (href.startsWith('#')) return { kind: 'anchor' };
  const { path, suffix, anchor } = splitHref(href);
  if (path === '') return { kind: 'anchor' };
  if (path.startsWith('/')) return { kind: 'outside' };
  const sourceId = normalizeId(idDir(env.pageId) ? `${idDir(env.pageId)}/${path}` : path);
  let found: ResolvedLink | undefined;
  if (fromSource && sourceId !== undefined && env.site.pages.has(sourceId)) found = { kind: 'page', target: sourceId };
  else if (fromSource && sourceId !== undefined && env.site.assets.has(sourceId)) found = { kind: 'asset', target: sourceId };
  // What MkDocs leaves as written (and raw HTML), the browser resolves from the page's URL.
  const urlTarget = normalizeId(`${pageUrl(env.pageId)}${path}`);
  if (!found && urlTarget !== undefined) found = byUrl(env, path.endsWith('/') && urlTarget ? `${urlTarget}/` : urlTarget);
  if (!found) {
    const outside = urlTarget === undefined && (!fromSource || sourceId === undefined);
    return outside ? { kind: 'outside' } : { kind: 'broken', folderIndex: fromSource && sourceId !== undefined ? folderIndex(env, sourceId) : undefined };
  }
  const target = found.target as string;
  const mapped = found.kind === 'page' ? env.urls.page(target, env.pageId, anchor) : env.urls.asset(target, env.pageId, env.site.assetFiles.get(target) ?? '') + suffix + (anchor !== undefined ? `#${anchor}` : '');
  return { ...found, href: mapped };
}

/** Records a resolved link and warns about broken ones. */
export function reportLink(env: RenderEnv, href: string, resolved: ResolvedLink, bodyLine: number | undefined): void {
  env.links.push({ href, kind: resolved.kind, ...(resolved.target ? { target: resolved.target } : {}), line: fileLine(env, bodyLine) });
  if (resolved.kind === 'asset' && resolved.target) env.assets.add(resolved.target);
  if (resolved.kind === 'broken' && resolved.folderIndex) {
    addProblem(env, 'warning', 'link-to-folder', `The link "${href}" names a folder; MkDocs leaves it as written, and from this page's URL it leads nowhere. Link to the page instead: "${href.replace(/\/?(#.*)?$/, '/')}${resolved.folderIndex.slice(resolved.folderIndex.lastIndexOf('/') + 1)}".`, bodyLine);
  } else if (resolved.kind === 'broken') addProblem(env, 'warning', 'link-not-found', `The link "${href}" points to nothing in docs_dir.`, bodyLine);
  if (resolved.kind === 'outside' && href.startsWith('/')) addProblem(env, 'warning', 'link-absolute', `The link "${href}" is an absolute path; Backstage serves the docs under /docs/<namespace>/<kind>/<name>/, so it will not reach them. Use a relative link.`, bodyLine);
  else if (resolved.kind === 'outside') addProblem(env, 'warning', 'link-outside-docs', `The link "${href}" leaves docs_dir; it will not work in Backstage.`, bodyLine);
}

function rewrite(env: RenderEnv, token: Token, attr: 'href' | 'src', line: number | undefined): void {
  const value = token.attrGet(attr);
  if (value === null || value === '') return;
  if (isExternal(value)) {
    if (attr === 'href') {
      token.attrJoin('class', 'external');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return;
  }
  const resolved = resolveLink(env, value, true);
  if (resolved.kind !== 'anchor') reportLink(env, value, resolved, line);
  if (resolved.href !== undefined) token.attrSet(attr, resolved.href);
  if (resolved.kind === 'page') token.attrSet('data-page', resolved.target as string);
  token.attrSet(RESOLVED_MARK, '');
}

/** Rewrites Markdown links and images of the page. */
export function linksPlugin(md: MarkdownIt): void {
  md.core.ruler.push('techdocs_links', state => {
    const env = state.env as RenderEnv;
    let line: number | undefined;
    for (const block of state.tokens) {
      // Table cells have no map of their own: the last block with one gives the line.
      if (block.map) line = block.map[0];
      if (block.type !== 'inline' || !block.children) continue;
      const visit = (children: Token[]) => {
        for (const child of children) {
          if (child.type === 'link_open') rewrite(env, child, 'href', line);
          else if (child.type === 'image') {
            rewrite(env, child, 'src', line);
            if (child.children) visit(child.children);
          }
        }
      };
      visit(block.children);
    }
  });
}
