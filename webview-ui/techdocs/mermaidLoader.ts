// Mermaid in the preview: its bundle is added (with this page's nonce) only when a page has a
// diagram, and each diagram's SVG is kept by its source so re-rendering while typing redraws
// only the diagrams that changed (and the page does not jump while they draw).
import type { Mermaid } from 'mermaid';

const drawn = new Map<string, string>();
let loading: Promise<Mermaid> | undefined;
let counter = 0;
let theme: string | undefined;

function load(src: string, nonce: string): Promise<Mermaid> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.nonce = nonce;
    script.onload = () => {
      const mermaid = (globalThis as unknown as { catwalkMermaid?: Mermaid }).catwalkMermaid;
      if (mermaid) resolve(mermaid);
      else reject(new Error('the Mermaid bundle did not load'));
    };
    script.onerror = () => reject(new Error('the Mermaid bundle did not load'));
    document.head.append(script);
  });
  return loading;
}

function currentTheme(): string {
  return document.body.classList.contains('vscode-light') ? 'default' : 'dark';
}

/** Draws every `pre.mermaid` of `root`; resolves to the number of diagrams drawn. */
export async function drawMermaid(root: HTMLElement, src: string, nonce: string): Promise<number> {
  const blocks = [...root.querySelectorAll<HTMLElement>('pre.mermaid')];
  if (theme !== currentTheme()) drawn.clear();
  // Diagrams drawn before are put back at once, before Mermaid loads or draws anything.
  const pending = blocks.filter(block => !place(block, drawn.get(block.textContent ?? '')));
  if (pending.length > 0) {
    const mermaid = await load(src, nonce);
    theme = currentTheme();
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme as 'default' | 'dark' });
    for (const block of pending) await drawOne(mermaid, block);
  }
  return root.querySelectorAll('pre.mermaid[data-processed] svg').length;
}

function place(block: HTMLElement, svg: string | undefined): boolean {
  if (svg === undefined) return false;
  block.innerHTML = svg;
  block.setAttribute('data-processed', 'true');
  return true;
}

async function drawOne(mermaid: Mermaid, block: HTMLElement): Promise<void> {
  const source = block.textContent ?? '';
  try {
    const { svg } = await mermaid.render(`cw-mermaid-${++counter}`, source);
    drawn.set(source, svg);
    if (block.isConnected) place(block, svg);
  } catch (error) {
    block.classList.add('cw-mermaid-error');
    block.title = `Mermaid could not draw this diagram: ${error instanceof Error ? error.message : String(error)}`;
  }
}
