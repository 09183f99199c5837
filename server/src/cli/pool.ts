// Many files on worker threads. The workers run this very module: from the
// bundle, `__filename` is dist/cli.js (which contains it); under tsx, it is
// this .ts file, loaded through tsx's require hook. Each worker takes one file
// at a time from the main thread's queue (two in flight, so a worker never
// waits). Results are handed on in file order as soon as they can be (a
// reorder buffer), and no file is sent to a worker more than a window ahead
// of the first result not handed on yet, so memory stays flat however many
// files there are.

import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { processFile } from './lintFile';
import { FileResult, FileTask } from './types';

const MARKER = 'cable-lint-worker';
const IN_FLIGHT = 2;

interface WorkerData {
  [MARKER]: true;
  task: FileTask;
}

interface Job {
  index: number;
  file: string;
}

interface Answer {
  index: number;
  result: FileResult;
}

export interface RunOptions {
  jobs: number;
  /** Called after each file, in completion order. */
  onProgress?: (done: number, total: number) => void;
  /** Notes for the user that do not change the outcome (stderr). */
  notes?: string[];
}

export interface StreamOptions extends RunOptions {
  /**
   * Called with each file's result, in file order, as soon as the results of
   * the files before it are handed on. When it returns a promise (output
   * waiting to drain), the next results wait for it.
   */
  onResult: (result: FileResult, index: number) => void | Promise<void>;
  /** At most this many files ahead of the first result not handed on (default: 8 per thread, 16 at least). */
  window?: number;
}

/** From this many files, `--jobs 1` lints on one worker thread rather than the main thread. */
const ONE_WORKER_FROM = 500;

/** Processes `files` with up to `jobs` threads; the results are in the order of `files`. */
export async function runFiles(files: string[], task: FileTask, options: RunOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  await streamFiles(files, task, { ...options, window: files.length, onResult: (r) => void results.push(r) });
  return results;
}

/** Processes `files` with up to `jobs` threads, handing each result on in file order (see StreamOptions). */
export async function streamFiles(files: string[], task: FileTask, options: StreamOptions): Promise<void> {
  const workers = Math.min(options.jobs, files.length);
  // One thread for many files: a worker all the same, whose small young generation keeps memory flat.
  if (workers === 1 && files.length >= ONE_WORKER_FROM) return runOnWorkers(files, task, 1, options);
  if (workers <= 1) {
    for (let i = 0; i < files.length; i++) {
      const result = processFile(files[i], task);
      options.onProgress?.(i + 1, files.length);
      await options.onResult(result, i);
    }
    return;
  }
  await runOnWorkers(files, task, workers, options);
}

/**
 * A worker's heap is kept small, so that many threads stay small: a small
 * cable's objects die young, and the defaults let each thread grow by tens of
 * MB. A large cable that does not fit is linted again in the main thread.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

function spawn(task: FileTask): Worker {
  const data: WorkerData = { [MARKER]: true, task };
  if (/\.[cm]?ts$/.test(__filename)) {
    // Not bundled (tests under tsx): the worker needs tsx's hook to load TypeScript.
    const hook = require.resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
    return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: data, resourceLimits: WORKER_LIMITS });
  }
  return new Worker(__filename, { workerData: data, resourceLimits: WORKER_LIMITS });
}

function runOnWorkers(files: string[], task: FileTask, count: number, options: StreamOptions): Promise<void> {
  const window = Math.max(1, options.window ?? Math.max(16, 8 * count));
  return new Promise((resolve, reject) => {
    /** Results waiting for the ones before them. */
    const ready = new Map<number, FileResult>();
    const settled = new Set<number>();
    /** The next file to hand on, the next never sent, files sent again (their worker never started). */
    let delivered = 0;
    let next = 0;
    const retry: number[] = [];
    let done = 0;
    let finished = false;
    let draining: Promise<void> | undefined;
    const live = new Set<Worker>();
    const inFlight = new Map<Worker, Set<number>>();
    const answered = new Set<Worker>();

    const take = (): number | undefined => {
      if (retry.length > 0) return retry.shift();
      if (next < files.length && next < delivered + window) return next++;
      return undefined;
    };
    let pumping = false;
    const settle = (index: number, result: FileResult) => {
      if (settled.has(index)) return;
      settled.add(index);
      ready.set(index, result);
      done++;
      options.onProgress?.(done, files.length);
      pump();
    };
    /** Hands on the results that are next in order; then gives the workers more files (or lints them here, with no worker left). */
    const pump = () => {
      if (draining || pumping || finished) return;
      pumping = true;
      try {
        for (;;) {
          while (ready.has(delivered)) {
            const result = ready.get(delivered)!;
            ready.delete(delivered);
            settled.delete(delivered);
            const waiting = options.onResult(result, delivered);
            delivered++;
            if (waiting instanceof Promise) {
              draining = waiting.then(
                () => {
                  draining = undefined;
                  pump();
                },
                (error) => fail(error),
              );
              return;
            }
          }
          if (delivered === files.length) return finish();
          if (live.size > 0) {
            for (const w of live) feed(w);
            return;
          }
          const index = take();
          if (index === undefined) return;
          settled.add(index);
          ready.set(index, processFile(files[index], task));
          done++;
          options.onProgress?.(done, files.length);
        }
      } catch (error) {
        fail(error);
      } finally {
        pumping = false;
      }
    };
    const feed = (worker: Worker) => {
      const jobs = inFlight.get(worker)!;
      while (!finished && jobs.size < IN_FLIGHT) {
        const index = take();
        if (index === undefined) return;
        jobs.add(index);
        worker.postMessage({ index, file: files[index] } satisfies Job);
      }
    };
    const stopAll = () => {
      finished = true;
      const all = [...live];
      live.clear();
      return Promise.all(all.map((w) => w.terminate()));
    };
    const finish = () => {
      if (finished) return;
      void stopAll().finally(() => resolve());
    };
    const fail = (error: unknown) => {
      if (finished) return;
      void stopAll().finally(() => reject(error));
    };
    const lost = (worker: Worker, error: Error) => {
      if (finished || !live.has(worker)) return;
      live.delete(worker);
      const jobs = [...inFlight.get(worker)!];
      inFlight.delete(worker);
      void worker.terminate();
      if (!answered.has(worker)) {
        // It never started (cannot load, no threads): its files go back to the queue.
        retry.push(...jobs.sort((a, b) => a - b));
        if (live.size === 0 && answered.size === 0) options.notes?.push(`cable-lint: worker threads unavailable (${error.message}); linting in one thread.`);
      } else if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        // A cable too large for a worker's heap: linted here, with no such limit.
        for (const index of jobs.sort((a, b) => a - b)) settle(index, processFile(files[index], task));
      } else {
        for (const index of jobs) settle(index, { file: files[index], bytes: 0, records: [], fixed: 0, crash: `worker thread failed: ${error.message}` });
      }
      pump();
    };

    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = spawn(task);
      } catch (error) {
        options.notes?.push(`cable-lint: cannot start a worker thread (${(error as Error).message}).`);
        continue;
      }
      live.add(worker);
      inFlight.set(worker, new Set());
      worker.on('message', ({ index, result }: Answer) => {
        answered.add(worker);
        inFlight.get(worker)?.delete(index);
        settle(index, result);
        if (live.has(worker)) feed(worker);
      });
      worker.on('error', (error) => lost(worker, error));
      worker.on('exit', (code) => lost(worker, new Error(`exited with code ${code}`)));
      feed(worker);
    }
    if (files.length === 0) finish();
    else if (live.size === 0) pump();
  });
}

/** The worker's side: answer each job with the file's result. */
function serve(data: WorkerData): void {
  const port = parentPort!;
  port.on('message', (job: Job) => {
    port.postMessage({ index: job.index, result: processFile(job.file, data.task) } satisfies Answer);
  });
}

if (!isMainThread && (workerData as Partial<WorkerData> | undefined)?.[MARKER] === true) serve(workerData as WorkerData);
