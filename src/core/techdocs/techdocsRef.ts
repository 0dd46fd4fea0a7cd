// `backstage.io/techdocs-ref` resolution as techdocs-node does it for entities read from
// files (format §8.1): `dir:<path>` is relative to the folder of the entity's file and must
// stay inside it; `url:` sites live in a repository, which an offline preview cannot read.
import * as path from 'path';
import { isInside } from './paths';

/** The annotation naming an entity's docs. */
export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';

export type TechDocsRefResolution =
  | { type: 'dir'; siteDir: string }
  | { type: 'url'; url: string; message: string }
  | { type: 'invalid'; message: string };

/** Resolves a techdocs-ref value against the catalog file that declares it. */
export function resolveTechDocsRef(ref: string, entityFile: string): TechDocsRefResolution {
  const value = ref.trim();
  const colon = value.indexOf(':');
  const type = colon === -1 ? '' : value.slice(0, colon);
  const target = colon === -1 ? '' : value.slice(colon + 1).trim();
  if (type === 'url') {
    return { type: 'url', url: target, message: `The docs of this entity live at ${target}; Catwalk renders docs from local folders only and does not fetch repositories (not available offline). Clone the repository and open its mkdocs.yml folder instead.` };
  }
  if (type !== 'dir') {
    return { type: 'invalid', message: `techdocs-ref "${value}" has no known type: Backstage reads "dir:<path>" or "url:<repository URL>" (No preparer registered for type "${type || value}").` };
  }
  if (target === '') return { type: 'invalid', message: 'techdocs-ref "dir:" needs a path, e.g. "dir:." for the folder of the catalog file.' };
  const base = path.dirname(path.resolve(entityFile));
  if (path.isAbsolute(target)) return { type: 'invalid', message: `techdocs-ref "${value}" must be relative to the catalog file's folder, not absolute.` };
  const siteDir = path.resolve(base, target);
  if (!isInside(base, siteDir)) {
    return { type: 'invalid', message: `techdocs-ref "${value}" points outside ${base}; Backstage refuses a dir: target above the catalog file's folder.` };
  }
  return { type: 'dir', siteDir };
}
