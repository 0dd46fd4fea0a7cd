// mkdocs.yml as techdocs-node 2.0.0 reads it (format §8.2): lookup order, the generated
// default, the tolerated Python tags, and the sanitising that drops keys, plugins, theme keys
// and markdown extensions with a warning. Dropped settings are shown to the user, never fatal.
import * as YAML from 'yaml';
import { FileSystemHost } from '../host';
import { DocsProblem, MkDocsConfig, TechDocsCoreOptions } from './types';
import * as path from 'path';

/** The site name of the config TechDocs generates (techdocs-cli `--site-name` overrides it). */
export const DEFAULT_SITE_NAME = 'Documentation Site';

const ALLOWED_KEYS = new Set(['site_name', 'site_url', 'site_description', 'site_author', 'repo_url', 'repo_name', 'edit_uri', 'edit_uri_template', 'docs_dir', 'site_dir', 'nav', 'exclude_docs', 'not_in_nav', 'theme', 'plugins', 'markdown_extensions', 'extra', 'extra_css', 'use_directory_urls', 'strict', 'dev_addr', 'watch', 'copyright', 'remote_branch', 'remote_name', 'validation', 'google_analytics']);
const ALLOWED_PLUGINS = new Set(['techdocs-core', 'search', 'material/search', 'redirects', 'group', 'material/group']);
const ALLOWED_THEME_KEYS = new Set(['name', 'font', 'icon', 'logo', 'favicon', 'language', 'direction', 'palette', 'features']);
const ALLOWED_PYTHON_TAGS = new Set([
  'tag:yaml.org,2002:python/name:materialx.emoji.twemoji',
  'tag:yaml.org,2002:python/object/apply:materialx.emoji.to_svg',
  'tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify',
]);
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'binary', 'timestamp', 'set', 'omap', 'pairs'].map(t => `tag:yaml.org,2002:${t}`));

/** Where the config was found and its text (undefined when the default is used). */
export interface ConfigLookup {
  file?: string;
  text?: string;
  problems: DocsProblem[];
}

/** Finds mkdocs.yaml, then mkdocs.yml, in a site folder; warns when both exist. */
export function findMkDocsConfig(host: FileSystemHost, siteDir: string): ConfigLookup {
  const candidates = ['mkdocs.yaml', 'mkdocs.yml'].map(n => path.join(siteDir, n)).filter(f => host.stat(f) === 'file');
  const problems: DocsProblem[] = [];
  if (candidates.length === 0) return { problems };
  if (candidates.length > 1) {
    problems.push({ severity: 'warning', code: 'mkdocs-both-configs', file: candidates[1], message: 'Both mkdocs.yaml and mkdocs.yml exist; TechDocs reads mkdocs.yaml and ignores this file.' });
  }
  const bytes = host.readFile(candidates[0]);
  if (!bytes) return { file: candidates[0], problems: [...problems, { severity: 'error', code: 'mkdocs-unreadable', file: candidates[0], message: 'Cannot read the MkDocs config.' }] };
  return { file: candidates[0], text: new TextDecoder().decode(bytes), problems };
}

/** The config TechDocs generates when a site has no mkdocs.yml. */
export function defaultMkDocsConfig(siteName = DEFAULT_SITE_NAME): MkDocsConfig {
  const raw = { site_name: siteName, docs_dir: 'docs', plugins: ['techdocs-core'] };
  return { siteName, docsDir: 'docs', markdownExtensions: [], plugins: ['techdocs-core'], techdocsCore: { ...DEFAULT_CORE_OPTIONS }, raw };
}

const DEFAULT_CORE_OPTIONS: TechDocsCoreOptions = { useMaterialSearch: false, usePymdownxBlocks: false };
const CORE_OPTION_KEYS: Record<string, keyof TechDocsCoreOptions> = { use_material_search: 'useMaterialSearch', use_pymdownx_blocks: 'usePymdownxBlocks' };

/** Parses and sanitises mkdocs.yml text; problems carry zero-based lines in `file`. */
export function parseMkDocsConfig(text: string, file: string): { config: MkDocsConfig; problems: DocsProblem[] } {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line - 1);
  const problems: DocsProblem[] = [];
  const report = (severity: DocsProblem['severity'], code: string, message: string, offset?: number) => problems.push({ severity, code, message, file, line: lineAt(offset) });
  for (const error of doc.errors) report('error', 'mkdocs-yaml', `mkdocs.yml does not parse: ${error.message.split('\n')[0]}`, error.pos[0]);
  checkTags(doc, report);
  const value = doc.errors.length === 0 ? (doc.toJS({ maxAliasCount: 100 }) as unknown) : {};
  if (!isRecord(value)) {
    if (doc.errors.length === 0) report('error', 'mkdocs-not-a-map', 'mkdocs.yml must be a mapping of settings (site_name, nav, ...).', 0);
    return { config: defaultMkDocsConfig(), problems };
  }
  const keyOffset = (key: string) => keyRange(doc, [key]);
  const raw = sanitize(value, (code, message, keys) => report('warning', code, message, keyRange(doc, keys)));
  const config = toConfig(raw, (code, message, key) => report('error', code, message, keyOffset(key)));
  config.techdocsCore = coreOptions(raw.plugins, (severity, code, message, keys) => report(severity, code, message, keyRange(doc, keys)));
  return { config, problems };
}

type KeyedReport = (severity: DocsProblem['severity'], code: string, message: string, keys: (string | number)[]) => void;

/** The techdocs-core plugin's own options (`plugins: [techdocs-core: {use_pymdownx_blocks: true}]`). */
function coreOptions(plugins: unknown, report: KeyedReport): TechDocsCoreOptions {
  const options = { ...DEFAULT_CORE_OPTIONS };
  const core = entries(plugins).find(e => e.name === 'techdocs-core');
  if (!core || core.settings === undefined || core.settings === null) return options;
  if (!isRecord(core.settings)) {
    report('error', 'mkdocs-plugin-options-invalid', 'The techdocs-core options must be a mapping (use_material_search, use_pymdownx_blocks); MkDocs refuses the config.', ['plugins', core.index]);
    return options;
  }
  for (const [key, value] of Object.entries(core.settings)) {
    const field = CORE_OPTION_KEYS[key];
    if (!field) report('warning', 'mkdocs-plugin-option-unknown', `techdocs-core has no option "${key}" (it knows use_material_search and use_pymdownx_blocks); MkDocs ignores it with a warning.`, ['plugins', core.index]);
    else if (typeof value !== 'boolean') report('error', 'mkdocs-plugin-option-invalid', `techdocs-core option ${key} must be true or false; MkDocs refuses the config.`, ['plugins', core.index]);
    else options[field] = value;
  }
  return options;
}

type Report = (severity: DocsProblem['severity'], code: string, message: string, offset?: number) => void;

/** TechDocs parses mkdocs.yml with a schema that knows three Python tags; any other tag fails its build. */
function checkTags(doc: YAML.Document, report: Report): void {
  YAML.visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag || CORE_TAGS.has(tag) || ALLOWED_PYTHON_TAGS.has(tag)) return;
      const shown = tag.replace('tag:yaml.org,2002:', '!!');
      report('error', 'mkdocs-yaml-tag', `The YAML tag ${shown} is not accepted by TechDocs (only !!python/name:materialx.emoji.twemoji, !!python/object/apply:materialx.emoji.to_svg and !!python/object/apply:pymdownx.slugs.slugify are); Backstage fails to build these docs. Catwalk reads the value as plain YAML.`, (node as { range?: number[] }).range?.[0]);
    },
  });
}

function keyRange(doc: YAML.Document, keys: (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const key of keys) {
    if (YAML.isMap(node)) {
      const pair = node.items.find(p => (YAML.isScalar(p.key) ? p.key.value : p.key) === key);
      offset = (pair?.key as { range?: number[] } | undefined)?.range?.[0] ?? offset;
      node = pair?.value;
    } else if (YAML.isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = (node as { range?: number[] } | undefined)?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

type Warn = (code: string, message: string, keys: (string | number)[]) => void;

/** Applies techdocs-node's allowlists, returning a copy without the dropped parts. */
export function sanitize(config: Record<string, unknown>, warn: Warn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!ALLOWED_KEYS.has(key)) {
      warn('mkdocs-key-removed', `"${key}" is removed by TechDocs before building (not in its allowed mkdocs.yml keys); Catwalk ignores it too.`, [key]);
      continue;
    }
    out[key] = value;
  }
  if (out.plugins !== undefined) out.plugins = sanitizePlugins(out.plugins, warn);
  if (isRecord(out.theme)) out.theme = sanitizeTheme(out.theme, warn);
  if (out.markdown_extensions !== undefined) out.markdown_extensions = sanitizeExtensions(out.markdown_extensions, warn);
  return out;
}

/** Names and settings of a plugins or markdown_extensions list (strings, one-key maps, or a map). */
export function configEntries(list: unknown): { name: string; settings: unknown; index: number }[] {
  return entries(list);
}

function entries(list: unknown): { name: string; settings: unknown; index: number }[] {
  if (isRecord(list)) return Object.entries(list).map(([name, settings], index) => ({ name, settings, index }));
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, index) => {
    if (typeof item === 'string') return [{ name: item, settings: undefined, index }];
    if (isRecord(item)) return Object.entries(item).map(([name, settings]) => ({ name, settings, index }));
    return [];
  });
}

function rebuild(kept: { name: string; settings: unknown }[]): unknown[] {
  return kept.map(e => (e.settings === undefined ? e.name : { [e.name]: e.settings }));
}

function sanitizePlugins(plugins: unknown, warn: Warn): unknown[] {
  const kept = entries(plugins).filter(e => {
    if (ALLOWED_PLUGINS.has(e.name)) return true;
    warn('mkdocs-plugin-removed', `The MkDocs plugin "${e.name}" is removed by TechDocs (only techdocs-core, search, material/search, redirects, group and material/group run); Catwalk does not run it either.`, ['plugins', e.index]);
    return false;
  });
  return rebuild(kept);
}

function sanitizeTheme(theme: Record<string, unknown>, warn: Warn): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(theme)) {
    if (ALLOWED_THEME_KEYS.has(key)) out[key] = value;
    else warn('mkdocs-theme-key-removed', `theme.${key} is removed by TechDocs (custom theme files and templates are not used).`, ['theme', key]);
  }
  return out;
}

function sanitizeExtensions(extensions: unknown, warn: Warn): unknown[] {
  const kept = entries(extensions).flatMap((e): { name: string; settings: unknown }[] => {
    if (e.name.includes(':') && !/^pymdownx\.snippets(:SnippetExtension)?$/.test(e.name)) {
      warn('mkdocs-extension-removed', `The Markdown extension "${e.name}" names a Python class; TechDocs removes it.`, ['markdown_extensions', e.index]);
      return [];
    }
    if (e.name.startsWith('pymdownx.snippets') && isRecord(e.settings) && Object.keys(e.settings).length > 0) {
      warn('mkdocs-snippets-config-removed', 'pymdownx.snippets settings are emptied by TechDocs; snippets are read from the site folder only.', ['markdown_extensions', e.index]);
      return [{ name: e.name, settings: {} }];
    }
    if (isRecord(e.settings) && 'plantuml_cmd' in e.settings) {
      warn('mkdocs-plantuml-cmd-removed', `${e.name}: plantuml_cmd is removed by TechDocs.`, ['markdown_extensions', e.index]);
      const { plantuml_cmd: _dropped, ...rest } = e.settings;
      return [{ name: e.name, settings: rest }];
    }
    return [e];
  });
  return rebuild(kept);
}

type ConfigError = (code: string, message: string, key: string) => void;

function toConfig(raw: Record<string, unknown>, error: ConfigError): MkDocsConfig {
  const text = (key: string) => (typeof raw[key] === 'string' || typeof raw[key] === 'number' ? String(raw[key]) : undefined);
  let siteName = text('site_name');
  if (!siteName) {
    error('mkdocs-site-name-missing', 'mkdocs.yml has no site_name, which MkDocs requires; the build fails in Backstage.', 'site_name');
    siteName = DEFAULT_SITE_NAME;
  }
  let docsDir = text('docs_dir') ?? 'docs';
  if (raw.docs_dir !== undefined && typeof raw.docs_dir !== 'string') {
    error('mkdocs-docs-dir-invalid', 'docs_dir must be a folder name.', 'docs_dir');
    docsDir = 'docs';
  }
  let nav: unknown[] | undefined;
  if (raw.nav !== undefined && raw.nav !== null) {
    if (Array.isArray(raw.nav)) nav = raw.nav;
    else error('mkdocs-nav-invalid', 'nav must be a list of pages and sections.', 'nav');
  }
  return {
    siteName, docsDir, nav, raw,
    siteDescription: text('site_description'), siteAuthor: text('site_author'), repoUrl: text('repo_url'), editUri: text('edit_uri'), copyright: text('copyright'),
    markdownExtensions: entries(raw.markdown_extensions).map(e => e.name),
    plugins: entries(raw.plugins).map(e => e.name),
    techdocsCore: { ...DEFAULT_CORE_OPTIONS },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
