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
import { DiagnosticsScope } from '../diagnosticsManager';
import { OpenDocument } from '../documents';
import { TIMING } from '../timing';
import { ServerState, errorText } from '../state';
import { ConvertedDiagnostics, convertDiagnostics } from '../convertedDiagnostics';
import { CableDiagnostic } from '../../core';

/** The diagnostics of an open cable now; its text goes into the index first (cross-cable checks see it). */
function diagnosticsOf(state: ServerState, doc: OpenDocument): Diagnostic[] {
  state.index.openCableAnalysed(doc.uri);
  return checksOf(state, doc);
}

function checksOf(state: ServerState, doc: OpenDocument): Diagnostic[] {
  tellIfLarge(state, doc);
  return [...converted(state, doc, state.service.diagnostics(doc.uri)), ...state.comparisons.diagnostics(doc.uri, doc.positions)];
}

/** Per open cable, its diagnostics as last converted (the next version reuses what its edit left in place). */
const conversions = new WeakMap<ServerState, Map<string, ConvertedDiagnostics>>();

function converted(state: ServerState, doc: OpenDocument, found: CableDiagnostic[]): Diagnostic[] {
  let byUri = conversions.get(state);
  if (!byUri) conversions.set(state, (byUri = new Map()));
  const next = convertDiagnostics(byUri.get(doc.uri), doc.uri, doc.text, doc.positions, state.positionsOf, found);
  byUri.set(doc.uri, next);
  return next.diagnostics;
}

/** A closed cable's conversions are dropped. */
export function diagnosticsClosed(state: ServerState, uri: string): void {
  conversions.get(state)?.delete(uri);
  tagSends.get(state)?.delete(uri);
}

/**
 * A large cable's text goes into the index a moment after its diagnostics
 * are sent, not before: its own checks do not need it there (its cross-cable
 * checks look at the other cables), and the send goes out sooner. Keystrokes
 * in a row index it once.
 */
function indexSoon(state: ServerState, uri: string): void {
  let timers = indexTimers.get(state);
  if (!timers) indexTimers.set(state, (timers = new Map()));
  if (timers.has(uri)) return;
  timers.set(
    uri,
    setTimeout(() => {
      timers!.delete(uri);
      try {
        state.index.openCableAnalysed(uri);
      } catch (error) {
        state.error(`indexing ${uri} failed: ${errorText(error)}`);
      }
    }, TIMING.indexOpenCableMs),
  );
}

const indexTimers = new WeakMap<ServerState, Map<string, ReturnType<typeof setTimeout>>>();

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

/**
 * Push mode: computes and sends an open cable's diagnostics: every check, or
 * (`tags`, first in a large cable) the tag checks of the text now with the
 * entity checks last computed moved by the edits since. When every check
 * then says just what the tag-check send said, it is not sent again.
 */
export function publish(state: ServerState, uri: string, scope: DiagnosticsScope = 'all'): void {
  try {
    const doc = state.documents.get(uri);
    if (!doc) return;
    tellIfLarge(state, doc);
    // A small cable's text goes into the index first, as each analysis does; a large one's just after the send.
    const large = twoPhase(state, uri);
    if (scope === 'all' && !large) state.index.openCableAnalysed(uri);
    let sent = tagSends.get(state);
    if (!sent) tagSends.set(state, (sent = new Map()));
    const found = scope === 'tags' ? state.service.tagDiagnostics(uri) : state.service.diagnostics(uri);
    const before = sent.get(uri);
    sent.delete(uri);
    const comparison = state.comparisons.generation;
    if (scope === 'tags') sent.set(uri, { version: doc.version, text: doc.text, comparison, diagnostics: found });
    const same =
      scope === 'all' && before !== undefined && before.version === doc.version && before.text === doc.text && before.comparison === comparison && sameDiagnostics(before.diagnostics, found);
    if (!same) {
      const diagnostics = [...converted(state, doc, found), ...state.comparisons.diagnostics(uri, doc.positions)];
      void state.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    }
    if (scope === 'all' && large) indexSoon(state, uri);
  } catch (error) {
    state.error(`diagnostics failed for ${uri}: ${errorText(error)}`);
  }
}

/** Per open cable, what its last tag-check send said (until the send of every check). */
const tagSends = new WeakMap<ServerState, Map<string, { version: number; text: string; comparison: number; diagnostics: CableDiagnostic[] }>>();

function sameDiagnostics(a: CableDiagnostic[], b: CableDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.code !== y.code || x.severity !== y.severity || x.span.start !== y.span.start || x.span.end !== y.span.end || x.message !== y.message) return false;
    if (!sameData(x.data, y.data) || (x.related?.length ?? 0) !== (y.related?.length ?? 0)) return false;
    for (let r = 0; r < (x.related?.length ?? 0); r++) {
      const p = x.related![r];
      const q = y.related![r];
      if (p.uri !== q.uri || p.span.start !== q.span.start || p.span.end !== q.span.end || p.message !== q.message) return false;
    }
  }
  return true;
}

function sameData(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Whether an open cable's tag checks go out ahead of its entity checks. */
export function twoPhase(state: ServerState, uri: string): boolean {
  const doc = state.documents.get(uri);
  return doc !== undefined && doc.text.length >= TIMING.twoPhaseMinLength;
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
