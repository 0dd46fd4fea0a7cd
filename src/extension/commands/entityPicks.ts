// What Go to Entity lists and what workspace symbols find: plain data built from
// the index, so the matching is tested without an editor. Pure.
import { ParsedEntity } from '../../core/validate/types';
import { entityLabel, humanizeRef, kindIcon, specRef } from '../tree/entityView';

/** One row of Go to Entity. */
export interface EntityPick {
  ref: string;
  /** `$(icon) title-or-name`. */
  label: string;
  /** The owner, as people write it. */
  description: string;
  /** The canonical ref, so the name and ref match too. */
  detail: string;
}

/** Rows for every entity, sorted by label: kind icon, owner as description, ref as detail. */
export function entityPicks(entities: readonly ParsedEntity[]): EntityPick[] {
  return entities
    .map(e => {
      const owner = specRef(e.entity, 'owner', 'Group');
      return {
        ref: e.ref,
        label: `$(${kindIcon(e.entity.kind)}) ${entityLabel(e.entity)}`,
        description: owner ? humanizeRef(owner, 'group') : '',
        detail: e.ref,
      };
    })
    .sort((a, b) => compare(a.label.slice(a.label.indexOf(' ') + 1).toLowerCase(), b.label.slice(b.label.indexOf(' ') + 1).toLowerCase()) || compare(a.ref, b.ref));
}

/** The name a workspace symbol gets: the title with the name in brackets, or the name alone. */
export function symbolName(e: ParsedEntity): string {
  const name = typeof e.entity.metadata?.name === 'string' ? e.entity.metadata.name : e.ref;
  const label = entityLabel(e.entity);
  return label === name ? name : `${label} (${name})`;
}

/**
 * Entities matching `query` in name, title or ref, best first: exact name, name
 * prefix, name substring, title, ref, then a loose subsequence of the name or
 * ref (the editor's own fuzzy filter narrows it further). Empty query: all.
 */
export function searchEntities(entities: readonly ParsedEntity[], query: string, limit = Infinity): ParsedEntity[] {
  const q = query.trim().toLowerCase();
  const hits: { e: ParsedEntity; score: number }[] = [];
  for (const e of entities) {
    const score = q === '' ? 0 : matchScore(e, q);
    if (score >= 0) hits.push({ e, score });
  }
  hits.sort((a, b) => a.score - b.score || compare(a.e.ref, b.e.ref));
  return hits.slice(0, limit).map(h => h.e);
}

function matchScore(e: ParsedEntity, q: string): number {
  const name = String(e.entity.metadata?.name ?? '').toLowerCase();
  const title = typeof e.entity.metadata?.title === 'string' ? e.entity.metadata.title.toLowerCase() : '';
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.includes(q)) return 2;
  if (title.includes(q)) return 3;
  if (e.ref.includes(q)) return 4;
  return isSubsequence(q, name) || isSubsequence(q, title) || isSubsequence(q, e.ref) ? 5 : -1;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const c of haystack) if (c === needle[i] && ++i === needle.length) return true;
  return needle.length === 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
