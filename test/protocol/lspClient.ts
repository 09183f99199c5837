// A real LSP client over stdio for protocol tests: it starts the bundled
// server the way any editor would (`cable-language-server --stdio`).

import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ClientCapabilities,
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  WorkspaceEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';

export class LspTestClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<() => void> = [];
  settings: Record<string, unknown> = {};
  filesExclude: Record<string, boolean> = {};
  /** Every `$/progress` notification with its token (work done and partial results), in order. */
  progressByToken: Array<{ token: string | number; value: unknown }> = [];
  /** `$/progress` values, in order. */
  progress: Array<{ kind: string; title?: string; message?: string; percentage?: number }> = [];
  /** `taggedCables/indexChanged` notifications, in order. */
  indexEvents: Array<{ cables: number; entities: number; indexing: boolean }> = [];
  /** Registrations the server asked for. */
  registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  /** `workspace/applyEdit` requests from the server (answered as applied). */
  appliedEdits: Array<{ label?: string; edit: WorkspaceEdit }> = [];
  /** `window/showMessage` and `window/showMessageRequest` warnings and errors. */
  warnings: string[] = [];
  stderr = '';
  logs: string[] = [];
  messages: string[] = [];

  /** `XDG_CACHE_HOME` of the servers started, one temporary folder per test run (removed at exit). */
  static readonly cacheHome = (() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cables-test-cache-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();

  static build(): void {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }

  constructor() {
    // The server's default index cache folder ($XDG_CACHE_HOME/tagged-cables): a temporary one, not the user's.
    this.child = spawn(process.execPath, [path.join(ROOT, 'bin', 'cable-language-server.js'), '--stdio'], { cwd: ROOT, env: { ...process.env, XDG_CACHE_HOME: LspTestClient.cacheHome } });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onNotification('window/showMessage', (p: { message: string; type: number }) => {
      this.messages.push(p.message);
      if (p.type <= 2) this.warnings.push(p.message);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'files.exclude' ? this.filesExclude : this.settings)));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return undefined;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      for (const w of this.waiters.splice(0)) w();
      return { applied: true };
    });
    this.connection.onNotification('$/progress', (p: { token: string | number; value: { kind: string } }) => {
      this.progressByToken.push({ token: p.token, value: p.value });
      if (p.value && typeof p.value === 'object' && 'kind' in p.value) this.progress.push(p.value);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onNotification('taggedCables/indexChanged', (p: { cables: number; entities: number; indexing: boolean }) => {
      this.indexEvents.push(p);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.listen();
  }

  get alive(): boolean {
    return this.child.exitCode === null;
  }

  /** Initializes with exactly these client capabilities (for negotiation tests). */
  async initializeWith(capabilities: ClientCapabilities, initializationOptions?: unknown, workspaceFolders: string[] | null = null) {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions,
      workspaceFolders: workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** `extra`: code actions with `disabled` reasons, and `workspace/applyEdit`, which the default client does not claim. */
  async initialize(pullConfiguration = true, workspaceFolders: string[] | null = null, annotatedEdits = false, extra: { disabledCodeActions?: boolean; applyEdit?: boolean } = {}) {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: pullConfiguration,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          workspaceEdit: annotatedEdits ? { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } : undefined,
          ...(extra.applyEdit ? { applyEdit: true } : {}),
        },
        window: { workDoneProgress: true },
        ...(extra.disabledCodeActions ? { textDocument: { codeAction: { disabledSupport: true } } } : {}),
      },
      workspaceFolders: workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'cable') {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]) {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string) {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>) {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { taggedCables: settings } });
  }

  /** The next diagnostics published for `uri` that satisfy `accept`. */
  async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (this.diagnostics.get(uri) ?? []).find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Every publish for `uri` so far, in order. */
  published(uri: string): PublishDiagnosticsParams[] {
    return [...(this.diagnostics.get(uri) ?? [])];
  }

  /**
   * The last publish for `uri` at `version` once the server has sent nothing
   * more for it for `quietMs` (a large cable gets two per version: its tag
   * checks, then every check).
   */
  async settledDiagnosticsFor(uri: string, version: number, quietMs = 300, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    await this.diagnosticsFor(uri, (p) => p.version === version, timeoutMs);
    for (;;) {
      const count = this.published(uri).length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.published(uri).length === count) break;
    }
    const mine = this.published(uri).filter((p) => p.version === version);
    return mine[mine.length - 1];
  }

  /** Waits until `condition` holds, re-checking on every notification and every 200 ms. */
  async until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** How many times diagnostics were pushed for `uri`. */
  publishedCount(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  clearDiagnostics(uri: string) {
    this.diagnostics.delete(uri);
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 100));
    if (this.alive) this.child.kill();
    this.connection.dispose();
  }
}
