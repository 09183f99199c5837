// Fills the core's workspace index from the workspace folders on disk: every
// `.cable` file and every `.txt` file whose first line looks like a cable,
// minus the excluded globs. Indexing runs in slices between requests, so it
// never blocks them; open documents are indexed from their editors instead.

import fg from 'fast-glob';
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { fileURLToPath, pathToFileURL } from 'url';
import { CABLE_GLOBS, CableLanguageService, FIRST_LINE_BYTES, cableFileKind, startsLikeCable } from './core';
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

/** Work done between two yields to the event loop. */
const SLICE_MS = TIMING.indexSliceMs;
const READ_AHEAD = 16;

export class WorkspaceIndexer {
  private folders: string[] = [];
  private settings: IndexSettings = { enabled: true, exclude: [], maxFileSize: 10 * 1024 * 1024 };
  private excluded: (relative: string) => boolean = () => false;
  private run = 0;
  private running = false;
  private done = 0;
  private total = 0;

  constructor(private readonly host: IndexerHost) {}

  get indexing(): boolean {
    return this.running;
  }

  /** While indexing: files looked at and files found. */
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
      for (const uri of service.indexedUris()) if (!this.host.isOpen(uri)) service.removeFromIndex(uri);
      this.host.changed();
      return;
    }
    this.running = true;
    this.host.changed();
    const progress = await this.host.beginProgress('Indexing cables');
    const started = Date.now();
    const seen = new Set<string>();
    let indexed = 0;
    try {
      const files = await this.listFiles();
      if (run !== this.run) return;
      this.done = 0;
      this.total = files.length;
      let sliceStart = Date.now();
      let lastReport = 0;
      for (let i = 0; i < files.length; i += READ_AHEAD) {
        const batch = files.slice(i, i + READ_AHEAD).map((file) => ({ file, uri: pathToFileURL(file).toString() }));
        const stats = await Promise.all(batch.map((b) => statFile(b.file)));
        const texts = await Promise.all(
          batch.map((b, j) => {
            const version = stats[j]?.version;
            const fresh = version !== undefined && !this.host.isOpen(b.uri) && service.indexedVersion(b.uri) !== version;
            return fresh && stats[j]!.size <= this.settings.maxFileSize * 3 ? readText(b.file) : undefined;
          }),
        );
        for (let j = 0; j < batch.length; j++) {
          if (run !== this.run || progress?.cancelled) return;
          const { file, uri } = batch[j];
          const version = stats[j]?.version;
          if (this.host.isOpen(uri) || (version !== undefined && service.indexedVersion(uri) === version)) {
            seen.add(uri);
            continue;
          }
          const text = texts[j];
          if (version === undefined || text === undefined || !this.isCable(file, text)) continue;
          seen.add(uri);
          service.indexSource({ uri, version, text });
          indexed++;
          if (Date.now() - sliceStart > SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = Date.now();
          }
        }
        this.done = Math.min(files.length, i + READ_AHEAD);
        if (Date.now() - lastReport > 200) {
          lastReport = Date.now();
          const done = this.done;
          progress?.report(Math.floor((done / files.length) * 100), `${done.toLocaleString('en-US')} of ${files.length.toLocaleString('en-US')} files`);
          this.host.changed();
        }
      }
      for (const uri of service.indexedUris()) if (!seen.has(uri) && !this.host.isOpen(uri)) service.removeFromIndex(uri);
      const { cables, entities } = service.indexStats();
      this.host.log(`Indexed ${cables} cables (${indexed} read) with ${entities} entities in ${Date.now() - started} ms.`);
    } catch (error) {
      this.host.log(`Indexing failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
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
      if (this.host.service.removeFromIndex(uri)) this.host.changed(uri);
      return;
    }
    const file = fileURLToPath(uri);
    const stat = await statFile(file);
    const text = stat && stat.size <= this.settings.maxFileSize * 3 ? await readText(file) : undefined;
    if (!stat || text === undefined || !this.isCable(file, text)) {
      if (this.host.service.removeFromIndex(uri)) this.host.changed(uri);
      return;
    }
    if (this.host.isOpen(uri) || this.host.service.indexedVersion(uri) === stat.version) return;
    this.host.service.indexSource({ uri, version: stat.version, text });
    this.host.changed(uri);
  }

  /** A path was created: when it is a folder (moved or copied in), its cables are indexed. */
  async folderCreated(uri: string): Promise<void> {
    if (!uri.startsWith('file:') || !this.settings.enabled) return;
    const folder = fileURLToPath(uri);
    const stat = await fs.promises.stat(folder).catch(() => undefined);
    if (!stat?.isDirectory()) return;
    const files = await fg(CABLE_GLOBS, { cwd: folder, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true, caseSensitiveMatch: false });
    for (const file of files.sort()) {
      const fileUri = pathToFileURL(path.normalize(file)).toString();
      if (this.covers(fileUri)) await this.fileChanged(fileUri);
    }
  }

  /** A watched file or folder was deleted. */
  fileDeleted(uri: string): void {
    if (this.host.isOpen(uri)) return;
    const removed = (this.host.service.removeFromIndex(uri) ? 1 : 0) + this.host.service.removeFromIndexUnder(uri);
    if (removed > 0) this.host.changed(uri);
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

  private isCable(file: string, text: string): boolean {
    if (text.length > this.settings.maxFileSize) return false;
    return cableFileKind(file) === 'always' || startsLikeCable(text.slice(0, FIRST_LINE_BYTES));
  }

  /** The candidate files of every folder; long lists are handled in slices, so requests go on. */
  private async listFiles(): Promise<string[]> {
    const ignore = this.settings.exclude.flatMap((p) => [p, `${p.replace(/\/+$/, '')}/**`]);
    const all: string[] = [];
    for (const folder of this.folders) {
      const files = await fg(CABLE_GLOBS, {
        cwd: folder,
        absolute: true,
        onlyFiles: true,
        dot: false,
        followSymbolicLinks: false,
        suppressErrors: true,
        caseSensitiveMatch: false,
        ignore,
      });
      await new Promise((resolve) => setImmediate(resolve));
      for (const f of files) all.push(path.sep === '/' ? f : path.normalize(f));
    }
    // Nested workspace folders list some files twice.
    return this.folders.length > 1 ? [...new Set(all)] : all;
  }
}

/** A file's version (modification time and size) and size in bytes; undefined when it is not a readable file. */
async function statFile(file: string): Promise<{ version: string; size: number } | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? { version: fileVersion(stat), size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

/** A file's text; a `.txt` file only when its first line starts like a cable (other text files are not read whole). */
async function readText(file: string): Promise<string | undefined> {
  try {
    if (cableFileKind(file) === 'maybe') {
      const handle = await fs.promises.open(file, 'r');
      try {
        const head = Buffer.alloc(FIRST_LINE_BYTES);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        if (!startsLikeCable(head.subarray(0, bytesRead).toString('utf8'))) return undefined;
      } finally {
        await handle.close();
      }
    }
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function fileVersion(stat: fs.Stats): string {
  return `${stat.mtimeMs}:${stat.size}`;
}
