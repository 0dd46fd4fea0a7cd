import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { fileOutcome } from '../core/validate/validateCatalog';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { loadCustomKinds } from '../core/validate/customKinds';
import { PoolRequest, PoolResponse } from './workerPool';
import { nodeValidateOptions } from './validateCommand';

/** Runs inside a worker thread: validates the batches of files it is sent. */
export function startValidateWorker(): void {
  const schemas = (workerData as { schemas: string[] }).schemas;
  const { kinds } = loadCustomKinds(schemas.map(p => ({ path: p, text: fs.readFileSync(p, 'utf8') })));
  const options = nodeValidateOptions(kinds);
  parentPort?.on('message', (request: PoolRequest<string[]>) => {
    let response: PoolResponse;
    try {
      const outcomes = request.payload.map(f => fileOutcome(f, nodeFileSystemHost, options));
      response = { id: request.id, json: JSON.stringify(outcomes) };
    } catch (e) {
      response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(response);
  });
}
