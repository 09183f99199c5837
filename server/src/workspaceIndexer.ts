// Fills the core's workspace index from the workspace folders on disk: every
// `.cable` file and every `.txt` file whose first line looks like a cable,
// minus the excluded globs. The file listing is streamed; index workers
// (indexWorker.ts, one per core) stat, read and summarise the files, and the
// main thread only puts the summaries in, so requests never wait; without
// workers, the main thread reads and parses in slices between requests. Open
// documents are indexed from their editors instead.
//
// The index cache (indexCache.ts): at the first run the index is restored
// from the cache file of these folders, so it answers at once; the run then
// re-reads only the files whose size or modification time changed and drops
// those gone. The cache is written after each run, and after changes on disk.

import fg from 'fast-glob';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import picomatch from 'picomatch';
import { fileURLToPath, pathToFileURL } from 'url';
import { CABLE_GLOBS, CableLanguageService, cableFileKind } from './core';
import { globbedPath } from './globbed';
import { CacheIdentity, cacheFileFor, readIndexCache, writeIndexCache } from './indexCache';
import { fileVersion, isCableText, readText, readableSize, statFile } from './indexFiles';
import { IndexAnswer, IndexJob, IndexWorkerFactory, IndexWorkers } from './indexWorker';
import { TIMING } from './lsp/timing';

export interface IndexerHost {
  service: CableLanguageService;
  /** Whether an editor holds the document (its text wins over the disk's). */
  isOpen(uri: string): boolean;
  log(message: string): void;
  /** Called after the index changed; `source` is the cable that changed, when one did. */
  changed(source?: string): void;
  /** Shows progress; returns undefined when the client cannot. */
  beginProgress(title: string): Promise<IndexProgress | undefined>;
}

export interface IndexProgress {
  report(percentage: number, message: string): void;
  done(): void;
  readonly cancelled: boolean;
}

export interface IndexSettings {
  enabled: boolean;
  /** Globs relative to a workspace folder (`files.exclude` and `taggedCables.index.exclude`). */
  exclude: string[];
  /** Files above this size (in UTF-16 units, as the core counts) are left out. */
  maxFileSize: number;
}

export interface IndexCacheSettings {
  /** `taggedCables.index.cache`. */
  enabled: boolean;
  /** Where cache files go (the editor's workspace storage, or the default cache folder). */
  folder: string;
}

export interface IndexerOptions {
  /** Index worker threads; 0 indexes on the main thread. Default: one per core (`os.availableParallelism()`). */
  workers?: number;
  /** Makes a worker thread (tests). */
  workerFactory?: IndexWorkerFactory;
}

/** Work done between two yields to the event loop. */
const SLICE_MS = TIMING.indexSliceMs;
const READ_AHEAD = 16;
/** Summaries from the workers are put in the index for at most this long between yields. */
const APPLY_SLICE_MS = 4;
/** Files per batch sent to a worker. */
const BATCH = 32;
/** After changes on disk, the cache is written again after this long without more (files changed meanwhile are read again at start-up anyway). */
const CACHE_WRITE_DELAY_MS = 30_000;

interface RunCounts {
  /** Files read and summarised. */
  read: number;
  seen: Set<string>;
}

export class WorkspaceIndexer {
  private folders: string[] = [];
  private settings: IndexSettings = { enabled: true, exclude: [], maxFileSize: 10 * 1024 * 1024 };
  private cache: IndexCacheSettings | undefined;
  private excluded: (relative: string) => boolean = () => false;
  private run = 0;
  private running = false;
  private done = 0;
  private total = 0;
  private listed = false;
  private lastReport = 0;
  private reportedPercentage = 0;
  /** The cache identity the index was last restored for (restored once). */
  private restoredFor = '';
  /** The index changed on disk's account since the cache was last written. */
  private cacheDirty = false;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private cacheWriting: Promise<void> | undefined;

  constructor(
    private readonly host: IndexerHost,
    private readonly options: IndexerOptions = {},
  ) {}

  get indexing(): boolean {
    return this.running;
  }

  /** While indexing: files looked at and files found so far. */
  get progress(): { done: number; total: number } | undefined {
    return this.running ? { done: this.done, total: this.total } : undefined;
  }

  /** Workspace folders as `file:` URIs; other schemes are left out. */
  setFolders(uris: string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  }

  setSettings(settings: IndexSettings): void {
    this.settings = settings;
    const patterns = settings.exclude.filter((p) => p.trim().length > 0);
    const match = patterns.length > 0 ? picomatch(patterns, { dot: true }) : () => false;
    // A glob excludes a folder's files too (`**/.git` hides `.git/config`).
    this.excluded = (relative) => {
      const parts = relative.split('/');
      for (let i = 1; i <= parts.length; i++) if (match(parts.slice(0, i).join('/'))) return true;
      return false;
    };
  }

  /** The index cache: where, and whether (undefined: no cache). */
  setCache(cache: IndexCacheSettings | undefined): void {
    const was = this.cache;
    this.cache = cache?.enabled ? cache : undefined;
    if (!this.cache && this.cacheTimer) {
      clearTimeout(this.cacheTimer);
      this.cacheTimer = undefined;
    }
    // Switched on (or moved) with an index already made: write it.
    if (this.cache && (!was || was.folder !== this.cache.folder) && this.host.service.indexStats().cables > 0) {
      this.cacheDirty = true;
      if (!this.running) this.scheduleCacheWrite(CACHE_WRITE_DELAY_MS);
    }
  }

  /** The cache file of the current folders, when the cache is on. */
  get cacheFile(): string | undefined {
    return this.cache && this.folders.length > 0 ? cacheFileFor(this.cache.folder, this.folders) : undefined;
  }

  /** Whether a file belongs in the index by its path (not by its content). */
  covers(uri: string): boolean {
    if (!uri.startsWith('file:') || !this.settings.enabled) return false;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return false;
    }
    if (cableFileKind(file) === 'never') return false;
    for (const folder of this.folders) {
      const relative = path.relative(folder, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      return !this.excluded(relative.split(path.sep).join('/'));
    }
    return false;
  }

  /** Indexes every folder again; cables no longer found are dropped. A newer call supersedes it. */
  async reindex(): Promise<void> {
    const run = ++this.run;
    const service = this.host.service;
    if (!this.settings.enabled) {
      service.removeManyFromIndex(service.indexedUris().filter((uri) => !this.host.isOpen(uri)));
      this.host.changed();
      return;
    }
    this.running = true;
    this.done = 0;
    this.total = 0;
    this.listed = false;
    this.reportedPercentage = 0;
    this.host.changed();
    const progress = await this.host.beginProgress('Indexing cables');
    const stopped = () => run !== this.run || progress?.cancelled === true;
    const started = Date.now();
    const counts: RunCounts = { read: 0, seen: new Set() };
    let workers: IndexWorkers | undefined;
    try {
      const restored = await this.restoreFromCache(run);
      if (stopped()) return;
      const batches = this.batches(run, counts.seen);
      let leftover: IndexJob[][] = [];
      const wanted = this.options.workers ?? os.availableParallelism?.() ?? os.cpus().length;
      if (wanted > 0) {
        const settings = { config: service.configuration(), maxFileSize: this.settings.maxFileSize };
        // Answers go into the index in slices between requests, however many arrive at once.
        const applier = new SlicedQueue<IndexAnswer>((answer) => this.applyAnswer(answer, counts), () => this.report(progress));
        workers = new IndexWorkers(wanted, settings, (answers) => run === this.run && applier.push(answers), this.options.workerFactory);
        if (workers.live > 0) leftover = await workers.run(batches, stopped);
        await applier.idle();
        if (workers.error) this.host.log(`Index workers: ${workers.error}${workers.live === 0 ? '; indexing on the main thread.' : '.'}`);
      }
      if (stopped()) return;
      // What no worker could do, and the rest of the listing, on the main thread.
      await this.indexOnMainThread(run, leftover, batches, counts, progress);
      if (stopped()) return;
      const gone = service.indexedUris().filter((uri) => !counts.seen.has(uri) && !this.host.isOpen(uri));
      const removed = service.removeManyFromIndex(gone);
      const { cables, entities } = service.indexStats();
      const fromCache = restored > 0 ? `, ${restored} from the cache` : '';
      this.host.log(`Indexed ${cables} cables (${counts.read} read${fromCache}) with ${entities} entities in ${Date.now() - started} ms.`);
      if (counts.read > 0 || removed > 0 || restored === 0) this.cacheDirty = true;
      if (this.cacheDirty) this.scheduleCacheWrite(0);
    } catch (error) {
      this.host.log(`Indexing failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (workers) void workers.close();
      progress?.done();
      if (run === this.run) {
        this.running = false;
        this.host.changed();
      }
    }
  }

  /** A watched file was created or changed on disk. */
  async fileChanged(uri: string): Promise<void> {
    if (this.host.isOpen(uri)) return;
    if (!this.covers(uri)) {
      if (this.host.service.removeFromIndex(uri)) this.changedOnDisk(uri);
      return;
    }
    const file = fileURLToPath(uri);
    const stat = await statFile(file);
    const text = stat && stat.size <= readableSize(this.settings.maxFileSize) ? await readText(file) : undefined;
    if (!stat || text === undefined || !isCableText(file, text, this.settings.maxFileSize)) {
      if (this.host.service.removeFromIndex(uri)) this.changedOnDisk(uri);
      return;
    }
    if (this.host.isOpen(uri) || this.host.service.indexedVersion(uri) === stat.version) return;
    this.host.service.indexSource({ uri, version: stat.version, text });
    this.changedOnDisk(uri);
  }

  /** A path was created: when it is a folder (moved or copied in), its cables are indexed. */
  async folderCreated(uri: string): Promise<void> {
    if (!uri.startsWith('file:') || !this.settings.enabled) return;
    const folder = fileURLToPath(uri);
    const stat = await fs.promises.stat(folder).catch(() => undefined);
    if (!stat?.isDirectory()) return;
    const files = await fg(CABLE_GLOBS, { cwd: folder, onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true, caseSensitiveMatch: false });
    for (const file of files.map((f) => globbedPath(folder, f)).sort()) {
      const fileUri = pathToFileURL(file).toString();
      if (this.covers(fileUri)) await this.fileChanged(fileUri);
    }
  }

  /** A watched file or folder was deleted. */
  fileDeleted(uri: string): void {
    if (this.host.isOpen(uri)) return;
    const removed = (this.host.service.removeFromIndex(uri) ? 1 : 0) + this.host.service.removeFromIndexUnder(uri);
    if (removed > 0) this.changedOnDisk(uri);
  }

  /** Reads a cable from disk for features that need its text now (rename). */
  readNow(uri: string): { version: string; text: string } | undefined {
    try {
      const file = fileURLToPath(uri);
      const stat = fs.statSync(file);
      if (!stat.isFile()) return undefined;
      return { version: fileVersion(stat), text: fs.readFileSync(file, 'utf8') };
    } catch {
      return undefined;
    }
  }

  /** Writes the cache now if the index changed since it was written (the end of a session); resolves when written. */
  async flushCache(): Promise<void> {
    if (this.cacheTimer) {
      clearTimeout(this.cacheTimer);
      this.cacheTimer = undefined;
      if (this.cacheDirty) await this.writeCache();
    }
    await this.cacheWriting;
  }

  /** The index changed because a file changed on disk: tell the host, and write the cache again later. */
  private changedOnDisk(uri: string): void {
    this.host.changed(uri);
    this.cacheDirty = true;
    if (!this.running) this.scheduleCacheWrite(CACHE_WRITE_DELAY_MS);
  }

  private applyAnswer(answer: IndexAnswer, counts: RunCounts): void {
    this.done++;
    if (answer.kind === 'none') return;
    if (answer.kind === 'failed') {
      this.host.log(`Indexing ${answer.uri} failed: ${answer.message}`);
      return;
    }
    counts.seen.add(answer.uri);
    if (answer.kind === 'same' || this.host.isOpen(answer.uri)) return;
    this.host.service.addSummary(answer.summary);
    counts.read++;
  }

  /**
   * Index jobs from the file listing, in batches: each file with the version
   * the index holds. The listing runs ahead on its own (so the progress knows
   * the total early); batches go out as soon as files are found.
   */
  private async *batches(run: number, seen: Set<string>): AsyncGenerator<IndexJob[]> {
    const service = this.host.service;
    const found: string[] = [];
    let listed = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    const listing = (async () => {
      try {
        for await (const file of this.listFiles()) {
          if (run !== this.run) return;
          found.push(file);
          this.total++;
          wake?.();
        }
      } catch (error) {
        failure = error;
      } finally {
        listed = true;
        if (run === this.run) this.listed = true;
        wake?.();
      }
    })();
    let next = 0;
    while (run === this.run) {
      if (next === found.length) {
        if (failure !== undefined) throw failure;
        if (listed) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const jobs: IndexJob[] = [];
      for (; next < found.length && jobs.length < BATCH; next++) {
        const file = found[next];
        found[next] = '';
        const uri = pathToFileURL(file).toString();
        if (this.host.isOpen(uri)) {
          seen.add(uri);
          this.done++;
          continue;
        }
        const known = service.indexedVersion(uri);
        jobs.push({ file, uri, known: typeof known === 'string' ? known : undefined });
      }
      if (jobs.length > 0) yield jobs;
    }
    await listing;
  }

  /** Index jobs on the main thread: files read a few at a time, parsed in slices between requests. */
  private async indexOnMainThread(run: number, first: IndexJob[][], rest: AsyncIterator<IndexJob[]>, counts: RunCounts, progress: IndexProgress | undefined): Promise<void> {
    const service = this.host.service;
    const { maxFileSize } = this.settings;
    let sliceStart = Date.now();
    for (let batch = first.shift(); ; batch = first.shift()) {
      if (!batch) {
        const next = await rest.next();
        if (next.done) return;
        batch = next.value;
      }
      for (let i = 0; i < batch.length; i += READ_AHEAD) {
        const jobs = batch.slice(i, i + READ_AHEAD);
        const stats = await Promise.all(jobs.map((j) => statFile(j.file)));
        const texts = await Promise.all(jobs.map((j, k) => (stats[k] && stats[k]!.version !== j.known && stats[k]!.size <= readableSize(maxFileSize) ? readText(j.file) : undefined)));
        for (let k = 0; k < jobs.length; k++) {
          if (run !== this.run || progress?.cancelled) return;
          const { file, uri } = jobs[k];
          const version = stats[k]?.version;
          this.done++;
          if (version === undefined) continue;
          if (this.host.isOpen(uri) || version === service.indexedVersion(uri)) {
            counts.seen.add(uri);
            continue;
          }
          const text = texts[k];
          if (text === undefined || !isCableText(file, text, maxFileSize)) continue;
          counts.seen.add(uri);
          service.indexSource({ uri, version, text });
          counts.read++;
          if (Date.now() - sliceStart > SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = Date.now();
          }
        }
        this.report(progress);
      }
    }
  }

  /** Progress at most every 200 ms: files done of files found (the listing may still be going). */
  private report(progress: IndexProgress | undefined): void {
    if (Date.now() - this.lastReport < 200) return;
    this.lastReport = Date.now();
    const total = Math.max(this.total, this.done);
    const percentage = (this.reportedPercentage = Math.max(this.reportedPercentage, total > 0 ? Math.floor((this.done / total) * 100) : 0));
    const of = this.listed ? '' : ' found so far';
    progress?.report(percentage, `${this.done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files${of}`);
    this.host.changed();
  }

  /** The candidate files of every folder, as the listing finds them. */
  private async *listFiles(): AsyncGenerator<string> {
    const ignore = this.settings.exclude.flatMap((p) => [p, `${p.replace(/\/+$/, '')}/**`]);
    // Nested workspace folders list some files twice.
    const seen = this.folders.length > 1 ? new Set<string>() : undefined;
    for (const folder of this.folders) {
      const stream = fg.stream(CABLE_GLOBS, {
        cwd: folder,
        onlyFiles: true,
        dot: false,
        followSymbolicLinks: false,
        suppressErrors: true,
        caseSensitiveMatch: false,
        ignore,
      });
      for await (const entry of stream) {
        const file = globbedPath(folder, entry);
        if (seen) {
          if (seen.has(file)) continue;
          seen.add(file);
        }
        yield file;
      }
    }
  }

  private cacheIdentity(): CacheIdentity {
    const config = this.host.service.configuration();
    return { folders: this.folders, entityTypes: config.entityTypes, maxFileSize: this.settings.maxFileSize };
  }

  /** At the first run for these folders and settings: the cached cables, restored in slices. How many. */
  private async restoreFromCache(run: number): Promise<number> {
    const file = this.cacheFile;
    if (!file) return 0;
    const identity = this.cacheIdentity();
    const key = JSON.stringify([file, identity]);
    if (this.restoredFor === key) return 0;
    const started = Date.now();
    const read = await readIndexCache(file, identity);
    if (run !== this.run) return 0;
    if (!read.snapshot) {
      this.restoredFor = key;
      if (read.reason !== 'no cache file') this.host.log(`Index cache not used (${read.reason}): ${file}; it will be written again.`);
      return 0;
    }
    const restored = this.host.service.restoreIndex(read.snapshot);
    this.restoredFor = key;
    this.host.log(`Index cache: ${restored} cables restored from ${file} in ${Date.now() - started} ms.`);
    this.host.changed();
    return restored;
  }

  private scheduleCacheWrite(delayMs: number): void {
    if (!this.cache) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      void this.writeCache();
    }, delayMs);
    this.cacheTimer.unref?.();
  }

  /** Writes the cache file (atomically), unless indexing is under way (its end writes it) or a write is. */
  private async writeCache(): Promise<void> {
    const file = this.cacheFile;
    if (!file || this.running) return;
    if (this.cacheWriting) {
      await this.cacheWriting;
      return this.scheduleCacheWrite(CACHE_WRITE_DELAY_MS);
    }
    this.cacheDirty = false;
    const started = Date.now();
    const service = this.host.service;
    // Cables as read from disk only: an open editor's text may be unsaved.
    const snapshot = service.indexSnapshot((uri, version) => typeof version === 'string' && !this.host.isOpen(uri));
    this.cacheWriting = writeIndexCache(file, snapshot, this.cacheIdentity()).then(
      (bytes) => this.host.log(`Index cache written: ${snapshot.uris.length} cables, ${(bytes / (1024 * 1024)).toFixed(1)} MB in ${Date.now() - started} ms: ${file}`),
      (error) => {
        this.cacheDirty = true;
        this.host.log(`Index cache not written (${error instanceof Error ? error.message : String(error)}): ${file}`);
      },
    );
    try {
      await this.cacheWriting;
    } finally {
      this.cacheWriting = undefined;
    }
  }
}

/** Items handled in slices of at most APPLY_SLICE_MS, with the event loop free between slices. */
class SlicedQueue<T> {
  private readonly batches: T[][] = [];
  private next = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly handle: (item: T) => void,
    private readonly afterSlice: () => void,
  ) {}

  push(items: T[]): void {
    if (items.length === 0) return;
    this.batches.push(items);
    this.schedule();
  }

  /** Resolves once every item pushed so far is handled. */
  idle(): Promise<void> {
    if (this.batches.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const start = Date.now();
    while (this.batches.length > 0 && Date.now() - start < APPLY_SLICE_MS) {
      const batch = this.batches[0];
      this.handle(batch[this.next++]);
      if (this.next === batch.length) {
        this.batches.shift();
        this.next = 0;
      }
    }
    this.afterSlice();
    if (this.batches.length > 0) this.schedule();
    else for (const resolve of this.waiters.splice(0)) resolve();
  }
}
