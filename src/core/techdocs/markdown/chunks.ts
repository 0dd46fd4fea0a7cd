// Rendering a page in top-level chunks, so sanitizing costs only what changed: Markdown's own
// output is safe by construction (text escaped, link schemes checked by markdown-it, attribute
// lists limited to harmless names and filtered styles), so only chunks holding raw HTML go
// through sanitize-html, and their result is cached by content for the next keystroke.
import { Token } from './env';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);

export interface Chunk {
  tokens: Token[];
  /** True when the chunk holds raw HTML written by the author. */
  raw: boolean;
}

/** Open minus closed elements in an HTML fragment, so a `<div>` ... `</div>` pair stays in one chunk. */
export function htmlBalance(html: string): number {
  let depth = 0;
  for (const m of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (VOID.has(m[2].toLowerCase()) || m[3] === '/') continue;
    depth += m[1] ? -1 : 1;
  }
  return depth;
}

function hasRawInline(token: Token): boolean {
  return token.type === 'inline' && (token.children ?? []).some(c => c.type === 'html_inline' && !(c.meta as { isPermalinkSymbol?: boolean } | null)?.isPermalinkSymbol);
}

/** Splits block tokens into chunks that are closed both in Markdown nesting and in raw HTML tags. */
export function chunksOf(tokens: Token[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { tokens: [], raw: false };
  let level = 0;
  let html = 0;
  for (const token of tokens) {
    current.tokens.push(token);
    level += token.nesting;
    if (token.type === 'html_block') {
      current.raw = true;
      html = Math.max(0, html + htmlBalance(token.content));
    } else if (hasRawInline(token) || (token.meta as { rawHtml?: boolean } | null)?.rawHtml) current.raw = true;
    if (level === 0 && html === 0) {
      chunks.push(current);
      current = { tokens: [], raw: false };
    }
  }
  if (current.tokens.length > 0) chunks.push(current);
  return chunks;
}

/** A small least-recently-used cache. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
}
