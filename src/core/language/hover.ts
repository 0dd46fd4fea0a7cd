import { Position, Range } from '../diagnostics';
import { WELL_KNOWN_ANNOTATIONS, DEPRECATED_ANNOTATIONS } from '../model/annotations';
import { JsonPath } from '../model/entity';
import { splitRef } from '../index/crossFile';
import { contains, documentAtLine, samePath } from './outline';
import { entityCard, refAtPosition, refFieldOfPath } from './refs';
import { actionById } from './scaffolderActions';
import { describeAt } from './schemaModel';
import { inputDocumentation } from './templates';
import { headerOf, LanguageDocument, LanguageHost, outlineOf } from './types';

/** Markdown to show and the range it is about. */
export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * Hover: on a ref, the target's card (or that it is missing); on a key, the
 * schema's documentation of the field; on an action id, what the action does.
 */
export function hover(doc: LanguageDocument, pos: Position, host: LanguageHost): HoverResult | undefined {
  const ref = refAtPosition(doc, pos);
  if (ref && !ref.declaration) return { markdown: refHover(ref.targetRef, ref.written, host), range: ref.range };
  const outline = outlineOf(doc);
  const document = documentAtLine(outline, pos.line);
  const entry = document?.entries.find(e => e.line === pos.line);
  if (!document || !entry) return undefined;
  const kind = headerOf(document).kind;
  if (entry.keyRange && contains(entry.keyRange, pos)) {
    const text = (kind === 'Template' ? inputDocumentation(document, entry.path) : undefined) ?? fieldDocumentation(kind, entry.path);
    return text ? { markdown: text, range: entry.keyRange } : undefined;
  }
  if (entry.valueRange && contains(entry.valueRange, pos) && kind === 'Template' && isActionPath(entry.path)) {
    const action = actionById(entry.value ?? '');
    if (action) return { markdown: `**${action.id}**\n\n${action.description}${action.module ? `\n\nFrom ${action.module}.` : ''}`, range: entry.valueRange };
  }
  return undefined;
}

function refHover(targetRef: string, written: string, host: LanguageHost): string {
  const target = host.index.get(targetRef);
  if (target) return entityCard(target, host);
  const { kind } = splitRef(targetRef);
  return `**${written}** is not in the catalog (\`${targetRef}\`): no ${kind} with that name was found in the workspace.`;
}

/** The documentation of a key: the schema's description, the annotation's meaning, the ref rules. */
export function fieldDocumentation(kind: string | undefined, path: JsonPath): string | undefined {
  if (path[0] === 'metadata' && path[1] === 'annotations' && path.length === 3) {
    const key = String(path[2]);
    if (key in WELL_KNOWN_ANNOTATIONS) return `**${key}**\n\n${WELL_KNOWN_ANNOTATIONS[key]}`;
    if (key in DEPRECATED_ANNOTATIONS) return `**${key}** (deprecated)\n\n${DEPRECATED_ANNOTATIONS[key]}`;
    return undefined;
  }
  if (kind === 'Template' && path[0] === 'spec' && path[1] === 'steps' && path[3] === 'input' && path.length === 5) return undefined;
  const description = describeAt(kind, path);
  const field = kind ? refFieldOfPath(kind, path) : undefined;
  const refNote = field ? `\n\nEntity ref${field.many ? 's' : ''} to ${(field.targetKinds ?? []).join(' or ')}${field.defaultKind ? `; the kind may be left out for ${field.defaultKind}` : '; the kind must be written'}.` : '';
  if (!description) return undefined;
  return `**${path.filter(s => typeof s === 'string').join('.')}**\n\n${description}${refNote}`;
}

function isActionPath(path: JsonPath): boolean {
  return path.length === 4 && samePath([path[0], path[1], path[3]], ['spec', 'steps', 'action']);
}
