import { Worker } from 'worker_threads';

/** A message a pool worker answers: a request in, a string out. */
export interface PoolRequest<T> {
  id: number;
  payload: T;
}

export interface PoolResponse {
  id: number;
  /** The encoded result: one string is far cheaper to pass between threads than an object graph. */
  data?: string;
  error?: string;
}

// Each worker holds one batch in hand and one queued, so it never waits for
// the main thread to hand it the next.
const IN_FLIGHT_PER_WORKER = 2;

interface Job<T> {
  request: PoolRequest<T>;
  resolve: (data: string) => void;
  reject: (e: Error) => void;
  /** Whether the job holds one of its worker's slots (broadcasts do not). */
  slot: boolean;
}

/**
 * A fixed set of worker threads running `script`. Batches go to whichever
 * worker has room; a broadcast goes to every worker, each answering it after
 * the batches it already holds.
 */
export class WorkerPool<T> {
  private readonly workers: Worker[] = [];
  // One entry per free slot (a worker appears once per batch it can still take).
  private readonly idle: Worker[] = [];
  private readonly waiting: Job<T>[] = [];
  private readonly pending = new Map<number, Job<T>>();
  private nextId = 0;

  constructor(script: string, size: number, workerData: unknown) {
    for (let i = 0; i < size; i++) {
      // A larger young generation: parsing allocates many short-lived objects, and fewer scavenges pay off.
      const worker = new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      worker.on('message', (m: PoolResponse) => this.onMessage(worker, m));
      worker.on('error', e => this.failAll(e));
      this.workers.push(worker);
      for (let slot = 0; slot < IN_FLIGHT_PER_WORKER; slot++) this.idle.push(worker);
    }
  }

  /** Runs one batch on the next free worker. */
  run(payload: T): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, payload }, resolve, reject, slot: true });
      this.dispatch();
    });
  }

  /** Sends `payload` to every worker; one answer per worker. */
  broadcast(payload: T): Promise<string[]> {
    return Promise.all(this.workers.map(worker => new Promise<string>((resolve, reject) => {
      const job: Job<T> = { request: { id: this.nextId++, payload }, resolve, reject, slot: false };
      this.pending.set(job.request.id, job);
      worker.postMessage(job.request);
    })));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(w => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.waiting.shift()!;
      this.pending.set(job.request.id, job);
      worker.postMessage(job.request);
    }
  }

  private onMessage(worker: Worker, message: PoolResponse): void {
    const job = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (!job) return;
    if (job.slot) {
      this.idle.push(worker);
      this.dispatch();
    }
    if (message.error !== undefined) job.reject(new Error(message.error));
    else job.resolve(message.data ?? '');
  }

  private failAll(error: Error): void {
    for (const job of [...this.pending.values(), ...this.waiting]) job.reject(error);
    this.pending.clear();
    this.waiting.length = 0;
  }
}
