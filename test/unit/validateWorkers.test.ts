import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDefinitions, EntityDefinition } from '../../src/core/index/crossFile';
import { FileSystemHost } from '../../src/core/host';
import { Diagnostic } from '../../src/core/diagnostics';
import { CatalogValidation, FileSummary, inThreadValidator, ThreadFileValidator, validateCatalog } from '../../src/core/validate/validateCatalog';
import { ValidateOptions } from '../../src/core/validate/types';
import { nodeValidateOptions } from '../../src/cli/validateCommand';
import { decodeCatalogRefs, decodeDiagnostics, decodeSummaries, encodeCatalogRefs, encodeDiagnostics, encodeSummaries } from '../../src/cli/transport';
import { answerRequest } from '../../src/cli/worker';
import { WorkerPool } from '../../src/cli/workerPool';
import { ValidateWorkerRequest } from '../../src/cli/workerProtocol';
import { ValidateWorkers, WorkerFileValidator } from '../../src/cli/workerValidator';
import { componentYaml } from './helpers/catalogText';
import { memoryHost } from './helpers/memoryHost';

const ROOT = path.resolve(__dirname, '../..');

const group = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n`;
const custom = (kind: string, name: string) => `apiVersion: example.com/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
const docs = (...texts: string[]) => texts.join('---\n');

/**
 * A catalog whose cross-file verdicts depend on the order of files and on
 * entities read far apart: duplicates (one differing only in case), dangling
 * refs with and without a suggestion, custom kinds written in two cases, a
 * Location target, a candidate that is not a catalog file and a broken file.
 */
function messyCatalog(): Record<string, string> {
  return {
    '/repo/a/catalog-info.yaml': docs(componentYaml({ name: 'payments', spec: 'type: service\nlifecycle: production\nowner: team-paymnts\ndependsOn:\n  - resource:ledger-db\n  - mykind:widget-1' }), group('team-payments')),
    '/repo/b/catalog-info.yaml': docs(group('Team-Payments'), componentYaml({ name: 'search', spec: 'type: service\nlifecycle: production\nowner: nobody-at-all' })),
    '/repo/c/catalog-info.yaml': docs(custom('MyKind', 'widget-2'), custom('MYKIND', 'widget-3'), componentYaml({ name: 'payments' })),
    '/repo/d/entities.yaml': docs(componentYaml({ name: 'checkout', spec: 'type: service\nlifecycle: production\nowner: team-payments\nsystem: shop' }), componentYaml({ name: 'search' })),
    '/repo/d/notes.yaml': 'title: not a catalog file\nitems: [1, 2]\n',
    '/repo/e/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: more\nspec:\n  targets:\n    - /elsewhere/more.yaml\n    - /elsewhere/missing.yaml\n',
    '/repo/f/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n',
    '/elsewhere/more.yaml': docs(componentYaml({ name: 'checkout', spec: 'type: service\nlifecycle: production\nowner: team-payment' }), group('team-a')),
  };
}

/** Workers answering in this thread, each request going to the next one in turn; counts the broadcasts. */
function inThreadWorkers(host: FileSystemHost, options: ValidateOptions, count: number): ValidateWorkers & { broadcasts: number } {
  const validators = Array.from({ length: count }, () => new ThreadFileValidator(host, options));
  let next = 0;
  const workers = {
    broadcasts: 0,
    run: async (request: ValidateWorkerRequest) => answerRequest(request, validators[next++ % count]),
    broadcast: async (request: ValidateWorkerRequest) => {
      workers.broadcasts++;
      return validators.map(v => answerRequest(request, v));
    },
    close: async () => undefined,
  };
  return workers;
}

/** The CLI's validator with every batch of one file sent to `count` in-thread workers. */
function spreadValidator(host: FileSystemHost, options: ValidateOptions, workers: ValidateWorkers): WorkerFileValidator {
  return new WorkerFileValidator(new ThreadFileValidator(host, options), { startWorkers: () => workers, threshold: 2, batchSize: 1 });
}

/** A report as the CLI prints it (JSON drops absent fields, whichever thread made them). */
function printed(result: CatalogValidation): string {
  return JSON.stringify(result, null, 1);
}

describe('validate: the two-phase worker protocol', () => {
  const options = nodeValidateOptions([]);

  describe('transport', () => {
    it('round-trips file summaries, keeping skipped files, diagnostics and locations', () => {
      const host = memoryHost(messyCatalog());
      const validator = new ThreadFileValidator(host, options);
      const summaries: FileSummary[] = [
        validator.validate('/repo/a/catalog-info.yaml'),
        validator.validate('/repo/d/notes.yaml', true),
        validator.validate('/repo/e/catalog-info.yaml'),
        validator.validate('/repo/f/catalog-info.yaml'),
      ];
      assert.strictEqual(summaries[1].skipped, true);
      assert.ok(summaries[2].locations.length === 1 && summaries[3].diagnostics.length > 0);
      assert.deepStrictEqual(decodeSummaries(encodeSummaries(summaries)), JSON.parse(JSON.stringify(summaries)));
    });

    it('round-trips the catalog refs and kind titles, and positioned diagnostics', () => {
      const catalog = { refs: new Set(['group:default/a', 'component:ns/b']), kindTitles: new Map([['mykind', 'MyKind']]) };
      assert.deepStrictEqual(decodeCatalogRefs(encodeCatalogRefs(catalog)), catalog);
      const diagnostic: Diagnostic = { file: '/a.yaml', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } }, severity: 'warning', code: 'dangling-ref', message: 'm', entityRef: 'component:default/x' };
      assert.deepStrictEqual(decodeDiagnostics(encodeDiagnostics([diagnostic])), [diagnostic]);
    });
  });

  describe('checkDefinitions', () => {
    const at = (ref: string, file: string, documentIndex = 0, kind = 'Component'): EntityDefinition => ({ ref, file, documentIndex, kind });

    it('flags each later definition against the first, and keeps the first-written case of each kind', () => {
      const { duplicates, catalog } = checkDefinitions([
        at('mykind:default/x', '/a.yaml', 0, 'MyKind'),
        at('component:default/y', '/a.yaml', 1),
        at('mykind:default/x', '/b.yaml', 0, 'MYKIND'),
        at('component:default/y', '/c.yaml', 2),
      ]);
      assert.deepStrictEqual(duplicates.map(d => [d.file, d.documentIndex, d.issue.message]), [
        ['/b.yaml', 0, 'Entity "mykind:default/x" is already defined in /a.yaml; the catalog keeps only one of them'],
        ['/c.yaml', 2, 'Entity "component:default/y" is already defined in /a.yaml; the catalog keeps only one of them'],
      ]);
      assert.deepStrictEqual([...catalog.refs], ['mykind:default/x', 'component:default/y']);
      assert.deepStrictEqual([...catalog.kindTitles], [['mykind', 'MyKind'], ['component', 'Component']]);
    });

    it('counts extra known refs as present, never as duplicates', () => {
      const { duplicates, catalog } = checkDefinitions([at('component:default/y', '/a.yaml')], ['component:default/y', 'group:default/z']);
      assert.deepStrictEqual(duplicates, []);
      assert.ok(catalog.refs.has('group:default/z'));
    });
  });

  describe('cross-file verdicts', () => {
    const singleThread = (host: FileSystemHost) =>
      validateCatalog(['/repo'], host, inThreadValidator(host, options));

    it('finds duplicates, dangling refs with suggestions, kind titles and followed files in one thread', async () => {
      const result = await singleThread(memoryHost(messyCatalog()));
      assert.strictEqual(result.files.length, 7);
      const cross = result.diagnostics.filter(d => d.code === 'duplicate-entity' || d.code === 'dangling-ref').map(d => `${d.file} ${d.message}`);
      assert.deepStrictEqual(cross, [
        '/elsewhere/more.yaml Entity "component:default/checkout" is already defined in /repo/d/entities.yaml; the catalog keeps only one of them',
        '/elsewhere/more.yaml Group "team-payment" is not in the catalog; did you mean "team-payments"?',
        '/repo/a/catalog-info.yaml Group "team-paymnts" is not in the catalog; did you mean "team-payments"?',
        '/repo/a/catalog-info.yaml Resource "ledger-db" is not in the catalog',
        '/repo/a/catalog-info.yaml MyKind "widget-1" is not in the catalog; did you mean "mykind:widget-2"?',
        '/repo/b/catalog-info.yaml Entity "group:default/team-payments" is already defined in /repo/a/catalog-info.yaml; the catalog keeps only one of them',
        '/repo/b/catalog-info.yaml Group "nobody-at-all" is not in the catalog',
        '/repo/c/catalog-info.yaml Entity "component:default/payments" is already defined in /repo/a/catalog-info.yaml; the catalog keeps only one of them',
        '/repo/d/entities.yaml System "shop" is not in the catalog',
        '/repo/d/entities.yaml Entity "component:default/search" is already defined in /repo/b/catalog-info.yaml; the catalog keeps only one of them',
      ]);
    });

    it('gives the same report when the files are spread over workers, whatever the spread', async () => {
      const host = memoryHost(messyCatalog());
      const expected = printed(await singleThread(host));
      for (const count of [1, 2, 3]) {
        const workers = inThreadWorkers(host, options, count);
        const result = await validateCatalog(['/repo'], host, spreadValidator(host, options, workers));
        assert.strictEqual(printed(result), expected, `${count} workers`);
        assert.strictEqual(workers.broadcasts, 1);
        assert.strictEqual(result.files.length, 7);
        assert.strictEqual(result.entities, 12);
      }
    });

    it('reads each file once when every ref resolves', async () => {
      const host = memoryHost({
        '/repo/a/catalog-info.yaml': docs(componentYaml({ name: 'payments' }), group('team-payments')),
        '/repo/b/catalog-info.yaml': docs(group('team-a'), componentYaml({ name: 'search', spec: 'type: service\nlifecycle: production\nowner: team-payments' })),
      });
      const workers = inThreadWorkers(host, options, 2);
      const result = await validateCatalog(['/repo'], host, spreadValidator(host, options, workers));
      assert.deepStrictEqual(result.diagnostics, []);
      assert.strictEqual(workers.broadcasts, 1);
      assert.deepStrictEqual([...host.reads].sort(), ['/repo/a/catalog-info.yaml', '/repo/b/catalog-info.yaml']);
    });

    it('reads a file again only when one of its refs dangles', () => {
      const host = memoryHost(messyCatalog());
      const validator = new ThreadFileValidator(host, options);
      validator.validate('/repo/a/catalog-info.yaml');
      validator.validate('/repo/d/entities.yaml');
      host.reads.length = 0;
      const { catalog } = checkDefinitions([
        { ref: 'group:default/team-paymnts', file: '/x', documentIndex: 0, kind: 'Group' },
        { ref: 'resource:default/ledger-db', file: '/x', documentIndex: 1, kind: 'Resource' },
        { ref: 'mykind:default/widget-1', file: '/x', documentIndex: 2, kind: 'MyKind' },
      ]);
      const diagnostics = validator.danglingDiagnostics(catalog);
      assert.deepStrictEqual(host.reads, ['/repo/d/entities.yaml']);
      assert.deepStrictEqual(diagnostics.map(d => d.message), [
        'Group "team-payments" is not in the catalog; did you mean "team-paymnts"?',
        'System "shop" is not in the catalog',
        'Group "team-a" is not in the catalog',
      ]);
    });
  });
});

describe('validate: the worker pool', () => {
  let dir: string;
  let script: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-pool-'));
    script = path.join(dir, 'echo.js');
    fs.writeFileSync(script, [
      "const { parentPort, threadId } = require('worker_threads');",
      "parentPort.on('message', ({ id, payload }) => parentPort.postMessage(payload === 'fail' ? { id, error: 'no' } : { id, data: `${threadId}:${payload}` }));",
    ].join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs batches on free workers, broadcasts to each worker once, and keeps its slots', async () => {
    const pool = new WorkerPool<string>(script, 2, {});
    try {
      const first = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(p => pool.run(p)));
      assert.deepStrictEqual(first.map(d => d.split(':')[1]), ['a', 'b', 'c', 'd', 'e']);
      const everyone = await pool.broadcast('all');
      assert.strictEqual(everyone.length, 2);
      assert.strictEqual(new Set(everyone.map(d => d.split(':')[0])).size, 2);
      const again = await Promise.all(['f', 'g', 'h', 'i', 'j', 'k'].map(p => pool.run(p)));
      assert.deepStrictEqual(again.map(d => d.split(':')[1]), ['f', 'g', 'h', 'i', 'j', 'k']);
      await assert.rejects(pool.run('fail'), /no/);
    } finally {
      await pool.close();
    }
  });
});

describe('validate: the built binary with worker threads', function () {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  before(function () {
    if (!fs.existsSync(cli)) {
      console.log('    skipped: dist/cli.js is not built (npm test builds it first)');
      this.skip();
    }
  });

  it('gives the single-thread report on cross-file problems spread over workers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catwalk-workers-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      };
      write('org.yaml', docs(group('team-a'), custom('MyKind', 'widget-1')));
      for (let i = 0; i < 240; i++) {
        const owner = i % 40 === 3 ? 'team-b' : 'team-a';
        const depends = i % 30 === 5 ? `\ndependsOn:\n  - component:svc-${i + 1000}\n  - mykind:widget-2` : '';
        write(`svc-${i}/entities.yaml`, componentYaml({ name: `svc-${i % 230}`, spec: `type: service\nlifecycle: production\nowner: ${owner}${depends}` }));
      }
      for (let i = 0; i < 10; i++) write(`misc/notes-${i}.yaml`, `title: notes ${i}\n`);
      const run = (jobs: string) => spawnSync(process.execPath, [cli, 'validate', dir, '--format', 'json', '--jobs', jobs], { encoding: 'utf8' });
      const one = run('1');
      const two = run('2');
      assert.strictEqual(one.status, 1, one.stderr);
      assert.strictEqual(two.stdout, one.stdout);
      const report = JSON.parse(one.stdout);
      assert.strictEqual(report.files, 241);
      const count = (code: string) => report.diagnostics.filter((d: { code: string }) => d.code === code).length;
      assert.strictEqual(count('duplicate-entity'), 10);
      assert.strictEqual(count('dangling-ref'), 6 + 8 * 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
