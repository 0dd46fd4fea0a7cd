// pymdownx.snippets (`--8<-- "file"`), as techdocs-core configures it: paths are relative to
// the site folder (MkDocs' working directory) and may not leave it (restrict_base_path), URLs
// are not fetched, sections (`file.md:name`) and line ranges (`file.md:3:8`) are supported,
// nested snippets are expanded and a snippet that includes itself is skipped. A preprocessor
// like the original: it also works inside code fences, and `;--8<--` escapes a line.
import { FileSystemHost } from '../../host';
import { resolveInside } from '../paths';
import { DocsProblem } from '../types';

const SINGLE = /^(\s*)--8<--[ \t]+(["'])(.+?)\2[ \t]*$/;
const BLOCK = /^(\s*)--8<--[ \t]*$/;
const ESCAPED = /^(\s*);(--8<--)/;
// Section markers may sit after a comment sign (`# --8<-- [start:name]`).
const SECTION = /^.*?-+8<-+[ \t]+\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\].*$/i;
/** Deep enough for real docs, small enough to stop runaway include chains. */
const MAX_DEPTH = 8;
const URL_SPEC = /^[a-z][a-z0-9+.-]*:\/\//i;

export interface SnippetContext {
  host: FileSystemHost;
  siteDir: string;
  /** File being expanded, for problems. */
  file: string;
  problems: DocsProblem[];
  read?: (file: string) => string | undefined;
}

export interface Expanded {
  lines: string[];
  /** For each output line, its zero-based line in the top file, or -1 when it came from a snippet. */
  origin: number[];
}

/** Expands snippets in a page body; `firstLine` is the file line of the body's first line. */
export function expandSnippets(text: string, ctx: SnippetContext, firstLine = 0): Expanded {
  if (!text.includes('--8<--')) {
    const lines = text.split(/\r?\n/);
    return { lines, origin: lines.map((_, i) => i + firstLine) };
  }
  const out: Expanded = { lines: [], origin: [] };
  expandInto(text.split(/\r?\n/), ctx, out, { stack: [], firstLine, top: true });
  return out;
}

interface Frame {
  stack: string[];
  firstLine: number;
  top: boolean;
}

function expandInto(lines: string[], ctx: SnippetContext, out: Expanded, frame: Frame): void {
  const emit = (line: string, i: number) => {
    out.lines.push(line);
    out.origin.push(frame.top ? frame.firstLine + i : -1);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const escaped = ESCAPED.exec(line);
    if (escaped) {
      emit(line.replace(ESCAPED, '$1$2'), i);
      continue;
    }
    const single = SINGLE.exec(line);
    if (single) {
      include(single[3], single[1], ctx, out, frame, frame.firstLine + i);
      continue;
    }
    if (BLOCK.test(line)) {
      const close = lines.findIndex((l, j) => j > i && BLOCK.test(l));
      if (close !== -1) {
        const indent = (BLOCK.exec(line) as RegExpExecArray)[1];
        for (const name of lines.slice(i + 1, close)) if (name.trim() && !name.trim().startsWith(';')) include(name.trim(), indent, ctx, out, frame, frame.firstLine + i);
        i = close;
        continue;
      }
    }
    if (!frame.top && SECTION.test(line)) continue;
    emit(line, i);
  }
}

function problem(ctx: SnippetContext, line: number, code: string, message: string): void {
  ctx.problems.push({ severity: 'warning', code, message, file: ctx.file, ...(line >= 0 ? { line } : {}) });
}

function include(spec: string, indent: string, ctx: SnippetContext, out: Expanded, frame: Frame, line: number): void {
  const { name, select } = parseSpec(spec);
  if (URL_SPEC.test(name)) return problem(ctx, frame.top ? line : -1, 'snippet-url', `Snippet "${name}" is a URL; TechDocs does not download snippets, so it is left out.`);
  const file = resolveInside(ctx.siteDir, name);
  if (!file) return problem(ctx, frame.top ? line : -1, 'snippet-outside', `Snippet "${name}" is outside the site folder; TechDocs only reads snippets inside it (restrict_base_path), so it is left out.`);
  if (frame.stack.includes(file) || frame.stack.length >= MAX_DEPTH) return problem(ctx, frame.top ? line : -1, 'snippet-loop', `Snippet "${name}" includes itself (or nests too deep); it is skipped.`);
  const text = ctx.read ? ctx.read(file) : readFile(ctx.host, file);
  if (text === undefined) return problem(ctx, frame.top ? line : -1, 'snippet-not-found', `Snippet "${name}" does not exist in the site folder; it is left out.`);
  const selected = select(text.split(/\r?\n/));
  if (selected === undefined) return problem(ctx, frame.top ? line : -1, 'snippet-section-not-found', `Snippet "${spec}" names a section or lines that "${name}" does not have.`);
  expandInto(selected.map(l => (l === '' ? l : indent + l)), ctx, out, { stack: [...frame.stack, file], firstLine: line, top: false });
}

function readFile(host: FileSystemHost, file: string): string | undefined {
  if (host.stat(file) !== 'file') return undefined;
  const bytes = host.readFile(file);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

/** `file`, `file:section`, `file:3:8`, `file:3`, `file::8` → file name and a line selector. */
function parseSpec(spec: string): { name: string; select: (lines: string[]) => string[] | undefined } {
  const lines = /^(.*?):(\d*):(\d*)$/.exec(spec) ?? /^(.*?):(\d+)()$/.exec(spec);
  if (lines && !URL_SPEC.test(spec)) {
    const start = lines[2] ? Number(lines[2]) : 1;
    return { name: lines[1], select: all => (lines[3] ? all.slice(start - 1, Number(lines[3])) : all.slice(start - 1)) };
  }
  const section = /^(.*?):([\w-]+)$/.exec(spec);
  if (section && !URL_SPEC.test(spec)) return { name: section[1], select: all => sectionLines(all, section[2]) };
  return { name: spec, select: all => all };
}

function sectionLines(all: string[], name: string): string[] | undefined {
  const start = all.findIndex(l => SECTION.exec(l)?.[1] === 'start' && SECTION.exec(l)?.[2] === name);
  if (start === -1) return undefined;
  const end = all.findIndex((l, i) => i > start && SECTION.exec(l)?.[1] === 'end' && SECTION.exec(l)?.[2] === name);
  return all.slice(start + 1, end === -1 ? undefined : end);
}
