import { Range } from '../diagnostics';
import { JsonPath } from '../model/entity';
import { dirnamePath, isAbsolutePath, joinPath, normalizePath } from '../sources/discovery';
import { samePath } from './outline';
import { headerOf, LanguageDocument, LanguageHost, outlineOf } from './types';

/** A link in a document: a URL or an absolute file path. */
export interface DocumentLinkTarget {
  range: Range;
  target: string;
  kind: 'url' | 'file';
  tooltip: string;
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const PLACEHOLDER_KEYS = new Set(['$text', '$json', '$yaml']);

/**
 * Document links: `metadata.links` URLs, `$text`/`$json`/`$yaml` targets,
 * `dir:` TechDocs refs (to their mkdocs.yml), URL annotations and Location targets.
 */
export function documentLinks(doc: LanguageDocument, host: LanguageHost): DocumentLinkTarget[] {
  const out: DocumentLinkTarget[] = [];
  const folder = dirnamePath(doc.file);
  for (const document of outlineOf(doc).documents) {
    const header = headerOf(document);
    for (const e of document.entries) {
      if (e.value === undefined || !e.valueRange) continue;
      const link = linkFor(e.path, e.key, e.value, header.kind, folder, host);
      if (link) out.push({ ...link, range: narrow(e.valueRange, e.value, link.offset) });
    }
    for (const e of document.entries) {
      if (header.kind !== 'Location' || !samePath(e.path, ['spec', 'targets']) || !e.flowItems) continue;
      for (const item of e.flowItems) {
        const link = fileOrUrl(item.value, folder, host, 'Location target');
        if (link) out.push({ ...link, range: item.range });
      }
    }
  }
  return out;
}

type LinkSpec = Omit<DocumentLinkTarget, 'range'> & { offset: number };

function linkFor(path: JsonPath, key: string | undefined, value: string, kind: string | undefined, folder: string, host: LanguageHost): LinkSpec | undefined {
  if (path.length === 4 && samePath([path[0], path[1], path[3]], ['metadata', 'links', 'url']) && ABSOLUTE_URL.test(value)) {
    return { target: value, kind: 'url', tooltip: 'Open link', offset: 0 };
  }
  if (key && PLACEHOLDER_KEYS.has(key)) return fileOrUrl(value, folder, host, `${key} target`);
  if (path[0] === 'metadata' && path[1] === 'annotations' && path.length === 3) return annotationLink(String(path[2]), value, folder, host);
  if (kind === 'Location' && (samePath(path, ['spec', 'target']) || (path.length === 3 && samePath(path.slice(0, 2), ['spec', 'targets'])))) {
    return fileOrUrl(value, folder, host, 'Location target');
  }
  return undefined;
}

function annotationLink(key: string, value: string, folder: string, host: LanguageHost): LinkSpec | undefined {
  if (key === 'backstage.io/techdocs-ref' && value.startsWith('dir:')) {
    const dir = joinRelative(folder, value.slice(4));
    const mkdocs = ['mkdocs.yml', 'mkdocs.yaml'].map(n => joinRelative(dir, n)).find(f => host.fs?.stat(f) === 'file');
    return mkdocs ? { target: mkdocs, kind: 'file', tooltip: 'Open the TechDocs mkdocs.yml', offset: 4 } : undefined;
  }
  const url = value.startsWith('url:') ? value.slice(4) : value;
  return ABSOLUTE_URL.test(url) ? { target: url, kind: 'url', tooltip: `Open ${key}`, offset: value.length - url.length } : undefined;
}

function fileOrUrl(value: string, folder: string, host: LanguageHost, what: string): LinkSpec | undefined {
  if (ABSOLUTE_URL.test(value)) return { target: value, kind: 'url', tooltip: `Open ${what}`, offset: 0 };
  if (/[*?[{]/.test(value)) return undefined;
  const file = joinRelative(folder, value);
  return host.fs?.stat(file) === 'file' ? { target: file, kind: 'file', tooltip: `Open ${what}`, offset: 0 } : undefined;
}

function joinRelative(folder: string, relative: string): string {
  return isAbsolutePath(relative) ? normalizePath(relative) : normalizePath(joinPath(folder, relative));
}

/** The part of a scalar's range that holds the link (after a `dir:`/`url:` prefix, inside quotes). */
function narrow(range: Range, value: string, offset: number): Range {
  const written = range.end.character - range.start.character;
  const quote = written > value.length ? 1 : 0;
  const start = range.start.character + quote + offset;
  return { start: { line: range.start.line, character: start }, end: { line: range.end.line, character: start + value.length - offset } };
}
