// Which TechDocs site a Markdown file belongs to: the nearest folder above it with a
// mkdocs.yml whose docs_dir holds the file, or, without a config, the parent of a `docs`
// folder (TechDocs' generated default); and when a site further up merges that one in with
// a nav `!include` (the monorepo plugin), that outer site. Used by "Open Docs" on a file.
import * as path from 'path';
import { FileSystemHost } from '../host';
import { findMkDocsConfig, parseMkDocsConfig } from './mkdocsConfig';
import { resolveIncludes } from './monorepo';
import { isInside, resolveInside } from './paths';
import { isMarkdownFile } from './siteFiles';

export interface SiteOfFile {
  siteDir: string;
  /** The file's page id in that site. */
  pageId: string;
}

/** The site of a Markdown file; `stopAt` bounds the walk up (a workspace folder). */
export function findSiteForFile(host: FileSystemHost, file: string, stopAt?: string): SiteOfFile | undefined {
  if (!isMarkdownFile(file)) return undefined;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const found = siteAt(host, dir, file);
    if (found) return includingSite(host, found.siteDir, file, stopAt) ?? found;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && !isInside(stopAt, parent))) return undefined;
  }
}

/** A site above `siteDir` whose nav includes the site holding `file`, with the file's page id there. */
function includingSite(host: FileSystemHost, siteDir: string, file: string, stopAt?: string): SiteOfFile | undefined {
  for (let dir = path.dirname(siteDir); stopAt === undefined || isInside(stopAt, dir); dir = path.dirname(dir)) {
    const lookup = findMkDocsConfig(host, dir);
    const nav = lookup.file && lookup.text?.includes('include ') ? parseMkDocsConfig(lookup.text, lookup.file).config.nav : undefined;
    if (lookup.file && nav) {
      const { includes } = resolveIncludes(nav, { host, siteDir: dir, configFile: lookup.file, configText: lookup.text, problems: [] });
      const holder = includes.find(i => isInside(i.docsDir, file) && i.docsDir !== file);
      if (holder) return { siteDir: dir, pageId: `${holder.prefix}/${path.relative(holder.docsDir, file).split(path.sep).join('/')}` };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
  return undefined;
}

function siteAt(host: FileSystemHost, dir: string, file: string): SiteOfFile | undefined {
  const lookup = findMkDocsConfig(host, dir);
  let docsDir: string | undefined;
  if (lookup.file && lookup.text !== undefined) docsDir = resolveInside(dir, parseMkDocsConfig(lookup.text, lookup.file).config.docsDir);
  else if (!lookup.file && host.stat(path.join(dir, 'docs')) === 'directory') docsDir = path.join(dir, 'docs');
  if (!docsDir || !isInside(docsDir, file) || docsDir === file) return undefined;
  return { siteDir: dir, pageId: path.relative(docsDir, file).split(path.sep).join('/') };
}
