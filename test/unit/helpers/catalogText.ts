/** Small builders for catalog YAML used across tests. */

export function componentYaml(fields: { name?: string; spec?: string; metadata?: string; kind?: string; apiVersion?: string } = {}): string {
  return [
    `apiVersion: ${fields.apiVersion ?? 'backstage.io/v1alpha1'}`,
    `kind: ${fields.kind ?? 'Component'}`,
    'metadata:',
    `  name: ${fields.name ?? 'checkout'}`,
    ...(fields.metadata ? [fields.metadata.replace(/^/gm, '  ')] : []),
    'spec:',
    (fields.spec ?? 'type: service\nlifecycle: production\nowner: team-a').replace(/^/gm, '  '),
    '',
  ].join('\n');
}

/** Zero-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex(l => l.includes(needle));
  if (line === -1) throw new Error(`"${needle}" is not in the text`);
  return line;
}
