// The workspace index as the server keeps it: which folders, which settings,
// the background indexer, watched files and open editors, the index cache on
// disk, and who is told when it changed (the client's Entities view, the
// other open cables' cross-cable diagnostics).

import * as path from 'path';
import { FileChangeType, FileEvent, WorkspaceFolder } from 'vscode-languageserver/node';
import { cableFileKind } from '../core';
import { defaultCacheFolder } from '../indexCache';
import { IndexChangedNotification, IndexChangedParams } from '../protocol';
import { IndexProgress, IndexerOptions, WorkspaceIndexer } from '../workspaceIndexer';
import { ServerState, errorText } from './state';
import { TIMING } from './timing';

export class IndexHost {
  private readonly indexer: WorkspaceIndexer;
  private folders: string[] = [];
  private applied = '';
  private appliedTypes = '';
  private started = false;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private changes = 0;
  /** The index cache's folder: the editor's (VS Code's workspace storage), else the default one. */
  private cacheFolder: string | undefined;

  constructor(
    private readonly state: ServerState,
    options: IndexerOptions = { workers: workersFromEnvironment() },
  ) {
    this.indexer = new WorkspaceIndexer(
      {
        service: state.service,
        isOpen: (uri) => state.documents.has(uri),
        log: (message) => state.log(message),
        changed: (source) => this.changed(source),
        beginProgress: (title) => this.beginProgress(title),
      },
      options,
    );
  }

  /** `initializationOptions.cacheFolder`: where the client wants the index cache (a path); ignored unless absolute. */
  setCacheFolder(folder: unknown): void {
    this.cacheFolder = typeof folder === 'string' && path.isAbsolute(folder) ? folder : undefined;
  }

  /** The index cache file of the open folders, when the cache is on. */
  get cacheFile(): string | undefined {
    return this.indexer.cacheFile;
  }

  /** Grows with every change of the index. */
  get generation(): number {
    return this.changes;
  }

  get indexing(): boolean {
    return this.indexer.indexing;
  }

  setFolders(folders: string[]): void {
    this.folders = folders;
  }

  /** After `initialized`: indexing may start, now or when the settings arrive (`configure`). */
  start(now: boolean): void {
    this.started = true;
    if (now) this.configure();
  }

  /** Indexes again when the folders, the index settings or the entity types changed. */
  configure(): void {
    if (!this.started) return;
    const { settings, service } = this.state;
    // The cache can be switched on and off without indexing again.
    this.indexer.setCache({ enabled: settings.index.cache, folder: this.cacheFolder ?? defaultCacheFolder() });
    const indexSettings = { enabled: settings.index.enabled, exclude: [...settings.filesExclude, ...settings.index.exclude], maxFileSize: settings.config.maxFileSize };
    const types = settings.config.entityTypes.join();
    const signature = JSON.stringify([indexSettings, types, this.folders]);
    if (signature === this.applied) return;
    const typesChanged = this.applied !== '' && types !== this.appliedTypes;
    this.applied = signature;
    this.appliedTypes = types;
    this.indexer.setFolders(this.folders);
    this.indexer.setSettings(indexSettings);
    // Cables on disk were summarised with the old types.
    if (typesChanged) service.removeManyFromIndex(service.indexedUris().filter((uri) => !this.state.documents.has(uri)));
    void this.indexer.reindex();
  }

  foldersChanged(added: WorkspaceFolder[], removed: WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => f.uri));
    this.folders = [...this.folders.filter((u) => !gone.has(u)), ...added.map((f) => f.uri)];
    for (const uri of gone) this.state.service.removeFromIndexUnder(uri);
    this.configure();
  }

  filesChanged(changes: FileEvent[]): void {
    for (const change of changes) {
      const failed = (error: unknown) => this.state.log(`Indexing ${change.uri} failed: ${errorText(error)}`);
      try {
        if (change.type === FileChangeType.Deleted) this.indexer.fileDeleted(change.uri);
        else if (cableFileKind(change.uri) !== 'never') void this.indexer.fileChanged(change.uri).catch(failed);
        else if (change.type === FileChangeType.Created) void this.indexer.folderCreated(change.uri).catch(failed);
      } catch (error) {
        failed(error);
      }
    }
  }

  /** Whether an open cable belongs in the index. */
  coversOpen(uri: string): boolean {
    if (!uri.startsWith('file:') || !this.state.settings.index.enabled) return false;
    return this.folders.length === 0 || this.indexer.covers(uri);
  }

  /** An open cable was analysed: its text replaces what the index held. */
  openCableAnalysed(uri: string): void {
    if (this.coversOpen(uri) && this.state.service.indexOpenDocument(uri)) this.changed(uri);
  }

  /** An editor closed: the disk's text replaces the editor's (unsaved changes are gone). */
  cableClosed(uri: string): void {
    if (this.indexer.covers(uri)) void this.indexer.fileChanged(uri).catch(() => undefined);
    else if (this.state.service.removeFromIndex(uri)) this.changed(uri);
  }

  /** A cable's text on disk now (rename reads the cables it edits). */
  readNow(uri: string): { version: string; text: string } | undefined {
    return this.indexer.readNow(uri);
  }

  private changed(source?: string): void {
    this.changes++;
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      const { cables, entities } = this.state.service.indexStats();
      const params: IndexChangedParams = { cables, entities, indexing: this.indexer.indexing, ...this.indexer.progress };
      void this.state.connection.sendNotification(IndexChangedNotification, params);
    }, TIMING.indexNotifyMs);
    if (this.indexer.indexing && source === undefined) return;
    this.state.diagnostics.indexChanged(source);
  }

  private async beginProgress(title: string): Promise<IndexProgress | undefined> {
    if (!this.state.client.progress) return undefined;
    try {
      const reporter = await this.state.connection.window.createWorkDoneProgress();
      let cancelled = false;
      reporter.token.onCancellationRequested(() => (cancelled = true));
      reporter.begin(title, 0, undefined, true);
      return {
        report: (percentage, message) => reporter.report(percentage, message),
        done: () => reporter.done(),
        get cancelled() {
          return cancelled;
        },
      };
    } catch {
      return undefined;
    }
  }
}

/** `TAGGED_CABLES_INDEX_WORKERS`: index worker threads (0: index on the main thread); unset: one per core. */
function workersFromEnvironment(): number | undefined {
  const value = process.env.TAGGED_CABLES_INDEX_WORKERS;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
