import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { parseAllDocuments } from 'yaml';
import { isRecord, JsonPath } from '../model/entity';
import { Issue, ValidateOptions } from './types';

const RESOLVERS = new Set(['$text', '$json', '$yaml']);

/**
 * The `{ $text | $json | $yaml: "<target>" }` objects Backstage substitutes
 * (format §6.3): exactly one key, a known resolver and a string target.
 * Anything else with a `$` key (JSON Schema's `$ref`, several keys) is left alone.
 */
export function asPlaceholder(value: unknown): { resolver: string; target: string } | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !RESOLVERS.has(keys[0])) return undefined;
  const target = value[keys[0]];
  return typeof target === 'string' ? { resolver: keys[0], target } : undefined;
}

/** True when the catalog's placeholder pass stops at this object and leaves it as it is. */
function leftAlone(value: Record<string, unknown>): boolean {
  return Object.keys(value).some(k => k.startsWith('$'));
}

/**
 * Returns a copy of the entity with placeholders replaced by what they resolve
 * to, and the problems Backstage would reject the entity for. The walk is the
 * catalog's: objects holding any `$` key are not looked into.
 */
export function resolvePlaceholders(entity: Record<string, unknown>, file: string, options: ValidateOptions): { value: Record<string, unknown>; issues: Issue[] } {
  if (!containsPlaceholder(entity)) return { value: entity, issues: [] };
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
    if (isRecord(node) && !leftAlone(node)) {
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

/** A cheap search that spares the copying walk for the many entities without placeholders. */
function containsPlaceholder(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some(containsPlaceholder);
  if (asPlaceholder(node)) return true;
  if (leftAlone(node as Record<string, unknown>)) return false;
  for (const key in node) if (containsPlaceholder((node as Record<string, unknown>)[key])) return true;
  return false;
}

type Target = { url: string } | { file: string } | { refused: string };

/** Resolves a target as the catalog's resolveUrl does: relative to the entity file itself. */
function resolveTarget(target: string, file: string): Target {
  let absolute: URL | undefined;
  try {
    absolute = new URL(target);
  } catch {
    absolute = undefined;
  }
  if (absolute) {
    return absolute.protocol === 'http:' || absolute.protocol === 'https:'
      ? { url: absolute.href }
      : { refused: `Reading from "${target}" is not allowed: the catalog reads placeholder targets over http(s) or from the entity's repository` };
  }
  const relative = target.startsWith('/') ? `.${target}` : target;
  return { file: fileURLToPath(new URL(relative, pathToFileURL(path.resolve(file)))) };
}

function resolveOne(resolver: string, target: string, at: JsonPath, file: string, options: ValidateOptions, issues: Issue[]): unknown {
  // A failed placeholder is one problem: it stands in with a value of the type it
  // would give (text for $text, a document for $json/$yaml), so the schema does
  // not report the same field again.
  const fail = (code: string, message: string) => {
    issues.push({ path: [...at, resolver], part: 'value', severity: 'error', code, message });
    return resolver === '$text' ? target || '?' : {};
  };
  const resolved = resolveTarget(target, file);
  if ('refused' in resolved) return fail('placeholder-unsupported-url', `Placeholder ${resolver}: ${resolved.refused}`);
  // URL targets are accepted unread: a remote document is taken to be an object.
  if ('url' in resolved) return resolver === '$text' ? target : {};
  if (options.fileExists && !options.fileExists(resolved.file)) {
    return fail('placeholder-target-not-found', `Placeholder ${resolver} target "${target}" does not exist (resolved to ${resolved.file})`);
  }
  const text = options.readText?.(resolved.file);
  if (resolver === '$text') return text ?? target;
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
