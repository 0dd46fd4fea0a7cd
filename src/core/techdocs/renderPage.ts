// Renders one page of a site: meta, snippets, sane lists, markdown-it, sanitizing, and the
// data beside the HTML (title, toc, search entries, links, assets, problems). The CLI calls it
// for every page; the preview calls it for one page on each edit, with the unsaved text.
import MarkdownIt from 'markdown-it';
import { FileSystemHost } from '../host';
import { createMarkdown } from './markdown/engine';
import { chunksOf, LruCache } from './markdown/chunks';
import { criticSource } from './markdown/critic';
import { markdownFeatures } from './markdown/features';
import { RenderEnv, Token } from './markdown/env';
import { unknownLanguages } from './markdown/fences';
import { reportLink, resolveLink } from './markdown/links';
import { RESOLVED_MARK, sanitizeRendered } from './markdown/sanitize';
import { saneLists } from './markdown/saneLists';
import { expandSnippets } from './markdown/snippets';
import { searchEntriesOf, tocOf } from './pageData';
import { pageTitle, splitPage } from './pageMeta';
import { readText } from './site';
import { navTitle } from './nav';
import { DocsProblem, RenderedPage, RenderOptions, TechDocsSite } from './types';
import { staticSiteUrls } from './urls';

export interface PageRenderOptions extends RenderOptions {
  /** The page's text when it differs from the disk (an unsaved editor). */
  text?: string;
  /** Unsaved text of other files (snippets), by absolute path. */
  overrides?: ReadonlyMap<string, string>;
  /** Extra URL schemes the viewer maps local files to. */
  extraSchemes?: string[];
}

/** A reusable renderer: holds the markdown-it instance, so build it once per host. */
export interface PageRenderer {
  render(site: TechDocsSite, pageId: string, options?: PageRenderOptions): RenderedPage;
}

/** Sanitized raw-HTML chunks: the HTML and the relative URLs the sanitizer resolved in it. */
interface SanitizedChunk {
  html: string;
  urls: string[];
}

interface RenderContext {
  md: MarkdownIt;
  host: FileSystemHost;
  cache: LruCache<SanitizedChunk>;
  /** A number per site and URL mapper object, so a cached chunk is only reused where it was resolved. */
  ids: WeakMap<object, number>;
}

/** Creates a renderer reading files (snippets, pages) through `host`. */
export function createPageRenderer(host: FileSystemHost): PageRenderer {
  const ctx: RenderContext = { md: createMarkdown(), host, cache: new LruCache(2000), ids: new WeakMap() };
  return { render: (site, pageId, options = {}) => renderWith(ctx, site, pageId, options) };
}

function renderWith(ctx: RenderContext, site: TechDocsSite, pageId: string, options: PageRenderOptions): RenderedPage {
  const { md, host } = ctx;
  const page = site.pages.get(pageId);
  const problems: DocsProblem[] = [];
  const file = page?.file ?? pageId;
  const text = options.text ?? (page ? readText(host, page.file, options.overrides) : undefined);
  if (!page || text === undefined) {
    problems.push({ severity: 'error', code: 'page-unreadable', file, message: `The page ${pageId} cannot be read.` });
    return { id: pageId, title: pageId, html: '', toc: [], search: [], hasMermaid: false, meta: {}, links: [], assets: [], problems };
  }
  const split = splitPage(text);
  if (split.strayKeys.length > 0) {
    problems.push({ severity: 'info', code: 'page-meta-lines', file, line: 0, message: `The first lines were read as page metadata (${split.strayKeys.join(', ')}), as MkDocs reads "key: value" lines at the top of a page; add a blank line or a heading above them to show them as text.` });
  }
  const read = (f: string) => (host.stat(f) === 'file' || options.overrides?.has(f) ? readText(host, f, options.overrides) : undefined);
  const expanded = expandSnippets(split.body, { host, siteDir: site.siteDir, file, problems, read }, split.lineOffset);
  // pymdownx.critic runs on the source after snippets, before any other extension.
  const critic = criticSource(expanded.lines, expanded.origin);
  const source = critic ?? expanded;
  const env: RenderEnv = {
    pageId, file, site, urls: options.urls ?? staticSiteUrls, lineMap: source.origin, sourceLines: options.sourceLines ?? false,
    problems, links: [], assets: new Set(), hasMermaid: false, tabSets: 0, features: markdownFeatures(site.config), criticComments: critic?.comments,
  };
  const tokens = md.parse(saneLists(source.lines).join('\n'), env);
  unknownLanguages(tokens, env);
  const html = renderChunks(ctx, site, tokens, env, options);
  const title = navTitle(site.nav, pageId) ?? pageTitle(pageId, split);
  return { id: pageId, title, html, toc: tocOf(tokens, env), search: searchEntriesOf(pageId, title, tokens), hasMermaid: env.hasMermaid, meta: split.meta, links: env.links, assets: [...env.assets].sort(), problems };
}

function objectId(ctx: RenderContext, object: object): number {
  let id = ctx.ids.get(object);
  if (id === undefined) {
    id = Math.random();
    ctx.ids.set(object, id);
  }
  return id;
}

/** Renders the page chunk by chunk; only raw-HTML chunks are sanitized (and cached). */
function renderChunks(ctx: RenderContext, site: TechDocsSite, tokens: Token[], env: RenderEnv, options: PageRenderOptions): string {
  const { md } = ctx;
  const keyPrefix = `${objectId(ctx, site)}\0${objectId(ctx, env.urls)}\0${env.pageId}\0${JSON.stringify([options.iframes ?? 'none', options.extraSchemes ?? []])}\0`;
  const replay = (url: string) => {
    const resolved = resolveLink(env, url, false);
    if (resolved.kind !== 'anchor') reportLink(env, url, resolved, undefined);
    return resolved.href;
  };
  return chunksOf(tokens)
    .map(chunk => {
      if (!chunk.raw) return md.renderer.render(unmarked(chunk.tokens), md.options, env);
      const html = md.renderer.render(chunk.tokens, md.options, env);
      const key = keyPrefix + html;
      const cached = ctx.cache.get(key);
      if (cached) {
        cached.urls.forEach(replay);
        return cached.html;
      }
      const urls: string[] = [];
      const clean = sanitizeRendered(html, { iframes: options.iframes ?? 'none', extraSchemes: options.extraSchemes, resolveRaw: url => (urls.push(url), replay(url)) });
      ctx.cache.set(key, { html: clean, urls });
      return clean;
    })
    .join('');
}

/** Drops the "already resolved" marker the sanitizer reads: chunks without raw HTML skip it. */
function unmarked(tokens: Token[]): Token[] {
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.attrs && (child.type === 'link_open' || child.type === 'image')) child.attrs = child.attrs.filter(([name]) => name !== RESOLVED_MARK);
    }
  }
  return tokens;
}
