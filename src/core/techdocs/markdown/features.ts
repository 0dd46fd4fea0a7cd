// Which container syntaxes a site's pages use, from its mkdocs.yml (format §8.3): by default
// techdocs-core enables `admonition`, `pymdownx.details` and `pymdownx.tabbed` (`!!!`, `???`,
// `===`); with `techdocs-core: {use_pymdownx_blocks: true}` it enables pymdownx.blocks'
// admonition, details and tab (`/// note`) instead, with its own admonition and details types.
// An extension the author lists under markdown_extensions is enabled either way.
import { configEntries } from '../mkdocsConfig';
import { MkDocsConfig } from '../types';

/** A named block (`/// warning`) and the class and default title it gives. */
export interface BlockType {
  name: string;
  className: string;
  title?: string;
}

export interface MarkdownFeatures {
  /** `!!! type` (Python-Markdown's admonition). */
  admonition: boolean;
  /** `??? type` (pymdownx.details). */
  details: boolean;
  /** `=== "Tab"` (pymdownx.tabbed). */
  tabbed: boolean;
  /** pymdownx.blocks.admonition: its named types, or undefined when off. */
  blockAdmonitions?: BlockType[];
  /** pymdownx.blocks.details: its named types, or undefined when off. */
  blockDetails?: BlockType[];
  /** pymdownx.blocks.tab. */
  blockTabs: boolean;
}

/** What techdocs-core enables without use_pymdownx_blocks. */
export const DEFAULT_FEATURES: MarkdownFeatures = { admonition: true, details: true, tabbed: true, blockTabs: false };

// techdocs-core's types when it enables the blocks (mkdocs-techdocs-core 1.7.0).
const CORE_TYPES = ['new', 'settings', 'note', 'abstract', 'info', 'tip', 'success', 'question', 'warning', 'failure', 'danger', 'bug', 'example', 'quote'];
// pymdownx.blocks.admonition's own default types (pymdown-extensions 10.21).
const PYMDOWNX_ADMONITION_TYPES = ['note', 'attention', 'caution', 'danger', 'error', 'tip', 'hint', 'warning', 'important'];

/** The syntaxes a site's pages are rendered with. */
export function markdownFeatures(config: MkDocsConfig): MarkdownFeatures {
  const blocks = config.techdocsCore?.usePymdownxBlocks === true;
  const listed = new Map(configEntries(config.raw.markdown_extensions).map(e => [e.name, e.settings]));
  const on = (name: string, byCore: boolean) => byCore || listed.has(name);
  const types = (name: string, fallback: BlockType[]) => parseTypes((listed.get(name) as { types?: unknown } | undefined)?.types) ?? fallback;
  return {
    admonition: on('admonition', !blocks),
    details: on('pymdownx.details', !blocks),
    tabbed: on('pymdownx.tabbed', !blocks),
    blockAdmonitions: on('pymdownx.blocks.admonition', blocks)
      ? types('pymdownx.blocks.admonition', (blocks ? CORE_TYPES : PYMDOWNX_ADMONITION_TYPES).map(name => ({ name, className: name })))
      : undefined,
    blockDetails: on('pymdownx.blocks.details', blocks) ? types('pymdownx.blocks.details', blocks ? CORE_TYPES.map(name => ({ name: `details-${name}`, className: name })) : []) : undefined,
    blockTabs: on('pymdownx.blocks.tab', blocks),
  };
}

/** A `types` setting: names, or `{name, class, title}` maps. */
function parseTypes(value: unknown): BlockType[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((t): BlockType[] => {
    if (typeof t === 'string') return [{ name: t, className: t }];
    if (typeof t !== 'object' || t === null) return [];
    const { name, class: className, title } = t as Record<string, unknown>;
    if (typeof name !== 'string') return [];
    return [{ name, className: typeof className === 'string' ? className : name, ...(typeof title === 'string' ? { title } : {}) }];
  });
}
