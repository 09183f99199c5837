// A status bar entry with the entity under the cursor and its mention count.

import * as vscode from 'vscode';
import { CableServer } from './cableServer';
import { LANGUAGE_ID, count, debounce } from './util';

export function registerEntityStatus(context: vscode.ExtensionContext, server: CableServer): void {
  const item = vscode.window.createStatusBarItem('taggedCables.entity', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Tagged Cables: entity under cursor';
  item.command = 'editor.action.referenceSearch.trigger';
  item.tooltip = 'Mentions of the entity under the cursor: click to peek them all';
  let generation = 0;
  const update = async () => {
    const current = ++generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      item.hide();
      return;
    }
    const position = editor.selection.active;
    const entity = await server.entityAt({
      textDocument: { uri: editor.document.uri.toString() },
      position: { line: position.line, character: position.character },
    });
    if (current !== generation) return;
    if (!entity) {
      item.hide();
      return;
    }
    const others = typeof entity.otherCables === 'number' && entity.otherCables > 0 ? ` · ${count(entity.otherCables, 'other cable')}` : '';
    item.text = `$(symbol-key) ${entity.name} · ${entity.type} · ${count(entity.mentions, 'mention')}${others}`;
    item.show();
  };
  const schedule = debounce(() => void update(), 80);
  context.subscriptions.push(
    item,
    schedule,
    vscode.window.onDidChangeTextEditorSelection(() => schedule()),
    vscode.window.onDidChangeActiveTextEditor(() => schedule()),
    server.onIndexChanged(() => schedule()),
    server.onStarted(() => schedule()),
  );
  schedule();
}
