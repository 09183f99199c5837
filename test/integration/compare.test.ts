import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEED, codeOf, diskText, openCable, pickLabel, positionOf, revertAndClose, stubWindow, waitFor, workspaceUri } from './helpers';

// Compare Annotations With… › Another File…, through the command (the quick pick and the open
// dialog answered by stubs): retype.txt, a copy of the seed, edited in the editor and not saved
// (the comparison follows unsaved edits), against the seed on disk.

const annotationDiffs = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'annotation-diff');
const sorted = (ds: vscode.Diagnostic[]) => [...ds].sort((a, b) => a.range.start.compareTo(b.range.start));

describe('Compare Annotations With… through the vscode API', () => {
  let doc: vscode.TextDocument;
  let original = '';

  before(async () => {
    doc = await openCable('retype.txt');
    original = doc.getText();
    const editor = vscode.window.activeTextEditor!;
    const miliband = positionOf(doc, '[PER Miliband  ]', 1, 1);
    const fco = positionOf(doc, '[ORG FCO  ]');
    assert.equal(
      await editor.edit((e) => {
        e.replace(new vscode.Range(miliband, miliband.translate(0, 3)), 'ORG');
        e.replace(new vscode.Range(fco, fco.translate(0, '[ORG FCO  ]'.length)), 'FCO');
      }),
      true,
    );
    const restore = stubWindow({
      showQuickPick: async (items: readonly vscode.QuickPickItem[]) => [...(await items)].find((i) => pickLabel(i) === 'Another File…'),
      showOpenDialog: async () => [workspaceUri(SEED)],
    });
    try {
      await vscode.commands.executeCommand('taggedCables.compareWith');
    } finally {
      restore();
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('taggedCables.stopComparing');
    await openCable('retype.txt');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the two differences are annotation-diff diagnostics (information), with the other version\'s tag in related information', async () => {
    const found = sorted(await waitFor('two annotation-diff diagnostics', () => (annotationDiffs(doc.uri).length === 2 ? annotationDiffs(doc.uri) : undefined)));
    assert.deepEqual(found.map((d) => [d.message, doc.getText(d.range), d.severity, d.source]), [
      [`Tagged only in ${SEED}: [ORG FCO  ] there, untagged here.`, 'FCO', vscode.DiagnosticSeverity.Information, 'cable'],
      [`Retyped in ${SEED}: [PER Miliband  ] there, [ORG Miliband  ] here.`, 'Miliband', vscode.DiagnosticSeverity.Information, 'cable'],
    ]);
    for (const d of found) {
      assert.equal(d.relatedInformation?.length, 1);
      assert.equal(d.relatedInformation[0].location.uri.toString(), workspaceUri(SEED).toString());
    }
    assert.match(found[0].relatedInformation![0].message, /\[ORG FCO {2}\]/);
  });

  it('Next Difference selects FCO; Accept theirs puts [ORG FCO  ] back, one difference left', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('taggedCables.nextDifference');
    await waitFor('FCO selected', () => doc.getText(editor.selection) === 'FCO');
    const fco = sorted(annotationDiffs(doc.uri))[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, fco.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Keep mine: untagged "FCO"'), JSON.stringify(titles));
    const accept = actions.find((a) => a.title === `Accept theirs: [ORG FCO  ] (${SEED})`);
    assert.ok(accept?.edit, JSON.stringify(titles));
    assert.equal(await vscode.workspace.applyEdit(accept.edit), true);
    assert.equal(doc.getText(), original.replace('[PER Miliband  ]', '[ORG Miliband  ]'));
    await waitFor('one difference left', () => annotationDiffs(doc.uri).length === 1);
  });

  it('Keep mine on Miliband: no edit, no difference left', async () => {
    const [miliband] = annotationDiffs(doc.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, miliband.range, vscode.CodeActionKind.QuickFix.value);
    const keep = actions.find((a) => a.title === 'Keep mine: [ORG Miliband  ]');
    assert.ok(keep?.command && !keep.edit, JSON.stringify(actions.map((a) => a.title)));
    const before = doc.getText();
    await vscode.commands.executeCommand(keep.command.command, ...(keep.command.arguments ?? []));
    await waitFor('no difference left', () => annotationDiffs(doc.uri).length === 0);
    assert.equal(doc.getText(), before);
  });

  it('the comparison follows an unsaved edit; Stop Comparing removes its differences', async () => {
    const editor = await vscode.window.showTextDocument(doc);
    const ford = positionOf(doc, '[ORG Ford  ]', 1, 1);
    await editor.edit((e) => e.replace(new vscode.Range(ford, ford.translate(0, 3)), 'PER'));
    const [retyped] = await waitFor('a difference for the retyped Ford', () => (annotationDiffs(doc.uri).length === 1 ? annotationDiffs(doc.uri) : undefined));
    assert.equal(retyped.message, `Retyped in ${SEED}: [ORG Ford  ] there, [PER Ford  ] here.`);
    await vscode.commands.executeCommand('taggedCables.stopComparing');
    await waitFor('no annotation-diff diagnostic', () => annotationDiffs(doc.uri).length === 0);
  });
});

describe('Compare Annotations With… › Same Name in Another Folder, through the vscode API', () => {
  it('a closed cable of the folder has its differences in getDiagnostics; Stop Comparing clears them', async () => {
    const seed = await diskText(SEED);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tagged-cables-compare-'));
    try {
      // mine/: the seed twice; theirs/: the same with the first Miliband retyped.
      for (const [dir, text] of [['mine', seed], ['theirs', seed.replace('[PER Miliband  ]', '[ORG Miliband  ]')]]) {
        fs.mkdirSync(path.join(tmp, dir));
        for (const name of ['open.txt', 'closed.txt']) fs.writeFileSync(path.join(tmp, dir, name), text);
      }
      const closed = vscode.Uri.file(path.join(tmp, 'mine', 'closed.txt'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(tmp, 'mine', 'open.txt'))));
      await waitFor('open.txt in language "cable"', () => vscode.window.activeTextEditor?.document.languageId === 'cable');
      const shown: string[] = [];
      const restore = stubWindow({
        showQuickPick: async (items: readonly vscode.QuickPickItem[]) => [...(await items)].find((i) => pickLabel(i) === 'Same Name in Another Folder…'),
        showOpenDialog: async () => [vscode.Uri.file(path.join(tmp, 'theirs'))],
        showInformationMessage: async (text: string) => void shown.push(text),
      });
      try {
        await vscode.commands.executeCommand('taggedCables.compareWith');
      } finally {
        restore();
      }
      assert.deepEqual(shown, ['Comparing 2 cables with theirs: 2 differences, listed in the Problems panel.']);
      const [diff] = await waitFor('the closed cable\'s difference', () => (annotationDiffs(closed).length === 1 ? annotationDiffs(closed) : undefined));
      assert.equal(diff.message, 'Retyped in theirs: [ORG Miliband  ] there, [PER Miliband  ] here.');
      await vscode.commands.executeCommand('taggedCables.stopComparing');
      await waitFor('no difference left on the closed cable', () => annotationDiffs(closed).length === 0);
    } finally {
      await revertAndClose();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
