import { Diagnostic } from '../core/diagnostics';

/** The `--format json` contract other tools read; keep these names. */
export interface ValidateReport {
  files: number;
  entities: number;
  errors: number;
  warnings: number;
  diagnostics: ReportDiagnostic[];
}

export interface ReportDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  entityRef?: string;
}

/** One-based positions and display paths, as people and tools read them. */
export function toReportDiagnostic(d: Diagnostic, displayPath: (file: string) => string): ReportDiagnostic {
  const out: ReportDiagnostic = {
    file: displayPath(d.file),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
  if (d.entityRef) out.entityRef = d.entityRef;
  return out;
}

export function formatJson(report: ValidateReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `file:line:col  severity  code  message` lines and a summary. */
export function formatText(report: ValidateReport): string {
  const lines = report.diagnostics.map(d => `${d.file}:${d.line}:${d.column}  ${d.severity.padEnd(7)}  ${d.code}  ${d.message}`);
  const infos = report.diagnostics.length - report.errors - report.warnings;
  const counts = [plural(report.errors, 'error'), plural(report.warnings, 'warning')];
  if (infos > 0) counts.push(`${infos} info`);
  const verdict = report.errors > 0 ? 'invalid' : 'valid';
  lines.push(`${lines.length > 0 ? '\n' : ''}${plural(report.files, 'file')}, ${plural(report.entities, 'entity', 'entities')}: ${counts.join(', ')} (${verdict})`);
  return lines.join('\n') + '\n';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export function formatGithub(report: ValidateReport): string {
  const lines = report.diagnostics.map(d => {
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(`Catwalk ${d.code}`)}`,
    ];
    return `::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`;
  });
  lines.push(`Catwalk: ${plural(report.files, 'file')}, ${plural(report.entities, 'entity', 'entities')}, ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
  return lines.join('\n') + '\n';
}
