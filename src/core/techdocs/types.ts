// The data a TechDocs site is made of, once read: what the CLI writes out and the
// preview shows. Everything here is plain JSON so it can cross to a webview.

/** A problem found while reading or rendering a site; never thrown, always shown. */
export interface DocsProblem {
  severity: 'error' | 'warning' | 'info';
  /** Stable code, e.g. `mkdocs-key-removed`, `link-not-found`. */
  code: string;
  message: string;
  /** Absolute path of the file the problem is in, when there is one. */
  file?: string;
  /** Zero-based line in that file. */
  line?: number;
}

/** One entry of the site navigation. */
export type NavItem =
  | { type: 'page'; title: string; pageId: string }
  | { type: 'section'; title: string; children: NavItem[] }
  | { type: 'link'; title: string; url: string };

/** A Markdown page of the site. Its id is its path under docs_dir, '/'-separated (`a/b.md`). */
export interface PageFile {
  id: string;
  /** Absolute path of the Markdown file. */
  file: string;
  /** MkDocs directory URL relative to the site root: `''`, `a/`, `a/b/`. */
  url: string;
}

/** The parsed mkdocs.yml, after TechDocs' sanitising, with the defaults applied. */
export interface MkDocsConfig {
  siteName: string;
  siteDescription?: string;
  siteAuthor?: string;
  repoUrl?: string;
  editUri?: string;
  copyright?: string;
  /** docs_dir as written (relative to the site folder). */
  docsDir: string;
  /** Raw `nav` after validation; undefined when the config has none. */
  nav?: unknown[];
  /** Names of markdown_extensions left after sanitising. */
  markdownExtensions: string[];
  plugins: string[];
  /** Options of the techdocs-core plugin, defaults filled in. */
  techdocsCore: TechDocsCoreOptions;
  /** The whole sanitised config, for anything not modelled above. */
  raw: Record<string, unknown>;
}

/** The options mkdocs-techdocs-core 1.7.0 reads from its `plugins` entry. */
export interface TechDocsCoreOptions {
  useMaterialSearch: boolean;
  /** pymdownx.blocks (`/// note`) instead of `!!!`, `???` and `===`. */
  usePymdownxBlocks: boolean;
}

/** A site read from disk: configuration, pages, assets and nav, without rendered pages. */
export interface TechDocsSite {
  /** Absolute folder holding mkdocs.yml (the techdocs-ref `dir:` target). */
  siteDir: string;
  /** Absolute path of the config file, or undefined when the default config was generated. */
  configFile?: string;
  /** Absolute docs_dir. */
  docsDir: string;
  config: MkDocsConfig;
  /** Pages by id, in a stable order (nav order first, then the rest by path). */
  pages: Map<string, PageFile>;
  /** Non-Markdown files of the site, by their '/'-separated path in it (relative to docs_dir, or under an included site's folder). */
  assets: Set<string>;
  /** Absolute source file of each asset. */
  assetFiles: Map<string, string>;
  /** Sites merged in by the monorepo plugin (`!include` in nav), their pages under `prefix/`. */
  includes: IncludedSite[];
  nav: NavItem[];
  /** Page ids in reading order (nav order), for previous/next. */
  readingOrder: string[];
  problems: DocsProblem[];
}

/** Another MkDocs site merged into this one by a nav `!include` (mkdocs-monorepo-plugin). */
export interface IncludedSite {
  /** Title of its nav section. */
  title: string;
  siteName: string;
  /** Folder of the site its pages and files are under (`site_name`, or its slug), '/'-separated. */
  prefix: string;
  /** Absolute path of its mkdocs.yml. */
  configFile: string;
  /** Absolute path of its docs_dir. */
  docsDir: string;
}

/** One heading of a page, flat, in document order. */
export interface TocEntry {
  level: number;
  id: string;
  title: string;
  /** Zero-based line of the heading in the page's Markdown file (-1 when it came from a snippet). */
  line: number;
}

/** A search entry: a whole page (no anchor) or one of its sections. */
export interface SearchEntry {
  pageId: string;
  anchor?: string;
  title: string;
  text: string;
}

/** A relative link or image found on a page and what it resolved to. */
export interface LinkReport {
  href: string;
  kind: 'page' | 'asset' | 'anchor' | 'broken' | 'outside';
  /** Page id or asset path it resolved to. */
  target?: string;
  line: number;
}

/** A page rendered to sanitized HTML. */
export interface RenderedPage {
  id: string;
  title: string;
  html: string;
  toc: TocEntry[];
  search: SearchEntry[];
  /** True when the page holds at least one Mermaid diagram (so the viewer loads Mermaid). */
  hasMermaid: boolean;
  /** Page metadata from front matter (`title`, `description`, `hide`, ...). */
  meta: Record<string, unknown>;
  links: LinkReport[];
  /** Assets the page refers to (paths relative to docs_dir). */
  assets: string[];
  problems: DocsProblem[];
}

/** How URLs are written into rendered HTML: the static site and the preview map them differently. */
export interface UrlMapper {
  /** URL of a page (by id) seen from another page, with an optional `#anchor`. */
  page(targetId: string, fromId: string, anchor?: string): string;
  /** URL of an asset (its path in the site) seen from a page; `file` is its absolute source file. */
  asset(assetPath: string, fromId: string, file: string): string;
}

/** Which hosts' iframes survive sanitizing: none, any https host, or a list of host names. */
export type IframePolicy = 'none' | 'all' | string[];

export interface RenderOptions {
  urls?: UrlMapper;
  iframes?: IframePolicy;
  /** Adds `data-line` (zero-based source line) to block elements, for scroll sync and "edit at line". */
  sourceLines?: boolean;
}
