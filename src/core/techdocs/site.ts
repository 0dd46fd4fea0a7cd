// Reads a TechDocs site folder into a TechDocsSite: config (found, parsed, sanitised or
// generated), docs_dir (never outside the site folder), pages, assets and nav. Rendering
// pages is separate (renderPage), so the preview can re-render one page per keystroke.
import { FileSystemHost } from '../host';
import { defaultMkDocsConfig, findMkDocsConfig, parseMkDocsConfig } from './mkdocsConfig';
import { resolveIncludes } from './monorepo';
import { navFromConfig, navFromFiles, readingOrder } from './nav';
import { pageTitle, splitPage } from './pageMeta';
import { resolveInside } from './paths';
import { listDocsFiles } from './siteFiles';
import { DocsProblem, IncludedSite, MkDocsConfig, TechDocsSite } from './types';

export interface LoadSiteOptions {
  /** Site name for the generated config when there is no mkdocs.yml (techdocs-cli `--site-name`). */
  defaultSiteName?: string;
  /** Text of open, unsaved documents by absolute path, read instead of the disk. */
  overrides?: ReadonlyMap<string, string>;
}

/** Reads the site whose mkdocs.yml (or generated default) lives in `siteDir`. */
export function loadSite(host: FileSystemHost, siteDir: string, options: LoadSiteOptions = {}): TechDocsSite {
  const lookup = findMkDocsConfig(host, siteDir);
  const problems: DocsProblem[] = [...lookup.problems];
  const configText = lookup.file ? options.overrides?.get(lookup.file) ?? lookup.text : undefined;
  let config: MkDocsConfig;
  if (lookup.file && configText !== undefined) {
    const parsed = parseMkDocsConfig(configText, lookup.file);
    config = parsed.config;
    problems.push(...parsed.problems);
  } else {
    config = defaultMkDocsConfig(options.defaultSiteName);
    if (!lookup.file) problems.push({ severity: 'info', code: 'mkdocs-default-config', message: `No mkdocs.yml in ${siteDir}: using the config TechDocs generates (site_name "${config.siteName}", docs_dir docs).` });
  }
  const empty = { siteDir, configFile: lookup.file, config, pages: new Map(), assets: new Set<string>(), assetFiles: new Map<string, string>(), includes: [], nav: [], readingOrder: [], problems };
  const docsDir = resolveInside(siteDir, config.docsDir);
  if (!docsDir || docsDir === siteDir) {
    problems.push({ severity: 'error', code: 'docs-dir-outside', file: lookup.file, message: `docs_dir "${config.docsDir}" must be a folder inside ${siteDir}; TechDocs refuses to build it.` });
    return { ...empty, docsDir: siteDir };
  }
  if (host.stat(docsDir) !== 'directory') {
    problems.push({ severity: 'error', code: 'docs-dir-missing', file: lookup.file, message: `docs_dir "${config.docsDir}" does not exist in ${siteDir}.` });
    return { ...empty, docsDir };
  }
  // The monorepo plugin merges included sites into the docs before anything else reads them.
  let navEntries = config.nav;
  let includes: IncludedSite[] = [];
  if (navEntries && lookup.file) {
    const resolved = resolveIncludes(navEntries, { host, siteDir, configFile: lookup.file, configText, overrides: options.overrides, problems });
    navEntries = resolved.nav;
    includes = resolved.includes;
  }
  const files = listDocsFiles(host, docsDir, excludeLines(config.raw.exclude_docs), includes);
  problems.push(...files.problems);
  const titles = new Map<string, string>();
  const titleOf = (id: string) => {
    let title = titles.get(id);
    if (title === undefined) {
      title = pageTitle(id, splitPage(readText(host, files.pages.get(id)?.file ?? '', options.overrides) ?? ''));
      titles.set(id, title);
    }
    return title;
  };
  const ctx = { pages: files.pages, titleOf, configFile: lookup.file };
  const nav = navEntries ? navFromConfig(navEntries, ctx, problems) : navFromFiles(ctx);
  return { siteDir, configFile: lookup.file, docsDir, config, pages: files.pages, assets: files.assets, assetFiles: files.assetFiles, includes, nav, readingOrder: readingOrder(nav), problems };
}

/** UTF-8 text of a file (an unsaved override first), or undefined when unreadable. */
export function readText(host: FileSystemHost, file: string, overrides?: ReadonlyMap<string, string>): string | undefined {
  const override = overrides?.get(file);
  if (override !== undefined) return override;
  const bytes = host.readFile(file);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

function excludeLines(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\r?\n/);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
