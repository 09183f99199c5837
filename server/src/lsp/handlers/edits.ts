// Requests that answer with edits: code actions and rename.

import { CodeAction, CodeActionParams, PrepareRenameParams, LSPErrorCodes, Range, RenameParams, ResponseError, WorkspaceEdit } from 'vscode-languageserver/node';
import { RenameError } from '../../core';
import { ServerState, documentAt } from '../state';
import { comparisonActions } from './compare';
import { fromCodeActionKind, toCodeAction, toRange, toRenameEdit, toSpan } from '../toProto';

export function codeAction(state: ServerState, params: CodeActionParams): CodeAction[] {
  const doc = state.documents.get(params?.textDocument?.uri);
  if (!doc || !params.range) return [];
  const span = toSpan(doc.positions, params.range);
  const only = params.context?.only?.map(fromCodeActionKind);
  const target = { uri: doc.uri, version: doc.version, positions: doc.positions, diagnostics: params.context?.diagnostics ?? [] };
  // A refused action is shown with its reason where the client can show one, and left out elsewhere;
  // an action across cables runs as a command, which needs the client to apply edits.
  const actions = state.service.codeActions(doc.uri, span, only).filter((a) => (!a.disabled || state.client.disabledCodeActions) && (!a.run || state.client.applyEdit));
  return [...actions.map((a) => toCodeAction(target, a)), ...comparisonActions(state, doc, params)];
}

export function prepareRename(state: ServerState, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const at = documentAt(state, params);
  if (!at) return null;
  const result = state.service.prepareRename(at.doc.uri, at.offset);
  if (!result) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Place the cursor on an entity tag to rename the entity.');
  return { range: toRange(at.doc.positions, result.span), placeholder: result.placeholder };
}

export function rename(state: ServerState, params: RenameParams): WorkspaceEdit | null {
  const at = documentAt(state, params);
  if (!at) return null;
  try {
    const files = state.service.rename(at.doc.uri, at.offset, params.newName);
    const target = { uri: at.doc.uri, newName: params.newName, annotatedEdits: state.client.annotatedEdits, versionOf: (uri: string) => state.documents.get(uri)?.version ?? null };
    return toRenameEdit(state.positionsOf, target, files);
  } catch (error) {
    if (error instanceof RenameError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
    throw error;
  }
}
