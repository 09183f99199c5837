// Comparing annotations in the editor: *Compare Annotations With…* (the
// file's git HEAD, another file, or the same names in another folder), next
// and previous difference, the status bar entry with the agreement, the score
// table, and *Stop Comparing*. The server computes everything; the
// differences arrive as `annotation-diff` diagnostics with their quick fixes.

import * as path from 'path';
import * as vscode from 'vscode';
import type { CompareStartResult, ComparisonScoresResult } from '../../server/src/protocol';
import { CableServer } from './cableServer';
import { LANGUAGE_ID, count, debounce, fileName } from './util';

const SCORES_SCHEME = 'tagged-cables-scores';
const CONTEXT_KEY = 'taggedCables.comparing';

/** The part of VS Code's git extension API used here (`vscode.git`, API version 1). */
interface GitRepository {
  rootUri: vscode.Uri;
  show(ref: string, path: string): Promise<string>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}
interface GitExtension {
  enabled: boolean;
  getAPI(version: 1): GitApi;
}

type Source = 'head' | 'file' | 'folder';

export function registerCompare(context: vscode.ExtensionContext, server: CableServer): void {
  const item = vscode.window.createStatusBarItem('taggedCables.comparison', vscode.StatusBarAlignment.Right, 98);
  item.name = 'Tagged Cables: annotation comparison';
  item.command = 'taggedCables.showComparisonScores';
  const scoresProvider = new ScoresDocuments();
  let shown: ComparisonScoresResult | undefined;
  let generation = 0;

  const update = async () => {
    const current = ++generation;
    const editor = vscode.window.activeTextEditor;
    const scores = editor && editor.document.languageId === LANGUAGE_ID ? await server.comparisonScores({ uri: editor.document.uri.toString() }) : undefined;
    if (current !== generation) return;
    shown = scores;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, scores !== undefined);
    if (!scores) {
      item.hide();
      return;
    }
    if (scores.error) {
      item.text = `$(diff) vs ${scores.label}: cannot compare`;
      item.tooltip = new vscode.MarkdownString().appendText(`Compared with ${scores.label}: ${scores.error}`);
    } else {
      item.text = `$(diff) F1 ${scores.f1.toFixed(2)} vs ${scores.label} · ${count(scores.differences, 'difference')}`;
      item.tooltip = tooltip(editor!.document.uri, scores);
    }
    item.accessibilityInformation = { label: item.text.replace('$(diff) ', 'Annotation comparison: ') };
    item.show();
  };
  const updateSoon = debounce(() => void update(), 120);

  const compareWith = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      void vscode.window.showInformationMessage('Open a tagged cable to compare its annotations.');
      return;
    }
    const document = editor.document;
    const picked = await vscode.window.showQuickPick(
      [
        { label: '$(git-commit) Git HEAD', description: 'the last commit of this file', source: 'head' as Source },
        { label: '$(file) Another File…', description: 'another version of this cable', source: 'file' as Source },
        { label: '$(folder) Same Name in Another Folder…', description: 'compares every cable of this folder with its namesake', source: 'folder' as Source },
      ],
      { title: `Compare the annotations of ${fileName(document.uri)} with…` },
    );
    if (!picked) return;
    let result: CompareStartResult | undefined;
    if (picked.source === 'head') result = await compareWithHead(server, document);
    else if (picked.source === 'file') result = await compareWithFile(server, document);
    else result = await compareWithFolder(server, document);
    if (!result) return;
    report(result);
    await update();
  };

  const move = async (direction: 1 | -1) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const found = await server.comparisonDifferences({ uri: editor.document.uri.toString() });
    const ranges = (found?.differences ?? []).map((d) => new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character));
    if (ranges.length === 0) {
      void vscode.window.setStatusBarMessage(shown ? 'No differences left to decide.' : 'This cable is not being compared.', 3000);
      return;
    }
    const cursor = editor.selection.active;
    const target =
      direction === 1
        ? (ranges.find((r) => r.start.isAfter(cursor)) ?? ranges[0])
        : ([...ranges].reverse().find((r) => r.start.isBefore(cursor)) ?? ranges[ranges.length - 1]);
    editor.selection = new vscode.Selection(target.start, target.end);
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };

  const showScores = async () => {
    const editor = vscode.window.activeTextEditor;
    const scores = editor ? await server.comparisonScores({ uri: editor.document.uri.toString() }) : undefined;
    if (!editor || !scores) {
      void vscode.window.showInformationMessage('The active cable is not being compared. Run "Tagged Cables: Compare Annotations With…" first.');
      return;
    }
    const uri = scoresProvider.put(editor.document.uri, scores);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  };

  const stop = async () => {
    const editor = vscode.window.activeTextEditor;
    const uri = editor && shown ? editor.document.uri.toString() : undefined;
    const result = await server.compareStop(uri ? { uri } : {});
    void vscode.window.setStatusBarMessage(`Stopped comparing ${count(result?.stopped ?? 0, 'cable')}.`, 3000);
    await update();
  };

  context.subscriptions.push(
    item,
    updateSoon,
    vscode.workspace.registerTextDocumentContentProvider(SCORES_SCHEME, scoresProvider),
    vscode.commands.registerCommand('taggedCables.compareWith', compareWith),
    vscode.commands.registerCommand('taggedCables.nextDifference', () => move(1)),
    vscode.commands.registerCommand('taggedCables.previousDifference', () => move(-1)),
    vscode.commands.registerCommand('taggedCables.showComparisonScores', showScores),
    vscode.commands.registerCommand('taggedCables.stopComparing', stop),
    vscode.window.onDidChangeActiveTextEditor(() => updateSoon()),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) updateSoon();
    }),
    server.onStarted(() => updateSoon()),
  );
  updateSoon();
}

function report(result: CompareStartResult): void {
  const problems = result.errors.map((e) => `${fileName(vscode.Uri.parse(e.uri))}: ${e.message}`);
  if (result.compared.length === 0) {
    void vscode.window.showErrorMessage(`Cannot compare: ${problems.join('; ') || 'nothing to compare.'}`);
    return;
  }
  if (result.compared.length > 1 || result.unpaired.length > 0) {
    const differences = result.compared.reduce((n, c) => n + c.differences, 0);
    const unpaired = result.unpaired.length > 0 ? ` ${count(result.unpaired.length, 'cable has', 'cables have')} no namesake there.` : '';
    void vscode.window.showInformationMessage(
      `Comparing ${count(result.compared.length, 'cable')} with ${result.compared[0].label}: ${count(differences, 'difference')}, listed in the Problems panel.${unpaired}`,
    );
  }
  if (problems.length > 0) void vscode.window.showWarningMessage(`Not compared: ${problems.join('; ')}`);
}

async function gitApi(): Promise<GitApi | string> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return 'the Git extension of VS Code is not available';
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return 'Git is disabled in VS Code (git.enabled)';
    return exports.getAPI(1);
  } catch (error) {
    return `the Git extension did not start (${(error as Error).message})`;
  }
}

async function compareWithHead(server: CableServer, document: vscode.TextDocument): Promise<CompareStartResult | undefined> {
  const unavailable = (why: string) => {
    void vscode.window.showErrorMessage(`Cannot compare with HEAD: ${why}. Compare with another file instead.`);
    return undefined;
  };
  if (document.uri.scheme !== 'file') return unavailable('the cable is not saved in a folder');
  const api = await gitApi();
  if (typeof api === 'string') return unavailable(api);
  let repository = api.getRepository(document.uri);
  if (!repository && api.openRepository) {
    // The git extension opens repositories lazily; try the folder the file is in.
    repository = await api.openRepository(vscode.Uri.file(path.dirname(document.uri.fsPath))).catch(() => null);
  }
  if (!repository) return unavailable(`${fileName(document.uri)} is not in a git repository`);
  let text: string;
  try {
    text = await repository.show('HEAD', document.uri.fsPath);
  } catch {
    return unavailable(`${fileName(document.uri)} is not in HEAD (a new file, or a repository without commits)`);
  }
  return server.compareStart({ uri: document.uri.toString(), label: 'HEAD', otherText: text, otherUri: api.toGitUri(document.uri, 'HEAD').toString() });
}

async function compareWithFile(server: CableServer, document: vscode.TextDocument): Promise<CompareStartResult | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `Compare the annotations of ${fileName(document.uri)} with`,
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    defaultUri: document.uri.scheme === 'file' ? vscode.Uri.file(path.dirname(document.uri.fsPath)) : undefined,
    openLabel: 'Compare',
  });
  const other = picked?.[0];
  if (!other) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(other));
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot read ${fileName(other)}: ${(error as Error).message}`);
    return undefined;
  }
  return server.compareStart({ uri: document.uri.toString(), label: fileName(other), otherText: text, otherUri: other.toString() });
}

async function compareWithFolder(server: CableServer, document: vscode.TextDocument): Promise<CompareStartResult | undefined> {
  if (document.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Save the cable in a folder first: the folder comparison pairs cables by name.');
    return undefined;
  }
  const folder = vscode.Uri.file(path.dirname(document.uri.fsPath));
  const picked = await vscode.window.showOpenDialog({
    title: `Compare every cable of ${path.basename(folder.fsPath)} with its namesake in`,
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Compare',
  });
  const other = picked?.[0];
  if (!other) return undefined;
  return server.compareFolders({ folderUri: folder.toString(), otherFolderUri: other.toString(), label: path.basename(other.fsPath) || other.fsPath });
}

function tooltip(uri: vscode.Uri, scores: ComparisonScoresResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(`${fileName(uri)} compared with ${scores.label}`).appendMarkdown('**\n\n');
  md.appendText(`${count(scores.differences, 'difference')}${scores.textChanges > 0 ? `, ${count(scores.textChanges, 'text change')}` : ''} · strict F1 ${scores.f1.toFixed(3)} · kappa ${scores.kappa.toFixed(3)}`);
  md.appendMarkdown('\n\n').appendMarkdown(scores.markdown).appendMarkdown('\n\n');
  if (scores.group) {
    md.appendMarkdown(`**The folder: ${count(scores.group.cables, 'cable')}, ${count(scores.group.differences, 'difference')}, strict F1 ${scores.group.f1.toFixed(3)}**\n\n`);
  }
  md.appendText('Click for the whole table. Next/previous difference: Alt+F8 / Shift+Alt+F8; Ctrl+. to accept theirs or keep mine.');
  return md;
}

/** The score tables as read-only Markdown documents (shown in the Markdown preview). */
class ScoresDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(cable: vscode.Uri, scores: ComparisonScoresResult): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCORES_SCHEME, path: `/${fileName(cable)} vs ${scores.label}.md` });
    const lines = [`# ${fileName(cable)} compared with ${scores.label}`, ''];
    if (scores.error) lines.push(`Cannot compare: ${scores.error}`);
    else {
      lines.push(
        `${count(scores.differences, 'difference')}${scores.textChanges > 0 ? `, ${count(scores.textChanges, 'text change')}` : ''}; ${fileName(cable)} is the reference.`,
        '',
        scores.markdown,
      );
      if (scores.group) lines.push('', `## The folder: ${count(scores.group.cables, 'cable')}, ${count(scores.group.differences, 'difference')}`, '', scores.group.markdown);
      lines.push('', 'Schemes of SemEval-2013 Task 9.1 (as nervaluate): strict = same bounds and type; exact = same bounds; partial = overlap, half credit; type = overlap and same type.');
    }
    this.texts.set(uri.toString(), lines.join('\n') + '\n');
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
