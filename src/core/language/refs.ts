import { Position, Range } from '../diagnostics';
import { DEFAULT_NAMESPACE, isRecord, JsonPath } from '../model/entity';
import { EntityRefError, parseEntityRef, splitEntityRef, stringifyEntityRef } from '../model/ref';
import { outgoingRefs, RelationField, relationFieldFor } from '../model/relations';
import { isValidObjectName } from '../validate/fieldFormats';
import { ParsedEntity } from '../validate/types';
import { contains, DocumentOutline, documentAtLine, FileOutline, OutlineEntry, outlineFile, samePath } from './outline';
import { FileLocation, headerOf, LanguageDocument, LanguageHost, outlineOf, TextEdit, WorkspaceEdits } from './types';

/** An entity ref (or an entity's own name) under the cursor. */
export interface RefAtPosition {
  /** Canonical ref of the entity it names. */
  targetRef: string;
  /** The ref as written (quotes removed). */
  written: string;
  /** Where it is written, quotes included. */
  range: Range;
  /** The relation field it is written in; undefined for `metadata.name`. */
  field?: RelationField;
  /** True on the entity's own `metadata.name`. */
  declaration: boolean;
}

/** A scalar under the cursor, with its path in the document. */
export interface ScalarAtPosition {
  document: DocumentOutline;
  entry: OutlineEntry;
  path: JsonPath;
  value: string;
  range: Range;
}

/** The scalar value under the cursor (block or flow), if any. */
export function scalarAtPosition(outline: FileOutline, pos: Position): ScalarAtPosition | undefined {
  const document = documentAtLine(outline, pos.line);
  if (!document) return undefined;
  for (const entry of document.entries) {
    if (entry.line !== pos.line) continue;
    if (entry.value !== undefined && entry.valueRange && contains(entry.valueRange, pos)) {
      return { document, entry, path: entry.path, value: entry.value, range: entry.valueRange };
    }
    const i = entry.flowItems?.findIndex(f => contains(f.range, pos)) ?? -1;
    if (i >= 0) return { document, entry, path: [...entry.path, i], value: entry.flowItems![i].value, range: entry.flowItems![i].range };
  }
  return undefined;
}

/** The ref (or declared name) under the cursor, parsed in its field's context. */
export function refAtPosition(doc: LanguageDocument, pos: Position): RefAtPosition | undefined {
  const scalar = scalarAtPosition(outlineOf(doc), pos);
  if (!scalar) return undefined;
  const header = headerOf(scalar.document);
  if (!header.kind) return undefined;
  if (samePath(scalar.path, ['metadata', 'name'])) {
    const targetRef = safeCanonical(scalar.value, { defaultKind: header.kind, defaultNamespace: header.namespace });
    return targetRef ? { targetRef, written: scalar.value, range: scalar.range, declaration: true } : undefined;
  }
  const field = refFieldOfPath(header.kind, scalar.path);
  const techdocsEntity = samePath(scalar.path, ['metadata', 'annotations', 'backstage.io/techdocs-entity']);
  if (!field && !techdocsEntity) return undefined;
  const targetRef = safeCanonical(scalar.value, { defaultKind: field?.defaultKind, defaultNamespace: header.namespace });
  return targetRef ? { targetRef, written: scalar.value, range: scalar.range, field, declaration: false } : undefined;
}

/** The relation field holding the value at `path` (`spec.owner`, `spec.providesApis[2]`). */
export function refFieldOfPath(kind: string, path: JsonPath): RelationField | undefined {
  if (path[0] !== 'spec' || path.length < 2 || path.length > 3) return undefined;
  const field = relationFieldFor(kind, String(path[1]));
  if (!field) return undefined;
  if (path.length === 3) return field.many && typeof path[2] === 'number' ? field : undefined;
  return field;
}

function safeCanonical(text: string, context: { defaultKind?: string; defaultNamespace?: string }): string | undefined {
  if (!context.defaultKind && !text.includes(':')) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(text, context));
  } catch (e) {
    if (e instanceof EntityRefError) return undefined;
    throw e;
  }
}

/** Markdown card of an entity: kind, title, ref, description, owner, lifecycle, type, file. */
export function entityCard(entity: ParsedEntity, host: LanguageHost): string {
  const e = entity.entity;
  const title = typeof e.metadata.title === 'string' ? e.metadata.title : e.metadata.name;
  const lines = [`**${escapeMarkdown(title)}** · ${e.kind} \`${entity.ref}\``];
  if (typeof e.metadata.description === 'string' && e.metadata.description.trim()) lines.push('', escapeMarkdown(e.metadata.description.trim()));
  const spec = isRecord(e.spec) ? e.spec : {};
  const facts = ['owner', 'lifecycle', 'type', 'system', 'domain']
    .filter(k => typeof spec[k] === 'string' && spec[k])
    .map(k => `${k} \`${String(spec[k])}\``);
  if (facts.length > 0) lines.push('', facts.join(' · '));
  lines.push('', `Defined in ${fileLink(host, entity.file, entity.range.start.line)}`);
  return lines.join('\n');
}

function fileLink(host: LanguageHost, file: string, line: number): string {
  const shown = `${host.displayPath?.(file) ?? file}:${line + 1}`;
  const target = host.linkTo?.(file, line);
  return target ? `[${escapeMarkdown(shown)}](${target})` : `\`${shown}\``;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** Where an entity's `metadata.name` is written (its document's first line when not found). */
export function declarationOf(entity: ParsedEntity, host: LanguageHost): FileLocation {
  const text = host.readText(entity.file);
  const doc = text === undefined ? undefined : outlineFile(text).documents[entity.documentIndex];
  const entry = doc?.entries.find(e => samePath(e.path, ['metadata', 'name']) && e.valueRange);
  return { file: entity.file, range: entry?.valueRange ?? { start: entity.range.start, end: entity.range.start } };
}

/** Go to definition: the file and line of the entity a ref names. */
export function definition(doc: LanguageDocument, pos: Position, host: LanguageHost): FileLocation[] {
  const ref = refAtPosition(doc, pos);
  if (!ref || ref.declaration) return [];
  const target = host.index.get(ref.targetRef);
  return target ? [declarationOf(target, host)] : [];
}

/** One written ref to an entity, located in its file. */
export interface RefOccurrence extends FileLocation {
  written: string;
  /** The entity that writes it. */
  from: ParsedEntity;
}

/** Every ref to `targetRef` written anywhere in the catalog. */
export function refOccurrences(targetRef: string, host: LanguageHost): RefOccurrence[] {
  const sources = new Set(host.index.relationsOf(targetRef).map(r => r.targetRef));
  const out: RefOccurrence[] = [];
  const outlines = new Map<string, FileOutline | undefined>();
  for (const source of sources) {
    for (const from of host.index.definitionsOf(source)) {
      for (const ref of outgoingRefs(from.entity)) {
        if (ref.targetRef !== targetRef) continue;
        if (!outlines.has(from.file)) outlines.set(from.file, readOutline(from.file, host));
        const range = locateValue(outlines.get(from.file), from.documentIndex, ref.path);
        if (range) out.push({ file: from.file, range, written: ref.written, from });
      }
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line));
}

function readOutline(file: string, host: LanguageHost): FileOutline | undefined {
  const text = host.readText(file);
  return text === undefined ? undefined : outlineFile(text);
}

/** The range of the scalar at `path` of a document: a block line or a flow item. */
export function locateValue(outline: FileOutline | undefined, documentIndex: number, path: JsonPath): Range | undefined {
  const doc = outline?.documents[documentIndex];
  if (!doc) return undefined;
  const direct = doc.entries.find(e => e.valueRange && samePath(e.path, path));
  if (direct) return direct.valueRange;
  const last = path[path.length - 1];
  if (typeof last !== 'number') return undefined;
  const parent = doc.entries.find(e => e.flowItems && samePath(e.path, path.slice(0, -1)));
  return parent?.flowItems?.[last]?.range;
}

/** Find references: every ref to the entity under the cursor (a ref or its `metadata.name`). */
export function references(doc: LanguageDocument, pos: Position, host: LanguageHost, includeDeclaration: boolean): FileLocation[] {
  const ref = refAtPosition(doc, pos);
  if (!ref) return [];
  const out: FileLocation[] = refOccurrences(ref.targetRef, host).map(o => ({ file: o.file, range: o.range }));
  const target = host.index.get(ref.targetRef);
  if (includeDeclaration && target) out.unshift(declarationOf(target, host));
  return out;
}

/** What a rename at a position would rename, or why it cannot. */
export function prepareRename(doc: LanguageDocument, pos: Position, host: LanguageHost): { range: Range; placeholder: string } | { error: string } | undefined {
  const ref = refAtPosition(doc, pos);
  if (!ref) return undefined;
  const target = host.index.get(ref.targetRef);
  if (!target) return { error: `${ref.written} is not in the catalog: there is nothing to rename` };
  return { range: innerRange(doc.text, ref.range), placeholder: target.entity.metadata.name };
}

/**
 * Renames an entity: its `metadata.name` and every ref to it across the
 * catalog, each keeping the kind and namespace it was written with.
 */
export function rename(doc: LanguageDocument, pos: Position, newName: string, host: LanguageHost): WorkspaceEdits | { error: string } {
  if (!isValidObjectName(newName)) return { error: `"${newName}" is not a valid entity name: 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit` };
  const ref = refAtPosition(doc, pos);
  const target = ref && host.index.get(ref.targetRef);
  if (!ref || !target) return { error: 'Rename works on an entity\'s metadata.name or on a ref to an entity in the catalog' };
  const taken = stringifyEntityRef({ kind: target.entity.kind, namespace: target.entity.metadata.namespace || DEFAULT_NAMESPACE, name: newName });
  if (taken !== target.ref && host.index.has(taken)) return { error: `${taken} already exists` };
  const edits: WorkspaceEdits = {};
  const add = (file: string, edit: TextEdit) => (edits[file] ??= []).push(edit);
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => (texts.has(file) ? texts.get(file) : texts.set(file, host.readText(file)).get(file));
  const declaration = declarationOf(target, host);
  add(declaration.file, { range: innerRange(textOf(declaration.file) ?? '', declaration.range), newText: newName });
  for (const o of refOccurrences(target.ref, host)) {
    add(o.file, { range: innerRange(textOf(o.file) ?? '', o.range), newText: renamedRef(o.written, newName) });
  }
  return edits;
}

/** A ref with its name replaced, its kind and namespace kept as written. */
export function renamedRef(written: string, newName: string): string {
  try {
    const parts = splitEntityRef(written);
    return `${parts.kind ? `${parts.kind}:` : ''}${parts.namespace ? `${parts.namespace}/` : ''}${newName}`;
  } catch {
    return newName;
  }
}

/** A scalar's range without its quotes. */
function innerRange(text: string, range: Range): Range {
  const line = text.split(/\r?\n/)[range.start.line] ?? '';
  const first = line[range.start.character];
  if ((first === '"' || first === "'") && line[range.end.character - 1] === first && range.end.character - range.start.character >= 2) {
    return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
  }
  return range;
}
