// `data-line` on block elements (zero-based line in the Markdown file), as VS Code's own
// preview does: the preview keeps its scroll position across re-renders and "Edit" opens the
// file at the right line. Lines that came from a snippet get none.
import MarkdownIt from 'markdown-it';
import { fileLine, RenderEnv } from './env';

const LEAF_BLOCKS = new Set(['fence', 'code_block', 'hr', 'graphviz_block']);

/** Adds the source-line attributes when the render asks for them. */
export function sourceLinesPlugin(md: MarkdownIt): void {
  md.core.ruler.push('source_lines', state => {
    const env = state.env as RenderEnv;
    if (!env.sourceLines) return;
    for (const token of state.tokens) {
      if (!token.block || !token.map || (token.nesting !== 1 && !LEAF_BLOCKS.has(token.type))) continue;
      const line = fileLine(env, token.map[0]);
      if (line >= 0) token.attrSet('data-line', String(line));
    }
  });
}
