// Notifications: documents opened, changed and closed; settings, watched
// files and workspace folders changed.

import {
  DidChangeConfigurationParams,
  DidChangeTextDocumentParams,
  DidChangeWatchedFilesParams,
  DidChangeWorkspaceFoldersParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  MessageType,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { applySettings, loadSettings } from '../settings';
import { ServerState } from '../state';
import { cableClosed } from './compare';
import { diagnosticsClosed } from './diagnostics';

export function didOpen(state: ServerState, params: DidOpenTextDocumentParams): void {
  const { uri, languageId, version, text } = params.textDocument;
  state.documents.open(uri, languageId, version, text);
  state.diagnostics.opened(uri);
}

export function didChange(state: ServerState, params: DidChangeTextDocumentParams): void {
  const { uri, version } = params.textDocument;
  if (!state.documents.has(uri)) return;
  const changes: unknown = params.contentChanges;
  if (!Array.isArray(changes) || !changes.every(isContentChange)) {
    // Nothing of it is applied: the server's copy stays as it was, and the user is told why its answers may be off.
    const message = `Tagged Cables: a change to ${uri} came without valid text or range and was not applied; the server's copy differs from the editor's until the cable is closed and opened again.`;
    state.error(message);
    void state.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    return;
  }
  if (state.documents.change(uri, version ?? 0, changes)) state.diagnostics.changed(uri);
}

const isPosition = (p: unknown): boolean => {
  const q = p as { line?: unknown; character?: unknown } | null;
  return typeof q === 'object' && q !== null && Number.isFinite(q.line) && Number.isFinite(q.character);
};

/** A change as LSP defines it: its text, and a range of two positions or none (the whole text). */
function isContentChange(change: unknown): boolean {
  const c = change as { text?: unknown; range?: { start?: unknown; end?: unknown } | null } | null;
  if (typeof c !== 'object' || c === null || typeof c.text !== 'string') return false;
  return c.range === undefined || (typeof c.range === 'object' && c.range !== null && isPosition(c.range.start) && isPosition(c.range.end));
}

export function didClose(state: ServerState, params: DidCloseTextDocumentParams): void {
  const { uri } = params.textDocument;
  if (!state.documents.close(uri)) return;
  state.diagnostics.closed(uri);
  state.service.forget(uri);
  state.toldLarge.delete(uri);
  diagnosticsClosed(state, uri);
  state.index.cableClosed(uri);
  if (state.diagnostics.mode === 'push') void state.connection.sendDiagnostics({ uri, diagnostics: [] });
  cableClosed(state, uri);
}

export function didChangeConfiguration(state: ServerState, params: DidChangeConfigurationParams): void {
  if (state.client.pullConfiguration) void loadSettings(state);
  else applySettings(state, (params?.settings as Record<string, unknown> | undefined)?.taggedCables);
}

export function didChangeWatchedFiles(state: ServerState, params: DidChangeWatchedFilesParams): void {
  state.index.filesChanged(params?.changes ?? []);
}

/** Registered through `connection.workspace` (its folders feature owns the notification). */
export function didChangeWorkspaceFolders(state: ServerState, event: DidChangeWorkspaceFoldersParams['event']): void {
  state.index.foldersChanged(event?.added ?? [], event?.removed ?? []);
}
