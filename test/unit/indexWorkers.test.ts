// Indexing on worker threads: the index the workers fill answers exactly as
// one filled on the main thread, and as one filled by indexing each file
// directly; a worker that cannot start, or stops half-way, hands its files
// back and the index is still complete.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import { CableLanguageService, InMemoryWorkspace, createLanguageService, defaultConfig } from '../../server/src/core';
import { fileVersion } from '../../server/src/indexFiles';
import { IndexWorkerFactory, spawnIndexWorker } from '../../server/src/indexWorker';
import { WorkspaceIndexer } from '../../server/src/workspaceIndexer';
import { corpusFiles, seedText } from '../helpers';
import { answers } from './indexAnswers';

describe('index workers', function () {
  this.timeout(180_000);
  let ws: string;

  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'cables-workers-'));
    // More files than a few batches, in nested folders, with a .txt cable, a .txt that is not one, CRLF and non-BMP text.
    corpusFiles().forEach((f, i) => {
      const folder = path.join(ws, `f${i % 7}`, i % 2 ? 'deep' : '');
      fs.mkdirSync(folder, { recursive: true });
      fs.copyFileSync(f, path.join(folder, path.basename(f)));
    });
    fs.writeFileSync(path.join(ws, 'seed.txt'), seedText());
    fs.writeFileSync(path.join(ws, 'crlf.cable'), seedText().replace(/\n/g, '\r\n').replace('Pickard', 'Pi𝐀ckard'));
    fs.writeFileSync(path.join(ws, 'notes.txt'), 'Not a cable: [PER Nobody  ] .\n');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  async function index(workers: number, factory?: IndexWorkerFactory): Promise<{ service: CableLanguageService; logs: string[] }> {
    const service = createLanguageService(new InMemoryWorkspace());
    const logs: string[] = [];
    const indexer = new WorkspaceIndexer({ service, isOpen: () => false, log: (m) => logs.push(m), changed: () => undefined, beginProgress: async () => undefined }, { workers, workerFactory: factory });
    indexer.setFolders([pathToFileURL(ws).href]);
    indexer.setSettings({ enabled: true, exclude: [], maxFileSize: defaultConfig().maxFileSize });
    await indexer.reindex();
    return { service, logs };
  }

  const expected = corpusFiles().length + 2;
  let mainThread: { service: CableLanguageService; logs: string[] };
  before(async () => (mainThread = await index(0)));

  it('the main thread indexes what indexing each file directly gives', () => {
    const direct = createLanguageService(new InMemoryWorkspace());
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const file of walk(ws).filter((f) => !f.endsWith('notes.txt'))) {
      direct.indexSource({ uri: pathToFileURL(file).href, version: fileVersion(fs.statSync(file)), text: fs.readFileSync(file, 'utf8') });
    }
    assert.equal(mainThread.service.indexStats().cables, expected);
    assert.deepEqual(answers(mainThread.service), answers(direct));
  });

  it('two workers give the same index as the main thread', async () => {
    const workers = await index(2);
    assert.match(workers.logs.find((l) => l.startsWith('Indexed ')) ?? '', new RegExp(`^Indexed ${expected} cables \\(${expected} read\\)`));
    assert.ok(!workers.logs.some((l) => l.startsWith('Index workers')), workers.logs.join('\n'));
    assert.deepEqual(answers(workers.service), answers(mainThread.service));
  });

  it('workers that cannot start: the main thread indexes everything', async () => {
    const broken: IndexWorkerFactory = () => new Worker('throw new Error("no index worker here")', { eval: true });
    const fallback = await index(2, broken);
    assert.ok(fallback.logs.some((l) => /^Index workers: .*no index worker here.*; indexing on the main thread\.$/.test(l)), fallback.logs.join('\n'));
    assert.deepEqual(answers(fallback.service), answers(mainThread.service));
  });

  it('a worker factory that throws: the main thread indexes everything', async () => {
    const fallback = await index(2, () => {
      throw new Error('threads are not allowed');
    });
    assert.ok(fallback.logs.some((l) => /threads are not allowed; indexing on the main thread/.test(l)), fallback.logs.join('\n'));
    assert.deepEqual(answers(fallback.service), answers(mainThread.service));
  });

  it('workers that stop after their first batch: their files go to the others, then to the main thread', async () => {
    let answered = 0;
    const dying: IndexWorkerFactory = (data) => {
      const worker = spawnIndexWorker(data);
      worker.once('message', () => {
        answered++;
        setImmediate(() => void worker.terminate());
      });
      return worker;
    };
    const fallback = await index(2, dying);
    assert.ok(answered >= 1);
    assert.ok(fallback.logs.some((l) => /^Index workers: a worker exited with code 1; indexing on the main thread\.$/.test(l)), fallback.logs.join('\n'));
    assert.match(fallback.logs.find((l) => l.startsWith('Indexed ')) ?? '', new RegExp(`^Indexed ${expected} cables \\(${expected} read\\)`));
    assert.deepEqual(answers(fallback.service), answers(mainThread.service));
  });
});
