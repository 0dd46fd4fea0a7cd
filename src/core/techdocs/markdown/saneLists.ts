// mdx_truly_sane_lists (techdocs-core enables it, nested_indent 2): a list item indented by
// two spaces under its parent is nested, even under `1. ` whose text starts at column three.
// CommonMark would make it a sibling, so such marker lines (and the lines that belong to the
// item) are moved to the parent's content column before markdown-it parses them. Lists that
// CommonMark already nests are left exactly as written.
const MARKER = /^([*+-]|\d{1,9}[.)])( +|$)/;
const FENCE = /^(`{3,}|~{3,})/;

interface Item {
  /** Indent of the marker as written. */
  orig: number;
  /** Columns added to the item's lines. */
  delta: number;
  /** Content column after the shift. */
  content: number;
}

function indentOf(line: string): { width: number; rest: string } {
  let width = 0;
  let i = 0;
  for (; i < line.length; i++) {
    if (line[i] === ' ') width++;
    else if (line[i] === '\t') width += 4 - (width % 4);
    else break;
  }
  return { width, rest: line.slice(i) };
}

function shifted(rest: string, width: number): string {
  return ' '.repeat(Math.max(0, width)) + rest;
}

/** Re-indents nested list items so markdown-it nests them the way MkDocs does. */
export function saneLists(lines: string[]): string[] {
  if (!lines.some(l => /^ {1,3}(?:[*+-]|\d{1,9}[.)]) /.test(l))) return lines;
  const stack: Item[] = [];
  let fence: { marker: string; orig: number; delta: number } | undefined;
  let previousBlank = false;
  return lines.map(line => {
    const { width, rest } = indentOf(line);
    const blank = rest.trim() === '';
    const wasBlank = previousBlank;
    previousBlank = blank;
    if (fence) {
      const current = fence;
      if (closesFence(rest, current.marker)) fence = undefined;
      return current.delta !== 0 && width >= current.orig ? shifted(rest, width + current.delta) : line;
    }
    if (blank) return line;
    const marker = MARKER.exec(rest);
    if (!marker) return continuation(stack, line, width, rest, wasBlank, f => (fence = f));
    while (stack.length > 0 && stack[stack.length - 1].orig >= width) stack.pop();
    const parent = stack[stack.length - 1];
    let target = width + (parent?.delta ?? 0);
    if (parent && target < parent.content) target = parent.content;
    const markerWidth = marker[1].length + Math.max(1, Math.min(marker[2].length, 4));
    stack.push({ orig: width, delta: target - width, content: target + markerWidth });
    return target === width ? line : shifted(rest, target);
  });
}

function closesFence(rest: string, marker: string): boolean {
  const trimmed = rest.trim();
  return trimmed.startsWith(marker) && /^(`+|~+)$/.test(trimmed);
}

function lastDelta(stack: Item[], width: number): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].orig < width) return stack[i].delta;
  return 0;
}

/** A line that may continue a paragraph lazily (not a heading, fence, quote or rule). */
function lazy(rest: string): boolean {
  return !/^(#{1,6}\s|`{3,}|~{3,}|>|([-*_])\s*\2\s*\2)/.test(rest);
}

function continuation(stack: Item[], line: string, width: number, rest: string, wasBlank: boolean, openFence: (f: { marker: string; orig: number; delta: number }) => void): string {
  // After a blank line, text at or left of an item's marker closes that item.
  if (wasBlank || width === 0) while (stack.length > 0 && stack[stack.length - 1].orig >= width && (wasBlank || !lazy(rest))) stack.pop();
  const delta = lastDelta(stack, width);
  const fence = FENCE.exec(rest);
  if (fence) openFence({ marker: fence[1][0].repeat(3), orig: width, delta });
  return delta === 0 ? line : shifted(rest, width + delta);
}
