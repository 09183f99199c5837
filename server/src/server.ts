// The language server: a thin LSP layer over the core. The only module that
// knows LSP; it converts offsets to positions and guards every handler.

import {
  AnnotatedTextEdit,
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Connection,
  createConnection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Hover,
  InitializeResult,
  Location as LspLocation,
  MarkupKind,
  MessageType,
  OptionalVersionedTextDocumentIdentifier,
  ProposedFeatures,
  Range,
  ResponseError,
  ShowMessageNotification,
  SymbolInformation,
  SymbolKind,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
  WatchKind,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CableCodeAction,
  CableLanguageService,
  CableSource,
  CableSymbol,
  CableWorkspace,
  RenameError,
  Severity,
  Span,
  SymbolKind as CableSymbolKind,
  TextEdit as CableTextEdit,
  cableName,
  normalizeConfig,
} from './core';
import {
  CABLE_SUMMARY_REQUEST,
  CableSummaryParams,
  CableSummaryResult,
  ENTITIES_REQUEST,
  ENTITY_AT_REQUEST,
  ENTITY_TYPES_REQUEST,
  EntitiesParams,
  EntitiesResult,
  EntityAtParams,
  EntityAtResult,
  EntityTypeNode,
  EntityTypesParams,
  INDEX_CHANGED_NOTIFICATION,
  IndexChangedParams,
  MENTIONS_REQUEST,
  MentionNode,
  MentionsParams,
  MentionsResult,
} from './protocol';
import { IndexProgress, WorkspaceIndexer } from './workspaceIndexer';
import { TIMING } from './lsp/timing';
import * as fs from 'fs';
import { fileURLToPath } from 'url';

export { ENTITY_AT_REQUEST } from './protocol';
export { TIMING } from './lsp/timing';

export const SETTINGS_SECTION = 'taggedCables';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SYMBOL_KIND: Record<CableSymbolKind, SymbolKind> = {
  header: SymbolKind.Namespace,
  banner: SymbolKind.Constant,
  field: SymbolKind.Property,
  reference: SymbolKind.Key,
  section: SymbolKind.Module,
  paragraph: SymbolKind.String,
  entities: SymbolKind.Package,
  entityType: SymbolKind.Class,
  entity: SymbolKind.Object,
};

/** Open editors as the core's workspace; cables on disk are read on demand. */
class OpenDocumentsWorkspace implements CableWorkspace {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly readFromDisk: (uri: string) => { version: string; text: string } | undefined,
  ) {}

  read(uri: string): CableSource | undefined {
    const found = this.readFromDisk(uri);
    return found ? { uri, ...found } : undefined;
  }

  get(uri: string): CableSource | undefined {
    const doc = this.documents.get(uri);
    return doc ? { uri, version: doc.version, text: doc.getText() } : undefined;
  }

  uris(): Iterable<string> {
    return this.documents.keys();
  }
}

const TYPE_SYMBOL_KIND: Record<string, SymbolKind> = {
  PER: SymbolKind.Object,
  PERSON: SymbolKind.Object,
  ORG: SymbolKind.Class,
  LOC: SymbolKind.Namespace,
  GPE: SymbolKind.Namespace,
  MISC: SymbolKind.Constant,
};

/** Globs of `files.exclude` that are switched on (mapped to `true`). */
function enabledGlobs(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** `taggedCables.index.*` settings, with defaults. */
function indexSettingsOf(raw: unknown): { enabled: boolean; exclude: string[] } {
  const index = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).index : undefined;
  const { enabled, exclude } = (typeof index === 'object' && index !== null ? index : {}) as Record<string, unknown>;
  return {
    enabled: enabled !== false,
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string') : ['**/node_modules/**'],
  };
}

/** The editor's `taggedCables.*` settings in the core's shape. */
function fromEditorSettings(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { maxNumberOfProblems, entityTypes, rules, maxFileSizeMB } = raw as Record<string, unknown>;
  const maxFileSize = typeof maxFileSizeMB === 'number' ? maxFileSizeMB * 1024 * 1024 : maxFileSizeMB;
  return { entityTypes, rules, maxProblems: maxNumberOfProblems, maxFileSize };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let indexer: WorkspaceIndexer | undefined = undefined;
  const service = new CableLanguageService(new OpenDocumentsWorkspace(documents, (uri) => indexer?.readNow(uri)));
  let pullConfiguration = false;
  let progressSupported = false;
  let watchFiles = false;
  let annotatedEdits = false;
  let workspaceFolders: string[] = [];
  let indexSettings = { enabled: true, exclude: ['**/node_modules/**'] };
  let filesExclude: string[] = [];
  const pending = new Map<string, ReturnType<typeof setTimeout>>();

  const log = (message: string) => connection.console.log(message);

  /** Runs a handler; a failure is logged and answered with `fallback`. */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R, passUserErrors = false) {
    return (params: P, token: CancellationToken): R => {
      try {
        if (token?.isCancellationRequested) return fallback;
        return handler(params, token);
      } catch (error) {
        if (passUserErrors && error instanceof ResponseError) throw error;
        connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  const toRange = (doc: TextDocument, span: Span): Range => Range.create(doc.positionAt(span.start), doc.positionAt(span.end));

  /** A range in any cable: open documents through their text, cables on disk through the index. */
  function rangeIn(uri: string, span: Span): Range | undefined {
    const doc = documents.get(uri);
    if (doc) return toRange(doc, span);
    const start = service.positionAt(uri, span.start);
    const end = service.positionAt(uri, span.end);
    return start && end ? Range.create(start, end) : undefined;
  }

  // The workspace index: filled from disk by the indexer, and from open editors on every analysis.
  let initialized = false;
  let notifyTimer: ReturnType<typeof setTimeout> | undefined;
  let republishTimer: ReturnType<typeof setTimeout> | undefined;
  const changedSources = new Set<string>();

  /** After the index changed: tell the client (debounced), and refresh the other open cables' cross-cable diagnostics. */
  function indexChanged(source?: string): void {
    notifyTimer ??= setTimeout(() => {
      notifyTimer = undefined;
      const params: IndexChangedParams = { cables: service.index.cableCount, entities: service.index.entityCount, indexing: indexer?.indexing ?? false, ...indexer?.progress };
      void connection.sendNotification(INDEX_CHANGED_NOTIFICATION, params);
    }, TIMING.indexNotifyMs);
    if (indexer?.indexing && source === undefined) return;
    // An open cable is checked again when another cable changed (its own change was just checked).
    changedSources.add(source ?? '');
    republishTimer ??= setTimeout(() => {
      republishTimer = undefined;
      const sources = [...changedSources];
      changedSources.clear();
      for (const doc of documents.all()) if (!pending.has(doc.uri) && sources.some((s) => s !== doc.uri)) schedule(doc.uri, 0);
    }, TIMING.crossCableRecheckMs);
  }

  function indexesOpenDocument(uri: string): boolean {
    if (!uri.startsWith('file:') || !indexSettings.enabled) return false;
    return workspaceFolders.length === 0 || (indexer?.covers(uri) ?? false);
  }

  function createIndexer(): WorkspaceIndexer {
    return new WorkspaceIndexer({
      service,
      isOpen: (uri) => documents.get(uri) !== undefined,
      log,
      changed: indexChanged,
      beginProgress: async (title): Promise<IndexProgress | undefined> => {
        if (!progressSupported) return undefined;
        try {
          const reporter = await connection.window.createWorkDoneProgress();
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
      },
    });
  }

  let appliedIndex = '';

  /** Re-indexes when the index settings or the entity types changed (or on the first call). */
  function configureIndex(): void {
    if (!initialized || !indexer) return;
    const settings = {
      enabled: indexSettings.enabled,
      exclude: [...filesExclude, ...indexSettings.exclude],
      maxFileSize: service.configuration.maxFileSize,
    };
    const signature = JSON.stringify([settings, service.configuration.entityTypes, workspaceFolders]);
    if (signature === appliedIndex) return;
    const typesChanged = appliedIndex !== '' && JSON.parse(appliedIndex)[1].join() !== service.configuration.entityTypes.join();
    appliedIndex = signature;
    indexer.setFolders(workspaceFolders);
    indexer.setSettings(settings);
    if (typesChanged) for (const uri of service.index.uris()) if (!documents.get(uri)) service.index.remove(uri);
    void indexer.reindex();
  }

  const toldLarge = new Set<string>();

  function publishDiagnostics(uri: string): void {
    try {
      const doc = documents.get(uri);
      if (!doc) return;
      if (indexesOpenDocument(uri) && service.indexOpenDocument(uri)) indexChanged(uri);
      if (service.isLarge(uri) && !toldLarge.has(uri)) {
        toldLarge.add(uri);
        const mb = (doc.getText().length / (1024 * 1024)).toFixed(1);
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: `Tagged Cables: ${uri.split('/').pop()} is ${mb} MB, above taggedCables.maxFileSizeMB: tag and structure checks run, entity checks and the entity outline are skipped.`,
        });
      }
      const diagnostics: Diagnostic[] = service.diagnostics(uri).map((d) => {
        const diagnostic: Diagnostic = {
          range: toRange(doc, d.span),
          severity: SEVERITY[d.severity],
          code: d.code,
          source: 'cable',
          message: d.message,
        };
        if (d.related) {
          diagnostic.relatedInformation = d.related.flatMap((r) => {
            const range = rangeIn(r.uri, r.span);
            return range ? [{ location: LspLocation.create(r.uri, range), message: r.message }] : [];
          });
        }
        if (d.data) diagnostic.data = d.data;
        return diagnostic;
      });
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    } catch (error) {
      connection.console.error(`diagnostics failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  function schedule(uri: string, delay: number): void {
    const previous = pending.get(uri);
    if (previous) clearTimeout(previous);
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        publishDiagnostics(uri);
      }, delay),
    );
  }

  async function loadConfiguration(): Promise<void> {
    let raw: unknown = undefined;
    if (pullConfiguration) {
      try {
        const [own, exclude] = await connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }, { section: 'files.exclude' }]);
        raw = own;
        filesExclude = enabledGlobs(exclude);
      } catch (error) {
        log(`Could not read settings: ${String(error)}`);
      }
    }
    applyConfiguration(raw);
  }

  function applyConfiguration(raw: unknown): void {
    const { config, warnings } = normalizeConfig(fromEditorSettings(raw));
    for (const w of warnings) connection.console.warn(`Settings: ${w}`);
    service.setConfig(config);
    indexSettings = indexSettingsOf(raw);
    configureIndex();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    progressSupported = params.capabilities.window?.workDoneProgress === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const editCapabilities = params.capabilities.workspace?.workspaceEdit;
    annotatedEdits = editCapabilities?.documentChanges === true && editCapabilities.changeAnnotationSupport !== undefined;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    indexer = createIndexer();
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings !== undefined) applyConfiguration(options.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        referencesProvider: true,
        definitionProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: { label: 'Tagged Cable' },
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, `${CodeActionKind.SourceFixAll}.cable`] },
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['[', ' '] },
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'cable-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    initialized = true;
    if (watchFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          // Folders too: a folder moved in or out is reported as one path.
          watchers: [{ globPattern: '**/*.{cable,txt}' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
        })
        .catch(() => undefined);
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        workspaceFolders = [...workspaceFolders.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
        for (const uri of removed) service.index.removeUnder(uri);
        configureIndex();
      });
    } catch {
      // The client does not report workspace folder changes.
    }
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, 'files.exclude'] }).catch(() => undefined);
      void loadConfiguration();
    } else {
      configureIndex();
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      try {
        const failed = (error: unknown) => log(`Indexing ${change.uri} failed: ${String(error)}`);
        if (change.type === FileChangeType.Deleted) indexer?.fileDeleted(change.uri);
        else if (/\.(cable|txt)$/i.test(change.uri)) void indexer?.fileChanged(change.uri).catch(failed);
        else if (change.type === FileChangeType.Created) void indexer?.folderCreated(change.uri).catch(failed);
      } catch (error) {
        log(`Indexing ${change.uri} failed: ${String(error)}`);
      }
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (pullConfiguration) void loadConfiguration();
    else applyConfiguration((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, TIMING.diagnosticsDebounceMs));
  documents.onDidClose((e) => {
    const timer = pending.get(e.document.uri);
    if (timer) clearTimeout(timer);
    pending.delete(e.document.uri);
    service.forget(e.document.uri);
    toldLarge.delete(e.document.uri);
    // The disk's text replaces the editor's in the index (unsaved changes are gone).
    if (indexer?.covers(e.document.uri)) void indexer.fileChanged(e.document.uri).catch(() => undefined);
    else if (service.index.remove(e.document.uri)) indexChanged(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(
    guard('hover', null, (params): Hover | null => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const result = service.hover(doc.uri, doc.offsetAt(params.position));
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(doc, result.span) };
    }),
  );

  const toLocation = (uri: string, span: Span): LspLocation | undefined => {
    const range = rangeIn(uri, span);
    return range ? LspLocation.create(uri, range) : undefined;
  };

  connection.onReferences(
    guard('references', [] as LspLocation[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return service
        .references(doc.uri, doc.offsetAt(params.position), params.context?.includeDeclaration ?? true)
        .map((l) => toLocation(l.uri, l.span))
        .filter((l): l is LspLocation => l !== undefined);
    }),
  );

  connection.onDefinition(
    guard('definition', null, (params): LspLocation | null => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const target = service.definition(doc.uri, doc.offsetAt(params.position));
      return target ? (toLocation(target.uri, target.span) ?? null) : null;
    }),
  );

  connection.onDocumentHighlight(
    guard('documentHighlight', [] as DocumentHighlight[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return service
        .highlights(doc.uri, doc.offsetAt(params.position))
        .map((span) => DocumentHighlight.create(toRange(doc, span), DocumentHighlightKind.Text));
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [] as DocumentSymbol[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const convert = (s: CableSymbol): DocumentSymbol => ({
        name: s.name || ' ',
        detail: s.detail,
        kind: SYMBOL_KIND[s.kind],
        range: toRange(doc, s.span),
        selectionRange: toRange(doc, s.selectionSpan),
        children: s.children.map(convert),
      });
      return service.documentSymbols(doc.uri).map(convert);
    }),
  );

  connection.onFoldingRanges(
    guard('foldingRange', [] as FoldingRange[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return service.foldingRanges(doc.uri).map((r) => FoldingRange.create(r.startLine, r.endLine, undefined, undefined, r.kind === 'header' ? FoldingRangeKind.Imports : FoldingRangeKind.Region));
    }),
  );

  connection.onDocumentLinks(
    guard('documentLinks', [] as DocumentLink[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return service.links(doc.uri).map((l) => {
        const target = doc.positionAt(l.target.start);
        return DocumentLink.create(toRange(doc, l.span), `${doc.uri}#L${target.line + 1},${target.character + 1}`, `Go to paragraph anchor ${l.targetId}`);
      });
    }),
  );

  const toLspEdits = (doc: TextDocument, edits: CableTextEdit[]): TextEdit[] => edits.map((e) => TextEdit.replace(toRange(doc, e.span), e.newText));

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const span = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
      const only = params.context.only?.map((k) => (k === `${CodeActionKind.SourceFixAll}.cable` ? CodeActionKind.SourceFixAll : k));
      const toAction = (a: CableCodeAction): CodeAction => {
        const kind = a.kind === 'source.fixAll' ? `${CodeActionKind.SourceFixAll}.cable` : a.kind;
        const action = CodeAction.create(a.title, kind);
        if (a.needsConfirmation) {
          const annotation = 'taggedCables.bulk';
          const textDocument = OptionalVersionedTextDocumentIdentifier.create(doc.uri, doc.version);
          const edit: WorkspaceEdit = {
            documentChanges: [TextDocumentEdit.create(textDocument, a.edits.map((e) => AnnotatedTextEdit.replace(toRange(doc, e.span), e.newText, annotation)))],
            changeAnnotations: { [annotation]: { label: a.title, needsConfirmation: true } },
          };
          action.edit = edit;
        } else {
          action.edit = { changes: { [doc.uri]: toLspEdits(doc, a.edits) } };
        }
        if (a.isPreferred) action.isPreferred = true;
        if (a.diagnostics) {
          action.diagnostics = params.context.diagnostics.filter((d) =>
            a.diagnostics!.some((c) => c.code === d.code && doc.offsetAt(d.range.start) === c.span.start && doc.offsetAt(d.range.end) === c.span.end),
          );
        }
        return action;
      };
      return service.codeActions(doc.uri, span, only).map(toAction);
    }),
  );

  connection.onPrepareRename(
    guard('prepareRename', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const result = service.prepareRename(doc.uri, doc.offsetAt(params.position));
      if (!result) throw new ResponseError(0, 'Place the cursor on an entity tag to rename the entity.');
      return { range: toRange(doc, result.span), placeholder: result.placeholder };
    }, true),
  );

  connection.onRenameRequest(
    guard('rename', null, (params): WorkspaceEdit | null => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      try {
        const files = service.rename(doc.uri, doc.offsetAt(params.position), params.newName);
        const converted = files.flatMap((f) => {
          const edits = f.edits.map((e) => ({ range: rangeIn(f.uri, e.span), newText: e.newText }));
          if (edits.some((e) => e.range === undefined)) return [];
          const version = documents.get(f.uri)?.version ?? null;
          return [{ uri: f.uri, version, edits: edits as TextEdit[] }];
        });
        // One cable: edit at once, like a rename in one file. Several: through the
        // refactor preview, where this cable's edits are ticked and the other
        // cables' edits wait for the user's tick (they need confirmation).
        if (converted.length <= 1 || !annotatedEdits) {
          const changes: Record<string, TextEdit[]> = {};
          for (const f of converted) changes[f.uri] = f.edits;
          return { changes };
        }
        const annotation = 'taggedCables.renameInOtherCables';
        const others = converted.filter((f) => f.uri !== doc.uri);
        const count = others.reduce((n, f) => n + f.edits.length, 0);
        return {
          documentChanges: converted.map((f) =>
            TextDocumentEdit.create(
              OptionalVersionedTextDocumentIdentifier.create(f.uri, f.version),
              f.uri === doc.uri ? f.edits : f.edits.map((e) => AnnotatedTextEdit.replace(e.range, e.newText, annotation)),
            ),
          ),
          changeAnnotations: {
            [annotation]: {
              label: `Rename "${params.newName.trim()}" in ${others.length} other ${others.length === 1 ? 'cable' : 'cables'}`,
              description: `${count} ${count === 1 ? 'mention' : 'mentions'}; tick to include`,
              needsConfirmation: true,
            },
          },
        };
      } catch (error) {
        if (error instanceof RenameError) throw new ResponseError(0, error.message);
        throw error;
      }
    }, true),
  );

  connection.onWorkspaceSymbol(
    guard('workspaceSymbol', [] as SymbolInformation[], (params) =>
      service.workspaceSymbols(params.query).flatMap((symbol) => {
        const location = toLocation(symbol.uri, symbol.span);
        if (!location) return [];
        return [SymbolInformation.create(symbol.name, TYPE_SYMBOL_KIND[symbol.type] ?? SymbolKind.Field, location.range, location.uri, `${symbol.type} · ${symbol.cable}`)];
      }),
    ),
  );

  connection.onCompletion(
    guard('completion', [] as CompletionItem[], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return service.completions(doc.uri, doc.offsetAt(params.position)).map((c) => ({
        label: c.label,
        kind: c.kind === 'type' ? CompletionItemKind.Keyword : CompletionItemKind.Value,
        detail: c.detail,
        sortText: c.sortText,
        filterText: c.label,
        textEdit: TextEdit.replace(toRange(doc, c.span), c.insertText),
      }));
    }),
  );

  connection.onRequest(
    ENTITY_AT_REQUEST,
    guard('entityAt', null, (params: EntityAtParams): EntityAtResult | null => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      return service.entityAt(doc.uri, doc.offsetAt(params.position)) ?? null;
    }),
  );

  connection.onRequest(
    ENTITY_TYPES_REQUEST,
    guard('entityTypes', [] as EntityTypeNode[], (params: EntityTypesParams): EntityTypeNode[] => service.entityTypes(params?.uri, params?.filter)),
  );

  connection.onRequest(
    ENTITIES_REQUEST,
    guard('entities', { entities: [], total: 0 } as EntitiesResult, (params: EntitiesParams): EntitiesResult => {
      if (typeof params?.type !== 'string') return { entities: [], total: 0 };
      return service.entities(params.type, params.uri, params.filter, params.limit);
    }),
  );

  connection.onRequest(
    CABLE_SUMMARY_REQUEST,
    guard('cableSummary', null, (params: CableSummaryParams): CableSummaryResult | null => {
      if (!params?.uri || !documents.get(params.uri)) return null;
      return { types: service.entityTypes(params.uri).map(({ type, label, entities, mentions }) => ({ type, label, entities, mentions })) };
    }),
  );

  connection.onRequest(MENTIONS_REQUEST, async (params: MentionsParams, token: CancellationToken): Promise<MentionsResult> => {
    try {
      if (typeof params?.key !== 'string') return { mentions: [], total: 0 };
      const places = service.entityMentions(params.key, params.uri);
      const shown = places.slice(0, Math.max(0, params.limit ?? 1000));
      const lines = new Map<string, string[] | undefined>();
      const mentions: MentionNode[] = [];
      for (const place of shown) {
        if (token.isCancellationRequested) break;
        const range = rangeIn(place.uri, place.span);
        if (!range) continue;
        if (!lines.has(place.uri)) {
          const open = documents.get(place.uri);
          // Previews read cables from disk, up to a bound.
          const text = open ? open.getText() : lines.size < 300 ? await readCable(place.uri) : undefined;
          lines.set(place.uri, text?.split(/\r\n|\r|\n/));
        }
        const line = lines.get(place.uri)?.[range.start.line] ?? '';
        const text = range.start.line === range.end.line ? line.slice(range.start.character, range.end.character) : '';
        const shown = text ? preview(line, range.start.character, range.end.character) : { preview: plain(line).trim() };
        mentions.push({ uri: place.uri, range, cable: cableName(place.uri), text, type: place.type, ...shown });
      }
      return { mentions, total: places.length };
    } catch (error) {
      connection.console.error(`mentions failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { mentions: [], total: 0 };
    }
  });

  documents.listen(connection);
  connection.listen();
}

async function readCable(uri: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

const TAG_MARKUP = /\[[A-Za-z][A-Za-z0-9_-]* +([^[\]]*?) *\]/g;

/** Tag markup dropped, runs of spaces made one. */
function plain(text: string): string {
  return text.replace(TAG_MARKUP, '$1').replace(/\s+/g, ' ');
}

/**
 * A mention's line for a list: tag markup dropped, about 120 characters
 * around the mention, and where the mention's text lies in it.
 */
function preview(line: string, start: number, end: number): { preview: string; highlight?: [number, number] } {
  const WIDTH = 120;
  // The tag around the mention goes as a whole, so that the text before it stays aligned.
  const open = line.lastIndexOf('[', start);
  const close = line.indexOf(']', end);
  const tagStart = open >= 0 ? open : start;
  const tagEnd = close >= 0 ? close + 1 : end;
  const before = plain(line.slice(0, tagStart)).trimStart();
  const mention = line.slice(start, end);
  const after = plain(line.slice(tagEnd)).trimEnd();
  const lead = before.length > 0 && !before.endsWith(' ') ? ' ' : '';
  const trail = after.length > 0 && !after.startsWith(' ') ? ' ' : '';
  let text = `${before}${lead}${mention}${trail}${after}`;
  let at = before.length + lead.length;
  if (text.length > WIDTH) {
    const from = Math.max(0, Math.min(at - 40, text.length - WIDTH));
    const cut = text.slice(from, from + WIDTH);
    const prefix = from > 0 ? '…' : '';
    text = `${prefix}${cut}${from + WIDTH < text.length ? '…' : ''}`;
    at = at - from + prefix.length;
  }
  const stop = at + mention.length;
  return stop <= text.length && at >= 0 ? { preview: text, highlight: [at, stop] } : { preview: text };
}

/** Entry point: `cable-language-server --stdio`, or the client's IPC launch. */
export function main(): void {
  // `--stdio`, `--node-ipc` and `--socket=N` are read by createConnection.
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write('Usage: cable-language-server --stdio\nThe Tagged Cables language server; speaks LSP over stdio (or --node-ipc, --socket=PORT).\n');
    process.exit(0);
  }
  if (process.argv.includes('--version')) {
    process.stdout.write('0.1.0\n');
    process.exit(0);
  }
  // A stray rejected promise is logged; it must not take the server down.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`cable-language-server: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
  });
  const hasTransport = process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'));
  if (!hasTransport) process.argv.push('--stdio');
  startServer(createConnection(ProposedFeatures.all));
}

if (require.main === module) main();
