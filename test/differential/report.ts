/**
 * Prints the differential results as Markdown: every case where Catwalk's
 * verdict differs from the default Backstage catalog's, with both sides'
 * reasons and the YAML. With `--table`, prints the oracle's verdict for every
 * case instead.
 *
 *   npx tsx test/differential/report.ts [--table]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateText } from '../../src/core/validate/validateFile';
import { buildCorpus, writeCase } from './corpus';
import { backstageVerdict } from './oracle';

async function main(): Promise<void> {
  const table = process.argv.includes('--table');
  const corpus = buildCorpus();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-differential-report-'));
  const options = {
    fileExists: (p: string) => fs.existsSync(p) && fs.statSync(p).isFile(),
    readText: (p: string) => (fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined),
  };
  const out: string[] = [];
  let disagreements = 0;
  try {
    for (const [index, testCase] of corpus.entries()) {
      const file = writeCase(testCase, root, String(index).padStart(4, '0'));
      const text = fs.readFileSync(file, 'utf8');
      const verdict = await backstageVerdict(text, file);
      if (table) {
        out.push(`| ${testCase.name} | ${verdict.rejected ? 'rejected' : 'valid'} | ${verdict.reasons.join('<br>').replace(/\|/g, '\\|')} |`);
        continue;
      }
      const modes = (['fast', 'full'] as const).map((mode) => {
        const result = validateText(text, file, { ...options, mode });
        return { mode, result, rejected: result.diagnostics.some((d) => d.severity === 'error') };
      });
      if (modes.every((m) => m.rejected === verdict.rejected)) continue;
      disagreements += 1;
      const first = modes.find((m) => m.rejected !== verdict.rejected) ?? modes[0];
      const modeNote = modes.every((m) => m.rejected !== verdict.rejected) ? 'both modes' : `${first.mode} mode only`;
      out.push(`### ${testCase.name}`);
      out.push(`Backstage: **${verdict.rejected ? 'rejected' : 'valid'}**${verdict.reasons.length ? ` — ${verdict.reasons.join('; ')}` : ''}`);
      out.push(`Catwalk (${modeNote}): **${first.rejected ? 'rejected' : 'valid'}**`);
      for (const d of first.result.diagnostics) {
        out.push(`- ${d.severity} \`${d.code}\` ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
      }
      for (const f of testCase.files) {
        out.push(`\`${f.path}\`:`, '```yaml', f.text.trimEnd(), '```');
      }
      out.push('');
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (table) {
    console.log(`| case | Backstage | reasons |\n|---|---|---|\n${out.join('\n')}`);
  } else {
    console.log(`${corpus.length} cases, ${disagreements} disagreements\n\n${out.join('\n')}`);
  }
}

void main();
