// Shared by the integration tests, which run inside VS Code's extension host:
// the workspace's files (copied by test/integration/run.mjs into a temporary
// folder), waiting for the language server, and reading what VS Code shows.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'tagged-cables.tagged-cables';
export const SEED = '000_d5a32e40f8b893e0.txt';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a value other than undefined/false; fails with `what` and the last value seen. */
export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeout = 30000): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(200);
  }
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** The text of a workspace file on disk. */
export async function diskText(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(name)));
}

/** The open document of `uri` as VS Code holds it now (setting a language reopens a document). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/** Opens a workspace file in an editor and waits until its language is `languageId`. */
export async function openCable(name: string, languageId = 'cable'): Promise<vscode.TextDocument> {
  const uri = workspaceUri(name);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  return waitFor(`${name} in language "${languageId}"`, () => {
    const doc = openDocument(uri);
    return doc?.languageId === languageId ? doc : undefined;
  });
}

/** The position of the `nth` (1-based) occurrence of `needle` in `doc`, moved `shift` characters on. */
export function positionOf(doc: vscode.TextDocument, needle: string, nth = 1, shift = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${doc.uri.path} has ${i} occurrences of ${JSON.stringify(needle)}, not ${nth}`);
  }
  return doc.positionAt(at + shift);
}

/** Diagnostics of the language server ("cable" source) for `uri`, once `ready` accepts them. */
export async function diagnosticsOf(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean = (d) => d.length > 0, timeout = 30000): Promise<vscode.Diagnostic[]> {
  return waitFor(`diagnostics of ${uri.path.split('/').pop()}`, () => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cable');
    return ready(found) ? found : undefined;
  }, timeout);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** "line:column" (1-based, as the README and cable-lint write them), the code and the text under the range. */
export function describeDiagnostic(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  const { start, end } = d.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${codeOf(d)} ${JSON.stringify(doc.getText(d.range))}`;
}

/** The text of a hover's contents. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

type WindowApi = typeof vscode.window;

/**
 * Replaces functions of `vscode.window` (the quick picks, dialogs and messages a command shows)
 * with the test's answers, until the returned function puts them back. The tests share the
 * extension's `vscode` API object (their bundle lies in the extension's folder), so the
 * extension's commands call these; what the user would pick or type is all they stand in for.
 */
export function stubWindow(answers: Partial<Record<keyof WindowApi, (...args: any[]) => unknown>>): () => void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  for (const [name, fn] of Object.entries(answers)) {
    originals.set(name, window[name]);
    window[name] = fn;
  }
  return () => {
    for (const [name, fn] of originals) window[name] = fn;
  };
}

/** The label of a quick pick item without its leading `$(icon) `. */
export const pickLabel = (item: vscode.QuickPickItem | string): string => (typeof item === 'string' ? item : item.label).replace(/^\$\([\w-]+\)\s*/, '');

/** Messages shown through `vscode.window.show{Information,Warning,Error}Message`, recorded by `recordMessages`. */
export interface ShownMessage {
  severity: 'information' | 'warning' | 'error';
  text: string;
}

/** Answers for stubWindow that record the messages (answering each with `answer(message)`, undefined by default). */
export function recordMessages(shown: ShownMessage[], answer: (m: ShownMessage) => string | undefined = () => undefined) {
  const record = (severity: ShownMessage['severity']) => async (text: string) => {
    const m = { severity, text };
    shown.push(m);
    return answer(m);
  };
  return { showInformationMessage: record('information'), showWarningMessage: record('warning'), showErrorMessage: record('error') };
}

/** The untagged text of a cable and its entity spans, read independently of the extension: each `[TYPE text  ]` becomes `text`; offsets in code points. */
export function untagged(tagged: string): { text: string; spans: Array<{ start: number; end: number; label: string; text: string }> } {
  let text = '';
  let points = 0;
  let last = 0;
  const spans: Array<{ start: number; end: number; label: string; text: string }> = [];
  const cps = (s: string) => [...s].length;
  for (const m of tagged.matchAll(/\[([A-Za-z][A-Za-z0-9_-]*) ([^[\]\n]*?)\s*\]/g)) {
    const before = tagged.slice(last, m.index);
    text += before;
    points += cps(before);
    spans.push({ start: points, end: points + cps(m[2]), label: m[1], text: m[2] });
    text += m[2];
    points += cps(m[2]);
    last = m.index! + m[0].length;
  }
  return { text: text + tagged.slice(last), spans };
}

/** Closes the active editor without saving it (reverting an untitled or modified one). */
export async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
