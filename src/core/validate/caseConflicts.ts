import { isRecord, JsonPath } from '../model/entity';
import { Issue } from './types';

// Keys the catalog's search flattening skips or always adds itself.
const SPECIAL_KEYS = new Set(['attachments', 'relations', 'status', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.etag']);
const NO_PATH: JsonPath = [];

/**
 * Every dotted key the catalog's search flattening makes of an entity. Paths
 * are built only when asked for: most entities are checked without them.
 */
function flatten(entity: Record<string, unknown>, withPaths: boolean, sink: (key: string, path: JsonPath) => void): void {
  const seenSynthetic = new Set<string>();
  const child = (path: JsonPath, segment: string | number) => (withPaths ? path.concat(segment) : NO_PATH);
  const visit = (key: string, path: JsonPath, value: unknown): void => {
    if (SPECIAL_KEYS.has(key)) return;
    if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      sink(key, path);
      return;
    }
    if (typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        visit(key, child(path, i), item);
        if (typeof item !== 'string') continue;
        // Backstage adds `<key>.<item>` once per item, de-duplicated regardless of case.
        const synthetic = `${key}.${item}`;
        const low = synthetic.toLowerCase();
        if (seenSynthetic.has(low)) continue;
        seenSynthetic.add(low);
        sink(synthetic, child(path, i));
      }
      return;
    }
    for (const k in value) visit(key ? `${key}.${k}` : k, child(path, k), (value as Record<string, unknown>)[k]);
  };
  visit('', NO_PATH, entity);
  const metadata = isRecord(entity.metadata) ? entity.metadata : {};
  sink('metadata.name', ['metadata', 'name']);
  sink('metadata.namespace', ['metadata', 'namespace']);
  sink('metadata.uid', metadata.uid === undefined ? ['metadata'] : ['metadata', 'uid']);
}

/** Keys that differ only in casing from a key met before, with their paths when asked for. */
function conflicts(entity: Record<string, unknown>, withPaths: boolean): { key: string; other: string; path: JsonPath }[] {
  const byLower = new Map<string, string>();
  const found: { key: string; other: string; path: JsonPath }[] = [];
  const reported = new Set<string>();
  flatten(entity, withPaths, (key, path) => {
    // Backstage lower-cases with the en-US locale, which has no tailoring.
    const low = key.toLowerCase();
    const other = byLower.get(low);
    if (other === undefined) byLower.set(low, key);
    else if (other !== key && !reported.has(key)) {
      reported.add(key);
      found.push({ key, other, path });
    }
  });
  return found;
}

const NOT_LOWER = /[^a-z0-9._/:@ -]/;

/**
 * Two flattened keys that differ only in casing must differ, somewhere, in one
 * dot-separated part spelled two ways; both spellings are then parts of the
 * entity. Without such a pair there is no conflict: a cheap screen that needs
 * no paths and no joined keys.
 */
function mayConflict(entity: Record<string, unknown>): boolean {
  const parts: string[] = ['metadata', 'name', 'namespace', 'uid'];
  const add = (text: string) => {
    if (text.includes('.')) parts.push(...text.split('.'));
    else parts.push(text);
  };
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'string') add(item);
        else walk(item);
      }
      return;
    }
    for (const key in value) {
      add(key);
      walk((value as Record<string, unknown>)[key]);
    }
  };
  walk(entity);
  for (const part of parts) {
    if (!NOT_LOWER.test(part)) continue;
    const lower = part.toLowerCase();
    for (const other of parts) {
      if (other.length === lower.length && other !== part && other.toLowerCase() === lower) return true;
    }
  }
  return false;
}

/**
 * The catalog refuses, when it stitches an entity, keys that differ only in
 * casing (`spec.foo` and `spec.Foo`). Reports each such key.
 */
export function caseConflictIssues(entity: Record<string, unknown>): Issue[] {
  if (!mayConflict(entity) || conflicts(entity, false).length === 0) return [];
  return conflicts(entity, true).map(({ key, other, path }) => ({
    path,
    part: 'key' as const,
    severity: 'error' as const,
    code: 'duplicate-key-casing',
    message: `Entity has duplicate keys that vary only in casing: "${key}" and "${other}"`,
  }));
}
