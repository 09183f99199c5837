// The language server's start-up and wiring: the state every handler sees,
// capability negotiation, and the dispatch table (lsp/routes.ts). The LSP
// layer lives in lsp/; the language features in core/.

import {
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  InitializeError,
  InitializeParams,
  InitializeResult,
  ResponseError,
  ProposedFeatures,
  WatchKind,
  DiagnosticRefreshRequest,
  createConnection,
} from 'vscode-languageserver/node';
import { CABLE_WATCH_GLOB, CableWorkspace, createLanguageService } from './core';
import { clientFeatures, serverCapabilities, tolerantInitialize } from './lsp/capabilities';
import { registerAll } from './lsp/dispatch';
import { DiagnosticsManager } from './lsp/diagnosticsManager';
import { OpenDocuments } from './lsp/documents';
import { publish, twoPhase } from './lsp/handlers/diagnostics';
import { didChangeWorkspaceFolders } from './lsp/handlers/sync';
import { IndexHost } from './lsp/indexHost';
import { Comparisons } from './lsp/comparisons';
import { PositionMapper, TextPositions } from './lsp/positions';
import { NOTIFICATIONS, REQUESTS } from './lsp/routes';
import { SETTINGS_SECTION, applySettings, defaultSettings, loadSettings } from './lsp/settings';
import { ServerState } from './lsp/state';
import { VERSION } from './version';
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import { isMainThread } from 'worker_threads';

export { TIMING } from './lsp/timing';

/** How long the first diagnostics wait for the client's settings. */
const SETTINGS_WAIT_MS = 2000;
export { SETTINGS_SECTION };

export function startServer(connection: Connection): ServerState {
  const documents = new OpenDocuments();
  const workspace: CableWorkspace = {
    get: (uri) => {
      const doc = documents.get(uri);
      return doc ? { uri, version: doc.version, text: doc.text } : undefined;
    },
    uris: () => documents.uris(),
    read: (uri) => {
      const found = state.index.readNow(uri);
      return found ? { uri, ...found } : undefined;
    },
  };
  const service = createLanguageService(workspace);
  const state: ServerState = {
    connection,
    documents,
    service,
    client: clientFeatures({}),
    settings: defaultSettings(),
    diagnostics: undefined as unknown as DiagnosticsManager,
    index: undefined as unknown as IndexHost,
    toldLarge: new Set(),
    comparisons: undefined as unknown as Comparisons,
    phase: 'starting',
    positionsOf: (uri) => positionsOf(state, uri),
    log: (message) => connection.console.log(message),
    error: (message) => connection.console.error(message),
  };
  (state as { index: IndexHost }).index = new IndexHost(state);
  (state as { comparisons: Comparisons }).comparisons = new Comparisons(state);
  state.diagnostics = diagnosticsManager(state);

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    if (state.phase !== 'starting') return new ResponseError(ErrorCodes.InvalidRequest, 'The server is initialized already.', { retry: false });
    state.phase = 'running';
    state.client = clientFeatures(params?.capabilities);
    documents.setEncoding(state.client.encoding);
    state.diagnostics = diagnosticsManager(state);
    // Settings pulled after `initialized` decide the first diagnostics.
    if (state.client.pullConfiguration) state.diagnostics.hold();
    state.index.setFolders(folderUris(params));
    // Clients without workspace/configuration: `{ settings: {…} }` or `{ taggedCables: {…} }`.
    const options = params.initializationOptions as { settings?: unknown; taggedCables?: unknown; cacheFolder?: unknown } | undefined;
    state.index.setCacheFolder(options?.cacheFolder);
    const section = options?.settings ?? options?.taggedCables;
    if (section !== undefined) applySettings(state, section);
    return { capabilities: serverCapabilities(state.client), serverInfo: { name: 'cable-language-server', version: VERSION } };
  });

  connection.onInitialized(() => {
    const { client } = state;
    if (client.registerWatchedFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          // Folders too: a folder moved in or out is reported as one path.
          watchers: [{ globPattern: CABLE_WATCH_GLOB }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
        })
        .catch(() => undefined);
    }
    if (client.workspaceFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((event) => didChangeWorkspaceFolders(state, event));
      } catch {
        // The client does not report workspace folder changes.
      }
    }
    if (client.registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, 'files.exclude'] }).catch(() => undefined);
    }
    if (client.pullConfiguration) {
      state.index.start(false);
      // A client that never answers must not keep diagnostics back for good.
      setTimeout(() => state.diagnostics.release(), SETTINGS_WAIT_MS).unref?.();
      void loadSettings(state);
    } else {
      state.index.start(true);
    }
  });

  connection.onShutdown(() => {
    state.phase = 'shutdown';
  });

  registerAll(connection, state, REQUESTS, NOTIFICATIONS);
  connection.listen();
  return state;
}

/** The workspace folders of `initialize` (or its root), those given as URIs. */
function folderUris(params: InitializeParams): string[] {
  if (Array.isArray(params?.workspaceFolders)) return params.workspaceFolders.map((f) => f?.uri).filter((uri): uri is string => typeof uri === 'string');
  return typeof params?.rootUri === 'string' ? [params.rootUri] : [];
}

function diagnosticsManager(state: ServerState): DiagnosticsManager {
  state.diagnostics?.dispose();
  return new DiagnosticsManager(
    {
      publish: (uri, scope) => publish(state, uri, scope),
      twoPhase: (uri) => twoPhase(state, uri),
      refresh: () => {
        if (state.client.diagnosticRefresh) void state.connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      },
      openUris: () => state.documents.uris(),
    },
    state.client.pullDiagnostics ? 'pull' : 'push',
  );
}

/** Cables on disk for non-UTF-16 clients: their text, read once per version. */
const diskPositions = new Map<string, { version: string | number | undefined; positions: TextPositions }>();

function positionsOf(state: ServerState, uri: string): PositionMapper | undefined {
  const doc = state.documents.get(uri);
  if (doc) return doc.positions;
  const version = state.service.indexedVersion(uri);
  if (version === undefined) return undefined;
  if (state.client.encoding === 'utf-16') {
    return {
      positionAt: (offset) => state.service.positionAt(uri, offset)!,
      positionsAt: (offsets) => state.service.positionsAt(uri, offsets)!,
      offsetAt: () => 0,
    };
  }
  const cached = diskPositions.get(uri);
  if (cached && cached.version === version) return cached.positions;
  let text: string;
  try {
    text = fs.readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
  const positions = new TextPositions(text, state.client.encoding);
  if (diskPositions.size > 64) diskPositions.clear();
  diskPositions.set(uri, { version, positions });
  return positions;
}

/** Entry point: `cable-language-server --stdio`, or the client's IPC launch. */
export function main(): void {
  // `--stdio`, `--node-ipc` and `--socket=N` are read by createConnection.
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write('Usage: cable-language-server --stdio\nThe Tagged Cables language server; speaks LSP over stdio (or --node-ipc, --socket=PORT).\n');
    process.exit(0);
  }
  if (process.argv.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    process.exit(0);
  }
  // A stray rejected promise is logged; it must not take the server down.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`cable-language-server: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
  });
  const hasTransport = process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'));
  if (!hasTransport) process.argv.push('--stdio');
  startServer(createConnection(ProposedFeatures.all, { messageStrategy: tolerantInitialize }));
}

// Index workers load this bundle too (indexWorker.ts): only the main thread is a server.
if (require.main === module && isMainThread) main();
