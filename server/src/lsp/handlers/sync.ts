// Notifications: documents opened, changed and closed; settings, watched
// files and workspace folders changed.

import {
  DidChangeConfigurationParams,
  DidChangeTextDocumentParams,
  DidChangeWatchedFilesParams,
  DidChangeWorkspaceFoldersParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
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
  if (state.documents.change(uri, version ?? 0, params.contentChanges)) state.diagnostics.changed(uri);
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
