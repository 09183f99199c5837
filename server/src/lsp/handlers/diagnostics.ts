// Diagnostics of an open cable: pushed (`publish`, scheduled by the
// DiagnosticsManager) or pulled by the client (`textDocument/diagnostic`,
// `workspace/diagnostic`).

import {
  CancellationToken,
  Diagnostic,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  MessageType,
  ShowMessageNotification,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { OpenDocument } from '../documents';
import { ServerState, errorText } from '../state';
import { toDiagnostic } from '../toProto';

/** The diagnostics of an open cable now; its text goes into the index first (cross-cable checks see it). */
function diagnosticsOf(state: ServerState, doc: OpenDocument): Diagnostic[] {
  state.index.openCableAnalysed(doc.uri);
  tellIfLarge(state, doc);
  return [...state.service.diagnostics(doc.uri).map((d) => toDiagnostic(doc.positions, state.positionsOf, d)), ...state.comparisons.diagnostics(doc.uri, doc.positions)];
}

/** Once per opening of a cable, a message that the entity checks are skipped on a large cable. */
function tellIfLarge(state: ServerState, doc: OpenDocument): void {
  if (state.toldLarge.has(doc.uri) || !state.service.isLarge(doc.uri)) return;
  state.toldLarge.add(doc.uri);
  const mb = (doc.text.length / (1024 * 1024)).toFixed(1);
  void state.connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Info,
    message: `Tagged Cables: ${doc.uri.split('/').pop()} is ${mb} MB, above taggedCables.maxFileSizeMB: tag and structure checks run, entity checks and the entity outline are skipped.`,
  });
}

/** Push mode: computes and sends an open cable's diagnostics. */
export function publish(state: ServerState, uri: string): void {
  try {
    const doc = state.documents.get(uri);
    if (!doc) return;
    void state.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(state, doc) });
  } catch (error) {
    state.error(`diagnostics failed for ${uri}: ${errorText(error)}`);
  }
}

function resultId(state: ServerState, doc: OpenDocument): string {
  // The cable's own version and the index's state (cross-cable checks) decide the result.
  return `${doc.version}:${state.index.generation}:${state.comparisons.generation}`;
}

export function documentDiagnostic(state: ServerState, params: DocumentDiagnosticParams): DocumentDiagnosticReport {
  const doc = state.documents.get(params?.textDocument?.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  state.index.openCableAnalysed(doc.uri);
  const id = resultId(state, doc);
  if (params.previousResultId === id) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: id };
  return { kind: DocumentDiagnosticReportKind.Full, resultId: id, items: diagnosticsOf(state, doc) };
}

const STOPPED_RESULT_ID = 'compare:stopped';

/** The open cables' diagnostics (cables on disk are not analysed for diagnostics). */
export function workspaceDiagnostic(state: ServerState, params: WorkspaceDiagnosticParams, token?: CancellationToken): WorkspaceDiagnosticReport {
  const previous = new Map((params?.previousResultIds ?? []).map((p) => [p.uri, p.value]));
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  for (const doc of state.documents.all()) {
    if (token?.isCancellationRequested) break;
    state.index.openCableAnalysed(doc.uri);
    const id = resultId(state, doc);
    if (previous.get(doc.uri) === id) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: doc.uri, version: doc.version, resultId: id });
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri: doc.uri, version: doc.version, resultId: id, items: diagnosticsOf(state, doc) });
  }
  // Compared cables that are not open: their differences (a folder comparison lists every cable's).
  for (const uri of state.comparisons.closedUris()) {
    if (token?.isCancellationRequested) break;
    const id = `compare:${state.comparisons.generation}:${state.comparisons.diskStamp(uri)}`;
    if (previous.get(uri) === id) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: id });
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: id, items: state.comparisons.diagnostics(uri) });
  }
  // Closed cables no longer compared: one empty report clears the differences the client still shows.
  for (const uri of state.comparisons.stoppedClosedUris()) {
    if (previous.get(uri) === STOPPED_RESULT_ID) state.comparisons.forgetStopped(uri);
    else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: STOPPED_RESULT_ID, items: [] });
  }
  return { items };
}
