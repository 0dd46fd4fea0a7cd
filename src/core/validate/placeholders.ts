import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { isRecord, JsonPath } from '../model/entity';
import { Issue, ValidateOptions } from './types';

const RESOLVERS = new Set(['$text', '$json', '$yaml']);

/** A placeholder `{ $text | $json | $yaml: target }` found in an entity. */
export interface Placeholder {
  path: JsonPath;
  resolver: string;
  target: unknown;
}

/** True for the single-key `$text`/`$json`/`$yaml` objects Backstage substitutes (format §6.3). */
export function asPlaceholder(value: unknown): { resolver: string; target: unknown } | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !RESOLVERS.has(keys[0])) return undefined;
  return { resolver: keys[0], target: value[keys[0]] };
}

function isUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}

/**
 * Returns a copy of the entity with placeholders replaced by what they resolve
 * to, and the problems Backstage would reject the entity for. Relative targets
 * are read from the entity file's folder; URL targets are accepted unread.
 */
export function resolvePlaceholders(entity: Record<string, unknown>, file: string, options: ValidateOptions): { value: Record<string, unknown>; issues: Issue[] } {
  const issues: Issue[] = [];
  const walk = (node: unknown, at: JsonPath): unknown => {
    const placeholder = asPlaceholder(node);
    if (placeholder) return resolveOne(placeholder.resolver, placeholder.target, at, file, options, issues);
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      node.forEach((item, i) => {
        const next = walk(item, [...at, i]);
        if (next !== item) (copy ??= node.slice())[i] = next;
      });
      return copy ?? node;
    }
    if (isRecord(node)) {
      let copy: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(node)) {
        const next = walk(item, [...at, key]);
        if (next !== item) (copy ??= { ...node })[key] = next;
      }
      return copy ?? node;
    }
    return node;
  };
  const value = walk(entity, []) as Record<string, unknown>;
  return { value, issues };
}

function resolveOne(resolver: string, target: unknown, at: JsonPath, file: string, options: ValidateOptions, issues: Issue[]): unknown {
  // A failed placeholder is one problem: it stands in with a value of the type it
  // would give (text for $text, a document for $json/$yaml), so the schema does
  // not report the same field again as missing.
  const fail = (code: string, message: string) => {
    issues.push({ path: [...at, resolver], part: 'value', severity: 'error', code, message });
    return resolver === '$text' ? String(target) || '?' : {};
  };
  if (typeof target !== 'string') return fail('placeholder-invalid', `Placeholder ${resolver} must be given a string (a URL or a relative path), got ${typeName(target)}`);
  if (isUrl(target)) return resolver === '$text' ? target : {};
  const absolute = path.resolve(path.dirname(file), target);
  if (options.fileExists && !options.fileExists(absolute)) {
    return fail('placeholder-target-not-found', `Placeholder ${resolver} target "${target}" does not exist (resolved to ${absolute})`);
  }
  const text = options.readText?.(absolute);
  if (resolver === '$text') return text ?? '';
  if (text === undefined) return {};
  return resolver === '$json' ? parseJsonTarget(text, target, fail) : parseYamlTarget(text, target, fail);
}

function parseJsonTarget(text: string, target: string, fail: (code: string, message: string) => unknown): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail('placeholder-invalid-json', `Placeholder $json target "${target}" is not valid JSON: ${(e as Error).message}`);
  }
}

function parseYamlTarget(text: string, target: string, fail: (code: string, message: string) => unknown): unknown {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  if (list.length !== 1) return fail('placeholder-invalid-yaml', `Placeholder $yaml target "${target}" must hold exactly one YAML document, found ${list.length}`);
  if (list[0].errors.length > 0) return fail('placeholder-invalid-yaml', `Placeholder $yaml target "${target}" is not valid YAML: ${list[0].errors[0].message.split('\n')[0]}`);
  return list[0].toJSON();
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
