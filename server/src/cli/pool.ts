// Many files on worker threads. The workers run this very module: from the
// bundle, `__filename` is dist/cli.js (which contains it); under tsx, it is
// this .ts file, loaded through tsx's require hook. Each worker takes one file
// at a time from the main thread's queue (two in flight, so a worker never
// waits). Results are handed on in file order as soon as they can be (a
// reorder buffer), and no file is sent to a worker more than a window ahead
// of the first result not handed on yet, so memory stays flat however many
// files there are. A run of several passes over the same files (cable-lint's
// summaries, then its lint) keeps its workers, warm, from one pass to the next.

import * as os from 'os';
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

/** Tells a worker what to do with the files that follow. */
interface TaskChange {
  task: FileTask;
}

interface Answer {
  index: number;
  result: FileResult;
  /** The result's records as one JSON string (cloned as one string, not as an object per record). */
  records?: string;
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
  /** The task of each file, asked when the file is handed to a thread (default: the pass's task). */
  taskFor?: (index: number) => FileTask;
}

/** The cores this process may use. */
export function machineCores(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
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
  const threads = new LintThreads(options.jobs, files.length, options.notes);
  try {
    await threads.stream(files, task, options);
  } finally {
    await threads.close();
  }
}

/**
 * The threads of one run, for one or more passes over the same files: `jobs`
 * workers (started by the first pass, kept until `close`), or none, when the
 * files are processed in this thread (one thread for fewer than
 * ONE_WORKER_FROM files).
 */
export class LintThreads {
  private readonly count: number;
  private readonly pool: WorkerPool | undefined;

  constructor(jobs: number, fileCount: number, notes?: string[], cores = machineCores()) {
    // Threads beyond a few per core only cost memory (each has its own heap).
    const most = Math.max(4, 2 * cores);
    if (jobs > most && fileCount > most) notes?.push(`cable-lint: --jobs ${jobs} is more than this machine's ${cores} ${cores === 1 ? 'core' : 'cores'} can use; linting on ${most} threads.`);
    this.count = Math.min(jobs, fileCount, most);
    // One thread for many files: a worker all the same, whose small young generation keeps memory flat.
    this.pool = this.count > 1 || (this.count === 1 && fileCount >= ONE_WORKER_FROM) ? new WorkerPool(this.count, notes) : undefined;
  }

  /** One pass: `files` processed with `task`, handed on in order (see StreamOptions; its `jobs` and `notes` are the constructor's). */
  async stream(files: string[], task: FileTask, options: StreamOptions): Promise<void> {
    if (this.pool) return this.pool.run(files, task, options);
    for (let i = 0; i < files.length; i++) {
      const result = processFile(files[i], options.taskFor?.(i) ?? task);
      options.onProgress?.(i + 1, files.length);
      await options.onResult(result, i);
    }
  }

  /** Stops the workers. */
  close(): Promise<void> {
    return this.pool ? this.pool.close() : Promise.resolve();
  }
}

/**
 * The workers' young generations together, in MB. A worker's heap is kept
 * small, so that many threads stay small (a small cable's objects die young,
 * and the defaults let each thread grow by tens of MB), but a young
 * generation of 4 MB is collected about every five cables: a few threads get
 * up to 16 MB each. A large cable that does not fit is linted again in the
 * main thread.
 */
const YOUNG_GENERATIONS_MB = 32;

function workerLimits(count: number): { maxYoungGenerationSizeMb: number } {
  return { maxYoungGenerationSizeMb: Math.max(4, Math.min(16, Math.floor(YOUNG_GENERATIONS_MB / count))) };
}

function spawn(task: FileTask, count: number): Worker {
  const data: WorkerData = { [MARKER]: true, task };
  const resourceLimits = workerLimits(count);
  if (/\.[cm]?ts$/.test(__filename)) {
    // Not bundled (tests under tsx): the worker needs tsx's hook to load TypeScript.
    const hook = require.resolve('tsx/cjs', { paths: [__dirname, process.cwd()] });
    return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: data, resourceLimits });
  }
  return new Worker(__filename, { workerData: data, resourceLimits });
}

/** What a pass does with its workers' answers and failures. */
interface Pass {
  answer(worker: Worker, answer: Answer): void;
  lost(worker: Worker, error: Error): void;
}

/** The workers of a run: started with the first pass's task, told each later pass's, stopped by `close`. */
class WorkerPool {
  private readonly live = new Set<Worker>();
  /** Workers that answered at least once (their thread works). */
  private readonly answered = new Set<Worker>();
  private readonly tasks = new Map<Worker, FileTask>();
  private started = false;
  private pass: Pass | undefined;

  constructor(
    private readonly count: number,
    private readonly notes: string[] | undefined,
  ) {}

  private start(task: FileTask): void {
    this.started = true;
    for (let i = 0; i < this.count; i++) {
      let worker: Worker;
      try {
        worker = spawn(task, this.count);
      } catch (error) {
        this.notes?.push(`cable-lint: cannot start a worker thread (${(error as Error).message}).`);
        continue;
      }
      this.live.add(worker);
      this.tasks.set(worker, task);
      worker.on('message', (answer: Answer) => {
        this.answered.add(worker);
        if (answer.records !== undefined) answer.result.records = JSON.parse(answer.records) as FileResult['records'];
        this.pass?.answer(worker, answer);
      });
      worker.on('error', (error) => this.lose(worker, error));
      worker.on('exit', (code) => this.lose(worker, new Error(`exited with code ${code}`)));
    }
  }

  private lose(worker: Worker, error: Error): void {
    if (!this.live.has(worker)) return;
    this.live.delete(worker);
    void worker.terminate();
    this.pass?.lost(worker, error);
  }

  close(): Promise<void> {
    const all = [...this.live];
    this.live.clear();
    return Promise.all(all.map((w) => w.terminate())).then(() => undefined);
  }

  run(files: string[], task: FileTask, options: StreamOptions): Promise<void> {
    if (!this.started) this.start(task);
    for (const worker of this.live) {
      if (this.tasks.get(worker) === task) continue;
      this.tasks.set(worker, task);
      worker.postMessage({ task } satisfies TaskChange);
    }
    const window = Math.max(1, options.window ?? Math.max(16, 8 * this.count));
    const { live, answered, tasks } = this;
    const taskOf = (index: number) => options.taskFor?.(index) ?? task;
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
      const inFlight = new Map<Worker, Set<number>>();
      for (const worker of live) inFlight.set(worker, new Set());

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
      /** Hands on the results that are next in order; then gives the workers more files (or processes them here, with no worker left). */
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
            ready.set(index, processFile(files[index], taskOf(index)));
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
          const own = taskOf(index);
          if (tasks.get(worker) !== own) {
            tasks.set(worker, own);
            worker.postMessage({ task: own } satisfies TaskChange);
          }
          worker.postMessage({ index, file: files[index] } satisfies Job);
        }
      };
      const end = () => {
        finished = true;
        this.pass = undefined;
      };
      const finish = () => {
        if (finished) return;
        end();
        resolve();
      };
      const fail = (error: unknown) => {
        if (finished) return;
        end();
        void this.close().finally(() => reject(error));
      };
      this.pass = {
        answer: (worker, { index, result }) => {
          if (finished) return;
          inFlight.get(worker)?.delete(index);
          settle(index, result);
          if (live.has(worker)) feed(worker);
        },
        lost: (worker, error) => {
          if (finished) return;
          const jobs = [...(inFlight.get(worker) ?? [])];
          inFlight.delete(worker);
          if (!answered.has(worker)) {
            // It never started (cannot load, no threads): its files go back to the queue.
            retry.push(...jobs.sort((a, b) => a - b));
            if (live.size === 0 && answered.size === 0) options.notes?.push(`cable-lint: worker threads unavailable (${error.message}); linting in one thread.`);
          } else if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
            // A cable too large for a worker's heap: linted here, with no such limit.
            for (const index of jobs.sort((a, b) => a - b)) settle(index, processFile(files[index], taskOf(index)));
          } else {
            for (const index of jobs) settle(index, { file: files[index], bytes: 0, records: [], fixed: 0, crash: `worker thread failed: ${error.message}` });
          }
          pump();
        },
      };
      for (const worker of live) feed(worker);
      if (files.length === 0) finish();
      else if (live.size === 0) pump();
    });
  }
}

/** The worker's side: answer each job with the file's result, with the task last given. */
function serve(data: WorkerData): void {
  const port = parentPort!;
  let task = data.task;
  port.on('message', (message: Job | TaskChange) => {
    if ('task' in message) {
      task = message.task;
      return;
    }
    const result = processFile(message.file, task);
    const records = JSON.stringify(result.records);
    result.records = [];
    port.postMessage({ index: message.index, result, records } satisfies Answer);
  });
}

if (!isMainThread && (workerData as Partial<WorkerData> | undefined)?.[MARKER] === true) serve(workerData as WorkerData);
