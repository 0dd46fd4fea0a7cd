import { Diagnostic, Range } from '../diagnostics';
import { splitRef } from '../index/crossFile';
import { BUILTIN_KINDS, DEFAULT_NAMESPACE, JsonPath } from '../model/entity';
import { formatRefForField } from '../model/ref';
import { DocumentOutline, documentAtLine, FileOutline, samePath, startsWithPath } from './outline';
import { refAtPosition } from './refs';
import { propertiesAt, valuesAt } from './schemaModel';
import { headerOf, LanguageDocument, LanguageHost, outlineOf, TextEdit, WorkspaceEdits } from './types';

/** A quick fix: a title and the edits it applies. */
export interface QuickFix {
  title: string;
  /** The diagnostic it fixes. */
  diagnostic: Diagnostic;
  edits: WorkspaceEdits;
  isPreferred?: boolean;
}

const DID_YOU_MEAN = /did you mean "([^"]+)"\?/i;

/**
 * Quick fixes for the diagnostics at a range: the suggested value ("did you
 * mean"), creating the entity a dangling ref names (in this file or beside
 * entities of its kind), and adding the required fields a document lacks.
 */
export function quickFixes(doc: LanguageDocument, diagnostics: readonly Diagnostic[], host: LanguageHost): QuickFix[] {
  const out: QuickFix[] = [];
  for (const d of diagnostics) {
    const suggestion = DID_YOU_MEAN.exec(d.message)?.[1];
    if (suggestion) out.push(replaceFix(doc, d, suggestion));
    if (d.code === 'dangling-ref') out.push(...createEntityFixes(doc, d, host));
    if (d.code === 'missing-required') {
      const fix = addRequiredFix(doc, d, host);
      if (fix) out.push(fix);
    }
  }
  return out;
}

function replaceFix(doc: LanguageDocument, d: Diagnostic, value: string): QuickFix {
  const title = d.code === 'invalid-tag' ? `Change tag to "${value}"` : `Change to "${value}"`;
  return { title, diagnostic: d, edits: { [doc.file]: [{ range: innerRange(outlineOf(doc), d.range), newText: value }] }, isPreferred: true };
}

function innerRange(outline: FileOutline, range: Range): Range {
  const line = outline.lines[range.start.line] ?? '';
  const first = line[range.start.character];
  const quoted = (first === '"' || first === "'") && range.start.line === range.end.line && line[range.end.character - 1] === first;
  return quoted ? { start: { ...range.start, character: range.start.character + 1 }, end: { ...range.end, character: range.end.character - 1 } } : range;
}

/** "Create Group "x"" in this file, and in the file holding most entities of that kind. */
function createEntityFixes(doc: LanguageDocument, d: Diagnostic, host: LanguageHost): QuickFix[] {
  const ref = refAtPosition(doc, d.range.start);
  if (!ref) return [];
  const target = splitRef(ref.targetRef);
  const kind = Object.keys(BUILTIN_KINDS).find(k => k.toLowerCase() === target.kind);
  if (!kind || kind === 'Template' || kind === 'Location') return [];
  const document = documentAtLine(outlineOf(doc), d.range.start.line)!;
  const text = skeleton(kind, target.name, target.namespace, ownerFor(document, host, target.namespace));
  const files = [doc.file];
  const home = homeFileOf(kind, host);
  if (home && home !== doc.file) files.push(home);
  return files.map((file, i) => ({
    title: `Create ${kind} "${target.name}" in ${i === 0 ? 'this file' : host.displayPath?.(file) ?? file}`,
    diagnostic: d,
    edits: { [file]: [appendDocument(file === doc.file ? doc.text : host.readText(file) ?? '', text)] },
  }));
}

/** The file holding the most entities of a kind: where people keep them. */
function homeFileOf(kind: string, host: LanguageHost): string | undefined {
  const counts = new Map<string, number>();
  for (const e of host.index.byKind(kind)) counts.set(e.file, (counts.get(e.file) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** The owner a new entity gets: the referring entity's, else the first Group in the catalog. */
function ownerFor(document: DocumentOutline, host: LanguageHost, namespace: string): string {
  const written = document.entries.find(e => samePath(e.path, ['spec', 'owner']))?.value;
  if (written) return written;
  const group = host.index.byKind('Group')[0];
  if (!group) return 'unknown';
  return formatRefForField({ kind: 'Group', namespace: group.entity.metadata.namespace || DEFAULT_NAMESPACE, name: group.entity.metadata.name }, { defaultKind: 'Group', defaultNamespace: namespace });
}

/** A new descriptor of `kind` with its required fields filled with sensible values. */
export function skeleton(kind: string, name: string, namespace: string, owner: string): string {
  const lines = [`apiVersion: ${BUILTIN_KINDS[kind]?.[0] ?? 'backstage.io/v1alpha1'}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`];
  if (namespace && namespace !== DEFAULT_NAMESPACE) lines.push(`  namespace: ${namespace}`);
  lines.push('spec:');
  for (const p of propertiesAt(kind, ['spec']).filter(p => p.required)) lines.push(...fieldLines(kind, p.name, owner, name, '  '));
  return lines.join('\n') + '\n';
}

/** `field: value` lines for a required spec field. */
function fieldLines(kind: string, field: string, owner: string, name: string, indent: string): string[] {
  if (field === 'owner') return [`${indent}owner: ${owner}`];
  if (field === 'children' || field === 'memberOf' || field === 'steps') return [`${indent}${field}: []`];
  if (field === 'definition') {
    return [`${indent}definition: |`, `${indent}  openapi: 3.0.3`, `${indent}  info:`, `${indent}    title: ${name}`, `${indent}    version: 0.1.0`, `${indent}  paths: {}`];
  }
  const value = valuesAt(kind, ['spec', field])[0] ?? (field === 'type' ? 'other' : 'TODO');
  return [`${indent}${field}: ${value}`];
}

function appendDocument(text: string, document: string): TextEdit {
  const lines = text.split(/\r?\n/);
  const last = lines.length - 1;
  const end = { line: last, character: lines[last].length };
  const lead = text === '' ? '' : text.endsWith('\n') ? '---\n' : '\n---\n';
  return { range: { start: end, end }, newText: lead + document };
}

/** Adds every required field the document lacks, under the keys they belong to. */
function addRequiredFix(doc: LanguageDocument, d: Diagnostic, host: LanguageHost): QuickFix | undefined {
  const outline = outlineOf(doc);
  const document = documentAtLine(outline, d.range.start.line);
  const header = document && headerOf(document);
  if (!document || !header?.kind || !(header.kind in BUILTIN_KINDS)) return undefined;
  const owner = ownerFor(document, host, header.namespace);
  const edits: TextEdit[] = [];
  for (const parent of [['metadata'], ['spec']] as JsonPath[]) {
    const missing = propertiesAt(header.kind, parent).filter(p => p.required && !hasKey(document, [...parent, p.name]));
    if (missing.length === 0) continue;
    const lines = missing.flatMap(p => (parent[0] === 'spec' ? fieldLines(header.kind!, p.name, owner, header.name ?? 'new', '') : [`${p.name}: ${header.name ?? 'new'}`]));
    edits.push(insertUnder(outline, document, parent, lines));
  }
  if (edits.length === 0) return undefined;
  return { title: 'Add the missing required fields', diagnostic: d, edits: { [doc.file]: edits }, isPreferred: true };
}

function hasKey(doc: DocumentOutline, path: JsonPath): boolean {
  return doc.entries.some(e => samePath(e.path, path));
}

/** Inserts lines as children of `parent` (after its last child), creating the parent key if needed. */
function insertUnder(outline: FileOutline, doc: DocumentOutline, parent: JsonPath, lines: string[]): TextEdit {
  const parentEntry = doc.entries.find(e => samePath(e.path, parent));
  const children = doc.entries.filter(e => e.path.length > parent.length && startsWithPath(e.path, parent));
  const indent = children.length > 0 ? children[0].keyRange?.start.character ?? 2 : 2;
  const body = lines.map(l => ' '.repeat(indent) + l).join('\n');
  if (!parentEntry) {
    const at = lastContentLine(outline, doc.startLine, doc.endLine) + 1;
    return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${parent[0]}:\n${body}\n` };
  }
  const next = doc.entries.find(e => e.line > parentEntry.line && !startsWithPath(e.path, parent));
  const at = lastContentLine(outline, parentEntry.line, next?.line ?? doc.endLine) + 1;
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${body}\n` };
}

function lastContentLine(outline: FileOutline, from: number, to: number): number {
  let last = from;
  for (let i = from; i < to && i < outline.lines.length; i++) {
    const t = outline.lines[i].trim();
    if (t !== '' && !t.startsWith('#') && !/^---(\s|$)/.test(t)) last = i;
  }
  return last;
}
