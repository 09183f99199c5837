// Comparing annotations over the protocol: a real client starts a comparison,
// sees the `annotation-diff` diagnostics, applies *Accept theirs*, runs *Keep
// mine*, edits the cable (the comparison follows), asks for the scores and
// the differences, compares a folder and stops.

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeAction,
  CodeActionRequest,
  Diagnostic,
  DiagnosticSeverity,
  ExecuteCommandRequest,
  PublishDiagnosticsParams,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { untaggedText } from '../../server/src/core/edits';
import { parseCable } from '../../server/src/core/parser';
import {
  CompareFoldersRequest,
  CompareStartRequest,
  CompareStopRequest,
  ComparisonDifferencesRequest,
  ComparisonScoresRequest,
  KEEP_MINE_COMMAND,
} from '../../server/src/protocol';
import { CORPUS_DIR, nth, seedText } from '../helpers';
import { tempDir } from '../cli/util';
import { LspTestClient } from './lspClient';
import { applyLsp, rangeOf } from './text';

const URI = 'file:///cables/seed.txt';
const HEAD_URI = 'git:/cables/seed.txt?%7B%22ref%22%3A%22HEAD%22%7D';

const diffs = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'annotation-diff');

describe('comparing annotations over the protocol', function () {
  this.timeout(60_000);
  const head = seedText();
  // Two tags edited since HEAD: Miliband (first mention) retyped, Pickard's first tag removed.
  const mine = head.replace('[PER Miliband  ]', '[ORG Miliband  ]').replace('[PER Pickard  ]', 'Pickard');
  let client: LspTestClient;

  before(() => LspTestClient.build());
  beforeEach(async () => {
    client = new LspTestClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client.stop();
  });

  async function startWithHead(text = mine) {
    await client.open(URI, text);
    await client.diagnosticsFor(URI);
    client.clearDiagnostics(URI);
    const result = await client.connection.sendRequest(CompareStartRequest, { uri: URI, label: 'HEAD', otherText: head, otherUri: HEAD_URI });
    const published = await client.diagnosticsFor(URI, (p) => diffs(p).length > 0);
    return { result, published };
  }

  it('the two edited tags are two annotation-diff diagnostics, with the other version’s tag in the message and related information', async () => {
    const { result, published } = await startWithHead();
    assert.equal(result.compared.length, 1);
    assert.equal(result.compared[0].differences, 2);
    assert.equal(result.compared[0].label, 'HEAD');
    const found = diffs(published);
    const milibandAt = nth(mine, '[ORG Miliband  ]') + 5;
    // The removal is the first change of length: offsets before it are HEAD's.
    const pickardAt = nth(head, '[PER Pickard  ]');
    const headMiliband = nth(head, '[PER Miliband  ]') + 5;
    const headPickard = nth(head, '[PER Pickard  ]') + 5;
    const byStart = [...found].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
    const [first, second] = milibandAt < pickardAt ? [0, 1] : [1, 0];
    const miliband = byStart[first];
    const pickard = byStart[second];
    assert.deepEqual(miliband.range, rangeOf(mine, milibandAt, milibandAt + 'Miliband'.length));
    assert.equal(miliband.severity, DiagnosticSeverity.Information);
    assert.equal(miliband.message, 'Retyped in HEAD: [PER Miliband  ] there, [ORG Miliband  ] here.');
    assert.deepEqual(miliband.relatedInformation, [{ location: { uri: HEAD_URI, range: rangeOf(head, headMiliband, headMiliband + 8) }, message: 'HEAD: [PER Miliband  ]' }]);
    assert.deepEqual(pickard.range, rangeOf(mine, pickardAt, pickardAt + 'Pickard'.length));
    assert.equal(pickard.message, 'Tagged only in HEAD: [PER Pickard  ] there, untagged here.');
    assert.deepEqual(pickard.relatedInformation![0].location.range, rangeOf(head, headPickard, headPickard + 7));
    // The columns count UTF-16 units after ’ on Miliband's line.
    assert.ok(mine.split('\n')[miliband.range.start.line].includes('’'));
  });

  it('Accept theirs: one edit of markup only, the difference is gone; Keep mine: no edit, dismissed for this comparison', async () => {
    const { published } = await startWithHead();
    const miliband = diffs(published).find((d) => /Miliband/.test(d.message))!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: miliband.range, context: { diagnostics: [miliband], only: ['quickfix'] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Accept theirs: [PER Miliband  ] (HEAD)'), titles.join(' | '));
    assert.ok(titles.includes('Keep mine: [ORG Miliband  ]'), titles.join(' | '));
    const accept = actions.find((a) => a.title.startsWith('Accept theirs:'))!;
    assert.deepEqual(accept.diagnostics, [miliband]);
    const accepted = applyLsp(mine, accept.edit!.changes![URI]);
    assert.equal(accepted, mine.replace('[ORG Miliband  ]', '[PER Miliband  ]'));
    assert.equal(untaggedText(parseCable(accepted)), untaggedText(parseCable(mine)));

    client.clearDiagnostics(URI);
    await client.change(URI, 2, [{ text: accepted }]);
    const after = await client.diagnosticsFor(URI, (p) => p.version === 2);
    assert.deepEqual(
      diffs(after).map((d) => d.message),
      ['Tagged only in HEAD: [PER Pickard  ] there, untagged here.'],
    );

    const pickard = diffs(after)[0];
    const more = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: pickard.range, context: { diagnostics: [pickard] } })) as CodeAction[];
    const keep = more.find((a) => a.title === 'Keep mine: untagged "Pickard"')!;
    assert.equal(keep.edit, undefined);
    assert.equal(keep.command!.command, KEEP_MINE_COMMAND);
    client.clearDiagnostics(URI);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: keep.command!.command, arguments: keep.command!.arguments });
    const kept = await client.diagnosticsFor(URI);
    assert.deepEqual(diffs(kept), []);
    const scores = await client.connection.sendRequest(ComparisonScoresRequest, { uri: URI });
    assert.equal(scores!.differences, 0);
  });

  it('follows unsaved edits: a tag retyped in the editor is a new difference at once', async () => {
    await startWithHead();
    const edited = mine.replace('[PER Clinton  ]', '[LOC Clinton  ]');
    client.clearDiagnostics(URI);
    await client.change(URI, 2, [{ text: edited }]);
    const published = await client.diagnosticsFor(URI, (p) => p.version === 2);
    assert.equal(diffs(published).length, 3);
    const clinton = diffs(published).find((d) => /Clinton/.test(d.message))!;
    const at = nth(edited, '[LOC Clinton  ]') + 5;
    assert.deepEqual(clinton.range, rangeOf(edited, at, at + 7));
    assert.equal(clinton.message, 'Retyped in HEAD: [PER Clinton  ] there, [LOC Clinton  ] here.');
  });

  it('Accept theirs for all PER differences: one action for the type', async () => {
    // Three PER tags of HEAD untagged or retyped here, one ORG retyped.
    const text = head.replace('[PER Miliband  ]', '[ORG Miliband  ]').replace('[PER Pickard  ]', 'Pickard').replace('[PER Clinton  ]', 'Clinton').replace('[ORG FCO  ]', '[LOC FCO  ]');
    const { published } = await startWithHead(text);
    assert.equal(diffs(published).length, 4);
    const clinton = diffs(published).find((d) => /Clinton/.test(d.message))!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: clinton.range, context: { diagnostics: diffs(published) } })) as CodeAction[];
    const all = actions.find((a) => a.title === 'Accept theirs for all 3 PER differences (HEAD)')!;
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const after = applyLsp(text, all.edit!.changes![URI]);
    assert.equal(after, head.replace('[ORG FCO  ]', '[LOC FCO  ]'));
    assert.equal(untaggedText(parseCable(after)), untaggedText(parseCable(text)));
  });

  it('scores and differences: F1, the Markdown table, the ranges in order', async () => {
    await startWithHead();
    const scores = await client.connection.sendRequest(ComparisonScoresRequest, { uri: URI });
    assert.ok(scores);
    const n = (head.match(/\[(PER|ORG|LOC|MISC) [^\]\n]*\]/g) ?? []).length;
    // A (this cable) has n − 1 tags; B (HEAD) n. strict: n − 2 correct, 1 incorrect, 1 spurious.
    assert.deepEqual([scores.overall.strict.correct, scores.overall.strict.incorrect, scores.overall.strict.missed, scores.overall.strict.spurious], [n - 2, 1, 0, 1]);
    const p = (n - 2) / n;
    const r = (n - 2) / (n - 1);
    assert.ok(Math.abs(scores.f1 - (2 * p * r) / (p + r)) < 1e-6);
    assert.match(scores.markdown, /^\| scheme \| correct \| incorrect \| partial \| missed \| spurious \| precision \| recall \| F1 \|$/m);
    assert.match(scores.markdown, /^\| PER \| /m);
    const { differences } = await client.connection.sendRequest(ComparisonDifferencesRequest, { uri: URI });
    assert.deepEqual(
      differences.map((d) => d.kind),
      nth(head, '[PER Pickard  ]') < nth(head, '[PER Miliband') ? ['added', 'retyped'] : ['retyped', 'added'],
    );
    const lines = differences.map((d) => d.range.start.line);
    assert.deepEqual(lines, [...lines].sort((x, y) => x - y));
  });

  it('Stop Comparing removes the differences; the other diagnostics stay', async () => {
    const { published } = await startWithHead();
    const others = published.diagnostics.filter((d) => d.code !== 'annotation-diff').length;
    client.clearDiagnostics(URI);
    const stopped = await client.connection.sendRequest(CompareStopRequest, { uri: URI });
    assert.equal(stopped.stopped, 1);
    const after = await client.diagnosticsFor(URI);
    assert.deepEqual(diffs(after), []);
    assert.equal(after.diagnostics.length, others);
    assert.equal(await client.connection.sendRequest(ComparisonScoresRequest, { uri: URI }), null);
  });

  it('the rule set to off: no diagnostics, the comparison still scores', async () => {
    await client.changeSettings({ rules: { 'annotation-diff': 'off' } });
    await client.open(URI, mine);
    await client.diagnosticsFor(URI);
    client.clearDiagnostics(URI);
    const result = await client.connection.sendRequest(CompareStartRequest, { uri: URI, label: 'HEAD', otherText: head });
    assert.equal(result.compared[0].differences, 2);
    const published = await client.diagnosticsFor(URI);
    assert.deepEqual(diffs(published), []);
  });

  it('unrelated texts: an error, no comparison', async () => {
    await client.open(URI, mine);
    const other = fs.readFileSync(path.join(CORPUS_DIR, '05PARIS104.cable'), 'utf8');
    const result = await client.connection.sendRequest(CompareStartRequest, { uri: URI, label: 'other.cable', otherText: other });
    assert.deepEqual(result.compared, []);
    assert.match(result.errors[0].message, /unrelated/);
    assert.equal(await client.connection.sendRequest(ComparisonScoresRequest, { uri: URI }), null);
  });

  it('a folder: every cable compared, closed cables included (pushed, and in workspace diagnostics); stop clears them', async () => {
    const dir = tempDir({ 'mine/seed.txt': mine, 'mine/same.cable': head, 'mine/alone.cable': head, 'theirs/seed.txt': head, 'theirs/same.cable': head });
    const seedUri = pathToFileURL(path.join(dir, 'mine', 'seed.txt')).toString();
    const sameUri = pathToFileURL(path.join(dir, 'mine', 'same.cable')).toString();
    const result = await client.connection.sendRequest(CompareFoldersRequest, {
      folderUri: pathToFileURL(path.join(dir, 'mine')).toString(),
      otherFolderUri: pathToFileURL(path.join(dir, 'theirs')).toString(),
      label: 'theirs',
    });
    assert.deepEqual(
      result.compared.map((c) => [c.uri, c.differences]).sort(),
      [
        [sameUri, 0],
        [seedUri, 2],
      ].sort(),
    );
    assert.deepEqual(result.unpaired, [pathToFileURL(path.join(dir, 'mine', 'alone.cable')).toString()]);
    // The seed is not open: its differences are pushed all the same.
    const pushed = await client.diagnosticsFor(seedUri, (p) => diffs(p).length === 2);
    assert.ok(pushed.diagnostics.every((d: Diagnostic) => d.code === 'annotation-diff'));
    assert.equal(pushed.diagnostics[0].relatedInformation![0].location.uri, pathToFileURL(path.join(dir, 'theirs', 'seed.txt')).toString());
    const workspace = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const report = workspace.items.find((i) => i.uri === seedUri) as { items: Diagnostic[] } | undefined;
    assert.equal(report?.items.filter((d) => d.code === 'annotation-diff').length, 2);
    // Opened, the cable's own diagnostics join the differences; closed again, the differences remain.
    await client.open(seedUri, mine);
    const opened = await client.diagnosticsFor(seedUri, (p) => p.diagnostics.some((d) => d.code !== 'annotation-diff'));
    assert.equal(diffs(opened).length, 2);
    client.clearDiagnostics(seedUri);
    await client.close(seedUri);
    await client.diagnosticsFor(seedUri, (p) => diffs(p).length === 2);
    // The scores cover the folder too.
    const scores = await client.connection.sendRequest(ComparisonScoresRequest, { uri: seedUri });
    assert.equal(scores!.group!.cables, 2);
    assert.equal(scores!.group!.differences, 2);
    client.clearDiagnostics(seedUri);
    const stopped = await client.connection.sendRequest(CompareStopRequest, { uri: sameUri });
    assert.equal(stopped.stopped, 2);
    await client.diagnosticsFor(seedUri, (p) => p.diagnostics.length === 0);
  });

  it('a pull client: a folder\'s closed cables in workspace diagnostics; Stop Comparing reports them once more, empty, to clear them', async () => {
    // VS Code pulls diagnostics: a cable missing from a workspace report keeps what the client was last told.
    await client.stop();
    client = new LspTestClient();
    await client.initializeWith({ textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } });
    const dir = tempDir({ 'mine/seed.txt': mine, 'theirs/seed.txt': head });
    const seedUri = pathToFileURL(path.join(dir, 'mine', 'seed.txt')).toString();
    await client.connection.sendRequest(CompareFoldersRequest, {
      folderUri: pathToFileURL(path.join(dir, 'mine')).toString(),
      otherFolderUri: pathToFileURL(path.join(dir, 'theirs')).toString(),
      label: 'theirs',
    });
    type Report = { uri: string; kind: string; resultId?: string; items?: Diagnostic[] };
    const pull = async (previous: Report[] = []) =>
      ((await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
        previousResultIds: previous.filter((r) => r.resultId).map((r) => ({ uri: r.uri, value: r.resultId! })),
      })).items as Report[]).filter((r) => r.uri === seedUri);
    const compared = await pull();
    assert.deepEqual(compared.map((r) => [r.kind, r.items?.filter((d) => d.code === 'annotation-diff').length]), [['full', 2]]);
    assert.deepEqual((await pull(compared)).map((r) => r.kind), ['unchanged']);
    await client.connection.sendRequest(CompareStopRequest, { uri: seedUri });
    const stopped = await pull(compared);
    assert.deepEqual(stopped.map((r) => [r.kind, r.items]), [['full', []]]);
    // Once the client holds the empty report, the cable is no longer reported.
    assert.deepEqual(await pull(stopped), []);
  });

  it('malformed parameters answer an error or nothing, and the server lives on', async () => {
    await assert.rejects(client.connection.sendRequest(CompareStartRequest, {} as never));
    assert.deepEqual(await client.connection.sendRequest(ComparisonDifferencesRequest, {} as never), { differences: [] });
    assert.equal(await client.connection.sendRequest(ComparisonScoresRequest, { uri: 42 } as never), null);
    await assert.rejects(client.connection.sendRequest(ExecuteCommandRequest.type, { command: KEEP_MINE_COMMAND, arguments: [] }));
    const missing = await client.connection.sendRequest(CompareStartRequest, { uri: URI, label: 'x', otherUri: 'file:///no/such/file.cable' });
    assert.match(missing.errors[0].message, /cannot read/);
    assert.ok(client.alive);
  });
});
