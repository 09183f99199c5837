// Comparing annotations with another version: start (one cable, or a
// folder's cables), stop, the score table, the differences for next and
// previous, and the `annotation-diff` quick fixes (typed in ../../protocol.ts).

import fg from 'fast-glob';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, ExecuteCommandParams, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { CABLE_GLOBS, DEFAULT_EXCLUDES, Difference, FIRST_LINE_BYTES, NEVER_SEARCHED, acceptTheirsEdits, cableFileKind, combinedScores, scoreTableMarkdown, startsLikeCable } from '../../core';
import { globbedPath } from '../../globbed';
import {
  CompareFoldersParams,
  CompareStartParams,
  CompareStartResult,
  CompareStopParams,
  CompareStopResult,
  ComparisonDifferencesParams,
  ComparisonDifferencesResult,
  ComparisonScoresParams,
  ComparisonScoresResult,
  ComparisonSummary,
  KEEP_MINE_COMMAND,
} from '../../protocol';
import { ANNOTATION_DIFF, differenceKey, differenceMessage, tagText } from '../comparisons';
import { OpenDocument } from '../documents';
import { TextPositions } from '../positions';
import { ServerState } from '../state';
import { toRange, toSpan, toTextEdits } from '../toProto';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Sends the diagnostics of these cables again (or asks a pulling client to pull them). */
export function republish(state: ServerState, uris: Iterable<string>): void {
  if (state.diagnostics.mode === 'pull') {
    state.diagnostics.all();
    return;
  }
  for (const uri of uris) {
    if (state.documents.get(uri)) state.diagnostics.opened(uri);
    else void state.connection.sendDiagnostics({ uri, diagnostics: state.comparisons.diagnostics(uri) });
  }
}

/** Push mode: a closed cable that is still compared keeps its differences in the Problems panel. */
export function cableClosed(state: ServerState, uri: string): void {
  if (state.diagnostics.mode === 'push' && state.comparisons.has(uri)) {
    void state.connection.sendDiagnostics({ uri, diagnostics: state.comparisons.diagnostics(uri) });
  }
}

function summaryOf(state: ServerState, uri: string): ComparisonSummary | { error: string } {
  const found = state.comparisons.openDifferences(uri);
  if (!found) return { error: 'not compared' };
  if (!found.outcome.ok) return { error: found.outcome.message };
  const { comparison, entry } = found.outcome;
  const { table, kappa } = combinedScores([comparison], state.service.configuration().entityTypes);
  return { uri, label: entry.label, differences: found.differences.length, textChanges: comparison.textChanges.length, f1: round(table.overall.strict.f1), kappa: round(kappa.kappa) };
}

function readUri(uri: string): string {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    throw new Error(`${uri} is not a file on disk; send its text`);
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function startComparing(state: ServerState, params: CompareStartParams): CompareStartResult {
  if (typeof params?.uri !== 'string' || typeof params.label !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'Compare: give the cable (uri) and a label for the other version.');
  let otherText = params.otherText;
  if (typeof otherText !== 'string') {
    if (typeof params.otherUri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'Compare: give the other version (otherText, or otherUri of a file).');
    try {
      otherText = readUri(params.otherUri);
    } catch (error) {
      return { compared: [], errors: [{ uri: params.uri, message: (error as Error).message }], unpaired: [] };
    }
  }
  state.comparisons.stop(params.uri);
  const group = state.comparisons.newGroup();
  state.comparisons.start(params.uri, params.label, otherText, params.otherUri, group);
  const summary = summaryOf(state, params.uri);
  if ('error' in summary) {
    state.comparisons.stop(params.uri);
    return { compared: [], errors: [{ uri: params.uri, message: summary.error }], unpaired: [] };
  }
  republish(state, [params.uri]);
  return { compared: [summary], errors: [], unpaired: [] };
}

async function cablesUnder(folder: string): Promise<Map<string, string>> {
  const found = (await fg(CABLE_GLOBS, { cwd: folder, ignore: [...DEFAULT_EXCLUDES, ...NEVER_SEARCHED] })).map((f) => globbedPath(folder, f));
  const out = new Map<string, string>();
  for (const file of found.sort()) {
    if (cableFileKind(file) !== 'always' && !(await startsLikeCableOnDisk(file))) continue;
    out.set(path.relative(folder, file), file);
  }
  return out;
}

async function startsLikeCableOnDisk(file: string): Promise<boolean> {
  try {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(FIRST_LINE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, FIRST_LINE_BYTES, 0);
      return startsLikeCable(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

export async function compareFolders(state: ServerState, params: CompareFoldersParams): Promise<CompareStartResult> {
  if (typeof params?.folderUri !== 'string' || typeof params.otherFolderUri !== 'string' || typeof params.label !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'Compare folders: give folderUri, otherFolderUri and label.');
  }
  let mine: string;
  let theirs: string;
  try {
    mine = fileURLToPath(params.folderUri);
    theirs = fileURLToPath(params.otherFolderUri);
  } catch {
    throw new ResponseError(ErrorCodes.InvalidParams, 'Compare folders: both folders must be on disk (file: URIs).');
  }
  const [ours, others] = await Promise.all([cablesUnder(mine), cablesUnder(theirs)]);
  const result: CompareStartResult = { compared: [], errors: [], unpaired: [] };
  const group = state.comparisons.newGroup();
  for (const [relative, file] of ours) {
    const uri = pathToFileURL(file).toString();
    const otherFile = others.get(relative);
    if (!otherFile) {
      result.unpaired.push(uri);
      continue;
    }
    let otherText: string;
    try {
      otherText = await fs.promises.readFile(otherFile, 'utf8');
    } catch (error) {
      result.errors.push({ uri, message: `cannot read ${otherFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      continue;
    }
    // The open editor's URI, when the cable is open (same file, maybe spelled differently).
    const openUri = [...state.documents.uris()].find((u) => u === uri || sameFile(u, file)) ?? uri;
    state.comparisons.stop(openUri);
    state.comparisons.start(openUri, params.label, otherText, pathToFileURL(otherFile).toString(), group);
    const summary = summaryOf(state, openUri);
    if ('error' in summary) {
      state.comparisons.stop(openUri);
      result.errors.push({ uri: openUri, message: summary.error });
    } else {
      result.compared.push(summary);
    }
  }
  republish(state, result.compared.map((c) => c.uri));
  return result;
}

function sameFile(uri: string, file: string): boolean {
  try {
    return path.resolve(fileURLToPath(uri)) === path.resolve(file);
  } catch {
    return false;
  }
}

export function stopComparing(state: ServerState, params: CompareStopParams): CompareStopResult {
  const stopped = state.comparisons.stop(typeof params?.uri === 'string' ? params.uri : undefined);
  if (state.diagnostics.mode === 'pull') state.diagnostics.all();
  else {
    for (const uri of stopped) {
      if (state.documents.get(uri)) state.diagnostics.opened(uri);
      else void state.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }
  return { stopped: stopped.length };
}

export function comparisonScores(state: ServerState, params: ComparisonScoresParams): ComparisonScoresResult | null {
  if (typeof params?.uri !== 'string') return null;
  const found = state.comparisons.openDifferences(params.uri);
  if (!found) return null;
  const types = state.service.configuration().entityTypes;
  const { entry } = found.outcome;
  if (!found.outcome.ok) {
    const empty = combinedScores([], types);
    return { uri: params.uri, label: entry.label, differences: 0, textChanges: 0, f1: 0, kappa: 0, overall: empty.table.overall, byType: {}, tokens: 0, markdown: '', error: found.outcome.message };
  }
  const { comparison } = found.outcome;
  const { table, kappa } = combinedScores([comparison], types);
  const result: ComparisonScoresResult = {
    uri: params.uri,
    label: entry.label,
    differences: found.differences.length,
    textChanges: comparison.textChanges.length,
    f1: round(table.overall.strict.f1),
    kappa: round(kappa.kappa),
    overall: table.overall,
    byType: table.byType,
    tokens: kappa.tokens,
    markdown: scoreTableMarkdown(table.overall, table.byType, kappa),
  };
  const group = state.comparisons.groupOf(params.uri);
  if (group.length > 1) {
    const comparisons = [];
    let differences = 0;
    for (const uri of group) {
      const other = state.comparisons.openDifferences(uri);
      if (!other?.outcome.ok) continue;
      comparisons.push(other.outcome.comparison);
      differences += other.differences.length;
    }
    const all = combinedScores(comparisons, types);
    result.group = {
      cables: comparisons.length,
      differences,
      f1: round(all.table.overall.strict.f1),
      kappa: round(all.kappa.kappa),
      markdown: scoreTableMarkdown(all.table.overall, all.table.byType, all.kappa),
    };
  }
  return result;
}

export function comparisonDifferences(state: ServerState, params: ComparisonDifferencesParams): ComparisonDifferencesResult {
  const doc = state.documents.get(params?.uri);
  const found = typeof params?.uri === 'string' ? state.comparisons.openDifferences(params.uri) : undefined;
  if (!found || !found.outcome.ok) return { differences: [] };
  const { entry, text } = found.outcome;
  const mine = doc?.positions ?? new TextPositions(text, state.client.encoding);
  return {
    differences: found.differences.map((d) => ({ range: toRange(mine, d.a.span), kind: d.kind, type: d.type, message: differenceMessage(d, entry.label) })),
  };
}

/** `workspace/executeCommand`: *Keep mine* dismisses one difference for this comparison. */
export function executeCommand(state: ServerState, params: ExecuteCommandParams): null {
  if (params?.command !== KEEP_MINE_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command ${String(params?.command)}.`);
  const [uri, key] = (params.arguments ?? []) as unknown[];
  if (typeof uri !== 'string' || typeof key !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${KEEP_MINE_COMMAND} takes [uri, key].`);
  if (state.comparisons.dismiss(uri, key)) republish(state, [uri]);
  return null;
}

/** Quick fixes of `annotation-diff`: Accept theirs, Keep mine, Accept theirs for all differences of a type. */
export function comparisonActions(state: ServerState, doc: OpenDocument, params: CodeActionParams): CodeAction[] {
  const only = params.context?.only;
  if (only && only.length > 0 && !only.includes(CodeActionKind.QuickFix)) return [];
  if (!state.comparisons.has(doc.uri)) return [];
  const found = state.comparisons.openDifferences(doc.uri);
  if (!found || !found.outcome.ok || found.outcome.text !== doc.text) return [];
  const { comparison, entry } = found.outcome;
  const range = toSpan(doc.positions, params.range);
  const here = found.differences.filter((d) => d.a.span.start <= range.end && range.start <= d.a.span.end);
  const related = (ds: Difference[]) => {
    const keys = new Set(ds.map(differenceKey));
    return (params.context?.diagnostics ?? []).filter((x: Diagnostic) => x.code === ANNOTATION_DIFF && keys.has(String((x.data as { key?: unknown } | undefined)?.key ?? '')));
  };
  const edit = (ds: Difference[]) => ({ changes: { [doc.uri]: toTextEdits(doc.positions, acceptTheirsEdits(comparison, ds)) } });
  const actions: CodeAction[] = [];
  for (const d of here) {
    const accept = CodeAction.create(`Accept theirs: ${tagText(d.b)} (${entry.label})`, CodeActionKind.QuickFix);
    accept.edit = edit([d]);
    accept.diagnostics = related([d]);
    accept.isPreferred = true;
    actions.push(accept);
    const keep = CodeAction.create(`Keep mine: ${tagText(d.a)}`, CodeActionKind.QuickFix);
    keep.command = { title: 'Keep mine', command: KEEP_MINE_COMMAND, arguments: [doc.uri, differenceKey(d)] };
    keep.diagnostics = related([d]);
    actions.push(keep);
  }
  for (const type of [...new Set(here.map((d) => d.type))]) {
    const ofType = found.differences.filter((d) => d.type === type);
    if (ofType.length < 2) continue;
    const all = CodeAction.create(`Accept theirs for all ${ofType.length} ${type} differences (${entry.label})`, CodeActionKind.QuickFix);
    all.edit = edit(ofType);
    all.diagnostics = related(here.filter((d) => d.type === type));
    actions.push(all);
  }
  return actions;
}
