import { FileSystemHost } from '../../../src/core/host';

/** An in-memory FileSystemHost: keys are absolute '/'-separated file paths, folders are implied. */
export interface MemoryHost extends FileSystemHost {
  /** Adds or replaces a file. */
  write(path: string, text: string): void;
  /** Deletes a file. */
  remove(path: string): void;
  /** Paths read so far, in order (to check what a walk had to open). */
  readonly reads: string[];
}

/** Builds a MemoryHost from `{ '/repo/catalog-info.yaml': 'text' }`. */
export function memoryHost(files: Record<string, string> = {}): MemoryHost {
  const contents = new Map<string, string>(Object.entries(files));
  const reads: string[] = [];
  const encoder = new TextEncoder();
  const isDirectory = (path: string) => {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    for (const f of contents.keys()) if (f.startsWith(prefix)) return true;
    return false;
  };
  return {
    reads,
    write: (path, text) => void contents.set(path, text),
    remove: path => void contents.delete(path),
    readFile(path) {
      reads.push(path);
      const text = contents.get(path);
      return text === undefined ? undefined : encoder.encode(text);
    },
    stat(path) {
      if (contents.has(path)) return 'file';
      return isDirectory(path) ? 'directory' : undefined;
    },
    readDirectory(path) {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const entries = new Map<string, 'file' | 'directory'>();
      for (const f of contents.keys()) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash === -1) entries.set(rest, 'file');
        else entries.set(rest.slice(0, slash), 'directory');
      }
      return [...entries].map(([name, type]) => ({ name, type }));
    },
  };
}
