// Which TechDocs site a Markdown file belongs to: the nearest folder above it with a
// mkdocs.yml whose docs_dir holds the file, or, without a config, the parent of a `docs`
// folder (TechDocs' generated default). Used by "Open Docs" on an open Markdown file.
import * as path from 'path';
import { FileSystemHost } from '../host';
import { findMkDocsConfig, parseMkDocsConfig } from './mkdocsConfig';
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
    if (found) return found;
    const parent = path.dirname(dir);
    if (parent === dir || (stopAt && !isInside(stopAt, parent))) return undefined;
  }
}

function siteAt(host: FileSystemHost, dir: string, file: string): SiteOfFile | undefined {
  const lookup = findMkDocsConfig(host, dir);
  let docsDir: string | undefined;
  if (lookup.file && lookup.text !== undefined) docsDir = resolveInside(dir, parseMkDocsConfig(lookup.text, lookup.file).config.docsDir);
  else if (!lookup.file && host.stat(path.join(dir, 'docs')) === 'directory') docsDir = path.join(dir, 'docs');
  if (!docsDir || !isInside(docsDir, file) || docsDir === file) return undefined;
  return { siteDir: dir, pageId: path.relative(docsDir, file).split(path.sep).join('/') };
}
