#!/usr/bin/env node
// The one test command: build, type-check, lint, the unit tests and (when the
// project has them and they are not switched off) the tests inside a real
// VS Code. Ends with one line `N passed, N failed` summing every suite.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const totals = { passed: 0, failed: 0 };
let broken = false;

function step(name, command, args) {
  console.log(`\n> ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.log(`! ${name} failed (exit ${result.status ?? result.signal})`);
    broken = true;
  }
  return result.status === 0;
}

/** Runs a suite whose runner writes `{passed, failed}` to the file given with --summary. */
function suite(name, command, args) {
  const out = path.join(root, 'test-results', `${name}.json`);
  fs.rmSync(out, { force: true });
  const ok = step(name, command, [...args, '--summary', out]);
  if (fs.existsSync(out)) {
    const { passed, failed } = JSON.parse(fs.readFileSync(out, 'utf8'));
    totals.passed += passed;
    totals.failed += failed;
  } else {
    // A suite that died before counting is a failure that must show.
    totals.failed += 1;
  }
  return ok;
}

fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
const bin = name => path.join(root, 'node_modules', '.bin', name);
if (step('build', process.execPath, ['esbuild.js'])) {
  step('typecheck', bin('tsc'), ['-p', '.', '--noEmit']);
  step('lint', bin('eslint'), ['.']);
  suite('unit', process.execPath, [path.join(root, 'scripts', 'run-mocha.js')]);
  if (process.env.CATWALK_SKIP_INTEGRATION) console.log('\nintegration tests not run: CATWALK_SKIP_INTEGRATION is set');
  else suite('integration', bin('tsx'), [path.join(root, 'scripts', 'test-integration.ts')]);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = broken || totals.failed > 0 ? 1 : 0;
