// A small element builder: the preview's own chrome is plain DOM built from data (never HTML
// strings), so titles and problems cannot inject markup.

type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined>;

/** An HTML element with attributes (false/undefined left out, true as an empty attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== false && child !== null && child !== undefined) el.append(child);
  return el;
}
