import * as assert from 'node:assert/strict';
import { EventEmitter } from 'events';
import { defaultConfig } from '../../server/src/core';
import { processFile } from '../../server/src/cli/lintFile';
import { LintThreads, runFiles } from '../../server/src/cli/pool';
import { FileResult, FileTask } from '../../server/src/cli/types';
import { corpusFiles } from '../helpers';

/** Stands in for worker_threads.Worker: answers in this thread, and fails when told to. */
class FakeWorker extends EventEmitter {
  static failOnStart = false;
  static failAfter = Infinity;
  static spawned = 0;
  /** Milliseconds before answering a job. */
  static delay: (index: number) => number = () => 0;
  private readonly task: FileTask;
  private answered = 0;
  private dead = false;

  constructor(_script: string, options: { workerData: { task: FileTask } }) {
    super();
    FakeWorker.spawned++;
    this.task = options.workerData.task;
    if (FakeWorker.failOnStart) this.die(new Error('no threads here'));
  }

  postMessage(job: { index: number; file: string }): void {
    setTimeout(() => {
      if (this.dead) return;
      if (this.answered >= FakeWorker.failAfter) return this.die(new Error('boom'));
      this.answered++;
      this.emit('message', { index: job.index, result: processFile(job.file, this.task) });
    }, FakeWorker.delay(job.index));
  }

  terminate(): Promise<number> {
    this.dead = true;
    return Promise.resolve(1);
  }

  private die(error: Error): void {
    this.dead = true;
    setImmediate(() => {
      this.emit('error', error);
      this.emit('exit', 1);
    });
  }
}

describe('cable-lint worker pool', () => {
  const threads = require('worker_threads') as { Worker: unknown };
  const RealWorker = threads.Worker;
  const files = corpusFiles().slice(0, 12);
  const task: FileTask = { config: defaultConfig(), fix: false, stats: false };
  const inProcess = files.map((f) => processFile(f, task));

  beforeEach(() => {
    threads.Worker = FakeWorker;
    FakeWorker.failOnStart = false;
    FakeWorker.failAfter = Infinity;
    FakeWorker.spawned = 0;
    FakeWorker.delay = () => 0;
  });
  afterEach(() => {
    threads.Worker = RealWorker;
  });

  it('results come back in file order, whatever order the workers answer in', async () => {
    FakeWorker.delay = (index) => (index * 7) % 5; // later files often answer first
    const progress: number[] = [];
    const results = await runFiles(files, task, { jobs: 3, onProgress: (done) => progress.push(done) });
    assert.equal(FakeWorker.spawned, 3);
    assert.deepEqual(results, inProcess);
    assert.deepEqual(progress, files.map((_, i) => i + 1));
  });

  it('workers that cannot start: every file is linted in this thread, with a note', async () => {
    FakeWorker.failOnStart = true;
    const notes: string[] = [];
    const results = await runFiles(files, task, { jobs: 2, notes });
    assert.deepEqual(results, inProcess);
    assert.deepEqual(notes, ['cable-lint: worker threads unavailable (no threads here); linting in one thread.']);
  });

  it('a worker that dies: its files in flight are reported, the others are still linted', async () => {
    FakeWorker.failAfter = 1;
    const results: FileResult[] = await runFiles(files, task, { jobs: 2 });
    assert.equal(results.length, files.length);
    const crashed = results.filter((r) => r.crash !== undefined);
    assert.ok(crashed.length >= 1 && crashed.length <= 4, `${crashed.length} crashed`);
    for (const r of crashed) assert.equal(r.crash, 'worker thread failed: boom');
    results.forEach((r, i) => {
      assert.equal(r.file, files[i]);
      if (r.crash === undefined) assert.deepEqual(r, inProcess[i]);
    });
  });

  it('--jobs beyond what the cores can use: at most two threads a core (four at least), with a note', async () => {
    const notes: string[] = [];
    await new LintThreads(200, 50, notes, 2).close();
    assert.deepEqual(notes, ["cable-lint: --jobs 200 is more than this machine's 2 cores can use; linting on 4 threads."]);
    const none: string[] = [];
    await new LintThreads(4, 50, none, 1).close();
    await new LintThreads(200, 3, none, 1).close();
    assert.deepEqual(none, [], 'four threads, or no more threads than files: no note');
  });
});
