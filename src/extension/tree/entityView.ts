// How an entity shows in lists (the tree, Go to Entity, workspace symbols): its
// icon, label, description and tooltip. Pure: no `vscode` import, so the unit
// tests run it without an editor and every face shows an entity the same way.
import { Entity, DEFAULT_NAMESPACE, isRecord } from '../../core/model/entity';
import { normalizeEntityRef } from '../../core/model/ref';
import { ParsedEntity } from '../../core/validate/types';
import { EntityProblems } from './problems';
// One icon per kind everywhere: the tree, Go to Entity, the entity page and its tab.
import { kindIcon } from '../entityPage/kindIcons';

export { kindIcon };

/** metadata.title when set, else metadata.name. */
export function entityLabel(entity: Entity): string {
  const title = stringField(entity.metadata, 'title');
  return title ?? stringField(entity.metadata, 'name') ?? '(unnamed)';
}

/** `type · lifecycle`, leaving out what the entity does not have. */
export function entityDescription(entity: Entity): string {
  return [specString(entity, 'type'), specString(entity, 'lifecycle')].filter(Boolean).join(' · ');
}

/** A string field of the entity's spec, if it is one. */
export function specString(entity: Entity, field: string): string | undefined {
  return isRecord(entity.spec) ? stringField(entity.spec, field) : undefined;
}

/** The entity's namespace, `default` when unset. */
export function namespaceOf(entity: Entity): string {
  return stringField(entity.metadata, 'namespace') ?? DEFAULT_NAMESPACE;
}

/** Canonical ref of a ref-holding spec field (owner, system, domain) in the entity's namespace. */
export function specRef(entity: Entity, field: string, defaultKind: string): string | undefined {
  const written = specString(entity, field);
  if (!written) return undefined;
  return normalizeEntityRef(written, { defaultKind, defaultNamespace: namespaceOf(entity) });
}

/**
 * A canonical ref the way people write it: the kind left out when it is
 * `defaultKind`, the namespace when it is `default` (Backstage's humanizeEntityRef).
 */
export function humanizeRef(ref: string, defaultKind?: string): string {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  if (colon === -1 || slash === -1) return ref;
  const kind = ref.slice(0, colon);
  const namespace = ref.slice(colon + 1, slash);
  const name = ref.slice(slash + 1);
  const kindPart = defaultKind && defaultKind.toLowerCase() === kind ? '' : `${kind}:`;
  const namespacePart = namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`;
  return `${kindPart}${namespacePart}${name}`;
}

/** Splits a filter text into lower-case terms; every term must match. */
export function filterTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** True when every term occurs in the name, title, ref, type, lifecycle, owner or a tag. */
export function matchesFilter(parsed: ParsedEntity, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = filterHaystack(parsed);
  return terms.every(t => haystack.some(h => h.includes(t)));
}

function filterHaystack(parsed: ParsedEntity): string[] {
  const e = parsed.entity;
  const tags = Array.isArray(e.metadata?.tags) ? e.metadata.tags.filter((t): t is string => typeof t === 'string') : [];
  const fields = [stringField(e.metadata, 'name'), stringField(e.metadata, 'title'), parsed.ref, specString(e, 'type'), specString(e, 'lifecycle'), specString(e, 'owner'), ...tags];
  return fields.filter((f): f is string => !!f).map(f => f.toLowerCase());
}

/** The Markdown tooltip: title, ref, description, owner, system, type, file and problems. */
export function entityTooltip(parsed: ParsedEntity, problems: EntityProblems, displayPath: string): string {
  const e = parsed.entity;
  const lines = [`$(${kindIcon(e.kind)}) **${escapeMarkdown(entityLabel(e))}**  `, `\`${parsed.ref}\``];
  const description = stringField(e.metadata, 'description');
  if (description) lines.push('', escapeMarkdown(description));
  const facts = tooltipFacts(e);
  if (facts.length > 0) lines.push('', facts.join('  \n'));
  lines.push('', `File: ${escapeMarkdown(displayPath)}:${parsed.range.start.line + 1}`);
  if (problems.items.length > 0) lines.push('', ...problemLines(problems));
  return lines.join('\n');
}

function tooltipFacts(e: Entity): string[] {
  const facts: [string, string | undefined][] = [
    ['Owner', specString(e, 'owner')],
    ['System', specString(e, 'system')],
    ['Domain', specString(e, 'domain')],
    ['Type', specString(e, 'type')],
    ['Lifecycle', specString(e, 'lifecycle')],
  ];
  return facts.filter(([, v]) => v).map(([k, v]) => `${k}: ${escapeMarkdown(v as string)}`);
}

const MAX_TOOLTIP_PROBLEMS = 5;

function problemLines(problems: EntityProblems): string[] {
  const shown = problems.items.slice(0, MAX_TOOLTIP_PROBLEMS).map(p => {
    const icon = p.severity === 'error' ? '$(error)' : '$(warning)';
    return `${icon} ${escapeMarkdown(p.message)} (line ${p.line + 1})  `;
  });
  const more = problems.items.length - shown.length;
  return more > 0 ? [...shown, `… and ${more} more`] : shown;
}

/** Escapes Markdown and theme-icon syntax so text from a file renders as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$~]/g, c => `\\${c}`);
}

function stringField(record: unknown, key: string): string | undefined {
  if (!isRecord(record)) return undefined;
  const v = record[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
