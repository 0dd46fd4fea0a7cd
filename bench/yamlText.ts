/** A tiny YAML emitter for generated catalogs: block style, deterministic, fast enough for 100k entities. */

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 ._/@+:-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** Formats a scalar: plain when unambiguous, JSON-quoted otherwise (JSON strings are YAML). */
function scalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  const plain = PLAIN.test(value) && !RESERVED.test(value) && !/^[0-9.+-]/.test(value) && !/: |:$| $/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** Formats a multi-line string as a literal block scalar. */
function block(value: string, indent: string): string {
  const body = value.replace(/\n$/, '').split('\n').map((line) => (line ? indent + line : ''));
  return (value.endsWith('\n') ? '|' : '|-') + '\n' + body.join('\n');
}

/** Emits the lines of a mapping at the given indentation. */
function mapping(value: { [key: string]: Value }, indent: string, out: string[]): void {
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    emitEntry(`${indent}${scalar(key)}:`, item, indent, out);
  }
}

/** Emits one `key:` or `-` entry followed by its value. */
function emitEntry(head: string, item: Value, indent: string, out: string[]): void {
  const inner = indent + '  ';
  if (Array.isArray(item)) {
    if (item.length === 0) out.push(`${head} []`);
    else {
      out.push(head);
      sequence(item, inner, out);
    }
  } else if (item !== null && typeof item === 'object') {
    if (Object.keys(item).length === 0) out.push(`${head} {}`);
    else {
      out.push(head);
      mapping(item, inner, out);
    }
  } else if (typeof item === 'string' && item.includes('\n')) {
    out.push(`${head} ${block(item, inner)}`);
  } else {
    out.push(`${head} ${scalar(item ?? null)}`);
  }
}

/** Emits the lines of a sequence; mappings start on the dash line. */
function sequence(items: Value[], indent: string, out: string[]): void {
  for (const item of items) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      const lines: string[] = [];
      mapping(item, indent + '  ', lines);
      out.push(indent + '- ' + lines[0].slice(indent.length + 2), ...lines.slice(1));
    } else {
      emitEntry(`${indent}-`, item, indent, out);
    }
  }
}

/** Serialises plain objects as one YAML document per object, separated by `---`. */
export function toYamlDocuments(documents: readonly object[]): string {
  const out: string[] = [];
  documents.forEach((document, i) => {
    if (i > 0) out.push('---');
    mapping(document as { [key: string]: Value }, '', out);
  });
  return out.join('\n') + '\n';
}
