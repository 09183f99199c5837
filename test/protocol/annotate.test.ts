// Annotation from the keyboard over the protocol, through a real client: the
// annotate and navigate requests, the code actions with and without LSP's
// `disabled`, and annotations across cables (the refactor preview's
// confirmations, and the command the code actions run).

import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CodeAction, CodeActionRequest, ExecuteCommandRequest, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { AnnotateParams, AnnotateRequest, AnnotateResult, NavigateRequest } from '../../server/src/protocol';
import { nth, seedText } from '../helpers';
import { LspTestClient } from './lspClient';
import { applyLsp, positionOf, rangeOf } from './text';

const SEED_URI = 'file:///cables/seed.txt';

/** The edits of one document in a workspace edit, in either form. */
function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges as TextDocumentEdit[]).filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits as TextEdit[]);
}

describe('annotation over the protocol', function () {
  this.timeout(30_000);
  const seed = seedText();
  before(() => LspTestClient.build());

  describe('one cable', () => {
    let client: LspTestClient;
    const annotate = (params: AnnotateParams) => client.connection.sendRequest(AnnotateRequest, params) as Promise<AnnotateResult>;

    afterEach(async () => {
      await client?.stop();
    });

    async function start(extra: { disabledCodeActions?: boolean } = {}) {
      client = new LspTestClient();
      const init = await client.initialize(true, null, false, extra);
      assert.deepEqual(init.capabilities.executeCommandProvider, { commands: ['taggedCables.applyAnnotation', 'taggedCables.annotationDiff.keepMine'] });
      await client.open(SEED_URI, seed);
      await client.diagnosticsFor(SEED_URI);
    }

    it('tags every selection in one edit; a refused one is named; the version must match', async () => {
      await start();
      const queen = nth(seed, 'Queen');
      const king = nth(seed, '[PER Pickard  ]') + 7;
      const result = await annotate({
        textDocument: { uri: SEED_URI, version: 1 },
        selections: [rangeOf(seed, queen + 2), rangeOf(seed, king, king + 2)],
        action: 'tag',
        type: 'PER',
      });
      assert.equal(result.title, 'Tag as PER: "Queen"');
      assert.deepEqual(result.refusals, ['Selection 2: "Pickard" is already inside the tag [PER Pickard  ].']);
      const after = applyLsp(seed, editsOf(result.edit, SEED_URI));
      assert.equal(after, seed.replace('the Queen makes', 'the [PER Queen  ] makes'));
      const stale = await annotate({ textDocument: { uri: SEED_URI, version: 7 }, selections: [rangeOf(seed, queen)], action: 'tag', type: 'PER' });
      assert.deepEqual([stale.edit, stale.refusals], [undefined, ['The cable changed while the action was on its way; nothing was changed. Try again.']]);
    });

    it('without a type: the choices; malformed requests are refused in words', async () => {
      await start();
      const from = nth(seed, 'Foreign  ]');
      const merge = await annotate({ textDocument: { uri: SEED_URI }, selections: [rangeOf(seed, from, nth(seed, 'Commonwealth Office') + 3)], action: 'merge' });
      assert.deepEqual([merge.choices, merge.edit], [['LOC', 'ORG', 'PER', 'MISC'], undefined]);
      const merged = await annotate({ textDocument: { uri: SEED_URI }, selections: [rangeOf(seed, from, nth(seed, 'Commonwealth Office') + 3)], action: 'merge', type: 'ORG' });
      assert.ok(applyLsp(seed, editsOf(merged.edit, SEED_URI)).includes('from the [ORG United Kingdom Foreign and Commonwealth Office  ] ( [ORG FCO  ] )'));
      const bad = (params: unknown) => client.connection.sendRequest('taggedCables/annotate', params) as Promise<AnnotateResult>;
      assert.deepEqual((await bad({ textDocument: { uri: SEED_URI }, selections: 'x', action: 'tag' })).refusals, ['The request has no valid selections.']);
      assert.deepEqual((await bad({ textDocument: { uri: SEED_URI }, selections: [], action: 'shout' })).refusals, ['Unknown action "shout".']);
      assert.deepEqual((await bad({ textDocument: { uri: 'file:///nowhere.cable' }, selections: [], action: 'tag' })).refusals, ['The cable is not open.']);
      assert.deepEqual((await bad(null)).refusals, ['The cable is not open.']);
      assert.ok(client.alive);
    });

    it('split answers the two tags as ranges of the edited text', async () => {
      await start();
      const at = nth(seed, 'Department and DoD') + 'Department a'.length;
      const result = await annotate({ textDocument: { uri: SEED_URI, version: 1 }, selections: [rangeOf(seed, at)], action: 'split' });
      const after = applyLsp(seed, editsOf(result.edit, SEED_URI));
      assert.ok(after.includes(', [ORG Department  ] and [ORG DoD  ] representatives'));
      const lines = after.split('\n');
      assert.deepEqual(
        result.tags!.map((t) => [lines[t.range.start.line].slice(t.range.start.character, t.range.end.character), t.type]),
        [['Department', 'ORG'], ['DoD', 'ORG']],
      );
    });

    it('UTF-16 positions after ¶, ’ and a letter outside the BMP, and CRLF lines', async () => {
      await start();
      const text = "C O N F I D E N T I A L\r\n<a id='par1' href='#par1'>¶</a>1 . ( C ) The UK’s 𝐀𝐁 envoy met the Queen .\r\n[PER Andrew  ] Ford left .\r\n";
      const uri = 'file:///cables/utf16.cable';
      await client.open(uri, text);
      const queen = text.indexOf('Queen');
      assert.equal(positionOf(text, queen).character, "<a id='par1' href='#par1'>¶</a>1 . ( C ) The UK’s 𝐀𝐁 envoy met the ".length);
      const tagged = await annotate({ textDocument: { uri, version: 1 }, selections: [rangeOf(text, queen + 1, queen + 3), rangeOf(text, text.indexOf('envoy'))], action: 'tag', type: 'PER' });
      assert.deepEqual(tagged.refusals, []);
      const edits = editsOf(tagged.edit, uri);
      assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [
        [1, text.indexOf('envoy') - text.indexOf('<a'), '[PER '],
        [1, text.indexOf('envoy') + 5 - text.indexOf('<a'), '  ]'],
        [1, queen - text.indexOf('<a'), '[PER '],
        [1, queen + 5 - text.indexOf('<a'), '  ]'],
      ].sort((a, b) => Number(a[1]) - Number(b[1])));
      assert.equal(applyLsp(text, edits), text.replace('𝐀𝐁 envoy met the Queen', '𝐀𝐁 [PER envoy  ] met the [PER Queen  ]'));
      const extended = await annotate({ textDocument: { uri, version: 1 }, selections: [rangeOf(text, text.indexOf('Andrew'))], action: 'extendEnd' });
      assert.equal(applyLsp(text, editsOf(extended.edit, uri)), text.replace('[PER Andrew  ] Ford', '[PER Andrew Ford  ]'));
      const crossing = await annotate({ textDocument: { uri, version: 1 }, selections: [rangeOf(text, queen, text.indexOf('Ford'))], action: 'tag', type: 'PER' });
      assert.deepEqual(crossing.refusals, ['"Queen . [PER Andrew" crosses a line break; a tag stays on one line.']);
    });

    it('navigate: next mention and next tag; a refusal in words', async () => {
      await start();
      const first = nth(seed, '[PER Pickard  ]') + 7;
      const next = await client.connection.sendRequest(NavigateRequest, { textDocument: { uri: SEED_URI }, position: positionOf(seed, first), target: 'mention', direction: 'next' });
      const lines = seed.split('\n');
      const r = next.range!;
      assert.match(lines[r.start.line].slice(r.start.character, r.end.character), /^(Nicolas )?Pickard$/);
      assert.ok(r.start.line > positionOf(seed, first).line || r.start.character > positionOf(seed, first).character);
      const tag = await client.connection.sendRequest(NavigateRequest, { textDocument: { uri: SEED_URI }, position: positionOf(seed, nth(seed, 'Queen')), target: 'tag', direction: 'next' });
      assert.equal(seed.split('\n')[tag.range!.start.line].slice(tag.range!.start.character, tag.range!.end.character), 'CCM');
      const none = await client.connection.sendRequest(NavigateRequest, { textDocument: { uri: SEED_URI }, position: positionOf(seed, nth(seed, 'Queen')), target: 'mention', direction: 'next' });
      assert.deepEqual(none, { refused: 'Place the cursor on a tag to move between the mentions of its entity.' });
    });

    async function codeActionsAt(start: number, end = start): Promise<CodeAction[]> {
      return (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: SEED_URI }, range: rangeOf(seed, start, end), context: { diagnostics: [] } })) as CodeAction[];
    }

    it('code actions: refused ones carry `disabled` for a client that shows it', async () => {
      await start({ disabledCodeActions: true });
      const at = nth(seed, '[LOC Washington  ]') + 7;
      const actions = await codeActionsAt(at);
      const shrink = actions.filter((a) => a.title.startsWith('Shrink'));
      const reason = '[LOC Washington  ] has one word: shrinking would leave the tag empty. Remove the tag instead.';
      assert.deepEqual(shrink.map((a) => [a.title, a.disabled, a.edit]), [
        ["Shrink the tag's start by a word", { reason }, undefined],
        ["Shrink the tag's end by a word", { reason }, undefined],
      ]);
      const extend = actions.find((a) => a.title === 'Extend to [LOC Washington of  ]')!;
      assert.equal(extend.kind, 'refactor.rewrite');
      assert.ok(applyLsp(seed, extend.edit!.changes![SEED_URI]).includes('to inform [LOC Washington of  ] an accelerated'));
    });

    it('code actions: refused ones are left out for a client that cannot show why', async () => {
      await start();
      const at = nth(seed, '[LOC Washington  ]') + 7;
      const titles = (await codeActionsAt(at)).map((a) => a.title);
      assert.deepEqual(titles.filter((t) => /^(Extend|Shrink)/.test(t)), ['Extend to [LOC inform Washington  ]', 'Extend to [LOC Washington of  ]']);
      const queen = nth(seed, 'Queen');
      const tag = (await codeActionsAt(queen, queen + 5)).find((a) => a.title === 'Tag as PER: "Queen"')!;
      assert.equal(applyLsp(seed, tag.edit!.changes![SEED_URI]), seed.replace('the Queen makes', 'the [PER Queen  ] makes'));
      assert.deepEqual(await codeActionsAt(nth(seed, 'bilateral consultation')), [], 'a cursor outside tags offers nothing');
    });
  });

  describe('across cables', () => {
    let dir: string;
    let client: LspTestClient;
    const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).toString();
    const A = 'the Queen and the Queen’s envoy ; [PER Pickard  ] and [PER Pickard  ] .\n';
    const B = 'UNCLAS\n1. ( U ) The Queen spoke to [PER Pickard  ] .\n';
    const C = 'UNCLAS\n1. ( U ) Nothing of the kind ; [LOC Paris  ] .\n';

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cables-annotate-'));
      fs.writeFileSync(path.join(dir, 'a.cable'), A);
      fs.writeFileSync(path.join(dir, 'b.cable'), B);
      fs.writeFileSync(path.join(dir, 'c.cable'), C);
      client = new LspTestClient();
      await client.initialize(true, [pathToFileURL(dir).toString()], true, { applyEdit: true, disabledCodeActions: true });
      await client.until(() => client.indexEvents.some((e) => !e.indexing && e.cables === 3), 'indexing three cables');
      await client.open(uriOf('a.cable'), A);
      await client.diagnosticsFor(uriOf('a.cable'));
    });

    after(async () => {
      await client?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('tag all across the workspace: this cable at once, the other cables to be confirmed', async () => {
      const a = uriOf('a.cable');
      const queen = A.indexOf('Queen');
      const result = (await client.connection.sendRequest(AnnotateRequest, {
        textDocument: { uri: a, version: 1 },
        selections: [rangeOf(A, queen + 1)],
        action: 'tagAll',
        type: 'PER',
        scope: 'workspace',
      })) as AnnotateResult;
      assert.equal(result.title, 'Tag all 3 occurrences of "Queen" as PER (2 in this cable, 1 in 1 other cable)');
      const changes = result.edit!.documentChanges as TextDocumentEdit[];
      assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.textDocument.version]), [[a, 1], [uriOf('b.cable'), null]]);
      const [id, annotation] = Object.entries(result.edit!.changeAnnotations!)[0];
      assert.deepEqual(annotation, { label: `${result.title}: 1 other cable`, description: '1 change of tag markup; tick to include', needsConfirmation: true });
      for (const c of changes) {
        const ids = new Set((c.edits as Array<{ annotationId?: string }>).map((e) => e.annotationId));
        assert.deepEqual(ids, new Set([c.textDocument.uri === a ? undefined : id]));
      }
      assert.equal(applyLsp(A, changes[0].edits as TextEdit[]), 'the [PER Queen  ] and the [PER Queen  ]’s envoy ; [PER Pickard  ] and [PER Pickard  ] .\n');
      assert.equal(applyLsp(B, changes[1].edits as TextEdit[]), 'UNCLAS\n1. ( U ) The [PER Queen  ] spoke to [PER Pickard  ] .\n');
    });

    it('the code action across cables runs as a command, whose edit the server applies through the client', async () => {
      const a = uriOf('a.cable');
      const queen = A.indexOf('Queen');
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: a }, range: rangeOf(A, queen, queen + 5), context: { diagnostics: [] } })) as CodeAction[];
      const run = actions.find((x) => x.title === 'Tag all occurrences of "Queen" as ORG in every cable…')!;
      assert.equal(run.edit, undefined);
      assert.equal(run.command!.command, 'taggedCables.applyAnnotation');
      const before = client.appliedEdits.length;
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: run.command!.command, arguments: run.command!.arguments });
      await client.until(() => client.appliedEdits.length > before, 'workspace/applyEdit');
      const applied = client.appliedEdits[client.appliedEdits.length - 1];
      assert.equal(applied.label, 'Tag all 3 occurrences of "Queen" as ORG (2 in this cable, 1 in 1 other cable)');
      assert.equal(applyLsp(B, editsOf(applied.edit, uriOf('b.cable'))), 'UNCLAS\n1. ( U ) The [ORG Queen  ] spoke to [PER Pickard  ] .\n');
    });

    it('remove all tags of an entity across cables', async () => {
      const a = uriOf('a.cable');
      const at = A.indexOf('Pickard');
      const result = (await client.connection.sendRequest(AnnotateRequest, { textDocument: { uri: a }, selections: [rangeOf(A, at)], action: 'removeEntity', scope: 'workspace' })) as AnnotateResult;
      assert.equal(result.title, 'Remove all tags of "Pickard" in every cable (2 mentions here, 1 other cable), keep the text');
      assert.equal(applyLsp(A, editsOf(result.edit, a)), 'the Queen and the Queen’s envoy ; Pickard and Pickard .\n');
      assert.equal(applyLsp(B, editsOf(result.edit, uriOf('b.cable'))), 'UNCLAS\n1. ( U ) The Queen spoke to Pickard .\n');
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: a }, range: rangeOf(A, at), context: { diagnostics: [] } })) as CodeAction[];
      assert.deepEqual(actions.filter((x) => x.title.startsWith('Remove all tags of')).map((x) => [x.title, x.command?.command ?? 'edit']), [
        ['Remove all tags of "Pickard" (2 mentions), keep the text', 'edit'],
        ['Remove all tags of "Pickard" in every cable (2 mentions here, 1 other cable), keep the text…', 'taggedCables.applyAnnotation'],
      ]);
    });
  });
});
