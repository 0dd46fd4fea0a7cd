// pymdownx.critic in its default `view` mode (techdocs-core enables it): `{++added++}`,
// `{--deleted--}`, `{~~old~>new~~}`, `{==highlight==}` and `{>>comment<<}` shown as
// <ins>/<del>/<mark class="critic"> and <span class="critic comment">. Like the original, the
// marks are found in the page source before anything else (so they may span lines and
// paragraphs); here they become marker characters that a core rule turns into tags after
// inline parsing, keeping the HTML well formed where the original would not:
// - an edit whose opening and closing marks stand alone in their paragraphs wraps the blocks
//   between them (`class="critic block"`), as the original's post-processor does;
// - an edit spanning paragraphs is repeated in each paragraph it covers;
// - `{++` + blank lines + `++}` adds a paragraph break, `{--` + blank lines + `--}` removes one.
// Marks inside fenced code are left as written (the original would mark up the code).
import MarkdownIt from 'markdown-it';
import { escapeHtml, RenderEnv, StateCore, Token } from './env';

// Unicode noncharacters (reserved for internal use), so no page text is mistaken for a mark.
const INS_OPEN = '\uFDD0';
const INS_CLOSE = '\uFDD1';
const DEL_OPEN = '\uFDD2';
const DEL_CLOSE = '\uFDD3';
const MARK_OPEN = '\uFDD4';
const MARK_CLOSE = '\uFDD5';
const SUB_OPEN = '\uFDD6';
const SUB_MID = '\uFDD7';
const SUB_CLOSE = '\uFDD8';
const INS_BREAK = '\uFDD9';
const DEL_BREAK = '\uFDDA';
const COMMENT_OPEN = '\uFDDB';
const COMMENT_CLOSE = '\uFDDC';

const ANY_MARK = /[\uFDD0-\uFDDC]/;
const NONCHARACTERS = /[\uFDD0-\uFDEF]/g;
const MARK_OR_COMMENT = /\uFDDB(\d+)\uFDDC|[\uFDD0-\uFDDA]/g;
// Marks in a link target, as markdown-it percent-encodes them.
const ENCODED_MARK = /%EF%B7%9[0-9A-C]/i;
const ENCODED_MARK_OR_COMMENT = /%EF%B7%9B\d+%EF%B7%9C|%EF%B7%9[0-9A]/gi;
const CRITIC = /\{(?:\+\+([\s\S]*?)\+\+|--([\s\S]*?)--|==([\s\S]*?)==|>>([\s\S]*?)<<|~~([\s\S]*?)~>([\s\S]*?)~~)\}/g;
const PROBE = /\{(?:\+\+|--|==|>>|~~)/;
const ONLY_NEWLINES = /^(?:\r?\n){2,}$/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;

/** The source text each mark stands for, to put back where marks are not rendered (code, raw HTML). */
const SOURCE: Record<string, string> = {
  [INS_OPEN]: '{++', [INS_CLOSE]: '++}', [DEL_OPEN]: '{--', [DEL_CLOSE]: '--}', [MARK_OPEN]: '{==', [MARK_CLOSE]: '==}',
  [SUB_OPEN]: '{~~', [SUB_MID]: '~>', [SUB_CLOSE]: '~~}', [INS_BREAK]: '{++\n\n++}', [DEL_BREAK]: '{--\n\n--}',
};

export interface CriticSource {
  lines: string[];
  /** File line of each output line (as the snippets step gives them). */
  origin: number[];
  /** Comment texts, referenced by index from the source. */
  comments: string[];
}

/** Turns critic marks into marker characters; undefined when the page has none. */
export function criticSource(lines: string[], origin: number[]): CriticSource | undefined {
  if (!lines.some(l => PROBE.test(l))) return undefined;
  const out: CriticSource = { lines: [], origin: [], comments: [] };
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const converted = convertRun(run.map(i => lines[i].replace(NONCHARACTERS, '\uFFFD')), run.map(i => origin[i]), out.comments);
    out.lines.push(...converted.lines);
    out.origin.push(...converted.origin);
    run = [];
  };
  let fence: { char: string; length: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    if (fence || open) {
      flush();
      out.lines.push(lines[i]);
      out.origin.push(origin[i]);
      if (!fence && open) fence = { char: open[1][0], length: open[1].length };
      else if (fence && new RegExp(`^\\s*\\${fence.char}{${fence.length},}\\s*$`).test(lines[i])) fence = undefined;
      continue;
    }
    run.push(i);
  }
  flush();
  return out;
}

/** Lines of output with the file line each one comes from, built while the marks are replaced. */
class Builder {
  text = '';
  origin: number[];
  private line = 0;

  constructor(private readonly inputOrigin: number[]) {
    this.origin = [inputOrigin[0]];
  }

  /** Source text kept as it is. */
  copy(text: string): void {
    for (const c of text) {
      if (c === '\n') this.origin.push(this.inputOrigin[++this.line] ?? -1);
    }
    this.text += text;
  }

  /** Source text dropped. */
  skip(text: string): void {
    for (const c of text) if (c === '\n') this.line++;
  }

  /** New text; its line breaks belong to the current source line. */
  insert(text: string): void {
    for (const c of text) if (c === '\n') this.origin.push(this.inputOrigin[this.line] ?? -1);
    this.text += text;
  }
}

function convertRun(lines: string[], origin: number[], comments: string[]): { lines: string[]; origin: number[] } {
  const text = lines.join('\n');
  const out = new Builder(origin);
  let last = 0;
  for (const m of text.matchAll(CRITIC)) {
    const at = m.index ?? 0;
    out.copy(text.slice(last, at));
    last = at + m[0].length;
    if (m[4] !== undefined) {
      out.skip(m[0]);
      out.insert(`${COMMENT_OPEN}${comments.push(m[4]) - 1}${COMMENT_CLOSE}`);
    } else if (m[5] !== undefined) {
      out.skip('{~~');
      substitution(out, m[5], m[6]);
      out.skip('~~}');
    } else {
      const [content, open, close] = m[1] !== undefined ? [m[1], INS_OPEN, INS_CLOSE] : m[2] !== undefined ? [m[2], DEL_OPEN, DEL_CLOSE] : [m[3], MARK_OPEN, MARK_CLOSE];
      if (open !== MARK_OPEN && ONLY_NEWLINES.test(content)) {
        out.skip(m[0]);
        lineBreakEdit(out, open === INS_OPEN);
      } else {
        out.insert(open);
        out.copy(content);
        out.insert(close);
      }
    }
  }
  out.copy(text.slice(last));
  return { lines: out.text.split('\n'), origin: out.origin };
}

/** `{++` blank lines `++}` starts a new paragraph at its mark; `{--` blank lines `--}` joins two. */
function lineBreakEdit(out: Builder, added: boolean): void {
  out.insert(added ? `\n\n${INS_BREAK}\n\n` : DEL_BREAK);
}

function substitution(out: Builder, removed: string, added: string): void {
  const removedBreak = ONLY_NEWLINES.test(removed);
  const addedBreak = ONLY_NEWLINES.test(added);
  if (!removedBreak && !addedBreak) {
    out.insert(SUB_OPEN);
    out.copy(removed);
    out.insert(SUB_MID);
    out.copy(added);
    out.insert(SUB_CLOSE);
    return;
  }
  if (removedBreak) {
    out.skip(removed);
    lineBreakEdit(out, false);
  } else {
    out.insert(DEL_OPEN);
    out.copy(removed);
    out.insert(DEL_CLOSE);
  }
  out.skip('~>');
  if (addedBreak) {
    out.skip(added);
    lineBreakEdit(out, true);
  } else {
    out.insert(INS_OPEN);
    out.copy(added);
    out.insert(INS_CLOSE);
  }
}

/** Puts the source text back for marks where no tags may go. */
export function restoreCritic(text: string, comments: readonly string[]): string {
  if (!ANY_MARK.test(text)) return text;
  return text.replace(MARK_OR_COMMENT, (mark, comment?: string) => (comment !== undefined ? `{>>${comments[Number(comment)] ?? ''}<<}` : SOURCE[mark] ?? mark));
}

type Kind = 'ins' | 'del' | 'mark';
type Action = { op: 'open' | 'close'; kind: Kind } | { op: 'html'; html: string };

function actionsOf(mark: string, comment: string | undefined, comments: readonly string[]): Action[] {
  if (comment !== undefined) return [{ op: 'html', html: `<span class="critic comment">${escapeHtml(comments[Number(comment)] ?? '').replace(/\r?\n/g, ' ')}</span>` }];
  switch (mark) {
    case INS_OPEN: return [{ op: 'open', kind: 'ins' }];
    case INS_CLOSE: return [{ op: 'close', kind: 'ins' }];
    case DEL_OPEN: case SUB_OPEN: return [{ op: 'open', kind: 'del' }];
    case DEL_CLOSE: return [{ op: 'close', kind: 'del' }];
    case MARK_OPEN: return [{ op: 'open', kind: 'mark' }];
    case MARK_CLOSE: return [{ op: 'close', kind: 'mark' }];
    case SUB_MID: return [{ op: 'close', kind: 'del' }, { op: 'open', kind: 'ins' }];
    case SUB_CLOSE: return [{ op: 'close', kind: 'ins' }];
    case INS_BREAK: return [{ op: 'html', html: '<ins class="critic break">&nbsp;</ins>' }];
    default: return [{ op: 'html', html: '<del class="critic break">&nbsp;</del>' }];
  }
}

function actionsIn(text: string, comments: readonly string[]): Action[] {
  return [...text.matchAll(MARK_OR_COMMENT)].flatMap(m => actionsOf(m[0], m[1], comments));
}

/** An open or close found in the page, in document order. */
interface Edit {
  token: number;
  kind: Kind;
  op: 'open' | 'close';
  partner?: Edit;
  block: boolean;
}

/** Inline tokens of paragraphs that hold nothing but marks: candidates for block edits. */
function markOnlyParagraphs(tokens: Token[]): Set<number> {
  const found = new Set<number>();
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 1].hidden) continue;
    const rest = t.content.replace(MARK_OR_COMMENT, '').trim();
    if (rest === '' && ANY_MARK.test(t.content)) found.add(i);
  }
  return found;
}

/** Pairs opens with closes and decides which pairs wrap whole blocks. */
function planEdits(tokens: Token[], alone: Set<number>, comments: readonly string[]): Map<number, Edit[]> {
  const byToken = new Map<number, Edit[]>();
  const pending = new Map<Kind, Edit>();
  tokens.forEach((token, i) => {
    if (token.type !== 'inline' || !ANY_MARK.test(token.content)) return;
    for (const action of actionsIn(token.content, comments)) {
      if (action.op === 'html') continue;
      const edit: Edit = { token: i, kind: action.kind, op: action.op, block: false };
      byToken.set(i, [...(byToken.get(i) ?? []), edit]);
      const open = pending.get(action.kind);
      if (action.op === 'open') pending.set(action.kind, edit);
      else if (open) {
        open.partner = edit;
        edit.partner = open;
        pending.delete(action.kind);
      }
    }
  });
  for (const edits of byToken.values()) {
    for (const e of edits) if (e.op === 'open' && e.partner) e.block = e.partner.block = sameContainer(tokens, e.token, e.partner.token) && alone.has(e.token) && alone.has(e.partner.token);
  }
  // A paragraph is replaced by block tags only when every edit in it is a block edit.
  for (let changed = true; changed; ) {
    changed = false;
    for (const edits of byToken.values()) {
      if (edits.every(e => e.block) || !edits.some(e => e.block)) continue;
      for (const e of edits.filter(x => x.block)) {
        e.block = false;
        if (e.partner) e.partner.block = false;
      }
      changed = true;
    }
  }
  return byToken;
}

/** True when two inline tokens sit in the same container, with nothing closing it between them. */
function sameContainer(tokens: Token[], from: number, to: number): boolean {
  const level = tokens[from].level;
  if (tokens[to].level !== level) return false;
  for (let i = from + 1; i < to; i++) if (tokens[i].level < level - 1) return false;
  return true;
}

function openTag(kind: Kind, block: boolean): string {
  return `<${kind} class="critic${block ? ' block' : ''}">`;
}

function actionHtml(a: Action, block: boolean): string {
  return a.op === 'html' ? a.html : a.op === 'open' ? openTag(a.kind, block) : `</${a.kind}>`;
}

function tagToken(state: StateCore, html: string, nesting: -1 | 0 | 1 = 0): Token {
  const token = new state.Token('critic_tag', '', nesting);
  token.content = html;
  return token;
}

/** One piece of an inline token's children: a token, or an action from a mark. */
type Piece = { token: Token } | { action: Action };

function piecesOf(state: StateCore, children: Token[], comments: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  for (const child of children) {
    // Code, raw tags and link targets keep their marks as written.
    if (child.type === 'code_inline' || child.type === 'html_inline') child.content = restoreCritic(child.content, comments);
    for (const name of ['href', 'src']) {
      const url = child.attrGet(name);
      if (url !== null && ENCODED_MARK.test(url)) child.attrSet(name, url.replace(ENCODED_MARK_OR_COMMENT, m => encodeURI(restoreCritic(decodeURIComponent(m), comments))));
    }
    if (child.type === 'image' && child.children) for (const c of child.children) c.content = restoreCritic(c.content, comments);
    if (child.type !== 'text' || !ANY_MARK.test(child.content)) {
      pieces.push({ token: child });
      continue;
    }
    let last = 0;
    for (const m of child.content.matchAll(MARK_OR_COMMENT)) {
      const at = m.index ?? 0;
      if (at > last) pieces.push({ token: textToken(state, child.content.slice(last, at)) });
      for (const action of actionsOf(m[0], m[1], comments)) pieces.push({ action });
      last = at + m[0].length;
    }
    if (last < child.content.length) pieces.push({ token: textToken(state, child.content.slice(last)) });
  }
  return pieces;
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}

/**
 * How an open edit is written from piece `from` at nesting `depth`: as one element when its
 * close comes at the same depth with nothing closing in between ('span'), else around each run
 * of plain content ('leaf'), so the HTML stays well formed.
 */
function modeFrom(pieces: Piece[], from: number, depth: number, kind: Kind): 'span' | 'leaf' {
  let d = depth;
  for (let i = from; i < pieces.length; i++) {
    const p = pieces[i];
    if ('action' in p) {
      if (p.action.op === 'close' && p.action.kind === kind) return d === depth ? 'span' : 'leaf';
      continue;
    }
    d += p.token.nesting;
    if (d < depth) return 'leaf';
  }
  return 'span';
}

/** Rewrites one inline token's children; returns the edit still open at its end (carried on). */
function rewriteInline(state: StateCore, inline: Token, carried: Kind | undefined, comments: readonly string[]): Kind | undefined {
  const pieces = piecesOf(state, inline.children ?? [], comments);
  const out: Token[] = [];
  let open = carried;
  let mode = open ? modeFrom(pieces, 0, 0, open) : 'span';
  let runOpen = false;
  let depth = 0;
  if (open && mode === 'span') out.push(tagToken(state, openTag(open, false)));
  const closeRun = () => {
    if (open && runOpen) out.push(tagToken(state, `</${open}>`));
    runOpen = false;
  };
  pieces.forEach((p, i) => {
    if ('action' in p) {
      const a = p.action;
      if (a.op === 'html') out.push(tagToken(state, a.html));
      else if (a.op === 'open') {
        if (open) closeRun();
        open = a.kind;
        mode = modeFrom(pieces, i + 1, depth, a.kind);
        if (mode === 'span') out.push(tagToken(state, openTag(a.kind, false)));
      } else if (open === a.kind) {
        if (mode === 'span') out.push(tagToken(state, `</${a.kind}>`));
        else closeRun();
        open = undefined;
      }
      return;
    }
    if (p.token.nesting !== 0) {
      if (mode === 'leaf') closeRun();
      depth += p.token.nesting;
    } else if (open && mode === 'leaf' && !runOpen) {
      out.push(tagToken(state, openTag(open, false)));
      runOpen = true;
    }
    out.push(p.token);
  });
  if (open) {
    if (mode === 'span') out.push(tagToken(state, `</${open}>`));
    else closeRun();
  }
  inline.children = out;
  return open;
}

/** The tags replacing a paragraph of block edits (and breaks or comments beside them). */
function blockToken(state: StateCore, paragraph: Token, inline: Token, comments: readonly string[]): Token {
  const actions = actionsIn(inline.content, comments);
  const html = actions.map(a => actionHtml(a, true)).join('');
  const balance = actions.reduce((n, a) => n + (a.op === 'open' ? 1 : a.op === 'close' ? -1 : 0), 0);
  const token = tagToken(state, `${html}\n`, balance > 0 ? 1 : balance < 0 ? -1 : 0);
  token.block = true;
  token.map = paragraph.map;
  token.level = paragraph.level;
  return token;
}

/** Raw HTML gets the tags in its text, as the original writes them (the sanitizer balances them); marks inside tags stay as written. */
function markUpHtml(html: string, comments: readonly string[]): string {
  return html.replace(/(<[^>]*>)|([^<]+)/g, (_m, tag?: string, text?: string) =>
    tag !== undefined ? restoreCritic(tag, comments) : (text as string).replace(MARK_OR_COMMENT, (m, c?: string) => actionsOf(m, c, comments).map(a => actionHtml(a, false)).join('')));
}

function criticRule(state: StateCore): void {
  const env = state.env as RenderEnv;
  const comments = env.criticComments;
  if (!comments) return;
  const tokens = state.tokens;
  for (const t of tokens) {
    if (t.type === 'code_block' || t.type === 'fence') t.content = restoreCritic(t.content, comments);
    else if (t.type === 'html_block' && ANY_MARK.test(t.content)) t.content = markUpHtml(t.content, comments);
  }
  const alone = markOnlyParagraphs(tokens);
  const edits = planEdits(tokens, alone, comments);
  const result: Token[] = [];
  let carried: Kind | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!alone.has(i + 1)) {
      if (token.type === 'inline' && ANY_MARK.test(token.content)) carried = rewriteInline(state, token, carried, comments);
      else if (token.type === 'inline' && carried) carried = rewriteInline(state, token, carried, comments);
      result.push(token);
      continue;
    }
    // tokens[i] opens a paragraph that holds only marks.
    const inline = tokens[i + 1];
    const mine = edits.get(i + 1) ?? [];
    const actions = actionsIn(inline.content, comments);
    if (mine.every(e => e.block)) result.push(blockToken(state, token, inline, comments));
    else if (actions.every(a => a.op !== 'html')) {
      // Only opens and closes that wrap no block: they carry into the paragraphs around.
      for (const a of actions) if (a.op === 'open') carried = a.kind;
      else if (a.op === 'close' && carried === a.kind) carried = undefined;
    } else {
      carried = rewriteInline(state, inline, carried, comments);
      result.push(token, inline, tokens[i + 2]);
    }
    i += 2;
  }
  state.tokens = result;
}

/** Adds critic marks (after inline parsing, before ids, links and attribute lists read the text). */
export function criticPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'critic', state => criticRule(state));
  md.renderer.rules.critic_tag = (tokens, idx) => tokens[idx].content;
}
