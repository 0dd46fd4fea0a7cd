// Fenced code as pymdownx.highlight (linenums on, as techdocs-core sets) and superfences
// write it, highlighted offline with highlight.js: `title`, `linenums`, `hl_lines` options,
// Mermaid blocks left for the viewer to draw, PlantUML and Graphviz shown as source with a
// note (they need a server or a binary at build time), and `#!lang` inline code.
import hljs from 'highlight.js';
import MarkdownIt from 'markdown-it';
import { addProblem, escapeHtml, RenderEnv, StateBlock, Token } from './env';

/** Pygments names highlight.js knows under another name. */
const ALIASES: Record<string, string> = { 'shell-session': 'shell', py3: 'python', python3: 'python', pycon: 'python', 'c++': 'cpp', golang: 'go', jsonc: 'json', json5: 'json', yml: 'yaml' };
const PLANTUML = new Set(['plantuml', 'puml', 'uml']);
const GRAPHVIZ = new Set(['dot', 'graphviz', 'neato', 'fdp', 'sfdp', 'twopi', 'circo']);

export interface FenceInfo {
  lang: string;
  title?: string;
  /** First line number (pymdownx `linenums="N"`); line numbers are always shown. */
  start: number;
  highlighted: Set<number>;
}

/** Parses a fence info string: `lang key="v"` or the brace form `{ .lang key="v" }`. */
export function parseFenceInfo(info: string, attrs: [string, string][] | null = null): FenceInfo {
  const text = info.trim();
  const inner = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1).trim() : text;
  const options = new Map<string, string>(attrs ?? []);
  let lang = '';
  for (const m of inner.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))|(\.?[^\s=]+)/g)) {
    if (m[1]) options.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
    else if (!lang && m[5] && !m[5].startsWith('#')) lang = m[5].replace(/^\./, '');
  }
  if (!lang && options.has('class')) lang = (options.get('class') ?? '').split(/\s+/)[0];
  lang = lang.replace(/^language-/, '').toLowerCase();
  const start = Number.parseInt(options.get('linenums') ?? '1', 10);
  return { lang, title: options.get('title'), start: Number.isFinite(start) && start > 0 ? start : 1, highlighted: lineSet(options.get('hl_lines') ?? '') };
}

function lineSet(spec: string): Set<number> {
  const lines = new Set<number>();
  for (const part of spec.split(/\s+/).filter(Boolean)) {
    const [a, b] = part.split('-').map(n => Number.parseInt(n, 10));
    for (let n = a; n <= (b || a) && n - a < 10000; n++) lines.add(n);
  }
  return lines;
}

/** Highlighted HTML of code, or escaped text when the language is unknown. */
export function highlight(code: string, lang: string): string {
  const language = ALIASES[lang] ?? lang;
  if (!language || !hljs.getLanguage(language)) return escapeHtml(code);
  try {
    return hljs.highlight(code, { language, ignoreIllegals: true }).value;
  } catch {
    return escapeHtml(code);
  }
}

/** Splits highlighted HTML into lines, closing and reopening spans that cross a line break. */
export function splitHighlighted(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let last = 0;
  for (const m of html.matchAll(/<span[^>]*>|<\/span>|\n/g)) {
    current += html.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    if (m[0] === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else {
      if (m[0] === '</span>') open.pop();
      else open.push(m[0]);
      current += m[0];
    }
  }
  lines.push(current + html.slice(last));
  return lines;
}

function lineAttr(token: Token): string {
  const line = token.attrGet('data-line');
  return line !== null ? ` data-line="${escapeHtml(line)}"` : '';
}

function renderCode(token: Token, info: FenceInfo): string {
  const code = token.content.replace(/\n$/, '');
  const lines = splitHighlighted(highlight(code, info.lang)).map((html, i) => {
    const n = info.start + i;
    return `<span class="line${info.highlighted.has(i + 1) ? ' hll' : ''}" data-ln="${n}">${html}</span>`;
  });
  const langClass = info.lang ? ` language-${escapeHtml(info.lang)}` : '';
  const title = info.title ? `<span class="filename">${escapeHtml(info.title)}</span>` : '';
  return `<div class="highlight${langClass}"${lineAttr(token)}>${title}<pre class="linenums"><code class="hljs${langClass}">${lines.join('\n')}</code></pre></div>\n`;
}

function renderDiagramSource(token: Token, kind: 'plantuml' | 'graphviz', code: string): string {
  const name = kind === 'plantuml' ? 'PlantUML' : 'Graphviz';
  const why = kind === 'plantuml' ? 'drawing it needs a PlantUML server or Java' : 'drawing it needs the Graphviz dot program';
  const note = `${name} diagram shown as source: ${why}, which the offline renderer does not call. Backstage draws it when it builds the docs.`;
  return `<div class="diagram-source" data-diagram="${kind}"${lineAttr(token)}><p class="diagram-note">${escapeHtml(note)}</p><pre><code class="language-${kind === 'plantuml' ? 'plantuml' : 'dot'}">${escapeHtml(code)}</code></pre></div>\n`;
}

function renderFence(tokens: Token[], idx: number, env: RenderEnv): string {
  const token = tokens[idx];
  const info = parseFenceInfo(token.info, token.attrs);
  if (info.lang === 'mermaid') {
    env.hasMermaid = true;
    return `<pre class="mermaid"${lineAttr(token)}>${escapeHtml(token.content)}</pre>\n`;
  }
  if (PLANTUML.has(info.lang)) return renderDiagramSource(token, 'plantuml', token.content);
  if (GRAPHVIZ.has(info.lang)) return renderDiagramSource(token, 'graphviz', token.content);
  return renderCode(token, info);
}

/** `{% dot file.svg ... %}` blocks of markdown_inline_graphviz. */
function graphvizBlockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const first = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]);
  if (!/^\{%\s*(dot|neato|fdp|sfdp|twopi|circo)\s+\S+\s*$/.test(first)) return false;
  let end = startLine + 1;
  while (end < endLine && !/%\}\s*$/.test(state.src.slice(state.bMarks[end], state.eMarks[end]))) end++;
  if (end >= endLine) return false;
  if (silent) return true;
  const token = state.push('graphviz_block', 'div', 0);
  token.block = true;
  token.map = [startLine, end + 1];
  token.content = state.getLines(startLine + 1, end + 1, state.sCount[startLine], false).replace(/%\}\s*$/, '');
  state.line = end + 1;
  return true;
}

/** `#!python code` inline code, highlighted (pymdownx.inlinehilite). */
function renderCodeInline(tokens: Token[], idx: number): string {
  const content = tokens[idx].content;
  const m = /^#!([\w+#.-]+)\s+([\s\S]*)$/.exec(content);
  if (!m) return `<code>${escapeHtml(content)}</code>`;
  const lang = m[1].toLowerCase();
  return `<code class="highlight language-${escapeHtml(lang)}">${highlight(m[2], lang)}</code>`;
}

/** Installs the fence, indented code, inline code and Graphviz block renderers. */
export function fencesPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'graphviz_block', graphvizBlockRule);
  md.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => renderFence(tokens, idx, env);
  md.renderer.rules.code_block = (tokens, idx) => renderCode(tokens[idx], { lang: '', start: 1, highlighted: new Set() });
  md.renderer.rules.code_inline = (tokens, idx) => renderCodeInline(tokens, idx);
  md.renderer.rules.graphviz_block = (tokens, idx) => renderDiagramSource(tokens[idx], 'graphviz', tokens[idx].content);
}

/** Warns about a fence language highlight.js does not know (once per language per page). */
export function unknownLanguages(tokens: Token[], env: RenderEnv): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.type !== 'fence') continue;
    const { lang } = parseFenceInfo(token.info, token.attrs);
    const known = !lang || lang === 'mermaid' || PLANTUML.has(lang) || GRAPHVIZ.has(lang) || hljs.getLanguage(ALIASES[lang] ?? lang);
    if (known || seen.has(lang)) continue;
    seen.add(lang);
    addProblem(env, 'info', 'code-language-unknown', `No highlighting for code in "${lang}"; it is shown as plain text.`, token.map?.[0]);
  }
}
