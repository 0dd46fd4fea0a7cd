import { isRecord, JsonPath } from '../model/entity';
import { Issue } from './types';

// Keys the catalog's search flattening skips or always adds itself.
const SPECIAL_KEYS = new Set(['attachments', 'relations', 'status', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.etag']);

type Sink = (key: string, path: () => JsonPath) => void;

/** Walks an entity as the catalog's search flattening does, reporting every dotted key. */
function flatten(entity: Record<string, unknown>, sink: Sink): void {
  const seenSynthetic = new Set<string>();
  const visit = (key: string, path: () => JsonPath, value: unknown): void => {
    if (SPECIAL_KEYS.has(key)) return;
    if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      sink(key, path);
      return;
    }
    if (typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const itemPath = () => [...path(), i];
        visit(key, itemPath, item);
        if (typeof item !== 'string') return;
        const synthetic = `${key}.${item}`;
        const lower = synthetic.toLocaleLowerCase('en-US');
        if (seenSynthetic.has(lower)) return;
        seenSynthetic.add(lower);
        sink(synthetic, itemPath);
      });
      return;
    }
    for (const [k, v] of Object.entries(value)) visit(key ? `${key}.${k}` : k, () => [...path(), k], v);
  };
  visit('', () => [], entity);
  const metadata = isRecord(entity.metadata) ? entity.metadata : {};
  sink('metadata.name', () => ['metadata', 'name']);
  sink('metadata.namespace', () => ['metadata', 'namespace']);
  sink('metadata.uid', () => (metadata.uid === undefined ? ['metadata'] : ['metadata', 'uid']));
}

/**
 * The catalog refuses, when it stitches an entity, keys that differ only in
 * casing (`spec.foo` and `spec.Foo`). Reports each such key.
 */
export function caseConflictIssues(entity: Record<string, unknown>): Issue[] {
  const byLower = new Map<string, string>();
  const conflicts: Issue[] = [];
  const reported = new Set<string>();
  flatten(entity, (key, path) => {
    const lower = key.toLocaleLowerCase('en-US');
    const other = byLower.get(lower);
    if (other === undefined) byLower.set(lower, key);
    else if (other !== key && !reported.has(key)) {
      reported.add(key);
      conflicts.push({
        path: path(),
        part: 'key',
        severity: 'error',
        code: 'duplicate-key-casing',
        message: `Entity has duplicate keys that vary only in casing: "${key}" and "${other}"`,
      });
    }
  });
  return conflicts;
}
