// Types for markdown-it plugins that ship none: each is a plain markdown-it plugin function.
declare module 'markdown-it-footnote' {
  import MarkdownIt = require('markdown-it');
  const plugin: MarkdownIt.PluginSimple;
  export = plugin;
}
declare module 'markdown-it-deflist' {
  import MarkdownIt = require('markdown-it');
  const plugin: MarkdownIt.PluginSimple;
  export = plugin;
}
declare module 'markdown-it-abbr' {
  import MarkdownIt = require('markdown-it');
  const plugin: MarkdownIt.PluginSimple;
  export = plugin;
}
declare module 'markdown-it-mark' {
  import MarkdownIt = require('markdown-it');
  const plugin: MarkdownIt.PluginSimple;
  export = plugin;
}
declare module 'markdown-it-sub' {
  import MarkdownIt = require('markdown-it');
  const plugin: MarkdownIt.PluginSimple;
  export = plugin;
}
declare module 'markdown-it-sup' {
  import MarkdownIt = require('markdown-it');
  const plugin: MarkdownIt.PluginSimple;
  export = plugin;
}
declare module 'markdown-it-emoji' {
  import MarkdownIt = require('markdown-it');
  export const full: MarkdownIt.PluginWithOptions;
  export const light: MarkdownIt.PluginWithOptions;
  export const bare: MarkdownIt.PluginWithOptions;
}
