// Index workers: threads that stat, read and summarise cables for the
// workspace index, so the main thread stays free for requests and only puts
// the summaries in. A worker runs this very module: from the bundle,
// `__filename` is dist/server.js (which contains it); under tsx, this .ts
// file through tsx's require hook. Each worker takes batches of files from
// the main thread (two in flight, so it never waits); a summary's typed
// arrays are transferred back, not copied. A worker that fails hands its
// batches back: the other workers, or the main thread, do them.

import * as os from 'os';
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { CableConfig, CableSource, CableSummary, createLanguageService } from './core';
import { isCableText, readTextSync, readableSize, statFileSync } from './indexFiles';

const MARKER = 'tagged-cables-index-worker';
/** Batches a worker holds at once. */
const IN_FLIGHT = 2;
/** The workers' nice value on Linux (the main thread keeps the server's). */
const WORKER_NICE = 10;

export interface IndexJob {
  file: string;
  uri: string;
  /** The version the index holds of the file, if any: an unchanged file is not read. */
  known?: string;
}

export type IndexAnswer =
  /** The file still has the version the index holds. */
  | { uri: string; kind: 'same' }
  /** Gone, unreadable, too large, or not a cable. */
  | { uri: string; kind: 'none' }
  | { uri: string; kind: 'summary'; summary: CableSummary }
  /** Summarising threw (it should not): the main thread logs it. */
  | { uri: string; kind: 'failed'; message: string };

export interface IndexWorkerSettings {
  config: CableConfig;
  maxFileSize: number;
}

interface WorkerData {
  [MARKER]: true;
  settings: IndexWorkerSettings;
}

interface Request {
  batch: number;
  jobs: IndexJob[];
}

interface Reply {
  batch: number;
  answers: IndexAnswer[];
}

/** Makes a worker thread given its `workerData`; tests pass their own. */
export type IndexWorkerFactory = (data: unknown) => Worker;

export function spawnIndexWorker(data: unknown): Worker {
  if (/\.[cm]?ts$/.test(__filename)) {
    // Not bundled (tests under tsx): the worker needs tsx's hook to load TypeScript.
    const hook = require.resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
    return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: data });
  }
  return new Worker(__filename, { workerData: data });
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, IndexJob[]>;
  answered: boolean;
  dead: boolean;
}

/** A set of index workers for one indexing run. */
export class IndexWorkers {
  private readonly slots: Slot[] = [];
  private nextBatch = 0;
  private signal: (() => void) | undefined;
  private failure: string | undefined;
  private closed = false;

  /** Starts `count` workers; none when they cannot be made (`failure` says why). */
  constructor(
    count: number,
    settings: IndexWorkerSettings,
    private readonly apply: (answers: IndexAnswer[]) => void,
    factory: IndexWorkerFactory = spawnIndexWorker,
  ) {
    const data: WorkerData = { [MARKER]: true, settings };
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = factory(data);
      } catch (error) {
        this.failure = errorMessage(error);
        break;
      }
      const slot: Slot = { worker, inFlight: new Map(), answered: false, dead: false };
      worker.on('message', (reply: Reply) => {
        const jobs = slot.inFlight.get(reply?.batch);
        if (!jobs || !Array.isArray(reply.answers)) return;
        slot.inFlight.delete(reply.batch);
        slot.answered = true;
        if (!this.closed) this.apply(reply.answers);
        this.wake();
      });
      worker.on('error', (error) => (this.failure = errorMessage(error)));
      worker.on('messageerror', (error) => (this.failure = errorMessage(error)));
      worker.on('exit', (code) => {
        if (this.closed) return;
        this.failure ??= `a worker exited with code ${code}`;
        slot.dead = true;
        this.wake();
      });
      worker.unref();
      this.slots.push(slot);
    }
  }

  /** Workers still working. */
  get live(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /** Why a worker could not start or stopped, if one did. */
  get error(): string | undefined {
    return this.failure;
  }

  /**
   * Runs every batch from `source` on the workers; answers go to `apply` as
   * they come. Resolves with the batches no worker could do (every worker
   * failed), which the caller then does itself, or with none when `stopped`.
   */
  async run(source: AsyncIterator<IndexJob[]>, stopped: () => boolean): Promise<IndexJob[][]> {
    const requeue: IndexJob[][] = [];
    let sourceDone = false;
    for (;;) {
      if (stopped()) return [];
      for (const slot of this.slots) {
        if (slot.dead && slot.inFlight.size > 0) {
          requeue.push(...slot.inFlight.values());
          slot.inFlight.clear();
        }
      }
      const free = this.slots.filter((s) => !s.dead && s.inFlight.size < IN_FLIGHT).sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
      if (this.live === 0) break;
      if (free) {
        let jobs = requeue.shift();
        if (!jobs && !sourceDone) {
          const next = await source.next();
          if (next.done) sourceDone = true;
          else jobs = next.value;
        }
        if (jobs) {
          if (free.dead) requeue.push(jobs);
          else if (jobs.length > 0) this.send(free, jobs);
          continue;
        }
      }
      const busy = this.slots.some((s) => !s.dead && s.inFlight.size > 0);
      if (sourceDone && requeue.length === 0 && !busy) return [];
      await new Promise<void>((resolve) => (this.signal = resolve));
    }
    return requeue;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private send(slot: Slot, jobs: IndexJob[]): void {
    const batch = this.nextBatch++;
    slot.inFlight.set(batch, jobs);
    try {
      slot.worker.postMessage({ batch, jobs } satisfies Request);
    } catch (error) {
      this.failure = errorMessage(error);
      slot.dead = true;
      void slot.worker.terminate().catch(() => undefined);
    }
  }

  private wake(): void {
    const signal = this.signal;
    this.signal = undefined;
    signal?.();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The worker's side: summarises each file of a batch and sends the answers back, typed arrays transferred. */
function serve(data: WorkerData): void {
  const port = parentPort!;
  // Background work: on Linux a thread has its own nice value, so the server's main thread (requests) goes first.
  if (process.platform === 'linux') {
    try {
      os.setPriority(0, WORKER_NICE);
    } catch {
      // Not allowed: the worker keeps the server's priority.
    }
  }
  let current: CableSource | undefined;
  const service = createLanguageService(
    {
      get: (uri) => (current?.uri === uri ? current : undefined),
      uris: () => (current ? [current.uri] : []),
    },
    data.settings.config,
  );
  const { maxFileSize } = data.settings;
  port.on('message', (request: Request) => {
    const answers: IndexAnswer[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const job of request.jobs) {
      const { uri } = job;
      const stat = statFileSync(job.file);
      if (!stat) {
        answers.push({ uri, kind: 'none' });
        continue;
      }
      if (stat.version === job.known) {
        answers.push({ uri, kind: 'same' });
        continue;
      }
      const text = stat.size <= readableSize(maxFileSize) ? readTextSync(job.file) : undefined;
      if (text === undefined || !isCableText(job.file, text, maxFileSize)) {
        answers.push({ uri, kind: 'none' });
        continue;
      }
      try {
        current = { uri, version: stat.version, text };
        const summary = service.summary(uri)!;
        service.forget(uri);
        answers.push({ uri, kind: 'summary', summary });
        transfer.push(summary.spans.buffer as ArrayBuffer, summary.lineStarts.buffer as ArrayBuffer);
        if (summary.keyHashes) transfer.push(summary.keyHashes.buffer as ArrayBuffer);
        if (summary.nameHashes) transfer.push(summary.nameHashes.buffer as ArrayBuffer);
      } catch (error) {
        answers.push({ uri, kind: 'failed', message: errorMessage(error) });
      } finally {
        current = undefined;
      }
    }
    port.postMessage({ batch: request.batch, answers } satisfies Reply, transfer);
  });
}

if (!isMainThread && (workerData as Partial<WorkerData> | undefined)?.[MARKER] === true) serve(workerData as WorkerData);
