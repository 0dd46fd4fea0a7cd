import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { CatalogSnapshot, SNAPSHOT_VERSION } from './catalogIndex';

/**
 * Writes a snapshot as JSON. The file is written beside the target and renamed
 * over it, so a reader in another process never sees half a snapshot.
 */
export function writeSnapshotFile(path: string, snapshot: CatalogSnapshot): void {
  fs.mkdirSync(nodePath.dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(temporary, JSON.stringify(snapshot));
    fs.renameSync(temporary, path);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw e;
  }
}

/** Reads a snapshot; undefined when the file is missing, unreadable, not JSON or of another version. */
export function readSnapshotFile(path: string): CatalogSnapshot | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const snapshot = parsed as Partial<CatalogSnapshot> | null;
  if (!snapshot || snapshot.version !== SNAPSHOT_VERSION || !Array.isArray(snapshot.files)) return undefined;
  return snapshot as CatalogSnapshot;
}
