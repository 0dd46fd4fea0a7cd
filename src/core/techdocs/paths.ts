// Path rules of a TechDocs site: ids are '/'-separated paths relative to docs_dir;
// files on disk are absolute host paths. Everything a page may read must stay inside
// the site folder, as techdocs-node and pymdownx.snippets (restrict_base_path) require.
import * as path from 'path';

/** True when `child` is `parent` or lies under it (both absolute host paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Joins `relative` ('/'-separated) onto an absolute folder, or undefined when it escapes the folder. */
export function resolveInside(folder: string, relative: string): string | undefined {
  if (relative.includes('\0') || path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return undefined;
  const target = path.resolve(folder, ...relative.split('/'));
  return isInside(folder, target) ? target : undefined;
}

/** Normalises a '/'-separated relative path (`a/./b/../c`); undefined when it climbs above its root. */
export function normalizeId(id: string): string | undefined {
  const out: string[] = [];
  for (const part of id.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** The '/'-separated folder of an id (`a/b.md` → `a`, `b.md` → ``). */
export function idDir(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash === -1 ? '' : id.slice(0, slash);
}

/** A host path relative to a folder, '/'-separated. */
export function toId(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}

/** Relative URL from one site-relative location (a folder URL like `a/b/`) to another path. */
export function relativeUrl(fromDirUrl: string, target: string): string {
  const from = fromDirUrl.split('/').filter(Boolean);
  const to = target.split('/');
  const last = to.pop() ?? '';
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => '..');
  const rest = [...to.slice(common), last];
  const joined = [...up, ...rest].join('/');
  return joined === '' ? './' : joined;
}

/** True for hrefs with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`). */
export function isExternal(href: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(href) || href.startsWith('//');
}
