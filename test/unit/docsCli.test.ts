// `catwalk docs build` and `catwalk docs serve`: the MkDocs layout, techdocs_metadata.json,
// the search index, links that resolve inside the built site, the refusal to overwrite a
// folder that is not a previous site, exit codes, and the live-reloading server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { startDocsServer, DocsServer } from '../../src/cli/docsServe';
import { nodeFileSystemHost } from '../../src/core/sources/nodeHost';

const ROOT = path.resolve(__dirname, '../..');
const ORDERS = path.join(ROOT, 'examples/acme/services/orders-service');

/** Writes files into a fresh temp folder. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-docs-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Every file under a folder, '/'-separated, sorted. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter(f => fs.statSync(path.join(dir, f)).isFile()).map(f => f.split(path.sep).join('/')).sort();
}

const SITE = {
  'mkdocs.yml': 'site_name: Test site\nsite_description: For the tests\nnav:\n  - Home: index.md\n  - Guide:\n    - guide/setup.md\n    - guide/deep/more.md\n',
  'docs/index.md': '# Home\n\nSee [setup](guide/setup.md#install) and ![logo](img/logo.png).\n',
  'docs/guide/setup.md': '# Setup\n\n## Install\n\nBack [home](../index.md). Also [more](deep/more.md).\n',
  'docs/guide/deep/more.md': '# More\n\n![logo](../../img/logo.png)\n',
  'docs/img/logo.png': 'png',
};

describe('cli: catwalk docs build', () => {
  const dirs: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = tree(files);
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));
  const build = (...args: string[]) => runCli(['docs', 'build', ...args]);

  it('writes the MkDocs layout, assets, search index and techdocs_metadata.json', async () => {
    const src = make(SITE);
    const out = path.join(make({}), 'site');
    const result = await build(src, '--output', out);
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Built 3 pages \(\d+ files\) into .*: 0 errors, 0 warnings/);
    const files = listFiles(out);
    for (const f of ['index.html', 'guide/setup/index.html', 'guide/deep/more/index.html', 'img/logo.png', 'search/search_index.json', 'techdocs_metadata.json', '404.html', 'assets/catwalk/techdocs.css']) assert.ok(files.includes(f), f);
    const meta = JSON.parse(fs.readFileSync(path.join(out, 'techdocs_metadata.json'), 'utf8'));
    assert.deepStrictEqual(Object.keys(meta).sort(), ['build_timestamp', 'etag', 'files', 'site_description', 'site_name']);
    assert.strictEqual(meta.site_name, 'Test site');
    assert.strictEqual(meta.site_description, 'For the tests');
    assert.strictEqual(typeof meta.build_timestamp, 'number');
    assert.deepStrictEqual(meta.files, files, 'files lists exactly what was written, itself included');
    assert.match(meta.etag, /^[0-9a-f]{40}$/);
    const index = JSON.parse(fs.readFileSync(path.join(out, 'search/search_index.json'), 'utf8'));
    assert.deepStrictEqual(index.config, { lang: ['en'], separator: '[\\s\\-]+', pipeline: ['stopWordFilter'] });
    assert.deepStrictEqual(index.docs.map((d: { location: string }) => d.location), ['', '#home', 'guide/setup/', 'guide/setup/#setup', 'guide/setup/#install', 'guide/deep/more/', 'guide/deep/more/#more']);
  });

  it('writes pages whose relative links and images all resolve inside the built site', async () => {
    const out = path.join(make({}), 'site');
    assert.strictEqual((await build(make(SITE), '-o', out)).code, 0);
    for (const page of listFiles(out).filter(f => f.endsWith('.html'))) {
      const html = fs.readFileSync(path.join(out, page), 'utf8');
      for (const m of html.matchAll(/(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)) {
        const url = m[1];
        if (url === '' || /^[a-z]+:/i.test(url)) continue;
        const target = path.resolve(path.dirname(path.join(out, page)), url);
        const file = url.endsWith('/') || fs.statSync(target, { throwIfNoEntry: false })?.isDirectory() ? path.join(target, 'index.html') : target;
        assert.ok(fs.existsSync(file), `${page}: ${url}`);
      }
    }
    const setup = fs.readFileSync(path.join(out, 'guide/setup/index.html'), 'utf8');
    assert.match(setup, /<a href="\.\.\/\.\.\/" data-page="index.md">home<\/a>/);
    assert.match(setup, /class="cw-prev" href="\.\.\/\.\.\/"/);
    assert.match(setup, /class="cw-next" href="\.\.\/deep\/more\/"/);
    assert.match(setup, /<a class="cw-active" aria-current="page" href="\.\/">/);
  });

  it('refuses a non-empty folder that is not a previous site unless --force, and changes nothing', async () => {
    const src = make(SITE);
    const out = make({ 'notes.txt': 'keep me' });
    const refused = await build(src, '-o', out);
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /not empty and does not look like a previous docs build.*--force/);
    assert.deepStrictEqual(listFiles(out), ['notes.txt']);
    const forced = await build(src, '-o', out, '--force');
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.ok(listFiles(out).includes('notes.txt') && listFiles(out).includes('index.html'));
  });

  it('rebuilds over a previous site: old pages go, files the build did not write stay', async () => {
    const src = make(SITE);
    const out = path.join(make({}), 'site');
    assert.strictEqual((await build(src, '-o', out)).code, 0);
    fs.writeFileSync(path.join(out, 'CNAME'), 'docs.example.com');
    fs.rmSync(path.join(src, 'docs/guide/deep'), { recursive: true });
    fs.writeFileSync(path.join(src, 'mkdocs.yml'), 'site_name: Test site\n');
    const again = await build(src, '-o', out, '--etag', 'commit-123');
    assert.strictEqual(again.code, 0, again.stdout + again.stderr);
    const files = listFiles(out);
    assert.ok(!files.includes('guide/deep/more/index.html'), 'the removed page is gone');
    assert.ok(files.includes('CNAME'), 'an unrelated file is kept');
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(out, 'techdocs_metadata.json'), 'utf8')).etag, 'commit-123');
  });

  it('gives the same etag for the same sources and a new one when a page changes', async () => {
    const src = make(SITE);
    const etag = async () => {
      const out = path.join(make({}), 'site');
      await build(src, '-o', out);
      return JSON.parse(fs.readFileSync(path.join(out, 'techdocs_metadata.json'), 'utf8')).etag;
    };
    const first = await etag();
    assert.strictEqual(await etag(), first);
    fs.appendFileSync(path.join(src, 'docs/index.md'), '\nMore.\n');
    assert.notStrictEqual(await etag(), first);
  });

  it('never writes into docs_dir or over the sources', async () => {
    const src = make(SITE);
    assert.strictEqual((await build(src, '-o', path.join(src, 'docs/site'))).code, 2);
    assert.strictEqual((await build(path.join(src, 'docs/..'), '-o', src)).code, 2);
    assert.strictEqual((await build(src, '-o', path.dirname(src))).code, 2);
    assert.deepStrictEqual(listFiles(src), Object.keys(SITE).sort());
  });

  it('exits 1 with nothing written when docs_dir leaves the site folder, and with --strict on warnings', async () => {
    const bad = make({ 'mkdocs.yml': 'site_name: S\ndocs_dir: ../elsewhere\n' });
    const out = path.join(make({}), 'site');
    const result = await build(bad, '-o', out);
    assert.strictEqual(result.code, 1);
    assert.match(result.stdout, /docs-dir-outside/);
    assert.ok(!fs.existsSync(out));
    const warned = make({ 'mkdocs.yml': 'site_name: S\nhooks: [x.py]\n', 'docs/index.md': '# Hi\n' });
    assert.strictEqual((await build(warned, '-o', path.join(make({}), 'a'))).code, 0);
    const strict = await build(warned, '-o', path.join(make({}), 'b'), '--strict');
    assert.strictEqual(strict.code, 1);
    assert.match(strict.stdout, /mkdocs.yml:2:1 {2}warning {2}mkdocs-key-removed/);
  });

  it('follows the techdocs-ref of a catalog file and explains url: refs', async () => {
    const out = path.join(make({}), 'site');
    const result = await build(path.join(ORDERS, 'catalog-info.yaml'), '-o', out, '--format', 'json');
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout);
    assert.strictEqual(report.pages, 2);
    assert.strictEqual(report.errors, 0);
    assert.ok(fs.existsSync(path.join(out, 'architecture/index.html')));
    assert.match(fs.readFileSync(path.join(out, 'architecture/index.html'), 'utf8'), /<pre class="mermaid">/);
    const remote = make({ 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  annotations:\n    backstage.io/techdocs-ref: url:https://github.com/acme/x\n' });
    const refused = await build(path.join(remote, 'catalog-info.yaml'));
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /not available offline/);
  });

  it('reports bad usage with exit 2', async () => {
    assert.strictEqual((await runCli(['docs'])).code, 2);
    assert.strictEqual((await runCli(['docs', 'publish'])).code, 2);
    assert.strictEqual((await runCli(['docs', 'build', '/no/such/folder'])).code, 2);
    assert.strictEqual((await runCli(['docs', 'build', '--bogus'])).code, 2);
    assert.strictEqual((await runCli(['docs', '--help'])).code, 0);
  });
});

/** GET over HTTP: status, headers and body. */
function get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

/** Resolves with the first server-sent `reload` event. */
function nextReload(url: string): Promise<{ close: () => void; received: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}__catwalk/reload`, res => {
      const received = new Promise<void>(done => res.on('data', (c: Buffer) => c.toString().includes('event: reload') && done()));
      resolve({ close: () => req.destroy(), received });
    });
    req.on('error', reject);
  });
}

describe('cli: catwalk docs serve', () => {
  let dir: string;
  let server: DocsServer;
  before(async () => {
    dir = tree(SITE);
    server = await startDocsServer({ host: nodeFileSystemHost, siteDir: dir, port: 0 });
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves pages with a strict CSP and a nonce for the reload script only', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(server.url);
    assert.strictEqual(page.status, 200);
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-src 'none'/);
    assert.match(page.body, new RegExp(`<script nonce="${nonce!.replace(/[+/=]/g, c => `\\${c}`)}">`));
    assert.strictEqual((page.body.match(/<script/g) ?? []).length, 2, 'the reload client and the search script file');
    assert.strictEqual((await get(`${server.url}guide/setup/`)).status, 200);
    assert.strictEqual((await get(`${server.url}guide/setup`)).status, 301);
    assert.strictEqual((await get(`${server.url}img/logo.png`)).body, 'png');
    assert.strictEqual((await get(`${server.url}search/search_index.json`)).headers['content-type'], 'application/json; charset=utf-8');
    assert.strictEqual((await get(`${server.url}nope/`)).status, 404);
    assert.notStrictEqual((await get(`${server.url}..%2F..%2Fmkdocs.yml`)).status, 200);
  });

  it('tells the browser to reload when a page changes, and serves the new text', async () => {
    const sse = await nextReload(server.url);
    fs.writeFileSync(path.join(dir, 'docs/index.md'), '# Home changed\n');
    await sse.received;
    sse.close();
    assert.match((await get(server.url)).body, /Home changed/);
  });
});
