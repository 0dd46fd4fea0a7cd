/** What core needs from its host to read files. Paths are absolute, '/'-separated or native. */
export interface FileSystemHost {
  /** File contents as bytes, or undefined when it does not exist or cannot be read. */
  readFile(path: string): Uint8Array | undefined;
  /** 'file', 'directory' or undefined when nothing is there. */
  stat(path: string): 'file' | 'directory' | undefined;
  /** Names of entries in a directory (not recursive); [] when unreadable. */
  readDirectory(path: string): { name: string; type: 'file' | 'directory' | 'other' }[];
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
