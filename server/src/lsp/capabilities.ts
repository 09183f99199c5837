// What the client can do, read once from `initialize`, and the capabilities
// the server offers in return. Dynamic registration is used only where the
// client says it supports it.

import { ClientCapabilities, CodeActionKind, Message, MessageStrategy, ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { APPLY_ANNOTATION_COMMAND, KEEP_MINE_COMMAND } from '../protocol';
import { PositionEncoding } from './positions';

export interface ClientFeatures {
  encoding: PositionEncoding;
  /** `workspace/configuration`. */
  pullConfiguration: boolean;
  /** Dynamic registration of `workspace/didChangeConfiguration`. */
  registerConfiguration: boolean;
  /** Dynamic registration of `workspace/didChangeWatchedFiles`. */
  registerWatchedFiles: boolean;
  /** `window/workDoneProgress`. */
  progress: boolean;
  /** Pull diagnostics (`textDocument/diagnostic`); push otherwise. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** Workspace edits with change annotations (the refactor preview). */
  annotatedEdits: boolean;
  /** Code actions with a `disabled` reason. */
  disabledCodeActions: boolean;
  /** `workspace/applyEdit` (code actions that annotate across cables run as a command). */
  applyEdit: boolean;
  /** Workspace folder change notifications. */
  workspaceFolders: boolean;
}

const SUPPORTED: readonly PositionEncoding[] = ['utf-16', 'utf-8', 'utf-32'];

/** The client's first supported choice; UTF-16 when it states none. */
export function negotiateEncoding(offered: unknown): PositionEncoding {
  // Anything but a list (a malformed `initialize`) offers nothing.
  if (!Array.isArray(offered)) return 'utf-16';
  for (const encoding of offered) if ((SUPPORTED as readonly unknown[]).includes(encoding)) return encoding as PositionEncoding;
  return 'utf-16';
}

/**
 * Before dispatch: an `initialize` whose params or `capabilities` are not an
 * object is read as one with no capabilities, as malformed fields are
 * elsewhere (the LSP library reads `capabilities` before the server's handler runs).
 */
export const tolerantInitialize: MessageStrategy = {
  handleMessage(message, next) {
    if (Message.isRequest(message) && message.method === 'initialize') {
      const params = isObject(message.params) ? message.params : {};
      if (!isObject((params as { capabilities?: unknown }).capabilities)) message = { ...message, params: { ...params, capabilities: {} } } as Message;
    }
    next(message);
  },
};

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clientFeatures(capabilities: ClientCapabilities | null | undefined): ClientFeatures {
  const caps: ClientCapabilities = typeof capabilities === 'object' && capabilities !== null ? capabilities : {};
  const edit = caps.workspace?.workspaceEdit;
  return {
    encoding: negotiateEncoding(caps.general?.positionEncodings),
    pullConfiguration: caps.workspace?.configuration === true,
    registerConfiguration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    registerWatchedFiles: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    progress: caps.window?.workDoneProgress === true,
    pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
    annotatedEdits: edit?.documentChanges === true && edit.changeAnnotationSupport !== undefined,
    disabledCodeActions: caps.textDocument?.codeAction?.disabledSupport === true,
    applyEdit: caps.workspace?.applyEdit === true,
    workspaceFolders: caps.workspace?.workspaceFolders === true,
  };
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cable`;

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    positionEncoding: client.encoding,
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    referencesProvider: true,
    definitionProvider: true,
    documentHighlightProvider: true,
    documentSymbolProvider: { label: 'Tagged Cable' },
    foldingRangeProvider: true,
    documentLinkProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] },
    renameProvider: { prepareProvider: true },
    completionProvider: { triggerCharacters: ['[', ' '] },
    workspaceSymbolProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    executeCommandProvider: { commands: [APPLY_ANNOTATION_COMMAND, KEEP_MINE_COMMAND] },
  };
  if (client.pullDiagnostics) {
    capabilities.diagnosticProvider = { identifier: 'cable', interFileDependencies: true, workspaceDiagnostics: true };
  }
  return capabilities;
}
