// A TechDocs site as files to write or serve: rendered pages in the MkDocs layout
// (`a/b.md` → `a/b/index.html`), the docs_dir assets, the search index, the theme and
// techdocs_metadata.json. Pages are rendered on first use and kept until the site changes,
// so `docs serve` only renders what is asked for.
import { createHash } from 'crypto';
import * as path from 'path';
import { FileSystemHost } from '../core/host';
import {
  createPageRenderer, DocsProblem, IframePolicy, loadSite, METADATA_PATH, pageOutputPath, PageRenderer, RenderedPage, SEARCH_INDEX_PATH,
  searchIndex, TechDocsSite, techdocsMetadata,
} from '../core/techdocs';
import { LayoutOptions, notFoundDocument, pageDocument, SEARCH_JS_PATH, THEME_CSS_PATH } from './docsLayout';
import { searchScript, techdocsCss } from './docsTheme';

/** One output file: generated text or a copy of a source file. */
export type SiteFile = { kind: 'text'; text: string } | { kind: 'copy'; from: string };

export interface DocsSiteOptions {
  iframes?: IframePolicy;
  siteName?: string;
  layout?: LayoutOptions;
}

/** A site ready to build or serve: loaded once, pages rendered on demand and cached. */
export class DocsSite {
  readonly site: TechDocsSite;
  private readonly pages = new Map<string, RenderedPage>();
  private readonly renderer: PageRenderer;

  constructor(private readonly host: FileSystemHost, siteDir: string, private readonly options: DocsSiteOptions = {}, renderer?: PageRenderer) {
    this.site = loadSite(host, siteDir, { defaultSiteName: options.siteName });
    this.renderer = renderer ?? createPageRenderer(host);
  }

  /** The rendered page (cached). */
  page(id: string): RenderedPage {
    let page = this.pages.get(id);
    if (!page) {
      page = this.renderer.render(this.site, id, { iframes: this.options.iframes });
      this.pages.set(id, page);
    }
    return page;
  }

  /** Every output path, '/'-separated, mapped to how it is produced. */
  outputs(): Map<string, () => SiteFile> {
    const out = new Map<string, () => SiteFile>();
    for (const asset of this.site.assets) out.set(asset, () => ({ kind: 'copy', from: this.sourceFile(asset) }));
    for (const id of this.site.pages.keys()) out.set(pageOutputPath(id), () => ({ kind: 'text', text: this.pageHtml(id) }));
    const generated: [string, () => string][] = [
      [THEME_CSS_PATH, techdocsCss], [SEARCH_JS_PATH, searchScript], ['404.html', () => notFoundDocument(this.site)], [SEARCH_INDEX_PATH, () => this.searchIndexJson()],
    ];
    // A file of the docs wins over a generated one of the same name, as in MkDocs.
    for (const [p, make] of generated) if (!out.has(p)) out.set(p, () => ({ kind: 'text', text: make() }));
    return out;
  }

  /** The HTML document of a page. */
  pageHtml(id: string): string {
    return pageDocument(this.site, this.page(id), pageId => this.page(pageId).title, this.options.layout);
  }

  /** search/search_index.json. */
  searchIndexJson(): string {
    return JSON.stringify(searchIndex([...this.site.pages.keys()].flatMap(id => this.page(id).search)));
  }

  /** techdocs_metadata.json for the given output files. */
  metadataJson(files: string[], buildTimestamp: number, etag?: string): string {
    return JSON.stringify(techdocsMetadata(this.site.config, [...files, METADATA_PATH], buildTimestamp, etag ?? this.etag()));
  }

  /** A content hash of the sources: changes whenever the docs change, like a commit id. */
  etag(): string {
    const hash = createHash('sha256');
    for (const config of [this.site.configFile, ...this.site.includes.map(i => i.configFile)]) if (config) hash.update(this.host.readFile(config) ?? new Uint8Array());
    for (const id of [...this.site.pages.keys(), ...this.site.assets].sort()) {
      hash.update(id);
      hash.update(this.host.readFile(this.sourceFile(id)) ?? new Uint8Array());
    }
    return hash.digest('hex').slice(0, 40);
  }

  /** The file a page or asset of the site is read from (an included site's files live in its own docs_dir). */
  private sourceFile(id: string): string {
    return this.site.pages.get(id)?.file ?? this.site.assetFiles.get(id) ?? path.join(this.site.docsDir, ...id.split('/'));
  }

  /** Site problems plus the problems of every page rendered so far. */
  problems(): DocsProblem[] {
    return [...this.site.problems, ...[...this.pages.values()].flatMap(p => p.problems)];
  }
}
