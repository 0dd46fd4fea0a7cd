#!/usr/bin/env node
// Runs the unit tests (mocha over TypeScript through tsx) and writes the
// counts to the file given with --summary.
require('tsx/cjs');
const Mocha = require('mocha');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const summaryAt = args.indexOf('--summary');
const summary = summaryAt === -1 ? undefined : args[summaryAt + 1];
const root = path.resolve(__dirname, '..');

function testFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const mocha = new Mocha({ timeout: 20000, reporter: 'spec' });
for (const file of testFiles(path.join(root, 'test', 'unit')).sort()) mocha.addFile(file);
const runner = mocha.run(failures => {
  const stats = runner.stats ?? { passes: 0, failures };
  if (summary) fs.writeFileSync(summary, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending ?? 0 }));
  process.exitCode = failures > 0 ? 1 : 0;
});
