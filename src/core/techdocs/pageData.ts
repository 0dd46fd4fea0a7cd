// What a page offers besides its HTML, read from markdown-it's tokens: the table of contents
// and the search entries (the whole page, then one per heading, as MkDocs' search plugin does).
import { fileLine, RenderEnv, Token } from './markdown/env';
import { headingText } from './markdown/headings';
import { SearchEntry, TocEntry } from './types';

/** Headings with their ids, in document order. */
export function tocOf(tokens: Token[], env: RenderEnv): TocEntry[] {
  const toc: TocEntry[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const id = token.type === 'heading_open' ? token.attrGet('id') : null;
    if (id === null) continue;
    toc.push({ level: Number(token.tag.slice(1)), id, title: headingText(tokens[i + 1]?.children ?? null), line: fileLine(env, token.map?.[0]) });
  }
  return toc;
}

function inlineText(token: Token): string {
  let text = '';
  let inPermalink = false;
  for (const child of token.children ?? []) {
    if (child.type === 'link_open' && child.attrGet('class') === 'headerlink') inPermalink = true;
    else if (child.type === 'link_close' && inPermalink) inPermalink = false;
    else if (!inPermalink && (child.type === 'text' || child.type === 'emoji')) text += child.content;
    else if (!inPermalink && child.type === 'code_inline') text += child.content.replace(/^#![\w+#.-]+\s+/, '');
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return text;
}

/** Search entries: one for the page with all its text, one per heading with its section's text. */
export function searchEntriesOf(pageId: string, title: string, tokens: Token[]): SearchEntry[] {
  const all: string[] = [];
  const sections: SearchEntry[] = [];
  let current: { entry: SearchEntry; parts: string[] } | undefined;
  const close = () => {
    if (current) current.entry.text = squash(current.parts.join(' '));
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'heading_open') {
      close();
      const entry: SearchEntry = { pageId, anchor: token.attrGet('id') ?? undefined, title: headingText(tokens[i + 1]?.children ?? null), text: '' };
      sections.push(entry);
      current = { entry, parts: [] };
      all.push(entry.title);
      i++;
      continue;
    }
    const text = token.type === 'inline' ? inlineText(token) : token.type === 'fence' || token.type === 'code_block' ? token.content : '';
    if (text) {
      all.push(text);
      current?.parts.push(text);
    }
  }
  close();
  return [{ pageId, title, text: squash(all.join(' ')) }, ...sections];
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
