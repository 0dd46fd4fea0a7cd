import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { fileOutcome } from '../core/validate/validateCatalog';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { loadCustomKinds } from '../core/validate/customKinds';
import { encodeOutcomes } from './transport';
import { PoolRequest, PoolResponse } from './workerPool';
import { nodeValidateOptions, WorkerBatch } from './validateCommand';

/** Runs inside a worker thread: validates the batches of files it is sent. */
export function startValidateWorker(): void {
  const schemas = (workerData as { schemas: string[] }).schemas;
  const { kinds } = loadCustomKinds(schemas.map(p => ({ path: p, text: fs.readFileSync(p, 'utf8') })));
  const options = nodeValidateOptions(kinds);
  parentPort?.on('message', (request: PoolRequest<WorkerBatch>) => {
    let response: PoolResponse;
    try {
      const { files, candidates } = request.payload;
      const outcomes = files.map(f => fileOutcome(f, nodeFileSystemHost, options, candidates));
      response = { id: request.id, data: encodeOutcomes(outcomes) };
    } catch (e) {
      response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(response);
  });
}
