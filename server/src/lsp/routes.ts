// The dispatch table: every method the server answers, its handler and its
// fallback (what a failed or cancelled request answers).

import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  DocumentHighlightRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceDiagnosticRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver/node';
import { CableSummaryRequest, EntitiesRequest, EntityAtRequest, EntityTypesRequest, MentionsRequest } from '../protocol';
import { AnnotateRequest, CompareFoldersRequest, CompareStartRequest, CompareStopRequest, ComparisonDifferencesRequest, ComparisonScoresRequest, NavigateRequest } from '../protocol';
import { NotificationRoute, RequestRoute, notification, request } from './dispatch';
import * as annotate from './handlers/annotate';
import * as commands from './handlers/commands';
import * as compare from './handlers/compare';
import * as custom from './handlers/custom';
import * as diagnostics from './handlers/diagnostics';
import * as document from './handlers/document';
import * as edits from './handlers/edits';
import * as sync from './handlers/sync';
import * as workspace from './handlers/workspace';

export const REQUESTS: RequestRoute[] = [
  request(HoverRequest.type, document.hover, null),
  request(ReferencesRequest.type, document.references, []),
  request(DefinitionRequest.type, document.definition, null),
  request(DocumentHighlightRequest.type, document.documentHighlight, []),
  request(DocumentSymbolRequest.type, document.documentSymbol, []),
  request(FoldingRangeRequest.type, document.foldingRange, []),
  request(DocumentLinkRequest.type, document.documentLink, []),
  request(CompletionRequest.type, document.completion, []),
  request(CodeActionRequest.type, edits.codeAction, []),
  request(PrepareRenameRequest.type, edits.prepareRename, null, true),
  request(RenameRequest.type, edits.rename, null, true),
  request(WorkspaceSymbolRequest.type, workspace.workspaceSymbol, []),
  request(DocumentDiagnosticRequest.type, diagnostics.documentDiagnostic, { kind: DocumentDiagnosticReportKind.Full, items: [] }),
  request(WorkspaceDiagnosticRequest.type, diagnostics.workspaceDiagnostic, { items: [] }),
  request(EntityAtRequest, custom.entityAt, null),
  request(EntityTypesRequest, custom.entityTypes, []),
  request(EntitiesRequest, custom.entities, { entities: [], total: 0 }),
  request(CableSummaryRequest, custom.cableSummary, null),
  request(MentionsRequest, custom.mentions, { mentions: [], total: 0 }),
  request(CompareStartRequest, compare.startComparing, { compared: [], errors: [], unpaired: [] }, true),
  request(CompareFoldersRequest, compare.compareFolders, { compared: [], errors: [], unpaired: [] }, true),
  request(CompareStopRequest, compare.stopComparing, { stopped: 0 }),
  request(ComparisonScoresRequest, compare.comparisonScores, null),
  request(ComparisonDifferencesRequest, compare.comparisonDifferences, { differences: [] }),
  // Annotation from the keyboard.
  request(AnnotateRequest, annotate.annotate, { title: '', refusals: ['The server could not run the action; nothing was changed.'] }),
  request(NavigateRequest, annotate.navigate, { refused: 'The server could not find where to go.' }),
  request(ExecuteCommandRequest.type, commands.executeCommand, null, true),
];

export const NOTIFICATIONS: NotificationRoute[] = [
  notification(DidOpenTextDocumentNotification.type, sync.didOpen),
  notification(DidChangeTextDocumentNotification.type, sync.didChange),
  notification(DidCloseTextDocumentNotification.type, sync.didClose),
  notification(DidChangeConfigurationNotification.type, sync.didChangeConfiguration),
  notification(DidChangeWatchedFilesNotification.type, sync.didChangeWatchedFiles),
];
