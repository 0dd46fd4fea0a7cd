// The stylesheet of built and served TechDocs sites: a light/dark theme that follows the
// reader's system (and VS Code's theme variables when shown in a webview), with the classes
// the renderer writes (Material's names: admonition, tabbed-set, highlight, task-list...).

/** CSS selecting the n-th tab of a tab set with radio buttons only. */
function tabRules(max: number): string {
  const rules: string[] = [];
  for (let n = 1; n <= max; n++) {
    rules.push(`.tabbed-set>input:nth-child(${n}):checked~.tabbed-content>.tabbed-block:nth-child(${n}){display:block}`);
    rules.push(`.tabbed-set>input:nth-child(${n}):checked~.tabbed-labels>label:nth-child(${n}){border-color:var(--cw-accent);color:var(--cw-accent)}`);
  }
  return rules.join('\n');
}

const ADMONITION_COLORS: Record<string, string> = {
  note: '#448aff', abstract: '#00b0ff', summary: '#00b0ff', tldr: '#00b0ff', info: '#00b8d4', todo: '#00b8d4', tip: '#00bfa5', hint: '#00bfa5',
  important: '#8957e5', success: '#00c853', check: '#00c853', done: '#00c853', question: '#64dd17', help: '#64dd17', faq: '#64dd17',
  warning: '#ff9100', caution: '#ff9100', attention: '#ff9100', failure: '#ff5252', fail: '#ff5252', missing: '#ff5252',
  danger: '#ff1744', error: '#ff1744', bug: '#f50057', example: '#7c4dff', quote: '#9e9e9e', cite: '#9e9e9e',
};

function admonitionRules(): string {
  return Object.entries(ADMONITION_COLORS)
    .map(([type, color]) => `.admonition.${type},details.${type}{--cw-adm:${color}}`)
    .join('\n');
}

/** pymdownx.critic marks (view mode): added, removed, highlighted, comments; diff colours of the VS Code theme when there is one. */
function criticRules(): string {
  return [
    '.critic{--cw-critic:var(--cw-accent);border:1px solid var(--cw-critic);border-radius:3px;padding:0 .1em;text-decoration:none;background:color-mix(in srgb,var(--cw-critic) 14%,transparent)}',
    'ins.critic{--cw-critic:var(--vscode-gitDecoration-addedResourceForeground,#2da44e);background:var(--vscode-diffEditor-insertedTextBackground,color-mix(in srgb,var(--cw-critic) 16%,transparent))}',
    'del.critic{--cw-critic:var(--vscode-gitDecoration-deletedResourceForeground,#cf222e);text-decoration:line-through;background:var(--vscode-diffEditor-removedTextBackground,color-mix(in srgb,var(--cw-critic) 16%,transparent))}',
    'mark.critic{--cw-critic:var(--vscode-editorWarning-foreground,#d29922);background:var(--cw-mark);color:inherit}',
    'span.critic.comment{--cw-critic:var(--vscode-editorInfo-foreground,#0969da);font-style:italic;font-size:.9em}span.critic.comment::before{content:"\\bb\\a0"}span.critic.comment::after{content:"\\a0\\ab"}',
    '.critic.block{display:block;padding:.1em .6em;margin:1em 0}del.critic.block{text-decoration:none}del.critic.block>*{text-decoration:line-through}',
    '.critic.break{font-size:0;border:0;background:none;padding:0}.critic.break::before{content:"\\a0\\b6\\a0";font-size:.9rem;border:1px solid var(--cw-critic);border-radius:3px;background:color-mix(in srgb,var(--cw-critic) 14%,transparent)}',
  ].join('\n');
}

/** Code token colours (GitHub's palettes), each selector prefixed with `scope` (e.g. `body.vscode-dark `). */
export function tokenColors(scope: string, dark: boolean): string {
  const colors: [string, string, string][] = [
    ['.hljs-comment,.hljs-quote', '#6e7781', '#9198a1'],
    ['.hljs-keyword,.hljs-selector-tag,.hljs-literal,.hljs-type', '#cf222e', '#ff7b72'],
    ['.hljs-string,.hljs-regexp,.hljs-addition', '#0a3069', '#a5d6ff'],
    ['.hljs-number,.hljs-built_in,.hljs-attr,.hljs-variable,.hljs-template-variable', '#0550ae', '#79c0ff'],
    ['.hljs-title,.hljs-section,.hljs-function .hljs-title', '#8250df', '#d2a8ff'],
    ['.hljs-meta,.hljs-symbol,.hljs-bullet', '#953800', '#ffa657'],
    ['.hljs-deletion', '#82071e', '#ffdcd7'],
    ['.hljs-name,.hljs-tag', '#116329', '#7ee787'],
  ];
  const marks = dark ? '--cw-mark:#6b5900;--cw-hll:rgba(255,213,0,.15)' : '--cw-mark:#fff3a3;--cw-hll:rgba(255,213,0,.25)';
  const root = scope ? `${scope.trim()}{${marks}}` : '';
  return root + colors.map(([selectors, light, darkColor]) => `${selectors.split(',').map(sel => scope + sel).join(',')}{color:${dark ? darkColor : light}}`).join('') + `${scope}.hljs-comment{font-style:italic}`;
}

/** The whole stylesheet. */
export function techdocsCss(): string {
  return `:root{color-scheme:light dark;--cw-bg:var(--vscode-editor-background,#fff);--cw-fg:var(--vscode-editor-foreground,#1f2328);--cw-muted:var(--vscode-descriptionForeground,#59636e);--cw-border:var(--vscode-panel-border,#d1d9e0);--cw-accent:var(--vscode-textLink-foreground,#0969da);--cw-code-bg:var(--vscode-textCodeBlock-background,#f6f8fa);--cw-mark:#fff3a3;--cw-hll:rgba(255,213,0,.25);--cw-font:var(--vscode-font-family,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif);--cw-mono:var(--vscode-editor-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,monospace)}
@media (prefers-color-scheme:dark){:root{--cw-bg:var(--vscode-editor-background,#0d1117);--cw-fg:var(--vscode-editor-foreground,#e6edf3);--cw-muted:var(--vscode-descriptionForeground,#9198a1);--cw-border:var(--vscode-panel-border,#3d444d);--cw-accent:var(--vscode-textLink-foreground,#4493f8);--cw-code-bg:var(--vscode-textCodeBlock-background,#151b23);--cw-mark:#6b5900;--cw-hll:rgba(255,213,0,.15)}}
*{box-sizing:border-box}
body{margin:0;background:var(--cw-bg);color:var(--cw-fg);font:15px/1.6 var(--cw-font)}
a{color:var(--cw-accent);text-decoration:none}a:hover{text-decoration:underline}
.cw-header{display:flex;align-items:center;gap:1rem;padding:.6rem 1.2rem;border-bottom:1px solid var(--cw-border);position:sticky;top:0;background:var(--cw-bg);z-index:2}
.cw-header .cw-site{font-weight:600;color:var(--cw-fg)}
.cw-search{margin-left:auto;position:relative}.cw-search input{font:inherit;padding:.25rem .5rem;border:1px solid var(--cw-border);border-radius:4px;background:var(--cw-bg);color:var(--cw-fg);width:16rem}
.cw-results{position:absolute;right:0;top:2.2rem;width:26rem;max-height:60vh;overflow:auto;background:var(--cw-bg);border:1px solid var(--cw-border);border-radius:4px;padding:0;margin:0;list-style:none}
.cw-results:empty{display:none}.cw-results li{padding:.4rem .6rem;border-bottom:1px solid var(--cw-border)}.cw-results small{display:block;color:var(--cw-muted)}
.cw-layout{display:grid;grid-template-columns:15rem minmax(0,1fr) 13rem;gap:2rem;max-width:80rem;margin:0 auto;padding:1rem 1.2rem}
@media (max-width:60rem){.cw-layout{grid-template-columns:minmax(0,1fr)}.cw-nav,.cw-toc{display:none}}
.cw-nav,.cw-toc{font-size:.85rem;position:sticky;top:3.5rem;align-self:start;max-height:calc(100vh - 4rem);overflow:auto}
.cw-nav ul,.cw-toc ul{list-style:none;margin:0;padding-left:.8rem}.cw-nav>ul,.cw-toc>ul{padding-left:0}
.cw-nav li{margin:.15rem 0}.cw-nav .cw-section>span{font-weight:600;color:var(--cw-muted)}
.cw-toc .cw-l1{padding-left:.8rem}.cw-toc .cw-l2{padding-left:1.6rem}.cw-toc .cw-l3{padding-left:2.4rem}.cw-toc .cw-l4,.cw-toc .cw-l5{padding-left:3.2rem}
.cw-nav a.cw-active,.cw-toc a.cw-active{font-weight:600}.cw-toc .cw-toc-title{font-weight:600;color:var(--cw-muted)}
.cw-pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;padding-top:1rem;border-top:1px solid var(--cw-border)}.cw-pager small{display:block;color:var(--cw-muted)}.cw-pager .cw-next{text-align:right;margin-left:auto}
.cw-problems{border:1px solid #d29922;border-radius:4px;padding:.5rem 1rem;font-size:.85rem;margin-bottom:1rem}
.md-content h1,.md-content h2,.md-content h3,.md-content h4{line-height:1.25;margin:1.6em 0 .6em}.md-content h1{margin-top:0}
.headerlink{opacity:0;margin-left:.3em;font-size:.8em}h1:hover .headerlink,h2:hover .headerlink,h3:hover .headerlink,h4:hover .headerlink,h5:hover .headerlink,h6:hover .headerlink,.headerlink:focus{opacity:1}
.md-content img{max-width:100%}
.md-content table{border-collapse:collapse;margin:1em 0;display:block;overflow:auto}.md-content th,.md-content td{border:1px solid var(--cw-border);padding:.35rem .7rem}.md-content th{background:var(--cw-code-bg)}
.md-content blockquote{margin:1em 0;padding:0 1em;border-left:.25em solid var(--cw-border);color:var(--cw-muted)}
code,pre{font-family:var(--cw-mono);font-size:.86em}:not(pre)>code{background:var(--cw-code-bg);padding:.1em .35em;border-radius:4px}
.highlight{margin:1em 0;background:var(--cw-code-bg);border-radius:6px;overflow:hidden}.highlight .filename{display:block;padding:.35rem .8rem;font-size:.8rem;border-bottom:1px solid var(--cw-border);color:var(--cw-muted)}
.highlight pre{margin:0;padding:.7rem 0;overflow:auto}.highlight .line{display:inline-block;min-width:100%;padding-right:1rem}.highlight .line.hll{background:var(--cw-hll)}
.highlight pre.linenums .line::before{content:attr(data-ln);display:inline-block;width:3.2em;padding-right:1em;text-align:right;color:var(--cw-muted);user-select:none;-webkit-user-select:none}
pre.mermaid{background:transparent;white-space:pre;border:1px dashed var(--cw-border);border-radius:6px;padding:.7rem .8rem;overflow:auto}pre.mermaid[data-processed]{border:0;text-align:center}
.diagram-source{margin:1em 0;border:1px dashed var(--cw-border);border-radius:6px;padding:.5rem .8rem}.diagram-note{font-size:.8rem;color:var(--cw-muted);margin:0 0 .4rem}.diagram-source pre{margin:0;overflow:auto}
.admonition,details{--cw-adm:#448aff;margin:1em 0;padding:0 .9rem;border-left:.25rem solid var(--cw-adm);border-radius:4px;background:color-mix(in srgb,var(--cw-adm) 7%,transparent)}
.admonition-title,details>summary{font-weight:600;margin:0 -.9rem;padding:.4rem .9rem;background:color-mix(in srgb,var(--cw-adm) 14%,transparent)}
details>summary{cursor:pointer}details[open]>summary{margin-bottom:.5rem}.admonition,details{display:flow-root}.admonition>:last-child,details>:last-child{margin-bottom:.8rem}
${admonitionRules()}
.tabbed-set{position:relative;margin:1em 0;border-radius:4px}.tabbed-set>input{position:absolute;opacity:0;pointer-events:none}
.tabbed-labels{display:flex;gap:.2rem;border-bottom:1px solid var(--cw-border);overflow:auto}.tabbed-labels>label{padding:.35rem .8rem;cursor:pointer;border-bottom:2px solid transparent;font-weight:600;font-size:.9rem;white-space:nowrap}
.tabbed-content>.tabbed-block{display:none;padding-top:.3rem}
${tabRules(20)}
.task-list{list-style:none;padding-left:1.2rem}.task-list-item{position:relative}.task-list-control input{margin:0 .4rem 0 -1.3rem;vertical-align:middle}.task-list-indicator{display:none}
mark{background:var(--cw-mark);color:inherit;padding:0 .15em}ins{text-decoration:underline}
${criticRules()}
.footnotes{font-size:.85rem;color:var(--cw-muted)}.footnotes-sep{border:0;border-top:1px solid var(--cw-border)}
a.iframe-blocked{display:block;padding:1rem;border:1px dashed var(--cw-border);border-radius:6px;color:var(--cw-muted)}
a.external::after{content:"↗";font-size:.75em;margin-left:.1em}
abbr[title]{text-decoration:underline dotted;cursor:help}
${tokenColors('', false)}
@media (prefers-color-scheme:dark){${tokenColors('', true)}}
`;
}

/** The static site's search box: fetches MkDocs' search index and lists matching sections. */
export function searchScript(): string {
  return `(function(){var f=document.querySelector('.cw-search');if(!f)return;var input=f.querySelector('input'),out=f.querySelector('.cw-results'),root=f.getAttribute('data-root')||'./',docs=null;
function load(){if(docs)return Promise.resolve(docs);return fetch(root+'search/search_index.json').then(function(r){return r.json()}).then(function(j){docs=j.docs;return docs})}
function esc(s){return s.replace(/[&<>"]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]})}
input.addEventListener('input',function(){var q=input.value.trim().toLowerCase();if(q.length<2){out.innerHTML='';return}load().then(function(d){var terms=q.split(/\\s+/),hits=[];for(var i=0;i<d.length&&hits.length<20;i++){var t=(d[i].title+' '+d[i].text).toLowerCase();if(terms.every(function(w){return t.indexOf(w)>=0}))hits.push(d[i])}
out.innerHTML=hits.map(function(h){var at=h.text.toLowerCase().indexOf(terms[0]);var snip=h.text.slice(Math.max(0,at-40),at+80);return '<li><a href="'+esc(root+h.location)+'">'+esc(h.title)+'</a><small>'+esc(snip)+'</small></li>'}).join('')||'<li>No results</li>'})});
f.addEventListener('submit',function(e){e.preventDefault()})})();
`;
}
