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
  SymbolKind,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
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
  normalizeConfig,
} from './core';

/** Custom request: the entity under the cursor, for the status bar. */
export const ENTITY_AT_REQUEST = 'taggedCables/entityAt';

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

/** Open editors as the core's workspace. */
class OpenDocumentsWorkspace implements CableWorkspace {
  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  get(uri: string): CableSource | undefined {
    const doc = this.documents.get(uri);
    return doc ? { uri, version: doc.version, text: doc.getText() } : undefined;
  }

  uris(): Iterable<string> {
    return this.documents.keys();
  }
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
  const service = new CableLanguageService(new OpenDocumentsWorkspace(documents));
  let pullConfiguration = false;
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

  const toldLarge = new Set<string>();

  function publishDiagnostics(uri: string): void {
    try {
      const doc = documents.get(uri);
      if (!doc) return;
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
          diagnostic.relatedInformation = d.related.map((r) => {
            const target = documents.get(r.uri) ?? doc;
            return { location: LspLocation.create(r.uri, toRange(target, r.span)), message: r.message };
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
        raw = await connection.workspace.getConfiguration(SETTINGS_SECTION);
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
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
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
      },
      serverInfo: { name: 'cable-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
      void loadConfiguration();
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (pullConfiguration) void loadConfiguration();
    else applyConfiguration((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, 150));
  documents.onDidClose((e) => {
    const timer = pending.get(e.document.uri);
    if (timer) clearTimeout(timer);
    pending.delete(e.document.uri);
    service.forget(e.document.uri);
    toldLarge.delete(e.document.uri);
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
    const target = documents.get(uri);
    return target ? LspLocation.create(uri, toRange(target, span)) : undefined;
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
        const changes: Record<string, TextEdit[]> = {};
        for (const { uri, edits } of service.rename(doc.uri, doc.offsetAt(params.position), params.newName)) {
          const target = documents.get(uri);
          if (target) changes[uri] = toLspEdits(target, edits);
        }
        return { changes };
      } catch (error) {
        if (error instanceof RenameError) throw new ResponseError(0, error.message);
        throw error;
      }
    }, true),
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
    guard('entityAt', null, (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      return service.entityAt(doc.uri, doc.offsetAt(params.position)) ?? null;
    }),
  );

  documents.listen(connection);
  connection.listen();
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
