// cable-lint streams its report: each file's part is written as soon as the
// files before it are done, in file order, and nothing else is kept; the
// reports are byte for byte what printing them all at once gives.

import * as assert from 'node:assert/strict';
import { EventEmitter } from 'events';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../server/src/cli';
import { defaultConfig } from '../../server/src/core';
import { processFile } from '../../server/src/cli/lintFile';
import { streamFiles } from '../../server/src/cli/pool';
import { FileResult, FileTask } from '../../server/src/cli/types';
import { ROOT, corpusFiles } from '../helpers';
import { BIN, MALFORMED, buildBin, tempDir } from './util';
import { spawn } from 'child_process';

/** A stdout that records each write. */
class Chunks {
  writes: string[] = [];
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
}

const sarifSpools = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`cable-lint-${process.pid}-`));

describe('cable-lint streaming', function () {
  this.timeout(120_000);
  const ARGS = ['test/fixtures/corpus/10R*.cable', 'test/fixtures/corpus/10S*.cable', 'seeds/'];

  for (const format of ['stylish', 'json', 'sarif']) {
    it(`${format}: written file by file to stdout, the same as the collected report`, async () => {
      const collected = await runCli(['--jobs', '1', '--format', format, ...ARGS], ROOT);
      const out = new Chunks();
      const streamed = await runCli(['--jobs', '2', '--format', format, ...ARGS], ROOT, false, { stdout: out });
      assert.equal(streamed.stdout, '', 'nothing left to print at the end');
      assert.equal(streamed.exitCode, collected.exitCode);
      assert.equal(out.writes.join(''), collected.stdout);
      assert.ok(out.writes.length >= (format === 'sarif' ? 3 : 10), `${out.writes.length} writes`);
      if (format === 'stylish') {
        // One write per file with problems (its name, its records, a blank line), then the summary.
        const withProblems = new Set((JSON.parse((await runCli(['--jobs', '1', '--format', 'json', ...ARGS], ROOT)).stdout) as Array<{ file: string }>).map((r) => r.file));
        const parts = out.writes.slice(0, -1);
        assert.deepEqual(parts.map((w) => w.split('\n')[0]), [...withProblems]);
        for (const w of parts) assert.ok(w.split('\n').slice(1, -2).every((l) => l.startsWith('  ')) && w.endsWith('\n\n'));
        assert.match(out.writes[out.writes.length - 1], /^✖ \d+ problems .* in \d+ files\n$/);
      } else {
        // Exactly what printing the whole value with an indent of 2 gives.
        assert.equal(collected.stdout, JSON.stringify(JSON.parse(collected.stdout), null, 2) + '\n');
      }
      assert.deepEqual(sarifSpools(), [], 'no temporary file left');
    });
  }

  it('json and sarif with no problems, and with unreadable files', async () => {
    const clean = tempDir({ 'a.cable': '[PER A  ] met [PER B  ] .' });
    assert.equal((await runCli(['--format', 'json', 'a.cable'], clean, false, { stdout: new Chunks() })).stdout, '');
    const json = new Chunks();
    await runCli(['--format', 'json', 'a.cable'], clean, false, { stdout: json });
    assert.equal(json.writes.join(''), '[]\n');
    const sarif = new Chunks();
    const dir = tempDir({ 'bad.cable': MALFORMED, 'gone.cable': 'x' });
    fs.chmodSync(path.join(dir, 'gone.cable'), 0);
    const result = await runCli(['--format', 'sarif', 'bad.cable', 'gone.cable'], dir, false, { stdout: sarif });
    const log = JSON.parse(sarif.writes.join(''));
    if (process.getuid?.() !== 0) {
      assert.equal(result.exitCode, 2);
      assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
      assert.equal(log.runs[0].invocations[0].toolExecutionNotifications.length, 1);
    }
    assert.ok(log.runs[0].results.length >= 4);
    assert.equal(sarif.writes.join(''), JSON.stringify(log, null, 2) + '\n');
    assert.deepEqual(sarifSpools(), []);
  });

  it('the bin streams to its stdout: the report of the first file is out long before the last file is linted', async () => {
    buildBin();
    // A small broken cable first, then large ones that take a while.
    const large = fs.readFileSync(corpusFiles().find((f) => f.endsWith('10STATE17263.cable'))!, 'utf8').repeat(15);
    const files: Record<string, string> = { 'a.cable': MALFORMED };
    for (let i = 0; i < 6; i++) files[`big${i}.cable`] = large;
    const dir = tempDir(files);
    const child = spawn(process.execPath, [BIN, '--jobs', '1', 'a.cable', ...Object.keys(files).slice(1)], { cwd: dir });
    let first: string | undefined;
    let all = '';
    let exited = false;
    child.stdout.on('data', (d) => {
      if (first === undefined) first = `${String(d)}${exited ? ' (after exit)' : ''}`;
      all += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => ((exited = true), resolve(c))));
    assert.equal(code, 1);
    assert.ok(first !== undefined && first.startsWith('a.cable\n'), first);
    assert.doesNotMatch(first, /✖|after exit/, 'the summary comes later, when every file is done');
    assert.match(all, /✖ \d+ problems .* in 7 files\n$/);
  });
});

/** Stands in for worker_threads.Worker: answers in this thread after a delay per file. */
class SlowWorker extends EventEmitter {
  static delay: (index: number) => number = () => 0;
  static sent: number[] = [];
  private dead = false;
  private readonly task: FileTask;

  constructor(_script: string, options: { workerData: { task: FileTask } }) {
    super();
    this.task = options.workerData.task;
  }

  postMessage(job: { index: number; file: string }): void {
    SlowWorker.sent.push(job.index);
    setTimeout(() => {
      if (!this.dead) this.emit('message', { index: job.index, result: processFile(job.file, this.task) });
    }, SlowWorker.delay(job.index));
  }

  terminate(): Promise<number> {
    this.dead = true;
    return Promise.resolve(1);
  }
}

describe('the worker pool hands results on in order, a window at most ahead', function () {
  this.timeout(60_000);
  const threads = require('worker_threads') as { Worker: unknown };
  const RealWorker = threads.Worker;
  const files = corpusFiles().slice(0, 40);
  const task: FileTask = { config: defaultConfig(), fix: false, stats: false };

  beforeEach(() => {
    threads.Worker = SlowWorker;
    SlowWorker.sent = [];
  });
  afterEach(() => {
    threads.Worker = RealWorker;
  });

  it('a slow first file holds the others back: no file is sent more than the window ahead of what was handed on', async () => {
    SlowWorker.delay = (index) => (index === 0 ? 300 : 1);
    const handed: number[] = [];
    const aheadWhenSent: number[] = [];
    const window = 6;
    await streamFiles(files, task, {
      jobs: 3,
      window,
      onResult: (r: FileResult, i: number) => {
        assert.equal(r.file, files[i]);
        handed.push(i);
      },
      onProgress: () => aheadWhenSent.push(Math.max(...SlowWorker.sent) - handed.length),
    });
    assert.deepEqual(handed, files.map((_, i) => i), 'in file order');
    assert.deepEqual([...SlowWorker.sent].sort((a, b) => a - b), files.map((_, i) => i), 'each file once');
    assert.ok(Math.max(...aheadWhenSent) < window, `at most ${Math.max(...aheadWhenSent)} ahead`);
  });

  it('a result handed on as a promise (a full stdout) holds the next ones until it settles', async () => {
    SlowWorker.delay = () => 1;
    const events: string[] = [];
    await streamFiles(files.slice(0, 6), task, {
      jobs: 2,
      onResult: (_r, i) => {
        events.push(`start ${i}`);
        if (i !== 2) return undefined;
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            events.push('drained');
            resolve();
          }, 50),
        );
      },
    });
    assert.deepEqual(events, ['start 0', 'start 1', 'start 2', 'drained', 'start 3', 'start 4', 'start 5']);
  });

  it('in one thread too, in order', async () => {
    const handed: string[] = [];
    await streamFiles(files.slice(0, 5), task, { jobs: 1, onResult: (r) => void handed.push(r.file) });
    assert.deepEqual(handed, files.slice(0, 5));
  });
});

describe('a worker out of memory', function () {
  this.timeout(60_000);
  const threads = require('worker_threads') as { Worker: unknown };
  const RealWorker = threads.Worker;
  const files = corpusFiles().slice(0, 6);
  const task: FileTask = { config: defaultConfig(), fix: false, stats: false };

  /** Answers every file but the third, on which it runs out of memory. */
  class OomWorker extends EventEmitter {
    private readonly task: FileTask;
    constructor(_script: string, options: { workerData: { task: FileTask } }) {
      super();
      this.task = options.workerData.task;
    }
    postMessage(job: { index: number; file: string }): void {
      setTimeout(() => {
        if (job.index !== 2) return void this.emit('message', { index: job.index, result: processFile(job.file, this.task) });
        const error = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
        this.emit('error', error);
        this.emit('exit', 1);
      }, 1);
    }
    terminate(): Promise<number> {
      return Promise.resolve(1);
    }
  }

  before(() => (threads.Worker = OomWorker));
  after(() => (threads.Worker = RealWorker));

  it('its files are linted in the main thread instead: no crash reported, the same results', async () => {
    const results: FileResult[] = [];
    await streamFiles(files, task, { jobs: 2, onResult: (r) => void results.push(r) });
    assert.deepEqual(results, files.map((f) => processFile(f, task)));
  });
});
