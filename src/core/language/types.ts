import { Range } from '../diagnostics';
import { FileSystemHost } from '../host';
import { CatalogIndex } from '../index/catalogIndex';
import { DEFAULT_NAMESPACE } from '../model/entity';
import { DocumentOutline, FileOutline, outlineFile, scalarAt } from './outline';

// The language features are pure functions over a document and a host: the
// server hands them its index and file access, the tests an in-memory catalog.

/** A catalog file as the editor has it (unsaved text included). */
export interface LanguageDocument {
  /** Absolute path of the file. */
  file: string;
  text: string;
  /** The outline of `text`, when the caller keeps one per version. */
  outline?: FileOutline;
}

/** What the language features read besides the document. */
export interface LanguageHost {
  index: CatalogIndex;
  /** Text of a file: the editor's unsaved text when open, else the disk's. */
  readText(file: string): string | undefined;
  /** Folder listings and file checks, for paths in `dir:`, `$text` and Location targets. */
  fs?: FileSystemHost;
  /** A link to a file and zero-based line, for hovers (a `file://` URI in editors). */
  linkTo?(file: string, line: number): string;
  /** How a file is named to people (relative to the workspace). */
  displayPath?(file: string): string;
}

/** A text change in one file. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Changes across files, by absolute path. */
export type WorkspaceEdits = Record<string, TextEdit[]>;

/** A place in a file. */
export interface FileLocation {
  file: string;
  range: Range;
}

/** The outline of a document, computed once per document object. */
export function outlineOf(doc: LanguageDocument): FileOutline {
  return (doc.outline ??= outlineFile(doc.text));
}

/** Identity fields of the entity a document outline describes (as written, possibly half-typed). */
export interface EntityHeader {
  kind?: string;
  apiVersion?: string;
  name?: string;
  namespace: string;
}

/** Reads kind, apiVersion, name and namespace from a document outline. */
export function headerOf(doc: DocumentOutline): EntityHeader {
  return {
    kind: scalarAt(doc, ['kind']),
    apiVersion: scalarAt(doc, ['apiVersion']),
    name: scalarAt(doc, ['metadata', 'name']),
    namespace: scalarAt(doc, ['metadata', 'namespace']) || DEFAULT_NAMESPACE,
  };
}
