import { fileURLToPath, pathToFileURL } from 'url';
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { Diagnostic, Severity } from '../core/diagnostics';
import { QuickFix } from '../core/language/codeActions';
import { CompletionEntry, CompletionKind, CompletionResult } from '../core/language/complete';
import { WorkspaceEdits } from '../core/language/types';

// The language features speak core types (file paths, plain ranges); this is
// the one place they become LSP types and URIs.

/** The file path of a `file:` URI; other URIs (untitled:) are kept as they are. */
export function uriToFile(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The `file:` URI of a path (or the URI itself when it is one). */
export function fileToUri(file: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? file : pathToFileURL(file).href;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A core diagnostic as LSP sends it: same range, code and message. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = { range: d.range, severity: SEVERITIES[d.severity], code: d.code, source: 'catwalk', message: d.message };
  if (d.entityRef) out.data = { entityRef: d.entityRef };
  return out;
}

/** An LSP diagnostic the client sent back (code action context) as a core one. */
export function fromLspDiagnostic(d: LspDiagnostic, file: string): Diagnostic {
  const severity: Severity = d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'info';
  return { file, range: d.range, severity, code: String(d.code ?? ''), message: d.message };
}

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  reference: CompletionItemKind.Reference,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  snippet: CompletionItemKind.Snippet,
  function: CompletionItemKind.Function,
  variable: CompletionItemKind.Variable,
  module: CompletionItemKind.Module,
};

export function toCompletionList(result: CompletionResult): CompletionList {
  return { isIncomplete: result.isIncomplete, items: result.items.map(toCompletionItem) };
}

function toCompletionItem(e: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: KINDS[e.kind],
    textEdit: { range: e.range, newText: e.insertText ?? e.label },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Continuation lines carry their full indentation: the editor must not add the line's again.
    insertTextMode: InsertTextMode.asIs,
  };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: MarkupKind.Markdown, value: e.documentation };
  if (e.sortText) item.sortText = e.sortText;
  if (e.filterText) item.filterText = e.filterText;
  return item;
}

export function toWorkspaceEdit(edits: WorkspaceEdits): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [file, list] of Object.entries(edits)) changes[fileToUri(file)] = list.map(e => ({ range: e.range, newText: e.newText }));
  return { changes };
}

export function toCodeAction(fix: QuickFix): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toLspDiagnostic(fix.diagnostic)],
    edit: toWorkspaceEdit(fix.edits),
    isPreferred: fix.isPreferred,
  };
}
