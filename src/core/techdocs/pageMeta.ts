// Page metadata and titles as MkDocs 1.6 reads them: YAML front matter between `---`
// lines, or MultiMarkdown-style `key: value` lines at the very top; the title comes from
// the meta, else a first-element h1, else `Home` for index.md, else the file name.
import * as YAML from 'yaml';

/** Meta keys MkDocs and Material give a meaning to; others in MultiMarkdown style are worth a note. */
const KNOWN_META = new Set(['title', 'description', 'template', 'hide', 'tags', 'search', 'status', 'subtitle', 'icon', 'authors', 'author', 'date', 'summary', 'comments']);

export interface SplitPage {
  meta: Record<string, unknown>;
  /** The Markdown after the meta block. */
  body: string;
  /** Lines removed from the top, so body line N is file line N + offset. */
  lineOffset: number;
  /** Meta keys read from MultiMarkdown-style lines that MkDocs gives no meaning to (likely prose). */
  strayKeys: string[];
}

const YAML_BLOCK = /^-{3}[ \t]*\r?\n([\s\S]*?\r?\n)?(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)/;
const META_LINE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
const META_MORE = /^(?: {4}|\t)\s*(.*)$/;

/** Splits a page into its metadata and its Markdown body. */
export function splitPage(text: string): SplitPage {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const block = YAML_BLOCK.exec(source);
  if (block) return yamlMeta(source, block);
  return multiMarkdownMeta(source);
}

function yamlMeta(source: string, block: RegExpExecArray): SplitPage {
  let data: unknown;
  try {
    data = YAML.parse(block[1] ?? '');
  } catch {
    data = undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { meta: {}, body: source, lineOffset: 0, strayKeys: [] };
  return { meta: data as Record<string, unknown>, ...dropLeadingBlank(source.slice(block[0].length), countLines(block[0])), strayKeys: [] };
}

function multiMarkdownMeta(source: string): SplitPage {
  const lines = source.split(/\r?\n/);
  const meta: Record<string, string> = {};
  let key: string | undefined;
  let taken = 0;
  for (const line of lines) {
    if (line.trim() === '') {
      if (taken > 0) taken++;
      break;
    }
    const m = META_LINE.exec(line);
    const more = !m && key ? META_MORE.exec(line) : null;
    if (m) {
      key = m[1].toLowerCase();
      meta[key] = meta[key] === undefined ? m[2].trim() : `${meta[key]} ${m[2].trim()}`;
    } else if (more && key) meta[key] += ` ${more[1].trim()}`;
    else break;
    taken++;
  }
  if (taken === 0) return { meta: {}, body: source, lineOffset: 0, strayKeys: [] };
  const strayKeys = Object.keys(meta).filter(k => !KNOWN_META.has(k));
  return { meta, ...dropLeadingBlank(lines.slice(taken).join('\n'), taken), strayKeys };
}

function dropLeadingBlank(body: string, offset: number): { body: string; lineOffset: number } {
  const stripped = body.replace(/^(?:[ \t]*\r?\n)+/, '');
  return { body: stripped, lineOffset: offset + countLines(body.slice(0, body.length - stripped.length)) };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first-element h1 of a Markdown body (ATX or setext), as plain text. */
export function firstHeading(body: string): string | undefined {
  const lines = body.split(/\r?\n/);
  const first = lines.findIndex(l => l.trim() !== '');
  if (first === -1) return undefined;
  const atx = /^ {0,3}#(?!#)[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(lines[first]) ?? /^ {0,3}#[ \t]*$/.exec(lines[first]);
  if (atx) return plainTitle(atx[1] ?? '') || undefined;
  if (/^ {0,3}=+[ \t]*$/.test(lines[first + 1] ?? '') && !/^ {0,3}[-*+>#]/.test(lines[first])) return plainTitle(lines[first]) || undefined;
  return undefined;
}

/** Strips an attribute list, critic marks and inline Markdown from a heading's text. */
export function plainTitle(text: string): string {
  return text
    .replace(/\{>>[\s\S]*?<<\}/g, '')
    .replace(/\{(\+\+|--|==)([\s\S]*?)\1\}/g, '$2')
    .replace(/\{~~([\s\S]*?)~>([\s\S]*?)~~\}/g, '$1$2')
    .replace(/\s*\{[:#.][^}]*\}\s*$/, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`|~~|==)(.+?)\1/g, '$2')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** The title MkDocs gives a page (without a nav title). */
export function pageTitle(id: string, split: Pick<SplitPage, 'meta' | 'body'>): string {
  const metaTitle = split.meta.title;
  if (typeof metaTitle === 'string' && metaTitle.trim() !== '') return metaTitle.trim();
  const heading = firstHeading(split.body);
  if (heading) return heading;
  if (id === 'index.md') return 'Home';
  return titleFromName(id.slice(id.lastIndexOf('/') + 1).replace(/\.[^.]+$/, ''));
}

/** MkDocs' title from a file or folder name: dashes and underscores become spaces, all-lowercase is capitalised. */
export function titleFromName(name: string): string {
  const spaced = name.replace(/[-_]/g, ' ');
  return spaced.toLowerCase() === spaced && spaced.length > 0 ? spaced[0].toUpperCase() + spaced.slice(1) : spaced;
}
