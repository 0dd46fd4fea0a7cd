// TechDocs in the core: read a site (mkdocs.yml, docs_dir, nav) and render its pages to
// sanitized HTML with toc and search entries. Hosts hand in a FileSystemHost; nothing here
// touches vscode, the DOM or the network.
export { resolveTechDocsRef, TECHDOCS_REF_ANNOTATION } from './techdocsRef';
export type { TechDocsRefResolution } from './techdocsRef';
export { loadSite, readText } from './site';
export type { LoadSiteOptions } from './site';
export { createPageRenderer } from './renderPage';
export type { PageRenderer, PageRenderOptions } from './renderPage';
export { navTitle, neighbours } from './nav';
export { pageOutputPath, pageUrl, isMarkdownFile } from './siteFiles';
export { staticSiteUrls } from './urls';
export { parseMkDocsConfig, findMkDocsConfig, defaultMkDocsConfig } from './mkdocsConfig';
export * from './types';
export { searchIndex, techdocsMetadata, SEARCH_INDEX_PATH, METADATA_PATH } from './siteOutput';
export type { TechDocsMetadata, SearchIndexDoc } from './siteOutput';
export { findSiteForFile } from './findSite';
export type { SiteOfFile } from './findSite';
export { searchEntries } from './search';
export type { SearchHit } from './search';
