import * as assert from 'node:assert/strict';
import {
  CodeAction,
  CodeActionRequest,
  CompletionItem,
  CompletionRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  PrepareRenameRequest,
  RenameRequest,
  TextEdit,
  DefinitionRequest,
  DiagnosticSeverity,
  DocumentHighlightRequest,
  HoverRequest,
  Location,
  MarkupContent,
  ReferencesRequest,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { countOf, nth, seedText } from '../helpers';
import { LspTestClient } from './lspClient';
import { positionOf } from './text';

const SEED_URI = 'file:///cables/seed.txt';

describe('language server over stdio', function () {
  this.timeout(30_000);
  const seed = seedText();
  let client: LspTestClient;

  before(() => LspTestClient.build());

  beforeEach(async () => {
    client = new LspTestClient();
    const init = await client.initialize();
    assert.equal(init.serverInfo?.name, 'cable-language-server');
  });

  afterEach(async () => {
    await client.stop();
  });

  it('publishes diagnostics for the seed: none of error level', async () => {
    await client.open(SEED_URI, seed);
    const published = await client.diagnosticsFor(SEED_URI);
    assert.deepEqual(published.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error), []);
  });

  it('publishes malformed-tag diagnostics with codes and UTF-16 ranges after ¶ and ’', async () => {
    const text = "<code><pre>C O N F I D E N T I A L Classified By: A. Official for reasons 1.4 ( b )\n<a id='par1' href='#par1'>¶</a>1 .\n( C ) The UK’s [PRE Foo  ] and ] and [ORG  ] and [LOC Rome\n</pre></code>";
    const uri = 'file:///cables/bad.cable';
    await client.open(uri, text);
    const { diagnostics } = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source, d.range]),
      [
        ['tag-unknown-type', 'cable', { start: positionOf(text, nth(text, 'PRE')), end: positionOf(text, nth(text, 'PRE') + 3) }],
        ['tag-stray-close', 'cable', { start: positionOf(text, nth(text, 'and ] and') + 4), end: positionOf(text, nth(text, 'and ] and') + 5) }],
        ['tag-empty', 'cable', { start: positionOf(text, nth(text, '[ORG')), end: positionOf(text, nth(text, '[ORG  ]') + 7) }],
        ['tag-unclosed', 'cable', { start: positionOf(text, nth(text, '[LOC')), end: positionOf(text, nth(text, '[LOC') + 4) }],
      ],
    );
    assert.equal(diagnostics[0].range.start.character, '( C ) The UK’s ['.length);
    assert.equal(diagnostics[0].message, 'Unknown entity type "PRE". Did you mean "PER"?');
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
  });

  it('hover on Pickard shows the mention count', async () => {
    await client.open(SEED_URI, seed);
    const offset = nth(seed, '[PER Pickard  ]', 2) + 7;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: positionOf(seed, offset) });
    const count = countOf(seed, '[PER Pickard  ]') + countOf(seed, '[PER Nicolas Pickard  ]');
    const markdown = (hover!.contents as MarkupContent).value;
    assert.match(markdown, new RegExp(`\\*\\*${count} mentions\\*\\* in this cable`));
    assert.match(markdown, /Nicolas Pickard/);
    assert.deepEqual(hover!.range!.start, positionOf(seed, nth(seed, '[PER Pickard  ]', 2)));
  });

  it('references of Pickard list all its mentions at their exact ranges', async () => {
    await client.open(SEED_URI, seed);
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: SEED_URI },
      position: positionOf(seed, nth(seed, 'Pickard  ]', 4)),
      context: { includeDeclaration: true },
    })) as Location[];
    const expected: Array<{ start: number; end: number }> = [];
    for (const m of seed.matchAll(/\[PER ((?:Nicolas )?Pickard) {2}\]/g)) expected.push({ start: m.index! + 5, end: m.index! + 5 + m[1].length });
    assert.deepEqual(
      refs.map((r) => r.range),
      expected.map((e) => ({ start: positionOf(seed, e.start), end: positionOf(seed, e.end) })),
    );
    assert.ok(refs.every((r) => r.uri === SEED_URI));
  });

  it('definition and highlights', async () => {
    await client.open(SEED_URI, seed);
    const position = positionOf(seed, nth(seed, 'Costner  ]', 2));
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: SEED_URI }, position })) as Location;
    assert.deepEqual(def.range.start, positionOf(seed, nth(seed, 'STEVEN COSTNER')));
    const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: SEED_URI }, position });
    assert.equal(highlights!.length, 6);
  });

  it('follows incremental edits', async () => {
    const uri = 'file:///cables/edit.cable';
    await client.open(uri, '[PER Bob  ] met [PER Bob  ] .');
    await client.diagnosticsFor(uri);
    client.clearDiagnostics(uri);
    // Delete the first closing bracket: the second tag now opens inside the first.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } }, text: '' }]);
    const { diagnostics } = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepEqual(diagnostics.map((d) => d.code), ['tag-unclosed', 'tag-nested']);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 21 } });
    assert.ok(hover);
  });

  it('a change with a malformed range: nothing of it applied, the user warned; a full-text change brings the copies together again', async () => {
    const uri = 'file:///cables/malformed-change.cable';
    await client.open(uri, '[PER Bob  ] met [PER Bob  ] .');
    await client.diagnosticsFor(uri);
    const bad = [{ range: { start: { line: 0, character: 0 } }, text: 'x' }, { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: 'y' }];
    await client.change(uri, 2, bad as unknown as TextDocumentContentChangeEvent[]);
    await client.until(() => client.warnings.some((w) => w.includes(uri)), 'the warning');
    assert.match(client.warnings.find((w) => w.includes(uri))!, /was not applied; the server's copy differs from the editor's until the cable is closed and opened again\.$/);
    // The server's copy is the opened text still: the second Bob is at character 21.
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 22 } })) as { contents: MarkupContent } | null;
    assert.match(hover!.contents.value, /\*\*Bob\*\*/);
    client.clearDiagnostics(uri);
    await client.change(uri, 3, [{ text: '[ORG Bob  ] met [PER Bob  ] .' }]);
    const { diagnostics } = await client.diagnosticsFor(uri, (p) => p.version === 3);
    assert.deepEqual(diagnostics.map((d) => d.code), ['entity-type-conflict']);
  });

  it('applies changed settings without a restart', async () => {
    const uri = 'file:///cables/settings.cable';
    await client.open(uri, '[PER A  ] [PER B ] [PER C  ] x ]');
    const first = await client.diagnosticsFor(uri);
    assert.deepEqual(first.diagnostics.map((d) => [d.code, d.severity]), [['tag-spacing', DiagnosticSeverity.Hint], ['tag-stray-close', DiagnosticSeverity.Warning]]);
    client.clearDiagnostics(uri);
    await client.changeSettings({ rules: { 'tag-spacing': 'off', 'tag-stray-close': 'error' } });
    const second = await client.diagnosticsFor(uri);
    assert.deepEqual(second.diagnostics.map((d) => [d.code, d.severity]), [['tag-stray-close', DiagnosticSeverity.Error]]);
    client.clearDiagnostics(uri);
    await client.changeSettings({ entityTypes: 'not a list', rules: 42 });
    const third = await client.diagnosticsFor(uri);
    assert.deepEqual(third.diagnostics.map((d) => d.code), ['tag-spacing', 'tag-stray-close'], 'malformed settings fall back to defaults');
    assert.ok(client.alive);
  });

  it('survives requests on unknown documents, positions past the end, and unknown methods', async () => {
    await client.open(SEED_URI, seed);
    const far = { line: 100_000, character: 100_000 };
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///nope' }, position: far }), null);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: far }), null);
    assert.deepEqual(await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: SEED_URI }, position: { line: -5, character: -1 }, context: { includeDeclaration: true } }), []);
    await assert.rejects(client.connection.sendRequest('cable/noSuchMethod', {}));
    await client.close(SEED_URI);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: { line: 2, character: 10 } }), null);
    assert.ok(client.alive);
  });

  /** Applies LSP text edits to a text (offsets computed independently of the server). */
  function applyLsp(text: string, edits: TextEdit[]): string {
    const offsetOf = (p: { line: number; character: number }) => {
      const lines = text.split('\n');
      return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    };
    const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
    let out = text;
    for (const e of sorted) out = out.slice(0, offsetOf(e.range.start)) + e.newText + out.slice(offsetOf(e.range.end));
    return out;
  }

  it('code actions on the Ford conflict: the preferred one retypes all mentions', async () => {
    await client.open(SEED_URI, seed);
    const { diagnostics } = await client.diagnosticsFor(SEED_URI);
    const conflict = diagnostics.find((d) => d.code === 'entity-type-conflict' && /"Ford"/.test(d.message))!;
    assert.ok(conflict);
    assert.equal(conflict.relatedInformation!.length, 4);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: SEED_URI },
      range: conflict.range,
      context: { diagnostics: [conflict], only: ['quickfix'] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, 'Retype all 5 mentions of "Andrew Ford" as PER');
    assert.deepEqual(preferred.diagnostics, [conflict]);
    const after = applyLsp(seed, preferred.edit!.changes![SEED_URI]);
    assert.equal(after, seed.split('[ORG Ford  ]').join('[PER Ford  ]'));
  });

  it('tag-all on an untagged mention is an annotated edit that asks for confirmation', async () => {
    await client.open(SEED_URI, seed);
    const { diagnostics } = await client.diagnosticsFor(SEED_URI);
    const untagged = diagnostics.find((d) => d.code === 'entity-untagged-mention' && /PM\/WRA/.test(d.message))!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: SEED_URI }, range: untagged.range, context: { diagnostics: [untagged] } })) as CodeAction[];
    const all = actions.find((a) => a.title.startsWith('Tag all'))!;
    const change = all.edit!.documentChanges![0] as { edits: Array<TextEdit & { annotationId: string }> };
    assert.ok(change.edits.every((e) => e.annotationId === 'taggedCables.bulk'));
    assert.equal(all.edit!.changeAnnotations!['taggedCables.bulk'].needsConfirmation, true);
    assert.equal(applyLsp(seed, change.edits).split('[ORG PM/WRA  ]').length - 1, 5);
  });

  it('rename: prepare gives the text range; rename edits every mention; bad names are refused', async () => {
    await client.open(SEED_URI, seed);
    const position = positionOf(seed, nth(seed, '[PER Mathias  ]') + 7);
    const prepared = (await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: SEED_URI }, position })) as { range: unknown; placeholder: string };
    assert.equal(prepared.placeholder, 'Mathias');
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: SEED_URI }, position, newName: 'Matthias' });
    const after = applyLsp(seed, edit!.changes![SEED_URI]);
    assert.equal(countOf(after, '[PER Matthias  ]'), countOf(seed, '[PER Mathias  ]'));
    assert.equal(countOf(after, '[PER Stephen Matthias  ]'), 1);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: SEED_URI }, position, newName: 'A ] B' }), /cannot contain/);
    await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: SEED_URI }, position: { line: 2, character: 10 } }), /entity tag/);
    assert.ok(client.alive);
  });

  it('completion after [ and after [PER ', async () => {
    const uri = 'file:///cables/complete.cable';
    const text = '[PER Nicolas Pickard  ] met [PER Pickard  ] . Then [';
    await client.open(uri, text);
    const types = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length } })) as CompletionItem[];
    assert.deepEqual(types.map((c) => c.label), ['PER', 'ORG', 'LOC', 'MISC']);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: text.length }, end: { line: 0, character: text.length } }, text: 'PER ' }]);
    const names = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length + 4 } })) as CompletionItem[];
    assert.deepEqual(names.map((c) => c.label), ['Nicolas Pickard', 'Pickard']);
    assert.equal((names[1].textEdit as TextEdit).newText, 'Pickard  ]');
  });

  it('outline and folding of the seed', async () => {
    await client.open(SEED_URI, seed);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: SEED_URI } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Header', 'Summary', 'CONVENTION ON CLUSTER MUNITIONS', 'CCM AT NATO', 'CCW', 'WAY FORWARD', 'Entities']);
    assert.match(symbols[2].children![0].name, /^¶3 \(C\) Pickard informed/);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: SEED_URI } });
    const headingLine = seed.split('\n').findIndex((l) => l.includes('CONVENTION ON CLUSTER MUNITIONS -'));
    assert.ok(folds!.some((f) => f.startLine === headingLine && f.endLine > headingLine), 'the section folds');
    assert.ok(folds!.length >= 10, `${folds!.length} folding ranges`);
  });

  it('above the size limit: tag checks go on, entity checks stop, and a message says so once', async () => {
    await client.changeSettings({ maxFileSizeMB: 0.005 });
    await client.open(SEED_URI, seed);
    const { diagnostics } = await client.diagnosticsFor(SEED_URI);
    assert.deepEqual(diagnostics.filter((d) => String(d.code).startsWith('entity-')), []);
    await client.change(SEED_URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    await client.diagnosticsFor(SEED_URI, (p) => p.version === 2);
    assert.equal(client.messages.filter((m) => /above taggedCables.maxFileSizeMB/.test(m)).length, 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: positionOf(seed, nth(seed, 'Pickard') + 1) });
    assert.ok(hover, 'hover still works');
  });

  it('survives huge ranges, malformed parameters, cancelled requests and edits racing requests', async () => {
    await client.open(SEED_URI, seed);
    const all = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: SEED_URI }, range: { start: { line: 0, character: 0 }, end: { line: 1e6, character: 1e6 } }, context: { diagnostics: [] } });
    assert.ok(Array.isArray(all));
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: SEED_URI }, position: null }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/references', { textDocument: null, position: { line: 0, character: 0 } }), []);
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: SEED_URI }, position: positionOf(seed, nth(seed, 'Pickard')), context: { includeDeclaration: true } }, source.token);
    source.cancel();
    await cancelled.catch(() => undefined);
    // An edit sent right before a request: the request sees the new text.
    await client.change(SEED_URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 54, character: 0 } }, text: '' }]);
    const stale = await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: SEED_URI }, position: positionOf(seed, nth(seed, 'Pickard', 5)), context: { includeDeclaration: true } });
    assert.deepEqual(stale, []);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED_URI }, position: { line: 0, character: 3 } });
    assert.equal(hover, null);
    assert.ok(client.alive);
    assert.ok(client.logs.some((l) => /hover failed|references failed/.test(l)) || client.stderr.length >= 0);
  });
});
