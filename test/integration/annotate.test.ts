import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED, diskText, pickLabel, positionOf, revertAndClose, stubWindow, waitFor } from './helpers';

// Annotation from the keyboard through the vscode API, on an untitled copy of the seed (nothing
// on disk changes): the code actions on a selection, and the commands with their arguments.

let seed = '';

async function untitledSeed(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'cable', content: seed });
  return vscode.window.showTextDocument(doc);
}

const range = (doc: vscode.TextDocument, needle: string, from = 0, to = needle.length) => {
  const start = positionOf(doc, needle, 1, from);
  return new vscode.Range(start, start.translate(0, to - from));
};

/** The code actions on `r`, once the language server has the document (they include "Tag…", "Merge…" or "Split…"). */
async function actionsAt(doc: vscode.TextDocument, r: vscode.Range, expected: string): Promise<vscode.CodeAction[]> {
  return waitFor(`the code action "${expected}"`, async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, r);
    return actions.some((a) => a.title === expected) ? actions : undefined;
  });
}

async function apply(doc: vscode.TextDocument, actions: vscode.CodeAction[], title: string): Promise<void> {
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit, `"${title}" with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
  const before = doc.version;
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
  await waitFor('the edit applied', () => doc.version > before);
}

describe('annotation through the vscode API', () => {
  before(async () => {
    seed = await diskText(SEED);
  });
  afterEach(async () => {
    while (vscode.window.activeTextEditor?.document.isUntitled) await revertAndClose();
  });

  it('a selection in untagged text: "Tag as TYPE" for each type, then "Tag all"; applying one tags it', async () => {
    const { document: doc } = await untitledSeed();
    const queen = range(doc, 'the Queen makes', 'the Qu'.length, 'the Quee'.length); // "uee": snaps to the word
    const actions = await actionsAt(doc, queen, 'Tag as PER: "Queen"');
    const titles = actions.map((a) => a.title);
    for (const t of ['PER', 'ORG', 'LOC', 'MISC']) assert.ok(titles.includes(`Tag as ${t}: "Queen"`), JSON.stringify(titles));
    assert.ok(actions.filter((a) => a.kind?.value === 'refactor.rewrite').every((a) => /^(Tag|Retype|Remove|Extend|Shrink|Merge|Split)\b/.test(a.title)), JSON.stringify(titles));
    await apply(doc, actions, 'Tag as PER: "Queen"');
    assert.equal(doc.getText(), seed.replace('the Queen makes', 'the [PER Queen  ] makes'));
    // "Parliament" twice, untagged: tag all in this cable, one edit.
    const parliament = range(doc, 'speech to Parliament', 'speech to '.length, 'speech to Parliament'.length);
    const all = await actionsAt(doc, parliament, 'Tag all 2 occurrences of "Parliament" as ORG');
    await apply(doc, all, 'Tag all 2 occurrences of "Parliament" as ORG');
    assert.equal(
      doc.getText(),
      seed.replace('the Queen makes', 'the [PER Queen  ] makes').replace('speech to Parliament in', 'speech to [ORG Parliament  ] in').replace('completed in Parliament ,', 'completed in [ORG Parliament  ] ,'),
    );
  });

  it('a selection across two tags: "Merge 2 tags as …", the first tag\'s type first; merging as ORG', async () => {
    const { document: doc } = await untitledSeed();
    const start = positionOf(doc, 'Foreign  ] and [ORG Commonwealth');
    const across = new vscode.Range(start, start.translate(0, 'Foreign  ] and [ORG Comm'.length));
    const merged = 'Merge 2 tags as ORG: "United Kingdom Foreign and Commonwealth Office"';
    const actions = await actionsAt(doc, across, merged);
    const merges = actions.map((a) => a.title).filter((t) => t.startsWith('Merge'));
    assert.deepEqual(merges, ['LOC', 'ORG', 'PER', 'MISC'].map((t) => `Merge 2 tags as ${t}: "United Kingdom Foreign and Commonwealth Office"`));
    await apply(doc, actions, merged);
    assert.equal(doc.getText(), seed.replace('[LOC United Kingdom Foreign  ] and [ORG Commonwealth Office  ]', '[ORG United Kingdom Foreign and Commonwealth Office  ]'));
  });

  it('the cursor on "and" in [ORG Department and DoD  ]: "Split into …"; applying it leaves "and" out', async () => {
    const { document: doc } = await untitledSeed();
    const at = positionOf(doc, '[ORG Department and DoD  ]', 1, '[ORG Department a'.length);
    const split = 'Split into "Department" and "DoD" (ORG), leaving "and" untagged';
    const actions = await actionsAt(doc, new vscode.Range(at, at), split);
    await apply(doc, actions, split);
    assert.equal(doc.getText(), seed.replace('[ORG Department and DoD  ]', '[ORG Department  ] and [ORG DoD  ]'));
  });

  it('a selection across a line break: no "Tag as" action (VS Code hides disabled ones); the command refuses it in words, no edit', async () => {
    const editor = await untitledSeed();
    const doc = editor.document;
    // From "May 2010 )" at the end of one line to "Although" at the start of the next: no tag touched.
    const from = positionOf(doc, 'to May 2010 ) . \nAlthough', 1, 'to '.length);
    const across = new vscode.Range(from, new vscode.Position(from.line + 1, 'Although'.length));
    assert.equal(doc.getText(across), 'May 2010 ) . \nAlthough');
    // The same request on the first line alone offers the tags: the language server has the document.
    await actionsAt(doc, new vscode.Range(from, from.translate(0, 'May 2010'.length)), 'Tag as PER: "May 2010"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, across);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Tag')).map((a) => a.title), []);
    editor.selection = new vscode.Selection(across.start, across.end);
    const warnings: string[] = [];
    const restore = stubWindow({ showWarningMessage: async (text: string) => void warnings.push(text) });
    try {
      await vscode.commands.executeCommand('taggedCables.tagSelection', { type: 'PER' });
    } finally {
      restore();
    }
    assert.deepEqual(warnings, ['"May 2010 ) . Although" crosses a line break; a tag stays on one line.']);
    assert.equal(doc.getText(), seed);
  });

  it('taggedCables.tagSelection { "type": "PER" } on two selections: both tagged, one undo step', async () => {
    const editor = await untitledSeed();
    const doc = editor.document;
    editor.selections = [range(doc, 'the Queen makes', 'the '.length, 'the Queen'.length), range(doc, 'Clare Bloomfield  ] from', 'Clare '.length, 'Clare Bloom'.length)].map(
      (r) => new vscode.Selection(r.start, r.end),
    );
    // "Bloom" lies inside [ORG Clare Bloomfield  ]: refused, and named; "Queen" is tagged.
    await vscode.commands.executeCommand('taggedCables.tagSelection', { type: 'PER' });
    await waitFor('Queen tagged', () => doc.getText().includes('the [PER Queen  ] makes'));
    assert.equal(doc.getText(), seed.replace('the Queen makes', 'the [PER Queen  ] makes'));
    editor.selections = [range(doc, 'speech to Parliament in'), range(doc, 'completed in Parliament ,')].map((r) => {
      const word = doc.getText(r).indexOf('Parliament');
      return new vscode.Selection(r.start.translate(0, word), r.start.translate(0, word + 'Parliament'.length));
    });
    await vscode.commands.executeCommand('taggedCables.tagSelection', { type: 'ORG' });
    const both = seed.replace('the Queen makes', 'the [PER Queen  ] makes').replace('speech to Parliament in', 'speech to [ORG Parliament  ] in').replace('completed in Parliament ,', 'completed in [ORG Parliament  ] ,');
    await waitFor('both Parliaments tagged', () => doc.getText() === both);
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo: both Parliaments untagged', () => doc.getText() === seed.replace('the Queen makes', 'the [PER Queen  ] makes'));
  });

  it('taggedCables.splitTag, then a type for each part: DoD retyped, Department kept', async () => {
    const editor = await untitledSeed();
    const doc = editor.document;
    const at = positionOf(doc, '[ORG Department and DoD  ]', 1, '[ORG Department a'.length);
    editor.selection = new vscode.Selection(at, at);
    const titles: string[] = [];
    const restore = stubWindow({
      showQuickPick: async (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => {
        titles.push(options?.title ?? '');
        return [...(await items)].find((i) => pickLabel(i) === (titles.length === 1 ? 'ORG' : 'MISC'));
      },
    });
    try {
      await vscode.commands.executeCommand('taggedCables.splitTag');
    } finally {
      restore();
    }
    assert.deepEqual(titles, ['Type of "Department" (Escape keeps ORG)', 'Type of "DoD" (Escape keeps ORG)']);
    await waitFor('the split with DoD as MISC', () => doc.getText() === seed.replace('[ORG Department and DoD  ]', '[ORG Department  ] and [MISC DoD  ]'));
  });

  it('taggedCables.nextMention and nextTag move the cursor to the start of the next tag\'s text', async () => {
    const editor = await untitledSeed();
    const doc = editor.document;
    // Nicolas Pickard's mentions and all tags, read from the text itself.
    const textStarts = (re: RegExp) => [...seed.matchAll(re)].map((m) => doc.positionAt(m.index! + m[0].indexOf(' ') + 1));
    const pickards = textStarts(/\[PER (Nicolas )?Pickard {2}\]/g);
    const tags = textStarts(/\[[A-Z]+ [^[\]\n]*?\s*\]/g);
    const first = positionOf(doc, '[PER Pickard  ]', 1, '[PER Pi'.length);
    const k = pickards.findIndex((p) => p.line === first.line);
    editor.selection = new vscode.Selection(first, first);
    await vscode.commands.executeCommand('taggedCables.nextMention');
    await waitFor('the next mention of Nicolas Pickard', () => editor.selection.active.isEqual(pickards[k + 1]));
    await vscode.commands.executeCommand('taggedCables.previousMention');
    await waitFor('back to the first', () => editor.selection.active.isEqual(pickards[k]));
    await vscode.commands.executeCommand('taggedCables.nextTag');
    const next = tags.findIndex((p) => p.isEqual(pickards[k])) + 1;
    await waitFor('the next tag', () => editor.selection.active.isEqual(tags[next]));
  });
});
