import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { ThreadFileValidator } from '../core/validate/validateCatalog';
import { nodeFileSystemHost } from '../core/sources/nodeHost';
import { loadCustomKinds } from '../core/validate/customKinds';
import { decodeCatalogRefs, encodeDiagnostics, encodeSummaries } from './transport';
import { PoolRequest, PoolResponse } from './workerPool';
import { ValidateWorkerData, ValidateWorkerRequest } from './workerProtocol';
import { nodeValidateOptions } from './validateCommand';

/** Runs inside a worker thread: validates the batches of files it is sent, then checks their relations. */
export function startValidateWorker(): void {
  const { schemas } = workerData as ValidateWorkerData;
  const { kinds } = loadCustomKinds(schemas.map(p => ({ path: p, text: fs.readFileSync(p, 'utf8') })));
  const validator = new ThreadFileValidator(nodeFileSystemHost, nodeValidateOptions(kinds));
  parentPort?.on('message', (request: PoolRequest<ValidateWorkerRequest>) => {
    let response: PoolResponse;
    try {
      response = { id: request.id, data: answerRequest(request.payload, validator) };
    } catch (e) {
      response = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(response);
  });
}

/** A worker's encoded answer to one request, with the validator that keeps its files' relations. */
export function answerRequest(request: ValidateWorkerRequest, validator: ThreadFileValidator): string {
  switch (request.type) {
    case 'validateFiles':
      return encodeSummaries(request.files.map(f => validator.validate(f, request.candidates)));
    case 'checkRelations':
      return encodeDiagnostics(validator.danglingDiagnostics(decodeCatalogRefs(request.catalog)));
  }
}
