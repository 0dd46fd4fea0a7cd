// The Mermaid bundle of the docs preview, loaded by the page script only on pages with a diagram.
// It hands Mermaid to the page through one global, set once.
import mermaid from 'mermaid';

(globalThis as unknown as { catwalkMermaid?: typeof mermaid }).catwalkMermaid = mermaid;
