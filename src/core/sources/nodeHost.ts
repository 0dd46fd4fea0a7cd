import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { FileSystemHost } from '../host';

/**
 * FileSystemHost over node:fs. Symbolic links to files count as files; links
 * to folders are reported as 'other' so a walk can never loop through them.
 */
export const nodeFileSystemHost: FileSystemHost = {
  readFile(path) {
    try {
      return fs.readFileSync(path);
    } catch {
      return undefined;
    }
  },
  stat(path) {
    try {
      const s = fs.statSync(path);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : undefined;
    } catch {
      return undefined;
    }
  },
  readDirectory(path) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path, { withFileTypes: true });
    } catch {
      return [];
    }
    return entries.map(e => ({ name: e.name, type: entryType(path, e) }));
  },
};

function entryType(dir: string, entry: fs.Dirent): 'file' | 'directory' | 'other' {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    return fs.statSync(nodePath.join(dir, entry.name)).isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}
