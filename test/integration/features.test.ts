import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, diagnosticsOf, hoverText, openCable, positionOf, waitFor } from './helpers';

// The workspace holds the seed and a copy of it (retype.txt): 14 mentions of
// Nicolas Pickard in each ([PER Pickard  ] ×13, [PER Nicolas Pickard  ] ×1).
const PICKARD_MENTIONS = 14;

describe('language features through the vscode API', () => {
  it('hover on Pickard names the entity and counts its mentions', async () => {
    const doc = await openCable(SEED);
    const position = positionOf(doc, '[PER Pickard  ]', 2, '[PER Pi'.length);
    const text = await waitFor('a hover on Pickard', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      return hovers.length > 0 ? hoverText(hovers) : undefined;
    });
    assert.match(text, /Nicolas Pickard/);
    assert.match(text, new RegExp(`\\*\\*${PICKARD_MENTIONS} mentions\\*\\* in this cable`));
  });

  it('references of Pickard: every mention in the seed and in its copy', async () => {
    const doc = await openCable(SEED);
    const position = positionOf(doc, '[PER Pickard  ]', 4, '[PER Pi'.length);
    const refs = await waitFor('references in both cables', async () => {
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, position);
      return found.length === 2 * PICKARD_MENTIONS ? found : undefined;
    });
    const byFile = new Map<string, number>();
    for (const r of refs) {
      const name = r.uri.path.split('/').pop()!;
      byFile.set(name, (byFile.get(name) ?? 0) + 1);
    }
    assert.deepEqual([...byFile].sort(), [[SEED, PICKARD_MENTIONS], ['retype.txt', PICKARD_MENTIONS]]);
    // In the seed, each range covers the name inside its tag.
    const inSeed = refs.filter((r) => r.uri.toString() === doc.uri.toString()).map((r) => doc.getText(r.range));
    assert.equal(inSeed.filter((t) => t === 'Nicolas Pickard').length, 1);
    assert.equal(inSeed.filter((t) => t === 'Pickard').length, 13);
  });

  it('the quick fix "Retype all 5 mentions" applied through vscode.workspace.applyEdit', async () => {
    const doc = await openCable('retype.txt');
    const before = doc.getText();
    // [ORG Ford  ] at 40:7 is flagged: "Ford" is taken as PER (Andrew Ford).
    const conflict = (await diagnosticsOf(doc.uri, (d) => d.some((x) => x.range.start.line === 39 && x.range.start.character === 6))).find(
      (d) => d.range.start.line === 39 && d.range.start.character === 6,
    )!;
    assert.equal(doc.getText(conflict.range), '[ORG Ford  ]');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, conflict.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const all = actions.find((a) => a.title === 'Retype all 5 mentions of "Andrew Ford" as PER');
    assert.ok(all?.edit, `a "Retype all" action with an edit among ${JSON.stringify(titles)}`);
    assert.ok(titles.includes('Retype this mention as PER'), JSON.stringify(titles));
    assert.equal(await vscode.workspace.applyEdit(all.edit), true);
    // The three [ORG Ford  ] become [PER Ford  ]; nothing else changes.
    assert.equal(doc.getText(), before.replaceAll('[ORG Ford  ]', '[PER Ford  ]'));
    assert.equal(before.split('[ORG Ford  ]').length - 1, 3);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), before);
  });
});
