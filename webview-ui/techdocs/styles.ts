// The preview's own layout around the page (the page itself uses the site theme, techdocsCss):
// a toolbar with search and Edit, then nav | page | toc, narrowing to the page alone beside a
// small editor, with the nav as a drawer.
export const PREVIEW_CSS = `
body{padding:0;font-family:var(--vscode-font-family);font-size:var(--vscode-font-size,13px);background:var(--vscode-editor-background)}
.cw-toolbar{position:sticky;top:0;z-index:3;display:flex;align-items:center;gap:.6rem;padding:.4rem .8rem;background:var(--vscode-editor-background);border-bottom:1px solid var(--vscode-panel-border,var(--cw-border))}
.cw-toolbar .cw-site{font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.cw-button{font:inherit;padding:.2rem .7rem;border:1px solid var(--vscode-button-border,transparent);border-radius:2px;background:var(--vscode-button-secondaryBackground,#5f6a79);color:var(--vscode-button-secondaryForeground,#fff);cursor:pointer}
.cw-button:hover{background:var(--vscode-button-secondaryHoverBackground,#4c5561)}
.cw-search{margin-left:auto;position:relative}
.cw-search input{font:inherit;width:14rem;padding:.2rem .4rem;color:var(--vscode-input-foreground);background:var(--vscode-input-background);border:1px solid var(--vscode-input-border,transparent);border-radius:2px}
.cw-search input:focus{outline:1px solid var(--vscode-focusBorder)}
.cw-results{position:absolute;right:0;top:2rem;width:min(28rem,90vw);max-height:60vh;overflow:auto;margin:0;padding:0;list-style:none;background:var(--vscode-editorWidget-background,var(--cw-bg));border:1px solid var(--vscode-editorWidget-border,var(--cw-border));box-shadow:0 2px 8px var(--vscode-widget-shadow,rgba(0,0,0,.3))}
.cw-results:empty{display:none}.cw-results li{padding:.35rem .6rem;border-bottom:1px solid var(--vscode-editorWidget-border,var(--cw-border))}.cw-results small{display:block;color:var(--vscode-descriptionForeground)}
.cw-pages-toggle{display:none}
.cw-preview{display:grid;grid-template-columns:13rem minmax(0,1fr) 12rem;gap:1.6rem;padding:1rem}
.cw-main{min-width:0}
.cw-nav,.cw-toc{font-size:.9em;position:sticky;top:3rem;align-self:start;max-height:calc(100vh - 4rem);overflow:auto}
.cw-nav ul,.cw-toc ul{list-style:none;margin:0;padding-left:.8rem}.cw-nav>ul,.cw-toc>ul{padding-left:0}.cw-nav li{margin:.15rem 0}
.cw-nav .cw-section>span{font-weight:600;color:var(--vscode-descriptionForeground)}.cw-nav a.cw-active{font-weight:600}
.cw-notice{margin:0 0 .8rem;padding:.3rem .6rem;border-left:3px solid var(--vscode-editorInfo-foreground,#3794ff);background:var(--vscode-textBlockQuote-background)}
.cw-problems{margin:0 0 1rem;padding:.3rem .6rem;border:1px solid var(--vscode-editorWarning-foreground,#cca700);border-radius:3px;font-size:.9em}
.cw-problems summary{cursor:pointer}.cw-problems ul{margin:.4rem 0;padding-left:1.2rem}.cw-problems li.cw-error code{color:var(--vscode-editorError-foreground)}.cw-problems li.cw-warning code{color:var(--vscode-editorWarning-foreground)}
.cw-problems small{color:var(--vscode-descriptionForeground)}
.cw-error{color:var(--vscode-errorForeground)}
pre.mermaid.cw-mermaid-error{border-color:var(--vscode-editorError-foreground)}
@media (max-width:60rem){.cw-preview{grid-template-columns:12rem minmax(0,1fr)}.cw-nav{display:block}.cw-toc{display:none}}
@media (max-width:40rem){.cw-preview{grid-template-columns:minmax(0,1fr)}.cw-pages-toggle{display:inline-block}.cw-nav{display:none}
body.cw-show-nav .cw-nav{display:block;position:fixed;top:2.6rem;left:0;bottom:0;width:16rem;max-height:none;z-index:2;padding:1rem;background:var(--vscode-sideBar-background,var(--cw-bg));border-right:1px solid var(--vscode-panel-border,var(--cw-border))}}
`;
