/**
 * TechDocs figures for `npm run bench` (run in its own process by bench/run.ts, or alone):
 *   - cold render of the demo site (../shared/corpus/demo): loading the renderer and every page,
 *     then the same again warm;
 *   - re-render latency of a 50 KB page after an edit (the preview's per-keystroke cost);
 *   - `catwalk docs build` (dist/cli.js, its own process) of a generated 500-page site.
 * Bars (reported, never asserted): re-render p95 within 50 ms, 500 pages built in under 10 s.
 *
 *   npx tsx bench/techdocs.ts [DATA_DIR]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { NOUNS, QUALIFIERS } from './words';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const DEMO = path.resolve(ROOT, '../shared/corpus/demo');
/** Bumped when the generated pages change, so old data is written again. */
const GENERATOR_VERSION = '2';
export const TECHDOCS_BARS = { reRenderP95Ms: 50, build500Ms: 10000 };

type Core = typeof import('../src/core/techdocs');

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length];
}

/** Page id of the i-th generated page. */
function pageId(i: number): string {
  return `${pick(NOUNS, i + 7)}/${pick(QUALIFIERS, i + 3)}-${i}.md`;
}

/** One realistic section: prose with links and inline code, a list, code, a table or an admonition. */
function section(i: number, pages: number): string {
  const noun = pick(NOUNS, i);
  const other = pageId((i * 7) % pages);
  const parts = [
    `## ${noun[0].toUpperCase()}${noun.slice(1)} ${pick(QUALIFIERS, i)} ${i}`,
    `The **${noun}** ${pick(QUALIFIERS, i)} keeps \`${noun}_id\` for every request; see [the ${pick(NOUNS, i + 7)} page](../${other}#overview) and https://example.com/${noun}. It retries ==three times== before giving up :rocket:.`,
    `- step one for ${noun}\n- step two with a [relative link](#overview)\n  - nested detail\n- [x] done item`,
  ];
  if (i % 3 === 0) parts.push(`\`\`\`python title="${noun}.py"\ndef handle_${noun}(event):\n    """Handle one ${noun} event."""\n    for item in event.items:\n        if item.amount > 100:\n            raise ValueError(f"too big: {item.amount}")\n    return {"status": "ok", "count": len(event.items)}\n\`\`\``);
  if (i % 3 === 1) parts.push(`| Field | Type | Notes |\n|---|---|---|\n| \`${noun}_id\` | string | primary key |\n| amount | int | in cents |\n| created | date | UTC |`);
  if (i % 3 === 2) parts.push(`!!! warning "About ${noun}"\n    Never call the ${noun} API without an idempotency key.\n\n    \`\`\`yaml\n    ${noun}:\n      retries: 3\n    \`\`\``);
  return parts.join('\n\n');
}

/** A page of about `bytes` characters. */
function page(title: string, bytes: number, seed: number, pages: number): string {
  const out = [`# ${title}`, '', '## Overview', '', `What ${title} does.`];
  for (let i = seed; out.join('\n').length < bytes; i++) out.push('', section(i, pages));
  return out.join('\n') + '\n';
}

/** Writes a site of `count` pages in folders of 20 (skipped when already there). */
function ensureSite(dir: string, count: number): void {
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === GENERATOR_VERSION) return;
  fs.rmSync(dir, { recursive: true, force: true });
  const nav: string[] = [];
  for (let i = 0; i < count; i++) {
    const rel = pageId(i);
    const file = path.join(dir, 'docs', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, page(`Page ${i}`, 4000, i, count));
    nav.push(rel);
  }
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), page('Home', 2000, 0, count));
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Bench site\nplugins:\n  - techdocs-core\n');
  fs.writeFileSync(marker, GENERATOR_VERSION);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** `catwalk docs build` of the demo site in a fresh process: the cold path a user or CI takes. */
function demoCliBuild(dataDir: string): Record<string, unknown> {
  if (!fs.existsSync(CLI)) return { measured: false, reason: 'not measured: dist/cli.js does not exist (npm run build)' };
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'docs', 'build', DEMO, '--output', path.join(dataDir, 'demo-out')], { encoding: 'utf8' });
  return run.status === 0 ? { measured: true, ms: Math.round(performance.now() - started) } : { measured: false, reason: `exit ${run.status}: ${run.stderr.slice(-300)}` };
}

function coldDemo(dataDir: string): Record<string, unknown> {
  if (!fs.existsSync(DEMO)) return { measured: false, reason: `not measured: ${DEMO} is absent` };
  const started = performance.now();
  const core = require('../src/core/techdocs') as Core;
  const { nodeFileSystemHost } = require('../src/core/sources/nodeHost') as typeof import('../src/core/sources/nodeHost');
  const loaded = performance.now();
  const renderAll = () => {
    const site = core.loadSite(nodeFileSystemHost, DEMO);
    const renderer = core.createPageRenderer(nodeFileSystemHost);
    for (const id of site.pages.keys()) renderer.render(site, id);
    return site.pages.size;
  };
  const pages = renderAll();
  const cold = performance.now();
  renderAll();
  const warm = performance.now();
  // In this process the modules load through tsx (TypeScript compiled on the fly); cliBuild is the bundled CLI.
  return { measured: true, pages, moduleLoadMs: round(loaded - started), coldMs: round(cold - started), coldRenderMs: round(cold - loaded), warmMs: round(warm - cold), cliBuild: demoCliBuild(dataDir) };
}

function reRender(dataDir: string): Record<string, unknown> {
  const core = require('../src/core/techdocs') as Core;
  const { nodeFileSystemHost } = require('../src/core/sources/nodeHost') as typeof import('../src/core/sources/nodeHost');
  const dir = path.join(dataDir, 'page-50k');
  const text = page('A large page', 50 * 1024, 3, 50);
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), text);
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Big page\n');
  const site = core.loadSite(nodeFileSystemHost, dir);
  const renderer = core.createPageRenderer(nodeFileSystemHost);
  for (let i = 0; i < 5; i++) renderer.render(site, 'index.md', { sourceLines: true });
  const times: number[] = [];
  let edited = text;
  for (let i = 0; i < 40; i++) {
    // Type one character in the middle of the page, as an editor change would.
    const at = Math.floor(edited.length / 2) + i;
    edited = `${edited.slice(0, at)}x${edited.slice(at)}`;
    const t = performance.now();
    renderer.render(site, 'index.md', { text: edited, sourceLines: true });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { measured: true, pageBytes: Buffer.byteLength(text), edits: times.length, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(times[times.length - 1]) };
}

function build500(dataDir: string): Record<string, unknown> {
  if (!fs.existsSync(CLI)) return { measured: false, reason: 'not measured: dist/cli.js does not exist (npm run build)' };
  const dir = path.join(dataDir, 'site-500');
  ensureSite(dir, 500);
  const out = path.join(dataDir, 'site-500-out');
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'docs', 'build', dir, '--output', out, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - started);
  if (run.status !== 0 && run.status !== 1) return { measured: false, reason: `exit ${run.status}: ${run.stderr.slice(-400)}` };
  const report = JSON.parse(run.stdout) as { pages: number; files: number; warnings: number; errors: number };
  return { measured: true, ms, pages: report.pages, files: report.files, warnings: report.warnings, errors: report.errors, pagesPerSec: Math.round((report.pages / ms) * 1000) };
}

function bar(value: unknown, limit: number): { value: number | null; limit: number; pass: boolean | null } {
  return typeof value === 'number' ? { value, limit, pass: value <= limit } : { value: null, limit, pass: null };
}

/** All TechDocs figures, with their bars. */
export function measureTechdocs(dataDir: string): Record<string, unknown> {
  fs.mkdirSync(dataDir, { recursive: true });
  const demo = coldDemo(dataDir);
  const edit = reRender(dataDir);
  const build = build500(dataDir);
  return {
    demo, reRender50k: edit, build500: build,
    bars: { reRenderP95Ms: bar(edit.p95Ms, TECHDOCS_BARS.reRenderP95Ms), build500Ms: bar(build.ms, TECHDOCS_BARS.build500Ms) },
  };
}

if (require.main === module) {
  const dataDir = path.resolve(process.argv[2] ?? path.join(__dirname, '.data', 'techdocs'));
  process.stdout.write(JSON.stringify(measureTechdocs(dataDir)) + '\n');
}
