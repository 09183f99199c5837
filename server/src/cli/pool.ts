// Many files on worker threads. The workers run this very module: from the
// bundle, `__filename` is dist/cli.js (which contains it); under tsx, it is
// this .ts file, loaded through tsx's require hook. Each worker takes one file
// at a time from the main thread's queue (two in flight, so a worker never
// waits), and results are put back in file order.

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

/** Processes `files` with up to `jobs` threads; the results are in the order of `files`. */
export async function runFiles(files: string[], task: FileTask, options: RunOptions): Promise<FileResult[]> {
  const workers = Math.min(options.jobs, files.length);
  if (workers <= 1) return runInProcess(files, task, options);
  return runOnWorkers(files, task, workers, options);
}

function runInProcess(files: string[], task: FileTask, options: RunOptions): FileResult[] {
  const results: FileResult[] = [];
  for (const file of files) {
    results.push(processFile(file, task));
    options.onProgress?.(results.length, files.length);
  }
  return results;
}

function spawn(task: FileTask): Worker {
  const data: WorkerData = { [MARKER]: true, task };
  if (/\.[cm]?ts$/.test(__filename)) {
    // Not bundled (tests under tsx): the worker needs tsx's hook to load TypeScript.
    const hook = require.resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
    return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: data });
  }
  return new Worker(__filename, { workerData: data });
}

function runOnWorkers(files: string[], task: FileTask, count: number, options: RunOptions): Promise<FileResult[]> {
  return new Promise((resolve) => {
    const results = new Array<FileResult | undefined>(files.length);
    const queue: number[] = files.map((_, i) => i);
    let head = 0;
    let done = 0;
    let finished = false;
    const live = new Set<Worker>();
    const inFlight = new Map<Worker, Set<number>>();
    const answered = new Set<Worker>();

    const take = (): number | undefined => (head < queue.length ? queue[head++] : undefined);
    const settle = (index: number, result: FileResult) => {
      if (results[index]) return;
      results[index] = result;
      done++;
      options.onProgress?.(done, files.length);
      if (done === files.length) finish();
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
    const finish = () => {
      if (finished) return;
      finished = true;
      const all = [...live];
      live.clear();
      void Promise.all(all.map((w) => w.terminate())).finally(() => resolve(results as FileResult[]));
    };
    const lost = (worker: Worker, error: Error) => {
      if (finished || !live.has(worker)) return;
      live.delete(worker);
      const jobs = [...inFlight.get(worker)!];
      inFlight.delete(worker);
      if (!answered.has(worker)) {
        // It never started (cannot load, no threads): its files go back to the queue.
        queue.push(...jobs);
      } else {
        for (const index of jobs) settle(index, { file: files[index], bytes: 0, records: [], fixed: 0, crash: `worker thread failed: ${error.message}` });
      }
      void worker.terminate();
      if (finished) return;
      if (live.size === 0) {
        if (answered.size === 0) options.notes?.push(`cable-lint: worker threads unavailable (${error.message}); linting in one thread.`);
        for (let index = take(); index !== undefined; index = take()) settle(index, processFile(files[index], task));
      } else {
        for (const w of live) feed(w);
      }
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
    if (live.size === 0) {
      for (let index = take(); index !== undefined; index = take()) settle(index, processFile(files[index], task));
    }
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
