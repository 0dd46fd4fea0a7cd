// Heading ids and permalinks as Python-Markdown's toc extension makes them (techdocs-core
// turns on `permalink: true`): ASCII slugs, duplicates numbered `_1`, `_2`, a `¶` link inside
// the heading. Authors link to these ids from other pages, so they must match production.
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import { StateCore, Token } from './env';

/** Python-Markdown's default slugify (toc.slugify with separator '-'). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^ -~\t\n\r]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** Python-Markdown's `unique()`: `id`, then `id_1`, `id_2`...; empty ids become `_1`. */
export function uniqueId(id: string, used: Record<string, unknown>): string {
  let candidate = id;
  while (candidate === '' || Object.prototype.hasOwnProperty.call(used, candidate)) {
    const m = /^(.*)_([0-9]+)$/.exec(candidate);
    candidate = m ? `${m[1]}_${Number(m[2]) + 1}` : `${candidate}_1`;
  }
  return candidate;
}

function slugifyWithState(title: string, state: StateCore): string {
  const env = state.env as { markdownItAnchor?: { slugs?: Record<string, true> } };
  return uniqueId(slugify(title), env.markdownItAnchor?.slugs ?? {});
}

/** Text of a heading's inline children, without the permalink the anchor plugin appends. */
export function headingText(children: Token[] | null): string {
  let text = '';
  for (const child of children ?? []) {
    if (child.type === 'link_open' && child.attrGet('class') === 'headerlink') break;
    if (child.type === 'text' || child.type === 'code_inline' || child.type === 'emoji') text += child.content;
  }
  return text.trim();
}

/** Installs heading ids and `¶` permalinks. */
export function headingsPlugin(md: MarkdownIt): void {
  md.use(anchor, {
    level: 1,
    tabIndex: false,
    slugifyWithState,
    permalink: anchor.permalink.linkInsideHeader({ symbol: '¶', placement: 'after', class: 'headerlink', space: false, renderAttrs: () => ({ title: 'Permanent link' }) }),
  } as unknown as anchor.AnchorOptions);
}
