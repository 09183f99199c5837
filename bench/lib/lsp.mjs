// A plain LSP client over stdio for the built server (as test/protocol/lspClient.ts):
// push diagnostics only, no pull; records when each publishDiagnostics arrives.

import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, TAG_RE } from './inputs.mjs';
import { require, SERVER_BIN, SERVER_NODE_ARGS } from './code.mjs';
import { stats } from './stats.mjs';

export const proto = require('vscode-languageserver-protocol/node');

export class Client {
  constructor() {
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER_BIN, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += String(d)));
    this.stopping = false;
    /** Rejects when the server exits before stop(): pending requests and waits fail instead of hanging. */
    this.exited = new Promise((_, reject) => {
      this.child.on('exit', (code, signal) => {
        if (!this.stopping) reject(new Error(`the server exited (code ${code}, signal ${signal}): ${this.stderr.slice(0, 2000)}`));
        this.wake();
      });
      this.child.on('error', (error) => reject(new Error(`the server could not start: ${error.message}`)));
    });
    this.exited.catch(() => undefined);
    this.arrivals = new Map(); // `${uri}#${version}` → { t, version, count }
    this.firstArrival = new Map(); // uri → { t, version, count }
    this.publishes = []; // { t, uri, version, count }
    this.waiters = [];
    this.partialTokens = 0;
    this.connection = proto.createProtocolConnection(new proto.StreamMessageReader(this.child.stdout), new proto.StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      const t = performance.now();
      const entry = { t, version: p.version, count: p.diagnostics.length };
      this.publishes.push({ t, uri: p.uri, version: p.version, count: p.diagnostics.length });
      if (!this.arrivals.has(`${p.uri}#${p.version}`)) this.arrivals.set(`${p.uri}#${p.version}`, entry);
      if (!this.firstArrival.has(p.uri)) this.firstArrival.set(p.uri, entry);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onRequest(proto.ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    this.connection.onRequest(proto.RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** `promise`, or the server's exit, whichever comes first. */
  alive(promise) {
    return Promise.race([promise, this.exited]);
  }

  async initialize() {
    const result = await this.request(proto.InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      workspaceFolders: null,
    });
    await this.connection.sendNotification(proto.InitializedNotification.type, {});
    return result;
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification(proto.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'cable', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification(proto.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  request(method, params) {
    return this.alive(this.connection.sendRequest(method, params));
  }

  /**
   * References with a `partialResultToken`: resolves when the answer comes, with when the first
   * partial result arrived (ms after sending; the answer's time when nothing was streamed) and the
   * number of locations received in all.
   */
  async streamedReferences(params) {
    const token = `refs-${++this.partialTokens}`;
    const t0 = performance.now();
    let first;
    let count = 0;
    const listener = this.connection.onProgress(new proto.ProgressType(), token, (batch) => {
      first ??= performance.now() - t0;
      count += batch.length;
    });
    try {
      const answer = await this.request(proto.ReferencesRequest.method, { ...params, partialResultToken: token });
      const total = performance.now() - t0;
      count += answer?.length ?? 0;
      return { first: first ?? total, total, count };
    } finally {
      listener.dispose();
    }
  }

  /** Waits until `probe()` returns a value (checked on every notification and every 250 ms). */
  async until(probe, what, timeoutMs = 60_000) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (this.child.exitCode !== null || this.child.signalCode !== null) await this.exited;
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.stderr}`);
      await new Promise((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }

  /** The first publishDiagnostics carrying that version of the document. */
  diagnosticsFor(uri, version, timeoutMs) {
    return this.until(() => this.arrivals.get(`${uri}#${version}`), `diagnostics for ${uri} v${version}`, timeoutMs);
  }

  firstDiagnostics(uri, timeoutMs) {
    return this.until(() => this.firstArrival.get(uri), `first diagnostics for ${uri}`, timeoutMs);
  }

  async stop() {
    this.stopping = true;
    try {
      await Promise.race([this.connection.sendRequest(proto.ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(proto.ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 100));
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

/** A client with workspace folders, work-done progress and the index notification. */
export class WorkspaceClient extends Client {
  constructor() {
    super();
    this.progressEvents = []; // { t, kind, percentage?, message? }
    this.indexChanges = []; // { t, cables, entities, indexing }
    this.logs = [];
    this.connection.onRequest(proto.WorkDoneProgressCreateRequest.type, (params) => {
      this.connection.onProgress(proto.WorkDoneProgress.type, params.token, (value) => {
        this.progressEvents.push({ t: performance.now(), kind: value.kind, percentage: value.percentage, message: value.message });
        this.wake();
      });
      return null;
    });
    this.connection.onNotification('taggedCables/indexChanged', (p) => {
      this.indexChanges.push({ t: performance.now(), ...p });
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p) => this.logs.push(p.message));
  }

  /** Sends initialize; `initialized()` starts the indexing. `initializationOptions.cacheFolder`: where the index cache goes. */
  async initializeWorkspace(folder, initializationOptions) {
    await this.request(proto.InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder.uri,
      initializationOptions,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
      },
      workspaceFolders: [{ uri: folder.uri, name: path.basename(folder.dir) }],
    });
  }

  async initialized() {
    const t = performance.now();
    await this.connection.sendNotification(proto.InitializedNotification.type, {});
    return t;
  }

  event(kind) {
    return this.progressEvents.find((e) => e.kind === kind);
  }
}

/** Offset → LSP position (UTF-16 line/character), over a fixed text. */
export function positionMapper(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** `count` positions spread over the document, each on the first character of an entity tag's text. */
export function tagPositions(text, count) {
  const offsets = [];
  for (const m of text.matchAll(TAG_RE)) offsets.push(m.index + 1 + m[1].length + 1);
  const at = positionMapper(text);
  const picked = [];
  for (let i = 0; i < count; i++) picked.push(at(offsets[Math.floor(((i + 0.5) * offsets.length) / count)]));
  return picked;
}

/** The position of the text of the first tag `[TYPE name  ]` in `text`. */
export function tagTextPosition(text, type, name) {
  const m = new RegExp(`\\[${type} +${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} *\\]`).exec(text);
  if (!m) return undefined;
  return positionMapper(text)(m.index + 1 + type.length + 1);
}

/** Runs `send` until `maxRuns` runs or `budgetMs` (at least `minRuns`), after one warm-up; times in ms. */
export async function timed(send, { maxRuns, budgetMs, minRuns = 5 }) {
  let result = await send(0);
  const times = [];
  const started = performance.now();
  for (let i = 0; i < maxRuns; i++) {
    if (i >= minRuns && performance.now() - started > budgetMs) break;
    const t0 = performance.now();
    result = await send(i);
    times.push(performance.now() - t0);
  }
  return { ...stats(times), result };
}
