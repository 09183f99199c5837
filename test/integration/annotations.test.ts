import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEED, ShownMessage, diskText, openCable, pickLabel, recordMessages, revertAndClose, stubWindow, untagged, workspaceUri } from './helpers';

// Export Annotations… and Import Annotations… through their commands. What the user picks in the
// quick picks and dialogs is answered by stubs of `vscode.window` (stubWindow); the files are
// real, in a temporary folder outside the workspace.

let tmp = '';
let seed = '';

/** Answers the quick picks by label (the first whose label is among `labels`; for a multi-select pick, every one). */
function pickByLabel(...labels: string[]) {
  return async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const all = [...(await items)];
    if (options?.canPickMany) return all.filter((i) => labels.includes(pickLabel(i)));
    return all.find((i) => labels.includes(pickLabel(i)));
  };
}

const untitledCables = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled && d.languageId === 'cable');

describe('Export Annotations… and Import Annotations…', () => {
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tagged-cables-annotations-'));
    seed = await diskText(SEED);
  });
  after(async () => {
    while (vscode.window.activeTextEditor?.document.isUntitled) await revertAndClose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the Explorer\'s selection as JSONL: one record per cable, the message names the file', async () => {
    const out = path.join(tmp, 'two.jsonl');
    const shown: ShownMessage[] = [];
    const picks: string[] = [];
    const restore = stubWindow({
      showQuickPick: async (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => {
        picks.push(options?.title ?? '');
        return pickByLabel('JSONL')(items, options);
      },
      showSaveDialog: async () => vscode.Uri.file(out),
      ...recordMessages(shown),
    });
    try {
      const files = [workspaceUri(SEED), workspaceUri('retype.txt')];
      await vscode.commands.executeCommand('taggedCables.exportAnnotations', files[0], files);
    } finally {
      restore();
    }
    assert.deepEqual(picks, ['Export 2 cables']);
    assert.deepEqual(shown.map((m) => [m.severity, m.text.replace(/ to .*/, '')]), [['information', 'Exported 2 cables']]);
    const records = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(records.map((r) => r.id), [SEED, 'retype.txt']);
    const want = untagged(seed);
    for (const r of records) assert.deepEqual({ text: r.text, spans: r.spans }, want);
  });

  it('the whole workspace with malformed.cable in it: nothing exported, the error names 5:97, no file left', async () => {
    const out = path.join(tmp, 'brat');
    fs.mkdirSync(out);
    const shown: ShownMessage[] = [];
    await openCable(SEED);
    const restore = stubWindow({
      showQuickPick: pickByLabel('All cables of the workspace', 'brat standoff'),
      showOpenDialog: async () => [vscode.Uri.file(out)],
      ...recordMessages(shown),
    });
    try {
      await vscode.commands.executeCommand('taggedCables.exportAnnotations');
    } finally {
      restore();
    }
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.equal(shown[0].severity, 'error');
    assert.match(shown[0].text, /^Nothing was exported: malformed\.cable:5:97 cannot be exported\. Unclosed tag/);
    assert.deepEqual(fs.readdirSync(out), []);
  });

  it('the whole workspace as brat standoff into a chosen folder: a .txt/.ann pair per cable, no staging folder left', async () => {
    // malformed.cable set aside for this test: a whole-workspace export refuses it (the test above).
    const malformed = workspaceUri('malformed.cable');
    const aside = vscode.Uri.file(path.join(tmp, 'malformed.cable'));
    await vscode.workspace.fs.rename(malformed, aside);
    const out = path.join(tmp, 'workspace-brat');
    fs.mkdirSync(out);
    const shown: ShownMessage[] = [];
    try {
      await openCable(SEED);
      const restore = stubWindow({
        showQuickPick: pickByLabel('All cables of the workspace', 'brat standoff'),
        showOpenDialog: async () => [vscode.Uri.file(out)],
        ...recordMessages(shown),
      });
      try {
        await vscode.commands.executeCommand('taggedCables.exportAnnotations');
      } finally {
        restore();
      }
    } finally {
      await vscode.workspace.fs.rename(aside, malformed);
    }
    assert.deepEqual(shown.map((m) => [m.severity, m.text.replace(/ to .*/, '')]), [['information', 'Exported 2 cables']]);
    assert.deepEqual(fs.readdirSync(out).sort(), [`${SEED}.ann`, `${SEED}.txt`, 'retype.txt.ann', 'retype.txt.txt']);
    const { text, spans } = untagged(seed);
    assert.equal(fs.readFileSync(path.join(out, `${SEED}.txt`), 'utf8'), text);
    const ann = fs.readFileSync(path.join(out, `${SEED}.ann`), 'utf8').split('\n').filter((l) => l.startsWith('T'));
    assert.deepEqual(ann, spans.map((x, i) => `T${i + 1}\t${x.label} ${x.start} ${x.end}\t${x.text}`));
  });

  it('cancelled after the first cable: "Export cancelled; nothing was written", no file and no temporary file', async () => {
    const out = path.join(tmp, 'cancelled', 'x.jsonl');
    fs.mkdirSync(path.dirname(out));
    const shown: ShownMessage[] = [];
    const reports: string[] = [];
    const withProgress = vscode.window.withProgress;
    const restore = stubWindow({
      showQuickPick: pickByLabel('JSONL'),
      showSaveDialog: async () => vscode.Uri.file(out),
      // The user presses Cancel on the progress notification once the first cable is done.
      withProgress: (options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>) =>
        withProgress.call(vscode.window, options, (progress, token) => {
          const cancel = new vscode.CancellationTokenSource();
          token.onCancellationRequested(() => cancel.cancel());
          return task({ report: (v) => (progress.report(v), reports.push(v.message ?? ''), cancel.cancel()) }, cancel.token);
        }),
      ...recordMessages(shown),
    });
    try {
      const files = [workspaceUri(SEED), workspaceUri('retype.txt')];
      await vscode.commands.executeCommand('taggedCables.exportAnnotations', files[0], files);
    } finally {
      restore();
    }
    assert.deepEqual(reports, ['1 of 2']);
    assert.deepEqual(shown, [{ severity: 'information', text: 'Export cancelled; nothing was written.' }]);
    assert.deepEqual(fs.readdirSync(path.dirname(out)), []);
  });

  it('a JSONL record with its text, and a brat .ann with its .txt: untitled Tagged Cable editors holding the seed, unsaved', async () => {
    const { text, spans } = untagged(seed);
    const jsonl = path.join(tmp, 'seed.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: 'elsewhere.txt', text, spans })}\n`);
    fs.writeFileSync(path.join(tmp, 'elsewhere.txt.txt'), text);
    const ann = path.join(tmp, 'elsewhere.txt.ann');
    fs.writeFileSync(ann, spans.map((s, i) => `T${i + 1}\t${s.label} ${s.start} ${s.end}\t${s.text}`).join('\n') + '\n');
    for (const file of [jsonl, ann]) {
      const before = new Set(untitledCables());
      const restore = stubWindow({ showOpenDialog: async () => [vscode.Uri.file(file)] });
      try {
        await vscode.commands.executeCommand('taggedCables.importAnnotations');
      } finally {
        restore();
      }
      const opened = untitledCables().filter((d) => !before.has(d));
      assert.equal(opened.length, 1, path.basename(file));
      assert.equal(opened[0].getText(), seed, path.basename(file));
      assert.equal(opened[0].isDirty, true);
      assert.equal(vscode.window.activeTextEditor?.document, opened[0]);
      await revertAndClose();
    }
  });

  it('three records: a multi-select pick of the ids; each picked one opens in its own editor', async () => {
    const { text, spans } = untagged(seed);
    const records = [
      { id: 'a.cable', text, spans },
      { id: 'b.cable', text, spans: spans.slice(0, 1) },
      { id: 'c.cable', text, spans: spans.slice(0, 2) },
    ];
    const jsonl = path.join(tmp, 'three.jsonl');
    fs.writeFileSync(jsonl, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const before = new Set(untitledCables());
    let pick: { ids: string[]; canPickMany?: boolean; title?: string } | undefined;
    const restore = stubWindow({
      showOpenDialog: async () => [vscode.Uri.file(jsonl)],
      showQuickPick: async (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => {
        pick = { ids: [...items].map(pickLabel), canPickMany: options?.canPickMany, title: options?.title };
        return pickByLabel('a.cable', 'c.cable')(items, options);
      },
    });
    try {
      await vscode.commands.executeCommand('taggedCables.importAnnotations');
    } finally {
      restore();
    }
    assert.deepEqual(pick, { ids: ['a.cable', 'b.cable', 'c.cable'], canPickMany: true, title: 'three.jsonl: 3 cables' });
    const opened = untitledCables().filter((d) => !before.has(d));
    // a.cable: the seed; c.cable: its text with the first two tags only.
    const points = [...text];
    const [nato, uk] = spans;
    const firstTwo = [
      points.slice(0, nato.start), `[${nato.label} `, points.slice(nato.start, nato.end), '  ]',
      points.slice(nato.end, uk.start), `[${uk.label} `, points.slice(uk.start, uk.end), '  ]', points.slice(uk.end),
    ].map((p) => (Array.isArray(p) ? p.join('') : p)).join('');
    assert.deepEqual([nato.text, uk.text], ['NATO', 'UK']);
    assert.deepEqual(opened.map((d) => d.getText()).sort(), [seed, firstTwo].sort());
  });

  it('{"id", "spans"} without text on a workspace cable: that cable with only those tags; the file unchanged', async () => {
    const before = await diskText('retype.txt');
    const plain = untagged(before).text;
    const at = [...plain.slice(0, plain.indexOf('the Queen makes') + 'the '.length)].length;
    const jsonl = path.join(tmp, 'model.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: 'retype.txt', spans: [{ start: at, end: at + 5, label: 'PER' }] })}\n`);
    const opened = new Set(untitledCables());
    const restore = stubWindow({ showOpenDialog: async () => [vscode.Uri.file(jsonl)] });
    try {
      await vscode.commands.executeCommand('taggedCables.importAnnotations');
    } finally {
      restore();
    }
    const docs = untitledCables().filter((d) => !opened.has(d));
    assert.equal(docs.length, 1);
    assert.equal(docs[0].getText(), plain.replace('the Queen makes', 'the [PER Queen  ] makes'));
    assert.equal(await diskText('retype.txt'), before);
  });

  it('a JSONL whose line 2 is not JSON: an error naming line 2, and no editor', async () => {
    const jsonl = path.join(tmp, 'broken.jsonl');
    fs.writeFileSync(jsonl, `${JSON.stringify({ id: 'a.cable', ...untagged(seed) })}\n{"id": "b.cable", "spans": [\n`);
    const shown: ShownMessage[] = [];
    const before = new Set(untitledCables());
    const restore = stubWindow({ showOpenDialog: async () => [vscode.Uri.file(jsonl)], ...recordMessages(shown) });
    try {
      await vscode.commands.executeCommand('taggedCables.importAnnotations');
    } finally {
      restore();
    }
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.equal(shown[0].severity, 'error');
    assert.match(shown[0].text, /^Cannot import broken\.jsonl: .*broken\.jsonl:2: invalid JSON/);
    assert.deepEqual(untitledCables().filter((d) => !before.has(d)), []);
  });
});
