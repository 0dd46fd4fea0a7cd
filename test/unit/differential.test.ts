/**
 * Differential test: Catwalk's per-file verdict against the default Backstage
 * catalog's, computed by running Backstage's released code (test/differential/oracle.ts)
 * on a generated corpus (test/differential/corpus.ts).
 *
 * Two suites:
 *  - the oracle against the verdict the format reference predicts for each case
 *    (keeps the oracle honest when the Backstage packages are upgraded);
 *  - Catwalk's `validateText` against the oracle, in both parse paths
 *    (`mode: 'fast'` and the position-aware `mode: 'full'`), which must agree.
 *
 * `npx tsx test/differential/report.ts` prints the disagreements as Markdown.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from '../../src/core/diagnostics';
import type { FileResult, ValidateOptions } from '../../src/core/validate/types';
import { validateText } from '../../src/core/validate/validateFile';
import { buildCorpus, type CorpusCase, writeCase } from '../differential/corpus';
import { backstageVerdict, type Verdict } from '../differential/oracle';

const MODES: NonNullable<ValidateOptions['mode']>[] = ['fast', 'full'];

const fsOptions: ValidateOptions = {
  fileExists: (absolutePath) => {
    try {
      return fs.statSync(absolutePath).isFile();
    } catch {
      return false;
    }
  },
  readText: (absolutePath) => {
    try {
      return fs.readFileSync(absolutePath, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function excerpt(text: string, max = 1500): string {
  const shown = text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
  return shown.replace(/\t/g, '→').replace(/\r/g, '␍');
}

function formatDiagnostics(diagnostics: Diagnostic[]): string {
  if (!diagnostics.length) return '    (none)';
  return diagnostics
    .map((d) => `    ${d.severity} ${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`)
    .join('\n');
}

describe('differential: default Backstage catalog vs Catwalk', function () {
  const corpus = buildCorpus();
  let root = '';
  const entries = new Map<string, string>();
  const verdicts = new Map<string, Promise<Verdict>>();

  before(function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-differential-'));
    corpus.forEach((testCase, index) => {
      entries.set(testCase.name, writeCase(testCase, root, String(index).padStart(4, '0')));
    });
  });

  after(function () {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  function entryOf(testCase: CorpusCase): { file: string; text: string } {
    const file = entries.get(testCase.name);
    if (!file) throw new Error(`case ${testCase.name} was not written`);
    return { file, text: fs.readFileSync(file, 'utf8') };
  }

  function oracle(testCase: CorpusCase): Promise<Verdict> {
    let verdict = verdicts.get(testCase.name);
    if (!verdict) {
      const { file, text } = entryOf(testCase);
      verdict = backstageVerdict(text, file);
      verdicts.set(testCase.name, verdict);
    }
    return verdict;
  }

  it('has several hundred uniquely named cases', function () {
    assert.ok(corpus.length >= 300, `only ${corpus.length} cases`);
    assert.equal(new Set(corpus.map((c) => c.name)).size, corpus.length);
  });

  describe('oracle agrees with the format reference', function () {
    for (const testCase of corpus) {
      it(testCase.name, async function () {
        const verdict = await oracle(testCase);
        const got = verdict.rejected ? 'rejected' : 'valid';
        assert.equal(
          got,
          testCase.expect,
          `format reference predicts ${testCase.expect}, Backstage code says ${got}\n` +
            `  reasons:\n${verdict.reasons.map((r) => `    ${r}`).join('\n') || '    (none)'}\n` +
            `  ${testCase.entry}:\n${excerpt(entryOf(testCase).text)}`,
        );
      });
    }
  });

  describe('Catwalk agrees with Backstage', function () {
    for (const testCase of corpus) {
      it(testCase.name, async function () {
        const verdict = await oracle(testCase);
        const { file, text } = entryOf(testCase);
        const problems: string[] = [];
        for (const mode of MODES) {
          const options: ValidateOptions = { ...fsOptions, mode };
          let result: FileResult;
          try {
            result = validateText(text, file, options);
          } catch (e) {
            problems.push(`[${mode}] validateText threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
            continue;
          }
          const rejected = result.diagnostics.some((d) => d.severity === 'error');
          if (rejected !== verdict.rejected) {
            problems.push(
              `[${mode}] Catwalk says ${rejected ? 'rejected' : 'valid'}, Backstage says ${verdict.rejected ? 'rejected' : 'valid'}\n` +
                `  Catwalk diagnostics:\n${formatDiagnostics(result.diagnostics)}`,
            );
          }
        }
        if (problems.length) {
          assert.fail(
            `${problems.join('\n')}\n` +
              `  Backstage reasons:\n${verdict.reasons.map((r) => `    ${r}`).join('\n') || '    (none)'}\n` +
              `  ${testCase.entry}:\n${excerpt(text)}`,
          );
        }
      });
    }
  });
});
