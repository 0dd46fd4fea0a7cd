// Entry of the worker threads `catwalk validate` starts: only the validation
// path, so each thread starts quickly (dist/cli-worker.js).
import { startValidateWorker } from './worker';

startValidateWorker();
