// One markdown-it configured like mkdocs-techdocs-core's Markdown extensions (format §8.3):
// well-kept plugins where one matches the Python extension, small local ones where none does.
// Built once and reused: markdown-it instances are stateless between renders (state is in env).
import MarkdownIt from 'markdown-it';
import abbr from 'markdown-it-abbr';
import attrs from 'markdown-it-attrs';
import deflist from 'markdown-it-deflist';
import { full as emoji } from 'markdown-it-emoji';
import footnote from 'markdown-it-footnote';
import mark from 'markdown-it-mark';
import sub from 'markdown-it-sub';
import sup from 'markdown-it-sup';
import { admonitionsPlugin } from './admonitions';
import { blocksPlugin } from './blocks';
import { caretPlugin } from './caret';
import { criticPlugin } from './critic';
import { escapeHtml, Token } from './env';
import { fencesPlugin } from './fences';
import { githubAlertsPlugin } from './githubAlerts';
import { headingsPlugin } from './headings';
import { linksPlugin } from './links';
import { safeStyle } from './sanitize';
import { smartSymbolsPlugin } from './smartSymbols';
import { sourceLinesPlugin } from './sourceLines';
import { tabsPlugin } from './tabs';
import { taskListsPlugin } from './taskLists';

/** Attributes an attribute list (`{: #id .class key=value }`) may set; the sanitizer has the last word. */
const ATTR_LIST_ALLOWED = ['id', 'class', 'title', 'download', 'target', 'rel', 'width', 'height', 'align', 'alt', 'lang', 'dir', 'style', 'hreflang', 'loading', 'linenums', 'hl_lines', /^data-[\w-]+$/];

/** A cheap test for anything that could be an attribute list (`{: .x}`, `{#id}`, `{key=v}`, `{flag}`). */
const ATTR_LIST_PROBE = /\{:?[ \t]*(?:[.#][\w-]|[\w-]+(?:[ \t]*=|[ \t]*\}))/;

/**
 * markdown-it-attrs, run only on text that may hold an attribute list: it tests every token
 * against all its patterns, the costliest step of a render otherwise. The plugin registers one
 * core rule; it is handed a view of `md` whose ruler wraps that rule in the probe.
 */
function attrLists(md: MarkdownIt): void {
  const ruler = Object.create(md.core.ruler) as MarkdownIt['core']['ruler'];
  ruler.before = (before, name, fn, options) => md.core.ruler.before(before, name, state => (ATTR_LIST_PROBE.test(state.src) ? fn(state) : false), options);
  const view = Object.create(md) as MarkdownIt;
  Object.defineProperty(view, 'core', { value: Object.create(md.core, { ruler: { value: ruler } }) });
  attrs(view, { allowedAttributes: ATTR_LIST_ALLOWED });
  // Styles set by attribute lists keep only the declarations the sanitizer would keep.
  md.core.ruler.after('curly_attributes', 'attr_list_styles', state => {
    for (const token of state.tokens) for (const t of [token, ...(token.children ?? [])]) filterStyle(t);
  });
}

function filterStyle(token: Token): void {
  const style = token.attrGet('style');
  if (style === null) return;
  const safe = safeStyle(style);
  if (safe) token.attrSet('style', safe);
  else token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
}

/** pymdownx.magiclink: `www.` hosts link too, but bare names like `README.md` never do. */
function magicLinks(md: MarkdownIt): void {
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });
  md.linkify.add('www.', {
    validate(text, pos) {
      const tail = text.slice(pos);
      const m = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#][^\s<>"']*)?/i.exec(tail);
      return m ? m[0].replace(/[.,;:!?)\]]+$/, '').length : 0;
    },
    normalize(match) {
      match.url = `https://${match.url}`;
    },
  });
}

/** Builds the markdown-it instance every page is rendered with. */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  magicLinks(md);
  // Which container syntaxes apply is the site's choice (env.features): both kinds are installed.
  md.use(admonitionsPlugin).use(tabsPlugin).use(blocksPlugin).use(githubAlertsPlugin).use(fencesPlugin);
  md.use(attrLists);
  md.use(footnote).use(deflist).use(abbr).use(mark).use(caretPlugin).use(sub).use(sup);
  md.use(emoji);
  md.renderer.rules.emoji = (tokens, idx) => `<span class="twemoji" title=":${escapeHtml(tokens[idx].markup)}:">${tokens[idx].content}</span>`;
  md.use(taskListsPlugin);
  md.use(headingsPlugin).use(smartSymbolsPlugin).use(linksPlugin).use(sourceLinesPlugin);
  // pymdownx.tilde writes `~~text~~` as <del>, not <s>.
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
  // Last, so its rule runs first after inline parsing, before anything reads the text.
  md.use(criticPlugin);
  return md;
}
