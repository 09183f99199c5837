// The server as other editors drive it: UTF-8 or UTF-32 positions, pull
// diagnostics, and no dynamic registration unless the client supports it.

import * as assert from 'node:assert/strict';
import {
  CodeAction,
  CodeActionRequest,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  HoverRequest,
  Location,
  MarkupContent,
  InitializeRequest,
  InitializedNotification,
  ReferencesRequest,
  ShutdownRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { nth, seedText } from '../helpers';
import { LspTestClient } from './lspClient';

const SEED_URI = 'file:///cables/seed.txt';

/** The position of an offset in UTF-8 bytes or code points, computed independently of the server. */
function positionIn(text: string, offset: number, encoding: 'utf-8' | 'utf-32') {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const lineText = before.slice(before.lastIndexOf('\n') + 1);
  return { line, character: encoding === 'utf-8' ? Buffer.byteLength(lineText, 'utf8') : [...lineText].length };
}

describe('negotiation with other editors', function () {
  this.timeout(30_000);
  const seed = seedText();
  let client: LspTestClient;

  before(() => LspTestClient.build());
  beforeEach(() => {
    client = new LspTestClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('a Helix-like client: UTF-8 positions, pull diagnostics, no pushed diagnostics', async () => {
    const init = await client.initializeWith({
      general: { positionEncodings: ['utf-8', 'utf-32', 'utf-16'] },
      textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
    });
    assert.equal(init.capabilities.positionEncoding, 'utf-8');
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'cable', interFileDependencies: true, workspaceDiagnostics: true });
    await client.open(SEED_URI, seed);

    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: SEED_URI } })) as DocumentDiagnosticReport & { items: Array<{ code: string; range: { start: { line: number; character: number } } }>; resultId: string };
    assert.equal(report.kind, 'full');
    // The seed's UK’s tagged MISC, after a ¶ and a ’ on its line: the position counts bytes.
    const ukMisc = nth(seed, '[MISC UK’s  ]');
    const conflict = report.items.find((d) => d.code === 'entity-type-conflict' && d.range.start.line === positionIn(seed, ukMisc, 'utf-8').line);
    assert.ok(conflict, 'a type conflict on the UK’s line');
    assert.deepEqual(conflict.range.start, positionIn(seed, ukMisc, 'utf-8'));

    const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: SEED_URI }, previousResultId: report.resultId });
    assert.equal(again.kind, 'unchanged', 'nothing changed: unchanged');

    await client.change(SEED_URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const changed = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: SEED_URI }, previousResultId: report.resultId });
    assert.equal(changed.kind, 'full', 'after an edit: a full report');

    const workspace = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    assert.deepEqual(workspace.items.map((i) => i.uri), [SEED_URI]);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(client.publishedCount(SEED_URI), 0, 'pull clients get no pushed diagnostics');
  });

  it('UTF-8: hover, references and an incremental edit after ¶ and ’ land on the right characters', async () => {
    await client.initializeWith({ general: { positionEncodings: ['utf-8'] } });
    await client.open(SEED_URI, seed);
    const pickard = nth(seed, '[PER Pickard  ]', 3) + '[PER '.length;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: positionIn(seed, pickard + 2, 'utf-8') });
    assert.match((hover!.contents as MarkupContent).value, /Pickard/);
    assert.deepEqual(hover!.range!.start, positionIn(seed, pickard - '[PER '.length, 'utf-8'), 'the hover covers the whole tag');

    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: SEED_URI }, position: positionIn(seed, pickard, 'utf-8'), context: { includeDeclaration: true } })) as Location[];
    const expected = [...seed.matchAll(/\[PER (Nicolas |NICOLAS )?(Pickard|PICKARD)  \]/g)].map((m) => positionIn(seed, m.index! + '[PER '.length, 'utf-8'));
    const order = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line - b.line || a.character - b.character;
    assert.equal(refs.length, 14);
    assert.deepEqual(refs.map((r) => r.range.start).sort(order), expected.sort(order));

    // Insert after the UK’s tag: the client says where in bytes.
    const after = nth(seed, '[MISC UK’s  ]') + '[MISC UK’s  ]'.length;
    await client.change(SEED_URI, 2, [{ range: { start: positionIn(seed, after, 'utf-8'), end: positionIn(seed, after, 'utf-8') }, text: ' [PER Zed  ]' }]);
    const edited = seed.slice(0, after) + ' [PER Zed  ]' + seed.slice(after);
    const zed = edited.indexOf('Zed');
    const zedHover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: positionIn(edited, zed + 1, 'utf-8') });
    assert.match((zedHover!.contents as MarkupContent).value, /Zed/);
  });

  it('UTF-32: a code action range after an emoji', async () => {
    await client.initializeWith({ general: { positionEncodings: ['utf-32'] } });
    const text = '😀 [PRE Foo  ] .';
    const uri = 'file:///cables/emoji.cable';
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri);
    const unknown = diagnostics.diagnostics.find((d) => d.code === 'tag-unknown-type')!;
    assert.deepEqual(unknown.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } }, 'PRE, after the emoji (one code point), a space and [');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Change type to PER')!;
    const edit = fix.edit!.changes![uri][0];
    assert.deepEqual(edit.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } });
  });

  it('an eglot-like client (settings pulled, no dynamic registration) is asked to register nothing', async () => {
    await client.initializeWith({ workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, didChangeWatchedFiles: { dynamicRegistration: false } } });
    await client.open(SEED_URI, seed);
    await client.diagnosticsFor(SEED_URI);
    assert.deepEqual(client.registrations, []);
  });

  it('a VS Code-like client is asked to register for settings and watched files', async () => {
    await client.initialize();
    await client.open(SEED_URI, seed);
    await client.diagnosticsFor(SEED_URI);
    await client.until(() => client.registrations.length >= 2, 'registrations');
    assert.deepEqual(client.registrations.map((r) => r.method).sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  for (const options of [{ settings: { rules: { 'entity-type-conflict': 'off' } } }, { taggedCables: { rules: { 'entity-type-conflict': 'off' } } }]) {
    it(`a client without workspace/configuration gets its settings from initializationOptions.${Object.keys(options)[0]}`, async () => {
      await client.initializeWith({}, options);
      await client.open(SEED_URI, seed);
      const { diagnostics } = await client.diagnosticsFor(SEED_URI);
      assert.equal(diagnostics.filter((d) => d.code === 'entity-untagged-mention').length, 8);
      assert.equal(diagnostics.filter((d) => d.code === 'entity-type-conflict').length, 0);
    });
  }

  it('the lifecycle: requests before initialize and after shutdown are refused, a second initialize too', async () => {
    const hover = () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: { line: 0, character: 1 } });
    await assert.rejects(hover(), (e: { code: number }) => e.code === -32002);
    await client.initializeWith({ general: { positionEncodings: ['utf-8'] } });
    const again = client.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: { general: { positionEncodings: ['utf-32'] } }, workspaceFolders: null });
    await assert.rejects(again, (e: { code: number }) => e.code === -32600);
    // Still UTF-8: the refused initialize changed nothing. "’" is 3 bytes.
    await client.open(SEED_URI, 'UNCLAS ’ [PER Bob  ] met [PER Bob  ] .');
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: SEED_URI }, position: { line: 0, character: 16 }, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map((r) => r.range.start.character), [16, 32]);
    await client.connection.sendRequest(ShutdownRequest.type);
    await assert.rejects(hover(), (e: { code: number }) => e.code === -32600);
  });

  for (const [what, params] of [
    ['capabilities: null', { processId: null, rootUri: null, capabilities: null }],
    ['no capabilities', { processId: null, rootUri: null }],
    ['params: null', null],
  ] as const) {
    it(`a malformed initialize (${what}): read as a client with no capabilities, and the server works`, async () => {
      const init = (await client.connection.sendRequest('initialize', params)) as { capabilities: { positionEncoding?: string; hoverProvider?: unknown } };
      assert.equal(init.capabilities.positionEncoding, 'utf-16');
      assert.ok(init.capabilities.hoverProvider);
      await client.connection.sendNotification(InitializedNotification.type, {});
      // "’" is one UTF-16 code unit: the second Bob starts at 26.
      await client.open(SEED_URI, 'UNCLAS ’ [PER Bob  ] met [PER Bob  ] .');
      const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: SEED_URI }, position: { line: 0, character: 14 }, context: { includeDeclaration: true } })) as Location[];
      assert.deepEqual(refs.map((r) => r.range.start.character), [14, 30]);
      assert.ok(!client.logs.some((l) => /failed/.test(l)), client.logs.join('\n'));
    });
  }

  it('a malformed initialize: fields of the wrong kind are ignored', async () => {
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: 5 as unknown as string,
      capabilities: { general: { positionEncodings: 5 as unknown as string[] } },
      workspaceFolders: [{ uri: 5 as unknown as string, name: 'x' }],
    });
    assert.equal(init.capabilities.positionEncoding, 'utf-16');
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.open(SEED_URI, seed);
    const { diagnostics } = await client.diagnosticsFor(SEED_URI);
    assert.ok(diagnostics.length > 0);
    assert.ok(!client.logs.some((l) => /failed/.test(l)), client.logs.join('\n'));
  });
});
