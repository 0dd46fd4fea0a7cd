// Search across a site's pages for the preview: every word of the query must appear in an
// entry's title or text; title hits rank first, then sections before whole pages.
import { SearchEntry } from './types';

export interface SearchHit {
  entry: SearchEntry;
  /** Text around the first hit. */
  snippet: string;
  score: number;
}

/** The best entries for a query (case-insensitive), at most `limit`. */
export function searchEntries(entries: SearchEntry[], query: string, limit = 30): SearchHit[] {
  const terms = query.toLowerCase().split(/\s+/).filter(t => t.length > 0);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const title = entry.title.toLowerCase();
    const text = entry.text.toLowerCase();
    if (!terms.every(t => title.includes(t) || text.includes(t))) continue;
    const score = terms.reduce((s, t) => s + (title.includes(t) ? 10 : 0) + (text.includes(t) ? 1 : 0), 0);
    hits.push({ entry, snippet: snippet(entry.text, text, terms), score });
  }
  // Equal scores: a section before its whole page, which repeats it.
  return hits.sort((a, b) => b.score - a.score || Number(b.entry.anchor !== undefined) - Number(a.entry.anchor !== undefined)).slice(0, limit);
}

function snippet(original: string, lower: string, terms: string[]): string {
  const at = Math.min(...terms.map(t => lower.indexOf(t)).filter(i => i >= 0), lower.length);
  const start = Math.max(0, at - 60);
  const cut = original.slice(start, at + 120);
  return `${start > 0 ? '…' : ''}${cut}${at + 120 < original.length ? '…' : ''}`;
}
