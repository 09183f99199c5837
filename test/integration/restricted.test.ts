import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, SEED, diagnosticsOf, hoverText, openCable, positionOf, waitFor } from './helpers';

// The folder is not trusted: VS Code runs only the extensions that declare
// capabilities.untrustedWorkspaces. The extension is the packaged .vsix, installed.
describe('Restricted Mode (an untrusted folder)', () => {
  it('the folder is not trusted and the extension is installed, not under development', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is enabled (${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ')})`);
    assert.ok(!ext.extensionPath.startsWith(process.env.TAGGED_CABLES_REPO ?? '\0'), `installed from the .vsix, not the repository: ${ext.extensionPath}`);
  });

  it('a cable opens as Tagged Cable and gets its diagnostics', async () => {
    const doc = await openCable(SEED);
    const found = await diagnosticsOf(doc.uri, (d) => d.length >= 15);
    assert.equal(found.length, 15);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('hover on Pickard', async () => {
    const doc = await openCable(SEED);
    const position = positionOf(doc, '[PER Pickard  ]', 2, '[PER Pi'.length);
    const text = await waitFor('a hover on Pickard', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      return hovers.length > 0 ? hoverText(hovers) : undefined;
    });
    assert.match(text, /Nicolas Pickard/);
    assert.match(text, /\*\*14 mentions\*\* in this cable/);
  });
});
