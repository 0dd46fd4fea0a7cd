// mkdocs-monorepo-plugin 1.1 (techdocs-core enables it): a nav entry `Section: '!include
// ./sub/mkdocs.yml'` merges another MkDocs site into this one. The included site's docs_dir
// (relative to its mkdocs.yml, default `docs`) is mounted under its `site_name` (slugified when
// it holds other characters than letters, digits, `_`, `-` and `/`), so `sub/docs/a.md` is the
// page `<site_name>/a.md` at URL `<site_name>/a/`; its nav (or one generated from its docs
// folder) becomes the section, every path prefixed the same way. What makes the plugin stop
// the build (a missing or escaping file, no site_name, a nested include, a duplicate
// site_name) is reported on the include and the entry left out; nothing is read outside the
// site folder. `*include <glob>` includes every mkdocs.yml the pattern matches, each as a
// section titled by its site_name.
import * as path from 'path';
import picomatch from 'picomatch';
import * as YAML from 'yaml';
import { FileSystemHost } from '../host';
import { isExternal, isInside, resolveInside } from './paths';
import { titleFromName } from './pageMeta';
import { DocsProblem, IncludedSite } from './types';

const INCLUDE = /^!include\s+(.+?)\s*$/;
const WILDCARD = /^\*include\s+(.+?)\s*$/;
const PLAIN_ALIAS = /^[a-zA-Z0-9_\-/]+$/;
/** Safety cap on walking an included docs folder for its generated nav. */
const MAX_ENTRIES = 20000;

export interface IncludeContext {
  host: FileSystemHost;
  /** The site folder: includes resolve against it and must stay inside it. */
  siteDir: string;
  /** The site's own mkdocs.yml and its text (for the lines of problems). */
  configFile: string;
  configText?: string;
  /** Unsaved text of open documents, by absolute path. */
  overrides?: ReadonlyMap<string, string>;
  problems: DocsProblem[];
}

export interface ResolvedNav {
  nav: unknown[];
  includes: IncludedSite[];
}

/** True for a nav target that includes another site (or, with `*include`, every site a pattern matches). */
export function isInclude(value: unknown): value is string {
  return typeof value === 'string' && (INCLUDE.test(value) || WILDCARD.test(value));
}

/** Replaces the `!include` entries of a nav by the included sites' navs, prefixed with their site names. */
export function resolveIncludes(nav: unknown[], ctx: IncludeContext): ResolvedNav {
  const state: Resolution = { includes: [], seen: new Map() };
  const resolved = resolveList(nav, ctx, state);
  return { nav: resolved, includes: state.includes };
}

/** What resolving one nav carries along: the sites included so far and how often each statement was seen (for its line). */
interface Resolution {
  includes: IncludedSite[];
  seen: Map<string, number>;
}

function resolveList(list: unknown[], ctx: IncludeContext, state: Resolution): unknown[] {
  return list.flatMap(item => {
    // As in the plugin, a bare `*include` (without a section title) is not expanded.
    if (typeof item === 'string' && INCLUDE.test(item)) return include(undefined, item, ctx, state);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [item];
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (isInclude(value)) {
        const section = WILDCARD.test(value) ? wildcard(key, value, ctx, state) : include(key, value, ctx, state);
        if (section.length > 0) Object.assign(out, section[0]);
      } else out[key] = Array.isArray(value) ? resolveList(value, ctx, state) : value;
    }
    return Object.keys(out).length > 0 ? [out] : [];
  });
}

type Section = Record<string, unknown>;
type Fail = (code: string, message: string, file?: string, line?: number) => Section[];

/** The zero-based line of the `nth` line holding `text`, or undefined. */
function lineHolding(source: string | undefined, text: string, nth = 0): number | undefined {
  const lines = (source ?? '').split(/\r?\n/).map((l, i) => [l, i] as const).filter(([l]) => l.includes(text));
  return lines[nth]?.[1];
}

/** Reports a failed include (at `line` of the site's mkdocs.yml unless told otherwise) and gives no section. */
function failer(ctx: IncludeContext, line: number | undefined): Fail {
  return (code, message, file = ctx.configFile, at = line) => {
    ctx.problems.push({ severity: 'error', code, message: `${message} The monorepo plugin stops the build here; Catwalk leaves the entry out.`, file, ...(at !== undefined ? { line: at } : {}) });
    return [];
  };
}

/** The line a nav statement is on: the nth time it is seen, the nth line holding it. */
function statementLine(ctx: IncludeContext, state: Resolution, statement: string): number | undefined {
  const nth = state.seen.get(statement) ?? 0;
  state.seen.set(statement, nth + 1);
  return lineHolding(ctx.configText, statement, nth);
}

/** `*include <glob>`: a section holding one included site per mkdocs.yml the pattern matches (by path). */
function wildcard(title: string, statement: string, ctx: IncludeContext, state: Resolution): Section[] {
  const pattern = (WILDCARD.exec(statement) as RegExpExecArray)[1].replace(/\\/g, '/');
  const line = statementLine(ctx, state, statement);
  const fail = failer(ctx, line);
  if (!/\.ya?ml$/.test(pattern)) return fail('nav-include-not-yaml', `"${statement}" must end with .yml or .yaml.`);
  const segments = pattern.split('/').filter(s => s !== '' && s !== '.');
  if (path.isAbsolute(pattern) || segments.includes('..')) return fail('nav-include-outside', `"${statement}" must be a pattern inside the site folder ${ctx.siteDir}.`);
  const files = globFiles(ctx.host, ctx.siteDir, segments).filter(f => f !== ctx.configFile);
  if (files.length === 0) return fail('nav-include-missing', `"${statement}" matches no file.`);
  const sections = files.flatMap(file => include(undefined, `!include ${file}`, ctx, state, line));
  return sections.length > 0 ? [{ [title]: sections }] : [];
}

/** Files under `base` matching '/'-separated glob segments (`*`, `?`, `[...]`, `**`), sorted; dot folders skipped. */
function globFiles(host: FileSystemHost, base: string, segments: string[]): string[] {
  const found = new Set<string>();
  let budget = MAX_ENTRIES;
  const visit = (dir: string, i: number) => {
    if (--budget < 0) return;
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (segment === '**') {
      visit(dir, i + 1);
      for (const e of host.readDirectory(dir)) if (e.type === 'directory' && !e.name.startsWith('.')) visit(path.join(dir, e.name), i);
      return;
    }
    const matches = /[*?[]/.test(segment) ? picomatch(segment) : (name: string) => name === segment;
    for (const e of host.readDirectory(dir)) {
      if (!matches(e.name)) continue;
      if (last && e.type === 'file') found.add(path.join(dir, e.name));
      else if (!last && e.type === 'directory') visit(path.join(dir, e.name), i + 1);
    }
  };
  visit(base, 0);
  return [...found].sort();
}

/** One `!include`: the nav section it becomes (none when it cannot be included); `line` when known. */
function include(title: string | undefined, statement: string, ctx: IncludeContext, state: Resolution, line = statementLine(ctx, state, statement)): Section[] {
  const { includes } = state;
  const target = (INCLUDE.exec(statement) as RegExpExecArray)[1];
  const fail = failer(ctx, line);
  const shown = path.resolve(ctx.siteDir, target);
  const file = path.isAbsolute(target) ? (isInside(ctx.siteDir, shown) ? shown : undefined) : resolveInside(ctx.siteDir, target.replace(/\\/g, '/'));
  if (!file) return fail('nav-include-outside', `"${statement}" points outside the site folder (${shown}); only files inside ${ctx.siteDir} can be included.`);
  if (!/\.ya?ml$/.test(file)) return fail('nav-include-not-yaml', `"${statement}" must name a .yml or .yaml file.`);
  if (file === ctx.configFile) return fail('nav-include-cycle', `"${statement}" includes the site's own mkdocs.yml, which would include itself again.`);
  const text = ctx.overrides?.get(file) ?? (ctx.host.stat(file) === 'file' ? decode(ctx.host.readFile(file)) : undefined);
  if (text === undefined) return fail('nav-include-missing', `"${statement}": ${shown} does not exist.`);
  const sub = readIncluded(text, file, fail);
  if (!sub) return [];
  const prefix = aliasOf(sub.siteName);
  if (prefix === '') return fail('nav-include-no-site-name', `${file} has a site_name with no letters or digits, so it gives no folder to put its pages in.`, file, sub.siteNameLine);
  const clash = includes.find(i => i.prefix === prefix);
  if (clash) return fail('nav-include-duplicate', `"${statement}" has the same site_name as ${clash.configFile} ("${prefix}"); included sites need different site names.`);
  const docsDir = resolveInside(path.dirname(file), sub.docsDir);
  if (!docsDir || !isInside(ctx.siteDir, docsDir)) return fail('nav-include-docs-dir-outside', `docs_dir "${sub.docsDir}" of ${file} is outside the site folder ${ctx.siteDir}.`, file, sub.docsDirLine);
  if (ctx.host.stat(docsDir) !== 'directory') return fail('nav-include-docs-dir-missing', `docs_dir "${sub.docsDir}" of ${file} does not exist (${docsDir}).`, file, sub.docsDirLine);
  const subNav = sub.nav ?? generatedNav(ctx.host, docsDir);
  if (subNav.length === 0) return fail('nav-include-no-nav', `${file} has no nav and its docs_dir holds no .md file to build one from.`, file);
  const section = title ?? sub.siteName;
  includes.push({ title: section, siteName: sub.siteName, prefix, configFile: file, docsDir });
  return [{ [section]: prefixNav(subNav, prefix, nestedReporter(ctx, file, text, fail)) }];
}

/** Reports an include inside an included site: a cycle when it leads back to a site on the way, else unsupported nesting. */
function nestedReporter(ctx: IncludeContext, file: string, text: string, fail: Fail): (value: string) => void {
  const chain = new Set([ctx.configFile, file]);
  const seen = new Map<string, number>();
  return value => {
    // Read from the included file's folder (as its author means it) or the site folder (as the plugin resolves includes).
    const spec = ((INCLUDE.exec(value) ?? WILDCARD.exec(value)) as RegExpExecArray)[1];
    const back = [path.resolve(path.dirname(file), spec), path.resolve(ctx.siteDir, spec)].find(f => chain.has(f));
    const nth = seen.get(value) ?? 0;
    seen.set(value, nth + 1);
    const message = back
      ? `"${value}" in ${file} includes ${back === ctx.configFile ? 'the site that includes it' : 'itself'}, a cycle.`
      : `"${value}" in ${file} is an include inside an included site, which the monorepo plugin does not support.`;
    fail(back ? 'nav-include-cycle' : 'nav-include-nested', message, file, lineHolding(text, value, nth));
  };
}

interface IncludedConfig {
  siteName: string;
  siteNameLine?: number;
  docsDir: string;
  docsDirLine?: number;
  nav?: unknown[];
}

/** The parts of an included mkdocs.yml the plugin reads: site_name, docs_dir and nav. */
function readIncluded(text: string, file: string, report: Fail): IncludedConfig | undefined {
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    report('nav-include-invalid', `${file} does not parse: ${doc.errors[0].message.split('\n')[0]}`, file, lineCounter.linePos(doc.errors[0].pos[0]).line - 1);
    return undefined;
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report('nav-include-invalid', `${file} must be a mapping of settings (site_name, docs_dir, nav).`, file, 0);
    return undefined;
  }
  const config = value as Record<string, unknown>;
  const lineOf = (key: string) => {
    const pair = YAML.isMap(doc.contents) ? doc.contents.items.find(p => YAML.isScalar(p.key) && p.key.value === key) : undefined;
    const offset = (pair?.key as { range?: number[] } | undefined)?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line - 1;
  };
  const siteName = typeof config.site_name === 'string' || typeof config.site_name === 'number' ? String(config.site_name) : undefined;
  if (!siteName) {
    report('nav-include-no-site-name', `${file} has no site_name; the monorepo plugin needs it to know where the pages go.`, file, 0);
    return undefined;
  }
  const docsDir = typeof config.docs_dir === 'string' ? config.docs_dir : 'docs';
  const nav = Array.isArray(config.nav) ? config.nav : undefined;
  return { siteName, siteNameLine: lineOf('site_name'), docsDir, docsDirLine: lineOf('docs_dir'), nav };
}

/** The folder name of an included site: its site_name, or the name slugified as python-slugify does. */
export function aliasOf(siteName: string): string {
  const name = PLAIN_ALIAS.test(siteName)
    ? siteName
    : siteName.normalize('NFKD').replace(/[\u0080-\uffff]/g, '').toLowerCase().replace(/(?<=\d),(?=\d)/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return name.split('/').filter(Boolean).join('/');
}

/** The nav the plugin builds for an included site without one: folders first, then its .md files, by name. */
export function generatedNav(host: FileSystemHost, docsDir: string): unknown[] {
  let budget = MAX_ENTRIES;
  const walk = (dir: string, rel: string): unknown[] => {
    const entries = host.readDirectory(dir).filter(e => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    budget -= entries.length;
    if (budget < 0) return [];
    const out: unknown[] = [];
    for (const e of entries.filter(x => x.type === 'directory')) {
      const children = walk(path.join(dir, e.name), `${rel}${e.name}/`);
      if (children.length > 0) out.push({ [titleFromName(e.name)]: children });
    }
    for (const e of entries.filter(x => x.type === 'file' && x.name.endsWith('.md'))) out.push(`${rel}${e.name}`);
    return out;
  };
  return walk(docsDir, '');
}

/** An included nav with its page paths under the site's folder; includes inside it are reported and dropped. */
function prefixNav(nav: unknown[], prefix: string, nested: (value: string) => void): unknown[] {
  const target = (value: string) => (isExternal(value) ? value : `${prefix}/${value}`);
  return nav.flatMap(item => {
    if (isInclude(item)) {
      nested(item);
      return [];
    }
    if (typeof item === 'string') return [target(item)];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [item];
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      if (isInclude(value)) nested(value);
      else if (typeof value === 'string') out[key] = target(value);
      else out[key] = Array.isArray(value) ? prefixNav(value, prefix, nested) : value;
    }
    return Object.keys(out).length > 0 ? [out] : [];
  });
}

function decode(bytes: Uint8Array | undefined): string | undefined {
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}
