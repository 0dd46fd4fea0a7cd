// Where an entity's TechDocs live, from `backstage.io/techdocs-ref`: a folder
// relative to the descriptor (`dir:`) or a repository URL (`url:`). Pure; the
// command decides which file of the folder to open.
import * as path from 'path';
import { isRecord } from '../../core/model/entity';
import { ParsedEntity } from '../../core/validate/types';

/** The annotation that says where an entity's TechDocs live. */
export const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/** A docs folder on disk, or a URL to open in the browser. */
export type DocsTarget = { type: 'dir'; folder: string } | { type: 'url'; url: string };

/** The annotation's value, when the entity has one. */
export function techDocsRef(parsed: ParsedEntity): string | undefined {
  const annotations = parsed.entity.metadata?.annotations;
  const value = isRecord(annotations) ? annotations[TECHDOCS_REF] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The docs folder or URL an entity points at; undefined without a usable annotation. */
export function docsTargetOf(parsed: ParsedEntity): DocsTarget | undefined {
  const ref = techDocsRef(parsed);
  const match = ref && /^(dir|url):(.+)$/.exec(ref);
  if (!match) return undefined;
  if (match[1] === 'url') return { type: 'url', url: match[2] };
  return { type: 'dir', folder: path.resolve(path.dirname(parsed.file), match[2]) };
}

/** Files that stand for a docs folder, best first: the home page, then the MkDocs config. */
export function docsEntryCandidates(folder: string): string[] {
  return ['docs/index.md', 'docs/README.md', 'index.md', 'README.md', 'mkdocs.yml', 'mkdocs.yaml'].map(f => path.join(folder, f));
}
