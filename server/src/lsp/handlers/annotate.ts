// Annotation from the keyboard: the annotate request (every selection of an
// editor in one request, answered with one edit), the navigate request, and
// the command behind code actions that annotate across cables.

import { ExecuteCommandParams } from 'vscode-languageserver/node';
import { ANNOTATE_ACTIONS, AnnotateAction, Span, applyEdits } from '../../core';
import { APPLY_ANNOTATION_COMMAND, AnnotateActionName, AnnotateParams, AnnotateResult, LspRange, NavigateParams, NavigateResult } from '../../protocol';
import { TextPositions } from '../positions';
import { ServerState, documentAt } from '../state';
import { toCrossCableEdit, toRange } from '../toProto';

// The wire names and the core's are one list.
const sameActions: [AnnotateActionName, AnnotateAction] extends [AnnotateAction, AnnotateActionName] ? true : never = true;
void sameActions;

const isPosition = (p: unknown): p is { line: number; character: number } =>
  typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
const isRange = (r: unknown): r is LspRange => typeof r === 'object' && r !== null && isPosition((r as LspRange).start) && isPosition((r as LspRange).end);

export function annotate(state: ServerState, params: AnnotateParams): AnnotateResult {
  const refused = (reason: string): AnnotateResult => ({ title: '', refusals: [reason] });
  const doc = state.documents.get(params?.textDocument?.uri);
  if (!doc) return refused('The cable is not open.');
  if (!Array.isArray(params.selections) || !params.selections.every(isRange)) return refused('The request has no valid selections.');
  if (!(ANNOTATE_ACTIONS as readonly string[]).includes(params.action)) return refused(`Unknown action "${String(params.action)}".`);
  if (params.type !== undefined && typeof params.type !== 'string') return refused('The type must be a string.');
  const version = params.textDocument.version;
  if (version !== undefined && version !== null && version !== doc.version) return refused('The cable changed while the action was on its way; nothing was changed. Try again.');
  const selections: Span[] = params.selections.map((r) => {
    const a = doc.positions.offsetAt(r.start);
    const b = doc.positions.offsetAt(r.end);
    return { start: Math.min(a, b), end: Math.max(a, b) };
  });
  const answer = state.service.annotate(doc.uri, {
    action: params.action,
    selections,
    type: params.type,
    scope: params.scope === 'workspace' ? 'workspace' : 'cable',
  });
  const result: AnnotateResult = { title: answer.title, refusals: answer.refusals };
  if (answer.choices) result.choices = answer.choices;
  if (answer.files.length > 0) {
    result.edit = toCrossCableEdit(
      state.positionsOf,
      {
        uri: doc.uri,
        annotatedEdits: state.client.annotatedEdits,
        versionOf: (uri) => state.documents.get(uri)?.version ?? null,
        annotationId: 'taggedCables.annotateOtherCables',
        label: (n) => `${answer.title}: ${n} other ${n === 1 ? 'cable' : 'cables'}`,
        description: (n) => `${n} ${n === 1 ? 'change' : 'changes'} of tag markup; tick to include`,
      },
      answer.files,
    );
  }
  const own = answer.files.find((f) => f.uri === doc.uri);
  if (answer.tags.length > 0 && own) {
    // The tags' ranges in the text after the edit.
    const after = new TextPositions(applyEdits(doc.text, own.edits), state.client.encoding);
    result.tags = answer.tags.map((t) => ({ range: toRange(after, t.textSpan), type: t.type, text: t.text }));
  }
  return result;
}

export function navigate(state: ServerState, params: NavigateParams): NavigateResult {
  const at = documentAt(state, params);
  if (!at) return { refused: 'The cable is not open.' };
  const target = params.target === 'tag' ? 'tag' : 'mention';
  const direction = params.direction === 'previous' ? 'previous' : 'next';
  const found = state.service.navigate(at.doc.uri, at.offset, target, direction);
  return typeof found === 'string' ? { refused: found } : { range: toRange(at.doc.positions, found) };
}

/** `workspace/executeCommand`: the code actions that annotate across cables run here, and apply their edit through the client. */
export async function executeCommand(state: ServerState, params: ExecuteCommandParams): Promise<null> {
  if (params?.command !== APPLY_ANNOTATION_COMMAND) return null;
  const [request] = (params.arguments ?? []) as AnnotateParams[];
  const result = annotate(state, request);
  if (result.refusals.length > 0) void state.connection.window.showWarningMessage(result.refusals.join(' '));
  if (result.edit) await state.connection.workspace.applyEdit({ label: result.title, edit: result.edit });
  return null;
}
