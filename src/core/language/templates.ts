import { compareDiagnostics, Diagnostic, Position, Range } from '../diagnostics';
import { JsonPath } from '../model/entity';
import type { CompletionEntry, CompletionRequest, CompletionResult } from './complete';
import { documentAtLine, DocumentOutline, FileOutline, keysUnder, lineRange, samePath, scalarAt, startsWithPath } from './outline';
import { actionById, BUILTIN_ACTION_IDS, SCAFFOLDER_ACTIONS } from './scaffolderActions';
import { headerOf, LanguageDocument, outlineOf } from './types';

// Software Templates (scaffolder.backstage.io/v1beta3): action ids and inputs,
// and the `${{ parameters.x }}` / `${{ steps.id.output.y }}` expressions that
// tie the form, the steps and the output together.

/** Roots of the expression context while steps run (format §7.2). */
const CONTEXT_ROOTS: Record<string, string> = {
  parameters: 'The values the form collected.',
  steps: 'Outputs of earlier steps: `steps.<id>.output.<name>`.',
  user: 'The user running the template: `user.entity`, `user.ref`.',
  secrets: 'Secrets passed with the task (only inside step `input` and `each`).',
  environment: '`environment.parameters` and `environment.secrets` from app-config scaffolder.defaultEnvironment.',
  context: '`context.task.id`: the task being run.',
  each: 'The current item inside a step with `each`: `each.key`, `each.value`.',
};

/** Completion of template-specific places: action ids and action inputs. */
export function templateCompletion(r: CompletionRequest): CompletionResult | undefined {
  if (r.header.kind !== 'Template') return undefined;
  const path = r.ctx.path;
  if (path.length === 4 && path[0] === 'spec' && path[1] === 'steps' && path[3] === 'action' && r.ctx.mode === 'value') {
    return { items: SCAFFOLDER_ACTIONS.map((a, i) => actionItem(r, a.id, i)), isIncomplete: false };
  }
  if (r.ctx.mode === 'key' && path.length === 4 && path[0] === 'spec' && path[1] === 'steps' && path[3] === 'input') {
    return inputKeys(r, path);
  }
  return undefined;
}

function actionItem(r: CompletionRequest, id: string, order: number): CompletionEntry {
  const action = actionById(id)!;
  return {
    label: id,
    kind: 'function',
    detail: BUILTIN_ACTION_IDS.has(id) ? 'built-in action' : action.module,
    documentation: action.description,
    insertText: r.ctx.lead + id,
    range: r.ctx.range,
    sortText: String(order).padStart(5, '0'),
    filterText: id,
  };
}

function inputKeys(r: CompletionRequest, inputPath: JsonPath): CompletionResult | undefined {
  const action = actionById(scalarAt(r.ctx.document, [...inputPath.slice(0, 3), 'action']) ?? '');
  if (!action) return undefined;
  const existing = new Set(keysUnder(r.ctx.document, inputPath, r.ctx.range.start.line));
  const inputs = action.inputs.filter(i => !existing.has(i.name));
  const ordered = [...inputs.filter(i => i.required), ...inputs.filter(i => !i.required)];
  const items = ordered.map((input, i): CompletionEntry => ({
    label: input.name,
    kind: 'property',
    detail: input.required ? `required by ${action.id}` : action.id,
    documentation: input.description,
    insertText: `${input.name}: $0`,
    snippet: true,
    range: r.ctx.range,
    sortText: `${input.required ? 0 : 1}${String(i).padStart(5, '0')}`,
  }));
  return { items, isIncomplete: false };
}

/** Completion inside an open `${{ ... ` on the cursor's line: context roots, parameters, step ids and outputs. */
export function templateExpressionCompletion(outline: FileOutline, pos: Position): CompletionResult | undefined {
  const line = outline.lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const open = before.lastIndexOf('${{');
  if (open === -1 || before.indexOf('}}', open) !== -1) return undefined;
  const document = documentAtLine(outline, pos.line);
  if (!document || headerOf(document).kind !== 'Template') return undefined;
  const chain = /([A-Za-z_$][\w$-]*(?:\.[\w$-]*)*)$/.exec(before.slice(open + 3))?.[1] ?? '';
  const segments = chain.split('.');
  const partial = segments[segments.length - 1];
  const start = pos.character - partial.length;
  let end = pos.character;
  while (end < line.length && /[\w$-]/.test(line[end])) end++;
  const range = lineRange(pos.line, start, end);
  const names = expressionNames(document, segments.slice(0, -1));
  const items = names.map(([name, detail], i): CompletionEntry => ({ label: name, kind: 'variable', detail, range, sortText: String(i).padStart(5, '0') }));
  return { items, isIncomplete: false };
}

/** What may follow a dotted prefix in an expression. */
function expressionNames(doc: DocumentOutline, prefix: string[]): [string, string][] {
  if (prefix.length === 0) return Object.entries(CONTEXT_ROOTS);
  if (samePath(prefix, ['parameters'])) return parameterNames(doc).map(p => [p, 'parameter']);
  if (samePath(prefix, ['steps'])) return stepsOf(doc).map(s => [s.id, s.action ? `step running ${s.action}` : 'step']);
  if (prefix[0] === 'steps' && prefix.length === 2) return [['output', 'what the step produced']];
  if (prefix[0] === 'steps' && prefix.length === 3 && prefix[2] === 'output') {
    const step = stepsOf(doc).find(s => s.id === prefix[1]);
    return (actionById(step?.action ?? '')?.outputs ?? []).map(o => [o, `output of ${step?.action}`]);
  }
  if (samePath(prefix, ['user'])) return [['entity', 'the User entity'], ['ref', 'the user\'s entity ref']];
  if (samePath(prefix, ['each'])) return [['key', 'key or index of the item'], ['value', 'the item']];
  return [];
}

/** A step of a template as written. */
interface StepInfo {
  index: number;
  /** The written id, or the default `step-<n>`. */
  id: string;
  action?: string;
  /** First line of the step. */
  line: number;
  /** First line after the step. */
  end: number;
}

function stepsOf(doc: DocumentOutline): StepInfo[] {
  const steps = new Map<number, StepInfo>();
  for (const e of doc.entries) {
    if (e.path.length < 3 || e.path[0] !== 'spec' || e.path[1] !== 'steps' || typeof e.path[2] !== 'number') continue;
    const index = e.path[2];
    const step = steps.get(index) ?? { index, id: `step-${index + 1}`, line: e.line, end: doc.endLine };
    if (e.path.length === 4 && e.path[3] === 'id' && e.value) step.id = e.value;
    if (e.path.length === 4 && e.path[3] === 'action' && e.value) step.action = e.value;
    steps.set(index, step);
  }
  const list = [...steps.values()].sort((a, b) => a.index - b.index);
  for (const step of list) {
    const after = doc.entries.find(e => e.line > step.line && !startsWithPath(e.path, ['spec', 'steps', step.index]));
    step.end = after?.line ?? doc.endLine;
  }
  return list;
}

/** Names of the form's fields: every key under a `properties` inside `spec.parameters`. */
function parameterNames(doc: DocumentOutline): string[] {
  const names = new Set<string>();
  for (const e of doc.entries) {
    if (e.key !== undefined && e.path[0] === 'spec' && e.path[1] === 'parameters' && e.path[e.path.length - 2] === 'properties') names.add(e.key);
  }
  return [...names];
}

/**
 * Template checks the scaffolder applies when a task runs: unknown inputs of
 * built-in actions (an error there), missing required inputs, and expressions
 * naming parameters or steps that do not exist (or run later).
 */
export function templateDiagnostics(doc: LanguageDocument): Diagnostic[] {
  const outline = outlineOf(doc);
  const out: Diagnostic[] = [];
  for (const document of outline.documents) {
    if (headerOf(document).kind !== 'Template') continue;
    const steps = stepsOf(document);
    out.push(...stepDiagnostics(doc.file, document, steps));
    out.push(...expressionDiagnostics(doc.file, outline, document, steps));
  }
  return out.sort(compareDiagnostics);
}

function stepDiagnostics(file: string, doc: DocumentOutline, steps: StepInfo[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const step of steps) {
    const action = actionById(step.action ?? '');
    const actionEntry = doc.entries.find(e => samePath(e.path, ['spec', 'steps', step.index, 'action']));
    if (!action) {
      if (step.action && actionEntry?.valueRange && !step.action.includes('${{')) {
        out.push(diag(file, actionEntry.valueRange, 'info', 'template-unknown-action', `"${step.action}" is not a built-in scaffolder action: the backend must register it (through a module) or the task fails`));
      }
      continue;
    }
    const inputPath = ['spec', 'steps', step.index, 'input'];
    const written = doc.entries.filter(e => e.key !== undefined && e.path.length === 5 && samePath(e.path.slice(0, 4), inputPath));
    const known = new Set(action.inputs.map(i => i.name));
    for (const e of written) {
      if (action.closed && !known.has(e.key!) && e.keyRange) {
        out.push(diag(file, e.keyRange, 'error', 'template-unknown-input', `Unknown input "${e.key}" for ${action.id}: the scaffolder rejects the step (instance is not allowed to have the additional property "${e.key}"). Inputs: ${[...known].join(', ')}`));
      }
    }
    const missing = action.inputs.filter(i => i.required && !written.some(e => e.key === i.name));
    const at = doc.entries.find(e => samePath(e.path, inputPath))?.keyRange ?? actionEntry?.keyRange;
    if (missing.length > 0 && at && !hasPlaceholderInput(doc, inputPath)) {
      out.push(diag(file, at, 'error', 'template-missing-input', `${action.id} needs input ${missing.map(m => `"${m.name}"`).join(', ')}`));
    }
  }
  return out;
}

/** `input: ${{ parameters.x }}` or a placeholder: the keys are not visible here. */
function hasPlaceholderInput(doc: DocumentOutline, inputPath: JsonPath): boolean {
  const entry = doc.entries.find(e => samePath(e.path, inputPath));
  return entry?.value !== undefined;
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const PARAMETER_REF = /(?<![\w$.])parameters\.([A-Za-z_$][\w$-]*)/g;
const STEP_REF = /(?<![\w$.])steps(?:\.([A-Za-z_$][\w$-]*)|\[\s*['"]([^'"]+)['"]\s*\])(?:\.output\.([A-Za-z_$][\w$]*))?/g;

function expressionDiagnostics(file: string, outline: FileOutline, doc: DocumentOutline, steps: StepInfo[]): Diagnostic[] {
  const params = new Set(parameterNames(doc));
  const checkParams = params.size > 0 || !doc.entries.some(e => samePath(e.path, ['spec', 'parameters']));
  const out: Diagnostic[] = [];
  for (let line = doc.startLine; line < doc.endLine; line++) {
    const text = outline.lines[line];
    if (!text.includes('${{')) continue;
    const inStep = steps.find(s => s.line <= line && line < s.end);
    for (const m of text.matchAll(EXPRESSION)) {
      const offset = (m.index ?? 0) + 3;
      if (checkParams) out.push(...parameterIssues(file, line, offset, m[1], params));
      out.push(...stepIssues(file, line, offset, m[1], steps, inStep));
    }
  }
  return out;
}

function parameterIssues(file: string, line: number, offset: number, expr: string, params: Set<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of expr.matchAll(PARAMETER_REF)) {
    if (params.has(m[1])) continue;
    const start = offset + (m.index ?? 0);
    out.push(diag(file, lineRange(line, start, start + m[0].length), 'warning', 'template-unknown-parameter', `The form has no parameter "${m[1]}": this renders as undefined`));
  }
  return out;
}

function stepIssues(file: string, line: number, offset: number, expr: string, steps: StepInfo[], inStep: StepInfo | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of expr.matchAll(STEP_REF)) {
    const id = m[1] ?? m[2];
    const range = lineRange(line, offset + (m.index ?? 0), offset + (m.index ?? 0) + m[0].length);
    const step = steps.find(s => s.id === id);
    if (!step) {
      out.push(diag(file, range, 'warning', 'template-unknown-step', `No step has id "${id}"${steps.length ? ` (steps: ${steps.map(s => s.id).join(', ')})` : ''}`));
    } else if (inStep && step.index >= inStep.index) {
      out.push(diag(file, range, 'warning', 'template-step-order', `Step "${id}" has not run yet here: its output is undefined`));
    } else if (m[3] && action(step)?.closed && !action(step)!.outputs.includes(m[3])) {
      const outputs = action(step)!.outputs;
      out.push(diag(file, range, 'warning', 'template-unknown-output', `${step.action} has no output "${m[3]}"${outputs.length ? ` (outputs: ${outputs.join(', ')})` : ' (it has no outputs)'}`));
    }
  }
  return out;
}

function action(step: StepInfo) {
  return actionById(step.action ?? '');
}

function diag(file: string, range: Range, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  return { file, range, severity, code, message };
}

/** Hover text of a step input key: what the input does. */
export function inputDocumentation(doc: DocumentOutline, path: JsonPath): string | undefined {
  if (path.length !== 5 || path[0] !== 'spec' || path[1] !== 'steps' || path[3] !== 'input') return undefined;
  const action = actionById(scalarAt(doc, ['spec', 'steps', path[2], 'action']) ?? '');
  const input = action?.inputs.find(i => i.name === path[4]);
  return input && action ? `**${input.name}** (${action.id}${input.required ? ', required' : ''})\n\n${input.description}` : undefined;
}
