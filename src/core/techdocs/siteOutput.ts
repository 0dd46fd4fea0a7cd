// The machine-read files of a built site, in the formats Backstage and MkDocs use:
// `search/search_index.json` (MkDocs' search plugin) and `techdocs_metadata.json` (written by
// mkdocs-techdocs-core, then completed by techdocs-node with the build time, file list and etag).
import { pageUrl } from './siteFiles';
import { MkDocsConfig, SearchEntry } from './types';

/** Where MkDocs' search plugin writes its index, and where Backstage's publisher expects the metadata. */
export const SEARCH_INDEX_PATH = 'search/search_index.json';
export const METADATA_PATH = 'techdocs_metadata.json';

export interface SearchIndexDoc {
  location: string;
  title: string;
  text: string;
}

/** MkDocs' search index document for a site's entries. */
export function searchIndex(entries: SearchEntry[]): { config: Record<string, unknown>; docs: SearchIndexDoc[] } {
  const docs = entries.map(e => ({ location: `${pageUrl(e.pageId)}${e.anchor !== undefined ? `#${e.anchor}` : ''}`, title: e.title, text: e.text }));
  return { config: { lang: ['en'], separator: '[\\s\\-]+', pipeline: ['stopWordFilter'] }, docs };
}

export interface TechDocsMetadata {
  site_name: string;
  site_description: string;
  build_timestamp: number;
  files: string[];
  etag: string;
}

/** techdocs_metadata.json; `files` are the site's files, '/'-separated, this file included. */
export function techdocsMetadata(config: MkDocsConfig, files: string[], buildTimestamp: number, etag: string): TechDocsMetadata {
  // techdocs-core renders `config.site_description | string`, which is "None" when unset.
  const listed = files.includes(METADATA_PATH) ? files : [...files, METADATA_PATH];
  return { site_name: config.siteName, site_description: config.siteDescription ?? 'None', build_timestamp: buildTimestamp, files: [...listed].sort(), etag };
}
