import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, openCable, positionOf, waitFor } from './helpers';

// The view's commands tell VS Code their state through `setContext` (the keys its menus
// and welcome texts use). The tests share the extension's `vscode` API object (their
// bundle lies in the extension's folder), so a spy on `commands.executeCommand` sees them.
const contextKeys = new Map<string, unknown>();
let restore: (() => void) | undefined;

function spyOnContextKeys(): void {
  const original = vscode.commands.executeCommand;
  vscode.commands.executeCommand = function <T>(command: string, ...rest: unknown[]): Thenable<T> {
    if (command === 'setContext') contextKeys.set(String(rest[0]), rest[1]);
    return original.call(vscode.commands, command, ...rest) as Thenable<T>;
  };
  restore = () => (vscode.commands.executeCommand = original);
}

const contextKey = (key: string, value: unknown) =>
  waitFor(`the context key ${key} = ${JSON.stringify(value)}`, () => contextKeys.get(key) === value, 10000);

describe('the Entities view commands', () => {
  before(async () => {
    spyOnContextKeys();
    await openCable(SEED);
    await vscode.commands.executeCommand('taggedCables.entities.focus');
  });
  after(() => restore?.());

  it('Show Whole Workspace and Follow Active Editor switch the scope', async () => {
    await vscode.commands.executeCommand('taggedCables.entities.showWorkspace');
    await contextKey('taggedCables.entities.scope', 'workspace');
    await vscode.commands.executeCommand('taggedCables.entities.followEditor');
    await contextKey('taggedCables.entities.scope', 'editor');
  });

  it('following the active editor: a plain text note, then a cable', async () => {
    await openCable('notes.txt', 'plaintext');
    await contextKey('taggedCables.entities.hasCable', false);
    await openCable(SEED);
    await contextKey('taggedCables.entities.hasCable', true);
  });

  it('Filter Entities… opens an input box; Escape keeps the view unfiltered; Clear Filter and Refresh run', async () => {
    await vscode.commands.executeCommand('taggedCables.entities.filter');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('taggedCables.entities.clearFilter');
    await vscode.commands.executeCommand('taggedCables.entities.refresh');
    assert.notEqual(contextKeys.get('taggedCables.entities.filtered'), true);
  });

  it('Open Mention opens the cable with the mention selected', async () => {
    const doc = await openCable(SEED);
    await openCable('notes.txt', 'plaintext');
    const start = positionOf(doc, '[PER Nicolas Pickard  ]', 1, '[PER '.length);
    const range = { start: { line: start.line, character: start.character }, end: { line: start.line, character: start.character + 'Nicolas Pickard'.length } };
    await vscode.commands.executeCommand('taggedCables.entities.openMention', doc.uri.toString(), range);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.toString(), doc.uri.toString());
    assert.equal(editor.document.getText(editor.selection), 'Nicolas Pickard');
  });
});
