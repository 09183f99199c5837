import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, SEED, openCable, openDocument, workspaceUri } from './helpers';

describe('language mode', () => {
  it(`a .txt cable (${SEED}) is a Tagged Cable`, async () => {
    const doc = await openCable(SEED);
    assert.equal(doc.languageId, 'cable');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, 'the extension is active');
  });

  it('a .cable file is a Tagged Cable', async () => {
    const doc = await openCable('malformed.cable');
    assert.equal(doc.languageId, 'cable');
  });

  it('a plain .txt note stays Plain Text', async () => {
    const uri = workspaceUri('notes.txt');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // A switch would come from the extension asynchronously: give it time to misbehave.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(openDocument(uri)?.languageId, 'plaintext');
  });
});
