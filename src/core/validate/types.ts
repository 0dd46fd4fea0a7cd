import { Diagnostic, Range, Severity } from '../diagnostics';
import { Entity, JsonPath } from '../model/entity';

/** A problem found in a value, before it is given a place in a file. */
export interface Issue {
  path: JsonPath;
  /** Point at the key of the last path segment rather than its value. */
  part?: 'key' | 'value';
  severity: Severity;
  code: string;
  message: string;
}

/** An entity read from a file, with where it is. */
export interface ParsedEntity {
  entity: Entity;
  /** Canonical ref `kind:namespace/name` (lower-case). */
  ref: string;
  file: string;
  /** Zero-based index of the YAML document in the file. */
  documentIndex: number;
  /** Range of the whole document (its first line is the entity's line). */
  range: Range;
  /** True when the default catalog would reject the entity. */
  rejected: boolean;
}

/** The outcome of reading one catalog file. */
export interface FileResult {
  file: string;
  entities: ParsedEntity[];
  diagnostics: Diagnostic[];
}

/** Options for validating files. */
export interface ValidateOptions {
  /** Extra kinds declared by organisation schema files (see loadCustomKinds). */
  customKinds?: import('./customKinds').CustomKind[];
  /** Check that relative placeholder targets exist (needs the file system). */
  fileExists?: (absolutePath: string) => boolean;
  /** Read a placeholder target to check the resolved type. */
  readText?: (absolutePath: string) => string | undefined;
  /** Accepts the apiVersions of custom kinds (for recognising catalog files by content). */
  knownApiVersion?: (apiVersion: string) => boolean;
  /** 'fast' (default) reads positions only for files with problems; 'full' always. */
  mode?: 'fast' | 'full';
  /** Files larger than this many bytes are skipped with a warning (default 10 MB). */
  maxFileSize?: number;
}
