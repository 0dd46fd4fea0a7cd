// Python-Markdown's block containers (admonitions, details, tabs) hold a body indented by
// four spaces under a marker line. These helpers find that body and parse it as Markdown
// inside markdown-it, the way list items are parsed (a raised block indent).
import { StateBlock } from './env';

/** Exclusive end line of the body under `startLine`: blank lines or lines indented ≥ `indent`, trailing blanks left out. */
export function indentedBodyEnd(state: StateBlock, startLine: number, endLine: number, indent: number): number {
  let last = startLine;
  for (let line = startLine + 1; line < endLine; line++) {
    if (state.isEmpty(line)) continue;
    if (state.sCount[line] < indent) break;
    last = line;
  }
  return last + 1;
}

/** Parses lines [from, to) as blocks with the block indent raised to `indent`. */
export function tokenizeIndented(state: StateBlock, from: number, to: number, indent: number): void {
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  const oldIndent = state.blkIndent;
  // A custom parent type keeps lazy paragraph continuation from leaking out of the container.
  state.parentType = 'container' as StateBlock['parentType'];
  state.lineMax = to;
  state.blkIndent = indent;
  state.md.block.tokenize(state, from, to);
  state.parentType = oldParent;
  state.lineMax = oldLineMax;
  state.blkIndent = oldIndent;
}

/** The text of a line without its indentation. */
export function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}
