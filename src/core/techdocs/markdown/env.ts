// What one render of one page carries through markdown-it's `env`: the page, the site it
// resolves links against, and what the render found (problems, links, assets, Mermaid).
import MarkdownIt from 'markdown-it';
import { DocsProblem, LinkReport, PageFile, UrlMapper } from '../types';
import { DEFAULT_FEATURES, MarkdownFeatures } from './features';

export type Token = MarkdownIt.Token;
export type StateBlock = MarkdownIt.StateBlock;
export type StateInline = MarkdownIt.StateInline;
export type StateCore = MarkdownIt.StateCore;

/** The part of a site a page needs to resolve its links. */
export interface SiteView {
  pages: ReadonlyMap<string, PageFile>;
  assets: ReadonlySet<string>;
  assetFiles: ReadonlyMap<string, string>;
}

export interface RenderEnv {
  pageId: string;
  /** Absolute path of the page's Markdown file, for problems. */
  file: string;
  site: SiteView;
  urls: UrlMapper;
  /** Body line (after meta and snippets) → zero-based line in `file`, -1 for snippet lines. */
  lineMap: number[];
  sourceLines: boolean;
  problems: DocsProblem[];
  links: LinkReport[];
  assets: Set<string>;
  hasMermaid: boolean;
  /** Counter for ids that must be unique on the page (tab sets). */
  tabSets: number;
  /** The container syntaxes the site enables (defaults when absent). */
  features?: MarkdownFeatures;
  /** Critic comments of the page, when it has critic marks. */
  criticComments?: string[];
}

/** The syntaxes enabled for the page being rendered. */
export function featuresOf(env: RenderEnv): MarkdownFeatures {
  return env.features ?? DEFAULT_FEATURES;
}

/** The file line of a body line, or -1 when it came from a snippet or is unknown. */
export function fileLine(env: RenderEnv, bodyLine: number | undefined): number {
  if (bodyLine === undefined) return -1;
  return env.lineMap[bodyLine] ?? -1;
}

/** Records a problem on the page at a body line. */
export function addProblem(env: RenderEnv, severity: DocsProblem['severity'], code: string, message: string, bodyLine?: number): void {
  const line = fileLine(env, bodyLine);
  env.problems.push({ severity, code, message, file: env.file, ...(line >= 0 ? { line } : {}) });
}

/** HTML-escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
